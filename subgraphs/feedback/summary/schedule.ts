// When the weekly summary runs: a weekday and a time in Việt Nam (Asia/Ho_Chi_Minh, UTC+7 all year:
// no daylight saving since 1975, so a fixed offset is exact), "FRI 15:00" by default. Weeks are ISO
// weeks in Việt Nam time (Monday to Sunday), named like 2026-W47; a summary covers the seven days up
// to its run, so consecutive summaries leave no gap and never overlap.
import { VIETNAM_OFFSET_MS } from '../../../platform/vietnam-time.ts';

/** A weekly moment in Việt Nam time. */
export interface WeeklySchedule {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  readonly weekday: number;
  readonly hour: number;
  readonly minute: number;
}

/** What a summary covers: [start, end), end being the scheduled run of `week`. */
export interface SummaryPeriod {
  readonly week: string;
  readonly start: Date;
  readonly end: Date;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;

/** The default: Friday 15:00 in Việt Nam. */
export const DEFAULT_SUMMARY_SCHEDULE = 'FRI 15:00';

/** Raised for a schedule or week that cannot be read. */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
}

/** Parse "FRI 15:00" (weekday MON…SUN, 24-hour time, Việt Nam time). */
export function parseWeeklySchedule(text: string): WeeklySchedule {
  const match = /^\s*([A-Za-z]{3})\s+([01]?\d|2[0-3]):([0-5]\d)\s*$/.exec(text);
  const weekday = match ? WEEKDAYS.indexOf(match[1]!.toUpperCase() as (typeof WEEKDAYS)[number]) + 1 : 0;
  if (!match || weekday === 0) throw new ScheduleError(`"${text}" is not a weekly schedule: write a weekday and a 24-hour time in Việt Nam, e.g. "FRI 15:00"`);
  return { weekday, hour: Number(match[2]), minute: Number(match[3]) };
}

/** "FRI 15:00" again. */
export function formatWeeklySchedule(schedule: WeeklySchedule): string {
  return `${WEEKDAYS[schedule.weekday - 1]} ${String(schedule.hour).padStart(2, '0')}:${String(schedule.minute).padStart(2, '0')}`;
}

/** Monday 00:00 (Việt Nam) of the ISO week containing `at`, as an instant. */
function weekStart(at: Date): number {
  const local = at.getTime() + VIETNAM_OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  const isoDay = ((new Date(midnight).getUTCDay() + 6) % 7) + 1;
  return midnight - (isoDay - 1) * DAY_MS - VIETNAM_OFFSET_MS;
}

function slotIn(weekStartMs: number, schedule: WeeklySchedule): number {
  return weekStartMs + (schedule.weekday - 1) * DAY_MS + (schedule.hour * 60 + schedule.minute) * 60_000;
}

/** The first scheduled moment strictly after `now`. */
export function nextRun(schedule: WeeklySchedule, now: Date): Date {
  const slot = slotIn(weekStart(now), schedule);
  return new Date(slot > now.getTime() ? slot : slot + WEEK_MS);
}

/** The last scheduled moment at or before `now`. */
export function previousRun(schedule: WeeklySchedule, now: Date): Date {
  const slot = slotIn(weekStart(now), schedule);
  return new Date(slot <= now.getTime() ? slot : slot - WEEK_MS);
}

/** The ISO week (Việt Nam time) of `at`, e.g. "2026-W47". */
export function isoWeekOf(at: Date): string {
  const monday = weekStart(at) + VIETNAM_OFFSET_MS;
  // The ISO year is the year of the week's Thursday.
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday 00:00 (Việt Nam) of ISO week "2026-W47", as an instant. */
export function startOfIsoWeek(week: string): Date {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!match) throw new ScheduleError(`"${week}" is not an ISO week such as 2026-W47`);
  const year = Number(match[1]);
  const number = Number(match[2]);
  // 4 January is always in week 1.
  const week1 = weekStart(new Date(Date.UTC(year, 0, 4) - VIETNAM_OFFSET_MS));
  const start = new Date(week1 + (number - 1) * WEEK_MS);
  if (number < 1 || isoWeekOf(start) !== week) throw new ScheduleError(`${year} has no week ${number}`);
  return start;
}

/** The period the summary of `week` covers: the seven days up to that week's scheduled run. */
export function summaryPeriod(schedule: WeeklySchedule, week: string): SummaryPeriod {
  const end = slotIn(startOfIsoWeek(week).getTime(), schedule);
  return { week, start: new Date(end - WEEK_MS), end: new Date(end) };
}
