// The bus across processes and machines: NATS JetStream (NATS_URL). One stream per topic prefix (the
// emitting subgraph: `feedback.>` lives in stream LIEN_THONG_FEEDBACK), file storage, a duplicate
// window for publisher dedup (the event id is the `Nats-Msg-Id` header), durable pull consumers with
// explicit acks: a message is acked after its handler succeeds and nak'ed with a backoff delay when it
// fails, so JetStream redelivers it. Every replica of a consumer shares its durable name, so each
// event goes to one of them. Announcements for live feeds (announce) go on plain subjects outside every
// stream: each listening process gets them, nothing keeps them.
//
// The bus connects in the background and never makes its subgraph wait for NATS: until the first
// connection (retried with backoff, as nats.js's `waitOnFirstConnect` would, but stoppable by close())
// and while a later outage lasts (nats.js reconnects by itself), `available` is false, the outbox keeps
// its rows and consumers attach (or re-attach) once NATS answers.
import { AckPolicy, DeliverPolicy, DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import type { Msg, NatsConnection } from '@nats-io/transport-node';
import { backoffMs, checkListenTopic, checkSubscription, checkTopic, recentIds, topicPrefix } from './bus.ts';
import type { BusEvent, EventBus, LiveHandler, SubscribeOptions, Subscription } from './bus.ts';

/** The subject token under the namespace for announcements (never a topic's first token: topics start with a letter or digit). */
const LIVE_TOKEN = '_live';

/** How to reach NATS and name things there. */
export interface NatsBusOptions {
  /** `nats://host:4222` (comma-separated for a cluster). */
  readonly servers: string;
  /** Connection name shown by the server (the subgraph's name). */
  readonly name: string;
  /** Subject and stream namespace, so several hubs (or test runs) can share a server. Default `lien-thong`. */
  readonly namespace?: string;
  /** Publisher dedup window. Default 2 minutes (JetStream's default). */
  readonly duplicateWindowMs?: number;
  /** How long events are kept in a stream. Default 7 days. */
  readonly maxAgeMs?: number;
  /** How long a delivered, unacknowledged message waits before JetStream redelivers it. Default 30 s. */
  readonly ackWaitMs?: number;
  /** First redelivery delay after a failed handler; doubles up to maxRedeliveryDelayMs. Defaults 1 s, 60 s. */
  readonly redeliveryDelayMs?: number;
  readonly maxRedeliveryDelayMs?: number;
  /** Until the first connection: first delay between attempts, doubling up to maxConnectDelayMs. Defaults 500 ms, 5 s. */
  readonly connectDelayMs?: number;
  readonly maxConnectDelayMs?: number;
  /** How long publish() waits for a first connection before it fails. Default 5 s. */
  readonly firstConnectWaitMs?: number;
  readonly onHandlerError?: (error: unknown, event: BusEvent | undefined, consumer: string, attempt: number) => void;
  /** Told when NATS becomes reachable or unreachable (with why, when known), for logs. */
  readonly onAvailabilityChange?: (available: boolean, error?: unknown) => void;
  /** Told when a consumer could not attach (it tries again with backoff). */
  readonly onSubscribeError?: (error: unknown, consumer: string) => void;
}

function token(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9_-]/g, '_');
}

/** A NATS connection with its JetStream handles. */
interface Link {
  readonly connection: NatsConnection;
  readonly manager: JetStreamManager;
  readonly client: JetStreamClient;
}

/** Return a JetStream-backed bus at once; it connects to NATS in the background (see `available`). */
export async function createNatsEventBus(options: NatsBusOptions): Promise<NatsEventBus> {
  return new NatsEventBus(options);
}

/** An EventBus on NATS JetStream. */
export class NatsEventBus implements EventBus {
  readonly kind = 'nats' as const;
  readonly #options: NatsBusOptions;
  readonly #namespace: string;
  readonly #streams = new Map<string, Promise<void>>();
  readonly #subscriptions = new Set<Subscription>();
  #link: Link | undefined;
  #available = false;
  #closed = false;
  /** Called when the link comes up or the bus closes: wakes whoever waits for either. */
  readonly #waiters = new Set<() => void>();
  readonly #connecting: Promise<void>;

  constructor(options: NatsBusOptions) {
    this.#options = options;
    this.#namespace = options.namespace ?? 'lien-thong';
    this.#connecting = this.#connect();
  }

  /** Whether NATS answers now. */
  get available(): boolean {
    return this.#available;
  }

  /** The stream holding topics of `prefix`. */
  streamName(prefix: string): string {
    return `${token(this.#namespace)}_${token(prefix)}`;
  }

  #subject(topic: string): string {
    return `${this.#namespace}.${topic}`;
  }

  /** Dial until the first connection succeeds or the bus closes; nats.js handles every later reconnect. */
  async #connect(): Promise<void> {
    const base = this.#options.connectDelayMs ?? 500;
    const cap = this.#options.maxConnectDelayMs ?? 5_000;
    for (let attempt = 1; !this.#closed; attempt += 1) {
      let connection: NatsConnection | undefined;
      try {
        connection = await connect({
          servers: this.#options.servers.split(',').map((server) => server.trim()),
          name: this.#options.name,
          maxReconnectAttempts: -1,
          // No stack captured up front for every request and JetStream publish in case it times out: that
          // was 3–5 % of a busy subgraph's CPU during a back-fill, for a stack nobody reads (a timeout
          // error names its subject either way).
          noAsyncTraces: true,
        });
        const link = { connection, manager: await jetstreamManager(connection), client: jetstream(connection) };
        if (this.#closed) {
          await connection.close();
          return;
        }
        this.#link = link;
        void this.#watch(connection);
        this.#setAvailable(true);
        return;
      } catch (error) {
        await connection?.close().catch(() => {});
        if (attempt === 1) this.#options.onAvailabilityChange?.(false, error);
        await this.#wait(backoffMs(attempt, base, cap));
      }
    }
  }

  async #watch(connection: NatsConnection): Promise<void> {
    for await (const status of connection.status()) {
      if (status.type === 'disconnect') this.#setAvailable(false);
      else if (status.type === 'reconnect') {
        // A restarted server may have lost what it had in memory: look the streams up again.
        this.#streams.clear();
        this.#setAvailable(true);
      }
    }
  }

  #setAvailable(available: boolean): void {
    if (available === this.#available) return;
    this.#available = available;
    this.#options.onAvailabilityChange?.(available);
    if (available) this.#wakeAll();
  }

  #wakeAll(): void {
    for (const wake of [...this.#waiters]) wake();
  }

  /** Sleep `ms`, or less when the link comes up or the bus closes. */
  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
    });
  }

  /** The link, waiting up to `waitMs` for a first connection. */
  async #linkWithin(waitMs: number): Promise<Link> {
    if (this.#closed) throw new Error('the event bus is closed');
    if (!this.#link) await this.#wait(waitMs);
    if (this.#closed) throw new Error('the event bus is closed');
    if (!this.#link) throw new Error('the event bus is unavailable: NATS has not been reached yet');
    return this.#link;
  }

  /** Create the stream for `prefix` unless it exists (idempotent across replicas). */
  #ensureStream(link: Link, prefix: string): Promise<void> {
    let pending = this.#streams.get(prefix);
    if (!pending) {
      pending = this.#createStream(link, prefix);
      pending.catch(() => this.#streams.delete(prefix));
      this.#streams.set(prefix, pending);
    }
    return pending;
  }

  async #createStream(link: Link, prefix: string): Promise<void> {
    const name = this.streamName(prefix);
    const config = {
      name,
      subjects: [`${this.#namespace}.${prefix}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_age: nanos(this.#options.maxAgeMs ?? 7 * 86_400_000),
      duplicate_window: nanos(this.#options.duplicateWindowMs ?? 120_000),
    };
    try {
      await link.manager.streams.info(name);
      return;
    } catch {
      // Not there yet: create it below.
    }
    try {
      await link.manager.streams.add(config);
    } catch (error) {
      // Another replica created it meanwhile.
      await link.manager.streams.info(name).catch(() => {
        throw error;
      });
    }
  }

  async publish(event: BusEvent): Promise<void> {
    checkTopic(event.topic);
    const link = await this.#linkWithin(this.#options.firstConnectWaitMs ?? 5_000);
    await this.#ensureStream(link, topicPrefix(event.topic));
    await link.client.publish(this.#subject(event.topic), JSON.stringify(event), { msgID: event.id });
  }

  /**
   * A plain NATS publish on the topic's live subject (`<namespace>._live.<topic>`): listeners subscribe to
   * it beside the topic's own subject, and no stream captures it (a stream takes every publish on its
   * subjects, JetStream's or not).
   */
  announce(event: BusEvent): void {
    checkTopic(event.topic);
    const link = this.#link;
    if (!link || !this.#available || this.#closed) throw new Error('NATS is not reachable');
    link.connection.publish(this.#liveSubject(event.topic), JSON.stringify(event));
  }

  #liveSubject(topic: string): string {
    return `${this.#namespace}.${LIVE_TOKEN}.${topic}`;
  }

  /** Subscribe a durable consumer; it attaches now if NATS answers, else as soon as it does, and re-attaches if its messages end. */
  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    checkSubscription(options);
    if (this.#closed) throw new Error('the event bus is closed');
    let stopped = false;
    let messages: ConsumerMessages | undefined;
    const base = this.#options.redeliveryDelayMs ?? 1_000;
    const cap = this.#options.maxRedeliveryDelayMs ?? 60_000;
    const loop = (async () => {
      for (let failures = 0; !stopped && !this.#closed;) {
        const link = this.#link;
        if (!link || !this.#available) {
          await this.#wait(60_000);
          continue;
        }
        try {
          messages = await this.#attach(link, options);
          if (stopped) messages.stop();
          // Up to `concurrency` handlers at once; the loop waits for a free one before taking the next message.
          const running = new Set<Promise<void>>();
          for await (const message of messages) {
            failures = 0;
            const handled = this.#handle(message, options, base, cap);
            running.add(handled);
            void handled.finally(() => running.delete(handled)).catch(() => {});
            if (running.size >= (options.concurrency ?? 1)) await Promise.race(running);
          }
          await Promise.all(running);
          if (stopped || this.#closed) return;
          throw new Error('the consumer stopped receiving messages');
        } catch (error) {
          if (stopped || this.#closed) return;
          failures += 1;
          this.#options.onSubscribeError?.(error, options.consumer);
          await this.#wait(backoffMs(failures, 500, 30_000));
        }
      }
    })();
    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        this.#subscriptions.delete(subscription);
        messages?.stop();
        this.#wakeAll();
        await loop.catch(() => {});
      },
      pending: async () => {
        const link = this.#link;
        if (!link || !this.#available) return undefined;
        try {
          const info = await link.manager.consumers.info(this.streamName(topicPrefix(options.topic)), token(options.consumer));
          return info.num_pending + info.num_ack_pending;
        } catch {
          return undefined; // not created yet, or NATS went away between the check and the call
        }
      },
    };
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Listen with a plain NATS subscription on the topic's subject: a JetStream publish reaches it too, and
   * nats.js renews it after every reconnect. It starts once NATS is first reached. JetStream drops a
   * republished event (same id) but plain subscribers still get the copy: it is dropped here by its id.
   */
  async listen(topic: string, handler: LiveHandler): Promise<Subscription> {
    checkListenTopic(topic);
    if (this.#closed) throw new Error('the event bus is closed');
    let stopped = false;
    let unsubscribe: (() => void) | undefined;
    const fresh = recentIds(10_000);
    const started = (async () => {
      while (!stopped && !this.#closed && !this.#link) await this.#wait(60_000);
      const link = this.#link;
      if (stopped || this.#closed || !link) return;
      const callback = (error: Error | null, message: Msg) => {
        if (error) return;
        let event: BusEvent;
        try {
          event = message.json<BusEvent>();
        } catch {
          return;
        }
        if (typeof event.id === 'string' && fresh(event.id)) handler(event);
      };
      // Published events (the topic's subject) and announcements (its live subject).
      const subscriptions = [this.#subject(topic), this.#liveSubject(topic)].map((subject) => link.connection.subscribe(subject, { callback }));
      unsubscribe = () => subscriptions.forEach((subscription) => subscription.unsubscribe());
    })();
    const subscription: Subscription = {
      stop: async () => {
        stopped = true;
        this.#subscriptions.delete(subscription);
        this.#wakeAll();
        await started;
        unsubscribe?.();
      },
    };
    this.#subscriptions.add(subscription);
    return subscription;
  }

  async #attach(link: Link, options: SubscribeOptions): Promise<ConsumerMessages> {
    const prefix = topicPrefix(options.topic);
    const stream = this.streamName(prefix);
    await this.#ensureStream(link, prefix);
    const durable = token(options.consumer);
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.#subject(options.topic),
      ack_wait: nanos(this.#options.ackWaitMs ?? 30_000),
      max_deliver: -1,
    };
    try {
      await link.manager.consumers.add(stream, config);
    } catch {
      // It exists with other settings (an older release, another ack wait): bring it up to date.
      await link.manager.consumers.update(stream, durable, { ack_wait: config.ack_wait, filter_subject: config.filter_subject, max_deliver: config.max_deliver });
    }
    const consumer = await link.client.consumers.get(stream, durable);
    return consumer.consume({ max_messages: Math.max(16, options.concurrency ?? 1) });
  }

  async #handle(message: JsMsg, options: SubscribeOptions, base: number, cap: number): Promise<void> {
    const attempt = message.info.deliveryCount;
    let event: BusEvent;
    try {
      event = message.json<BusEvent>();
    } catch (error) {
      // Not one of ours and never will be: stop redelivering it.
      this.#options.onHandlerError?.(error, undefined, options.consumer, attempt);
      message.term('not a JSON event');
      return;
    }
    try {
      // Long handlers tell JetStream they are alive, so it does not redeliver meanwhile.
      const heartbeat = setInterval(() => message.working(), Math.max(1_000, (this.#options.ackWaitMs ?? 30_000) / 2));
      try {
        await options.handler({ event, attempt });
      } finally {
        clearInterval(heartbeat);
      }
      // A plain ack, not a confirmed one: waiting for the server's receipt was a round trip per event, and
      // an ack lost on the way only redelivers an event the handler has already claimed (at-least-once).
      message.ack();
    } catch (error) {
      this.#options.onHandlerError?.(error, event, options.consumer, attempt);
      message.nak(backoffMs(attempt, base, cap));
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#wakeAll();
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.stop()));
    await this.#connecting;
    this.#available = false;
    const connection = this.#link?.connection;
    if (connection && !connection.isClosed()) await connection.drain();
  }

  /** Delete this bus's streams (tests clean up their namespace with it). */
  async deleteStreams(prefixes: readonly string[]): Promise<void> {
    const link = await this.#linkWithin(this.#options.firstConnectWaitMs ?? 5_000);
    for (const prefix of prefixes) await link.manager.streams.delete(this.streamName(prefix)).catch(() => false);
  }
}
