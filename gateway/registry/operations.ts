// Operations recorded from real traffic, for the breaking-change check and for warming a new supergraph's
// plans: each valid document once by the hash of its literal-free text (no variables, no literal values,
// so no personal data), with a count and when it was last seen. Bounded: the least recently seen go first.
import { LRUCache } from 'lru-cache';
import { parse } from 'graphql';
import type { DocumentNode } from 'graphql';
import { literalFreeOperation } from '../../schema/breaking-changes.ts';
import type { KnownOperation } from '../../schema/breaking-changes.ts';

/** Longest query text kept to warm plans with (only texts with no literal value are kept at all). */
const MAX_WARM_TEXT = 16 * 1024;

interface Recorded {
  readonly hash: string;
  readonly name: string | undefined;
  readonly body: string;
  count: number;
  lastSeen: number;
  /** Of `count`, how many were already written to the shared store. */
  shared: number;
  /** The exact text clients send, when it has no literal value: the plan cache is keyed by it. */
  readonly warmText: string | undefined;
}

/** The recorder. */
export interface OperationRecorder {
  /** Count one valid document (`query` is the text it was parsed from). */
  record(document: DocumentNode, query: string): void;
  /** What was recorded, busiest first. */
  list(): KnownOperation[];
  /** Texts to plan before a new supergraph goes live, busiest first. */
  warmTexts(limit: number): string[];
  /** What was counted since the last call (for a store shared by replicas): `count` is the increase. */
  takeUnshared(): KnownOperation[];
}

/** Create a recorder keeping at most `max` distinct operations. */
export function createOperationRecorder(max = 2_000): OperationRecorder {
  const byHash = new LRUCache<string, Recorded>({ max });
  // The operation cache hands out one document object per text: a hit costs a WeakMap lookup, no hashing.
  const byDocument = new WeakMap<DocumentNode, Recorded>();
  return {
    record(document, query) {
      let entry = byDocument.get(document);
      if (!entry || !byHash.has(entry.hash)) {
        const normalized = literalFreeOperation(query);
        if (!normalized) return;
        entry = byHash.get(normalized.hash) ?? {
          ...normalized,
          count: 0,
          lastSeen: 0,
          shared: 0,
          warmText: query.length <= MAX_WARM_TEXT && hasNoLiterals(query) ? query : undefined,
        };
        byHash.set(entry.hash, entry);
        byDocument.set(document, entry);
      } else {
        // Keep the LRU order: the busiest stay.
        byHash.get(entry.hash);
      }
      entry.count += 1;
      entry.lastSeen = Date.now();
    },
    list() {
      return [...byHash.values()]
        .sort((a, b) => b.count - a.count)
        .map((entry) => ({ hash: entry.hash, name: entry.name, body: entry.body, source: 'traffic' as const, count: entry.count, lastSeen: new Date(entry.lastSeen).toISOString() }));
    },
    takeUnshared() {
      const taken: KnownOperation[] = [];
      for (const entry of byHash.values()) {
        if (entry.count === entry.shared) continue;
        taken.push({ hash: entry.hash, name: entry.name, body: entry.body, source: 'traffic', count: entry.count - entry.shared, lastSeen: new Date(entry.lastSeen).toISOString() });
        entry.shared = entry.count;
      }
      return taken;
    },
    warmTexts(limit) {
      return [...byHash.values()]
        .sort((a, b) => b.count - a.count)
        .flatMap((entry) => entry.warmText ?? [])
        .slice(0, limit);
    },
  };
}

/** Whether a text has no string or number literal (so keeping it keeps no personal data). */
function hasNoLiterals(query: string): boolean {
  try {
    const text = JSON.stringify(parse(query, { noLocation: true }));
    return !/"kind":"(?:StringValue|IntValue|FloatValue)"/.test(text);
  } catch {
    return false;
  }
}

/** Persisted operations as known operations (seen counts come from traffic when they were sent). */
export function persistedKnownOperations(bodies: readonly string[], recorded: readonly KnownOperation[]): KnownOperation[] {
  const seen = new Map(recorded.map((operation) => [operation.hash, operation]));
  return bodies.flatMap((body) => {
    const normalized = literalFreeOperation(body);
    if (!normalized) return [];
    const traffic = seen.get(normalized.hash);
    return [{ ...normalized, source: 'persisted' as const, count: traffic?.count ?? 0, lastSeen: traffic?.lastSeen }];
  });
}
