// Stage 8, execute: the engine runs the authorized operation's plan against the subgraphs, carrying an
// internal token signed for this viewer; denied fields are nulled and their errors come first.
import { GraphQLError } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { GRAPHQL_PURPOSE, withoutPersonalData } from '../../auth/internal-token.ts';
import { deniedFor, nullDeniedFields } from '../authorization.ts';
import { EngineRefusal } from '../engine.ts';
import type { EngineRequest } from '../engine.ts';
import type { GatewayContext } from '../subgraph-data-source.ts';
import type { OperationContext, PipelineServices, RequestContext } from './context.ts';
import { RequestRefused } from './refusal.ts';

/** The execute stage: fills in the result (an engine refusal becomes the request's refusal). */
export async function execute(services: PipelineServices, context: RequestContext): Promise<void> {
  const authorized = context.authorized!;
  const result: ExecutionResult = authorized.empty
    ? { data: {} }
    : await services.engine
        .execute(
          engineRequest(context, {
            internalToken: await services.signer.sign(context.viewer, context.token, GRAPHQL_PURPOSE),
            requestId: String(context.request.id),
            // Signed only when the plan reaches a subgraph the registry marks as not receiving personal data.
            internalTokenWithoutPersonalData: () => services.signer.sign(withoutPersonalData(context.viewer), context.token === undefined ? undefined : `${context.token}\0redacted`, GRAPHQL_PURPOSE),
          }),
        )
        .catch(asRequestRefusal);
  const denials = deniedFor(authorized.denials, context.coerced);
  if (denials.length === 0) {
    context.result = result;
    return;
  }
  const denialErrors = denials.map((denial) => new GraphQLError(denial.message, { path: [...denial.path], extensions: { ...denial.extensions, code: denial.code } }));
  context.result = { data: nullDeniedFields(result.data, denials), errors: [...denialErrors, ...(result.errors ?? [])] };
}

/** The engine's request for an authorized operation (queries and mutations here, subscriptions too). */
export function engineRequest(context: OperationContext, engineContext: GatewayContext): EngineRequest {
  const authorized = context.authorized!;
  return {
    query: authorized.query,
    document: authorized.document,
    operation: authorized.operation,
    operationName: context.input.operationName,
    variables: context.input.variables,
    coercedVariables: context.coerced!,
    context: engineContext,
  };
}

/** An engine refusal becomes the request's refusal (its code and message); anything else is rethrown. */
export function asRequestRefusal(error: unknown): never {
  throw error instanceof EngineRefusal ? new RequestRefused(error.code, error.message) : error;
}
