// The gateway's side of the query planner: plans are made in planner-process.mjs, a child process,
// because a panic in the Rust planner aborts whichever process runs it. A crash (or a plan that
// takes too long) fails only the plans in flight; the next plan starts a fresh planner process.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { QueryPlan } from '@graphql-hive/router-query-planner';
import type { Logger } from '../../platform/logger.ts';

/** What the gateway sends the planner process. */
export type PlannerRequest =
  | { readonly kind: 'init'; readonly supergraphSdl: string }
  | {
      readonly kind: 'plan';
      readonly id: number;
      readonly query: string;
      readonly operationName: string | undefined;
      readonly activeLabels: readonly string[];
      readonly percentage: number;
      readonly timeoutMs: number;
    };

/** What the planner process answers. */
export type PlannerReply =
  | { readonly kind: 'ready'; readonly overrideLabels: readonly string[]; readonly overridePercentages: readonly number[] }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'plan'; readonly id: number; readonly plan: QueryPlan }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };

/** Why an operation has no plan: the planner refused it, or its process died or timed out while planning. */
export class PlanningFailed extends Error {
  /** The planner process crashed, timed out or was stopped. */
  readonly crashed: boolean;
  /** This operation was the only one in flight when the process crashed, or the one that timed out. */
  readonly culprit: boolean;
  constructor(message: string, crashed: boolean, culprit = !crashed) {
    super(message);
    this.crashed = crashed;
    this.culprit = culprit;
  }
}

/** The planner, in its own process. */
export interface Planner {
  /** Labels of progressive @override in the supergraph (`@override(label: "…")`). */
  readonly overrideLabels: readonly string[];
  /** The percentages of progressive @override (`percent(n)`), 0–100. */
  readonly overridePercentages: readonly number[];
  /** Plan one validated operation. Rejects with PlanningFailed. */
  plan(query: string, operationName: string | undefined, activeLabels: readonly string[], percentage: number): Promise<QueryPlan>;
  stop(): Promise<void>;
}

/** Planner process options. */
export interface PlannerOptions {
  /** The planner gives up on one operation after this long (default 10 s). */
  readonly timeoutMs?: number;
  readonly logger: Logger;
}

interface Pending {
  readonly resolve: (plan: QueryPlan) => void;
  readonly reject: (error: PlanningFailed) => void;
  readonly timer: NodeJS.Timeout;
  /** It timed out: the process is being killed because of it. */
  timedOut: boolean;
}

interface Running {
  readonly child: ChildProcess;
  readonly ready: Promise<{ overrideLabels: readonly string[]; overridePercentages: readonly number[] }>;
}

const PROCESS_FILE = new URL('./planner-process.mjs', import.meta.url);

/** Start the planner process on `supergraphSdl` (rejects when the planner refuses the supergraph). */
export async function startPlanner(supergraphSdl: string, options: PlannerOptions): Promise<Planner> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let running: Running | undefined;
  let stopped = false;

  const settleAll = (message: string) => {
    const alone = pending.size === 1;
    for (const [id, entry] of pending) {
      clearTimeout(entry.timer);
      pending.delete(id);
      entry.reject(new PlanningFailed(message, true, !stopped && (alone || entry.timedOut)));
    }
  };

  // The channel keeps the gateway's event loop alive only while plans are in flight.
  const holdOpen = (child: ChildProcess, hold: boolean) => {
    const channel = child.channel as { ref?: () => void; unref?: () => void } | null | undefined;
    if (hold) {
      child.ref();
      channel?.ref?.();
    } else {
      child.unref();
      channel?.unref?.();
    }
  };

  const spawn = (): Running => {
    // No inherited flags (a test runner's, an inspector's): the planner process runs plain node.
    const child = fork(PROCESS_FILE, [], { execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-2_000);
    });
    const ready = new Promise<{ overrideLabels: readonly string[]; overridePercentages: readonly number[] }>((resolve, reject) => {
      child.on('message', (message: PlannerReply) => {
        switch (message.kind) {
          case 'ready':
            resolve(message);
            return;
          case 'failed':
            reject(new Error(`The query planner refused the supergraph: ${message.message}`));
            return;
          case 'plan':
          case 'error': {
            const entry = pending.get(message.id);
            if (!entry) return;
            pending.delete(message.id);
            clearTimeout(entry.timer);
            if (pending.size === 0) holdOpen(child, false);
            if (message.kind === 'plan') entry.resolve(message.plan);
            else entry.reject(new PlanningFailed(message.message, false));
          }
        }
      });
      child.on('exit', (code, signal) => {
        if (running?.child === child) running = undefined;
        reject(new Error(`The query planner process exited before it was ready (${signal ?? code}).`));
        if (pending.size > 0 || !stopped) {
          // The planner's last words (a Rust panic message) say which document broke it; no query text.
          if (!stopped) options.logger.error({ code, signal, stderr: stderr.trim().split('\n').slice(0, 2).join(' ') }, 'query planner process exited');
          settleAll('The query planner process stopped while planning.');
        }
      });
    });
    ready.catch(() => undefined);
    child.send({ kind: 'init', supergraphSdl } satisfies PlannerRequest);
    holdOpen(child, false);
    return { child, ready };
  };

  running = spawn();
  const first = await running.ready.catch(async (error: unknown) => {
    stopped = true;
    running?.child.kill('SIGKILL');
    throw error;
  });

  return {
    overrideLabels: first.overrideLabels,
    overridePercentages: first.overridePercentages,
    async plan(query, operationName, activeLabels, percentage) {
      if (stopped) throw new PlanningFailed('The query planner is stopped.', true);
      const current = running ?? (running = spawn());
      try {
        await current.ready;
      } catch (error) {
        throw new PlanningFailed(error instanceof Error ? error.message : String(error), true);
      }
      const id = nextId++;
      return new Promise<QueryPlan>((resolve, reject) => {
        // The process checks its own timeout; this one catches a planner that stopped answering.
        const timer = setTimeout(() => {
          const entry = pending.get(id);
          if (entry) entry.timedOut = true;
          options.logger.error({ timeoutMs }, 'query planner process did not answer: restarting it');
          current.child.kill('SIGKILL');
        }, timeoutMs + 5_000);
        pending.set(id, { resolve, reject, timer, timedOut: false });
        holdOpen(current.child, true);
        current.child.send({ kind: 'plan', id, query, operationName, activeLabels, percentage, timeoutMs } satisfies PlannerRequest);
      });
    },
    async stop() {
      stopped = true;
      const current = running;
      running = undefined;
      settleAll('The query planner is stopped.');
      if (!current || current.child.exitCode !== null || current.child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => current.child.once('exit', () => resolve()));
      current.child.kill('SIGTERM');
      await exited;
    },
  };
}
