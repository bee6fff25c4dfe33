// Time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits. Rows written
// in bulk with these ids land at the right edge of their btree indexes instead of at random pages, which
// keeps inserts fast when a table holds millions of rows (dossiers and their timelines, outbox events).
// Within one millisecond the order is random; nothing relies on the order, only on where rows land.
import { randomBytes, randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** `xxxxxxxx-xxxx-` of a millisecond timestamp: the ids' first 48 bits. */
function timePrefix(at: number): string {
  const time = Buffer.alloc(6);
  time.writeUIntBE(at, 0, 6);
  return `${HEX[time[0] as number]}${HEX[time[1] as number]}${HEX[time[2] as number]}${HEX[time[3] as number]}-${HEX[time[4] as number]}${HEX[time[5] as number]}-`;
}

/** The id after `prefix` from the 16 random bytes at `at16` in `bytes` (version and variant bits set). */
function idFrom(prefix: string, bytes: Buffer, at16: number): string {
  const b = (offset: number) => HEX[bytes[at16 + offset] as number] as string;
  return `${prefix}${HEX[((bytes[at16 + 6] as number) & 0x0f) | 0x70]}${b(7)}-${HEX[((bytes[at16 + 8] as number) & 0x3f) | 0x80]}${b(9)}-${b(10)}${b(11)}${b(12)}${b(13)}${b(14)}${b(15)}`;
}

// Random bytes for single ids, drawn 256 ids' worth at a time (as node's randomUUID keeps its own cache):
// one synchronous trip into the crypto library per id was an ingestion's largest single cost.
const POOL_BYTES = 16 * 256;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/** A new version-7 UUID for `at` (default now). */
export function timeOrderedId(at: number = Date.now()): string {
  if (used === POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const id = idFrom(timePrefix(at), pool, used);
  // Each draw is used once: the bytes are not reused by a later id.
  used += 16;
  return id;
}

/**
 * `count` new version-7 UUIDs for `at`, from one draw of random bytes: for bulk writes, where one
 * `randomBytes` call per id (a synchronous trip into the crypto library) was a bulk import's largest cost.
 */
export function timeOrderedIds(count: number, at: number = Date.now()): string[] {
  const bytes = randomBytes(16 * count);
  const prefix = timePrefix(at);
  const ids = new Array<string>(count);
  for (let id = 0; id < count; id += 1) ids[id] = idFrom(prefix, bytes, id * 16);
  return ids;
}
