// The feedback subgraph's own environment keys, described for docs/configuration.md. Its feature configs
// (photos/, summary/, webhooks/, open311/ config.ts) do not carry `.describe()` yet, so their keys are
// described here; `npm run docs:check` fails when this list and the keys parseFeedbackConfig reads
// differ, or when a default written here is not the one the parser applies. Once the feature schemas
// carry `.describe()` themselves, their entries move there and leave this list.

import type { ConfigKeyReference } from '../kit/subgraph-config.ts';

export type { ConfigKeyReference };

/** The feedback subgraph's own keys (the shared subgraph keys are in subgraphs/kit/subgraph-config.ts). */
export const FEEDBACK_CONFIG_REFERENCE: Readonly<Record<string, ConfigKeyReference>> = {
  FEEDBACK_PHOTO_DIR: { description: 'Where uploaded photos go on disk (unless the S3 store is configured); unset: `DATA_DIR/feedback-photos`.' },
  FEEDBACK_PHOTO_MAX_BYTES: { default: '5242880', description: "Largest accepted photo (`PHOTO_TOO_LARGE`); keep it under the gateway's REST_BODY_LIMIT_BYTES." },
  FEEDBACK_PHOTOS_PER_ITEM: { default: '5', description: "At most this many photos of each kind (the reporter's, the unit's result) per item." },
  FEEDBACK_PHOTO_UNATTACHED_HOURS: { default: '24', description: 'An upload no submission references is deleted after this many hours.' },
  FEEDBACK_PHOTO_S3_ENDPOINT: {
    description: 'S3-compatible photo store (path-style URLs, SigV4), e.g. `https://s3.hcm.example.vn` or MinIO; all five FEEDBACK_PHOTO_S3_* keys or none (photos on disk).',
  },
  FEEDBACK_PHOTO_S3_BUCKET: { description: 'Bucket of the S3 photo store.' },
  FEEDBACK_PHOTO_S3_REGION: { description: 'Region of the S3 photo store, e.g. `us-east-1`.' },
  FEEDBACK_PHOTO_S3_ACCESS_KEY_ID: { description: 'Access key id of the S3 photo store.' },
  FEEDBACK_PHOTO_S3_SECRET_ACCESS_KEY: { description: 'Secret access key of the S3 photo store.' },
  FEEDBACK_SUMMARY_SCHEDULE: {
    default: 'FRI 15:00',
    description: 'When the weekly summary runs (weekday and 24-hour time in Việt Nam), or `off` to run it only by hand (`npm run feedback:summary`).',
  },
  FEEDBACK_WEBHOOK_EMAIL_SECRET: {
    description:
      'Standard Webhooks secret of the mail relay (`whsec_<base64>`, or any string of ≥ 16 characters); unset: the e-mail channel is off (`WEBHOOK_NOT_CONFIGURED`). No channel secret has a default, not even in development.',
  },
  FEEDBACK_WEBHOOK_ZALO_APP_ID: { description: 'Zalo app id (part of the signed string); set together with FEEDBACK_WEBHOOK_ZALO_OA_SECRET, or the Zalo channel is off.' },
  FEEDBACK_WEBHOOK_ZALO_OA_SECRET: { description: "The Zalo Official Account's secret key (not the app secret)." },
  FEEDBACK_WEBHOOK_FACEBOOK_APP_SECRET: { description: 'The Meta app secret (`X-Hub-Signature-256`); set together with FEEDBACK_WEBHOOK_FACEBOOK_VERIFY_TOKEN, or the Facebook channel is off.' },
  FEEDBACK_WEBHOOK_FACEBOOK_VERIFY_TOKEN: { description: 'The token typed into the Meta app dashboard for the subscription handshake (GET).' },
  FEEDBACK_WEBHOOK_VIBER_TOKEN: { description: "The Viber bot's authentication token (`X-Viber-Content-Signature`); unset: the Viber channel is off." },
  FEEDBACK_WEBHOOK_DEFAULT_CATEGORY: { default: 'GOP_Y_HIEN_KE', description: 'Category of a channel message without a location or a #keyword (routes to the 1022 centre).' },
  FEEDBACK_WEBHOOK_DEFAULT_LOCATION: { default: '10.7763,106.7009', description: '"lat,lng" where a channel message without a location is filed (HCMC city hall).' },
  FEEDBACK_WEBHOOK_SIGNATURE_TOLERANCE_SECONDS: { default: '300', description: "How far the e-mail relay's signing time may be from ours." },
  FEEDBACK_WEBHOOK_EVENT_MAX_AGE_SECONDS: { default: '86400', description: 'Oldest Zalo or Viber event accepted (Zalo retries for 12 hours).' },
  FEEDBACK_OPEN311_API_KEYS: { default: '{}', description: 'JSON `{"<api key>": "<client name>"}`: Open311 clients that may POST requests; `{}`: nobody may.' },
  FEEDBACK_OPEN311_JURISDICTION_ID: { default: 'tphcm.gov.vn', description: 'The Open311 `jurisdiction_id` clients may send; another one is 404.' },
  FEEDBACK_OPEN311_ENDPOINT_URL: {
    description:
      'Public URL of the GeoReport v2 endpoint, announced by `discovery.{xml,json}` (e.g. `https://api.tphcm.gov.vn/api/feedback/open311/v2`); unset: the gateway path `/api/feedback/open311/v2`.',
  },
  FEEDBACK_OPEN311_CONTACT: {
    default: 'Trung tâm 1022 TP.HCM: gọi 1022 · Call 1022',
    description: 'Who Open311 clients ask for help or an api_key, announced by `discovery.{xml,json}` (plain text).',
  },
};
