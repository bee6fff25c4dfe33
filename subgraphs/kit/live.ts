// Live updates of a subgraph: its Subscription fields read the event bus's live feed (EventBus.listen,
// which every replica receives, through NATS when configured), one bus listener per topic in this
// process shared by every open subscription. Each subscription selects, per event, what it may show its
// viewer (the same ownership checks as its queries); a slow client loses its oldest events, never the
// process's memory (the inbox keeps them all).
import type { BusEvent, EventBus, Subscription } from './events/bus.ts';
import type { Logger } from '../../platform/logger.ts';
import { codedError } from '../../schema/errors.ts';

/** Events a subscription may hold before its oldest are dropped. */
const QUEUE_LIMIT = 256;

/** Turns an event into what a subscriber is sent, or undefined when it is not theirs. */
export type LiveSelector<T> = (event: BusEvent) => T | undefined | Promise<T | undefined>;

interface Listener {
  push(event: BusEvent): void;
}

/** Only events whose payload field `field` equals `value` (the viewer's subject, say) reach a subscriber. */
export interface LiveKey {
  readonly field: string;
  readonly value: string;
}

interface Topic {
  /** Subscribers without a key: every event. */
  readonly listeners: Set<Listener>;
  /** Subscribers with a key, by field then value: an event reaches only its own (no work per other subscriber). */
  readonly keyed: Map<string, Map<string, Set<Listener>>>;
  readonly subscription: Promise<Subscription>;
}

/** The live feed of one subgraph process. */
export class LiveFeed {
  readonly #bus: EventBus;
  readonly #logger: Logger;
  readonly #topics = new Map<string, Topic>();

  constructor(bus: EventBus, logger: Logger) {
    this.#bus = bus;
    this.#logger = logger;
  }

  /** How many subscriptions are open in this process. */
  get size(): number {
    let size = 0;
    for (const topic of this.#topics.values()) {
      size += topic.listeners.size;
      for (const byValue of topic.keyed.values()) for (const listeners of byValue.values()) size += listeners.size;
    }
    return size;
  }

  /** The values `select` makes of the events on `topic` (those matching `key`, when given) from now on; ends when the subscriber returns. */
  events<T>(topic: string, select: LiveSelector<T>, key?: LiveKey): AsyncIterableIterator<T> {
    const queue: BusEvent[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const listener: Listener = {
      push: (event) => {
        if (queue.length >= QUEUE_LIMIT) queue.shift();
        queue.push(event);
        wake?.();
      },
    };
    this.#add(topic, listener, key);
    const finish = async (): Promise<IteratorResult<T>> => {
      if (!done) {
        done = true;
        wake?.();
        await this.#remove(topic, listener, key);
      }
      return { done: true, value: undefined };
    };
    const iterator: AsyncIterableIterator<T> = {
      next: async () => {
        while (!done) {
          const event = queue.shift();
          if (!event) {
            await new Promise<void>((resolve) => (wake = resolve));
            wake = undefined;
            continue;
          }
          const value = await select(event);
          if (value !== undefined && !done) return { done: false, value };
        }
        return { done: true, value: undefined };
      },
      return: finish,
      throw: async (error: unknown) => {
        await finish();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  #add(topic: string, listener: Listener, key: LiveKey | undefined): void {
    let entry = this.#topics.get(topic);
    if (!entry) {
      const listeners = new Set<Listener>();
      const keyed = new Map<string, Map<string, Set<Listener>>>();
      const subscription = this.#bus.listen(topic, (event) => {
        for (const one of listeners) one.push(event);
        for (const [field, byValue] of keyed) {
          const value = event.payload[field];
          if (typeof value !== 'string') continue;
          for (const one of byValue.get(value) ?? []) one.push(event);
        }
      });
      subscription.catch((error: unknown) => this.#logger.error({ err: error, topic }, 'live feed could not listen'));
      entry = { listeners, keyed, subscription };
      this.#topics.set(topic, entry);
    }
    if (!key) {
      entry.listeners.add(listener);
      return;
    }
    let byValue = entry.keyed.get(key.field);
    if (!byValue) entry.keyed.set(key.field, (byValue = new Map<string, Set<Listener>>()));
    let listeners = byValue.get(key.value);
    if (!listeners) byValue.set(key.value, (listeners = new Set<Listener>()));
    listeners.add(listener);
  }

  async #remove(topic: string, listener: Listener, key: LiveKey | undefined): Promise<void> {
    const entry = this.#topics.get(topic);
    if (!entry) return;
    if (key) {
      const byValue = entry.keyed.get(key.field);
      const listeners = byValue?.get(key.value);
      listeners?.delete(listener);
      if (listeners?.size === 0) byValue!.delete(key.value);
      if (byValue?.size === 0) entry.keyed.delete(key.field);
    } else entry.listeners.delete(listener);
    if (entry.listeners.size > 0 || entry.keyed.size > 0) return;
    this.#topics.delete(topic);
    await (await entry.subscription.catch(() => undefined))?.stop();
  }

  /** Stop listening (open subscriptions get nothing more). */
  async close(): Promise<void> {
    const entries = [...this.#topics.values()];
    this.#topics.clear();
    await Promise.all(entries.map(async (entry) => (await entry.subscription.catch(() => undefined))?.stop()));
  }
}

/** The context's live feed, or SERVICE_UNAVAILABLE when this subgraph runs without a bus. */
export function liveFeedOf(context: { readonly live?: LiveFeed }): LiveFeed {
  if (!context.live) throw codedError('SERVICE_UNAVAILABLE', 'Live updates are not available from this service.');
  return context.live;
}
