// The gateway's GraphQL request pipeline: named stages over one request context, in order (README.md).
// A stage enriches the context or throws a RequestRefused; the stages after admission run inside inbound
// dedup, so identical queries from one viewer that arrive together share one run and one encoded reply.
import { OperationTypeNode } from 'graphql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS } from '../../auth/viewer.ts';
import { statusOf } from '../../schema/errors.ts';
import { admit } from './admit.ts';
import { authorize } from './authorize.ts';
import { checkOperation } from './check-operation.ts';
import { coerce } from './coerce.ts';
import type { EncodedResult, GraphQLHttpRequest, PipelineServices, RequestContext } from './context.ts';
import { execute } from './execute.ts';
import { format } from './format.ts';
import { limits } from './limits.ts';
import { lookups } from './lookups.ts';
import { prepare } from './prepare.ts';
import { refuse, RequestRefused } from './refusal.ts';

/** One step of the pipeline: enriches the context, or throws the request's refusal. */
export type Stage = (services: PipelineServices, context: RequestContext) => void | Promise<void>;

/** Per request, before inbound dedup: who asks (a bad token is refused before a parse error), what, and the lookup budget. */
export const ADMISSION: readonly Stage[] = [admit, prepare, lookups];

/** Inside inbound dedup (shared by identical queries of one viewer): the checks, in order, then the run; `format` encodes the reply. */
export const EXECUTION: readonly Stage[] = [checkOperation, coerce, limits, authorize, execute];

/** Run one GraphQL request through the pipeline and send the reply (a refusal, or the encoded result). */
export async function handleGraphql(services: PipelineServices, request: FastifyRequest, reply: FastifyReply, input: GraphQLHttpRequest, allowMutation: boolean): Promise<FastifyReply> {
  const started = performance.now();
  const context: RequestContext = {
    request,
    reply,
    input,
    allowMutation,
    streaming: false,
    token: undefined,
    viewer: ANONYMOUS,
    policy: undefined,
    prepared: undefined,
    operation: undefined,
    document: undefined,
    coerced: undefined,
    authorized: undefined,
    result: undefined,
  };
  try {
    await runStages(ADMISSION, services, context);
    // The key holds the caller's own token: identical queries share a result only within one viewer.
    // The variables were bounded (depth, no U+0000) before this handler ran, so stringifying is safe.
    const { body, retryAfter, outcome } =
      services.config.inboundDedup && context.operation?.operation === OperationTypeNode.QUERY
        ? await services.inflight([context.token ?? '', input.operationName ?? '', JSON.stringify(input.variables) ?? '', input.query], () => run(services, context))
        : await run(services, context);
    if (retryAfter !== undefined) reply.code(statusOf('SERVICE_UNAVAILABLE')).header('retry-after', String(retryAfter));
    record(services, context, started, outcome);
    return reply.type('application/json; charset=utf-8').send(body);
  } catch (error) {
    if (error instanceof RequestRefused) {
      record(services, context, started, error.code);
      return refuse(reply, error);
    }
    request.log.error({ err: error }, 'request failed');
    record(services, context, started, 'INTERNAL_SERVER_ERROR');
    return refuse(reply, new RequestRefused('INTERNAL_SERVER_ERROR', 'Unexpected error.'));
  }
}

/** Count the request by its operation's name and type, its outcome and its client, with its time (and name its trace's server span). */
function record(services: PipelineServices, context: RequestContext, started: number, outcome: string): void {
  const operation = context.operation;
  const name = operation ? (operation.name?.value ?? 'anonymous') : context.prepared?.ok === false ? 'invalid' : 'unknown';
  services.metrics.operation(name, operation?.operation ?? 'unknown', outcome, context.viewer.clientId ?? 'anonymous', (performance.now() - started) / 1000);
  context.request.traceSpan?.span.setAttributes({ 'graphql.operation.name': name, 'graphql.operation.type': operation?.operation ?? 'unknown', 'lien_thong.outcome': outcome });
}

/** The shared part: the checks, the run and the encoded reply. */
async function run(services: PipelineServices, context: RequestContext): Promise<EncodedResult> {
  await runStages(EXECUTION, services, context);
  return format(context);
}

async function runStages(stages: readonly Stage[], services: PipelineServices, context: RequestContext): Promise<void> {
  for (const stage of stages) {
    // Only the asynchronous stages are awaited: a synchronous one costs no extra microtask.
    const pending = stage(services, context);
    if (pending !== undefined) await pending;
  }
}
