// Builds the dossier subgraph (not listening): see ../kit/server.ts for what every subgraph shares.
import { createHash } from 'node:crypto';
import { buildSubgraph } from '../kit/server.ts';
import type { BuildOptions, SubgraphServer } from '../kit/server.ts';
import { startDossierBackground } from './background.ts';
import type { DossierConfig } from './config.ts';
import { createDossierLoaders } from './loaders.ts';
import { PrismaClient } from './prisma/generated/client.ts';
import { seedDossier } from './prisma/seed.ts';
import { resolvers } from './resolvers.ts';
import { registerDossierRoutes } from './routes.ts';
import { createDossierServices } from './services.ts';

/** Build the dossier subgraph. */
export function buildDossierSubgraph(config: DossierConfig, options?: BuildOptions): Promise<SubgraphServer<PrismaClient>> {
  return buildSubgraph(
    {
      name: 'dossier',
      schemaFile: new URL('./schema.graphql', import.meta.url),
      migrationsDir: new URL('./prisma/migrations/', import.meta.url),
      createClient: (database) => new PrismaClient({ adapter: database.adapter }),
      createServices: (db, _config, logger, database) => {
        if (!database) throw new Error('the dossier subgraph keeps its data in a database');
        return createDossierServices(db, config, logger, database);
      },
      resolvers,
      createLoaders: createDossierLoaders,
      seed: (db) => seedDossier(db, config.verifierKey),
      // The seed hashes the demo receipts' PINs with the verifier key.
      seedFingerprint: createHash('sha256').update(config.verifierKey).digest('hex'),
      startBackground: startDossierBackground,
      routes: registerDossierRoutes,
    },
    config,
    options,
  );
}
