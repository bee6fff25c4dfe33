// Stage 5, coerce: the variables, coerced to the types the operation declares (at most ten errors reported).
import { getVariableValues } from 'graphql/execution/values.js';
import type { OperationContext, PipelineServices } from './context.ts';
import { RequestRefused } from './refusal.ts';

/** The coerce stage: fills in the coerced variables, or refuses with BAD_USER_INPUT. */
export function coerce(services: PipelineServices, context: OperationContext): void {
  const coerced = getVariableValues(services.engine.schema, context.operation!.variableDefinitions ?? [], context.input.variables, { maxErrors: 10 });
  if (coerced.errors) throw new RequestRefused('BAD_USER_INPUT', coerced.errors[0]?.message ?? 'Invalid variables.', coerced.errors);
  context.coerced = coerced.coerced;
}
