// POST /api/webhooks/{email,zalo,facebook,viber} (the gateway serves them at /api/feedback/webhooks/…),
// and GET /api/webhooks/facebook, Meta's subscription handshake.
//
// Order of checks: the channel must be configured (else 503 WEBHOOK_NOT_CONFIGURED: the platforms keep
// retrying until it is), the signature over the exact bytes and the timestamp window (401
// WEBHOOK_SIGNATURE_INVALID), the content type (415), the platform's format (400 BAD_REQUEST). Then
// every user message becomes an item and the answer is 200 at once, listing the item codes; receipts,
// seen marks and other events are acknowledged and ignored. A redelivery writes nothing (idempotent on
// the platform's message id). Nothing a sender wrote, nor who they are, is logged.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { statusOf } from '../../../../schema/errors.ts';
import type { ErrorCode } from '../../../../schema/errors.ts';
import { isDatabaseUnavailable } from '../../../kit/db-errors.ts';
import type { IntakeServices } from '../../intake/receive-feedback.ts';
import type { WebhookSettings } from './config.ts';
import { parseEmail, parseFacebook, parseViber, parseZalo } from './channels.ts';
import { intakeMessage } from './intake-message.ts';
import type { MessageOutcome } from './intake-message.ts';
import { categoryKeywords, parseJson, PayloadError, record } from './normalize.ts';
import type { ParsedDelivery } from './normalize.ts';
import { constantTimeEqual, verifyFacebookSignature, verifyStandardWebhookSignature, verifyViberSignature, verifyZaloSignature } from './signatures.ts';

type Channel = 'email' | 'zalo' | 'facebook' | 'viber';
const CHANNELS: readonly Channel[] = ['email', 'zalo', 'facebook', 'viber'];

/** Why a delivery was refused before anything was parsed. */
class Refusal extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

function refuse(reply: FastifyReply, code: ErrorCode, message: string) {
  return reply.code(statusOf(code)).send({ errors: [{ message, extensions: { code } }] });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

const BAD_SIGNATURE = 'The signature is missing or wrong, or the delivery is outside the replay window.';

/** A timestamp (milliseconds) within [now − maxAge, now + tolerance], else a Refusal. */
function assertFresh(at: number, now: number, maxAgeSeconds: number, toleranceSeconds: number): void {
  if (!Number.isFinite(at) || at < now - maxAgeSeconds * 1000 || at > now + toleranceSeconds * 1000) throw new Refusal('WEBHOOK_SIGNATURE_INVALID', BAD_SIGNATURE);
}

/**
 * Check a delivery's signature and freshness, then read it. Throws Refusal (signature), PayloadError
 * (format).
 */
function readDelivery(channel: Channel, request: FastifyRequest, raw: Buffer, settings: WebhookSettings['webhooks'], now: number): ParsedDelivery {
  const tolerance = settings.signatureToleranceSeconds;
  switch (channel) {
    case 'email': {
      const key = settings.email as Buffer;
      const id = header(request, 'webhook-id');
      const timestamp = header(request, 'webhook-timestamp');
      if (id === undefined || timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) throw new Refusal('WEBHOOK_SIGNATURE_INVALID', BAD_SIGNATURE);
      if (!verifyStandardWebhookSignature(header(request, 'webhook-signature'), id, timestamp, raw, key)) throw new Refusal('WEBHOOK_SIGNATURE_INVALID', BAD_SIGNATURE);
      // The relay signs when it sends: both directions limited to the tolerance.
      assertFresh(Number(timestamp) * 1000, now, tolerance, tolerance);
      assertJson(request);
      return parseEmail(parseJson(raw), id);
    }
    case 'zalo': {
      const secrets = settings.zalo as NonNullable<WebhookSettings['webhooks']['zalo']>;
      // The signed string includes the body's own timestamp, so the body is read first; a body that
      // cannot be read cannot be verified, and is refused as unsigned.
      let body: unknown;
      try {
        body = parseJson(raw);
      } catch (error) {
        // Out of bounds (U+0000, too deep) is refused as such; anything else unreadable cannot be verified.
        if (error instanceof PayloadError && error.code === 'BAD_USER_INPUT') throw error;
        throw new Refusal('WEBHOOK_SIGNATURE_INVALID', BAD_SIGNATURE);
      }
      const timestamp = record(body)?.['timestamp'];
      const stamp = typeof timestamp === 'string' || typeof timestamp === 'number' ? String(timestamp) : undefined;
      if (stamp === undefined || !verifyZaloSignature(header(request, 'x-zevent-signature'), raw, stamp, secrets.appId, secrets.oaSecret)) {
        throw new Refusal('WEBHOOK_SIGNATURE_INVALID', BAD_SIGNATURE);
      }
      assertFresh(Number(stamp), now, settings.eventMaxAgeSeconds, tolerance);
      assertJson(request);
      return parseZalo(body);
    }
    case 'facebook': {
      const secrets = settings.facebook as NonNullable<WebhookSettings['webhooks']['facebook']>;
      // Meta signs no timestamp: a replayed delivery is harmless because each message id is one item.
      if (!verifyFacebookSignature(header(request, 'x-hub-signature-256'), raw, secrets.appSecret)) throw new Refusal('WEBHOOK_SIGNATURE_INVALID', BAD_SIGNATURE);
      assertJson(request);
      return parseFacebook(parseJson(raw));
    }
    case 'viber': {
      const secrets = settings.viber as NonNullable<WebhookSettings['webhooks']['viber']>;
      if (!verifyViberSignature(header(request, 'x-viber-content-signature'), raw, secrets.token)) throw new Refusal('WEBHOOK_SIGNATURE_INVALID', BAD_SIGNATURE);
      assertJson(request);
      const body = parseJson(raw);
      const timestamp = record(body)?.['timestamp'];
      if (typeof timestamp !== 'number') throw new PayloadError('A Viber callback has a numeric timestamp.');
      assertFresh(timestamp, now, settings.eventMaxAgeSeconds, tolerance);
      return parseViber(body);
    }
  }
}

function assertJson(request: FastifyRequest): void {
  const type = header(request, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new Refusal('UNSUPPORTED_MEDIA_TYPE', 'The body must be application/json.');
}

function configured(channel: Channel, settings: WebhookSettings['webhooks']): boolean {
  return settings[channel] !== undefined;
}

/** Register the channel webhooks on `app` (under /api). */
export async function registerWebhookRoutes(app: FastifyInstance, services: IntakeServices & { readonly config: WebhookSettings }): Promise<void> {
  const settings = services.config.webhooks;
  const { db } = services;

  // Category hashtags, from the categories table (admins may add categories), re-read each minute.
  let keywords: { map: ReadonlyMap<string, string>; until: number } | undefined;
  const currentKeywords = async (now: number) => {
    if (!keywords || keywords.until < now) keywords = { map: categoryKeywords(await db.category.findMany({ select: { code: true, name: true } })), until: now + 60_000 };
    return keywords.map;
  };

  await app.register(async (scope) => {
    // The signature covers the exact bytes: keep them, parse after verifying.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.get('/webhooks/facebook', async (request, reply) => {
      const secrets = settings.facebook;
      if (!secrets) return refuse(reply, 'WEBHOOK_NOT_CONFIGURED', 'The facebook channel is not configured.');
      const query = request.query as Record<string, unknown>;
      const token = query['hub.verify_token'];
      const challenge = query['hub.challenge'];
      if (
        query['hub.mode'] !== 'subscribe' ||
        typeof token !== 'string' ||
        !constantTimeEqual(token, secrets.verifyToken) ||
        typeof challenge !== 'string' ||
        !/^[\x21-\x7e]{1,256}$/.test(challenge)
      ) {
        request.log.warn({ channel: 'facebook' }, 'webhook handshake refused');
        return refuse(reply, 'FORBIDDEN', 'The verify token does not match.');
      }
      return reply.type('text/plain; charset=utf-8').header('x-content-type-options', 'nosniff').send(challenge);
    });

    scope.post('/webhooks/:channel', async (request, reply) => {
      const { channel } = request.params as { channel: string };
      if (!CHANNELS.includes(channel as Channel)) return refuse(reply, 'NOT_FOUND', 'No such channel.');
      const name = channel as Channel;
      if (!configured(name, settings)) return refuse(reply, 'WEBHOOK_NOT_CONFIGURED', `The ${name} channel is not configured.`);
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const now = Date.now();
      let delivery: ParsedDelivery;
      try {
        delivery = readDelivery(name, request, raw, settings, now);
      } catch (error) {
        if (error instanceof Refusal) {
          if (error.code === 'WEBHOOK_SIGNATURE_INVALID') request.log.warn({ channel: name }, 'webhook delivery refused: signature');
          return refuse(reply, error.code, error.message);
        }
        if (error instanceof PayloadError) return refuse(reply, error.code, error.message);
        throw error;
      }
      const accepted: { code: string; replayed: boolean; located: boolean }[] = [];
      const ignored: { reason: string }[] = Array.from({ length: delivery.ignored }, () => ({ reason: 'NOT_A_MESSAGE' }));
      try {
        const map = delivery.messages.length > 0 ? await currentKeywords(now) : new Map<string, string>();
        // One at a time: each item is its own transaction, so a failure part-way leaves whole items
        // only, and the platform's retry replays those and writes the rest.
        for (const message of delivery.messages) {
          const outcome: MessageOutcome = await intakeMessage(services, message, settings, map);
          if ('ignored' in outcome) ignored.push({ reason: outcome.ignored });
          else accepted.push(outcome);
        }
      } catch (error) {
        // The platform retries a 503 (with Retry-After) later; the kit's /api handler sends it.
        if (isDatabaseUnavailable(error)) throw error;
        request.log.error({ err: error, channel: name }, 'webhook intake failed');
        return refuse(reply, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
      }
      request.log.info(
        { channel: name, accepted: accepted.filter((item) => !item.replayed).length, replayed: accepted.filter((item) => item.replayed).length, ignored: ignored.length },
        'webhook delivery',
      );
      return reply.code(200).send({ accepted, ignored });
    });
  });
}
