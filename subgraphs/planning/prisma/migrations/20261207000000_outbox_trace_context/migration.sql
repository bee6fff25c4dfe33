-- The W3C trace context (traceparent, tracestate) of the change that wrote an event, carried beside its
-- payload on the bus so consumers continue the trace (subgraphs/kit/tracing.ts). Null when untraced.

-- AlterTable
ALTER TABLE "outbox" ADD COLUMN "trace_context" JSONB;
