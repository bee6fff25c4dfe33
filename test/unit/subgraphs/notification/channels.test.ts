// Channel choice and quiet hours without servers: in-app always; a kind's own channels over the defaults;
// quiet hours (Việt Nam time, possibly across midnight) hold back all but in-app, emergencies never.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelsFor, clockOf, minuteOfDay, sendableAt } from '../../../../subgraphs/notification/preferences/channels.ts';
import type { ChannelPreferences } from '../../../../subgraphs/notification/preferences/channels.ts';

const base: ChannelPreferences = { sms: true, email: false, zalo: true, kindChannels: {}, quietStart: null, quietEnd: null };

test('in-app always; a kind’s own channels replace the defaults; in-app cannot be chosen away', () => {
  assert.deepEqual(channelsFor(base, 'DOSSIER_RESULT'), ['IN_APP', 'SMS', 'ZALO']);
  assert.deepEqual(channelsFor({ ...base, kindChannels: { DOSSIER_RESULT: ['EMAIL'] } }, 'DOSSIER_RESULT'), ['IN_APP', 'EMAIL']);
  assert.deepEqual(channelsFor({ ...base, kindChannels: { DOSSIER_RESULT: [] } }, 'DOSSIER_RESULT'), ['IN_APP']);
  assert.deepEqual(channelsFor({ ...base, kindChannels: { DOSSIER_RESULT: ['EMAIL'] } }, 'FEEDBACK_ROUTED'), ['IN_APP', 'SMS', 'ZALO']);
  assert.deepEqual(channelsFor({ ...base, sms: false, zalo: false }, 'NOTICE'), ['IN_APP']);
});

test('quiet hours across midnight hold SMS until they end (Việt Nam time); in-app and emergencies go at once', () => {
  const quiet = { ...base, quietStart: minuteOfDay('22:00')!, quietEnd: minuteOfDay('06:30')! };
  const lateEvening = new Date('2026-12-06T16:15:00Z'); // 23:15 in Việt Nam
  assert.equal(sendableAt(quiet, 'SMS', lateEvening, false).toISOString(), '2026-12-06T23:30:00.000Z'); // 06:30 next morning
  assert.equal(sendableAt(quiet, 'IN_APP', lateEvening, false), lateEvening);
  assert.equal(sendableAt(quiet, 'SMS', lateEvening, true), lateEvening);
  const earlyMorning = new Date('2026-12-06T22:00:00Z'); // 05:00
  assert.equal(sendableAt(quiet, 'EMAIL', earlyMorning, false).toISOString(), '2026-12-06T23:30:00.000Z');
  const afternoon = new Date('2026-12-06T07:00:00Z'); // 14:00
  assert.equal(sendableAt(quiet, 'ZALO', afternoon, false), afternoon);
  // A window within one day.
  const lunch = { ...base, quietStart: minuteOfDay('11:30')!, quietEnd: minuteOfDay('13:00')! };
  assert.equal(sendableAt(lunch, 'SMS', new Date('2026-12-06T05:00:00Z'), false).toISOString(), '2026-12-06T06:00:00.000Z');
  assert.equal(sendableAt(lunch, 'SMS', new Date('2026-12-06T06:00:00Z'), false).toISOString(), '2026-12-06T06:00:00.000Z', 'the end is outside');
});

test('clock strings', () => {
  assert.equal(minuteOfDay('22:30'), 1350);
  assert.equal(clockOf(1350), '22:30');
  for (const bad of ['24:00', '7:00', '07:60', '', '07:00:00']) assert.equal(minuteOfDay(bad), undefined, bad);
});
