// Which photo store the configuration asks for: an S3-compatible bucket when FEEDBACK_PHOTO_S3_* are set,
// else the folder FEEDBACK_PHOTO_DIR. Built once per subgraph (services.ts), shared by routes and sweeper.
import type { FeedbackSettings } from '../config.ts';
import type { PhotoSettings } from './config.ts';
import { DiskPhotoStore } from './disk-store.ts';
import { S3PhotoStore } from './s3-store.ts';
import type { PhotoStore } from './store.ts';

/** The store the configuration asks for: S3 when configured, else the photo folder. */
export function createPhotoStore(config: Pick<PhotoSettings, 'photoS3'> & Pick<FeedbackSettings, 'photoDir'>): PhotoStore {
  return config.photoS3 ? new S3PhotoStore(config.photoS3) : new DiskPhotoStore(config.photoDir);
}
