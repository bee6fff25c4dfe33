// Runs the planning subgraph: `node subgraphs/planning/main.ts`.
import { listenAndServe } from '../../platform/serve.ts';
import { loadPlanningConfig } from './config.ts';
import { buildPlanningSubgraph } from './server.ts';

const config = loadPlanningConfig();
const { app } = await buildPlanningSubgraph(config);
await listenAndServe(app, config, 'planning subgraph');
