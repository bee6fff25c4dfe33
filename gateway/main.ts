// Runs the gateway: `node gateway/main.ts`. Listening and graceful shutdown are written here rather
// than taken from subgraphs/kit/server.ts, whose module loads the subgraphs' stack (Prisma, PGlite,
// mercurius): tens of MB of resident memory the gateway never uses.
import type { FastifyInstance } from 'fastify';
import { loadGatewayConfig } from './config.ts';
import { buildGateway } from './server.ts';

/** Listen, and on SIGINT/SIGTERM finish in-flight requests (at most `graceMs`) before exiting. */
async function listenAndServe(app: FastifyInstance, host: string, port: number, graceMs: number): Promise<void> {
  const address = await app.listen({ host, port });
  app.log.info({ address }, 'gateway listening');
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'gateway shutting down');
    setTimeout(() => app.server.closeAllConnections(), graceMs).unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

const config = loadGatewayConfig();
const { app } = await buildGateway(config);
await listenAndServe(app, config.host, config.port, config.shutdownGraceMs);
