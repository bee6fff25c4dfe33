// Group commit for intake: submissions that arrive while earlier ones are being written go to the
// database together, as one statement. Per submission, PostgreSQL otherwise spends about 1 ms of CPU on
// a statement of five inserts (parse, plan, the executor, commit) and Prisma about 0.45 ms; a batch
// pays that once. Under light load a batch is one submission, written at once (after the current
// event-loop turn); under heavy load batches grow with the queue, up to MAX_BATCH.
import DataLoader from 'dataloader';
import type { FeedbackItem, PrismaClient } from '../prisma/generated/client.ts';
import { DEFAULT_UNIT_CODE } from '../prisma/seed-data.ts';

/** One submission as the intake statement writes it: validated, placed and with its code drawn. */
export interface IntakeRow {
  readonly id: string;
  readonly code: string;
  readonly citizenId: string | null;
  readonly channel: string;
  readonly categoryCode: string;
  readonly title: string;
  readonly content: string;
  readonly wardCode: string;
  readonly lat: number;
  readonly lng: number;
  readonly isAnonymous: boolean;
  readonly isPublic: boolean;
  readonly receivedAt: Date;
  readonly dueAt: Date;
  readonly recordedBy: string | null;
  /** Who the first history entry names: the operator who recorded it, else the citizen. */
  readonly actorId: string | null;
  /** SUBMITTED or RECORDED. */
  readonly action: string;
  readonly idempotency: { readonly scope: string; readonly key: string; readonly requestHash: string } | null;
  readonly contact: { readonly name: string | null; readonly phone: string | null; readonly phoneUnrecognized: boolean; readonly email: string | null; readonly address: string | null } | null;
  readonly eventId: string;
  readonly locationConfirmed: boolean;
  /** The W3C trace context of the submission's request, for its event (undefined when untraced). */
  readonly trace: Readonly<Record<string, string>> | undefined;
}

/** Most submissions written by one statement (its JSON stays under ~1 MB even with 5,000-character texts). */
const MAX_BATCH = 100;
/**
 * Statements in flight at once. Two keep the database busy while the next batch gathers (PostgreSQL
 * runs both; PGlite queues the second); more would only make smaller batches.
 */
const MAX_IN_FLIGHT = 2;

// The columns of feedback_item under the names of the Prisma model, so a raw row is a FeedbackItem.
const ITEM_COLUMNS = `"id", "code", "citizen_id" AS "citizenId", "channel"::text AS "channel", "category_code" AS "categoryCode", "title", "content",
  "ward_code" AS "wardCode", "lat", "lng", "is_anonymous" AS "isAnonymous", "is_public" AS "isPublic", "status"::text AS "status",
  "unit_code" AS "unitCode", "received_at" AS "receivedAt", "due_at" AS "dueAt", "result_text" AS "resultText",
  "rejection_reason" AS "rejectionReason", "committed_at" AS "committedAt", "reopen_count" AS "reopenCount",
  "recorded_by" AS "recordedBy", "location_confirmed" AS "locationConfirmed", "created_at" AS "createdAt", "updated_at" AS "updatedAt"`;

/**
 * The whole intake of a batch as one statement, atomic by itself: claim each idempotency key (in key
 * order, so two batches never wait on each other's keys in opposite orders), route each submission by
 * the rules as they are now, and write the items, the reporters' contacts, two history entries each and
 * the outbox events. A submission whose key is already claimed (by an earlier submission, by one in a
 * statement not yet committed — this one then waits for it — or by one that came before it in the same
 * batch: "seq" is the order of arrival) writes nothing and is missing from the result.
 */
const INTAKE_STATEMENT = `WITH "input" AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS x("id" uuid, "code" text, "citizen_id" text, "channel" text, "category_code" text,
      "title" text, "content" text, "ward_code" text, "lat" float8, "lng" float8, "is_anonymous" boolean, "is_public" boolean,
      "received_at" timestamptz, "due_at" timestamptz, "recorded_by" text, "actor_id" text, "action" text, "scope" text, "key" text,
      "request_hash" text, "has_contact" boolean, "name" text, "phone" text, "phone_unrecognized" boolean, "email" text, "address" text, "event_id" uuid,
      "location_confirmed" boolean, "trace_context" jsonb, "seq" integer)
  ), "claim" AS (
    INSERT INTO "feedback_idempotency" ("scope", "key", "request_hash", "item_id", "created_at")
    SELECT "scope", "key", "request_hash", "id", "received_at" FROM "input" WHERE "scope" IS NOT NULL ORDER BY "scope", "key", "seq"
    ON CONFLICT DO NOTHING RETURNING "item_id"
  ), "routed" AS (
    SELECT i.*, coalesce(r."unit_code", $2) AS "unit_code", r."unit_code" IS NOT NULL AS "by_rule"
      FROM "input" i LEFT JOIN LATERAL (
        SELECT "unit_code" FROM "routing_rule"
         WHERE "category_code" = i."category_code" AND ("ward_code" = i."ward_code" OR "ward_code" IS NULL)
         ORDER BY "ward_code" NULLS LAST LIMIT 1
      ) r ON true
     WHERE i."scope" IS NULL OR i."id" IN (SELECT "item_id" FROM "claim")
  ), "item" AS (
    INSERT INTO "feedback_item" ("id", "code", "citizen_id", "channel", "category_code", "title", "content", "ward_code", "lat", "lng",
      "is_anonymous", "is_public", "status", "unit_code", "received_at", "due_at", "recorded_by", "location_confirmed", "created_at", "updated_at")
    SELECT "id", "code", "citizen_id", "channel"::"Channel", "category_code", "title", "content", "ward_code", "lat", "lng",
      "is_anonymous", "is_public", 'ROUTED'::"FeedbackStatus", "unit_code", "received_at", "due_at", "recorded_by", "location_confirmed",
      "received_at", "received_at"
      FROM "routed"
    RETURNING *
  ), "contact" AS (
    INSERT INTO "feedback_reporter" ("item_id", "name", "phone", "phone_unrecognized", "email", "address")
    SELECT "id", "name", "phone", "phone_unrecognized", "email", "address" FROM "routed" WHERE "has_contact"
  ), "history" AS (
    INSERT INTO "feedback_history" ("item_id", "at", "actor_id", "action", "from_status", "to_status", "note")
    SELECT "id", "received_at", "actor_id", "action", NULL, 'RECEIVED'::"FeedbackStatus", "channel" FROM "routed"
    UNION ALL
    SELECT "id", "received_at", NULL, CASE WHEN "by_rule" THEN 'ROUTED_BY_RULE' ELSE 'ROUTED_TO_DEFAULT' END,
      'RECEIVED'::"FeedbackStatus", 'ROUTED'::"FeedbackStatus", "unit_code" FROM "routed"
  ), "event" AS (
    INSERT INTO "outbox" ("event_id", "topic", "payload", "occurred_at", "trace_context")
    SELECT "event_id", 'feedback.item-routed', jsonb_build_object('code', "code", 'citizenId', "citizen_id", 'unitCode', "unit_code"), "received_at", "trace_context"
      FROM "routed"
  )
  SELECT ${ITEM_COLUMNS} FROM "item"`;

/** The statement's input: one JSON array, so the statement text and its one parameter never change. */
function inputJson(rows: readonly IntakeRow[]): string {
  return JSON.stringify(
    rows.map((row, seq) => ({
      seq,
      id: row.id,
      code: row.code,
      citizen_id: row.citizenId,
      channel: row.channel,
      category_code: row.categoryCode,
      title: row.title,
      content: row.content,
      ward_code: row.wardCode,
      lat: row.lat,
      lng: row.lng,
      is_anonymous: row.isAnonymous,
      is_public: row.isPublic,
      received_at: row.receivedAt.toISOString(),
      due_at: row.dueAt.toISOString(),
      recorded_by: row.recordedBy,
      actor_id: row.actorId,
      action: row.action,
      scope: row.idempotency?.scope ?? null,
      key: row.idempotency?.key ?? null,
      request_hash: row.idempotency?.requestHash ?? null,
      has_contact: row.contact !== null,
      name: row.contact?.name ?? null,
      phone: row.contact?.phone ?? null,
      phone_unrecognized: row.contact?.phoneUnrecognized ?? false,
      email: row.contact?.email ?? null,
      address: row.contact?.address ?? null,
      event_id: row.eventId,
      location_confirmed: row.locationConfirmed,
      trace_context: row.trace ?? null,
    })),
  );
}

/** What runs the statement: the client, or a transaction of it. */
type RawQuery = Pick<PrismaClient, '$queryRawUnsafe'>;

/** Write `rows` in one statement; each row's item, or null when its key was already claimed. */
async function writeBatch(db: RawQuery, rows: readonly IntakeRow[]): Promise<(FeedbackItem | null)[]> {
  const written = await db.$queryRawUnsafe<FeedbackItem[]>(INTAKE_STATEMENT, inputJson(rows), DEFAULT_UNIT_CODE);
  const byId = new Map(written.map((item) => [item.id, item]));
  return rows.map((row) => byId.get(row.id) ?? null);
}

/** Counts statements in flight and releases waiting batches as they finish. */
class InFlight {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  /** Run `dispatch` after the current event-loop turn once fewer than MAX_IN_FLIGHT statements run. */
  schedule(dispatch: () => void): void {
    if (this.running < MAX_IN_FLIGHT) {
      this.running += 1;
      setImmediate(dispatch);
    } else {
      this.waiting.push(dispatch);
    }
  }

  /** A statement finished: start the next waiting batch, which has been gathering meanwhile. */
  done(): void {
    const next = this.waiting.shift();
    if (next) setImmediate(next);
    else this.running -= 1;
  }
}

/**
 * The group-commit queue of one database client: built once per subgraph (services.ts), since batches
 * gather only the submissions that share a queue.
 */
export class IntakeQueue {
  readonly #loader: DataLoader<IntakeRow, FeedbackItem | null>;

  constructor(db: PrismaClient) {
    const inFlight = new InFlight();
    this.#loader = new DataLoader<IntakeRow, FeedbackItem | null>(
      async (rows) => {
        try {
          return await writeBatch(db, rows);
        } catch (error) {
          // One submission's failure (a code drawn twice, a constraint) must not fail the others: write
          // each alone, so only the one at fault gets the error.
          if (rows.length === 1) return [error as Error];
          return Promise.all(
            rows.map((row) =>
              writeBatch(db, [row]).then(
                ([item]) => item ?? null,
                (failure: unknown) => failure as Error,
              ),
            ),
          );
        } finally {
          inFlight.done();
        }
      },
      { cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (dispatch) => inFlight.schedule(dispatch) },
    );
  }

  /**
   * Write one submission with whatever else is being submitted meanwhile: its item, or undefined when its
   * idempotency key was already claimed. Rejects with the database's error for this submission only.
   */
  async write(row: IntakeRow): Promise<FeedbackItem | undefined> {
    return (await this.#loader.load(row)) ?? undefined;
  }
}

/** Write one submission by itself, in a transaction the caller holds (intake with photos). */
export async function writeIntakeAlone(tx: RawQuery, row: IntakeRow): Promise<FeedbackItem | undefined> {
  const [item] = await writeBatch(tx, [row]);
  return item ?? undefined;
}
