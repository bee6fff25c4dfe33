// Runs the weekly summary at its scheduled moment, with a clock tests can replace. At start it also
// catches up on this week's run if the process was down at the moment (same ISO week only: a summary
// delivered the next week is news nobody wants). Every replica may run it: the summary is idempotent.
import type { Logger } from '../../../platform/logger.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import { isoWeekOf, nextRun, previousRun } from './schedule.ts';
import type { WeeklySchedule } from './schedule.ts';
import { runWeeklySummary } from './weekly-summary.ts';
import type { LeaderSummary } from './weekly-summary.ts';

/** Time and timers, injectable. */
export interface Clock {
  now(): Date;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock; timers do not keep the process alive. */
export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Scheduler settings. */
export interface SummarySchedulerOptions {
  readonly db: PrismaClient;
  readonly schedule: WeeklySchedule;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** After a failed run, try again after this long. Default 60 s. */
  readonly retryMs?: number;
  /** Told after each run (tests wait on it). */
  readonly onRun?: (week: string, summaries: readonly LeaderSummary[]) => void;
}

/** A running scheduler. */
export interface SummaryScheduler {
  /** The moment of the next run. */
  readonly nextAt: () => Date | undefined;
  stop(): Promise<void>;
}

// Node timers overflow past 2^31 - 1 ms (about 24.8 days); a week is well under, but re-arm in steps anyway.
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Start running `runWeeklySummary` at every scheduled moment. */
export function startWeeklySummaryScheduler(options: SummarySchedulerOptions): SummaryScheduler {
  const clock = options.clock ?? systemClock;
  const retryMs = options.retryMs ?? 60_000;
  let timer: unknown;
  let next: Date | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const run = (week: string, due: Date) => {
    running = (async () => {
      try {
        const summaries = await runWeeklySummary(options.db, week, options.schedule);
        options.logger?.info({ week, leaders: summaries.length, emitted: summaries.filter((summary) => summary.emitted).length }, 'weekly summary done');
        options.onRun?.(week, summaries);
        if (!stopped) arm(nextRun(options.schedule, due));
      } catch (error) {
        if (stopped) return;
        options.logger?.error({ err: error, week }, 'weekly summary failed; retrying');
        arm(new Date(clock.now().getTime() + retryMs), () => run(week, due));
      }
    })();
  };

  const arm = (at: Date, action?: () => void) => {
    next = at;
    const wait = Math.max(0, at.getTime() - clock.now().getTime());
    timer = clock.setTimeout(
      () => {
        if (stopped) return;
        // Woken early (a long wait in steps, or a clock that jumped back): wait the rest.
        if (clock.now().getTime() < at.getTime()) return arm(at, action);
        if (action) return action();
        run(isoWeekOf(at), at);
      },
      Math.min(wait, MAX_TIMER_MS),
    );
  };

  const now = clock.now();
  const last = previousRun(options.schedule, now);
  if (isoWeekOf(last) === isoWeekOf(now)) run(isoWeekOf(last), last);
  else arm(nextRun(options.schedule, now));

  return {
    nextAt: () => next,
    async stop() {
      stopped = true;
      clock.clearTimeout(timer);
      await running;
    },
  };
}
