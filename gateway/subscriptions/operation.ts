// One subscription as the gateway runs it, whatever the transport (websocket.ts, sse.ts): the caller was
// admitted with the same token rules as /graphql (pipeline/admit.ts); the operation goes through the same
// checks (prepare, check-operation, coerce, limits, authorize: a field the viewer may not see refuses the
// whole subscription), the engine routes it to its owning subgraph (which checks ownership on every
// event, as for queries), and each event is shaped for the client. The stream ends with
// SUBSCRIPTION_ENDED when the token expires, or when its session is logged out (checked every
// SUBSCRIPTION_RECHECK_MS against the revoked sessions, shared by replicas through Redis).
import { GraphQLError } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { TokenRejectedError } from '../../auth/access-token.ts';
import { GRAPHQL_PURPOSE } from '../../auth/internal-token.ts';
import { RevocationUnavailableError } from '../../auth/revocation.ts';
import { deniedFor } from '../authorization.ts';
import { maskError } from '../../schema/errors.ts';
import type { FastifyBaseLogger as Logger } from 'fastify';
import type { Admitted } from '../pipeline/admit.ts';
import { authorize } from '../pipeline/authorize.ts';
import { checkOperation } from '../pipeline/check-operation.ts';
import { coerce } from '../pipeline/coerce.ts';
import { asRequestRefusal, engineRequest } from '../pipeline/execute.ts';
import type { GraphQLHttpRequest, OperationContext, PipelineServices } from '../pipeline/context.ts';
import { limits } from '../pipeline/limits.ts';
import { prepare } from '../pipeline/prepare.ts';
import { RequestRefused } from '../pipeline/refusal.ts';
import { createChannel } from './channel.ts';

/** The operation checks, in the pipeline's order (pipeline/index.ts). */
const CHECKS = [prepare, checkOperation, coerce, limits, authorize] as const;

/** A result as sent to the client: unexpected errors masked (and logged). */
export interface FormattedResult {
  readonly data?: unknown;
  readonly errors?: readonly unknown[];
}

/** Start one subscription for an admitted caller; throws RequestRefused (its code) when it may not run. */
export async function openSubscription(services: PipelineServices, admitted: Admitted, input: GraphQLHttpRequest, log: Logger, requestId: string): Promise<AsyncIterableIterator<FormattedResult>> {
  const context: OperationContext = {
    input,
    allowMutation: false,
    streaming: true,
    viewer: admitted.viewer,
    policy: admitted.policy,
    prepared: undefined,
    operation: undefined,
    document: undefined,
    coerced: undefined,
    authorized: undefined,
  };
  for (const check of CHECKS) check(services, context);
  const authorized = context.authorized!;
  // A query may come back with the fields it may not see nulled; a stream of events may not.
  const denial = deniedFor(authorized.denials, context.coerced)[0];
  if (denial) throw new RequestRefused(denial.code, denial.message, undefined, denial.extensions);
  const route = await services.engine.subscribe(engineRequest(context, { internalToken: '', requestId })).catch(asRequestRefusal);
  const { viewer } = context;
  const token = admitted.authenticated.token;
  const upstream = services.upstreams.subscribe({
    url: route.url,
    query: route.query,
    operationName: route.operationName,
    variables: route.variables,
    service: route.service,
    log,
    sign: () => services.signer.sign(viewer, token, GRAPHQL_PURPOSE),
  });
  const timers: NodeJS.Timeout[] = [];
  const channel = createChannel<FormattedResult>(() => {
    for (const timer of timers) clearTimeout(timer);
    void upstream.return?.();
  });
  const end = (message: string) => {
    channel.push({ errors: [{ message, extensions: { code: 'SUBSCRIPTION_ENDED', requestId } }] });
    channel.end();
  };
  const expiresAt = admitted.authenticated.expiresAt;
  if (expiresAt !== undefined) timers.push(setTimeout(() => end('The access token expired: sign in again and resubscribe.'), Math.max(0, expiresAt - Date.now())));
  if (token !== undefined) {
    // The same verifier as every /graphql request: a revoked session (back-channel logout) is refused.
    const recheck = setInterval(() => {
      services.verifyAccessToken(token).catch((error: unknown) => {
        if (error instanceof TokenRejectedError) end('The session ended: sign in again and resubscribe.');
        else if (!(error instanceof RevocationUnavailableError)) log.error({ err: error }, 'subscription token recheck failed');
      });
    }, services.config.subscriptionRecheckMs);
    timers.push(recheck);
  }
  void (async () => {
    for await (const event of upstream) {
      if (channel.ended) return;
      channel.push(format(route.shape(event), log));
    }
    channel.end();
  })().catch((error: unknown) => {
    log.error({ err: error }, 'subscription failed');
    channel.push({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
    channel.end();
  });
  return channel;
}

/** A refusal as the errors of a result (its code and extensions on each). */
export function refusalErrors(refusal: RequestRefused, requestId: string): GraphQLError[] {
  return refusal.errors.map((error) => new GraphQLError(error.message, { ...(error.nodes ? { nodes: error.nodes } : {}), extensions: { ...refusal.extensions, code: refusal.code, requestId } }));
}

function format(result: ExecutionResult, log: Logger): FormattedResult {
  if (!result.errors?.length) return { data: result.data ?? null };
  return {
    data: result.data ?? null,
    errors: result.errors.map((error) => maskError(error, (unexpected) => log.error({ err: unexpected.originalError ?? unexpected, path: unexpected.path }, 'subscription event error'))),
  };
}
