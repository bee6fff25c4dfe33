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
