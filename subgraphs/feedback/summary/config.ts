// FEEDBACK_SUMMARY_SCHEDULE: when the weekly summary runs, "FRI 15:00" (Việt Nam time) by default, or
// "off" to run it only by hand (node subgraphs/feedback/summary/run.ts <week>).
import { z } from 'zod';
import { parseConfig } from '../../../platform/config.ts';
import { DEFAULT_SUMMARY_SCHEDULE, parseWeeklySchedule, ScheduleError } from './schedule.ts';
import type { WeeklySchedule } from './schedule.ts';

/** The summary's settings. */
export interface SummarySettings {
  /** null: no automatic run. */
  readonly summarySchedule: WeeklySchedule | null;
}

const SUMMARY_SCHEMA = z
  .object({
    FEEDBACK_SUMMARY_SCHEDULE: z
      .string()
      .default(DEFAULT_SUMMARY_SCHEDULE)
      .transform((text, context): WeeklySchedule | null => {
        if (text.trim().toLowerCase() === 'off') return null;
        try {
          return parseWeeklySchedule(text);
        } catch (error) {
          if (!(error instanceof ScheduleError)) throw error;
          context.addIssue({ code: 'custom', message: 'must be a weekday and a 24-hour time in Việt Nam, e.g. "FRI 15:00", or "off"' });
          return z.NEVER;
        }
      }),
  })
  .transform((env): SummarySettings => ({ summarySchedule: env.FEEDBACK_SUMMARY_SCHEDULE }));

/** Validate FEEDBACK_SUMMARY_SCHEDULE (throws ConfigError). */
export function parseSummaryConfig(env: Record<string, string | undefined>): SummarySettings {
  return parseConfig('feedback', SUMMARY_SCHEMA, env);
}
