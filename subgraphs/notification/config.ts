// Configuration of the notification subgraph: NOTIFICATION_PORT (default in schema/subgraphs.ts), NOTIFICATION_HOST,
// NOTIFICATION_DATABASE_URL (PostgreSQL; embedded PGlite under DATA_DIR/notification when unset), the shared keys,
// and delivery's own (delivery/config.ts; described in config-reference.ts).
import { parseAll, parsedOrExit } from '../../platform/config.ts';
import { parseSubgraphConfig } from '../kit/subgraph-config.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';
import { parseDeliveryConfig } from './delivery/config.ts';
import type { DeliverySettings } from './delivery/config.ts';

/** The notification subgraph's validated configuration. */
export type NotificationConfig = SubgraphConfig & DeliverySettings;

/** Validate `env` (throws ConfigError listing every bad key). */
export function parseNotificationConfig(env: Record<string, string | undefined>): NotificationConfig {
  const [shared, delivery] = parseAll<[SubgraphConfig, DeliverySettings]>('notification', [() => parseSubgraphConfig('notification', env), () => parseDeliveryConfig(env)]);
  return Object.freeze({ ...shared, ...delivery });
}

/** For main.ts: exit 1 listing every bad key. */
export function loadNotificationConfig(): NotificationConfig {
  return parsedOrExit(() => parseNotificationConfig(process.env));
}
