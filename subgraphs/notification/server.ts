// Builds the notification subgraph (not listening): see ../kit/server.ts for what every subgraph shares.
import { buildSubgraph } from '../kit/server.ts';
import type { BuildOptions, SubgraphServer } from '../kit/server.ts';
import type { NotificationConfig } from './config.ts';
import { registerReceiptRoutes } from './delivery/receipts.ts';
import { startNotificationConsumers } from './events/consumers.ts';
import { createNotificationLoaders } from './loaders.ts';
import { PrismaClient } from './prisma/generated/client.ts';
import { seedNotification } from './prisma/seed.ts';
import { resolvers } from './resolvers.ts';
import { createNotificationServices } from './services.ts';

/** Build the notification subgraph. */
export function buildNotificationSubgraph(config: NotificationConfig, options?: BuildOptions): Promise<SubgraphServer<PrismaClient>> {
  return buildSubgraph(
    {
      name: 'notification',
      schemaFile: new URL('./schema.graphql', import.meta.url),
      migrationsDir: new URL('./prisma/migrations/', import.meta.url),
      createClient: (database) => new PrismaClient({ adapter: database.adapter }),
      createServices: (db, _config, logger) => createNotificationServices(db, config, logger),
      resolvers,
      createLoaders: createNotificationLoaders,
      seed: seedNotification,
      routes: registerReceiptRoutes,
      startBackground: async ({ db, bus, logger, services }) => {
        services.dispatcher.start();
        services.fanout.start(bus);
        const stopConsumers = await startNotificationConsumers(db, bus, logger, () => services.dispatcher.wake());
        return async () => {
          await stopConsumers();
          await services.fanout.stop();
          await services.dispatcher.stop();
        };
      },
    },
    config,
    options,
  );
}
