import assert from 'node:assert/strict';
import { test } from 'node:test';
import { vietnamDate, vietnamDayNumber, vietnamDayStart, vietnamMidnight, vietnamWallClock } from '../../../platform/vietnam-time.ts';

test('Việt Nam dates turn at 17:00 UTC, all year', () => {
  assert.equal(vietnamDate(new Date('2026-12-06T16:59:59.999Z')), '2026-12-06');
  assert.equal(vietnamDate(new Date('2026-12-06T17:00:00Z')), '2026-12-07');
  assert.equal(vietnamDate(new Date('2026-06-30T17:00:00Z')), '2026-07-01', 'no daylight saving in summer');
  assert.equal(vietnamWallClock(new Date('2026-01-01T02:30:00Z')).getUTCHours(), 9);
});

test('local day numbers and their start round-trip', () => {
  const instant = new Date('2026-12-06T03:00:00Z');
  const day = vietnamDayNumber(instant);
  assert.equal(vietnamDayStart(day).toISOString(), '2026-12-05T17:00:00.000Z');
  assert.equal(vietnamDayNumber(vietnamDayStart(day)), day);
  assert.equal(vietnamDayNumber(new Date(vietnamDayStart(day).getTime() - 1)), day - 1);
});

test('the midnight of a local date; nothing for a date that does not exist or is not one', () => {
  assert.equal(vietnamMidnight('2026-12-06')?.toISOString(), '2026-12-05T17:00:00.000Z');
  assert.equal(vietnamMidnight('2024-02-29')?.toISOString(), '2024-02-28T17:00:00.000Z');
  for (const bad of ['2026-02-30', '2025-02-29', '2026-13-01', '06/12/2026', '2026-12-6', '', '2026-12-06T00:00']) assert.equal(vietnamMidnight(bad), undefined, bad);
});
