// `npm run bench:live`: open subscriptions through the gateway (issue #15, Scale): N citizens each with
// a graphql-ws connection subscribed to notificationReceived; the memory each idle subscription costs;
// then events (feedback.item-routed for random subscribers, on the hub's bus) timed from publish to the
// client: the notification consumer writes the inbox message, announces it, the subgraph's live feed
// reads it back, the gateway shapes and sends it. A benchmark, never a timed test.
//
//   npm run bench:live -- [--subscriptions 10000] [--events 300]
//
// The hub (identity provider, subgraphs, gateway) runs in this process; the clients run in a child
// process (this file with --clients), so the memory measured here is the hub's alone (the gateway's
// client sockets and subscriptions, its one upstream connection per subgraph, the subgraph's side), and
// 10,000 clients fit in `ulimit -n` (each process holds about 10,000 sockets). The child stamps each
// arrival with `performance.timeOrigin + performance.now()`, which this process compares with its own.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startHubWithRealmKeys } from '../testing/tokens.ts';

const CLIENTS_FLAG = '--clients';
/** Connections opened at once by the clients' process. */
const OPENING_CONCURRENCY = 50;

/** Parent → clients: open these; clients → parent: opened, and each arrival. */
type ToClients = { readonly url: string; readonly tokens: readonly string[] } | { readonly close: true };
type FromClients = { readonly opened: number; readonly failed: number } | { readonly link: string; readonly at: number };

const now = () => performance.timeOrigin + performance.now();

if (process.argv.includes(CLIENTS_FLAG)) runClients();
else await runHub();

/** The clients' process: one graphql-ws connection and subscription per token. */
function runClients(): void {
  const clients: Client[] = [];
  const send = (message: FromClients) => process.send!(message);
  process.on('message', (message: ToClients) => {
    if ('close' in message) {
      void Promise.allSettled(clients.map(async (client) => await client.dispose())).then(() => process.exit(0));
      return;
    }
    let next = 0;
    let failed = 0;
    const open = async (token: string) => {
      const client = createClient({ url: message.url, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { Authorization: `Bearer ${token}` } });
      clients.push(client);
      await new Promise<void>((resolve) => {
        const off = client.on('connected', () => {
          off();
          resolve();
        });
        client.subscribe(
          { query: 'subscription { notificationReceived { link } }' },
          {
            next: (result) => send({ link: (result.data?.['notificationReceived'] as { link: string }).link, at: now() }),
            error: () => {
              failed += 1;
              resolve();
            },
            complete: () => {},
          },
        );
      });
    };
    const worker = async () => {
      while (next < message.tokens.length) await open(message.tokens[next++]!);
    };
    void Promise.all(Array.from({ length: OPENING_CONCURRENCY }, worker)).then(() => send({ opened: message.tokens.length, failed }));
  });
  process.on('disconnect', () => process.exit(0));
}

async function runHub(): Promise<void> {
  const { values } = parseArgs({ options: { subscriptions: { type: 'string' }, events: { type: 'string' } } });
  const count = Number(values.subscriptions ?? 10_000);
  const events = Number(values.events ?? 300);

  const percentile = (samples: number[], p: number): number => {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  };
  const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const settle = async () => {
    global.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    global.gc?.();
    return process.memoryUsage();
  };

  const keyed = await startHubWithRealmKeys({ gatewayEnv: { SUBSCRIPTION_RECHECK_MS: '60000' } });
  const { hub } = keyed;
  let child: ChildProcess | undefined;
  const waiting = new Map<string, (at: number) => void>();
  try {
    const subjects = Array.from({ length: count }, () => randomUUID());
    const tokens = await Promise.all(subjects.map((sub) => keyed.token({ sub })));
    // The gateway's connections to the notification subgraph (one per gateway process since multiplexing).
    const upstreams = new Set<Duplex>();
    hub.subgraphs['notification']!.app.server.on('upgrade', (_request: IncomingMessage, socket: Duplex) => {
      upstreams.add(socket);
      socket.once('close', () => upstreams.delete(socket));
    });
    const before = await settle();
    child = fork(fileURLToPath(import.meta.url), [CLIENTS_FLAG], { stdio: 'inherit' });
    const clients = child;
    const opened = now();
    const done = new Promise<{ opened: number; failed: number }>((resolve, reject) => {
      clients.on('message', (message: FromClients) => {
        if ('opened' in message) resolve(message);
        else waiting.get(message.link)?.(message.at);
      });
      clients.once('exit', (code) => reject(new Error(`the clients' process exited with ${code}`)));
    });
    clients.send({ url: `${hub.gatewayUrl.replace(/^http/, 'ws')}/graphql`, tokens } satisfies ToClients);
    const result = await done;
    console.log(`${result.opened - result.failed} subscriptions open (${result.failed} refused) in ${((now() - opened) / 1000).toFixed(1)} s`);
    // Let every upstream subscription reach its subgraph.
    await new Promise((resolve) => setTimeout(resolve, Math.max(2_000, count)));
    const after = await settle();
    console.log(
      `memory per idle subscription (this process: gateway + subgraphs, clients elsewhere): heap ${((after.heapUsed - before.heapUsed) / count / 1024).toFixed(1)} KiB, rss ${((after.rss - before.rss) / count / 1024).toFixed(1)} KiB (heap ${megabytes(before.heapUsed)} → ${megabytes(after.heapUsed)} MB, rss ${megabytes(before.rss)} → ${megabytes(after.rss)} MB)`,
    );
    console.log(`upstream connections the notification subgraph holds: ${upstreams.size}`);

    const latencies: number[] = [];
    for (let index = 0; index < events; index += 1) {
      const code = `BENCH-${randomUUID().slice(0, 8)}`;
      const subject = subjects[Math.floor(Math.random() * subjects.length)]!;
      const arrived = new Promise<number>((resolve) => waiting.set(code, resolve));
      const sent = now();
      await hub.bus.publish({ id: randomUUID(), topic: 'feedback.item-routed', occurredAt: new Date().toISOString(), payload: { code, citizenId: subject, unitCode: 'UBND-P-BEN-THANH' } });
      const at = await Promise.race([arrived, new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 10_000))]);
      waiting.delete(code);
      latencies.push(at - sent);
    }
    const lost = latencies.filter((value) => Number.isNaN(value)).length;
    const timed = latencies.filter((value) => !Number.isNaN(value));
    console.log(`event to client over ${events} events (one at a time, ${count} open): p50 ${percentile(timed, 50).toFixed(1)} ms, p99 ${percentile(timed, 99).toFixed(1)} ms, lost ${lost}`);
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.send({ close: true } satisfies ToClients);
      await exited;
    }
    await keyed.close();
  }
}
