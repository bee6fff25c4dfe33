// What a photo store is (bytes by key) and its keys: ours (a UUID), never a name a user chose, so no path
// can be smuggled in. The stores themselves: disk-store.ts and s3-store.ts; which one: create-store.ts.
import { randomUUID } from 'node:crypto';

/** Bytes by key. */
export interface PhotoStore {
  /** Store `bytes` under `key` (replacing nothing: keys are fresh UUIDs). */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes under `key`, or undefined when there are none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Remove `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** What the logs may say about where photos go (no secrets). */
  readonly description: string;
  /** Release connections, if any. */
  close?(): Promise<void>;
}

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A new storage key. */
export function newPhotoKey(): string {
  return randomUUID();
}

/** Refuse anything but one of our keys (defence in depth: keys never come from a request). */
export function assertPhotoKey(key: string): void {
  if (!KEY.test(key)) throw new Error('not a photo storage key');
}
