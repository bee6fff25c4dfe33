// Blobs in a folder on disk: feedback's photos (FEEDBACK_PHOTO_DIR, the default when no S3-compatible
// bucket is configured) and dossier documents (DOSSIER_DOCUMENT_DIR).
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertBlobKey } from './store.ts';
import type { BlobStore } from './store.ts';

/**
 * Blobs as files under one folder, fanned out by the key's first two characters. A write goes to a
 * temporary file that is renamed into place, so a reader never sees half a file.
 */
export class DiskBlobStore implements BlobStore {
  readonly #root: string;
  readonly description: string;

  constructor(root: string) {
    this.#root = path.resolve(root);
    this.description = `disk:${this.#root}`;
  }

  /** The file that holds `key`. */
  pathOf(key: string): string {
    assertBlobKey(key);
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
