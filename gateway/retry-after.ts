// A request that failed as a whole because a dependency is down (no data: `data` null or every root
// field null, and every error SERVICE_UNAVAILABLE) is answered with HTTP 503 and Retry-After, so clients
// and proxies know to retry. Partial answers stay HTTP 200 with the errors at their paths.
import type { FormattedError } from '../schema/errors.ts';

/** Retry-After in seconds when `result` failed as a whole on SERVICE_UNAVAILABLE; otherwise undefined. */
export function wholeRequestRetryAfter(result: { data?: unknown; errors?: readonly FormattedError[] }): number | undefined {
  if (!result.errors || result.errors.length === 0 || !isEmpty(result.data)) return undefined;
  let seconds = 1;
  for (const error of result.errors) {
    if (error.extensions.code !== 'SERVICE_UNAVAILABLE') return undefined;
    const wanted = error.extensions['retryAfterSeconds'];
    // The subgraph's hint, within reason: a bad value must not tell clients to go away for a day.
    if (typeof wanted === 'number' && Number.isFinite(wanted)) seconds = Math.max(seconds, Math.min(Math.ceil(wanted), 60));
  }
  return seconds;
}

function isEmpty(data: unknown): boolean {
  if (data === null || data === undefined) return true;
  return typeof data === 'object' && Object.values(data).every((value) => value === null);
}
