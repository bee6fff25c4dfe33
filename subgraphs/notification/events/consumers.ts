// What the notification subgraph does with other subgraphs' events: put a message in each recipient's
// inbox, worded by the kind's in-app template, and queue it on the other channels each recipient chose.
// Each event is claimed in the inbox table (processed_event) in the same transaction as its messages and
// deliveries, so a redelivered event creates nothing twice.
import type { BusEvent, EventBus } from '../../kit/events/bus.ts';
import type { Logger } from '../../../platform/logger.ts';
import { planDeliveries } from '../delivery/enqueue.ts';
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
 * Handle one event for `consumer`: claim its id, write its messages and queue its deliveries on the
 * channels each recipient chose, all or nothing. Returns the messages written (none for a redelivery, or
 * an event with nobody to tell); `onQueued` is called when deliveries were queued.
 */
export async function writeEventMessages(db: PrismaClient, consumer: string, event: BusEvent, logger?: Logger, onQueued?: () => void): Promise<WrittenMessage[]> {
  const prepared = await prepare(db, event, logger);
  if (!prepared) return [];
  const { intent, inApp } = prepared;
  const deliveries = await planDeliveries(db, intent, new Date(), logger);
  if (deliveries.length === 0) {
    // In-app only: one statement, atomic by itself (a round trip each would double the consumer's cost,
    // which grows with intake).
    return db.$queryRaw<WrittenMessage[]>`WITH "claim" AS (
        INSERT INTO "processed_event" ("consumer", "event_id") VALUES (${consumer}, ${event.id}::uuid) ON CONFLICT DO NOTHING RETURNING 1
      )
      INSERT INTO "message" ("id", "recipient_id", "title", "body", "kind", "link")
      SELECT gen_random_uuid(), "recipient", ${inApp.subject ?? ''}, ${inApp.text}, ${intent.kind}::text::"MessageKind", ${intent.link}
        FROM unnest(${intent.recipients as string[]}::text[]) AS "recipient"
       WHERE EXISTS (SELECT 1 FROM "claim")
      RETURNING "id"::text AS "id", "recipient_id" AS "recipientId"`;
  }
  const written = await db.$transaction(async (tx) => {
    const claimed = await tx.$executeRaw`INSERT INTO "processed_event" ("consumer", "event_id") VALUES (${consumer}, ${event.id}::uuid) ON CONFLICT DO NOTHING`;
    if (claimed === 0) return [];
    const messages = await tx.$queryRaw<WrittenMessage[]>`INSERT INTO "message" ("id", "recipient_id", "title", "body", "kind", "link")
      SELECT gen_random_uuid(), "recipient", ${inApp.subject ?? ''}, ${inApp.text}, ${intent.kind}::text::"MessageKind", ${intent.link}
        FROM unnest(${intent.recipients as string[]}::text[]) AS "recipient"
      RETURNING "id"::text AS "id", "recipient_id" AS "recipientId"`;
    // One row per event, person and channel (unique): a channel is reached once per event.
    await tx.delivery.createMany({ data: deliveries.map((delivery) => ({ ...delivery, eventId: event.id })), skipDuplicates: true });
    return messages;
  });
  if (written.length > 0) onQueued?.();
  return written;
}

/** Handle one event for `consumer` (writeEventMessages); returns whether anything was written. */
export async function handleEvent(db: PrismaClient, consumer: string, event: BusEvent, logger?: Logger, onQueued?: () => void): Promise<boolean> {
  return (await writeEventMessages(db, consumer, event, logger, onQueued)).length > 0;
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
    CONSUMERS.map(({ consumer, topic }) =>
      bus.subscribe({
        consumer,
        topic,
        handler: async ({ event }) => {
          const written = await writeEventMessages(db, consumer, event, logger, onQueued);
          if (written.length > 0) announceMessages(bus, written, logger);
        },
      }),
    ),
  );
  return async () => {
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
  };
}
