// The bus across processes and machines: NATS JetStream (NATS_URL). One stream per topic prefix (the
// emitting subgraph: `feedback.>` lives in stream LIEN_THONG_FEEDBACK), file storage, a duplicate
// window for publisher dedup (the event id is the `Nats-Msg-Id` header), durable pull consumers with
// explicit acks: a message is acked after its handler succeeds and nak'ed with a backoff delay when it
// fails, so JetStream redelivers it. Every replica of a consumer shares its durable name, so each
// event goes to one of them.
import { AckPolicy, DeliverPolicy, DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { backoffMs, checkSubscription, checkTopic, topicPrefix } from './bus.ts';
import type { BusEvent, EventBus, SubscribeOptions, Subscription } from './bus.ts';

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
  readonly onHandlerError?: (error: unknown, event: BusEvent | undefined, consumer: string, attempt: number) => void;
}

function token(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9_-]/g, '_');
}

/** Connect to NATS and return a JetStream-backed bus. */
export async function createNatsEventBus(options: NatsBusOptions): Promise<NatsEventBus> {
  const connection = await connect({
    servers: options.servers.split(',').map((server) => server.trim()),
    name: options.name,
    maxReconnectAttempts: -1,
  });
  return new NatsEventBus(connection, await jetstreamManager(connection), options);
}

/** An EventBus on NATS JetStream. */
export class NatsEventBus implements EventBus {
  readonly kind = 'nats' as const;
  readonly #connection: NatsConnection;
  readonly #manager: JetStreamManager;
  readonly #client: JetStreamClient;
  readonly #options: NatsBusOptions;
  readonly #namespace: string;
  readonly #streams = new Map<string, Promise<void>>();
  readonly #subscriptions = new Set<Subscription>();

  constructor(connection: NatsConnection, manager: JetStreamManager, options: NatsBusOptions) {
    this.#connection = connection;
    this.#manager = manager;
    this.#client = jetstream(connection);
    this.#options = options;
    this.#namespace = options.namespace ?? 'lien-thong';
  }

  /** The stream holding topics of `prefix`. */
  streamName(prefix: string): string {
    return `${token(this.#namespace)}_${token(prefix)}`;
  }

  #subject(topic: string): string {
    return `${this.#namespace}.${topic}`;
  }

  /** Create the stream for `prefix` unless it exists (idempotent across replicas). */
  #ensureStream(prefix: string): Promise<void> {
    let pending = this.#streams.get(prefix);
    if (!pending) {
      pending = this.#createStream(prefix);
      pending.catch(() => this.#streams.delete(prefix));
      this.#streams.set(prefix, pending);
    }
    return pending;
  }

  async #createStream(prefix: string): Promise<void> {
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
      await this.#manager.streams.info(name);
      return;
    } catch {
      // Not there yet: create it below.
    }
    try {
      await this.#manager.streams.add(config);
    } catch (error) {
      // Another replica created it meanwhile.
      await this.#manager.streams.info(name).catch(() => {
        throw error;
      });
    }
  }

  async publish(event: BusEvent): Promise<void> {
    checkTopic(event.topic);
    await this.#ensureStream(topicPrefix(event.topic));
    await this.#client.publish(this.#subject(event.topic), JSON.stringify(event), { msgID: event.id });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    checkSubscription(options);
    const prefix = topicPrefix(options.topic);
    const stream = this.streamName(prefix);
    await this.#ensureStream(prefix);
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
      await this.#manager.consumers.add(stream, config);
    } catch {
      // It exists with other settings (an older release, another ack wait): bring it up to date.
      await this.#manager.consumers.update(stream, durable, { ack_wait: config.ack_wait, filter_subject: config.filter_subject, max_deliver: config.max_deliver });
    }
    const consumer = await this.#client.consumers.get(stream, durable);
    const messages: ConsumerMessages = await consumer.consume({ max_messages: 16 });
    const base = this.#options.redeliveryDelayMs ?? 1_000;
    const cap = this.#options.maxRedeliveryDelayMs ?? 60_000;
    const loop = (async () => {
      for await (const message of messages) await this.#handle(message, options, base, cap);
    })();
    const subscription: Subscription = {
      stop: async () => {
        this.#subscriptions.delete(subscription);
        messages.stop();
        await loop.catch(() => {});
      },
    };
    this.#subscriptions.add(subscription);
    return subscription;
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
      await message.ackAck().catch(() => message.ack());
    } catch (error) {
      this.#options.onHandlerError?.(error, event, options.consumer, attempt);
      message.nak(backoffMs(attempt, base, cap));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.stop()));
    if (!this.#connection.isClosed()) await this.#connection.drain();
  }

  /** Delete this bus's streams (tests clean up their namespace with it). */
  async deleteStreams(prefixes: readonly string[]): Promise<void> {
    for (const prefix of prefixes) await this.#manager.streams.delete(this.streamName(prefix)).catch(() => false);
  }
}
