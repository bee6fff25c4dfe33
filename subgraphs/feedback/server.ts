// Builds the feedback subgraph (not listening): see ../kit/server.ts for what every subgraph shares.
import { buildSubgraph } from '../kit/server.ts';
import type { BuildOptions, SubgraphServer } from '../kit/server.ts';
import { startFeedbackBackground } from './background.ts';
import type { FeedbackConfig } from './config.ts';
import { createFeedbackLoaders } from './loaders.ts';
import { PrismaClient } from './prisma/generated/client.ts';
import { seedFeedback } from './prisma/seed.ts';
import { resolvers } from './resolvers.ts';
import { registerFeedbackRoutes } from './routes.ts';
import { createFeedbackServices } from './services.ts';

/** Build the feedback subgraph. */
export function buildFeedbackSubgraph(config: FeedbackConfig, options?: BuildOptions): Promise<SubgraphServer<PrismaClient>> {
  return buildSubgraph(
    {
      name: 'feedback',
      schemaFile: new URL('./schema.graphql', import.meta.url),
      migrationsDir: new URL('./prisma/migrations/', import.meta.url),
      createClient: (database) => new PrismaClient({ adapter: database.adapter }),
      createServices: (db, _config, logger) => createFeedbackServices(db, config, logger),
      resolvers,
      createLoaders: createFeedbackLoaders,
      seed: seedFeedback,
      startBackground: startFeedbackBackground,
      routes: registerFeedbackRoutes,
    },
    config,
    options,
  );
}
