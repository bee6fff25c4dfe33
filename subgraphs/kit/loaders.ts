// Helpers for dataloader batch functions: one query per batch, results put back in key order, and a
// span per batch when tracing ("resolver batch", with its size).
import DataLoader from 'dataloader';
import { traced } from '../../platform/tracing.ts';

/** Run one batch's query in a span (a plain call with tracing off). */
function tracedBatch<Key, Row>(load: (keys: readonly Key[]) => Promise<Row[]>, keys: readonly Key[]): Promise<Row[]> {
  return traced('resolver batch', { attributes: { 'lien_thong.batch_size': keys.length } }, () => load(keys));
}

/** A loader of one record per key (missing → null). */
export function oneByKey<Key, Row>(load: (keys: readonly Key[]) => Promise<Row[]>, keyOf: (row: Row) => Key): DataLoader<Key, Row | null> {
  return new DataLoader(async (keys) => {
    const rows = await tracedBatch(load, keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A loader of a list of records per key (in the order the query returned them). */
export function manyByKey<Key, Row>(load: (keys: readonly Key[]) => Promise<Row[]>, keyOf: (row: Row) => Key): DataLoader<Key, Row[]> {
  return new DataLoader(async (keys) => {
    const rows = await tracedBatch(load, keys);
    const byKey = new Map<Key, Row[]>(keys.map((key) => [key, []]));
    for (const row of rows) byKey.get(keyOf(row))?.push(row);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}

/** Clamp a client-supplied page size. */
export function pageSize(first: number | null | undefined, fallback: number, max = 100): number {
  if (first === null || first === undefined) return fallback;
  return Math.max(0, Math.min(max, Math.trunc(first)));
}

/** Keep at most `limit` rows per key, in the given order (rows come sorted newest first). */
export function takePerKey<Row>(rows: readonly Row[], keyOf: (row: Row) => string, limit: number): Row[] {
  const seen = new Map<string, number>();
  return rows.filter((row) => {
    const count = (seen.get(keyOf(row)) ?? 0) + 1;
    seen.set(keyOf(row), count);
    return count <= limit;
  });
}

/** One loader per distinct field arguments (page size, filters) within a request. */
export function loaderPerArguments<Args extends unknown[], Key, Row>(create: (...args: Args) => DataLoader<Key, Row>): (...args: Args) => DataLoader<Key, Row> {
  const loaders = new Map<string, DataLoader<Key, Row>>();
  return (...args) => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (!loader) {
      loader = create(...args);
      loaders.set(key, loader);
    }
    return loader;
  };
}
