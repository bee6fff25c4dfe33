// Events between subgraphs: the outbox row commits or vanishes with its change, relays racing publish
// each row once and in order, the in-process bus and NATS JetStream deliver and redeliver until the
// handler succeeds, and the notification inbox creates nothing twice for a redelivered event.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { connect as netConnect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { PrismaClient as FeedbackClient } from '../../subgraphs/feedback/prisma/generated/client.ts';
import { ConfigError } from '../../platform/config.ts';
import { createLogger } from '../../platform/logger.ts';
import { openDatabase, preparePgliteTemplate } from '../../subgraphs/kit/db.ts';
import type { Database } from '../../subgraphs/kit/db.ts';
import type { BusEvent, Delivery, EventBus, SubscribeOptions } from '../../subgraphs/kit/events/bus.ts';
import { InProcessEventBus } from '../../subgraphs/kit/events/in-process-bus.ts';
import { createNatsEventBus } from '../../subgraphs/kit/events/nats-bus.ts';
import { OutboxRelay, writeOutbox } from '../../subgraphs/kit/events/outbox.ts';
import { migrate } from '../../subgraphs/kit/migrate.ts';
import { parseSubgraphConfig } from '../../subgraphs/kit/subgraph-config.ts';
import { FEEDBACK_CONSUMER, handleFeedbackEvent, writeInGroups } from '../../subgraphs/notification/events/consumers.ts';
import { PrismaClient as NotificationClient } from '../../subgraphs/notification/prisma/generated/client.ts';
import { createTestDatabase } from '../../testing/hub.ts';

const ADMIN_URL = process.env['TEST_DATABASE_URL'];
const NATS_URL = process.env['TEST_NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** A migrated database of one subgraph: PGlite in memory, or a fresh PostgreSQL database in CI's second pass. */
async function openMigrated(subgraph: 'feedback' | 'notification'): Promise<{ database: Database; url: string | undefined; close(): Promise<void> }> {
  const created = ADMIN_URL ? await createTestDatabase(ADMIN_URL, `events_${subgraph}`) : undefined;
  const database = await openDatabase(created ? { url: created.url } : { dataDir: 'memory://' });
  await migrate(database, fileURLToPath(new URL(`../../subgraphs/${subgraph}/prisma/migrations/`, import.meta.url)));
  return {
    database,
    url: created?.url,
    async close() {
      await database.close();
      await created?.drop();
    },
  };
}

/** A bus that records what is published, optionally failing the first publishes. */
function recordingBus(failFirst = 0): EventBus & { published: BusEvent[] } {
  let failures = failFirst;
  const published: BusEvent[] = [];
  return {
    kind: 'in-process',
    published,
    async publish(event) {
      // A little latency, so racing relays really overlap.
      await sleep(1);
      if (failures > 0) {
        failures -= 1;
        throw new Error('bus unavailable');
      }
      published.push(event);
    },
    async subscribe() {
      throw new Error('not used');
    },
    async listen() {
      throw new Error('not used');
    },
    announce() {
      throw new Error('not used');
    },
    async close() {},
  };
}

async function unpublished(db: FeedbackClient): Promise<number> {
  return db.outbox.count({ where: { publishedAt: null } });
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function event(topic: string, payload: Record<string, unknown> = {}): BusEvent {
  return { id: randomUUID(), topic, occurredAt: new Date().toISOString(), payload };
}

before(async () => {
  if (!ADMIN_URL) await preparePgliteTemplate();
});

describe('outbox', () => {
  let feedback: Awaited<ReturnType<typeof openMigrated>>;
  let db: FeedbackClient;

  before(async () => {
    feedback = await openMigrated('feedback');
    db = new FeedbackClient({ adapter: feedback.database.adapter });
  });
  after(async () => {
    await db?.$disconnect();
    await feedback?.close();
  });

  test("the row is written in the caller's transaction: a failed transaction leaves none", async () => {
    await db.outbox.deleteMany();
    const id = await db.$transaction((tx) => writeOutbox(tx, { topic: 'feedback.item-routed', payload: { code: 'PHA260300000001', citizenId: 'c-1' } }));
    await assert.rejects(
      db.$transaction(async (tx) => {
        await writeOutbox(tx, { topic: 'feedback.item-routed', payload: { code: 'PHA260300000002', citizenId: 'c-1' } });
        throw new Error('the change failed');
      }),
      /the change failed/,
    );
    const rows = await db.outbox.findMany();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.eventId, id);
    assert.deepEqual(rows[0]!.payload, { code: 'PHA260300000001', citizenId: 'c-1' });
    assert.equal(rows[0]!.publishedAt, null);
    await assert.rejects(writeOutbox(db, { topic: 'Not A Topic', payload: {} }), /invalid event topic/);
  });

  // Each relay test twice: drains through Prisma's interactive transaction, and through the kit's plain SQL one.
  for (const [name, through] of [
    ['through Prisma', () => undefined],
    ['through plain SQL', (database: Database) => database],
  ] as const) {
    test(`${name}: two relays racing publish every row exactly once, in order`, async () => {
      await db.outbox.deleteMany();
      for (let index = 0; index < 40; index += 1) {
        await db.$transaction((tx) => writeOutbox(tx, { topic: 'feedback.item-routed', payload: { index } }));
      }
      // On PostgreSQL the second relay has its own connection pool, as a second replica would.
      const second = feedback.url ? await openDatabase({ url: feedback.url }) : undefined;
      const otherDb = second ? new FeedbackClient({ adapter: second.adapter }) : db;
      try {
        const bus = recordingBus();
        const relays = [
          new OutboxRelay({ db, database: through(feedback.database), bus, batchSize: 7 }),
          new OutboxRelay({ db: otherDb, database: through(second ?? feedback.database), bus, batchSize: 7 }),
        ];
        const drainAll = async (relay: OutboxRelay) => {
          while ((await unpublished(db)) > 0) await relay.drainOnce();
        };
        await Promise.all(relays.map(drainAll));
        const indexes = bus.published.map((published) => published.payload['index']);
        assert.equal(indexes.length, 40, 'each row once');
        assert.deepEqual(indexes, [...Array(40).keys()], 'in the order written');
        assert.equal(new Set(bus.published.map((published) => published.id)).size, 40);
        assert.equal(await unpublished(db), 0);
      } finally {
        if (second) {
          await otherDb.$disconnect();
          await second.close();
        }
      }
    });

    test(`${name}: a batch goes out at once; a refused event and the rows after it wait for the next drain, the ones the bus already took dropped by their ids`, async () => {
      await db.outbox.deleteMany();
      for (let index = 0; index < 12; index += 1) await db.$transaction((tx) => writeOutbox(tx, { topic: 'feedback.item-routed', payload: { index } }));
      // As JetStream: a republished id is dropped; the event at index 2 is refused once.
      const seen = new Set<string>();
      let inFlight = 0;
      let most = 0;
      let refusals = 1;
      const bus = {
        ...recordingBus(),
        async publish(one: BusEvent) {
          inFlight += 1;
          most = Math.max(most, inFlight);
          await sleep(1);
          inFlight -= 1;
          if (one.payload['index'] === 2 && refusals-- > 0) throw new Error('bus refused it');
          if (!seen.has(one.id)) bus.published.push(one);
          seen.add(one.id);
        },
      };
      const relay = new OutboxRelay({ db, database: through(feedback.database), bus, batchSize: 7 });
      const first = await relay.drainOnce();
      assert.deepEqual(first, { published: 2, failed: true, busy: false }, 'the rows before the refused one marked');
      assert.equal(most, 7, 'the whole batch sent before any answer');
      while ((await unpublished(db)) > 0) await relay.drainOnce();
      assert.deepEqual(
        bus.published.map((published) => published.payload['index']),
        [0, 1, 3, 4, 5, 6, 2, 7, 8, 9, 10, 11],
        'each event once; only the refused one after events written after it',
      );
      const refused = await db.outbox.findFirstOrThrow({ where: { payload: { equals: { index: 2 } } } });
      assert.equal(refused.attempts, 2);
      assert.equal(refused.lastError, 'bus refused it');
    });

    test(`${name}: a running relay publishes right after a local write, and retries with backoff when the bus fails`, async () => {
      await db.outbox.deleteMany();
      const bus = recordingBus(2);
      const relay = new OutboxRelay({ db, database: through(feedback.database), bus, pollIntervalMs: 60_000, retryBaseMs: 20, retryMaxMs: 100 });
      relay.start();
      try {
        // The first drain (at start) finds nothing; the long poll interval cannot be what finds the row.
        await sleep(50);
        const started = Date.now();
        const id = await db.$transaction((tx) => writeOutbox(tx, { topic: 'feedback.item-resolved', payload: { code: 'PHA260300000003', citizenId: null } }));
        await waitFor(() => bus.published.some((published) => published.id === id), 5_000, 'the relay to publish');
        assert.ok(Date.now() - started < 2_000, 'woken by the write, not the poll');
        // The relay publishes, then marks the row: wait for the mark rather than race it.
        let row = await db.outbox.findUniqueOrThrow({ where: { eventId: id } });
        await waitFor(async () => (row = await db.outbox.findUniqueOrThrow({ where: { eventId: id } })).publishedAt !== null, 5_000, 'the row marked published');
        assert.ok(row.publishedAt);
        assert.equal(row.attempts, 3, 'two failed attempts, then the publish');
        assert.equal(row.lastError, 'bus unavailable');
      } finally {
        await relay.stop();
      }
    });
  }
});

/** A consumer's lag counts the event in its handler and those behind it, only on its topic, and is 0 once they are handled. */
async function assertConsumerLag(bus: EventBus, timeoutMs: number): Promise<void> {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const handled: string[] = [];
  const subscription = await bus.subscribe({
    consumer: 'lag-consumer',
    topic: 'feedback.>',
    handler: async ({ event: delivered }) => {
      await held;
      handled.push(delivered.payload['code'] as string);
    },
  });
  try {
    for (const code of ['L1', 'L2', 'L3']) await bus.publish(event('feedback.item-routed', { code }));
    await bus.publish(event('dossier.received', { code: 'not its topic' }));
    await waitFor(async () => (await subscription.pending?.()) === 3, timeoutMs, 'a lag of 3 while the first is held');
    release();
    await waitFor(() => handled.length === 3, timeoutMs, 'the three handled');
    await waitFor(async () => (await subscription.pending?.()) === 0, timeoutMs, 'no lag once handled');
  } finally {
    release();
    await subscription.stop();
  }
}

describe('in-process bus', () => {
  test("a durable consumer's lag: waiting and in-flight events on its topic", async () => {
    const bus = new InProcessEventBus({ redeliveryDelayMs: 10, maxRedeliveryDelayMs: 50 });
    try {
      await assertConsumerLag(bus, 2_000);
    } finally {
      await bus.close();
    }
  });

  test('an announcement reaches the listeners once per id and no durable consumer', async () => {
    const bus = new InProcessEventBus({ redeliveryDelayMs: 10, maxRedeliveryDelayMs: 50 });
    try {
      const heard: string[] = [];
      const durable: string[] = [];
      await bus.listen('notification.>', (announced) => void heard.push(announced.id));
      await bus.subscribe({ consumer: 'test-announce', topic: 'notification.>', handler: async ({ event: delivered }) => void durable.push(delivered.id) });
      const announced = event('notification.message-created', { messageId: randomUUID() });
      bus.announce(announced);
      bus.announce(announced);
      await waitFor(() => heard.length >= 1, 2_000, 'the listener told');
      await sleep(50);
      assert.deepEqual(heard, [announced.id], 'told once, the repeat dropped by its id');
      assert.deepEqual(durable, [], 'no durable consumer gets an announcement');
    } finally {
      await bus.close();
    }
  });

  test('delivers to a durable consumer, redelivers after a failed handler, drops a republished id', async () => {
    const bus = new InProcessEventBus({ redeliveryDelayMs: 10, maxRedeliveryDelayMs: 50 });
    try {
      const seen: Delivery[] = [];
      let failures = 2;
      const first = event('feedback.item-routed', { code: 'A' });
      // Published before anyone subscribes: the new durable consumer still gets it.
      await bus.publish(first);
      const subscription = await bus.subscribe({
        consumer: 'test-consumer',
        topic: 'feedback.>',
        handler: async (delivery) => {
          seen.push(delivery);
          if (delivery.event.payload['code'] === 'B' && failures-- > 0) throw new Error('not yet');
        },
      });
      const second = event('feedback.item-resolved', { code: 'B' });
      await bus.publish(second);
      await bus.publish(second);
      await bus.publish(event('dossier.received', { code: 'other topic' }));
      await waitFor(() => seen.filter((delivery) => delivery.event.id === second.id).length === 3, 2_000, 'redeliveries');
      await sleep(50);
      assert.deepEqual(
        seen.map((delivery) => [delivery.event.payload['code'], delivery.attempt]),
        [
          ['A', 1],
          ['B', 1],
          ['B', 2],
          ['B', 3],
        ],
      );
      // The consumer keeps its position: after a restart it gets only what came since.
      await subscription.stop();
      const third = event('feedback.item-routed', { code: 'C' });
      await bus.publish(third);
      const resumed: string[] = [];
      const again = await bus.subscribe({ consumer: 'test-consumer', topic: 'feedback.>', handler: async ({ event: delivered }) => void resumed.push(delivered.payload['code'] as string) });
      await waitFor(() => resumed.length === 1, 2_000, 'the resumed consumer');
      assert.deepEqual(resumed, ['C']);
      await again.stop();
    } finally {
      await bus.close();
    }
  });
});

async function natsReachable(): Promise<boolean> {
  const url = new URL(NATS_URL.split(',')[0]!);
  return new Promise((resolve) => {
    const socket = netConnect({ host: url.hostname, port: Number(url.port || 4222) });
    socket.setTimeout(1_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('NATS JetStream bus', async () => {
  const reachable = await natsReachable();
  /** `work` on a JetStream bus in a namespace of this run's own, whose `streams` are deleted afterwards. */
  const withNatsBus = async (streams: readonly string[], work: (bus: Awaited<ReturnType<typeof createNatsEventBus>>) => Promise<void>) => {
    const namespace = `lt-test-${randomUUID().slice(0, 8)}`;
    const bus = await createNatsEventBus({ servers: NATS_URL, name: 'events-test', namespace, redeliveryDelayMs: 50, maxRedeliveryDelayMs: 200, ackWaitMs: 5_000 });
    try {
      await work(bus);
    } finally {
      await bus.deleteStreams(streams);
      await bus.close();
    }
  };
  test('round trip, redelivery after a failed handler, publisher dedup by event id', { skip: reachable ? false : `no NATS server at ${NATS_URL} (set TEST_NATS_URL)` }, async () => {
    await withNatsBus(['feedback'], async (bus) => {
      const seen: Delivery[] = [];
      const first = event('feedback.item-routed', { code: 'A' });
      await bus.publish(first);
      const options: SubscribeOptions = {
        consumer: 'test-consumer',
        topic: 'feedback.>',
        handler: async (delivery) => {
          seen.push(delivery);
          if (delivery.attempt === 1 && delivery.event.payload['code'] === 'B') throw new Error('not yet');
        },
      };
      const subscription = await bus.subscribe(options);
      const second = event('feedback.item-resolved', { code: 'B' });
      await bus.publish(second);
      await bus.publish(second);
      await waitFor(() => seen.some((delivery) => delivery.event.id === second.id && delivery.attempt === 2), 10_000, 'the redelivery');
      await sleep(200);
      assert.deepEqual(
        seen.filter((delivery) => delivery.event.id === first.id).map((delivery) => delivery.attempt),
        [1],
      );
      assert.deepEqual(
        seen.filter((delivery) => delivery.event.id === second.id).map((delivery) => delivery.attempt),
        [1, 2],
        'redelivered once, the duplicate publish dropped',
      );
      assert.deepEqual(seen[0]!.event, first, 'the event arrives as published');
      // Acked events are not redelivered to the durable consumer after a restart.
      await subscription.stop();
      const third = event('feedback.item-routed', { code: 'C' });
      await bus.publish(third);
      const resumed: string[] = [];
      const again = await bus.subscribe({ ...options, handler: async ({ event: delivered }) => void resumed.push(delivered.payload['code'] as string) });
      await waitFor(() => resumed.length >= 1, 10_000, 'the resumed consumer');
      await sleep(200);
      assert.deepEqual(resumed, ['C']);
      await again.stop();
    });
  });

  test('an announcement reaches the listeners of every connection and no stream keeps it', { skip: reachable ? false : `no NATS server at ${NATS_URL} (set TEST_NATS_URL)` }, async () => {
    const namespace = `lt-test-${randomUUID().slice(0, 8)}`;
    const [one, two] = await Promise.all(
      ['one', 'two'].map((name) => createNatsEventBus({ servers: NATS_URL, name: `events-test-${name}`, namespace, redeliveryDelayMs: 50, maxRedeliveryDelayMs: 200, ackWaitMs: 5_000 })),
    );
    try {
      await waitFor(() => one!.available === true && two!.available === true, 10_000, 'both connected');
      const heard: [string, string][] = [];
      const listeners = await Promise.all([one!, two!].map((bus, index) => bus.listen('notification.>', (announced) => void heard.push([String(index), announced.id]))));
      // A durable consumer on the same topic: announcements are not for it.
      const durable: string[] = [];
      const consumer = await one!.subscribe({ consumer: 'test-announce', topic: 'notification.>', handler: async ({ event: delivered }) => void durable.push(delivered.id) });
      await sleep(200);
      const announced = event('notification.message-created', { messageId: randomUUID() });
      two!.announce(announced);
      two!.announce(announced);
      await waitFor(() => heard.length >= 2, 10_000, 'both listeners told');
      await sleep(200);
      assert.deepEqual(
        heard.sort(),
        [
          ['0', announced.id],
          ['1', announced.id],
        ],
        'each listener told once, the repeat dropped by its id',
      );
      assert.deepEqual(durable, [], 'no durable consumer gets an announcement');
      await Promise.all([...listeners, consumer].map((subscription) => subscription.stop()));
    } finally {
      await one!.deleteStreams(['notification']);
      await Promise.all([one!.close(), two!.close()]);
    }
  });

  test(
    'a consumer with concurrency takes several events at once, acks each when its own handler ends, and redelivers only the one that failed',
    { skip: reachable ? false : `no NATS server at ${NATS_URL} (set TEST_NATS_URL)` },
    async () => {
      await withNatsBus(['feedback'], async (bus) => {
        await waitFor(() => bus.available === true, 10_000, 'connected');
        await assert.rejects(bus.subscribe({ consumer: 'test-concurrent', topic: 'feedback.>', concurrency: 0, handler: async () => {} }), /invalid concurrency/);
        await assert.rejects(bus.subscribe({ consumer: 'test-concurrent', topic: 'feedback.>', concurrency: 1.5, handler: async () => {} }), /invalid concurrency/);
        const events = Array.from({ length: 20 }, (_, index) => event('feedback.item-routed', { code: `K${index}` }));
        for (const one of events) await bus.publish(one);
        let inFlight = 0;
        let most = 0;
        const attempts = new Map<string, number[]>();
        const subscription = await bus.subscribe({
          consumer: 'test-concurrent',
          topic: 'feedback.>',
          concurrency: 8,
          handler: async ({ event: delivered, attempt }) => {
            attempts.set(delivered.payload['code'] as string, [...(attempts.get(delivered.payload['code'] as string) ?? []), attempt]);
            inFlight += 1;
            most = Math.max(most, inFlight);
            await sleep(30);
            inFlight -= 1;
            if (delivered.payload['code'] === 'K7' && attempt === 1) throw new Error('not yet');
          },
        });
        await waitFor(() => attempts.size === 20 && attempts.get('K7')?.length === 2 && inFlight === 0, 10_000, 'every event handled');
        await sleep(300);
        assert.ok(most > 1 && most <= 8, `handlers at once: ${most} (1 < n ≤ 8)`);
        assert.deepEqual(attempts.get('K7'), [1, 2], 'the failed one redelivered once');
        assert.deepEqual(
          [...attempts].filter(([code]) => code !== 'K7').map(([, tries]) => tries),
          Array.from({ length: 19 }, () => [1]),
          'the others acked after their first delivery',
        );
        assert.equal(await subscription.pending?.(), 0, 'nothing left unacknowledged');
        await subscription.stop();
      });
    },
  );

  test('publishes made without waiting for each other reach a consumer in the order they were made', { skip: reachable ? false : `no NATS server at ${NATS_URL} (set TEST_NATS_URL)` }, async () => {
    await withNatsBus(['feedback'], async (bus) => {
      const events = Array.from({ length: 300 }, (_, index) => event('feedback.item-routed', { index }));
      await Promise.all(events.map((one) => bus.publish(one)));
      const order: number[] = [];
      const subscription = await bus.subscribe({ consumer: 'test-order', topic: 'feedback.>', handler: async ({ event: delivered }) => void order.push(delivered.payload['index'] as number) });
      await waitFor(() => order.length >= 300, 10_000, 'all 300');
      assert.deepEqual(order, [...Array(300).keys()]);
      await subscription.stop();
    });
  });

  test("a durable consumer's lag, as JetStream counts it", { skip: reachable ? false : `no NATS server at ${NATS_URL} (set TEST_NATS_URL)` }, async () => {
    await withNatsBus(['feedback', 'dossier'], async (bus) => {
      await assertConsumerLag(bus, 10_000);
    });
  });
});

describe('notification inbox', () => {
  let notification: Awaited<ReturnType<typeof openMigrated>>;
  let db: NotificationClient;

  before(async () => {
    notification = await openMigrated('notification');
    db = new NotificationClient({ adapter: notification.database.adapter });
  });
  after(async () => {
    await db?.$disconnect();
    await notification?.close();
  });

  test('a redelivered event creates one message; items without a reporter account create none', async () => {
    const citizen = `citizen-${randomUUID()}`;
    const routed = event('feedback.item-routed', { code: 'PHA260300000004', citizenId: citizen, unitCode: 'TT-1022' });
    assert.equal(await handleFeedbackEvent(db, routed), true);
    assert.equal(await handleFeedbackEvent(db, routed), false, 'the redelivery is recognised');
    await Promise.all([handleFeedbackEvent(db, routed), handleFeedbackEvent(db, routed)]);
    const messages = await db.message.findMany({ where: { recipientId: citizen } });
    assert.equal(messages.length, 1);
    assert.equal(messages[0]!.kind, 'FEEDBACK_ROUTED');
    assert.equal(messages[0]!.link, 'PHA260300000004');
    assert.equal(await handleFeedbackEvent(db, event('feedback.item-resolved', { code: 'PHA260300000005', citizenId: null })), false);
    assert.equal(await handleFeedbackEvent(db, event('feedback.item-resolved', { code: 42 })), false, 'an unreadable payload is skipped, not retried forever');
  });

  test('events handed over together are written in one group; a group with an event that cannot be written still writes the rest', async () => {
    const citizens = Array.from({ length: 5 }, () => `citizen-${randomUUID()}`);
    const announced: BusEvent[] = [];
    const bus = { ...recordingBus(), announce: (one: BusEvent) => void announced.push(one) };
    const write = writeInGroups(db, bus, FEEDBACK_CONSUMER, createLogger('test', 'silent'));
    const routed = citizens.map((citizen, index) => event('feedback.item-routed', { code: `PHA26030000010${index}`, citizenId: citizen }));
    // The same event twice in one group, and again in the next: one message.
    await Promise.all([...routed, routed[0]!].map((one) => write(one)));
    await write(routed[1]!);
    for (const citizen of citizens) assert.equal(await db.message.count({ where: { recipientId: citizen } }), 1, 'one message each');
    assert.equal(announced.length, 5, 'each new message announced once');
    // An id the inbox cannot store fails its own write only.
    const hostile = { ...event('feedback.item-routed', { code: 'PHA260300000199', citizenId: citizens[0] }), id: "x'); DROP TABLE message; --" };
    const others = citizens.map((citizen, index) => event('feedback.item-resolved', { code: `PHA26030000020${index}`, citizenId: citizen }));
    const outcomes = await Promise.allSettled([hostile, ...others].map((one) => write(one)));
    assert.equal(outcomes[0]!.status, 'rejected', 'the unwritable event fails (and will be redelivered)');
    assert.deepEqual(
      outcomes.slice(1).map((outcome) => outcome.status),
      others.map(() => 'fulfilled'),
    );
    for (const citizen of citizens) assert.equal(await db.message.count({ where: { recipientId: citizen } }), 2, 'the rest of the group written');
  });

  test('through the bus: a handler that fails is retried and still writes one message', async () => {
    const bus = new InProcessEventBus({ redeliveryDelayMs: 10, maxRedeliveryDelayMs: 50 });
    const citizen = `citizen-${randomUUID()}`;
    let calls = 0;
    const subscription = await bus.subscribe({
      consumer: 'notification-feedback',
      topic: 'feedback.>',
      handler: async ({ event: delivered }) => {
        calls += 1;
        await handleFeedbackEvent(db, delivered);
        // Fails after writing (as if the ack were lost): the redelivery must find the event claimed.
        if (calls === 1) throw new Error('ack lost');
      },
    });
    try {
      await bus.publish(event('feedback.item-resolved', { code: 'PHA260300000006', citizenId: citizen }));
      await waitFor(() => calls >= 2, 2_000, 'the redelivery');
      assert.equal(await db.message.count({ where: { recipientId: citizen } }), 1);
    } finally {
      await subscription.stop();
      await bus.close();
    }
  });
});

test('NATS_URL is validated with the other keys', () => {
  assert.equal(parseSubgraphConfig('feedback', {}).natsUrl, undefined);
  assert.equal(parseSubgraphConfig('feedback', { NATS_URL: 'nats://10.0.0.5:4222,nats://10.0.0.6:4222' }).natsUrl, 'nats://10.0.0.5:4222,nats://10.0.0.6:4222');
  assert.throws(
    () => parseSubgraphConfig('feedback', { NATS_URL: 'http://nats:4222', FEEDBACK_PORT: 'x' }),
    (error: unknown) => error instanceof ConfigError && error.problems.some((problem) => problem.startsWith('NATS_URL')) && error.problems.some((problem) => problem.startsWith('FEEDBACK_PORT')),
  );
});
