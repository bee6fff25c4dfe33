// Each platform's signature over the exact bytes it sent, compared in constant time. Pure functions:
// the routes read the headers and the raw body, and refuse the delivery when these return false.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Whether two strings are equal, in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // Compare digests so unequal lengths cost the same as unequal bytes.
  if (left.length !== right.length) {
    timingSafeEqual(createHash('sha256').update(left).digest(), createHash('sha256').update(right).digest());
    return false;
  }
  return timingSafeEqual(left, right);
}

function hmacHex(key: string | Buffer, ...parts: (string | Buffer)[]): string {
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/**
 * Facebook (Meta) webhooks: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>`.
 * https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads
 */
export function verifyFacebookSignature(header: string | undefined, body: Buffer, appSecret: string): boolean {
  if (header === undefined || !header.startsWith('sha256=')) return false;
  return constantTimeEqual(header.slice('sha256='.length).toLowerCase(), hmacHex(appSecret, body));
}

/**
 * Viber REST bot API callbacks: `X-Viber-Content-Signature: <hex HMAC-SHA256(auth token, raw body)>`.
 * https://developers.viber.com/docs/api/rest-bot-api/#callbacks
 */
export function verifyViberSignature(header: string | undefined, body: Buffer, token: string): boolean {
  if (header === undefined) return false;
  return constantTimeEqual(header.trim().toLowerCase(), hmacHex(token, body));
}

/**
 * Zalo Official Account webhooks: `X-ZEvent-Signature: mac=<hex SHA-256(app id + raw body + timestamp
 * + OA secret key)>`, where timestamp is the body's own `timestamp` field and the key is the OA's secret
 * (not the app secret). A plain hash, not an HMAC: that is Zalo's scheme.
 */
export function verifyZaloSignature(header: string | undefined, body: Buffer, timestamp: string, appId: string, oaSecret: string): boolean {
  if (header === undefined) return false;
  const supplied = header.trim().replace(/^mac=/i, '').toLowerCase();
  const expected = createHash('sha256').update(appId).update(body).update(timestamp).update(oaSecret).digest('hex');
  return constantTimeEqual(supplied, expected);
}

/**
 * Standard Webhooks (https://www.standardwebhooks.com/), our choice for the e-mail relay:
 * `webhook-signature: v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<raw body>")>`,
 * space-separated when several keys are in rotation; one match is enough.
 */
export function verifyStandardWebhookSignature(header: string | undefined, id: string, timestamp: string, body: Buffer, key: Buffer): boolean {
  if (header === undefined) return false;
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  let matched = false;
  for (const entry of header.trim().split(/\s+/)) {
    const [version, signature] = entry.split(',', 2);
    // Check every entry, so the time taken does not reveal which one matched.
    if (version === 'v1' && signature !== undefined && constantTimeEqual(signature, expected)) matched = true;
  }
  return matched;
}

/** Sign as the platforms do — for tests and for the relay's documentation. */
export const sign = {
  facebook: (body: Buffer | string, appSecret: string): string => `sha256=${hmacHex(appSecret, body)}`,
  viber: (body: Buffer | string, token: string): string => hmacHex(token, body),
  zalo: (body: Buffer | string, timestamp: string, appId: string, oaSecret: string): string =>
    `mac=${createHash('sha256').update(appId).update(body).update(timestamp).update(oaSecret).digest('hex')}`,
  standardWebhook: (id: string, timestamp: string, body: Buffer | string, key: Buffer): string => `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64')}`,
};
