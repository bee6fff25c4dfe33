// Runs the feedback subgraph: `node subgraphs/feedback/main.ts`.
import { listenAndServe } from '../../platform/serve.ts';
import { loadFeedbackConfig } from './config.ts';
import { buildFeedbackSubgraph } from './server.ts';

const config = loadFeedbackConfig();
const { app } = await buildFeedbackSubgraph(config);
await listenAndServe(app, config, 'feedback subgraph');
