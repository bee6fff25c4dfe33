// Each platform's delivery format, read into InboundMessages. Only what a user sent to the city
// becomes a message; receipts, "seen" marks, follows, the page's own echoes and the like are counted as
// ignored. Formats:
//   Zalo OA     https://developers.zalo.me/docs/official-account/webhook (user_send_text, user_send_location, …)
//   Facebook    https://developers.facebook.com/docs/messenger-platform/webhooks (object "page", entry[].messaging[])
//   Viber       https://developers.viber.com/docs/api/rest-bot-api/#callbacks (event "message")
//   e-mail      ours (see docs/workflow-1022.md, "Channels and webhooks"): the relay posts one message as JSON
import { inJurisdiction } from '../../../kit/geo/ward-boundaries.ts';
import { coordinate, id, PayloadError, record, text } from './normalize.ts';
import type { InboundMessage, ParsedDelivery } from './normalize.ts';

function point(lat: unknown, lng: unknown): { lat: number; lng: number } | undefined {
  const latitude = coordinate(lat);
  const longitude = coordinate(lng);
  return latitude !== undefined && longitude !== undefined && inJurisdiction(latitude, longitude) ? { lat: latitude, lng: longitude } : undefined;
}

// Zalo events that carry what a user wrote or shared; everything else (follow, user_seen_message,
// user_received_message, oa_send_*, reactions…) is not a report.
const ZALO_USER_MESSAGES = new Set(['user_send_text', 'user_send_location', 'user_send_image', 'user_send_link', 'user_send_file']);

/** A Zalo OA event (one per delivery). */
export function parseZalo(body: unknown): ParsedDelivery {
  const event = record(body);
  const name = text(event?.['event_name']);
  if (!event || name === undefined) throw new PayloadError('A Zalo event has an event_name.');
  if (!ZALO_USER_MESSAGES.has(name)) return { messages: [], ignored: 1 };
  const message = record(event['message']);
  const messageId = id(message?.['msg_id']);
  const senderId = id(record(event['sender'])?.['id']);
  if (!message || messageId === undefined || senderId === undefined) throw new PayloadError('A Zalo message has message.msg_id and sender.id.');
  let location: { lat: number; lng: number } | undefined;
  for (const attachment of Array.isArray(message['attachments']) ? message['attachments'] : []) {
    const coordinates = record(record(record(attachment)?.['payload'])?.['coordinates']);
    if (record(attachment)?.['type'] === 'location' && coordinates) location ??= point(coordinates['latitude'], coordinates['longitude']);
  }
  return {
    messages: [{ channel: 'ZALO', messageId, text: text(message['text']) ?? '', location, sender: { platformId: senderId } }],
    ignored: 0,
  };
}

/** A Facebook page delivery: a batch of entries, each with messaging events. */
export function parseFacebook(body: unknown): ParsedDelivery {
  const delivery = record(body);
  if (!delivery || typeof delivery['object'] !== 'string' || !Array.isArray(delivery['entry'])) throw new PayloadError('A Facebook delivery has object and entry[].');
  // Instagram, permissions and other objects subscribed on the same app are not the page's inbox.
  if (delivery['object'] !== 'page') return { messages: [], ignored: delivery['entry'].length };
  const messages: InboundMessage[] = [];
  let ignored = 0;
  for (const entry of delivery['entry']) {
    const events = record(entry)?.['messaging'];
    if (!Array.isArray(events)) {
      ignored += 1; // feed changes, standby…
      continue;
    }
    for (const event of events) {
      const message = record(record(event)?.['message']);
      // Delivery receipts, reads, postbacks, reactions, and the page's own replies (echoes).
      if (!message || message['is_echo'] === true) {
        ignored += 1;
        continue;
      }
      const messageId = id(message['mid']);
      const senderId = id(record(record(event)?.['sender'])?.['id']);
      if (messageId === undefined || senderId === undefined) throw new PayloadError('A Facebook message has message.mid and sender.id.');
      let location: { lat: number; lng: number } | undefined;
      for (const attachment of Array.isArray(message['attachments']) ? message['attachments'] : []) {
        const coordinates = record(record(record(attachment)?.['payload'])?.['coordinates']);
        if (record(attachment)?.['type'] === 'location' && coordinates) location ??= point(coordinates['lat'], coordinates['long']);
      }
      messages.push({ channel: 'FACEBOOK', messageId, text: text(message['text']) ?? '', location, sender: { platformId: senderId } });
    }
  }
  return { messages, ignored };
}

/** A Viber callback (one event per delivery). */
export function parseViber(body: unknown): ParsedDelivery {
  const event = record(body);
  const name = text(event?.['event']);
  if (!event || name === undefined) throw new PayloadError('A Viber callback has an event.');
  // webhook (the set-up check), delivered, seen, failed, subscribed, unsubscribed, conversation_started.
  if (name !== 'message') return { messages: [], ignored: 1 };
  const message = record(event['message']);
  const sender = record(event['sender']);
  const messageId = id(event['message_token']);
  const senderId = id(sender?.['id']);
  if (!message || messageId === undefined || senderId === undefined) throw new PayloadError('A Viber message has message, message_token and sender.id.');
  const location = record(message['location']);
  return {
    messages: [
      {
        channel: 'VIBER',
        messageId,
        text: text(message['text']) ?? '',
        location: location ? point(location['lat'], location['lon']) : undefined,
        sender: { platformId: senderId, name: text(sender?.['name']) },
      },
    ],
    ignored: 0,
  };
}

/** "Name <address>" or a bare address. */
function mailbox(value: unknown): { name?: string | undefined; email?: string | undefined } {
  const object = record(value);
  if (object) return { name: text(object['name'])?.trim(), email: text(object['address'])?.trim() };
  const line = text(value)?.trim();
  if (line === undefined) return {};
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(line);
  return match ? { name: match[1]?.trim() || undefined, email: match[2]?.trim() } : { email: line };
}

/**
 * One e-mail, as the relay posts it: { "messageId": "<…@…>", "from": { "address", "name" } or
 * "Name <address>", "subject", "text" (the plain-text part), "location": { "lat", "lng" } (optional) }.
 * The delivery's webhook-id is the key when the mail has no Message-ID.
 */
export function parseEmail(body: unknown, webhookId: string): ParsedDelivery {
  const mail = record(body);
  const bodyText = text(mail?.['text']);
  if (!mail || bodyText === undefined) throw new PayloadError('An e-mail delivery has a plain-text "text".');
  const from = mailbox(mail['from']);
  const location = record(mail['location']);
  return {
    messages: [
      {
        channel: 'EMAIL',
        messageId: text(mail['messageId'])?.trim() ?? `webhook:${webhookId}`,
        text: bodyText,
        subject: text(mail['subject'])?.trim(),
        location: location ? point(location['lat'], location['lng']) : undefined,
        sender: { name: from.name, email: from.email },
      },
    ],
    ignored: 0,
  };
}
