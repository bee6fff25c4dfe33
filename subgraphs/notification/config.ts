// Configuration of the notification subgraph: NOTIFICATION_PORT (default in schema/subgraphs.ts), NOTIFICATION_HOST,
// NOTIFICATION_DATABASE_URL (PostgreSQL; embedded PGlite under DATA_DIR/notification when unset), and the shared keys.
import { loadSubgraphConfig, parseSubgraphConfig } from '../kit/subgraph-config.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';

/** Validate `env` (throws ConfigError). */
export function parseNotificationConfig(env: Record<string, string | undefined>): SubgraphConfig {
  return parseSubgraphConfig('notification', env);
}

/** For main.ts: exit 1 listing every bad key. */
export function loadNotificationConfig(): SubgraphConfig {
  return loadSubgraphConfig('notification');
}
