// Where photo bytes live: a folder on disk by default, or an S3-compatible bucket (s3-store.ts). Keys
// are ours (a UUID), never a name a user chose, so no path can be smuggled in.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FeedbackConfig } from '../config.ts';
import { S3PhotoStore } from './s3-store.ts';

/** Bytes by key. */
export interface PhotoStore {
  /** Store `bytes` under `key` (replacing nothing: keys are fresh UUIDs). */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes under `key`, or undefined when there are none. */
  get(key: string): Promise<Buffer | undefined>;
  /** Remove `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** What the logs may say about where photos go (no secrets). */
  readonly description: string;  /** Release connections, if any. */
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

/**
 * Photos as files under one folder, fanned out by the key's first two characters. A write goes to a
 * temporary file that is renamed into place, so a reader never sees half a photo.
 */
export class DiskPhotoStore implements PhotoStore {
  readonly #root: string;
  readonly description: string;

  constructor(root: string) {
    this.#root = path.resolve(root);
    this.description = `disk:${this.#root}`;
  }

  /** The file that holds `key`. */
  pathOf(key: string): string {
    assertPhotoKey(key);
    return path.join(this.#root, key.slice(0, 2), key);
  }

  async put(key: string, bytes: Buffer, _contentType?: string): Promise<void> {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${randomUUID()}.tmp`;
    try {
      await writeFile(temporary, bytes, { flag: 'wx', mode: 0o640 });
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** The store the configuration asks for: S3 when configured, else the photo folder. */
export function createPhotoStore(config: Pick<FeedbackConfig, 'photoDir' | 'photoS3'>): PhotoStore {
  return config.photoS3 ? new S3PhotoStore(config.photoS3) : new DiskPhotoStore(config.photoDir);
}
