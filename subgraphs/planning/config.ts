// Configuration of the planning subgraph: PLANNING_PORT (default 4003), PLANNING_HOST,
// PLANNING_DATABASE_URL (PostgreSQL; embedded PGlite under DATA_DIR/planning when unset), and the shared keys.
import { loadSubgraphConfig, parseSubgraphConfig } from '../kit/subgraph-config.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';

export const PLANNING_DEFAULT_PORT = 4003;

/** Validate `env` (throws ConfigError). */
export function parsePlanningConfig(env: Record<string, string | undefined>): SubgraphConfig {
  return parseSubgraphConfig('planning', PLANNING_DEFAULT_PORT, env);
}

/** For main.ts: exit 1 listing every bad key. */
export function loadPlanningConfig(): SubgraphConfig {
  return loadSubgraphConfig('planning', PLANNING_DEFAULT_PORT);
}
