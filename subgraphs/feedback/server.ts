// Builds the feedback subgraph (not listening): see ../kit/server.ts for what every subgraph shares.
import { buildSubgraph } from '../kit/server.ts';
import type { BuildOptions, SubgraphServer } from '../kit/server.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';
import { createFeedbackLoaders } from './loaders.ts';
import { PrismaClient } from './prisma/generated/client.ts';
import { seedFeedback } from './prisma/seed.ts';
import { resolvers } from './resolvers.ts';

/** Build the feedback subgraph. */
export function buildFeedbackSubgraph(config: SubgraphConfig, options?: BuildOptions): Promise<SubgraphServer<PrismaClient>> {
  return buildSubgraph(
    {
      name: 'feedback',
      schemaFile: new URL('./schema.graphql', import.meta.url),
      migrationsDir: new URL('./prisma/migrations/', import.meta.url),
      createClient: (database) => new PrismaClient({ adapter: database.adapter }),
      resolvers,
      createLoaders: createFeedbackLoaders,
      seed: seedFeedback,
    },
    config,
    options,
  );
}
