// Runs the notification subgraph: `node subgraphs/notification/main.ts`.
import { listenAndServe } from '../../platform/serve.ts';
import { loadNotificationConfig } from './config.ts';
import { buildNotificationSubgraph } from './server.ts';

const config = loadNotificationConfig();
const { app } = await buildNotificationSubgraph(config);
await listenAndServe(app, config, 'notification subgraph');
