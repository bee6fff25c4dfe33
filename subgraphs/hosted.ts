// How to configure and build each subgraph of schema/subgraphs.ts, for the processes that host several
// of them together: the development host of `npm start`, `npm run db:migrate`, the test hub and the
// benchmark. Names and order come from that list. A subgraph still never imports another; this sits
// beside them, not inside one.
import { loadDossierConfig, parseDossierConfig } from './dossier/config.ts';
import { buildDossierSubgraph } from './dossier/server.ts';
import { loadFeedbackConfig, parseFeedbackConfig } from './feedback/config.ts';
import { buildFeedbackSubgraph } from './feedback/server.ts';
import { SUBGRAPHS } from '../schema/subgraphs.ts';
import type { SubgraphName } from '../schema/subgraphs.ts';
import type { BuildOptions, DisconnectableClient, SubgraphServer } from './kit/server.ts';
import type { SubgraphConfig } from './kit/subgraph-config.ts';
import { loadNotificationConfig, parseNotificationConfig } from './notification/config.ts';
import { buildNotificationSubgraph } from './notification/server.ts';
import { loadPlanningConfig, parsePlanningConfig } from './planning/config.ts';
import { buildPlanningSubgraph } from './planning/server.ts';

/** How to configure and build one subgraph (its config type: the shared keys plus its own). */
export interface HostedSubgraph<Config extends SubgraphConfig = SubgraphConfig> {
  readonly name: SubgraphName;
  /** Validate an environment (throws ConfigError). */
  readonly parseConfig: (env: Record<string, string | undefined>) => Config;
  /** Read the process environment; exit 1 listing every bad key. */
  readonly loadConfig: () => Config;
  readonly build: (config: Config, options?: BuildOptions) => Promise<SubgraphServer<DisconnectableClient>>;
}

type Builder<Config extends SubgraphConfig> = Omit<HostedSubgraph<Config>, 'name'>;

/** A builder: build only ever receives what the same builder's parseConfig or loadConfig made. */
function hosted<Config extends SubgraphConfig>(builder: Builder<Config>): Builder<SubgraphConfig> {
  return builder as unknown as Builder<SubgraphConfig>;
}

// One builder per name of the list: a subgraph added there without one here fails the type check.
const BUILDERS: Readonly<Record<SubgraphName, Builder<SubgraphConfig>>> = {
  feedback: hosted({ parseConfig: parseFeedbackConfig, loadConfig: loadFeedbackConfig, build: buildFeedbackSubgraph }),
  dossier: hosted({ parseConfig: parseDossierConfig, loadConfig: loadDossierConfig, build: buildDossierSubgraph }),
  planning: hosted({ parseConfig: parsePlanningConfig, loadConfig: loadPlanningConfig, build: buildPlanningSubgraph }),
  notification: hosted({ parseConfig: parseNotificationConfig, loadConfig: loadNotificationConfig, build: buildNotificationSubgraph }),
};

/** Every subgraph of schema/subgraphs.ts, in its order, with how to configure and build it. */
export const HOSTED_SUBGRAPHS: readonly HostedSubgraph[] = SUBGRAPHS.map((entry) => ({ name: entry.name, ...BUILDERS[entry.name] }));
