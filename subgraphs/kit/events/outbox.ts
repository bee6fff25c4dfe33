// The transactional outbox: a subgraph writes its event as a row of its own `outbox` table inside the
// transaction that makes the change (writeOutbox), so the change and its event commit or vanish
// together. A relay (OutboxRelay) publishes unpublished rows to the bus in id order and marks them
// published. Replicas share the table: a transaction-scoped advisory lock lets one relay drain at a
// time (so order holds) and FOR UPDATE SKIP LOCKED keeps a second one off the same rows regardless.
// A crash between publishing and marking republishes the row; the event id makes that a no-op for the
// bus's dedup window and for idempotent consumers after it (at-least-once). A row keeps the W3C trace
// context of the change that wrote it (metadata beside the payload), which its event carries on the bus.
import { EventEmitter } from 'node:events';
import type { Database, SqlConnection } from '../db.ts';
import { OUTBOX_RELAY_LOCK_KEY } from '../lock-keys.ts';
import { timeOrderedId } from '../time-ordered-id.ts';
import type { Logger } from '../../../platform/logger.ts';
import { traceHeaders } from '../../../platform/tracing.ts';
import { backoffMs, checkTopic } from './bus.ts';
import type { BusEvent, EventBus } from './bus.ts';

/** The part of a Prisma transaction client writeOutbox needs. */
export interface OutboxWriter {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

/** The kit's plain SQL connection, inside the caller's transaction (Database.transaction). */
type OutboxConnection = Pick<SqlConnection, 'query'>;

/** Raw SQL on a Prisma transaction client (the relay's statements, its UPDATEs included, go through the query form). */
export interface RawSqlTransaction {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

/** The part of a Prisma client the relay needs. */
export interface OutboxClient {
  $transaction<R>(work: (tx: RawSqlTransaction) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
}

/** An event to write. */
export interface OutboxEvent {
  readonly topic: string;
  /** Ids and codes only: never a name, phone, ID number or the text of a citizen's feedback. */
  readonly payload: Readonly<Record<string, unknown>>;
  /** Defaults to a new UUID; pass one to make the write itself idempotent. */
  readonly id?: string;
  /** When the change happened; defaults to now. */
  readonly occurredAt?: Date;
}

// Tells the relays of this process that a row was written, so they look at once instead of at the next
// poll. The write is not committed yet when this fires: the relay chases it with short retries.
const written = new EventEmitter();
written.setMaxListeners(0);

/** Tell this process's relays that an outbox row was written some other way than writeOutbox (raw SQL). */
export function notifyOutboxWrite(): void {
  written.emit('write');
}

/** Insert `event` into the outbox inside the caller's transaction; returns the event id. */
export async function writeOutbox(tx: OutboxWriter | OutboxConnection, event: OutboxEvent): Promise<string> {
  const [id] = await writeOutboxEvents(tx, [event]);
  return id as string;
}

const OUTBOX_INSERT_SQL = `
  INSERT INTO "outbox" ("event_id", "topic", "payload", "occurred_at", "trace_context")
  SELECT "e"."id", "e"."topic", "e"."payload", "e"."at", $1::jsonb
    FROM ROWS FROM (json_to_recordset($2::json) AS ("id" uuid, "topic" text, "payload" jsonb, "at" timestamptz))
         WITH ORDINALITY AS "e"("id", "topic", "payload", "at", "n")
   ORDER BY "e"."n"`;

/**
 * Insert `events` into the outbox in one statement, in their order, inside the caller's transaction (a
 * Prisma transaction client, or the kit's plain SQL connection — the bulk paths' choice: Prisma walks a
 * raw statement's parameters again, twice the CPU of the plain driver for a chunk's JSON); returns their ids.
 */
export async function writeOutboxEvents(tx: OutboxWriter | OutboxConnection, events: readonly OutboxEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  for (const event of events) checkTopic(event.topic);
  const ids: string[] = [];
  // One JSON parameter for all the rows, payloads nested as they are (no string per payload escaped again
  // inside a text array).
  const rows = events.map((event) => {
    const id = event.id ?? timeOrderedId();
    ids.push(id);
    return { id, topic: event.topic, payload: event.payload, at: event.occurredAt ?? new Date() };
  });
  // The trace of the change (when traced), kept beside the payload for the consumers.
  const trace = traceHeaders();
  const params = [trace === undefined ? null : JSON.stringify(trace), JSON.stringify(rows)];
  await ('query' in tx ? tx.query(OUTBOX_INSERT_SQL, params) : tx.$executeRawUnsafe(OUTBOX_INSERT_SQL, ...params));
  written.emit('write');
  return ids;
}

interface OutboxRow {
  /** The bigint id as text (no driver's own bigint handling in between). */
  id: string;
  event_id: string;
  topic: string;
  payload: unknown;
  occurred_at: Date | string;
  trace_context: unknown;
}

/** What one drain did. */
export interface DrainResult {
  readonly published: number;
  /** The bus refused an event; the rest of the batch waits for the next try (order holds). */
  readonly failed: boolean;
  /** Another relay holds the lock. */
  readonly busy: boolean;
}

/** Relay settings. */
export interface OutboxRelayOptions {
  /** The subgraph's Prisma client: the relay's transactions go through it when `database` is not given. */
  readonly db: OutboxClient;
  /**
   * The kit's plain SQL access to the same database: when given, each drain is a plain `pg` (or PGlite)
   * transaction instead of a Prisma interactive one, whose machinery cost more CPU than the drain's own
   * three statements (bench/README.md, `bench:dossier`).
   */
  readonly database?: Pick<Database, 'transaction'> | undefined;
  readonly bus: EventBus;
  readonly logger?: Logger;
  /** Look for rows at least this often (rows written by other replicas, missed wake-ups). Default 1,000 ms. */
  readonly pollIntervalMs?: number;
  /** Rows per transaction. Default 100. */
  readonly batchSize?: number;
  /** After a failure, wait this long, doubling up to retryMaxMs. Defaults 500 ms and 30 s. */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
}

// After a local write, look again after these delays (ms) until the row shows up committed.
const CHASE_DELAYS = [0, 5, 15, 50, 150, 500];
// While the bus is unavailable, check it again this often (no database work meanwhile).
const BUS_CHECK_MS = 250;

/** Publishes a database's outbox to the bus. */
export class OutboxRelay {
  readonly #db: OutboxClient;
  readonly #database: Pick<Database, 'transaction'> | undefined;
  readonly #bus: EventBus;
  readonly #logger: Logger | undefined;
  readonly #pollIntervalMs: number;
  readonly #batchSize: number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  #running: Promise<void> | undefined;
  #stopped = false;
  #chase = CHASE_DELAYS.length;
  #interrupt: (() => void) | undefined;
  #writes = 0;
  readonly #onWrite = () => {
    this.#writes += 1;
    this.#chase = 0;
    this.#interrupt?.();
  };

  constructor(options: OutboxRelayOptions) {
    this.#db = options.db;
    this.#database = options.database;
    this.#bus = options.bus;
    this.#logger = options.logger;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.#batchSize = options.batchSize ?? 100;
    this.#retryBaseMs = options.retryBaseMs ?? 500;
    this.#retryMaxMs = options.retryMaxMs ?? 30_000;
  }

  /** Publish unpublished rows, oldest first, up to one batch. */
  async drainOnce(): Promise<DrainResult> {
    const database = this.#database;
    if (database) return database.transaction((connection) => this.#drain((sql, params) => connection.query(sql, params)));
    return this.#db.$transaction((tx) => this.#drain((sql, params) => tx.$queryRawUnsafe(sql, ...params)), { maxWait: 10_000, timeout: 60_000 });
  }

  /** One drain inside a transaction, its statements run by `query`. */
  async #drain(query: <Row>(sql: string, params: unknown[]) => PromiseLike<Row[]>): Promise<DrainResult> {
    const [lock] = await query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS "locked"', [OUTBOX_RELAY_LOCK_KEY]);
    if (!lock?.locked) return { published: 0, failed: false, busy: true };
    // Ordered as the (published_at, id) index is, so the oldest unpublished rows are read straight off
    // it whatever the table's statistics say. Ordered by id alone, a burst of writes the statistics had
    // not seen yet got a plan that fetched and sorted every unpublished row for each batch of 100. (Qualified,
    // since a bare "id" in ORDER BY would name the text column of the output.)
    const rows = await query<OutboxRow>(
      `SELECT "id"::text AS "id", "event_id"::text AS "event_id", "topic", "payload", "occurred_at", "trace_context" FROM "outbox"
        WHERE "published_at" IS NULL ORDER BY "outbox"."published_at", "outbox"."id" LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [this.#batchSize],
    );
    // Every row of the batch sent at once, then their acknowledgements awaited (the bus sends concurrent
    // publishes in the order of the calls): one round trip for a batch instead of one for each event,
    // which kept a relay at about 700 events/s behind a back-fill. Rows up to the first refused one are
    // marked; it and the rest wait for the next try, and those the bus already took are then dropped by
    // their ids, so only a refused event can reach consumers after events written after it.
    const outcomes = await Promise.allSettled(rows.map((row) => this.#bus.publish(toEvent(row))));
    const refused = outcomes.findIndex((outcome) => outcome.status === 'rejected');
    const published = (refused === -1 ? rows : rows.slice(0, refused)).map((row) => row.id);
    const failed = refused !== -1;
    if (failed) {
      const row = rows[refused]!;
      const error = (outcomes[refused] as PromiseRejectedResult).reason as Error;
      this.#logger?.warn({ err: error, eventId: row.event_id, topic: row.topic }, 'outbox: publish failed, will retry');
      await query('UPDATE "outbox" SET "attempts" = "attempts" + 1, "last_error" = $2 WHERE "id" = $1::bigint', [row.id, String(error?.message ?? error).slice(0, 500)]);
    }
    if (published.length > 0) {
      await query(
        `UPDATE "outbox" SET "published_at" = now(), "attempts" = "attempts" + 1
          WHERE "id" IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)`,
        [JSON.stringify(published)],
      );
    }
    return { published: published.length, failed, busy: false };
  }

  /** Start relaying in the background. */
  start(): void {
    if (this.#running) return;
    this.#stopped = false;
    written.on('write', this.#onWrite);
    this.#running = this.#loop();
  }

  /** Stop after the drain in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    written.off('write', this.#onWrite);
    this.#interrupt?.();
    await this.#running;
    this.#running = undefined;
  }

  async #loop(): Promise<void> {
    let failures = 0;
    while (!this.#stopped) {
      let delay: number;
      const writesBefore = this.#writes;
      if (this.#bus.available === false) {
        // The bus is down: rows stay unpublished (no transaction, no failed attempt counted) and the
        // relay looks again shortly, so they go out within about a second of its return.
        await this.#sleep(Math.min(this.#pollIntervalMs, BUS_CHECK_MS));
        continue;
      }
      try {
        const result = await this.drainOnce();
        if (result.failed) {
          failures += 1;
          delay = backoffMs(failures, this.#retryBaseMs, this.#retryMaxMs);
        } else {
          failures = 0;
          if (result.published >= this.#batchSize) delay = 0;
          else if (result.published > 0 && this.#writes === writesBefore) {
            this.#chase = CHASE_DELAYS.length;
            delay = this.#pollIntervalMs;
          } else delay = this.#chase < CHASE_DELAYS.length ? (CHASE_DELAYS[this.#chase++] as number) : this.#pollIntervalMs;
        }
      } catch (error) {
        // The database is unreachable or closing: back off and try again.
        failures += 1;
        delay = backoffMs(failures, this.#retryBaseMs, this.#retryMaxMs);
        if (!this.#stopped) this.#logger?.warn({ err: error }, 'outbox: relay failed, will retry');
      }
      if (this.#stopped) break;
      await this.#sleep(delay);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#interrupt = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#interrupt = done;
    });
  }
}

function toEvent(row: OutboxRow): BusEvent {
  const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : (row.payload as Record<string, unknown>);
  const occurredAt = row.occurred_at instanceof Date ? row.occurred_at.toISOString() : new Date(row.occurred_at).toISOString();
  const trace = typeof row.trace_context === 'string' ? (JSON.parse(row.trace_context) as unknown) : row.trace_context;
  return { id: row.event_id, topic: row.topic, occurredAt, payload, ...(isTraceContext(trace) ? { trace } : {}) };
}

/** A stored trace context: string values only (what traceHeaders wrote). */
function isTraceContext(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string');
}
