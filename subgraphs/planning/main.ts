// Runs the planning subgraph: `node subgraphs/planning/main.ts`.
import { listenAndServe } from '../kit/server.ts';
import { loadPlanningConfig } from './config.ts';
import { buildPlanningSubgraph } from './server.ts';

const config = loadPlanningConfig();
const { app } = await buildPlanningSubgraph(config);
await listenAndServe(app, config.host, config.port, 'planning subgraph');
