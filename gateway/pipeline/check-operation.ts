// Stage 4, check-operation: may this operation run here? The safelist, then what prepare found wrong with
// the document, which operation to run, the client's operation policy, and the HTTP method's rules.
import { OperationTypeNode } from 'graphql';
import { operationRefusal } from '../client-policy.ts';
import type { OperationContext, PipelineServices } from './context.ts';
import { RequestRefused } from './refusal.ts';

/** The check-operation stage: refuses, or leaves a valid document and a resolved operation for the stages after it. */
export function checkOperation(services: PipelineServices, context: OperationContext): void {
  const { input, viewer } = context;
  const safelist = services.config.safelist;
  const safelisted = safelist === 'all' || (safelist === 'partners' && viewer.clientId !== undefined && viewer.subject === undefined);
  if (safelisted && !services.persisted.contains(input.query)) throw new RequestRefused('OPERATION_NOT_IN_SAFELIST', 'Only registered operations may run for this client.');
  const prepared = context.prepared!;
  if (!prepared.ok) throw new RequestRefused(prepared.code, prepared.errors[0]?.message ?? 'Invalid operation.', prepared.errors);
  const operation = context.operation;
  if (!operation) {
    throw new RequestRefused('OPERATION_RESOLUTION_FAILURE', input.operationName ? `Unknown operation named "${input.operationName}".` : 'The document has several operations: send operationName.');
  }
  const refusal = operationRefusal(context.policy, operation.name?.value);
  if (refusal) throw new RequestRefused('FORBIDDEN', refusal);
  const subscription = operation.operation === OperationTypeNode.SUBSCRIPTION;
  if (subscription && !context.streaming) {
    throw new RequestRefused('BAD_REQUEST', 'Subscriptions are served over graphql-ws (WebSocket upgrade of /graphql) or SSE (POST /graphql with Accept: text/event-stream), not as JSON.');
  }
  if (!subscription && context.streaming) throw new RequestRefused('NOT_A_SUBSCRIPTION', 'Only subscriptions run over this transport: send queries and mutations to /graphql as JSON.');
  if (operation.operation === OperationTypeNode.MUTATION && !context.allowMutation) throw new RequestRefused('BAD_REQUEST', 'Mutations must be sent with POST.');
  context.document = prepared.document;
}
