// Stage 8, execute: the engine runs the authorized operation's plan against the subgraphs, carrying an
// internal token signed for this viewer; denied fields are nulled and their errors come first.
import { GraphQLError } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { GRAPHQL_PURPOSE, withoutPersonalData } from '../../auth/internal-token.ts';
import { nullDeniedFields } from '../authorization.ts';
import { EngineRefusal } from '../engine.ts';
import type { PipelineServices, RequestContext } from './context.ts';
import { RequestRefused } from './refusal.ts';

/** The execute stage: fills in the result (an engine refusal becomes the request's refusal). */
export async function execute(services: PipelineServices, context: RequestContext): Promise<void> {
  const authorized = context.authorized!;
  const { input } = context;
  const result: ExecutionResult = authorized.empty
    ? { data: {} }
    : await services.engine
        .execute({
          query: authorized.query,
          document: authorized.document,
          operation: authorized.operation,
          operationName: input.operationName,
          variables: input.variables,
          coercedVariables: context.coerced!,
          context: {
            internalToken: await services.signer.sign(context.viewer, context.token, GRAPHQL_PURPOSE),
            requestId: String(context.request.id),
            // Signed only when the plan reaches a subgraph the registry marks as not receiving personal data.
            internalTokenWithoutPersonalData: () => services.signer.sign(withoutPersonalData(context.viewer), context.token === undefined ? undefined : `${context.token}\0redacted`, GRAPHQL_PURPOSE),
          },
        })
        .catch((error: unknown) => {
          throw error instanceof EngineRefusal ? new RequestRefused(error.code, error.message) : error;
        });
  if (authorized.denials.length === 0) {
    context.result = result;
    return;
  }
  const denialErrors = authorized.denials.map((denial) => new GraphQLError(denial.message, { path: [...denial.path], extensions: { ...denial.extensions, code: denial.code } }));
  context.result = { data: nullDeniedFields(result.data, authorized.denials), errors: [...denialErrors, ...(result.errors ?? [])] };
}
