// `node bench/outbox-relay.ts [--events 20000] [--rounds 3]`: the outbox relay's own CPU per event, draining
// through Prisma's interactive transaction against the kit's plain SQL one (what the subgraphs use), side
// by side in rounds. Each round writes `--events` rows to a fresh feedback database's outbox and drains them
// with a bus that takes every event at once, so what is measured is the relay's database work: the lock,
// the batch read and the mark, 100 rows a transaction. Needs PostgreSQL (TEST_DATABASE_URL, default the
// local `test` database; a throwaway database is created beside it and dropped).
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PrismaClient } from '../subgraphs/feedback/prisma/generated/client.ts';
import { openDatabase } from '../subgraphs/kit/db.ts';
import type { EventBus } from '../subgraphs/kit/events/bus.ts';
import { OutboxRelay, writeOutboxEvents } from '../subgraphs/kit/events/outbox.ts';
import { migrate } from '../subgraphs/kit/migrate.ts';
import { createTestDatabase } from '../testing/hub.ts';

const { values: args } = parseArgs({ options: { events: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } } });
const events = Number(args.events);
const rounds = Number(args.rounds);
if (!Number.isInteger(events) || events < 1000 || !Number.isInteger(rounds) || rounds < 1) {
  process.stderr.write('outbox-relay: --events must be a whole number ≥ 1000 and --rounds ≥ 1\n');
  process.exit(2);
}

const created = await createTestDatabase(process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test', 'outbox_relay_bench');
const database = await openDatabase({ url: created.url });
const db = new PrismaClient({ adapter: database.adapter });
const notUsed = () => Promise.reject(new Error('not used'));
const bus: EventBus = { kind: 'in-process', publish: async () => undefined, subscribe: notUsed, listen: notUsed, announce: () => undefined, close: async () => undefined };

try {
  await migrate(database, fileURLToPath(new URL('../subgraphs/feedback/prisma/migrations/', import.meta.url)));
  console.log('| round | drains through | events/s | relay CPU per event (µs) |\n| ---: | --- | ---: | ---: |');
  for (let round = 1; round <= rounds; round++) {
    for (const through of ['Prisma', 'plain SQL'] as const) {
      await database.transaction(async (connection) => {
        for (let first = 0; first < events; first += 1000) {
          const batch = Array.from({ length: Math.min(1000, events - first) }, (_, index) => ({ topic: 'feedback.item-routed', payload: { index: first + index, code: 'PHA260300000003' } }));
          await writeOutboxEvents(connection, batch);
        }
      });
      const relay = new OutboxRelay({ db, database: through === 'plain SQL' ? database : undefined, bus });
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      let published = 0;
      for (let drained = -1; drained !== 0; published += drained) drained = (await relay.drainOnce()).published;
      const cpu = process.cpuUsage(cpuBefore);
      const rate = (published / (performance.now() - started)) * 1000;
      console.log(`| ${round} | ${through} | ${rate.toFixed(0)} | ${((cpu.user + cpu.system) / published).toFixed(1)} |`);
    }
  }
} finally {
  await db.$disconnect();
  await database.close();
  await created.drop();
}
