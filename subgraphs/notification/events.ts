// What the notification subgraph does with other subgraphs' events: put a message in someone's inbox.
// Each event is claimed in the inbox table (processed_event) in the same statement as its message,
// so a redelivered event creates nothing twice. Payloads carry subjects and codes only; the wording is ours.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { BusEvent, EventBus } from '../kit/events/bus.ts';
import type { Logger } from '../../platform/logger.ts';
import type { MessageKind, PrismaClient } from './prisma/generated/client.ts';

/** The durable consumer of feedback events (one name for every replica). */
export const FEEDBACK_CONSUMER = 'notification-feedback';

const itemEvent = z.object({ code: z.string().min(1).max(64), citizenId: z.string().min(1).max(255).nullable() });
const summaryEvent = z.object({
  leaderId: z.string().min(1).max(255),
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  periodStart: z.iso.datetime(),
  periodEnd: z.iso.datetime(),
  received: z.number().int().min(0),
  handled: z.number().int().min(0),
  late: z.number().int().min(0),
});

/** A message to write, or nothing. */
interface Draft {
  readonly recipientId: string;
  readonly kind: MessageKind;
  readonly title: string;
  readonly body: string;
  readonly link: string | null;
}

// "20/11/2026 15:00" in Việt Nam time (UTC+7 all year).
function vietnamTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** The message an event asks for; undefined when there is nobody to tell (or the topic is not ours). */
export function draftMessage(event: BusEvent): Draft | undefined {
  switch (event.topic) {
    case 'feedback.item-routed':
    case 'feedback.item-resolved': {
      const { code, citizenId } = itemEvent.parse(event.payload);
      // Items recorded for callers without an account have nobody to notify in-app.
      if (!citizenId) return undefined;
      return event.topic === 'feedback.item-routed'
        ? { recipientId: citizenId, kind: 'FEEDBACK_ROUTED', title: 'Phản ánh đã được chuyển đến đơn vị xử lý', body: `Phản ánh ${code} đã được chuyển đến đơn vị có thẩm quyền xử lý.`, link: code }
        : {
            recipientId: citizenId,
            kind: 'FEEDBACK_RESOLVED',
            title: 'Phản ánh đã có kết quả xử lý',
            body: `Phản ánh ${code} đã được xử lý. Mời bạn xem kết quả và đánh giá đơn vị xử lý.`,
            link: code,
          };
    }
    case 'feedback.weekly-summary': {
      const summary = summaryEvent.parse(event.payload);
      const [year, week] = summary.week.split('-W') as [string, string];
      return {
        recipientId: summary.leaderId,
        kind: 'FEEDBACK_WEEKLY_SUMMARY',
        title: `Tổng hợp phản ánh tuần ${Number(week)}/${year}`,
        body: `Từ ${vietnamTime(summary.periodStart)} đến ${vietnamTime(summary.periodEnd)}: tiếp nhận ${summary.received}, đã xử lý ${summary.handled}, trễ hạn ${summary.late}.`,
        link: null,
      };
    }
    default:
      return undefined;
  }
}

/**
 * Handle one feedback event: claim its id and write its message in one transaction. Returns whether a
 * message was written (false for a redelivery, or an event with nobody to tell).
 */
export async function handleFeedbackEvent(db: PrismaClient, event: BusEvent, logger?: Logger): Promise<boolean> {
  let draft: Draft | undefined;
  try {
    draft = draftMessage(event);
  } catch (error) {
    // A payload we cannot read will not improve on redelivery: log it and let it go.
    logger?.error({ err: error, eventId: event.id, topic: event.topic }, 'unreadable event payload; skipped');
    return false;
  }
  if (!draft) return false;
  // One statement, atomic by itself: the claim and the message commit together (a round trip each
  // would double the consumer's cost, which grows with intake).
  const written = await db.$executeRaw`WITH "claim" AS (
      INSERT INTO "processed_event" ("consumer", "event_id") VALUES (${FEEDBACK_CONSUMER}, ${event.id}::uuid) ON CONFLICT DO NOTHING RETURNING 1
    )
    INSERT INTO "message" ("id", "recipient_id", "title", "body", "kind", "link")
    SELECT ${randomUUID()}::uuid, ${draft.recipientId}, ${draft.title}, ${draft.body}, ${draft.kind}::text::"MessageKind", ${draft.link}
    WHERE EXISTS (SELECT 1 FROM "claim")`;
  return written === 1;
}

/** Subscribe to feedback events; returns the stop. */
export async function startNotificationConsumers(db: PrismaClient, bus: EventBus, logger: Logger): Promise<() => Promise<void>> {
  const subscription = await bus.subscribe({
    consumer: FEEDBACK_CONSUMER,
    topic: 'feedback.>',
    handler: async ({ event }) => {
      await handleFeedbackEvent(db, event, logger);
    },
  });
  return () => subscription.stop();
}
