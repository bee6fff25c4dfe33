import assert from 'node:assert/strict';
import { test } from 'node:test';
import { timeOrderedId, timeOrderedIds } from '../../../../subgraphs/kit/time-ordered-id.ts';

test('time-ordered ids are RFC 9562 version-7 UUIDs that sort by their millisecond', () => {
  const ids = [0, 1, 1_000, 1_796_565_266_082, 2 ** 48 - 1].map((at) => timeOrderedId(at));
  for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual([...ids].sort(), ids, 'later milliseconds sort after earlier ones');
  assert.equal(parseInt(timeOrderedId(1_796_565_266_082).replace('-', '').slice(0, 12), 16), 1_796_565_266_082, 'the first 48 bits are the milliseconds');
  assert.notEqual(timeOrderedId(5), timeOrderedId(5), 'random after the time');
});

test('timeOrderedIds: many version-7 ids from one draw, each with the time in front and its own random part', () => {
  const ids = timeOrderedIds(1000, 1_796_565_266_082);
  assert.equal(new Set(ids).size, 1000);
  for (const id of ids) {
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(parseInt(id.replace('-', '').slice(0, 12), 16), 1_796_565_266_082);
  }
  assert.deepEqual(timeOrderedIds(0), []);
});

test('single ids drawn from the shared pool of random bytes never repeat, across its refills', () => {
  // 256 ids per draw: 1,000 in one millisecond cross several refills.
  const ids = Array.from({ length: 1000 }, () => timeOrderedId(1_796_565_266_082));
  assert.equal(new Set(ids).size, 1000);
  assert.equal(new Set(ids.map((id) => id.slice(15))).size, 1000, 'each random part is its own');
});
