// A subgraph's spans below its server span (platform/tracing.ts): one per database query, through a
// Prisma query extension on the subgraph's client, and one per event a consumer handles, continuing the
// trace of the change that wrote the event (its outbox row keeps the W3C context as metadata, beside
// the payload). buildSubgraph applies these only to a subgraph that traces: with tracing off, nothing here runs.
import { ATTR_DB_COLLECTION_NAME, ATTR_DB_OPERATION_NAME, ATTR_DB_SYSTEM_NAME, DB_SYSTEM_NAME_VALUE_POSTGRESQL } from '@opentelemetry/semantic-conventions';
import { continueTrace, SpanKind, traced } from '../../platform/tracing.ts';
import type { Tracing } from '../../platform/tracing.ts';
import { withSubscribe } from './events/bus.ts';
import type { EventBus } from './events/bus.ts';

/** What a Prisma client's `$extends` takes for a query extension over every operation. */
interface QueryExtensible {
  $extends(extension: { query: { $allOperations(params: { model?: string; operation: string; args: unknown; query: (args: unknown) => Promise<unknown> }): Promise<unknown> } }): unknown;
}

/**
 * `client` with a span per query: named by operation and model (`findMany FeedbackItem`, `$queryRaw`),
 * attributes db.system.name, db.operation.name, db.collection.name. Never the arguments or the SQL
 * parameters: they hold what citizens sent.
 */
export function withQuerySpans<Client>(client: Client): Client {
  return (client as unknown as QueryExtensible).$extends({
    query: {
      $allOperations({ model, operation, args, query }) {
        const attributes = { [ATTR_DB_SYSTEM_NAME]: DB_SYSTEM_NAME_VALUE_POSTGRESQL, [ATTR_DB_OPERATION_NAME]: operation, ...(model ? { [ATTR_DB_COLLECTION_NAME]: model } : {}) };
        return traced(model ? `${operation} ${model}` : operation, { kind: SpanKind.CLIENT, attributes }, () => query(args));
      },
    },
  }) as Client;
}

/**
 * `bus` whose consumers handle each event in a consumer span of `tracing`: a child of the span that
 * wrote the event when it carries a trace context, else a trace of its own.
 */
export function withConsumerSpans(bus: EventBus, tracing: Tracing): EventBus {
  const system = bus.kind === 'nats' ? 'nats' : 'in-process';
  return withSubscribe(bus, (options) =>
    bus.subscribe({
      ...options,
      handler: (delivery) => {
        const { event } = delivery;
        const attributes = {
          'messaging.system': system,
          'messaging.operation.type': 'process',
          'messaging.destination.name': event.topic,
          'messaging.consumer.group.name': options.consumer,
          'messaging.message.id': event.id,
          'lien_thong.delivery_attempt': delivery.attempt,
        };
        return continueTrace(tracing, event.trace, `process ${event.topic}`, { kind: SpanKind.CONSUMER, attributes }, () => options.handler(delivery));
      },
    }),
  );
}
