// Reading the HTTP request, before the pipeline runs: the query (sent in full or by persisted id), the
// variables and the operation name from a POST body or a GET query string, and GET's CSRF header check.
import type { FastifyRequest } from 'fastify';
import { sha256Hex } from '../persisted-operations.ts';
import type { PersistedOperations } from '../persisted-operations.ts';
import type { GraphQLHttpRequest } from './context.ts';
import { RequestRefused } from './refusal.ts';

/** Whether `value` is a plain (non-array) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** GET requests must prove they are not a cross-site simple request (as Apollo Server's csrfPrevention). */
export function hasPreflightHeader(request: FastifyRequest): boolean {
  const headers = request.headers;
  return Boolean(headers['apollo-require-preflight'] || headers['x-apollo-operation-name'] || headers['graphql-require-preflight']);
}

/** The query text: sent in full, or looked up by a persisted operation id (extensions.persistedQuery.sha256Hash or documentId). */
function resolveQuery(query: unknown, extensions: unknown, documentId: unknown, persisted: PersistedOperations): string | RequestRefused {
  const persistedQuery = isRecord(extensions) && isRecord(extensions['persistedQuery']) ? extensions['persistedQuery'] : undefined;
  const id = typeof documentId === 'string' ? documentId : typeof persistedQuery?.['sha256Hash'] === 'string' ? persistedQuery['sha256Hash'] : undefined;
  if (typeof query === 'string' && query.trim() !== '') {
    if (persistedQuery && typeof persistedQuery['sha256Hash'] === 'string' && persistedQuery['sha256Hash'] !== sha256Hex(query)) {
      return new RequestRefused('BAD_REQUEST', 'The persisted query hash does not match the query.');
    }
    return query;
  }
  if (id === undefined) return new RequestRefused('BAD_REQUEST', 'The request has no "query" string.');
  return persisted.bodyFor(id) ?? new RequestRefused('PERSISTED_QUERY_NOT_FOUND', 'Unknown persisted operation id.');
}

function readRequest(query: unknown, variables: unknown, operationName: unknown): GraphQLHttpRequest | RequestRefused {
  if (typeof query !== 'string' || query.trim() === '') return new RequestRefused('BAD_REQUEST', 'The request has no "query" string.');
  if (variables !== undefined && variables !== null && !isRecord(variables)) return new RequestRefused('BAD_REQUEST', '"variables" must be a JSON object.');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return new RequestRefused('BAD_REQUEST', '"operationName" must be a string.');
  return { query, variables: variables ?? {}, operationName: operationName ?? undefined };
}

/** The GraphQL request in a POST body, or why it is refused. */
export function readPostBody(body: unknown, persisted: PersistedOperations): GraphQLHttpRequest | RequestRefused {
  if (Array.isArray(body)) return new RequestRefused('BAD_REQUEST', 'Batched requests are not supported.');
  if (!isRecord(body)) return new RequestRefused('BAD_REQUEST', 'The body must be a JSON object with a "query".');
  const query = resolveQuery(body['query'], body['extensions'], body['documentId'], persisted);
  if (query instanceof RequestRefused) return query;
  return readRequest(query, body['variables'], body['operationName']);
}

/** The GraphQL request in a GET query string, or why it is refused. */
export function readQueryString(queryString: unknown, persisted: PersistedOperations): GraphQLHttpRequest | RequestRefused {
  const params = isRecord(queryString) ? queryString : {};
  const json: Record<string, unknown> = {};
  for (const name of ['variables', 'extensions']) {
    if (typeof params[name] === 'string' && params[name] !== '') {
      try {
        json[name] = JSON.parse(params[name]);
      } catch {
        return new RequestRefused('BAD_REQUEST', `"${name}" is not valid JSON.`);
      }
    }
  }
  const query = resolveQuery(params['query'], json['extensions'], params['documentId'], persisted);
  if (query instanceof RequestRefused) return query;
  return readRequest(query, json['variables'], params['operationName'] === '' ? undefined : params['operationName']);
}
