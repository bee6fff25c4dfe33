// Việt Nam's civil time (Asia/Ho_Chi_Minh): UTC+7 all year, no daylight saving, so a fixed offset is exact.
// The one place the hub turns instants into local dates and back (dossier codes and statistics, the
// Friday summary, Open311 datetimes, the portals' date fields); SQL uses AT TIME ZONE 'Asia/Ho_Chi_Minh'.

/** UTC+7, in milliseconds. */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** `instant` moved by the offset, so that its UTC fields (getUTCHours, toISOString…) read Việt Nam's wall clock. */
export function vietnamWallClock(instant: Date | number): Date {
  return new Date((typeof instant === 'number' ? instant : instant.getTime()) + VIETNAM_OFFSET_MS);
}

/** The local date of `instant`, 'YYYY-MM-DD'. */
export function vietnamDate(instant: Date | number): string {
  return vietnamWallClock(instant).toISOString().slice(0, 10);
}

/** The local day of `instant` as a count of days since 1970-01-01. */
export function vietnamDayNumber(instant: Date | number): number {
  return Math.floor(vietnamWallClock(instant).getTime() / DAY_MS);
}

/** The instant local day number `day` begins. */
export function vietnamDayStart(day: number): Date {
  return new Date(day * DAY_MS - VIETNAM_OFFSET_MS);
}

/** The instant a local date 'YYYY-MM-DD' begins, or undefined for something that is not a real date (30 February). */
export function vietnamMidnight(date: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const utc = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(utc.getTime()) || utc.toISOString().slice(0, 10) !== date) return undefined;
  return new Date(utc.getTime() - VIETNAM_OFFSET_MS);
}
