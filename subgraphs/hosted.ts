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

/** How to configure and build one subgraph (its config type: the shared keys plus its own). */
export interface HostedSubgraph<Config extends SubgraphConfig = SubgraphConfig> {
  readonly name: string;
  /** Validate an environment (throws ConfigError). */
  readonly parseConfig: (env: Record<string, string | undefined>) => Config;
  /** Read the process environment; exit 1 listing every bad key. */
  readonly loadConfig: () => Config;
  readonly build: (config: Config, options?: BuildOptions) => Promise<SubgraphServer<DisconnectableClient>>;
}

/** An entry of the list: build only ever receives what the same entry's parseConfig or loadConfig made. */
function hosted<Config extends SubgraphConfig>(entry: HostedSubgraph<Config>): HostedSubgraph {
  return entry as unknown as HostedSubgraph;
}

export const HOSTED_SUBGRAPHS: readonly HostedSubgraph[] = [
  hosted({ name: 'feedback', parseConfig: parseFeedbackConfig, loadConfig: loadFeedbackConfig, build: buildFeedbackSubgraph }),
  hosted({ name: 'dossier', parseConfig: parseDossierConfig, loadConfig: loadDossierConfig, build: buildDossierSubgraph }),
  hosted({ name: 'planning', parseConfig: parsePlanningConfig, loadConfig: loadPlanningConfig, build: buildPlanningSubgraph }),
  hosted({ name: 'notification', parseConfig: parseNotificationConfig, loadConfig: loadNotificationConfig, build: buildNotificationSubgraph }),
];
