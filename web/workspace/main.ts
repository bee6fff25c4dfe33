// Runs the staff workspace: `node web/workspace/main.ts` (npm start runs it beside the portals). One
// Fastify app with its own OIDC client (`workspace`) and session store (memory, or Redis with REDIS_URL).
import { createLogger } from '../../platform/logger.ts';
import { createSessionStoreFor } from '../portal/session-store.ts';
import { loadWorkspaceConfig } from './config.ts';
import { buildWorkspace } from './server.ts';

const config = loadWorkspaceConfig();
const logger = createLogger('workspace', config.logLevel);
const sessions = createSessionStoreFor(config, logger);
const app = await buildWorkspace({
  clientId: config.clientId,
  publicUrl: config.publicUrl,
  issuer: config.oidcIssuer,
  gatewayUrl: config.gatewayUrl,
  sessions,
  sessionSecret: config.sessionSecret,
  production: config.nodeEnv === 'production',
  mapTiles: config.mapTiles,
  logger,
});
const address = await app.listen({ host: config.host, port: config.port });
logger.info({ address, clientId: config.clientId, sessions: config.redisUrl ? 'redis' : 'memory' }, 'workspace listening');

const stop = async (signal: string) => {
  logger.info({ signal }, 'workspace shutting down');
  await app.close();
  await sessions.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
