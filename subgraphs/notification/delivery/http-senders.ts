// SMS and Zalo ZNS over their providers' HTTP APIs. Both answer 2xx with the provider's message id;
// 429 and 5xx (and timeouts, connection errors) are retried, other 4xx are not. Keys go in headers, never
// in URLs (which proxies log).
//
// SMS (a brand-name SMS gateway; the shape most Vietnamese gateways accept, adapted by a small proxy where
// one differs):
//   POST <NOTIFICATION_SMS_URL>   Authorization: Bearer <NOTIFICATION_SMS_API_KEY>
//   { "to": "84901234567", "text": "…", "brandname": "<NOTIFICATION_SMS_BRANDNAME>", "reference": "<delivery id>" }
//   → 2xx { "messageId": "…" }
// Zalo ZNS (https://business.openapi.zalo.me/message/template):
//   POST <NOTIFICATION_ZALO_URL>   access_token: <NOTIFICATION_ZALO_ACCESS_TOKEN>
//   { "phone": "84901234567", "template_id": "<NOTIFICATION_ZALO_TEMPLATE_ID>", "template_data": { "content": "…" }, "tracking_id": "<delivery id>" }
//   → 200 { "error": 0, "data": { "msg_id": "…" } }; error ≠ 0 is a refusal (negative codes of Zalo's
//   own faults, -32 rate limit and -124 expired token, are retried).
import { DeliveryError } from './channel.ts';
import type { ChannelSender, OutgoingMessage, SendResult } from './channel.ts';

/** An HTTP provider's endpoint and key. */
export interface HttpProviderSettings {
  readonly url: string;
  readonly key: string;
}

/** A Vietnamese mobile number as providers want it: 84 and nine digits (0901234567 → 84901234567). */
export function internationalPhone(phone: string): string {
  const digits = phone.replace(/[\s.+-]/g, '');
  return digits.startsWith('0') ? `84${digits.slice(1)}` : digits;
}

async function post(url: string, headers: Record<string, string>, body: unknown, signal: AbortSignal): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal });
  } catch {
    throw new DeliveryError(signal.aborted ? 'TIMEOUT' : 'CONNECTION', true);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DeliveryError(`HTTP_${response.status}`, response.status === 429 || response.status >= 500);
  }
  try {
    return await response.json();
  } catch {
    throw new DeliveryError('BAD_RESPONSE', true);
  }
}

/** The SMS sender. */
export function createSmsSender(settings: HttpProviderSettings & { readonly brandname: string }): ChannelSender {
  return {
    channel: 'SMS',
    provider: 'http',
    async send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
      const answer = (await post(
        settings.url,
        { authorization: `Bearer ${settings.key}` },
        { to: internationalPhone(message.address), text: message.text, brandname: settings.brandname, reference: message.id },
        signal,
      )) as { messageId?: unknown };
      if (typeof answer.messageId !== 'string' || answer.messageId.length === 0) throw new DeliveryError('BAD_RESPONSE', true);
      return { providerMessageId: answer.messageId };
    },
  };
}

/** The Zalo ZNS sender. */
export function createZaloSender(settings: HttpProviderSettings & { readonly templateId: string }): ChannelSender {
  return {
    channel: 'ZALO',
    provider: 'zns',
    async send(message: OutgoingMessage, signal: AbortSignal): Promise<SendResult> {
      const answer = (await post(
        settings.url,
        { access_token: settings.key },
        { phone: internationalPhone(message.address), template_id: settings.templateId, template_data: { content: message.text }, tracking_id: message.id },
        signal,
      )) as { error?: unknown; data?: { msg_id?: unknown } };
      if (answer.error !== 0) {
        const code = typeof answer.error === 'number' ? answer.error : 0;
        throw new DeliveryError(`ZNS_${code}`, code === -32 || code === -124 || code === 0);
      }
      if (typeof answer.data?.msg_id !== 'string') throw new DeliveryError('BAD_RESPONSE', true);
      return { providerMessageId: answer.data.msg_id };
    },
  };
}
