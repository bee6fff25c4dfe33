// Runs the gateway: `node gateway/main.ts`.
import { listenAndServe } from '../subgraphs/kit/server.ts';
import { loadGatewayConfig } from './config.ts';
import { buildGateway } from './server.ts';

const config = loadGatewayConfig();
const { app } = await buildGateway(config);
await listenAndServe(app, config.host, config.port, 'gateway', config.shutdownGraceMs);
