// Runs the dossier subgraph: `node subgraphs/dossier/main.ts`.
import { listenAndServe } from '../../platform/serve.ts';
import { loadDossierConfig } from './config.ts';
import { buildDossierSubgraph } from './server.ts';

const config = loadDossierConfig();
const { app } = await buildDossierSubgraph(config);
await listenAndServe(app, config, 'dossier subgraph');
