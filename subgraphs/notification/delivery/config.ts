// Delivery settings: each channel's provider (unset: the development sink, which records and sends
// nothing — refused in production, where every configured channel needs its provider), retries, timeouts,
// rate limits and the receipt secrets. Keys and their defaults: config-reference.ts.
import { z } from 'zod';
import { configFields, parseConfig } from '../../../platform/config.ts';
import type { SmtpSettings } from './email.ts';
import type { HttpProviderSettings } from './http-senders.ts';

/** The delivery settings. */
export interface DeliverySettings {
  readonly delivery: {
    readonly smtp: SmtpSettings | undefined;
    readonly sms: (HttpProviderSettings & { readonly brandname: string }) | undefined;
    readonly zalo: (HttpProviderSettings & { readonly templateId: string }) | undefined;
    /** Receipt HMAC secrets per channel; a channel without one accepts no receipts. */
    readonly receiptSecrets: { readonly EMAIL?: string; readonly SMS?: string; readonly ZALO?: string };
    readonly maxAttempts: number;
    readonly retryBaseMs: number;
    readonly retryMaxMs: number;
    readonly timeoutMs: number;
    readonly pollMs: number;
    /** Sends per second per channel. */
    readonly ratePerSecond: { readonly EMAIL: number; readonly SMS: number; readonly ZALO: number };
  };
}

const secret = z.string().min(16, 'must be at least 16 characters').optional();
const positive = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const SCHEMA = z
  .object({
    NOTIFICATION_SMTP_HOST: z.string().min(1).optional(),
    NOTIFICATION_SMTP_PORT: configFields.port(587),
    NOTIFICATION_SMTP_SECURE: configFields.boolean(false),
    NOTIFICATION_SMTP_USER: z.string().min(1).optional(),
    NOTIFICATION_SMTP_PASSWORD: z.string().min(1).optional(),
    NOTIFICATION_SMTP_FROM: z.string().min(3).default('Cổng Liên Thông <thongbao@lienthong.example.vn>'),
    NOTIFICATION_SMS_URL: configFields.url.optional(),
    NOTIFICATION_SMS_API_KEY: z.string().min(1).optional(),
    NOTIFICATION_SMS_BRANDNAME: z.string().min(1).max(11).default('UBND TPHCM'),
    NOTIFICATION_ZALO_URL: configFields.url.default('https://business.openapi.zalo.me/message/template'),
    NOTIFICATION_ZALO_ACCESS_TOKEN: z.string().min(1).optional(),
    NOTIFICATION_ZALO_TEMPLATE_ID: z.string().min(1).optional(),
    NOTIFICATION_EMAIL_RECEIPT_SECRET: secret,
    NOTIFICATION_SMS_RECEIPT_SECRET: secret,
    NOTIFICATION_ZALO_RECEIPT_SECRET: secret,
    NOTIFICATION_DELIVERY_MAX_ATTEMPTS: positive(6),
    NOTIFICATION_DELIVERY_RETRY_BASE_MS: positive(2_000),
    NOTIFICATION_DELIVERY_RETRY_MAX_MS: positive(600_000),
    NOTIFICATION_PROVIDER_TIMEOUT_MS: positive(10_000),
    NOTIFICATION_DELIVERY_POLL_MS: positive(1_000),
    NOTIFICATION_EMAIL_RATE_PER_SECOND: positive(20),
    NOTIFICATION_SMS_RATE_PER_SECOND: positive(10),
    NOTIFICATION_ZALO_RATE_PER_SECOND: positive(10),
  })
  .superRefine((env, context) => {
    if (env.NOTIFICATION_SMS_URL && !env.NOTIFICATION_SMS_API_KEY) context.addIssue({ code: 'custom', path: ['NOTIFICATION_SMS_API_KEY'], message: 'is required with NOTIFICATION_SMS_URL' });
    if (env.NOTIFICATION_ZALO_ACCESS_TOKEN && !env.NOTIFICATION_ZALO_TEMPLATE_ID) {
      context.addIssue({ code: 'custom', path: ['NOTIFICATION_ZALO_TEMPLATE_ID'], message: 'is required with NOTIFICATION_ZALO_ACCESS_TOKEN' });
    }
  })
  .transform((env): DeliverySettings => ({
    delivery: {
      smtp: env.NOTIFICATION_SMTP_HOST
        ? {
            host: env.NOTIFICATION_SMTP_HOST,
            port: env.NOTIFICATION_SMTP_PORT,
            secure: env.NOTIFICATION_SMTP_SECURE,
            user: env.NOTIFICATION_SMTP_USER,
            password: env.NOTIFICATION_SMTP_PASSWORD,
            from: env.NOTIFICATION_SMTP_FROM,
            timeoutMs: env.NOTIFICATION_PROVIDER_TIMEOUT_MS,
          }
        : undefined,
      sms: env.NOTIFICATION_SMS_URL && env.NOTIFICATION_SMS_API_KEY ? { url: env.NOTIFICATION_SMS_URL, key: env.NOTIFICATION_SMS_API_KEY, brandname: env.NOTIFICATION_SMS_BRANDNAME } : undefined,
      zalo:
        env.NOTIFICATION_ZALO_ACCESS_TOKEN && env.NOTIFICATION_ZALO_TEMPLATE_ID
          ? { url: env.NOTIFICATION_ZALO_URL, key: env.NOTIFICATION_ZALO_ACCESS_TOKEN, templateId: env.NOTIFICATION_ZALO_TEMPLATE_ID }
          : undefined,
      receiptSecrets: {
        ...(env.NOTIFICATION_EMAIL_RECEIPT_SECRET ? { EMAIL: env.NOTIFICATION_EMAIL_RECEIPT_SECRET } : {}),
        ...(env.NOTIFICATION_SMS_RECEIPT_SECRET ? { SMS: env.NOTIFICATION_SMS_RECEIPT_SECRET } : {}),
        ...(env.NOTIFICATION_ZALO_RECEIPT_SECRET ? { ZALO: env.NOTIFICATION_ZALO_RECEIPT_SECRET } : {}),
      },
      maxAttempts: env.NOTIFICATION_DELIVERY_MAX_ATTEMPTS,
      retryBaseMs: env.NOTIFICATION_DELIVERY_RETRY_BASE_MS,
      retryMaxMs: env.NOTIFICATION_DELIVERY_RETRY_MAX_MS,
      timeoutMs: env.NOTIFICATION_PROVIDER_TIMEOUT_MS,
      pollMs: env.NOTIFICATION_DELIVERY_POLL_MS,
      ratePerSecond: { EMAIL: env.NOTIFICATION_EMAIL_RATE_PER_SECOND, SMS: env.NOTIFICATION_SMS_RATE_PER_SECOND, ZALO: env.NOTIFICATION_ZALO_RATE_PER_SECOND },
    },
  }));

/** Validate the delivery keys (throws ConfigError). */
export function parseDeliveryConfig(env: Record<string, string | undefined>): DeliverySettings {
  return parseConfig('notification', SCHEMA, env);
}
