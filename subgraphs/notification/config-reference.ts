// The notification subgraph's own environment keys, described for docs/configuration.md (delivery/config.ts
// reads them); `npm run docs:check` fails when this list and the keys the parser reads differ.

import type { ConfigKeyReference } from '../kit/subgraph-config.ts';

/** The notification subgraph's own keys (the shared subgraph keys are in subgraphs/kit/subgraph-config.ts). */
export const NOTIFICATION_CONFIG_REFERENCE: Readonly<Record<string, ConfigKeyReference>> = {
  NOTIFICATION_SMTP_HOST: { description: 'SMTP server for e-mail (nodemailer); unset: e-mail goes to the development sink (recorded, not sent).' },
  NOTIFICATION_SMTP_PORT: { default: '587', description: 'SMTP port.' },
  NOTIFICATION_SMTP_SECURE: { default: 'false', description: '`true`: TLS from the first byte (port 465); `false`: STARTTLS when offered.' },
  NOTIFICATION_SMTP_USER: { description: 'SMTP user (none: no authentication).' },
  NOTIFICATION_SMTP_PASSWORD: { description: 'SMTP password.' },
  NOTIFICATION_SMTP_FROM: { default: 'Cổng Liên Thông <thongbao@lienthong.example.vn>', description: 'From address of notification e-mail.' },
  NOTIFICATION_SMS_URL: { description: 'SMS gateway endpoint (`POST {to, text, brandname, reference}` → `{messageId}`, see delivery/http-senders.ts); unset: the development sink.' },
  NOTIFICATION_SMS_API_KEY: { description: 'Bearer key of the SMS gateway (required with NOTIFICATION_SMS_URL).' },
  NOTIFICATION_SMS_BRANDNAME: { default: 'UBND TPHCM', description: 'Registered brand name the SMS is sent under (at most 11 characters).' },
  NOTIFICATION_ZALO_URL: { default: 'https://business.openapi.zalo.me/message/template', description: 'Zalo ZNS send endpoint.' },
  NOTIFICATION_ZALO_ACCESS_TOKEN: { description: 'Zalo Official Account access token (header `access_token`); unset: Zalo goes to the development sink.' },
  NOTIFICATION_ZALO_TEMPLATE_ID: { description: 'The ZNS template registered with Zalo, with one parameter `content` (required with the token).' },
  NOTIFICATION_EMAIL_RECEIPT_SECRET: { description: 'HMAC secret of e-mail delivery receipts (≥ 16 characters); unset: receipts for e-mail are refused.' },
  NOTIFICATION_SMS_RECEIPT_SECRET: { description: 'HMAC secret of SMS delivery receipts (≥ 16 characters); unset: refused.' },
  NOTIFICATION_ZALO_RECEIPT_SECRET: { description: 'HMAC secret of Zalo delivery receipts (≥ 16 characters); unset: refused.' },
  NOTIFICATION_DELIVERY_MAX_ATTEMPTS: { default: '6', description: 'Attempts per message and channel before it is dead-lettered (FAILED).' },
  NOTIFICATION_DELIVERY_RETRY_BASE_MS: { default: '2000', description: 'First retry delay; doubled per attempt, with full jitter.' },
  NOTIFICATION_DELIVERY_RETRY_MAX_MS: { default: '600000', description: 'Longest retry delay.' },
  NOTIFICATION_PROVIDER_TIMEOUT_MS: { default: '10000', description: 'How long one send may take before it counts as a (retryable) timeout.' },
  NOTIFICATION_DELIVERY_POLL_MS: { default: '1000', description: 'How often the dispatcher looks for due messages (it is also woken when messages are queued).' },
  NOTIFICATION_EMAIL_RATE_PER_SECOND: { default: '20', description: 'E-mails sent per second at most.' },
  NOTIFICATION_SMS_RATE_PER_SECOND: { default: '10', description: 'SMS sent per second at most.' },
  NOTIFICATION_ZALO_RATE_PER_SECOND: { default: '10', description: 'Zalo messages sent per second at most.' },
};
