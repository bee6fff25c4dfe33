// The feedback subgraph's services, built once at start (the kit's createServices hook) and passed down:
// to resolvers in the GraphQL context, to the REST routes and to the background work. Whatever lives as
// long as the subgraph — the database client, the configuration, the logger, intake's category copy and
// group-commit queue, the photo store — is here, never in a module-level map keyed by the client.
import type { Logger } from '../../platform/logger.ts';
import type { SubgraphContext, SubgraphServices } from '../kit/server.ts';
import type { FeedbackConfig } from './config.ts';
import { createIntakeServices } from './intake/receive-feedback.ts';
import type { IntakeServices } from './intake/receive-feedback.ts';
import type { FeedbackLoaders } from './loaders.ts';
import { createPhotoStore } from './photos/create-store.ts';
import type { BlobStore } from '../kit/uploads/store.ts';
import type { PrismaClient } from './prisma/generated/client.ts';

/** Everything the feedback subgraph's code is handed. */
export interface FeedbackServices extends SubgraphServices<PrismaClient>, IntakeServices {
  readonly config: FeedbackConfig;
  /** Where photo bytes live (disk or S3), one store for uploads, downloads and the sweep. */
  readonly photoStore: BlobStore;
  /** Close the photo store's connections (the kit calls it once background work has stopped). */
  close(): Promise<void>;
}

/** What the feedback resolvers receive. */
export type FeedbackContext = SubgraphContext<PrismaClient, FeedbackLoaders, FeedbackServices>;

/** Build the services of one feedback subgraph: `photoStore` replaces the configured store (tests). */
export function createFeedbackServices(db: PrismaClient, config: FeedbackConfig, logger: Logger, photoStore: BlobStore = createPhotoStore(config)): FeedbackServices {
  logger.info({ store: photoStore.description, maxBytes: config.photoMaxBytes }, 'photo store');
  return {
    ...createIntakeServices(db, config),
    config,
    logger,
    photoStore,
    close: async () => {
      await photoStore.close?.();
    },
  };
}
