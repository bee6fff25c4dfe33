// What the notification subgraph does with other subgraphs' events: put a message in each recipient's
// inbox, worded by the kind's in-app template, and queue it on the other channels each recipient chose.
// Each event is claimed in the inbox table (processed_event) in the same transaction as its messages and
// deliveries, so a redelivered event creates nothing twice.
import type { BusEvent, EventBus } from '../../kit/events/bus.ts';
import type { Logger } from '../../../platform/logger.ts';
import { planEachDeliveries } from '../delivery/enqueue.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import { currentTemplate, renderTemplate } from '../templates/templates.ts';
import type { Rendered } from '../templates/templates.ts';
import { intentOf } from './intents.ts';
import type { Intent } from './intents.ts';

/** The durable consumers (one name each for every replica) and the topics they take. */
export const CONSUMERS = [
  { consumer: 'notification-feedback', topic: 'feedback.>' },
  { consumer: 'notification-dossier', topic: 'dossier.>' },
  { consumer: 'notification-planning', topic: 'planning.>' },
] as const;

/** The consumer of feedback events. */
export const FEEDBACK_CONSUMER = CONSUMERS[0].consumer;

/** An event's intent and in-app wording; undefined when there is nothing to write, or it cannot be. */
async function prepare(db: PrismaClient, event: BusEvent, logger: Logger | undefined): Promise<{ intent: Intent; inApp: Rendered } | undefined> {
  try {
    const intent = intentOf(event);
    if (!intent || intent.recipients.length === 0) return undefined;
    const inApp = renderTemplate(await currentTemplate(db, intent.kind, 'IN_APP'), intent.values);
    return { intent, inApp };
  } catch (error) {
    // A payload we cannot read, or a template we cannot fill, will not improve on redelivery: log the
    // event's id and topic (never its payload) and let it go.
    if ((error as { name?: string }).name === 'ZodError' || (error as { extensions?: { code?: string } }).extensions?.code !== undefined) {
      logger?.error({ err: error, eventId: event.id, topic: event.topic }, 'unreadable event or template; skipped');
      return undefined;
    }
    throw error;
  }
}

/** A message just written to an inbox: what the live feed announces (ids only). */
export interface WrittenMessage {
  readonly id: string;
  readonly recipientId: string;
}

/** The live topic announcing each new inbox message (the notification subgraph's Subscription reads it). */
export const MESSAGE_CREATED = 'notification.message-created';

/**
 * Handle events for `consumer`: claim their ids, write their messages and queue their deliveries on the
 * channels each recipient chose, all or nothing. Returns the messages written (none for redeliveries, or
 * events with nobody to tell); `onQueued` is called when deliveries were queued.
 */
export async function writeEventMessages(db: PrismaClient, consumer: string, events: readonly BusEvent[], logger?: Logger, onQueued?: () => void): Promise<WrittenMessage[]> {
  // By id as PostgreSQL writes a uuid (lower case): a copy of an event in the same group is the same event.
  const unique = [...new Map(events.map((event) => [event.id.toLowerCase(), event])).entries()];
  const prepared = (await Promise.all(unique.map(([, event]) => prepare(db, event, logger)))).flatMap((one, index) => (one ? [{ ...one, eventId: unique[index]![0] }] : []));
  if (prepared.length === 0) return [];
  const plans = await planEachDeliveries(
    db,
    prepared.map(({ intent }) => intent),
    new Date(),
    logger,
  );
  const eventIds = prepared.map(({ eventId }) => eventId);
  const messages = JSON.stringify(
    prepared.flatMap(({ intent, inApp, eventId }) =>
      intent.recipients.map((recipient) => ({ event: eventId, recipient, title: inApp.subject ?? '', body: inApp.text, kind: intent.kind, link: intent.link })),
    ),
  );
  if (plans.every((plan) => plan.length === 0)) {
    // In-app only: one statement, atomic by itself (a round trip each would double the consumer's cost,
    // which grows with intake).
    return db.$queryRawUnsafe<WrittenMessage[]>(CLAIM_AND_INSERT_MESSAGES_SQL, consumer, eventIds, messages);
  }
  const written = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ eventId: string }[]>`INSERT INTO "processed_event" ("consumer", "event_id") SELECT ${consumer}, unnest(${eventIds}::uuid[])
      ON CONFLICT DO NOTHING RETURNING "event_id"::text AS "eventId"`;
    if (rows.length === 0) return [];
    const claimed = new Set(rows.map(({ eventId }) => eventId));
    const inserted = await tx.$queryRawUnsafe<WrittenMessage[]>(INSERT_CLAIMED_MESSAGES_SQL, [...claimed], messages);
    // One row per event, person and channel (unique): a channel is reached once per event.
    const deliveries = prepared.flatMap(({ eventId }, index) => (claimed.has(eventId) ? (plans[index] ?? []).map((delivery) => ({ ...delivery, eventId })) : []));
    if (deliveries.length > 0) await tx.delivery.createMany({ data: deliveries, skipDuplicates: true });
    return inserted;
  });
  if (written.length > 0) onQueued?.();
  return written;
}

/** The messages of a group's events (one JSON array, `m`) whose events `claimed` names; `claimed` is SQL. */
const insertMessagesSql = (messages: string, claimed: string) => `
  INSERT INTO "message" ("id", "recipient_id", "title", "body", "kind", "link")
  SELECT gen_random_uuid(), "m"."recipient", "m"."title", "m"."body", "m"."kind"::"MessageKind", "m"."link"
    FROM json_to_recordset(${messages}::json) AS "m"("event" uuid, "recipient" text, "title" text, "body" text, "kind" text, "link" text)
   WHERE "m"."event" IN (${claimed})
  RETURNING "id"::text AS "id", "recipient_id" AS "recipientId"`;
/** $1 consumer, $2 event ids, $3 messages: claims the events and writes the messages of those it claimed, in one statement. */
const CLAIM_AND_INSERT_MESSAGES_SQL = `WITH "claim" AS (
    INSERT INTO "processed_event" ("consumer", "event_id") SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING "event_id"
  )${insertMessagesSql('$3', 'SELECT "event_id" FROM "claim"')}`;
/** $1 the event ids claimed, $2 messages. */
const INSERT_CLAIMED_MESSAGES_SQL = insertMessagesSql('$2', 'SELECT unnest($1::uuid[])');

/** Most events written together (writeInGroups). */
const GROUP_MAX = 64;

/**
 * Write events for `consumer` in groups, answering each caller when its own event is written: an event
 * handed over when nothing is being written waits for the rest of this turn's deliveries, and those
 * handed over while a group is written go together in the next one — one claim, one read of preferences
 * and one insert for a group instead of for each event (the consumer's cost during a back-fill). A group
 * that fails is written again one event at a time, so an event that cannot be written holds back no other.
 * New messages are announced on the live feed after each group commits.
 */
export function writeInGroups(db: PrismaClient, bus: EventBus, consumer: string, logger: Logger, onQueued?: () => void): (event: BusEvent) => Promise<void> {
  const waiting: { readonly event: BusEvent; readonly resolve: () => void; readonly reject: (error: Error) => void }[] = [];
  let writing = false;
  const write = async (group: readonly BusEvent[]) => announceMessages(bus, await writeEventMessages(db, consumer, group, logger, onQueued), logger);
  const flush = async () => {
    const group = waiting.splice(0, GROUP_MAX);
    try {
      await write(group.map(({ event }) => event));
      for (const { resolve } of group) resolve();
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error as Error);
      else for (const { event, resolve, reject } of group) await write([event]).then(resolve, reject);
    }
    if (waiting.length > 0) setImmediate(() => void flush());
    else writing = false;
  };
  return (event) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ event, resolve, reject });
      if (writing) return;
      writing = true;
      setImmediate(() => void flush());
    });
}

/** Handle one event for `consumer` (writeEventMessages); returns whether anything was written. */
export async function handleEvent(db: PrismaClient, consumer: string, event: BusEvent, logger?: Logger, onQueued?: () => void): Promise<boolean> {
  return (await writeEventMessages(db, consumer, [event], logger, onQueued)).length > 0;
}

/**
 * Announce new messages on the live feed (each replica's open subscriptions). Best effort, after the
 * commit, and not kept by the bus: a message whose announcement is lost is still in the inbox, which a
 * reconnecting client reads. The message id is the event id, so a repeated announcement is dropped.
 */
export function announceMessages(bus: EventBus, messages: readonly WrittenMessage[], logger: Logger): void {
  const occurredAt = new Date().toISOString();
  for (const message of messages) {
    try {
      bus.announce({ id: message.id, topic: MESSAGE_CREATED, occurredAt, payload: { messageId: message.id, recipientId: message.recipientId } });
    } catch (error) {
      logger.warn({ err: error, messageId: message.id }, 'new message not announced live (it is in the inbox)');
    }
  }
}

/** Handle one feedback event (the consumer the feedback tests drive). */
export function handleFeedbackEvent(db: PrismaClient, event: BusEvent, logger?: Logger): Promise<boolean> {
  return handleEvent(db, FEEDBACK_CONSUMER, event, logger);
}

/** Subscribe to feedback, dossier and planning events; returns the stop. */
export async function startNotificationConsumers(db: PrismaClient, bus: EventBus, logger: Logger, onQueued?: () => void): Promise<() => Promise<void>> {
  const subscriptions = await Promise.all(
    CONSUMERS.map(({ consumer, topic }) => {
      const write = writeInGroups(db, bus, consumer, logger, onQueued);
      return bus.subscribe({ consumer, topic, concurrency: GROUP_MAX, handler: ({ event }) => write(event) });
    }),
  );
  return async () => {
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
  };
}
