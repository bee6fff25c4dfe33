// The channel webhooks' settings. A channel is on only when its secret is configured: there are no
// defaults, in development or in production, so a webhook never accepts an unsigned delivery.
//   FEEDBACK_WEBHOOK_EMAIL_SECRET           Standard Webhooks secret of the mail relay (whsec_<base64>, or any string of ≥ 16 characters)
//   FEEDBACK_WEBHOOK_ZALO_APP_ID            Zalo app id (part of the signed string)
//   FEEDBACK_WEBHOOK_ZALO_OA_SECRET         the Official Account's secret key (not the app secret)
//   FEEDBACK_WEBHOOK_FACEBOOK_APP_SECRET    the Meta app secret (X-Hub-Signature-256)
//   FEEDBACK_WEBHOOK_FACEBOOK_VERIFY_TOKEN  the token typed into the app dashboard for the GET handshake
//   FEEDBACK_WEBHOOK_VIBER_TOKEN            the bot's authentication token (X-Viber-Content-Signature)
//   FEEDBACK_WEBHOOK_DEFAULT_CATEGORY       category of a message without a location or a #keyword (GOP_Y_HIEN_KE: the 1022 centre)
//   FEEDBACK_WEBHOOK_DEFAULT_LOCATION       "lat,lng" where a message without a location is filed (the city hall of HCMC)
//   FEEDBACK_WEBHOOK_SIGNATURE_TOLERANCE_SECONDS  how far the e-mail relay's signing time may be from ours (300)
//   FEEDBACK_WEBHOOK_EVENT_MAX_AGE_SECONDS  oldest Zalo or Viber event accepted (86400: Zalo retries for 12 hours)
import { z } from 'zod';
import { parseConfig } from '../../../../platform/config.ts';
import { inJurisdiction } from '../../../kit/geo/ward-boundaries.ts';

/** Secrets of one channel; undefined = the channel is off. */
export interface WebhookSecrets {
  /** The mail relay's Standard Webhooks key (raw bytes). */
  readonly email: Buffer | undefined;
  readonly zalo: { readonly appId: string; readonly oaSecret: string } | undefined;
  readonly facebook: { readonly appSecret: string; readonly verifyToken: string } | undefined;
  readonly viber: { readonly token: string } | undefined;
}

/** The webhooks' settings. */
export interface WebhookSettings {
  readonly webhooks: WebhookSecrets & {
    readonly defaultCategory: string;
    readonly defaultLocation: { readonly lat: number; readonly lng: number };
    readonly signatureToleranceSeconds: number;
    readonly eventMaxAgeSeconds: number;
  };
}

// Ủy ban nhân dân TP.HCM, 86 Lê Thánh Tôn: where the 1022 centre files what it must still locate.
const CITY_HALL = '10.7763,106.7009';

const secret = z.string().min(16, 'must be at least 16 characters').optional();

/** A Standard Webhooks secret: "whsec_" + base64 of the key, or any other string as its UTF-8 bytes. */
function webhookKey(text: string): Buffer {
  return text.startsWith('whsec_') ? Buffer.from(text.slice('whsec_'.length), 'base64') : Buffer.from(text, 'utf8');
}

const WEBHOOK_SCHEMA = z
  .object({
    FEEDBACK_WEBHOOK_EMAIL_SECRET: secret,
    FEEDBACK_WEBHOOK_ZALO_APP_ID: z
      .string()
      .regex(/^\d{1,32}$/, 'must be the numeric Zalo app id')
      .optional(),
    FEEDBACK_WEBHOOK_ZALO_OA_SECRET: secret,
    FEEDBACK_WEBHOOK_FACEBOOK_APP_SECRET: secret,
    FEEDBACK_WEBHOOK_FACEBOOK_VERIFY_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
    FEEDBACK_WEBHOOK_VIBER_TOKEN: secret,
    FEEDBACK_WEBHOOK_DEFAULT_CATEGORY: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'must be a category code, e.g. GOP_Y_HIEN_KE')
      .default('GOP_Y_HIEN_KE'),
    FEEDBACK_WEBHOOK_DEFAULT_LOCATION: z
      .string()
      .default(CITY_HALL)
      .transform((text, context) => {
        const match = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
        const lat = Number(match?.[1]);
        const lng = Number(match?.[2]);
        if (!match || !inJurisdiction(lat, lng)) {
          context.addIssue({ code: 'custom', message: 'must be "lat,lng" inside one of the city wards, e.g. 10.7763,106.7009' });
          return z.NEVER;
        }
        return { lat, lng };
      }),
    FEEDBACK_WEBHOOK_SIGNATURE_TOLERANCE_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
    FEEDBACK_WEBHOOK_EVENT_MAX_AGE_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(7 * 86_400)
      .default(86_400),
  })
  .superRefine((env, context) => {
    // Half a channel's secrets is a mistake, not a way to turn it off.
    const pairs = [
      ['FEEDBACK_WEBHOOK_ZALO_APP_ID', 'FEEDBACK_WEBHOOK_ZALO_OA_SECRET'],
      ['FEEDBACK_WEBHOOK_FACEBOOK_APP_SECRET', 'FEEDBACK_WEBHOOK_FACEBOOK_VERIFY_TOKEN'],
    ] as const;
    for (const [first, second] of pairs) {
      if ((env[first] === undefined) !== (env[second] === undefined)) {
        const missing = env[first] === undefined ? first : second;
        context.addIssue({ code: 'custom', path: [missing], message: `must be set together with ${missing === first ? second : first}` });
      }
    }
  })
  .transform((env): WebhookSettings => ({
    webhooks: {
      email: env.FEEDBACK_WEBHOOK_EMAIL_SECRET === undefined ? undefined : webhookKey(env.FEEDBACK_WEBHOOK_EMAIL_SECRET),
      zalo:
        env.FEEDBACK_WEBHOOK_ZALO_APP_ID !== undefined && env.FEEDBACK_WEBHOOK_ZALO_OA_SECRET !== undefined
          ? { appId: env.FEEDBACK_WEBHOOK_ZALO_APP_ID, oaSecret: env.FEEDBACK_WEBHOOK_ZALO_OA_SECRET }
          : undefined,
      facebook:
        env.FEEDBACK_WEBHOOK_FACEBOOK_APP_SECRET !== undefined && env.FEEDBACK_WEBHOOK_FACEBOOK_VERIFY_TOKEN !== undefined
          ? { appSecret: env.FEEDBACK_WEBHOOK_FACEBOOK_APP_SECRET, verifyToken: env.FEEDBACK_WEBHOOK_FACEBOOK_VERIFY_TOKEN }
          : undefined,
      viber: env.FEEDBACK_WEBHOOK_VIBER_TOKEN === undefined ? undefined : { token: env.FEEDBACK_WEBHOOK_VIBER_TOKEN },
      defaultCategory: env.FEEDBACK_WEBHOOK_DEFAULT_CATEGORY,
      defaultLocation: env.FEEDBACK_WEBHOOK_DEFAULT_LOCATION,
      signatureToleranceSeconds: env.FEEDBACK_WEBHOOK_SIGNATURE_TOLERANCE_SECONDS,
      eventMaxAgeSeconds: env.FEEDBACK_WEBHOOK_EVENT_MAX_AGE_SECONDS,
    },
  }));

/** Validate the FEEDBACK_WEBHOOK_* keys (throws ConfigError). */
export function parseWebhookConfig(env: Record<string, string | undefined>): WebhookSettings {
  return parseConfig('feedback', WEBHOOK_SCHEMA, env);
}
