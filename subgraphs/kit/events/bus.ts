// The event bus every subgraph sees: publish an event (its id makes a republished copy a no-op), and
// subscribe a durable, named consumer to a topic, delivered at least once and acknowledged only after
// the handler succeeds. Two implementations: in this process (in-process-bus.ts) and NATS JetStream
// (nats-bus.ts). Topics are dot-separated, the first token naming the emitting subgraph
// (`feedback.item-routed`); a subscription's topic may end in `>` to match every topic below it.

/** One event as it travels on the bus. Payloads carry ids and codes, never personal data. */
export interface BusEvent {
  /** A UUID chosen when the event is written to the outbox: the publisher's and the consumers' dedup key. */
  readonly id: string;
  /** e.g. `feedback.item-routed`. */
  readonly topic: string;
  /** When the change happened (ISO 8601). */
  readonly occurredAt: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /**
   * Metadata beside the payload: the W3C trace context (`traceparent`, `tracestate`) of the change that
   * wrote the event, so its consumers continue that trace (subgraphs/kit/tracing.ts). Absent when untraced.
   */
  readonly trace?: Readonly<Record<string, string>>;
}

/** A message handed to a consumer. */
export interface Delivery {
  readonly event: BusEvent;
  /** 1 on the first delivery, more on redeliveries. */
  readonly attempt: number;
}

/** Handles one event; throwing (or rejecting) means "not done": the event is delivered again later. */
export type EventHandler = (delivery: Delivery) => Promise<void>;

/** A durable consumer: its name keeps its position across restarts (and is shared by replicas). */
export interface SubscribeOptions {
  /** Durable name, e.g. `notification-feedback`: letters, digits, `-` and `_`. */
  readonly consumer: string;
  /** Exact topic, or a prefix ending in `>` (`feedback.>`). */
  readonly topic: string;
  readonly handler: EventHandler;
  /**
   * How many deliveries this replica hands to the handler at once (default 1): with more, events finish
   * out of order, and a handler can write those that arrive together in one go. The in-process bus hands
   * over one at a time whatever this says.
   */
  readonly concurrency?: number;
}

/** A running subscription. */
export interface Subscription {
  /** Stop taking new deliveries and wait for the handler in flight. */
  stop(): Promise<void>;
  /**
   * A durable consumer's lag: events on its topic not yet handled (waiting, or delivered and not yet
   * acknowledged); undefined while the bus cannot tell (NATS unreachable). Live listeners have none.
   */
  pending?(): Promise<number | undefined>;
}

/** Told of each event a live listener sees (synchronously; it must not throw). */
export type LiveHandler = (event: BusEvent) => void;

/** What the outbox relay publishes to and consumers subscribe on. */
export interface EventBus {
  readonly kind: 'in-process' | 'nats';
  /**
   * False while the bus cannot be reached (NATS down or not reached yet): the outbox relay then leaves
   * rows unpublished, consumers wait to attach, and readiness says degraded. Undefined means always.
   */
  readonly available?: boolean;
  /**
   * Publish once; an event whose id was already published (within the dedup window) is dropped. Calls made
   * without waiting for each other are sent in the order they were made.
   */
  publish(event: BusEvent): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * Every event on `topic` (exact, or `prefix.>`) published from now on, in every process that listens:
   * no durable position, no acknowledgement, no redelivery (live updates: each replica must see each
   * event, where a durable consumer's replicas share them). A republished copy is dropped by its id.
   */
  listen(topic: string, handler: LiveHandler): Promise<Subscription>;
  /**
   * Tell the live listeners of every process about `event` now, without keeping it: no stream, no
   * acknowledgement, nothing for a durable consumer (a live feed's announcement, whose record is in the
   * database anyway). Best effort: throws when the bus cannot be reached, and the event is then lost.
   */
  announce(event: BusEvent): void;
  /** Stop every subscription and release connections. */
  close(): Promise<void>;
}

/** `bus` with its subscribe replaced (wrapping handlers or subscriptions); everything else passes through. */
export function withSubscribe(bus: EventBus, subscribe: EventBus['subscribe']): EventBus {
  return {
    kind: bus.kind,
    get available() {
      return bus.available;
    },
    publish: (event) => bus.publish(event),
    listen: (topic, handler) => bus.listen(topic, handler),
    announce: (event) => bus.announce(event),
    close: () => bus.close(),
    subscribe,
  };
}

const TOPIC = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;
const PATTERN = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*(\.>)?$/;
const CONSUMER = /^[A-Za-z0-9_-]{1,64}$/;

/** Throw unless `topic` is a concrete topic (`feedback.item-routed`). */
export function checkTopic(topic: string): void {
  if (!TOPIC.test(topic)) throw new Error(`invalid event topic "${topic}" (lower-case dot-separated tokens, at least two)`);
}

/** Throw unless the subscription is well formed. */
export function checkSubscription(options: SubscribeOptions): void {
  if (!PATTERN.test(options.topic) || options.topic === '>') throw new Error(`invalid topic pattern "${options.topic}"`);
  if (!CONSUMER.test(options.consumer)) throw new Error(`invalid consumer name "${options.consumer}"`);
  if (options.concurrency !== undefined && !(Number.isInteger(options.concurrency) && options.concurrency >= 1 && options.concurrency <= 1_000)) {
    throw new Error(`invalid concurrency ${options.concurrency} (a whole number from 1 to 1,000)`);
  }
}

/** Throw unless `topic` is a listen pattern (exact, or `prefix.>`). */
export function checkListenTopic(topic: string): void {
  if (!PATTERN.test(topic) || topic === '>') throw new Error(`invalid topic pattern "${topic}"`);
}

/** Remembers the last `size` event ids: live listeners drop a copy they have already seen. */
export function recentIds(size: number): (id: string) => boolean {
  const seen = new Set<string>();
  return (id) => {
    if (seen.has(id)) return false;
    seen.add(id);
    // A Set iterates in insertion order: the first entry is the oldest id.
    if (seen.size > size) seen.delete(seen.values().next().value as string);
    return true;
  };
}

/** Does `topic` match the subscription pattern (exact, or a `prefix.>`)? */
export function topicMatches(pattern: string, topic: string): boolean {
  if (pattern.endsWith('.>')) return topic.startsWith(pattern.slice(0, -1));
  return pattern === topic;
}

/** The first token of a topic: the emitting subgraph, and the JetStream stream it lives in. */
export function topicPrefix(topic: string): string {
  return topic.split('.', 1)[0] as string;
}

/** Delay before redelivery number `attempt` (1-based): doubling from `baseMs`, capped at `maxMs`. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
