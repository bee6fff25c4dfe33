// Builds the planning subgraph (not listening): see ../kit/server.ts for what every subgraph shares.
import { OutboxRelay } from '../kit/events/outbox.ts';
import { buildSubgraph } from '../kit/server.ts';
import type { BuildOptions, SubgraphServer } from '../kit/server.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';
import { createPlanningLoaders } from './loaders.ts';
import { PrismaClient } from './prisma/generated/client.ts';
import { seedPlanning } from './prisma/seed.ts';
import { resolvers } from './resolvers.ts';

/** Build the planning subgraph. */
export function buildPlanningSubgraph(config: SubgraphConfig, options?: BuildOptions): Promise<SubgraphServer<PrismaClient>> {
  return buildSubgraph(
    {
      name: 'planning',
      schemaFile: new URL('./schema.graphql', import.meta.url),
      migrationsDir: new URL('./prisma/migrations/', import.meta.url),
      createClient: (database) => new PrismaClient({ adapter: database.adapter }),
      resolvers,
      createLoaders: createPlanningLoaders,
      seed: seedPlanning,
      // The outbox relay publishes planning.scheme-changed events (import/import.ts) to the bus.
      startBackground: async ({ db, database, bus, logger }) => {
        const relay = new OutboxRelay({ db, database, bus, logger });
        relay.start();
        return () => relay.stop();
      },
    },
    config,
    options,
  );
}
