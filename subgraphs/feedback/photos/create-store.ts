// Which photo store the configuration asks for: an S3-compatible bucket when FEEDBACK_PHOTO_S3_* are set,
// else the folder FEEDBACK_PHOTO_DIR. Built once per subgraph (services.ts), shared by routes and sweeper.
import type { FeedbackSettings } from '../config.ts';
import type { PhotoSettings } from './config.ts';
import { DiskBlobStore } from '../../kit/uploads/disk-store.ts';
import type { BlobStore } from '../../kit/uploads/store.ts';
import { S3PhotoStore } from './s3-store.ts';

/** The store the configuration asks for: S3 when configured, else the photo folder. */
export function createPhotoStore(config: Pick<PhotoSettings, 'photoS3'> & Pick<FeedbackSettings, 'photoDir'>): BlobStore {
  return config.photoS3 ? new S3PhotoStore(config.photoS3) : new DiskBlobStore(config.photoDir);
}
