// Events between subgraphs: the bus (in this process, or NATS JetStream when NATS_URL is set), the
// outbox a subgraph writes in its own transactions and the relay that publishes it, and the inbox a
// consumer claims event ids in. See docs/workflow-1022.md, "Events".
import type { Logger } from '../../../platform/logger.ts';
import type { EventBus } from './bus.ts';
import { InProcessEventBus } from './in-process-bus.ts';
import { createNatsEventBus } from './nats-bus.ts';

export { backoffMs, checkTopic, topicMatches } from './bus.ts';
export type { BusEvent, Delivery, EventBus, EventHandler, SubscribeOptions, Subscription } from './bus.ts';
export { claimEvent } from './inbox.ts';
export { InProcessEventBus } from './in-process-bus.ts';
export { createNatsEventBus, NatsEventBus } from './nats-bus.ts';
export { OutboxRelay, writeOutbox } from './outbox.ts';
export type { OutboxClient, OutboxEvent, OutboxWriter } from './outbox.ts';

/** Open the bus a subgraph process uses when none is handed to it: NATS when configured (connecting in the background), else its own in-process bus. */
export async function openEventBus(natsUrl: string | undefined, name: string, logger: Logger): Promise<EventBus> {
  const onHandlerError = (error: unknown, event: { id: string; topic: string } | undefined, consumer: string, attempt: number) =>
    logger.warn({ err: error, eventId: event?.id, topic: event?.topic, consumer, attempt }, 'event handler failed; it will be redelivered');
  if (natsUrl) {
    return createNatsEventBus({
      servers: natsUrl,
      name,
      onHandlerError,
      onAvailabilityChange: (available, error) => {
        if (available) logger.info('event bus connected (NATS)');
        else logger.warn({ err: error }, 'event bus unavailable (NATS): events wait in the outbox, consumers attach when it returns');
      },
      onSubscribeError: (error, consumer) => logger.warn({ err: error, consumer }, 'event consumer could not attach; retrying'),
    });
  }
  return new InProcessEventBus({ onHandlerError });
}
