// Configuration of the feedback subgraph: FEEDBACK_PORT (default 4001), FEEDBACK_HOST,
// FEEDBACK_DATABASE_URL (PostgreSQL; embedded PGlite under DATA_DIR/feedback when unset), and the shared keys.
import { loadSubgraphConfig, parseSubgraphConfig } from '../kit/subgraph-config.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';

export const FEEDBACK_DEFAULT_PORT = 4001;

/** Validate `env` (throws ConfigError). */
export function parseFeedbackConfig(env: Record<string, string | undefined>): SubgraphConfig {
  return parseSubgraphConfig('feedback', FEEDBACK_DEFAULT_PORT, env);
}

/** For main.ts: exit 1 listing every bad key. */
export function loadFeedbackConfig(): SubgraphConfig {
  return loadSubgraphConfig('feedback', FEEDBACK_DEFAULT_PORT);
}
