// The fan-out of a published notice: its audience resolved to people (everyone this subgraph knows, the
// followers of some wards or of a topic, or one person), one inbox message each, and each person's chosen
// channels queued (emergencies at once, other kinds when the person's quiet hours end). It runs in the
// background, in batches of people walked in subject order, so publishing answers at once whatever the
// audience's size. Each batch commits its messages, its deliveries and the notice's cursor together; the
// messages are unique per notice and person and the deliveries per notice, person and channel, so a batch
// done twice (a crash before its commit was seen, two workers after a lease ran out) adds nothing. A
// worker holds a notice by a lease renewed with each batch; another process takes over a notice whose
// lease has run out, from its cursor (resumable after a crash or a restart).
import type { EventBus } from '../../kit/events/bus.ts';
import type { Logger } from '../../../platform/logger.ts';
import { planDeliveries } from '../delivery/enqueue.ts';
import { announceMessages } from '../events/consumers.ts';
import type { WrittenMessage } from '../events/consumers.ts';
import type { Notice, PrismaClient } from '../prisma/generated/client.ts';
import { currentTemplate, renderTemplate } from '../templates/templates.ts';

/** Tuning, mostly for tests and the benchmark. */
export interface FanoutSettings {
  /** People per batch (one transaction each). Default 2,000. */
  readonly batchSize?: number;
  /** How long a worker holds a notice without finishing a batch before another may take over. Default 60 s. */
  readonly leaseMs?: number;
  /** How often to look for unfinished fan-outs besides being woken (a publish elsewhere, an expired lease). Default 10 s. */
  readonly pollMs?: number;
}

/** The recipients after `cursor` (exclusive) in subject order, at most `limit`. */
async function nextRecipients(db: PrismaClient, notice: Notice, cursor: string | null, limit: number): Promise<string[]> {
  const after = cursor ?? '';
  let rows: { id: string }[];
  switch (notice.audience) {
    case 'PERSON':
      return cursor === null && notice.recipientId !== null ? [notice.recipientId] : [];
    case 'WARDS':
      rows = await db.$queryRaw`SELECT "citizen_id" AS "id" FROM "preference"
        WHERE "citizen_id" > ${after} AND "ward_codes" && ${notice.wardCodes}::text[] ORDER BY "citizen_id" LIMIT ${limit}`;
      break;
    case 'TOPIC':
      rows = await db.$queryRaw`SELECT "citizen_id" AS "id" FROM "preference"
        WHERE "citizen_id" > ${after} AND ${notice.topic} = ANY ("topics") ORDER BY "citizen_id" LIMIT ${limit}`;
      break;
    case 'ALL':
      // Everyone this subgraph knows: a preference or a contact point. Each side stops at `limit` rows.
      rows = await db.$queryRaw`SELECT "id" FROM (
          (SELECT "citizen_id" AS "id" FROM "preference" WHERE "citizen_id" > ${after} ORDER BY "citizen_id" LIMIT ${limit})
          UNION
          (SELECT DISTINCT "citizen_id" FROM "contact_point" WHERE "citizen_id" > ${after} ORDER BY "citizen_id" LIMIT ${limit})
        ) AS "known" ORDER BY "id" LIMIT ${limit}`;
      break;
  }
  return rows.map((row) => row.id);
}

/**
 * Claim one published notice not yet fanned out whose lease is free and whose validity has begun (a notice
 * valid from tomorrow goes out tomorrow); undefined when none. One whose validity ended first is never sent.
 */
async function claimNotice(db: PrismaClient, leaseMs: number, only?: string): Promise<Notice | undefined> {
  const now = new Date();
  const until = new Date(now.getTime() + leaseMs);
  await db.$executeRaw`UPDATE "notice" SET "fanout_done_at" = ${now}
     WHERE "status" = 'PUBLISHED' AND "fanout_done_at" IS NULL AND "valid_until" <= ${now}`;
  const [claimed] = await db.$queryRaw<{ id: string }[]>`UPDATE "notice" SET "fanout_lease_until" = ${until}
     WHERE "id" = (SELECT "id" FROM "notice"
                    WHERE "status" = 'PUBLISHED' AND "fanout_done_at" IS NULL AND ("fanout_lease_until" IS NULL OR "fanout_lease_until" < ${now})
                      AND "valid_from" <= ${now}
                      AND (${only ?? null}::uuid IS NULL OR "id" = ${only ?? null}::uuid)
                    ORDER BY "published_at", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
     RETURNING "id"::text AS "id"`;
  return claimed ? db.notice.findUniqueOrThrow({ where: { id: claimed.id } }) : undefined;
}

/**
 * Fan out `notice` from its cursor to the end, in batches; returns the messages written by this call
 * (each batch's are passed to `onBatch` after its commit). Stops early when the lease was lost.
 */
export async function fanOutNotice(
  db: PrismaClient,
  notice: Notice,
  settings: { batchSize: number; leaseMs: number },
  onBatch?: (written: readonly WrittenMessage[], queued: number) => Promise<void> | void,
  logger?: Logger,
): Promise<number> {
  const values = { title: notice.title };
  const inApp = renderTemplate(await currentTemplate(db, 'NOTICE', 'IN_APP'), values);
  const emergency = notice.kind === 'EMERGENCY';
  let cursor = notice.fanoutCursor;
  let total = 0;
  for (;;) {
    const recipients = await nextRecipients(db, notice, cursor, settings.batchSize);
    const last = recipients.at(-1) ?? cursor;
    const done = recipients.length < settings.batchSize || notice.audience === 'PERSON';
    const deliveries = recipients.length === 0 ? [] : await planDeliveries(db, { kind: 'NOTICE', recipients, values, link: notice.id, emergency }, new Date(), logger);
    const written = await db.$transaction(async (tx) => {
      const now = new Date();
      // Still ours: the lease is renewed with the cursor, and only while nobody else took the notice over.
      const moved = await tx.$executeRaw`UPDATE "notice" SET "fanout_cursor" = ${last}, "fanout_count" = "fanout_count" + ${recipients.length},
            "fanout_lease_until" = ${new Date(now.getTime() + settings.leaseMs)}, "fanout_done_at" = ${done ? now : null}
          WHERE "id" = ${notice.id}::uuid AND "fanout_done_at" IS NULL AND "fanout_cursor" IS NOT DISTINCT FROM ${cursor}`;
      if (moved === 0) return undefined;
      if (recipients.length === 0) return [];
      const messages = await tx.$queryRaw<WrittenMessage[]>`INSERT INTO "message" ("id", "recipient_id", "title", "body", "kind", "link", "notice_id", "created_at")
          SELECT gen_random_uuid(), "recipient", ${inApp.subject ?? notice.title}, ${inApp.text}, 'NOTICE', ${notice.id}, ${notice.id}::uuid, ${now}
            FROM unnest(${recipients}::text[]) AS "recipient"
          ON CONFLICT ("notice_id", "recipient_id") DO NOTHING
          RETURNING "id"::text AS "id", "recipient_id" AS "recipientId"`;
      if (deliveries.length > 0) {
        // One per notice, person and channel (the notice's id stands for the event's).
        await tx.$executeRaw`INSERT INTO "delivery" ("id", "event_id", "recipient_id", "kind", "channel", "status", "subject", "body", "html", "next_attempt_at", "last_error", "created_at", "updated_at")
            SELECT gen_random_uuid(), ${notice.id}::uuid, "d"."recipient", 'NOTICE', "d"."channel"::"DeliveryChannel", "d"."status"::"DeliveryStatus", "d"."subject", "d"."body", "d"."html", "d"."at"::timestamptz, "d"."error", ${now}, ${now}
              FROM unnest(${deliveries.map((one) => one.recipientId)}::text[], ${deliveries.map((one) => one.channel)}::text[], ${deliveries.map((one) => one.status)}::text[],
                          ${deliveries.map((one) => one.subject)}::text[], ${deliveries.map((one) => one.body)}::text[], ${deliveries.map((one) => one.html)}::text[],
                          ${deliveries.map((one) => one.nextAttemptAt.toISOString())}::text[], ${deliveries.map((one) => one.lastError)}::text[])
                AS "d"("recipient", "channel", "status", "subject", "body", "html", "at", "error")
          ON CONFLICT ("event_id", "recipient_id", "channel") DO NOTHING`;
      }
      return messages;
    });
    if (written === undefined) {
      logger?.warn({ noticeId: notice.id }, 'notice fan-out taken over by another worker; stopping here');
      return total;
    }
    total += written.length;
    await onBatch?.(written, deliveries.length);
    cursor = last;
    if (done) return total;
  }
}

/** The background worker: fans out each published notice, woken by a publish, polling for the rest. */
export class NoticeFanout {
  readonly #db: PrismaClient;
  #bus: EventBus | undefined;
  readonly #logger: Logger;
  readonly #onQueued: () => void;
  readonly #settings: Required<FanoutSettings>;
  #wake: (() => void) | undefined;
  /** Woken while busy: look again before waiting. */
  #pending = false;
  /** The notice being fanned out, whose lease is given back after a failure. */
  #current: string | undefined;
  #stopped = true;
  #loop: Promise<void> = Promise.resolve();

  constructor(db: PrismaClient, options: { logger: Logger; onQueued?: () => void; settings?: FanoutSettings }) {
    this.#db = db;
    this.#logger = options.logger;
    this.#onQueued = options.onQueued ?? (() => {});
    this.#settings = { batchSize: 2_000, leaseMs: 60_000, pollMs: 10_000, ...options.settings };
  }

  /** Start working (and finish what a previous process left); new messages are announced on `bus`'s live feed. */
  start(bus?: EventBus): void {
    if (!this.#stopped) return;
    this.#bus = bus;
    this.#stopped = false;
    this.#loop = this.#run();
  }

  /** A notice was just published: look now. */
  wake(): void {
    this.#pending = true;
    this.#wake?.();
  }

  /** Stop after the batch in flight (the rest is finished by the next start, from the cursor). */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.wake();
    await this.#loop;
  }

  /** Fan out every claimable notice now (or only `noticeId`); returns how many notices were finished. */
  async drain(noticeId?: string): Promise<number> {
    let finished = 0;
    while (!this.#stopped || noticeId !== undefined) {
      const notice = await claimNotice(this.#db, this.#settings.leaseMs, noticeId);
      if (!notice) return finished;
      const started = Date.now();
      this.#current = notice.id;
      const written = await fanOutNotice(this.#db, notice, this.#settings, (messages, queued) => this.#afterBatch(messages, queued), this.#logger);
      // Ids and sizes only: the audience of a PERSON notice is a person.
      this.#logger.info({ noticeId: notice.id, kind: notice.kind, audience: notice.audience, messages: written, ms: Date.now() - started }, 'notice fanned out');
      this.#current = undefined;
      finished += 1;
      if (noticeId !== undefined) return finished;
    }
    return finished;
  }

  async #afterBatch(messages: readonly WrittenMessage[], queued: number): Promise<void> {
    if (queued > 0) this.#onQueued();
    if (this.#bus && messages.length > 0) announceMessages(this.#bus, messages, this.#logger);
  }

  /** Give back the lease of the notice that failed, so the retry (here or elsewhere) need not wait for it to run out. */
  async #release(): Promise<void> {
    const id = this.#current;
    this.#current = undefined;
    if (id === undefined) return;
    await this.#db.notice.updateMany({ where: { id, fanoutDoneAt: null }, data: { fanoutLeaseUntil: null } }).catch(() => undefined);
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let delay = this.#settings.pollMs;
      this.#pending = false;
      try {
        await this.drain();
      } catch (error) {
        delay = Math.min(delay, 1_000);
        if (!this.#stopped) this.#logger.warn({ err: error, noticeId: this.#current }, 'notice fan-out failed; resuming from its cursor');
        await this.#release();
      }
      if (this.#stopped) break;
      if (this.#pending) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.#wake = undefined;
          resolve();
        }, delay);
        this.#wake = () => {
          clearTimeout(timer);
          this.#wake = undefined;
          resolve();
        };
      });
    }
  }
}
