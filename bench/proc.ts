// Child processes for the benchmark: spawned pinned to a core, tracked, and all killed at the end, on
// Ctrl-C and on errors; plus what /proc says about a process (CPU time, peak RSS) and a free port.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const WATCH_PARENT = fileURLToPath(new URL('./watch-parent.mjs', import.meta.url));
const children = new Set<ChildProcess>();

/** Whether `taskset` can pin processes here. */
export const TASKSET_AVAILABLE = (() => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Clock ticks per second for /proc/<pid>/stat. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A tracked child process with the tail of its output, for error messages. */
export interface Tracked {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Last few KB of stdout + stderr. */
  output(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
}

/**
 * Start `node [--import watch-parent] <args>` pinned to `core` (when pinning is on and taskset exists).
 * taskset execs node, so the pid is node's own. With `ipc`, the child gets an IPC channel.
 */
export function spawnNode(args: readonly string[], options: { core: number | undefined; env?: NodeJS.ProcessEnv; cwd?: string; ipc?: boolean }): Tracked {
  const nodeArgs = ['--import', WATCH_PARENT, ...args];
  const [command, commandArgs] = options.core !== undefined && TASKSET_AVAILABLE ? ['taskset', ['-c', String(options.core), process.execPath, ...nodeArgs]] : [process.execPath, nodeArgs];
  const spawnOptions: SpawnOptions = {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: options.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  };
  const child = spawn(command, commandArgs, spawnOptions);
  children.add(child);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-6000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true;
      children.delete(child);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      done = true;
      children.delete(child);
      tail += `\n${error.message}`;
      resolve({ code: -1, signal: null });
    });
  });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  return { child, pid: child.pid, output: () => tail, exited, hasExited: () => done };
}

/** Stop one process: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(tracked: Tracked, graceMs = 4000): Promise<void> {
  if (tracked.hasExited()) return;
  tracked.child.kill('SIGTERM');
  const timer = setTimeout(() => tracked.child.kill('SIGKILL'), graceMs);
  await tracked.exited;
  clearTimeout(timer);
}

/** Kill every child still running (synchronously: usable from an 'exit' handler). */
export function killAllNow(): void {
  for (const child of children) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  children.clear();
}

/** Kill every child on Ctrl-C, SIGTERM, an uncaught error and at exit. */
export function installCleanup(onSignal: () => void): void {
  process.once('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}: stopping every process it started\n`);
      onSignal();
      killAllNow();
      process.exit(130);
    });
  }
}

/** A free loopback TCP port (probe: listen on 0, read, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** CPU time a process has used (user + system), in milliseconds; undefined once it is gone. */
export function cpuMs(pid: number): number | undefined {
  return statTicksMs(pid, 2);
}

/** CPU time of a process plus its children that have ended and been reaped (cutime + cstime), in milliseconds: a load generator and the wrk runs it waited for. */
export function cpuWithEndedChildrenMs(pid: number): number | undefined {
  return statTicksMs(pid, 4);
}

/** The sum of the first `count` of utime, stime, cutime, cstime in /proc/<pid>/stat, in milliseconds. */
function statTicksMs(pid: number, count: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), counted from field 3: utime is 14, stime 15, cutime 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    let ticks = 0;
    for (let index = 11; index < 11 + count; index++) ticks += Number(fields[index]);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** CPU time of a process and its living descendants (a gateway's planner process), in milliseconds. */
export function treeCpuMs(pid: number): number | undefined {
  const own = cpuMs(pid);
  if (own === undefined) return undefined;
  return descendantPids(pid).reduce((sum, child) => sum + (cpuMs(child) ?? 0), own);
}

/** CPU time the whole machine spent busy (every core; steal included), in milliseconds. */
export function machineBusyMs(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user)
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
    const ticks = [user, nice, system, irq, softirq, steal].reduce<number>((sum, value) => sum + (value ?? 0), 0);
    return (ticks * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** A size field of /proc/<pid>/status (VmHWM = peak resident set, VmRSS = now), in kB. */
export function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** The pids of every living descendant of `pid` (children, their children…), from /proc/<pid>/stat's ppid. */
export function descendantPids(pid: number): number[] {
  const parentOf = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Field 4 (ppid) is the second after the command name, which may hold spaces.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = parentOf.get(ppid);
      if (list) list.push(Number(entry));
      else parentOf.set(ppid, [Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of parentOf.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

const PAGE_BYTES = 4096;

/**
 * The physical page frames behind a process's resident pages, from /proc/<pid>/pagemap (only the mappings
 * smaps shows resident pages in). The kernel gives frame numbers to a reader with CAP_SYS_ADMIN only
 * (zeros otherwise): then, and when the process is gone, undefined.
 */
export function residentFrames(pid: number): Set<number> | undefined {
  let smaps: string;
  let fd: number;
  try {
    smaps = readFileSync(`/proc/${pid}/smaps`, 'utf8');
    fd = openSync(`/proc/${pid}/pagemap`, 'r');
  } catch {
    return undefined;
  }
  try {
    const frames = new Set<number>();
    let range: [number, number] | undefined;
    for (const line of smaps.split('\n')) {
      const header = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
      if (header) {
        range = [parseInt(header[1] as string, 16), parseInt(header[2] as string, 16)];
        continue;
      }
      if (!range || !/^Rss:\s+[1-9]/.test(line)) continue;
      const pages = (range[1] - range[0]) / PAGE_BYTES;
      const entries = Buffer.allocUnsafe(pages * 8);
      readSync(fd, entries, 0, entries.length, (range[0] / PAGE_BYTES) * 8);
      for (let page = 0; page < pages; page++) {
        const high = entries.readUInt32LE(page * 8 + 4);
        if ((high & 0x80000000) === 0) continue; // not present
        const frame = (high & 0x7fffff) * 2 ** 32 + entries.readUInt32LE(page * 8); // bits 0–54
        if (frame === 0) return undefined;
        frames.add(frame);
      }
    }
    return frames;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Peak resident memory of a process and what its living descendants (our gateway's planner process) add
 * to it, in kB. A child runs the same node binary, whose resident pages are the same physical pages in
 * both (about 42 MB): where /proc gives page frames (`residentFrames`), a child adds only the pages the
 * parent does not hold, read now — as a container's memory accounting counts them. Otherwise (`sum`) each
 * child's own peak is added whole, an upper bound.
 */
export function treePeakKb(pid: number): { own: number | undefined; descendants: number; method: 'pages' | 'sum' } {
  const children = descendantPids(pid);
  const parentFrames = children.length > 0 ? residentFrames(pid) : undefined;
  let descendants = 0;
  let method: 'pages' | 'sum' = 'pages';
  for (const child of children) {
    const childFrames = parentFrames && residentFrames(child);
    if (parentFrames && childFrames) {
      let added = 0;
      for (const frame of childFrames) if (!parentFrames.has(frame)) added++;
      descendants += (added * PAGE_BYTES) / 1024;
    } else {
      method = 'sum';
      descendants += statusKb(child, 'VmHWM') ?? 0;
    }
  }
  return { own: statusKb(pid, 'VmHWM'), descendants, method };
}

/** Whether /proc is there to measure CPU and memory. */
export const PROC_AVAILABLE = existsSync(`/proc/${process.pid}/stat`);

/** Wait for the first IPC message of `type` from a child (or fail when it exits or times out). */
export function waitForMessage<T extends { type: string }>(tracked: Tracked, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no "${type}" message within ${timeoutMs / 1000} s; output:\n${tracked.output()}`));
    }, timeoutMs);
    const onMessage = (message: unknown) => {
      const typed = message as { type?: string; message?: string };
      if (typed.type === type) {
        cleanup();
        resolve(message as T);
      } else if (typed.type === 'error') {
        cleanup();
        reject(new Error(`${typed.message ?? 'child failed'}\n${tracked.output()}`));
      }
    };
    const onExit = () => {
      cleanup();
      reject(new Error(`exited before "${type}"; output:\n${tracked.output()}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      tracked.child.off('message', onMessage);
      tracked.child.off('exit', onExit);
    };
    tracked.child.on('message', onMessage);
    tracked.child.once('exit', onExit);
  });
}
