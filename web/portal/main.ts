// Runs the portals: `node web/portal/main.ts`. One process serves both (the 1022 portal on
// PORTAL_1022_PORT, the public-service portal on PORTAL_DVC_PORT), each its own OIDC client with its
// own session store; PORTALS=1022 or PORTALS=dvc runs one of them, to deploy and scale them apart.
import type { FastifyInstance } from 'fastify';
import { createLogger } from '../../platform/logger.ts';
import { loadPortalConfig } from './config.ts';
import type { PortalSiteConfig } from './config.ts';
import { buildPortal } from './server.ts';
import type { PortalKind } from './server.ts';
import { createSessionStoreFor } from './session-store.ts';
import type { SessionStore } from './session-store.ts';

const config = loadPortalConfig();
const logger = createLogger('portal', config.logLevel);
const sites: readonly { key: '1022' | 'dvc'; kind: PortalKind; site: PortalSiteConfig; label: string }[] = [
  { key: '1022', kind: 'feedback', site: config.portal1022, label: 'Cổng 1022' },
  { key: 'dvc', kind: 'services', site: config.portalDvc, label: 'Cổng dịch vụ công' },
];

const running: { app: FastifyInstance; sessions: SessionStore }[] = [];
for (const { key, kind, site } of sites) {
  if (!config.portals.includes(key)) continue;
  const sessions = createSessionStoreFor({ redisUrl: config.redisUrl, clientId: site.clientId }, logger);
  const app = await buildPortal({
    kind,
    clientId: site.clientId,
    publicUrl: site.publicUrl,
    clientAuth: site.clientAuth,
    redirectUri: site.redirectUri,
    postLogoutRedirectUri: site.postLogoutRedirectUri,
    issuer: config.oidcIssuer,
    gatewayUrl: config.gatewayUrl,
    sessions,
    sessionSecret: config.sessionSecret,
    production: config.nodeEnv === 'production',
    mapTiles: config.mapTiles,
    links: sites.filter((other) => other.key !== key && config.portals.includes(other.key)).map((other) => ({ label: other.label, url: `${other.site.publicUrl}/`, kind: other.kind })),
    logger,
  });
  running.push({ app, sessions });
  const address = await app.listen({ host: config.host, port: site.port });
  logger.info({ address, clientId: site.clientId, sessions: config.redisUrl ? 'redis' : 'memory' }, 'portal listening');
}

const stop = async (signal: string) => {
  logger.info({ signal }, 'portals shutting down');
  for (const { app, sessions } of running) {
    await app.close();
    await sessions.close();
  }
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
