// Stage 2, prepare: parse and validate the query (cached by its text) and pick the operation to run.
// What is wrong with the document is reported later, by check-operation, in its place in the order.
import { getOperationAST } from 'graphql';
import { tracedSync } from '../../platform/tracing.ts';
import type { OperationContext, PipelineServices } from './context.ts';

const PREPARE_SPAN = { attributes: { 'lien_thong.phase': 'parse/validate' } };

/** The prepare stage: fills in the prepared document and the operation (when there is exactly one to run). */
export function prepare(services: PipelineServices, context: OperationContext): void {
  const prepared = tracedSync('parse/validate', PREPARE_SPAN, () => services.prepare(context.input.query));
  context.prepared = prepared;
  context.operation = prepared.ok ? (getOperationAST(prepared.document, context.input.operationName) ?? undefined) : undefined;
}
