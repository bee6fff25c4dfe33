// Builds the feedback subgraph (not listening): see ../kit/server.ts for what every subgraph shares.
import { buildSubgraph } from '../kit/server.ts';
import type { BuildOptions, SubgraphServer } from '../kit/server.ts';
import type { FeedbackConfig } from './config.ts';
import { registerFeedbackRoutes } from './http/routes.ts';
import { createFeedbackLoaders } from './loaders.ts';
import { PrismaClient } from './prisma/generated/client.ts';
import { seedFeedback } from './prisma/seed.ts';
import { resolvers } from './resolvers.ts';
import { startFeedbackBackground } from './summary/background.ts';

/** Build the feedback subgraph. */
export function buildFeedbackSubgraph(config: FeedbackConfig, options?: BuildOptions): Promise<SubgraphServer<PrismaClient>> {
  return buildSubgraph(
    {
      name: 'feedback',
      schemaFile: new URL('./schema.graphql', import.meta.url),
      migrationsDir: new URL('./prisma/migrations/', import.meta.url),
      createClient: (database) => new PrismaClient({ adapter: database.adapter }),
      resolvers,
      createLoaders: createFeedbackLoaders,
      seed: seedFeedback,
      startBackground: (context) => startFeedbackBackground(context, config),
      routes: (app, services) => registerFeedbackRoutes(app, { ...services, config }),
    },
    config,
    options,
  );
}
