// A coded refusal before execution, and how it is sent: the one error type a stage throws to stop a request.
import { GraphQLError } from 'graphql';
import type { FastifyReply } from 'fastify';
import { statusOf } from '../../schema/errors.ts';
import type { ErrorCode } from '../../schema/errors.ts';

/** A refusal before execution: one code, one or more errors. */
export class RequestRefused extends Error {
  readonly code: ErrorCode;
  readonly errors: readonly GraphQLError[];
  readonly extensions: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, errors?: readonly GraphQLError[], extensions: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.errors = errors ?? [new GraphQLError(message)];
    this.extensions = extensions;
  }
}

/** A 429 refusal, with Retry-After set on the reply (when there is one: a WebSocket has none). */
export function tooManyRequests(reply: FastifyReply | undefined, retryAfterSeconds: number, who: string): RequestRefused {
  reply?.header('retry-after', String(retryAfterSeconds));
  return new RequestRefused('TOO_MANY_REQUESTS', `${who} has used up its rate limit; retry in ${retryAfterSeconds} s.`, undefined, { retryAfterSeconds });
}

/** Send `refusal` as a GraphQL error response with its code's status (and WWW-Authenticate / Retry-After when they apply). */
export function refuse(reply: FastifyReply, refusal: RequestRefused): FastifyReply {
  if (refusal.code === 'UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer error="invalid_token"');
  const retryAfter = refusal.extensions['retryAfterSeconds'];
  if (typeof retryAfter === 'number' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(retryAfter));
  return reply.code(statusOf(refusal.code)).send({
    errors: refusal.errors.map((error) => ({
      message: error.message,
      ...(error.locations ? { locations: error.locations } : {}),
      // The request id lets a client's report be matched with the gateway's logs.
      extensions: { ...refusal.extensions, code: refusal.code, requestId: String(reply.request.id) },
    })),
  });
}
