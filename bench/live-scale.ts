// `npm run bench:live`: open subscriptions through the gateway (issue #15, Scale): N citizens each with
// a graphql-ws connection subscribed to notificationReceived; the memory each idle subscription costs;
// then events (feedback.item-routed for random subscribers, on the hub's bus) timed from publish to the
// client: the notification consumer writes the inbox message, announces it, the subgraph's live feed
// reads it back, the gateway shapes and sends it. A benchmark, never a timed test.
//
//   npm run bench:live -- [--subscriptions 1000] [--events 300]
//
// Everything runs in this one process (identity provider, subgraphs, gateway and the clients), so the
// memory per subscription counts the client's socket, the gateway's two (client and upstream) and the
// subgraph's: an upper bound for the gateway's own share. Each subscription has its own upstream
// connection (one viewer's internal token per connection); 10,000 need 40,000 sockets: raise `ulimit -n`.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startHubWithRealmKeys } from '../testing/tokens.ts';

const { values } = parseArgs({ options: { subscriptions: { type: 'string' }, events: { type: 'string' } } });
const count = Number(values.subscriptions ?? 1000);
const events = Number(values.events ?? 300);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const settle = async () => {
  global.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  global.gc?.();
  return process.memoryUsage();
};

const keyed = await startHubWithRealmKeys({ gatewayEnv: { SUBSCRIPTION_RECHECK_MS: '60000' } });
const { hub } = keyed;
const url = `${hub.gatewayUrl.replace(/^http/, 'ws')}/graphql`;
const clients: Client[] = [];
const waiting = new Map<string, (at: number) => void>();
try {
  const before = await settle();
  const subjects: string[] = [];
  const opened = performance.now();
  for (let index = 0; index < count; index += 1) {
    const subject = randomUUID();
    subjects.push(subject);
    const token = await keyed.token({ sub: subject });
    const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { Authorization: `Bearer ${token}` } });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      const off = client.on('connected', () => {
        off();
        resolve();
      });
      client.subscribe(
        { query: 'subscription { notificationReceived { link } }' },
        {
          next: (result) => waiting.get((result.data?.['notificationReceived'] as { link: string }).link)?.(performance.now()),
          error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
          complete: () => {},
        },
      );
    });
  }
  // Let every upstream subscription reach its subgraph.
  await new Promise((resolve) => setTimeout(resolve, Math.max(1_000, count)));
  const after = await settle();
  console.log(`${count} subscriptions open in ${((performance.now() - opened) / 1000).toFixed(1)} s`);
  console.log(
    `memory per idle subscription (whole hub + clients): heap ${((after.heapUsed - before.heapUsed) / count / 1024).toFixed(1)} KiB, rss ${((after.rss - before.rss) / count / 1024).toFixed(1)} KiB (rss ${megabytes(before.rss)} → ${megabytes(after.rss)} MB)`,
  );

  const latencies: number[] = [];
  for (let index = 0; index < events; index += 1) {
    const code = `BENCH-${randomUUID().slice(0, 8)}`;
    const subject = subjects[Math.floor(Math.random() * subjects.length)]!;
    const arrived = new Promise<number>((resolve) => waiting.set(code, resolve));
    const sent = performance.now();
    await hub.bus.publish({ id: randomUUID(), topic: 'feedback.item-routed', occurredAt: new Date().toISOString(), payload: { code, citizenId: subject, unitCode: 'UBND-P-BEN-THANH' } });
    const at = await Promise.race([arrived, new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 10_000))]);
    waiting.delete(code);
    latencies.push(at - sent);
  }
  const lost = latencies.filter((value) => Number.isNaN(value)).length;
  const timed = latencies.filter((value) => !Number.isNaN(value));
  console.log(`event to client over ${events} events (one at a time, ${count} open): p50 ${percentile(timed, 50).toFixed(1)} ms, p99 ${percentile(timed, 99).toFixed(1)} ms, lost ${lost}`);
} finally {
  for (const client of clients) await client.dispose();
  await keyed.close();
}
