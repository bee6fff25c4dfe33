// Configuration of the embedded identity provider process (auth/idp-main.ts), read once from the
// environment and validated. Each key's `.describe()` is its line in docs/configuration.md.
import { z } from 'zod';
import { configFields, loadConfig, parseConfig } from '../platform/config.ts';

/** The identity provider's environment keys (exported for the generated configuration reference). */
export const IDP_CONFIG_SCHEMA = z.object({
  IDP_HOST: configFields.host.describe('Address the embedded identity provider listens on.'),
  IDP_PORT: configFields.port(4100).describe('Port of the embedded identity provider.'),
  IDP_PUBLIC_URL: configFields.url.optional().describe('Its public base URL (the issuer is `<url>/realms/lien-thong`); unset: `http://<IDP_HOST>:<IDP_PORT>`.'),
  DATA_DIR: z.string().min(1).default('data').describe('Its signing keys are kept in `DATA_DIR/idp/signing-keys.json`.'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(300).describe('Lifetime of the access tokens it issues.'),
  LOG_LEVEL: configFields.logLevel.describe('pino log level.'),
});

/** The identity provider's validated configuration. */
export type IdpConfig = Readonly<z.output<typeof IDP_CONFIG_SCHEMA>>;

/** Validate `env` (throws ConfigError listing every bad key). */
export function parseIdpConfig(env: Record<string, string | undefined>): IdpConfig {
  return parseConfig('identity-provider', IDP_CONFIG_SCHEMA, env);
}

/** For idp-main.ts: exit 1 listing every bad key. */
export function loadIdpConfig(): IdpConfig {
  return loadConfig('identity-provider', IDP_CONFIG_SCHEMA);
}
