// Tells a database that is down or restarting from every other failure, so that clients get a retryable
// SERVICE_UNAVAILABLE instead of a masked INTERNAL_SERVER_ERROR. The shapes recognised are the ones seen
// for real against a stopped, restarted and hung PostgreSQL (test/integration/fault-postgres.test.ts): node-postgres
// socket and pool errors, PostgreSQL's shutdown and connection SQLSTATEs, and @prisma/adapter-pg 7's
// wrappers of them (PrismaClientKnownRequestError with meta.driverAdapterError.cause = { kind, code }).
import type { GraphQLError } from 'graphql';
import { isErrorCode } from '../../schema/errors.ts';
import type { FormattedError } from '../../schema/errors.ts';

/** Seconds a client is told to wait before retrying (a fast restart takes about this long). */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** What a client sees: no SQL, host or port. */
const MESSAGE = 'A service this request needs is down or restarting; retry shortly.';

// Socket failures (Node's codes) on the way to the server.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
// SQLSTATEs: admin_shutdown, crash_shutdown, cannot_connect_now (starting up, shutting down, in
// recovery), too_many_connections; the whole class 08 (connection exception) is matched by prefix.
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
// @prisma/adapter-pg's kinds for the socket codes and 53300 (its convertDriverError).
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// Prisma's own codes: can't reach, timed out, operation timed out, server closed the connection, pool
// timeout, too many connections.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
// node-postgres and pg-pool throw these as plain Errors without a code; PGlite once closed at shutdown.
const MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'PGlite is closed',
];

function codeMatches(code: unknown): boolean {
  if (typeof code !== 'string') return false;
  return SOCKET_CODES.has(code) || SQLSTATES.has(code) || PRISMA_CODES.has(code) || (code.length === 5 && code.startsWith('08'));
}

/**
 * Whether `error` (or what it wraps: `cause`, a GraphQL error's `originalError`, Prisma's
 * `meta.driverAdapterError`, an AggregateError's `errors`) says the database cannot be reached now.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const value = error as { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; meta?: unknown; errors?: unknown };
  if (codeMatches(value.code) || codeMatches(value.originalCode)) return true;
  if (typeof value.kind === 'string' && ADAPTER_KINDS.has(value.kind)) return true;
  if (typeof value.message === 'string' && MESSAGES.includes(value.message)) return true;
  const meta = value.meta as { driverAdapterError?: unknown } | undefined;
  const wrapped = [value.cause, value.originalError, typeof meta === 'object' && meta !== null ? meta.driverAdapterError : undefined];
  if (Array.isArray(value.errors)) wrapped.push(...(value.errors as unknown[]).slice(0, 4));
  return wrapped.some((inner) => inner !== undefined && inner !== error && isDatabaseUnavailable(inner, depth + 1));
}

/** The client's SERVICE_UNAVAILABLE for a GraphQL error caused by the database, where it happened. */
export function databaseUnavailableError(error: GraphQLError): FormattedError {
  return {
    message: MESSAGE,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
  };
}

/** The body of a REST answer (HTTP 503, Retry-After) when the database is unavailable. */
export function databaseUnavailableBody(): { errors: FormattedError[] } {
  return { errors: [{ message: MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS } }] };
}

/** Whether a GraphQL error that would be masked (no catalogued code) was caused by the database being unavailable. */
export function isDatabaseUnavailableError(error: GraphQLError): boolean {
  const code = error.extensions?.['code'];
  return (!isErrorCode(code) || code === 'INTERNAL_SERVER_ERROR') && isDatabaseUnavailable(error.originalError);
}
