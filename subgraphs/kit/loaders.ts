// Helpers for dataloader batch functions: one query per batch, results put back in key order.
import DataLoader from 'dataloader';

/** A loader of one record per key (missing → null). */
export function oneByKey<Key, Row>(load: (keys: readonly Key[]) => Promise<Row[]>, keyOf: (row: Row) => Key): DataLoader<Key, Row | null> {
  return new DataLoader(async (keys) => {
    const rows = await load(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A loader of a list of records per key (in the order the query returned them). */
export function manyByKey<Key, Row>(load: (keys: readonly Key[]) => Promise<Row[]>, keyOf: (row: Row) => Key): DataLoader<Key, Row[]> {
  return new DataLoader(async (keys) => {
    const rows = await load(keys);
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
