// Parse and validate each distinct query text once: the schema never changes while the process runs,
// so a query's parse and validation outcome can be kept (LRU by query text).
import { LRUCache } from 'lru-cache';
import { GraphQLError, parse, specifiedRules, validate } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { ErrorCode } from '../schema/errors.ts';

/** A query that parsed and validated, or why it did not. */
export type PreparedDocument =
  | { readonly ok: true; readonly document: DocumentNode }
  | { readonly ok: false; readonly code: ErrorCode; readonly errors: readonly GraphQLError[] };

/** Longest query text accepted into the cache (longer ones are still prepared, just not kept). */
const MAX_CACHED_QUERY_LENGTH = 64 * 1024;

/** Create a cache of prepared documents for `schema`. */
export function createOperationCache(schema: GraphQLSchema, maxEntries = 1_000): (query: string) => PreparedDocument {
  const cache = new LRUCache<string, PreparedDocument>({ max: maxEntries });
  return (query) => {
    const cached = cache.get(query);
    if (cached) return cached;
    const prepared = prepare(schema, query);
    if (query.length <= MAX_CACHED_QUERY_LENGTH) cache.set(query, prepared);
    return prepared;
  };
}

function prepare(schema: GraphQLSchema, query: string): PreparedDocument {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: 10_000 });
  } catch (error) {
    return { ok: false, code: 'GRAPHQL_PARSE_FAILED', errors: [error instanceof GraphQLError ? error : new GraphQLError('Syntax error.')] };
  }
  const errors = validate(schema, document, specifiedRules);
  if (errors.length > 0) return { ok: false, code: 'GRAPHQL_VALIDATION_FAILED', errors };
  return { ok: true, document };
}
