// The dossier subgraph's services, built once at start (the kit's createServices hook) and passed down to
// resolvers in the GraphQL context, to the REST routes and to the background work: the database client,
// the configuration (the verifier key among it), the logger, the document store and the catalogue's
// search index — never module-level state.
import type { Logger } from '../../platform/logger.ts';
import type { Database } from '../kit/db.ts';
import { DiskBlobStore } from '../kit/uploads/disk-store.ts';
import type { BlobStore } from '../kit/uploads/store.ts';
import type { SubgraphContext, SubgraphServices } from '../kit/server.ts';
import { CatalogueIndex } from './catalogue/catalogue-index.ts';
import type { DossierConfig } from './config.ts';
import type { DossierLoaders } from './loaders.ts';
import type { PrismaClient } from './prisma/generated/client.ts';

/** Everything the dossier subgraph's code is handed. */
export interface DossierServices extends SubgraphServices<PrismaClient> {
  readonly config: DossierConfig;
  /** The catalogue's search index (catalogue/catalogue-index.ts). */
  readonly catalogue: CatalogueIndex;
  /** Where uploaded documents live (DOSSIER_DOCUMENT_DIR). */
  readonly documentStore: BlobStore;
  /** The kit's plain SQL access to the same database, for the public lookup's hot path (lookup/lookup.ts). */
  readonly database: Database;
}

/** What the dossier resolvers receive. */
export type DossierContext = SubgraphContext<PrismaClient, DossierLoaders, DossierServices>;

/** Build the services of one dossier subgraph; the catalogue's index is built now, so that the first question is answered at full speed. */
export async function createDossierServices(
  db: PrismaClient,
  config: DossierConfig,
  logger: Logger,
  database: Database,
  documentStore: BlobStore = new DiskBlobStore(config.documents.dir),
): Promise<DossierServices> {
  logger.info({ store: documentStore.description, maxBytes: config.documents.maxBytes }, 'document store');
  const catalogue = new CatalogueIndex(db, { refreshMs: config.catalogueRefreshMs, logger });
  await catalogue.snapshot();
  return { db, config, logger, catalogue, documentStore, database };
}
