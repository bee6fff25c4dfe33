// Time-ordered UUIDs (version 7, RFC 9562): 48 bits of Unix milliseconds, then random bits. Rows written
// in bulk with these ids land at the right edge of their btree indexes instead of at random pages, which
// keeps inserts fast when a table holds millions of rows (dossiers and their timelines, outbox events).
// Within one millisecond the order is random; nothing relies on the order, only on where rows land.
import { randomBytes } from 'node:crypto';

/** A new version-7 UUID for `at` (default now). */
export function timeOrderedId(at: number = Date.now()): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(at, 0, 6);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x70;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * `count` new version-7 UUIDs for `at`, from one draw of random bytes: for bulk writes, where one
 * `randomBytes` call per id (a synchronous trip into the crypto library) was a bulk import's largest cost.
 */
export function timeOrderedIds(count: number, at: number = Date.now()): string[] {
  const bytes = randomBytes(16 * count);
  const time = Buffer.alloc(6);
  time.writeUIntBE(at, 0, 6);
  const prefix = `${HEX[time[0] as number]}${HEX[time[1] as number]}${HEX[time[2] as number]}${HEX[time[3] as number]}-${HEX[time[4] as number]}${HEX[time[5] as number]}-`;
  const ids = new Array<string>(count);
  for (let id = 0, at16 = 0; id < count; id += 1, at16 += 16) {
    const b = (offset: number) => HEX[bytes[at16 + offset] as number] as string;
    ids[id] = `${prefix}${HEX[((bytes[at16 + 6] as number) & 0x0f) | 0x70]}${b(7)}-${HEX[((bytes[at16 + 8] as number) & 0x3f) | 0x80]}${b(9)}-${b(10)}${b(11)}${b(12)}${b(13)}${b(14)}${b(15)}`;
  }
  return ids;
}
