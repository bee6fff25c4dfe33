// The live feed over the in-process bus: each subscriber gets the events on its topic that its selector
// keeps, in order, from the moment it subscribed; one bus listener per topic, released with its last
// subscriber; a republished event (same id) is not delivered twice; a return() ends a waiting iterator.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import pino from 'pino';
import { InProcessEventBus } from '../../../../subgraphs/kit/events/in-process-bus.ts';
import { LiveFeed } from '../../../../subgraphs/kit/live.ts';

const event = (topic: string, payload: Record<string, unknown>, id = randomUUID()) => ({ id, topic, occurredAt: new Date().toISOString(), payload });

test('selected events in order, per subscriber; nothing from before; a republished id once; return() ends a waiting next()', async () => {
  const bus = new InProcessEventBus();
  const feed = new LiveFeed(bus, pino({ level: 'silent' }));
  await bus.publish(event('notification.message-created', { recipientId: 'a', n: 0 }));
  const forA = feed.events('notification.message-created', (one) => (one.payload['recipientId'] === 'a' ? one.payload['n'] : undefined));
  // Keyed: only b's events reach this subscriber (the selector would drop the others anyway).
  const forB = feed.events('notification.message-created', (one) => one.payload['n'], { field: 'recipientId', value: 'b' });
  assert.equal(feed.size, 2);
  const repeated = randomUUID();
  for (const [recipientId, n, id] of [
    ['a', 1],
    ['b', 2],
    ['a', 3, repeated],
    ['a', 3, repeated],
    ['a', 4],
  ] as const) {
    await bus.publish(event('notification.message-created', { recipientId, n }, id));
  }
  await bus.publish(event('feedback.item-routed', { recipientId: 'a', n: 99 }));
  assert.deepEqual([(await forA.next()).value, (await forA.next()).value, (await forA.next()).value], [1, 3, 4]);
  assert.deepEqual((await forB.next()).value, 2);
  const waiting = forB.next();
  await forB.return!();
  assert.deepEqual(await waiting, { done: true, value: undefined });
  await forA.return!();
  assert.equal(feed.size, 0, 'the topic is released with its last subscriber');
  await feed.close();
  await bus.close();
});

test('a slow subscriber keeps only the newest 256 events', async () => {
  const bus = new InProcessEventBus();
  const feed = new LiveFeed(bus, pino({ level: 'silent' }));
  const slow = feed.events('feedback.item-status-changed', (one) => one.payload['n'] as number);
  for (let n = 0; n < 300; n += 1) await bus.publish(event('feedback.item-status-changed', { n }));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal((await slow.next()).value, 300 - 256);
  await slow.return!();
  await bus.close();
});
