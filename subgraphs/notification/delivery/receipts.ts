// POST /api/receipts/{email,sms,zalo} (the gateway serves it at /api/notification/receipts/…): a
// provider's delivery receipt moves a sent message to delivered or failed. Each provider's receipts are
// signed with its own secret (NOTIFICATION_<CHANNEL>_RECEIPT_SECRET), the way Stripe-style webhooks are:
//   X-Receipt-Timestamp: <unix seconds>
//   X-Receipt-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
//   { "messageId": "<the provider's id>", "status": "DELIVERED" | "FAILED", "reason"?: "<short code>" }
// Order of checks: the provider is configured (503 WEBHOOK_NOT_CONFIGURED), the signature over the exact
// bytes and a timestamp within 5 minutes (401 RECEIPT_SIGNATURE_INVALID: a forged or replayed receipt
// changes nothing), then the body (400 BAD_REQUEST). A receipt for an unknown id, or for a message no
// longer `sent`, is acknowledged and changes nothing (providers retry what is not acknowledged).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { statusOf } from '../../../schema/errors.ts';
import type { ErrorCode } from '../../../schema/errors.ts';
import type { DeliveryChannel } from '../prisma/generated/client.ts';
import type { NotificationServices } from '../services.ts';

/** How far a receipt's timestamp may be from our clock. */
export const RECEIPT_TOLERANCE_SECONDS = 300;

const PROVIDERS: Readonly<Record<string, Exclude<DeliveryChannel, 'IN_APP'>>> = { email: 'EMAIL', sms: 'SMS', zalo: 'ZALO' };
const RECEIPT = z.object({
  messageId: z.string().min(1).max(200),
  status: z.enum(['DELIVERED', 'FAILED']),
  reason: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,32}$/)
    .optional(),
});

/** The signature a provider sends for `body` at `timestamp` (exported for tests and providers' adapters). */
export function signReceipt(secret: string, timestamp: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** Whether the headers sign `body` with `secret`, within the tolerance, compared in constant time. */
export function verifyReceipt(secret: string, timestamp: string | undefined, signature: string | undefined, body: Buffer, nowMs = Date.now()): boolean {
  if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > RECEIPT_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signReceipt(secret, timestamp, body));
  const given = Buffer.from(signature.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function refuse(reply: FastifyReply, code: ErrorCode, message: string) {
  return reply.code(statusOf(code)).send({ errors: [{ message, extensions: { code } }] });
}

/** Register the receipt route. */
export async function registerReceiptRoutes(app: FastifyInstance, services: NotificationServices): Promise<void> {
  await app.register(async (scope) => {
    // The signature covers the exact bytes: keep the body raw (JSON included).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.post<{ Params: { provider: string } }>('/receipts/:provider', async (request, reply) => {
      const channel = PROVIDERS[request.params.provider];
      if (!channel) return refuse(reply, 'NOT_FOUND', 'No such provider.');
      const secret = services.config.delivery.receiptSecrets[channel];
      if (!secret) return refuse(reply, 'WEBHOOK_NOT_CONFIGURED', 'Receipts for this provider are not configured.');
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = (name: string) => {
        const value = request.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      if (!verifyReceipt(secret, header('x-receipt-timestamp'), header('x-receipt-signature'), raw)) {
        request.log.warn({ provider: request.params.provider }, 'receipt refused: bad signature or timestamp');
        return refuse(reply, 'RECEIPT_SIGNATURE_INVALID', 'The receipt signature is missing or wrong, or its timestamp is outside the window.');
      }
      let receipt: z.infer<typeof RECEIPT>;
      try {
        receipt = RECEIPT.parse(JSON.parse(raw.toString('utf8')));
      } catch {
        return refuse(reply, 'BAD_REQUEST', 'A receipt is JSON: { messageId, status: DELIVERED | FAILED, reason? }.');
      }
      const now = new Date();
      const { count } = await services.db.delivery.updateMany({
        where: { channel, providerMessageId: receipt.messageId, status: 'SENT' },
        data:
          receipt.status === 'DELIVERED'
            ? { status: 'DELIVERED', deliveredAt: now, updatedAt: now }
            : { status: 'FAILED', lastError: `RECEIPT_${receipt.reason ?? 'FAILED'}`.slice(0, 48), updatedAt: now },
      });
      return reply.code(200).send({ updated: count > 0 });
    });
  });
}
