// Stage 6, limits: the operation's measured size (depth, aliases, root fields, estimated cost…) against
// the configured limits, with the variables known (list sizes come from them).
import { checkLimits } from '../limits.ts';
import type { OperationContext, PipelineServices } from './context.ts';
import { RequestRefused } from './refusal.ts';

/** The limits stage: refuses an operation over a limit, naming what was measured and the limit. */
export function limits(services: PipelineServices, context: OperationContext): void {
  const violation = checkLimits(services.measure(context.document!, context.operation!, context.coerced!), services.config.limits);
  if (violation) throw new RequestRefused(violation.code, violation.message, undefined, { measured: violation.measured, limit: violation.limit });
}
