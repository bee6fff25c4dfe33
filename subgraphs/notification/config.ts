// Configuration of the notification subgraph: NOTIFICATION_PORT (default 4004), NOTIFICATION_HOST,
// NOTIFICATION_DATABASE_URL (PostgreSQL; embedded PGlite under DATA_DIR/notification when unset), and the shared keys.
import { loadSubgraphConfig, parseSubgraphConfig } from '../kit/subgraph-config.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';

export const NOTIFICATION_DEFAULT_PORT = 4004;

/** Validate `env` (throws ConfigError). */
export function parseNotificationConfig(env: Record<string, string | undefined>): SubgraphConfig {
  return parseSubgraphConfig('notification', NOTIFICATION_DEFAULT_PORT, env);
}

/** For main.ts: exit 1 listing every bad key. */
export function loadNotificationConfig(): SubgraphConfig {
  return loadSubgraphConfig('notification', NOTIFICATION_DEFAULT_PORT);
}
