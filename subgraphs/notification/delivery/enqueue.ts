// What an intent queues beyond the inbox: for each recipient, each channel they chose for its kind on
// which they registered a contact point, the message rendered by that channel's template, due at once or
// when their quiet hours end (emergencies at once). A template that cannot render for these values
// (an SMS too long) queues a FAILED row with its code, so operators see it among the dead letters.
import type { Logger } from '../../../platform/logger.ts';
import type { Intent } from '../events/intents.ts';
import { channelsFor, sendableAt } from '../preferences/channels.ts';
import type { ChannelPreferences } from '../preferences/channels.ts';
import { channelPreferences, defaultPreferences } from '../preferences/preferences.ts';
import type { DeliveryChannel, DeliveryStatus, PrismaClient } from '../prisma/generated/client.ts';
import { currentTemplate, renderTemplate } from '../templates/templates.ts';
import type { Rendered } from '../templates/templates.ts';

/** A delivery row to write (the event id is added by the caller). */
export interface PlannedDelivery {
  readonly recipientId: string;
  readonly kind: string;
  readonly channel: DeliveryChannel;
  readonly status: DeliveryStatus;
  readonly subject: string | null;
  readonly body: string;
  readonly html: string | null;
  readonly nextAttemptAt: Date;
  readonly lastError: string | null;
}

/** The deliveries `intent` asks for at `now`. */
export async function planDeliveries(db: PrismaClient, intent: Intent, now: Date, logger?: Logger): Promise<PlannedDelivery[]> {
  return (await planEachDeliveries(db, [intent], now, logger))[0] ?? [];
}

type RecipientRow = ChannelPreferences & { citizenId: string; known: boolean; reachable: DeliveryChannel[] };

/** The deliveries each of `intents` asks for at `now`, in their order: every recipient's preferences read in one statement. */
export async function planEachDeliveries(db: PrismaClient, intents: readonly Intent[], now: Date, logger?: Logger): Promise<PlannedDelivery[][]> {
  const recipients = [...new Set(intents.flatMap((intent) => intent.recipients))];
  if (recipients.length === 0) return intents.map(() => []);
  // One statement, one array parameter: a notice's batch of thousands of people costs one round trip.
  const rows = await db.$queryRaw<RecipientRow[]>`
    SELECT "r"."id" AS "citizenId", "p"."citizen_id" IS NOT NULL AS "known", coalesce("p"."sms", false) AS "sms", coalesce("p"."email", false) AS "email",
           coalesce("p"."zalo", false) AS "zalo", coalesce("p"."kind_channels", '{}'::jsonb) AS "kindChannels", "p"."quiet_start" AS "quietStart", "p"."quiet_end" AS "quietEnd",
           ARRAY(SELECT "c"."channel"::text FROM "contact_point" "c" WHERE "c"."citizen_id" = "r"."id") AS "reachable"
      FROM unnest(${recipients}::text[]) AS "r"("id") LEFT JOIN "preference" "p" ON "p"."citizen_id" = "r"."id"`;
  const byPerson = new Map(rows.map((row) => [row.citizenId, row]));
  const reachable = new Set(rows.flatMap((row) => row.reachable.map((channel) => `${row.citizenId} ${channel}`)));
  const planned: PlannedDelivery[][] = [];
  for (const intent of intents) planned.push(await planIntent(db, intent, byPerson, reachable, now, logger));
  return planned;
}

async function planIntent(
  db: PrismaClient,
  intent: Intent,
  byPerson: ReadonlyMap<string, RecipientRow>,
  reachable: ReadonlySet<string>,
  now: Date,
  logger: Logger | undefined,
): Promise<PlannedDelivery[]> {
  const rendered = new Map<DeliveryChannel, Rendered | { error: string }>();
  const render = async (channel: DeliveryChannel) => {
    let result = rendered.get(channel);
    if (!result) {
      try {
        result = renderTemplate(await currentTemplate(db, intent.kind, channel), intent.values);
      } catch (error) {
        const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
        if (typeof code !== 'string') throw error;
        logger?.warn({ kind: intent.kind, channel, code }, 'template could not render; the delivery is dead-lettered');
        result = { error: code };
      }
      rendered.set(channel, result);
    }
    return result;
  };
  const planned: PlannedDelivery[] = [];
  for (const recipientId of intent.recipients) {
    const row = byPerson.get(recipientId);
    const preference = row?.known ? row : channelPreferences(defaultPreferences(recipientId));
    for (const channel of channelsFor(preference, intent.kind)) {
      if (channel === 'IN_APP' || !reachable.has(`${recipientId} ${channel}`)) continue;
      const message = await render(channel);
      const base = { recipientId, kind: intent.kind, channel, nextAttemptAt: sendableAt(preference, channel, now, intent.emergency ?? false) };
      planned.push(
        'error' in message
          ? { ...base, status: 'FAILED', subject: null, body: '', html: null, lastError: message.error }
          : { ...base, status: 'QUEUED', subject: message.subject, body: message.text, html: message.html, lastError: null },
      );
    }
  }
  return planned;
}
