// Uploads that no submission ever referenced (an abandoned form, a crashed app) are deleted after a
// while, rows and stored bytes, so the store does not fill with photos nobody can see. A submission
// attaching a photo and the sweep deleting it lock the same row: whichever comes first wins, and a
// photo swept first is simply unknown to the late submission (BAD_USER_INPUT on photoIds).
import type { Logger } from '../../../platform/logger.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import type { BlobStore } from '../../kit/uploads/store.ts';

const BATCH = 500;

/** Delete unattached photos uploaded before `cutoff`; returns how many. */
export async function sweepUnattachedPhotos(db: PrismaClient, store: BlobStore, cutoff: Date, logger?: Logger): Promise<number> {
  let swept = 0;
  for (;;) {
    // Only rows still unattached at the moment of deletion go; their keys come back for the store.
    const rows = await db.$queryRaw<{ storage_key: string }[]>`DELETE FROM "feedback_photo" WHERE "id" IN (
        SELECT "id" FROM "feedback_photo" WHERE "item_id" IS NULL AND "created_at" < ${cutoff} ORDER BY "created_at" LIMIT ${BATCH}
      ) AND "item_id" IS NULL RETURNING "storage_key"`;
    for (const row of rows) {
      // A store that fails now leaves an orphan object, never a row without its bytes.
      await store.delete(row.storage_key).catch((error: unknown) => logger?.warn({ err: error }, 'could not delete a swept photo from the store'));
    }
    swept += rows.length;
    if (rows.length < BATCH) return swept;
  }
}

/** Sweep every `intervalMs` (and once at start); returns the stop. */
export function startPhotoSweeper(
  db: PrismaClient,
  store: BlobStore,
  options: { readonly retentionMs: number; readonly intervalMs: number; readonly logger: Logger; readonly now?: () => Date },
): () => Promise<void> {
  const now = options.now ?? (() => new Date());
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = sweepUnattachedPhotos(db, store, new Date(now().getTime() - options.retentionMs), options.logger)
      .then((count) => count > 0 && options.logger.info({ count }, 'unattached photos swept'))
      .catch((error: unknown) => options.logger.warn({ err: error }, 'photo sweep failed; retrying at the next interval'));
  };
  sweep();
  const timer = setInterval(sweep, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
