// Builds the notification subgraph (not listening): see ../kit/server.ts for what every subgraph shares.
import { buildSubgraph } from '../kit/server.ts';
import type { BuildOptions, SubgraphServer } from '../kit/server.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';
import { startNotificationConsumers } from './events/consumers.ts';
import { createNotificationLoaders } from './loaders.ts';
import { PrismaClient } from './prisma/generated/client.ts';
import { seedNotification } from './prisma/seed.ts';
import { resolvers } from './resolvers.ts';

/** Build the notification subgraph. */
export function buildNotificationSubgraph(config: SubgraphConfig, options?: BuildOptions): Promise<SubgraphServer<PrismaClient>> {
  return buildSubgraph(
    {
      name: 'notification',
      schemaFile: new URL('./schema.graphql', import.meta.url),
      migrationsDir: new URL('./prisma/migrations/', import.meta.url),
      createClient: (database) => new PrismaClient({ adapter: database.adapter }),
      resolvers,
      createLoaders: createNotificationLoaders,
      seed: seedNotification,
      startBackground: ({ db, bus, logger }) => startNotificationConsumers(db, bus, logger),
    },
    config,
    options,
  );
}
