// Configuration of the planning subgraph: PLANNING_PORT (default in schema/subgraphs.ts), PLANNING_HOST,
// PLANNING_DATABASE_URL (PostgreSQL; embedded PGlite under DATA_DIR/planning when unset), and the shared keys.
import { loadSubgraphConfig, parseSubgraphConfig } from '../kit/subgraph-config.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';

/** Validate `env` (throws ConfigError). */
export function parsePlanningConfig(env: Record<string, string | undefined>): SubgraphConfig {
  return parseSubgraphConfig('planning', env);
}

/** For main.ts: exit 1 listing every bad key. */
export function loadPlanningConfig(): SubgraphConfig {
  return loadSubgraphConfig('planning');
}
