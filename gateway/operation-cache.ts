// Parse and validate each distinct query text once: the schema never changes while the process runs,
// so a query's parse and validation outcome can be kept (LRU by query text).
import { LRUCache } from 'lru-cache';
import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate } from 'graphql';
import type { DocumentNode, GraphQLSchema, ValidationRule } from 'graphql';
import type { ErrorCode } from '../schema/errors.ts';
import { noNulInStringLiterals, NulLiteralError } from '../platform/input-bounds.ts';

/** A query that parsed and validated, or why it did not. */
export type PreparedDocument = { readonly ok: true; readonly document: DocumentNode } | { readonly ok: false; readonly code: ErrorCode; readonly errors: readonly GraphQLError[] };

/** Longest query text accepted into the cache (longer ones are still prepared, just not kept). */
const MAX_CACHED_QUERY_LENGTH = 64 * 1024;

/** How operations are parsed and validated. */
export interface PrepareOptions {
  readonly maxTokens: number;
  /** Allow __schema and __type. */
  readonly introspection: boolean;
  /** Keep "Did you mean …?" in validation messages (they reveal the schema). */
  readonly fieldSuggestions: boolean;
}

/** Create a cache of prepared documents for `schema`. */
export function createOperationCache(schema: GraphQLSchema, options: PrepareOptions, maxEntries = 1_000, onLookup: (hit: boolean) => void = () => undefined): (query: string) => PreparedDocument {
  const cache = new LRUCache<string, PreparedDocument>({ max: maxEntries });
  const rules = [...specifiedRules, noNulInStringLiterals, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  return (query) => {
    const cached = cache.get(query);
    onLookup(cached !== undefined);
    if (cached) return cached;
    const prepared = prepare(schema, query, rules, options);
    if (query.length <= MAX_CACHED_QUERY_LENGTH) cache.set(query, prepared);
    return prepared;
  };
}

function prepare(schema: GraphQLSchema, query: string, rules: readonly ValidationRule[], options: PrepareOptions): PreparedDocument {
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: options.maxTokens });
  } catch (error) {
    const parseError = error instanceof GraphQLError ? error : new GraphQLError('Syntax error.');
    const code = /contains more th[a-z]+ \d+ tokens/.test(parseError.message) ? 'MAX_TOKENS_LIMIT' : 'GRAPHQL_PARSE_FAILED';
    return { ok: false, code, errors: [parseError] };
  }
  const errors = validate(schema, document, rules);
  if (errors.length === 0) return { ok: true, document };
  // U+0000 in a string literal is the client's input, not a schema mismatch: BAD_USER_INPUT naming it.
  const nul = errors.filter((error) => error instanceof NulLiteralError);
  if (nul.length > 0) return { ok: false, code: 'BAD_USER_INPUT', errors: nul };
  const shown = options.fieldSuggestions ? errors : errors.map((error) => new GraphQLError(error.message.replace(/ Did you mean .*$/, ''), { nodes: error.nodes ?? [] }));
  return { ok: false, code: 'GRAPHQL_VALIDATION_FAILED', errors: shown };
}
