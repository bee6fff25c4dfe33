// Runs the gateway: `node gateway/main.ts`. Listening, draining and closing come from
// platform/serve.ts, which imports only fastify's types: subgraphs/kit/server.ts would load the
// subgraphs' stack (Prisma, PGlite, mercurius), tens of MB of resident memory the gateway never uses.
import { listenAndServe } from '../platform/serve.ts';
import { loadGatewayConfig } from './config.ts';
import { buildGateway } from './server.ts';

const config = loadGatewayConfig();
const { app } = await buildGateway(config);
await listenAndServe(app, config, 'gateway');
