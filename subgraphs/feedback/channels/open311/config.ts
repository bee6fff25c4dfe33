// Open311's settings:
//   FEEDBACK_OPEN311_API_KEYS        JSON {"<api key>": "<client name>"}; POST requests needs one. Unset: nobody may POST.
//   FEEDBACK_OPEN311_JURISDICTION_ID the jurisdiction_id clients may send (tphcm.gov.vn); another one is 404.
//   FEEDBACK_OPEN311_ENDPOINT_URL    the public URL of the v2 endpoint, for discovery (unset: the gateway path).
//   FEEDBACK_OPEN311_CONTACT         who to ask for help or an api_key, for discovery.
import { z } from 'zod';
import { configFields, parseConfig } from '../../../../platform/config.ts';

/** Open311's settings. */
export interface Open311Settings {
  readonly open311: {
    /** API key → client name (the name scopes a client's Idempotency-Keys and tokens). */
    readonly apiKeys: ReadonlyMap<string, string>;
    readonly jurisdictionId: string;
    /** The public URL of the GeoReport v2 endpoint (discovery); undefined: the gateway's path. */
    readonly endpointUrl: string | undefined;
    /** Who to ask for help or an api_key (discovery). */
    readonly contact: string;
  };
}

const OPEN311_SCHEMA = z
  .object({
    FEEDBACK_OPEN311_API_KEYS: configFields
      .json(
        z.record(
          z.string().regex(/^[\x21-\x7e]{24,128}$/, 'each API key must be 24 to 128 printable ASCII characters'),
          z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'each client name must be 1 to 64 letters, digits, dots, dashes or underscores'),
        ),
      )
      .default({}),
    FEEDBACK_OPEN311_JURISDICTION_ID: z
      .string()
      .regex(/^[a-z0-9.-]{1,100}$/, 'must be a domain-like id, e.g. tphcm.gov.vn')
      .default('tphcm.gov.vn'),
    FEEDBACK_OPEN311_ENDPOINT_URL: configFields.url.optional(),
    FEEDBACK_OPEN311_CONTACT: z.string().trim().min(1).max(300).default('Trung tâm 1022 TP.HCM: gọi 1022 · Call 1022'),
  })
  .transform((env): Open311Settings => ({
    open311: {
      apiKeys: new Map(Object.entries(env.FEEDBACK_OPEN311_API_KEYS)),
      jurisdictionId: env.FEEDBACK_OPEN311_JURISDICTION_ID,
      endpointUrl: env.FEEDBACK_OPEN311_ENDPOINT_URL?.replace(/\/+$/, ''),
      contact: env.FEEDBACK_OPEN311_CONTACT,
    },
  }));

/** Validate the FEEDBACK_OPEN311_* keys (throws ConfigError). */
export function parseOpen311Config(env: Record<string, string | undefined>): Open311Settings {
  return parseConfig('feedback', OPEN311_SCHEMA, env);
}
