// A subgraph's own Prometheus metrics, beside the HTTP ones every process has (platform/metrics.ts): its
// PostgreSQL pool (open, idle, waiting), its outbox — events written but not yet on the bus, and the
// age of the oldest — and its event consumers' lag, read when scraped. A subgraph without an outbox
// table reports no outbox; one without consumers no lag.
import { Gauge } from 'prom-client';
import { METRIC_PREFIX } from '../../platform/metrics.ts';
import type { ProcessMetrics } from '../../platform/metrics.ts';
import type { Database } from './db.ts';
import { withSubscribe } from './events/bus.ts';
import type { EventBus, Subscription } from './events/index.ts';

/** How long a scrape waits for the outbox query before reporting nothing for it. */
const OUTBOX_QUERY_TIMEOUT_MS = 1_000;

/** Register the database and outbox gauges of one subgraph on its process registry. */
export function registerSubgraphMetrics(metrics: ProcessMetrics, database: Database): void {
  const registers = [metrics.registry];
  new Gauge({
    name: `${METRIC_PREFIX}db_pool_connections`,
    help: 'PostgreSQL pool connections by state (open, idle) and callers waiting for one; absent on embedded PGlite.',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const stats = database.poolStats();
      if (!stats) return;
      this.set({ state: 'open' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });
  let hasOutbox: boolean | undefined;
  const outbox = async (): Promise<{ pending: number; age: number } | undefined> => {
    if (hasOutbox === false) return undefined;
    const read = database.withConnection(async (connection) => {
      if (hasOutbox === undefined) {
        const [table] = await connection.query<{ found: boolean }>(`SELECT to_regclass('outbox') IS NOT NULL AS "found"`);
        hasOutbox = table?.found === true;
        if (!hasOutbox) return undefined;
      }
      const [row] = await connection.query<{ pending: number; age: number | null }>(
        `SELECT count(*)::int AS "pending", EXTRACT(EPOCH FROM (now() - min("occurred_at")))::float8 AS "age" FROM "outbox" WHERE "published_at" IS NULL`,
      );
      return row ? { pending: row.pending, age: row.age ?? 0 } : undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), OUTBOX_QUERY_TIMEOUT_MS)));
    // A database that is down costs the scrape a second at most, never an error: the gauges are just absent.
    return Promise.race([read.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
  };
  // Both gauges are filled from one query per scrape: the registry collects every metric at once, so
  // the second collect finds the first one's query still running and shares it.
  let scrape: Promise<{ pending: number; age: number } | undefined> | undefined;
  const outboxOnce = () => (scrape ??= outbox().finally(() => (scrape = undefined)));
  new Gauge({
    name: `${METRIC_PREFIX}outbox_pending_events`,
    help: 'Events in the outbox not yet published to the bus.',
    registers,
    async collect() {
      const state = await outboxOnce();
      if (state) this.set(state.pending);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}outbox_oldest_pending_age_seconds`,
    help: 'Age of the oldest event not yet published (0 when none): the relay is behind or the bus is down.',
    registers,
    async collect() {
      const state = await outboxOnce();
      if (state) this.set(state.age);
    },
  });
}

/**
 * `bus` as the subgraph's background work sees it, its durable consumers counted in
 * `lien_thong_event_consumer_lag_events{consumer}`: events on the consumer's topic not yet handled.
 */
export function withConsumerLag(metrics: ProcessMetrics, bus: EventBus): EventBus {
  const consumers = new Map<string, Subscription>();
  new Gauge({
    name: `${METRIC_PREFIX}event_consumer_lag_events`,
    help: "Events on a durable consumer's topic not yet handled (waiting or unacknowledged); absent while the bus cannot tell.",
    labelNames: ['consumer'] as const,
    registers: [metrics.registry],
    async collect() {
      this.reset();
      const lags = await Promise.all([...consumers].map(async ([consumer, subscription]) => [consumer, await subscription.pending?.()] as const));
      for (const [consumer, lag] of lags) if (lag !== undefined) this.set({ consumer }, lag);
    },
  });
  return withSubscribe(bus, async (options) => {
    const subscription = await bus.subscribe(options);
    consumers.set(options.consumer, subscription);
    return {
      stop: async () => {
        consumers.delete(options.consumer);
        await subscription.stop();
      },
      ...(subscription.pending ? { pending: () => subscription.pending!() } : {}),
    };
  });
}
