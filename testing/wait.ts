// Waiting in tests that watch something happen elsewhere (a subscription, a mailbox, a process, a replica
// following the registry, an event crossing the bus): poll a check until it holds or passes, or stop a
// child process and wait until it is gone.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Poll `check` every 100 ms until it returns a value other than undefined or false; fail after `ms`. */
export async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  for (let waited = 0; waited < ms; waited += 100) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await sleep(100);
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** Retry `check` every 100 ms until it passes; after `timeoutMs`, rethrow its last error (the check's own assertion says what was wrong). */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

/** Send `signal` to `child` (when it still runs) and wait for it to exit. */
export async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
