// The four subgraphs as one list, for the processes that host several of them together: the
// development host of `npm start`, `npm run db:migrate`, the test hub and the benchmark. A subgraph
// still never imports another; this list sits beside them, not inside one.
import { loadDossierConfig, parseDossierConfig } from './dossier/config.ts';
import { buildDossierSubgraph } from './dossier/server.ts';
import { loadFeedbackConfig, parseFeedbackConfig } from './feedback/config.ts';
import { buildFeedbackSubgraph } from './feedback/server.ts';
import type { BuildOptions, DisconnectableClient, SubgraphServer } from './kit/server.ts';
import type { SubgraphConfig } from './kit/subgraph-config.ts';
import { loadNotificationConfig, parseNotificationConfig } from './notification/config.ts';
import { buildNotificationSubgraph } from './notification/server.ts';
import { loadPlanningConfig, parsePlanningConfig } from './planning/config.ts';
import { buildPlanningSubgraph } from './planning/server.ts';

/** How to configure and build one subgraph. */
export interface HostedSubgraph {
  readonly name: string;
  /** Validate an environment (throws ConfigError). */
  readonly parseConfig: (env: Record<string, string | undefined>) => SubgraphConfig;
  /** Read the process environment; exit 1 listing every bad key. */
  readonly loadConfig: () => SubgraphConfig;
  readonly build: (config: SubgraphConfig, options?: BuildOptions) => Promise<SubgraphServer<DisconnectableClient>>;
}

export const HOSTED_SUBGRAPHS: readonly HostedSubgraph[] = [
  { name: 'feedback', parseConfig: parseFeedbackConfig, loadConfig: loadFeedbackConfig, build: buildFeedbackSubgraph },
  { name: 'dossier', parseConfig: parseDossierConfig, loadConfig: loadDossierConfig, build: buildDossierSubgraph },
  { name: 'planning', parseConfig: parsePlanningConfig, loadConfig: loadPlanningConfig, build: buildPlanningSubgraph },
  { name: 'notification', parseConfig: parseNotificationConfig, loadConfig: loadNotificationConfig, build: buildNotificationSubgraph },
];
