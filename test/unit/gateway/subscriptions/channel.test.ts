// The push-to-pull channel: values in order, the end after what is queued, return() ending a consumer
// that waits (an unsubscribe never waits for the next event) and running the cleanup once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createChannel } from '../../../../gateway/subscriptions/channel.ts';

test('values in order, then the end; cleanup once', async () => {
  let cleanups = 0;
  const channel = createChannel<number>(() => (cleanups += 1));
  channel.push(1);
  channel.push(2);
  channel.end();
  channel.push(3);
  const seen: number[] = [];
  for await (const value of channel) seen.push(value);
  assert.deepEqual(seen, [1, 2]);
  await channel.return!();
  assert.equal(cleanups, 1);
});

test('return() ends a waiting next() at once and drops what was queued', async () => {
  let cleaned = false;
  const channel = createChannel<number>(() => (cleaned = true));
  const waiting = channel.next();
  await channel.return!();
  assert.deepEqual(await waiting, { done: true, value: undefined });
  assert.ok(cleaned);
  assert.ok(channel.ended);
});

test('a bounded queue drops the oldest', async () => {
  const channel = createChannel<number>(() => {}, 2);
  for (const value of [1, 2, 3]) channel.push(value);
  channel.end();
  const seen: number[] = [];
  for await (const value of channel) seen.push(value);
  assert.deepEqual(seen, [2, 3]);
});
