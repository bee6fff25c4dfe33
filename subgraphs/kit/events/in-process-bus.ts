// The bus of one process (`npm start` hosts the four subgraphs in one process, so one instance passed
// to all of them connects the feedback outbox to the notification consumer). It behaves like the
// JetStream bus on a small scale: a bounded log of events, publisher dedup by event id, durable named
// consumers that keep their position (a consumer subscribing late still gets what was retained), one
// event at a time per consumer, and redelivery with backoff until the handler succeeds. Nothing
// survives the process; the outbox rows do, which is what makes that acceptable on one machine.
import { backoffMs, checkListenTopic, checkSubscription, checkTopic, recentIds, topicMatches } from './bus.ts';
import type { BusEvent, EventBus, EventHandler, LiveHandler, SubscribeOptions, Subscription } from './bus.ts';

/** Tuning, mostly for tests. */
export interface InProcessBusOptions {
  /** Events kept for consumers that have not caught up (oldest dropped first). Default 10,000. */
  readonly maxRetained?: number;
  /** Event ids remembered for publisher dedup. Default 10,000. */
  readonly dedupWindow?: number;
  /** First redelivery delay; doubles up to maxRedeliveryDelayMs. Defaults 1,000 and 60,000. */
  readonly redeliveryDelayMs?: number;
  readonly maxRedeliveryDelayMs?: number;
  /** Told about each failed handler call (the bus logs nothing itself). */
  readonly onHandlerError?: (error: unknown, event: BusEvent, consumer: string, attempt: number) => void;
}

interface ConsumerState {
  readonly name: string;
  readonly topic: string;
  /** Sequence number of the next event to look at. */
  cursor: number;
  handler: EventHandler | undefined;
  running: Promise<void> | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Deliveries so far of the event at the cursor. */
  attempt: number;
}

/** An EventBus inside this process. */
export class InProcessEventBus implements EventBus {
  readonly kind = 'in-process' as const;
  /** In this process: reachable as long as the process runs. */
  readonly available = true;
  readonly #log: { seq: number; event: BusEvent }[] = [];
  #nextSeq = 1;
  /** Publisher dedup by event id, as JetStream's duplicate window; announcements have their own, as NATS listeners do. */
  readonly #freshPublish: (id: string) => boolean;
  readonly #freshAnnouncement: (id: string) => boolean;
  readonly #consumers = new Map<string, ConsumerState>();
  readonly #listeners = new Set<{ readonly topic: string; readonly handler: LiveHandler }>();
  readonly #options: Required<Omit<InProcessBusOptions, 'onHandlerError'>> & Pick<InProcessBusOptions, 'onHandlerError'>;
  #closed = false;

  constructor(options: InProcessBusOptions = {}) {
    this.#options = {
      maxRetained: options.maxRetained ?? 10_000,
      dedupWindow: options.dedupWindow ?? 10_000,
      redeliveryDelayMs: options.redeliveryDelayMs ?? 1_000,
      maxRedeliveryDelayMs: options.maxRedeliveryDelayMs ?? 60_000,
      onHandlerError: options.onHandlerError,
    };
    this.#freshPublish = recentIds(this.#options.dedupWindow);
    this.#freshAnnouncement = recentIds(this.#options.dedupWindow);
  }

  async publish(event: BusEvent): Promise<void> {
    if (this.#closed) throw new Error('the event bus is closed');
    checkTopic(event.topic);
    if (!this.#freshPublish(event.id)) return;
    this.#log.push({ seq: this.#nextSeq++, event: structuredClone(event) });
    if (this.#log.length > this.#options.maxRetained) this.#log.shift();
    for (const consumer of this.#consumers.values()) this.#wake(consumer);
    this.#tellListeners(event);
  }

  announce(event: BusEvent): void {
    if (this.#closed) throw new Error('the event bus is closed');
    checkTopic(event.topic);
    if (this.#freshAnnouncement(event.id)) this.#tellListeners(event);
  }

  #tellListeners(event: BusEvent): void {
    if (this.#listeners.size === 0) return;
    const copy = structuredClone(event);
    // After publish() or announce() returns, as over the network.
    setImmediate(() => {
      for (const listener of this.#listeners) if (topicMatches(listener.topic, copy.topic)) listener.handler(copy);
    });
  }

  async listen(topic: string, handler: LiveHandler): Promise<Subscription> {
    if (this.#closed) throw new Error('the event bus is closed');
    checkListenTopic(topic);
    const listener = { topic, handler };
    this.#listeners.add(listener);
    return {
      stop: async () => {
        this.#listeners.delete(listener);
      },
    };
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.#closed) throw new Error('the event bus is closed');
    checkSubscription(options);
    let consumer = this.#consumers.get(options.consumer);
    if (consumer?.handler) throw new Error(`consumer "${options.consumer}" is already subscribed in this process`);
    if (consumer && consumer.topic !== options.topic) throw new Error(`consumer "${options.consumer}" was created for topic ${consumer.topic}`);
    if (!consumer) {
      // A new durable consumer starts at the oldest retained event, like JetStream's DeliverPolicy.All.
      consumer = { name: options.consumer, topic: options.topic, cursor: 0, handler: undefined, running: undefined, timer: undefined, attempt: 0 };
      this.#consumers.set(options.consumer, consumer);
    }
    consumer.handler = options.handler;
    this.#wake(consumer);
    const state = consumer;
    return {
      stop: async () => {
        state.handler = undefined;
        if (state.timer) clearTimeout(state.timer);
        state.timer = undefined;
        await state.running;
      },
      pending: async () => this.#log.filter((entry) => entry.seq >= state.cursor && topicMatches(state.topic, entry.event.topic)).length,
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#listeners.clear();
    for (const consumer of this.#consumers.values()) {
      consumer.handler = undefined;
      if (consumer.timer) clearTimeout(consumer.timer);
    }
    await Promise.all([...this.#consumers.values()].flatMap((consumer) => (consumer.running ? [consumer.running] : [])));
  }

  #wake(consumer: ConsumerState): void {
    if (consumer.running || consumer.timer || !consumer.handler) return;
    consumer.running = this.#drain(consumer).finally(() => {
      consumer.running = undefined;
      // An event published between the drain's last look and now would otherwise wait for the next one.
      if (!consumer.timer && this.#nextMatching(consumer)) this.#wake(consumer);
    });
  }

  #nextMatching(consumer: ConsumerState): { seq: number; event: BusEvent } | undefined {
    const first = this.#log[0];
    if (!first) return undefined;
    for (let index = Math.max(0, consumer.cursor - first.seq); index < this.#log.length; index += 1) {
      const entry = this.#log[index]!;
      if (topicMatches(consumer.topic, entry.event.topic)) return entry;
    }
    return undefined;
  }

  async #drain(consumer: ConsumerState): Promise<void> {
    // Yield first, so publish() returns before any handler runs (as it would over the network).
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (;;) {
      const handler = consumer.handler;
      if (!handler) return;
      const next = this.#nextMatching(consumer);
      if (!next) {
        consumer.cursor = this.#nextSeq;
        return;
      }
      if (next.seq !== consumer.cursor) {
        consumer.cursor = next.seq;
        consumer.attempt = 0;
      }
      consumer.attempt += 1;
      try {
        await handler({ event: structuredClone(next.event), attempt: consumer.attempt });
        consumer.cursor = next.seq + 1;
        consumer.attempt = 0;
      } catch (error) {
        this.#options.onHandlerError?.(error, next.event, consumer.name, consumer.attempt);
        const delay = backoffMs(consumer.attempt, this.#options.redeliveryDelayMs, this.#options.maxRedeliveryDelayMs);
        consumer.timer = setTimeout(() => {
          consumer.timer = undefined;
          this.#wake(consumer);
        }, delay);
        consumer.timer.unref();
        return;
      }
    }
  }
}
