// Runs the embedded identity provider (development and demos): `node auth/idp-main.ts`.
// Production points the gateway's OIDC_ISSUER at a real Keycloak realm instead.
import path from 'node:path';
import { createLogger } from '../platform/logger.ts';
import { DEMO_ACCOUNTS, DEMO_CLIENTS, DEMO_REALM } from './demo-realm.ts';
import { startEmbeddedIdp } from './embedded-idp/index.ts';
import { loadIdpConfig } from './idp-config.ts';

const config = loadIdpConfig();
const logger = createLogger('identity-provider', config.LOG_LEVEL);
const idp = await startEmbeddedIdp({
  host: config.IDP_HOST,
  port: config.IDP_PORT,
  realm: DEMO_REALM,
  accounts: DEMO_ACCOUNTS,
  clients: DEMO_CLIENTS,
  keysFile: path.join(config.DATA_DIR, 'idp', 'signing-keys.json'),
  accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
  logger,
  ...(config.IDP_PUBLIC_URL ? { publicUrl: config.IDP_PUBLIC_URL } : {}),
});
logger.info({ issuer: idp.issuer }, 'identity provider listening');
const stop = async () => {
  await idp.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
