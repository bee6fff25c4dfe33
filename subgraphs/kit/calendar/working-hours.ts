// Deadlines in working hours on the civil-service calendar: Monday–Friday 07:30–11:30 and 13:00–17:00 in
// Việt Nam (UTC+7, no DST), minus the days off in holidays.ts, plus the Saturdays worked in exchange.
//
// Pure and exact to the millisecond: an instant is split into a local day number (days since 1970-01-01
// at the calendar's offset) and a time of day; whole weeks are skipped arithmetically (a normal week's
// working time, corrected by a prefix sum over the year's exceptions), so a deadline costs a handful of
// steps whatever its length. Outside the years the data covers, a CalendarNotCoveredError is thrown
// instead of guessing. Overdue is computed from the deadline (isOverdue), never stored.
import { HOLIDAYS } from './holidays.ts';
import type { HolidayCalendarYear } from './holidays.ts';

/** A working-time calendar. Sessions are local 'HH:MM' ('24:00' allowed as an end), sorted or not. */
export interface WorkingCalendar {
  readonly sessions: readonly { start: string /* 'HH:MM' */; end: string }[];
  /** ISO weekdays worked in an ordinary week: 1 = Monday … 7 = Sunday. */
  readonly weekdays: readonly number[];
  /** Local time = UTC + this offset (fixed: no daylight saving). */
  readonly utcOffsetMinutes: number;
  /** The years whose days off and worked Saturdays are known; other years are refused. */
  readonly years: readonly HolidayCalendarYear[];
}

/** The common civil-service day in Việt Nam, with the holiday data of holidays.ts. */
export const CIVIL_SERVICE_CALENDAR: WorkingCalendar = Object.freeze({
  sessions: Object.freeze([Object.freeze({ start: '07:30', end: '11:30' }), Object.freeze({ start: '13:00', end: '17:00' })]),
  weekdays: Object.freeze([1, 2, 3, 4, 5]),
  utcOffsetMinutes: 7 * 60,
  years: HOLIDAYS,
});

/** A computation reached a year for which the calendar has no holiday data. */
export class CalendarNotCoveredError extends Error {
  override readonly name = 'CalendarNotCoveredError';
  /** The (local) year that is not covered. */
  readonly year: number;
  constructor(year: number, coveredYears: readonly number[]) {
    const covered = coveredYears.length === 0 ? 'none' : [...coveredYears].sort((a, b) => a - b).join(', ');
    super(`the working-hours calendar has no holiday data for ${year} (covered years: ${covered}); ` + `add ${year}'s official schedule to subgraphs/kit/calendar/holidays.ts`);
    this.year = year;
  }
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

interface Session {
  readonly start: number; // ms since local midnight
  readonly end: number;
}

interface CompiledCalendar {
  readonly offsetMs: number;
  readonly sessions: readonly Session[];
  readonly lastSessionEnd: number;
  readonly dayMs: number; // working ms in a working day
  readonly workingWeekday: readonly boolean[]; // index: ISO weekday 1..7
  readonly weekMs: number; // working ms in an ordinary week
  readonly coveredYears: ReadonlySet<number>;
  readonly daysOff: ReadonlySet<number>; // local day numbers
  readonly extraDays: ReadonlySet<number>;
  /** Sorted day numbers whose working time differs from an ordinary week's, and prefix sums of the difference. */
  readonly exceptionDays: readonly number[];
  readonly exceptionPrefix: readonly number[]; // exceptionPrefix[i] = sum of the first i differences
  /** Appointment days found so far, by day of receipt × MEMO_DAYS_LIMIT + working days (appointmentDay). */
  readonly appointmentDays: Map<number, number>;
}

const compiledCalendars = new WeakMap<WorkingCalendar, CompiledCalendar>();

function parseClock(value: string, what: string, allowEndOfDay: boolean): number {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const valid = match !== null && minutes < 60 && (hours < 24 || (allowEndOfDay && hours === 24 && minutes === 0));
  if (!valid) throw new RangeError(`working calendar: ${what} '${value}' is not a local time 'HH:MM'`);
  return hours * HOUR_MS + minutes * MINUTE_MS;
}

function parseDate(value: string, year: number): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const time = match === null ? Number.NaN : Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const valid = match !== null && !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  if (!valid) throw new RangeError(`working calendar: '${value}' is not a date 'YYYY-MM-DD'`);
  if (Number(match[1]) !== year) throw new RangeError(`working calendar: ${value} is listed under year ${year}`);
  return time / DAY_MS;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day number; day 0, 1970-01-01, was a Thursday. */
function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function firstDayOfYear(year: number): number {
  return Date.UTC(year, 0, 1) / DAY_MS;
}

function compile(calendar: WorkingCalendar): CompiledCalendar {
  const cached = compiledCalendars.get(calendar);
  if (cached !== undefined) return cached;

  const { utcOffsetMinutes } = calendar;
  if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) {
    throw new RangeError(`working calendar: utcOffsetMinutes ${utcOffsetMinutes} is not a whole number of minutes within ±14 h`);
  }
  const sessions = calendar.sessions
    .map((session) => ({ start: parseClock(session.start, 'session start', false), end: parseClock(session.end, 'session end', true) }))
    .sort((a, b) => a.start - b.start);
  if (sessions.length === 0) throw new RangeError('working calendar: no working session');
  sessions.forEach((session, index) => {
    if (session.end <= session.start) throw new RangeError('working calendar: a session ends before it starts');
    const previous = sessions[index - 1];
    if (previous !== undefined && session.start < previous.end) throw new RangeError('working calendar: sessions overlap');
  });
  const dayMs = sessions.reduce((sum, session) => sum + session.end - session.start, 0);

  const workingWeekday = Array.from({ length: 8 }, () => false);
  for (const weekday of calendar.weekdays) {
    if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new RangeError(`working calendar: weekday ${weekday} is not 1 (Monday) … 7 (Sunday)`);
    workingWeekday[weekday] = true;
  }
  const weekMs = workingWeekday.filter(Boolean).length * dayMs;
  if (weekMs === 0) throw new RangeError('working calendar: no working weekday');

  const coveredYears = new Set<number>();
  const daysOff = new Set<number>();
  const extraDays = new Set<number>();
  for (const entry of calendar.years) {
    if (coveredYears.has(entry.year)) throw new RangeError(`working calendar: year ${entry.year} is listed twice`);
    coveredYears.add(entry.year);
    for (const { date } of entry.daysOff) daysOff.add(parseDate(date, entry.year));
    for (const { date } of entry.workingSaturdays) extraDays.add(parseDate(date, entry.year));
  }
  for (const day of extraDays) {
    if (daysOff.has(day)) throw new RangeError(`working calendar: day ${new Date(day * DAY_MS).toISOString().slice(0, 10)} is both a day off and a worked day`);
  }

  const differences = new Map<number, number>();
  for (const day of daysOff) if (workingWeekday[isoWeekday(day)] === true) differences.set(day, -dayMs);
  for (const day of extraDays) if (workingWeekday[isoWeekday(day)] !== true) differences.set(day, dayMs);
  const exceptionDays = [...differences.keys()].sort((a, b) => a - b);
  const exceptionPrefix = [0];
  for (const day of exceptionDays) exceptionPrefix.push((exceptionPrefix.at(-1) ?? 0) + (differences.get(day) ?? 0));

  const compiled: CompiledCalendar = {
    offsetMs: utcOffsetMinutes * MINUTE_MS,
    sessions,
    lastSessionEnd: sessions.at(-1)?.end ?? 0,
    dayMs,
    workingWeekday,
    weekMs,
    coveredYears,
    daysOff,
    extraDays,
    exceptionDays,
    exceptionPrefix,
    appointmentDays: new Map(),
  };
  compiledCalendars.set(calendar, compiled);
  return compiled;
}

function notCovered(calendar: CompiledCalendar, year: number): CalendarNotCoveredError {
  return new CalendarNotCoveredError(year, [...calendar.coveredYears]);
}

/** Whether the local day is worked; throws when its year is not covered. */
function isWorkingDay(calendar: CompiledCalendar, day: number): boolean {
  const year = yearOfDay(day);
  if (!calendar.coveredYears.has(year)) throw notCovered(calendar, year);
  if (calendar.daysOff.has(day)) return false;
  if (calendar.extraDays.has(day)) return true;
  return calendar.workingWeekday[isoWeekday(day)] === true;
}

/** The first day after `day` whose year is not covered (the covered run must include `day`'s year). */
function coveredUntil(calendar: CompiledCalendar, day: number): number {
  let year = yearOfDay(day);
  if (!calendar.coveredYears.has(year)) throw notCovered(calendar, year);
  while (calendar.coveredYears.has(year + 1)) year += 1;
  return firstDayOfYear(year + 1);
}

/** Index of the first exception day ≥ day. */
function lowerBound(days: readonly number[], day: number): number {
  let low = 0;
  let high = days.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((days[middle] ?? Number.POSITIVE_INFINITY) < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Working ms in the whole local days [from, to); every day must be covered (the caller checks). */
function workingMsInDays(calendar: CompiledCalendar, from: number, to: number): number {
  if (to <= from) return 0;
  const span = to - from;
  const weeks = Math.floor(span / 7);
  let total = weeks * calendar.weekMs;
  for (let day = from + weeks * 7; day < to; day += 1) {
    if (calendar.workingWeekday[isoWeekday(day)] === true) total += calendar.dayMs;
  }
  const prefix = calendar.exceptionPrefix;
  total += (prefix[lowerBound(calendar.exceptionDays, to)] ?? 0) - (prefix[lowerBound(calendar.exceptionDays, from)] ?? 0);
  return total;
}

/** Working ms of local day `day` between the times of day [from, to). */
function workingMsInDay(calendar: CompiledCalendar, day: number, from: number, to: number): number {
  let total = 0;
  for (const session of calendar.sessions) total += Math.max(0, Math.min(to, session.end) - Math.max(from, session.start));
  // Only ask about the day (and so its year's coverage) when the span touches a session.
  return total > 0 && isWorkingDay(calendar, day) ? total : 0;
}

function instantMs(value: Date, what: string): number {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(time)) throw new RangeError(`${what} is not a valid Date`);
  return time;
}

/**
 * The instant at which `hours` working hours have elapsed after `start`. Counting begins at the first
 * working instant at or after `start` (a submission at lunch starts at 13:00, on a Saturday at Monday
 * 07:30); a deadline that ends exactly at a session end stays there (8 h from Monday 07:30 is Monday
 * 17:00, not Tuesday 07:30). With `hours` = 0 the result is that first working instant. Exact to the
 * millisecond (hours are rounded to whole ms). Throws CalendarNotCoveredError when the count reaches a
 * year without holiday data, RangeError on a negative or non-finite `hours` or an invalid date.
 */
export function addWorkingHours(start: Date, hours: number, calendar: WorkingCalendar = CIVIL_SERVICE_CALENDAR): Date {
  const startMs = instantMs(start, 'start');
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite number ≥ 0, got ${hours}`);
  const compiled = compile(calendar);
  let remaining = Math.round(hours * HOUR_MS);
  const local = startMs + compiled.offsetMs;
  let day = Math.floor(local / DAY_MS);
  let timeOfDay = local - day * DAY_MS;

  for (;;) {
    if (timeOfDay === 0) {
      // Skip whole weeks (at least one: a week of Tết holds little working time) while strictly less than
      // the remaining time lies in them, so the deadline itself is always placed by the session walk below
      // (and lands on a session end rather than past it).
      const limit = coveredUntil(compiled, day);
      let weeks = Math.min(Math.max(1, Math.floor((remaining - 1) / compiled.weekMs)), Math.floor((limit - day) / 7));
      while (weeks >= 1) {
        const worked = workingMsInDays(compiled, day, day + weeks * 7);
        if (worked < remaining) {
          remaining -= worked;
          day += weeks * 7;
          break;
        }
        weeks = Math.floor(weeks / 2); // worked Saturdays can make a span longer than its weeks
      }
      if (day >= limit) throw notCovered(compiled, yearOfDay(day));
    }
    if (timeOfDay < compiled.lastSessionEnd && isWorkingDay(compiled, day)) {
      for (const session of compiled.sessions) {
        if (timeOfDay >= session.end) continue;
        const from = Math.max(timeOfDay, session.start);
        const available = session.end - from;
        if (remaining <= available) return new Date(day * DAY_MS + from + remaining - compiled.offsetMs);
        remaining -= available;
      }
    }
    day += 1;
    timeOfDay = 0;
  }
}

/**
 * Working hours elapsed between two instants (handling-time statistics); 0 when `to` ≤ `from`.
 * The inverse of addWorkingHours: workingHoursBetween(s, addWorkingHours(s, h)) === h for h in whole ms.
 * Throws CalendarNotCoveredError when the span touches working time in a year without holiday data.
 */
export function workingHoursBetween(from: Date, to: Date, calendar: WorkingCalendar = CIVIL_SERVICE_CALENDAR): number {
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  if (toMs <= fromMs) return 0;
  const compiled = compile(calendar);
  const localFrom = fromMs + compiled.offsetMs;
  const localTo = toMs + compiled.offsetMs;
  const fromDay = Math.floor(localFrom / DAY_MS);
  const toDay = Math.floor(localTo / DAY_MS);
  const fromTime = localFrom - fromDay * DAY_MS;
  const toTime = localTo - toDay * DAY_MS;
  if (fromDay === toDay) return workingMsInDay(compiled, fromDay, fromTime, toTime) / HOUR_MS;

  let total = workingMsInDay(compiled, fromDay, fromTime, DAY_MS);
  if (toDay > fromDay + 1) {
    const limit = coveredUntil(compiled, fromDay + 1);
    if (limit < toDay) throw notCovered(compiled, yearOfDay(limit));
    total += workingMsInDays(compiled, fromDay + 1, toDay);
  }
  total += workingMsInDay(compiled, toDay, 0, toTime);
  return total / HOUR_MS;
}

// Appointment days are remembered per calendar (CompiledCalendar.appointmentDays): a back-fill of
// thousands of dossiers asks the same few hundred pairs of day and working days again and again, each a
// walk of weeks of days otherwise.
const MEMO_DAYS_LIMIT = 4096;
const MEMO_MAX_ENTRIES = 50_000;

/** The `days`-th working day after `day`, remembered (below MEMO_DAYS_LIMIT days); throws, and remembers nothing, past the covered years. */
function appointmentDay(calendar: CompiledCalendar, day: number, days: number): number {
  const memo = calendar.appointmentDays;
  const key = days < MEMO_DAYS_LIMIT ? day * MEMO_DAYS_LIMIT + days : undefined;
  const known = key === undefined ? undefined : memo.get(key);
  if (known !== undefined) return known;
  let due = day;
  for (let remaining = days; remaining > 0;) {
    due += 1;
    if (isWorkingDay(calendar, due)) remaining -= 1;
  }
  if (key !== undefined) {
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    memo.set(key, due);
  }
  return due;
}

/**
 * The appointment date (ngày hẹn trả) of a procedure that takes `days` working days, received at
 * `received`: the end of the last session of the `days`-th working day after the day of receipt (the
 * day of receipt itself does not count, as on a one-stop receipt: received Tuesday with 10 days, due
 * the second Tuesday after at 17:00). With `days` = 0 (same-day procedures) it is the end of the day of
 * receipt, or of the next working day when received on a day off or after the last session.
 * Throws CalendarNotCoveredError when the count reaches a year without holiday data, RangeError on a
 * negative or fractional `days` or an invalid date.
 */
export function addWorkingDays(received: Date, days: number, calendar: WorkingCalendar = CIVIL_SERVICE_CALENDAR): Date {
  const receivedMs = instantMs(received, 'received');
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  const compiled = compile(calendar);
  const local = receivedMs + compiled.offsetMs;
  let day = Math.floor(local / DAY_MS);
  if (days === 0) {
    // Same-day: today if there is still working time left today, else the next working day.
    if (!(isWorkingDay(compiled, day) && local - day * DAY_MS < compiled.lastSessionEnd)) {
      do day += 1;
      while (!isWorkingDay(compiled, day));
    }
  } else day = appointmentDay(compiled, day, days);
  return new Date(day * DAY_MS + compiled.lastSessionEnd - compiled.offsetMs);
}

/**
 * Whether an item with deadline `dueAt` is overdue: finished after the deadline, or, while unfinished,
 * `now` is past it. Finishing exactly at the deadline is on time. Computed on read, never stored.
 */
export function isOverdue(dueAt: Date, now: Date, finishedAt?: Date | null): boolean {
  const due = instantMs(dueAt, 'dueAt');
  const reference = finishedAt === undefined || finishedAt === null ? instantMs(now, 'now') : instantMs(finishedAt, 'finishedAt');
  return reference > due;
}
