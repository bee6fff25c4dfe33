// What a blob store is (bytes by key) and its keys: ours (a UUID), never a name a user chose, so no path
// can be smuggled in. Used by every upload pipeline (feedback's photos, dossier documents); the stores
// themselves: disk-store.ts here, and feedback's S3-compatible one.
import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from '../../../platform/logger.ts';

/** Bytes by key. */
export interface BlobStore {
  /** Store `bytes` under `key` (replacing nothing: keys are fresh UUIDs). */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes under `key`, or undefined when there are none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Remove `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** What the logs may say about where the bytes go (no secrets). */
  readonly description: string;
  /** Release connections, if any. */
  close?(): Promise<void>;
}

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new storage key. */
export function newBlobKey(): string {
  return randomUUID();
}

/** Refuse anything but one of our keys (defence in depth: keys never come from a request). */
export function assertBlobKey(key: string): void {
  if (!KEY.test(key)) throw new Error('not a blob storage key');
}

/** A stored upload: its key (a new UUID) and the SHA-256 of its bytes (hex). */
export interface StoredBlob {
  readonly key: string;
  readonly sha256: string;
}

/**
 * Put `bytes` under a new key, then `record` it (the database row naming the key); when recording fails,
 * the bytes are removed again, so no file is left that nothing names.
 */
export async function storeAndRecord<T>(store: BlobStore, bytes: Buffer, contentType: string, record: (blob: StoredBlob) => Promise<T>, log: Pick<Logger, 'warn'>): Promise<T> {
  const blob = { key: newBlobKey(), sha256: createHash('sha256').update(bytes).digest('hex') };
  await store.put(blob.key, bytes, contentType);
  try {
    return await record(blob);
  } catch (error) {
    await store.delete(blob.key).catch((cleanup: unknown) => log.warn({ err: cleanup }, 'could not remove an unrecorded upload'));
    throw error;
  }
}
