// The civil-service working-hours calendar: deadlines (addWorkingHours), handling time
// (workingHoursBetween), overdue (isOverdue) and the holiday data. Every instant is written in Việt Nam
// local time (UTC+7); the civil-service day is 07:30–11:30 and 13:00–17:00, i.e. 8 working hours.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { calendarCovers, HOLIDAYS } from '../../../../../subgraphs/kit/calendar/holidays.ts';
import { addWorkingDays, addWorkingHours, CalendarNotCoveredError, CIVIL_SERVICE_CALENDAR, isOverdue, workingHoursBetween } from '../../../../../subgraphs/kit/calendar/working-hours.ts';
import type { WorkingCalendar } from '../../../../../subgraphs/kit/calendar/working-hours.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * HOUR_MS;

/** '2025-03-03T07:30' in Việt Nam time. */
function vn(local: string): Date {
  return new Date(`${local}:00+07:00`);
}

/** An instant as Việt Nam local 'YYYY-MM-DDTHH:MM:SS.mmm', for readable assertion messages. */
function local(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 23);
}

function assertDeadline(start: string, hours: number, expected: string): void {
  const due = addWorkingHours(vn(start), hours);
  assert.equal(local(due), local(vn(expected)), `${hours} h from ${start}`);
  // And the handling time back from the deadline is exactly what was asked.
  assert.equal(workingHoursBetween(vn(start), due), hours);
}

describe('addWorkingHours on an ordinary week (March 2025 has no holiday)', () => {
  test('8 h from Monday 07:30 ends Monday 17:00, at the session end, not Tuesday 07:30', () => {
    // 07:30–11:30 is 4 h and 13:00–17:00 is 4 h: the eighth hour ends exactly at 17:00.
    assertDeadline('2025-03-03T07:30', 8, '2025-03-03T17:00');
  });

  test('8 h from Monday 15:00 ends Tuesday 15:00', () => {
    // Monday 15:00–17:00 = 2 h; Tuesday 07:30–11:30 = 4 h (6 h); 13:00 + the last 2 h = Tuesday 15:00.
    assertDeadline('2025-03-03T15:00', 8, '2025-03-04T15:00');
  });

  test('a submission at lunch (12:00) starts counting at 13:00', () => {
    // Nothing counts between 11:30 and 13:00: 1 h from 12:00 is 14:00, and 0 h is 13:00 itself.
    assertDeadline('2025-03-03T12:00', 1, '2025-03-03T14:00');
    assert.equal(local(addWorkingHours(vn('2025-03-03T12:00'), 0)), local(vn('2025-03-03T13:00')));
    // Inside a session, 0 h is the start itself.
    assert.equal(local(addWorkingHours(vn('2025-03-03T10:00'), 0)), local(vn('2025-03-03T10:00')));
  });

  test('a submission on Saturday or Sunday evening starts Monday 07:30', () => {
    // 1 h after the first working minute of the week (Monday 10/3/2025 07:30) is 08:30.
    assertDeadline('2025-03-08T20:00', 1, '2025-03-10T08:30');
    assertDeadline('2025-03-09T21:45', 1, '2025-03-10T08:30');
    // Friday after 17:00 behaves the same way.
    assertDeadline('2025-03-07T17:00', 8, '2025-03-10T17:00');
  });

  test('48 h from a Thursday morning runs across the weekend to the Friday of the next week', () => {
    // Thu 6/3 09:00–11:30 + 13:00–17:00 = 6.5 h; Fri 7/3 8 h (14.5 h); Sat–Sun nothing;
    // Mon 10 – Thu 13/3 4 × 8 h (46.5 h); the last 1.5 h is Fri 14/3 07:30–09:00.
    assertDeadline('2025-03-06T09:00', 48, '2025-03-14T09:00');
  });

  test('fractional hours: 0.5 h is 30 minutes, and it skips lunch', () => {
    assertDeadline('2025-03-03T08:00', 0.5, '2025-03-03T08:30');
    // 11:15–11:30 is 15 min, the other 15 min are 13:00–13:15.
    assertDeadline('2025-03-03T11:15', 0.5, '2025-03-03T13:15');
    // Seconds are kept: 0.25 h (15 min) from 16:50:30 is 9.5 min on Monday and 5.5 min on Tuesday → 07:35:30.
    const due = addWorkingHours(new Date('2025-03-03T16:50:30+07:00'), 0.25);
    assert.equal(local(due), '2025-03-04T07:35:30.000');
  });

  test('bad arguments are refused', () => {
    assert.throws(() => addWorkingHours(vn('2025-03-03T08:00'), -1), RangeError);
    assert.throws(() => addWorkingHours(vn('2025-03-03T08:00'), Number.NaN), RangeError);
    assert.throws(() => addWorkingHours(new Date('not a date'), 8), RangeError);
  });
});

describe('addWorkingHours across holidays and swapped days', () => {
  test('Tết Bính Ngọ 2026: submitted the working day before, due after the 9-day break', () => {
    // Fri 13/2/2026 is the last working day (off Sat 14/2 – Sun 22/2). 10:00–11:30 + 13:00–17:00 = 5.5 h;
    // the remaining 2.5 h are Mon 23/2 07:30–10:00.
    assertDeadline('2026-02-13T10:00', 8, '2026-02-23T10:00');
    // 48 h: 5.5 h on 13/2, 40 h in the week of 23–27/2 (45.5 h), then 2.5 h on Mon 2/3 → 10:00.
    assertDeadline('2026-02-13T10:00', 48, '2026-03-02T10:00');
    // A submission during Tết starts on Mon 23/2 07:30.
    assertDeadline('2026-02-17T09:00', 8, '2026-02-23T17:00');
  });

  test('30/4–1/5/2025: Saturday 26/4 is worked and Friday 2/5 is off', () => {
    // Fri 25/4 15:00–17:00 = 2 h; Sat 26/4 is a working day (làm bù): 07:30–11:30 = 4 h (6 h), 13:00 + 2 h.
    assertDeadline('2025-04-25T15:00', 8, '2025-04-26T15:00');
    // Tue 29/4 15:00–17:00 = 2 h; Wed 30/4, Thu 1/5, Fri 2/5 (swapped), Sat–Sun 3–4/5 off;
    // Mon 5/5 07:30–11:30 = 4 h (6 h), 13:00 + 2 h = 15:00.
    assertDeadline('2025-04-29T15:00', 8, '2025-05-05T15:00');
    // Handling time over the whole week of 21–27/4: 5 weekdays + the worked Saturday = 48 h.
    assert.equal(workingHoursBetween(vn('2025-04-21T00:00'), vn('2025-04-28T00:00')), 48);
    // And the holiday week 28/4–4/5 only has Mon 28 and Tue 29: 16 h.
    assert.equal(workingHoursBetween(vn('2025-04-28T00:00'), vn('2025-05-05T00:00')), 16);
  });

  test('Quốc khánh 2025: Monday 1/9 and Tuesday 2/9 are off', () => {
    // Fri 29/8 15:00–17:00 = 2 h; Sat 30/8 – Tue 2/9 off; Wed 3/9 07:30–11:30 (6 h), 13:00 + 2 h = 15:00.
    assertDeadline('2025-08-29T15:00', 8, '2025-09-03T15:00');
  });

  test('Tết Dương lịch 2026 across the year end: 1/1 and the swapped 2/1 off, Saturday 10/1 worked', () => {
    // Wed 31/12/2025 16:00–17:00 = 1 h; Thu 1/1, Fri 2/1 (swapped), Sat–Sun off;
    // Mon 5/1 07:30–11:30 (5 h), 13:00 + 3 h = 16:00.
    assertDeadline('2025-12-31T16:00', 8, '2026-01-05T16:00');
    // Fri 9/1/2026 16:00–17:00 = 1 h, then Saturday 10/1 is worked: 07:30 + 1 h.
    assertDeadline('2026-01-09T16:00', 2, '2026-01-10T08:30');
  });

  test('Giỗ Tổ Hùng Vương 2026 falls on Sunday 26/4 and is made up on Monday 27/4', () => {
    // Fri 24/4 17:00 (nothing left); Mon 27/4 off; Tue 28/4 07:30 + 8 h = 17:00.
    assertDeadline('2026-04-24T17:00', 8, '2026-04-28T17:00');
  });

  test('a long deadline (2,000 h) over holidays agrees with the hour count both ways', () => {
    const start = vn('2025-01-02T09:10');
    const due = addWorkingHours(start, 2000);
    assert.equal(workingHoursBetween(start, due), 2000);
    assert.ok(due.getTime() > start.getTime());
  });
});

describe('addWorkingDays (appointment dates of procedures)', () => {
  const due = (received: string, days: number) => local(addWorkingDays(vn(received), days));

  test('the day of receipt does not count; the due date is the end of the last day', () => {
    // Tue 15/9/2026 + 10 working days: 16–18, 21–25, 28, 29/9 → Tue 29/9 17:00 (2/9 is before the span).
    assert.equal(due('2026-09-15T09:12', 10), local(vn('2026-09-29T17:00')));
    // Friday afternoon + 1 day is Monday's end.
    assert.equal(due('2025-03-07T16:00', 1), local(vn('2025-03-10T17:00')));
  });

  test('same-day procedures (0 days): today if there is working time left, else the next working day', () => {
    assert.equal(due('2025-03-03T10:00', 0), local(vn('2025-03-03T17:00')));
    assert.equal(due('2025-03-03T17:30', 0), local(vn('2025-03-04T17:00')));
    assert.equal(due('2025-03-08T09:00', 0), local(vn('2025-03-10T17:00')), 'received on a Saturday');
  });

  test('holidays and swapped days count as in feedback deadlines: Tết Bính Ngọ 2026 and Saturday 10/1/2026', () => {
    // Fri 13/2/2026 + 3: the break runs to Sun 22/2, so Mon 23, Tue 24, Wed 25/2.
    assert.equal(due('2026-02-13T10:00', 3), local(vn('2026-02-25T17:00')));
    // Thu 8/1/2026 + 2: Fri 9/1, then the worked Saturday 10/1.
    assert.equal(due('2026-01-08T10:00', 2), local(vn('2026-01-10T17:00')));
  });

  test('bad arguments are refused, and uncovered years are not guessed', () => {
    assert.throws(() => addWorkingDays(vn('2025-03-03T10:00'), -1), RangeError);
    assert.throws(() => addWorkingDays(vn('2025-03-03T10:00'), 1.5), RangeError);
    assert.throws(() => addWorkingDays(new Date(Number.NaN), 1), RangeError);
    assert.throws(() => addWorkingDays(vn('2027-12-20T10:00'), 30), CalendarNotCoveredError);
  });
});

describe('calendar coverage', () => {
  test('an instant outside 2025–2027 throws CalendarNotCoveredError naming the year', () => {
    assert.throws(
      () => addWorkingHours(vn('2024-12-20T09:00'), 8),
      (error: unknown) => error instanceof CalendarNotCoveredError && error.name === 'CalendarNotCoveredError' && error.year === 2024 && error.message.includes('2024'),
    );
    // A deadline that would run into 2028 is refused instead of guessing 2028's holidays.
    assert.throws(
      () => addWorkingHours(vn('2027-12-31T16:00'), 8),
      (error: unknown) => error instanceof CalendarNotCoveredError && error.year === 2028 && error.message.includes('2028'),
    );
    assert.throws(() => addWorkingHours(vn('2027-06-01T08:00'), 10_000), CalendarNotCoveredError);
    assert.throws(() => workingHoursBetween(vn('2027-12-30T08:00'), vn('2028-01-03T08:00')), CalendarNotCoveredError);
    assert.throws(() => workingHoursBetween(vn('2024-12-30T08:00'), vn('2025-01-03T08:00')), CalendarNotCoveredError);
  });

  test('after the last session of an uncovered day nothing is guessed, so the count may start in 2025', () => {
    // 31/12/2024 18:00 has no working time left whatever that day was; 1/1/2025 is a holiday; 2/1 07:30 + 1 h.
    assertDeadline('2024-12-31T18:00', 1, '2025-01-02T08:30');
  });

  test('calendarCovers', () => {
    assert.equal(calendarCovers(2024), false);
    assert.equal(calendarCovers(2025), true);
    assert.equal(calendarCovers(2026), true);
    assert.equal(calendarCovers(2027), true);
    assert.equal(calendarCovers(2028), false);
  });
});

describe('workingHoursBetween', () => {
  test('0 when to ≤ from, and lunch, nights and weekends do not count', () => {
    assert.equal(workingHoursBetween(vn('2025-03-03T10:00'), vn('2025-03-03T10:00')), 0);
    assert.equal(workingHoursBetween(vn('2025-03-04T10:00'), vn('2025-03-03T10:00')), 0);
    assert.equal(workingHoursBetween(vn('2025-03-03T11:30'), vn('2025-03-03T13:00')), 0);
    assert.equal(workingHoursBetween(vn('2025-03-07T17:00'), vn('2025-03-10T07:30')), 0);
    // Mon 11:00 → Tue 08:00: 0.5 h + 4 h on Monday, 0.5 h on Tuesday.
    assert.equal(workingHoursBetween(vn('2025-03-03T11:00'), vn('2025-03-04T08:00')), 5);
  });

  test('a year of handling time: 2025 has 261 weekdays, less 12 weekdays off, plus 1 worked Saturday', () => {
    // 2025: 261 weekdays; 12 weekday days off (1/1, 27–31/1, 7/4, 30/4, 1/5, 2/5, 1/9, 2/9) + Sat 26/4 worked.
    assert.equal(workingHoursBetween(vn('2025-01-01T00:00'), vn('2026-01-01T00:00')), (261 - 12 + 1) * 8);
  });
});

/** mulberry32: a small seeded PRNG, so the random cases are the same on every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const RANGE_START = vn('2025-01-01T00:00').getTime();
const RANGE_END = vn('2027-11-30T00:00').getTime(); // leaves room for the deadline to stay in 2027

describe('properties on random instants (seeded)', () => {
  test('workingHoursBetween inverts addWorkingHours: 500 cases across 2025–2027', () => {
    const random = prng(20250430);
    for (let index = 0; index < 500; index += 1) {
      const start = new Date(RANGE_START + Math.floor(random() * (RANGE_END - RANGE_START)));
      const minutes = Math.floor(random() * 200 * 60); // up to 200 working hours, in whole minutes
      const hours = minutes / 60;
      const due = addWorkingHours(start, hours);
      assert.ok(due.getTime() >= start.getTime(), `case ${index}: deadline before start`);
      assert.equal(workingHoursBetween(start, due), hours, `case ${index}: ${hours} h from ${local(start)} → ${local(due)}`);
      // Nothing beyond the deadline is counted: one more minute of working time lies after it.
      if (hours > 0) assert.ok(workingHoursBetween(start, new Date(due.getTime() - 1)) < hours, `case ${index}: deadline not the first instant`);
    }
  });

  test('addWorkingHours(a, workingHoursBetween(a, b)) is the last working instant at or before b (500 cases)', () => {
    // When no working time lies in [a, b), 0 h from a is the first working instant after a, which is ≥ b.
    const random = prng(2026);
    for (let index = 0; index < 500; index += 1) {
      const a = RANGE_START + Math.floor(random() * (RANGE_END - RANGE_START));
      const b = a + Math.floor(random() * 30 * DAY_MS);
      const elapsed = workingHoursBetween(new Date(a), new Date(b));
      const back = addWorkingHours(new Date(a), elapsed);
      const what = `case ${index}: ${elapsed} h from ${local(new Date(a))} is ${local(back)}, b is ${local(new Date(b))}`;
      if (elapsed > 0) assert.ok(back.getTime() <= b, what);
      else assert.ok(back.getTime() >= b, what);
      assert.equal(workingHoursBetween(back, new Date(b)), 0, what);
    }
  });

  test('agrees with a minute-by-minute count built straight from HOLIDAYS (200 cases)', () => {
    // An independent, deliberately naive oracle: a minute is worked if its local date is a worked day
    // (weekday not off, or a worked Saturday) and its time is in 07:30–11:30 or 13:00–17:00.
    const off = new Set(HOLIDAYS.flatMap((year) => year.daysOff.map((entry) => entry.date)));
    const worked = new Set(HOLIDAYS.flatMap((year) => year.workingSaturdays.map((entry) => entry.date)));
    const isWorkingMinute = (utcMs: number): boolean => {
      const localTime = new Date(utcMs + VN_OFFSET_MS);
      const date = localTime.toISOString().slice(0, 10);
      const weekday = localTime.getUTCDay(); // 0 = Sunday
      const workingDay = worked.has(date) || (weekday >= 1 && weekday <= 5 && !off.has(date));
      const minute = localTime.getUTCHours() * 60 + localTime.getUTCMinutes();
      return workingDay && ((minute >= 450 && minute < 690) || (minute >= 780 && minute < 1020));
    };
    const random = prng(7);
    for (let index = 0; index < 200; index += 1) {
      const start = RANGE_START + Math.floor(random() * ((RANGE_END - RANGE_START) / 60_000)) * 60_000;
      const minutes = 1 + Math.floor(random() * 60 * 60); // 1 minute to 60 h
      let cursor = start;
      let counted = 0;
      for (;;) {
        if (isWorkingMinute(cursor)) counted += 1;
        cursor += 60_000;
        if (counted === minutes) break;
      }
      assert.equal(local(addWorkingHours(new Date(start), minutes / 60)), local(new Date(cursor)), `case ${index}: ${minutes} min from ${local(new Date(start))}`);
    }
  });
});

describe('isOverdue (computed, never stored)', () => {
  const due = vn('2025-03-04T15:00');
  test('open items', () => {
    assert.equal(isOverdue(due, vn('2025-03-04T14:59')), false, 'before the deadline');
    assert.equal(isOverdue(due, vn('2025-03-04T15:00')), false, 'exactly at the deadline is still on time');
    assert.equal(isOverdue(due, vn('2025-03-04T15:01')), true, 'after the deadline');
  });
  test('finished items are judged by when they finished, not by now', () => {
    assert.equal(isOverdue(due, vn('2025-03-10T09:00'), vn('2025-03-05T08:00')), true, 'finished late');
    assert.equal(isOverdue(due, vn('2025-03-10T09:00'), vn('2025-03-04T10:00')), false, 'finished on time, looked at later');
    assert.equal(isOverdue(due, vn('2025-03-10T09:00'), vn('2025-03-04T15:00')), false, 'finished exactly at the deadline');
    assert.equal(isOverdue(due, vn('2025-03-10T09:00'), null), true, 'a null finish (a database column) means open');
  });
});

describe('holiday data', () => {
  test('covers 2025, 2026 and 2027, once each', () => {
    assert.deepEqual(HOLIDAYS.map((year) => year.year).sort(), [2025, 2026, 2027]);
  });

  test('every date is a real date, within its year, unique, and no worked Saturday is a day off', () => {
    const seen = new Set<string>();
    for (const year of HOLIDAYS) {
      const daysOff = new Set(year.daysOff.map((entry) => entry.date));
      for (const entry of [...year.daysOff, ...year.workingSaturdays]) {
        assert.match(entry.date, /^\d{4}-\d{2}-\d{2}$/);
        assert.equal(new Date(`${entry.date}T00:00:00Z`).toISOString().slice(0, 10), entry.date, `${entry.date} is a real date`);
        assert.equal(Number(entry.date.slice(0, 4)), year.year, `${entry.date} is listed under ${year.year}`);
        assert.ok(!seen.has(entry.date), `${entry.date} is listed twice`);
        seen.add(entry.date);
        assert.ok(entry.name.trim().length > 0, `${entry.date} has a name`);
      }
      for (const entry of year.workingSaturdays) {
        assert.equal(new Date(`${entry.date}T00:00:00Z`).getUTCDay(), 6, `${entry.date} is a Saturday`);
        assert.ok(!daysOff.has(entry.date), `${entry.date} is both worked and off`);
      }
    }
  });

  test('each year has the statutory holidays', () => {
    for (const year of HOLIDAYS) {
      const dates = new Set(year.daysOff.map((entry) => entry.date));
      for (const fixed of ['01-01', '04-30', '05-01', '09-02']) assert.ok(dates.has(`${year.year}-${fixed}`), `${year.year}-${fixed}`);
      assert.ok(dates.has(`${year.year}-09-01`) || dates.has(`${year.year}-09-03`), `${year.year}: the day next to 2/9`);
      const tet = year.daysOff.filter((entry) => entry.name.startsWith('Tết Nguyên đán'));
      assert.ok(tet.length >= 5, `${year.year}: 5 days of Tết`);
      assert.ok(
        year.daysOff.some((entry) => entry.name.includes('Hùng Vương')),
        `${year.year}: Giỗ Tổ Hùng Vương`,
      );
    }
    // The lunar dates that were checked: mùng 1 Tết and 10/3 âm lịch.
    const names = new Map(HOLIDAYS.flatMap((year) => year.daysOff.map((entry) => [entry.date, entry.name] as const)));
    assert.match(names.get('2025-01-29') ?? '', /mùng 1/);
    assert.match(names.get('2026-02-17') ?? '', /mùng 1/);
    assert.match(names.get('2027-02-06') ?? '', /mùng 1/);
    assert.equal(names.get('2025-04-07'), 'Giỗ Tổ Hùng Vương (10/3 âm lịch)');
    assert.match(names.get('2026-04-26') ?? '', /Hùng Vương/);
    assert.match(names.get('2027-04-16') ?? '', /Hùng Vương/);
  });
});

describe('configurable calendar', () => {
  test('other sessions, weekdays and offset', () => {
    // Mornings only, Monday–Saturday, in UTC, with no holidays known for 2030.
    const mornings: WorkingCalendar = {
      sessions: [{ start: '08:00', end: '12:00' }],
      weekdays: [1, 2, 3, 4, 5, 6],
      utcOffsetMinutes: 0,
      years: [{ year: 2030, daysOff: [{ date: '2030-01-01', name: 'New Year' }], workingSaturdays: [] }],
    };
    // Mon 31/12/2029 is not covered, Tue 1/1/2030 is off; Wed 2/1 08:00 + 4 h = 12:00.
    assert.throws(() => addWorkingHours(new Date('2029-12-31T09:00Z'), 4, mornings), CalendarNotCoveredError);
    assert.equal(addWorkingHours(new Date('2029-12-31T23:00Z'), 4, mornings).toISOString(), '2030-01-02T12:00:00.000Z');
    // Sat 5/1/2030 is a working day in this calendar: 10 h from Fri 4/1 08:00 = Fri 4 h, Sat 4 h, Mon 2 h.
    assert.equal(addWorkingHours(new Date('2030-01-04T08:00Z'), 10, mornings).toISOString(), '2030-01-07T10:00:00.000Z');
  });

  test('an invalid calendar is refused', () => {
    const base = CIVIL_SERVICE_CALENDAR;
    assert.throws(() => addWorkingHours(vn('2025-03-03T08:00'), 1, { ...base, sessions: [{ start: '7:30', end: '11:30' }] }), RangeError);
    assert.throws(
      () =>
        addWorkingHours(vn('2025-03-03T08:00'), 1, {
          ...base,
          sessions: [
            { start: '08:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
        }),
      RangeError,
    );
    assert.throws(() => addWorkingHours(vn('2025-03-03T08:00'), 1, { ...base, weekdays: [0] }), RangeError);
    assert.throws(
      () => addWorkingHours(vn('2025-03-03T08:00'), 1, { ...base, years: [{ year: 2025, daysOff: [{ date: '2025-04-26', name: 'x' }], workingSaturdays: [{ date: '2025-04-26', name: 'y' }] }] }),
      RangeError,
    );
  });
});
