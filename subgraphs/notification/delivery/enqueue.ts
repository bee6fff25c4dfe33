// What an intent queues beyond the inbox: for each recipient, each channel they chose for its kind on
// which they registered a contact point, the message rendered by that channel's template, due at once or
// when their quiet hours end (emergencies at once). A template that cannot render for these values
// (an SMS too long) queues a FAILED row with its code, so operators see it among the dead letters.
import type { Logger } from '../../../platform/logger.ts';
import type { Intent } from '../events/intents.ts';
import { channelsFor, sendableAt } from '../preferences/channels.ts';
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
  const recipients = [...intent.recipients];
  const [preferences, contacts] = await Promise.all([
    db.preference.findMany({ where: { citizenId: { in: recipients } } }),
    db.contactPoint.findMany({ where: { citizenId: { in: recipients } }, select: { citizenId: true, channel: true } }),
  ]);
  const byPerson = new Map(preferences.map((preference) => [preference.citizenId, preference]));
  const reachable = new Set(contacts.map((contact) => `${contact.citizenId} ${contact.channel}`));
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
  for (const recipientId of recipients) {
    const preference = channelPreferences(byPerson.get(recipientId) ?? defaultPreferences(recipientId));
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
