// Stage 7, authorize: the fields the viewer may not see are removed here, before any subgraph is called;
// each removal becomes an error at its path in the reply (execute adds them).
import type { OperationContext, PipelineServices } from './context.ts';

/** The authorize stage: fills in the operation as the viewer may run it. */
export function authorize(services: PipelineServices, context: OperationContext): void {
  context.authorized = services.authorize(context.input.query, context.document!, context.operation!, context.viewer);
}
