// Stage 9, format: unexpected errors masked (and logged), the reply encoded once — callers sharing this
// result through inbound dedup send the same bytes — and Retry-After when the whole request failed on an outage.
import { maskError } from '../../schema/errors.ts';
import type { FormattedError } from '../../schema/errors.ts';
import { wholeRequestRetryAfter } from '../retry-after.ts';
import type { EncodedResult, RequestContext } from './context.ts';

/** The format stage: the encoded reply body for the context's result. */
export function format(context: RequestContext): EncodedResult {
  const formatted = formatResult(context);
  // A Buffer spares Fastify measuring the string and node encoding it again for each reply.
  const outcome = !formatted.errors ? 'ok' : formatted.data === null ? 'error' : 'partial';
  return { body: Buffer.from(JSON.stringify(formatted)), retryAfter: formatted.errors ? wholeRequestRetryAfter(formatted) : undefined, outcome };
}

function formatResult(context: RequestContext): { data?: unknown; errors?: FormattedError[] } {
  const result = context.result!;
  if (!result.errors || result.errors.length === 0) return { data: result.data ?? null };
  const log = context.request.log;
  const errors = result.errors.map((error) => maskError(error, (unexpected) => log.error({ err: unexpected.originalError ?? unexpected, path: unexpected.path }, 'execution error')));
  return { data: result.data ?? null, errors };
}
