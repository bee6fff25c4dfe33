// The gateway's side of its subscriptions to the owning subgraphs: one graphql-ws connection per subgraph
// (per gateway process) carries every client's subscription to it, so 10,000 clients cost 10,000 sockets
// here, not 20,000, and the subgraph holds one. The connection's upgrade request carries an anonymous
// internal token; each subscribe message names its own viewer with a fresh internal token in mercurius's
// per-operation `connectionInit` extension (subgraphs/kit/server.ts). When the connection drops (the
// subgraph restarts, a replica goes away) it connects again with backoff and subscribes every open
// subscription again; events published meanwhile are not replayed (the inbox has them). The subgraph's
// own errors end that one stream; its `complete` ends it too. The last subscription to end closes the
// connection.
import { GraphQLError } from 'graphql';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import WebSocket from 'ws';
import type { RawData } from 'ws';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { traceHeaders } from '../../platform/tracing.ts';
import { createChannel } from './channel.ts';
import type { Channel } from './channel.ts';

/** The graphql-ws library's protocol (mercurius speaks it too). */
const PROTOCOL = 'graphql-transport-ws';

/** One subscription to a subgraph. */
export interface UpstreamOptions {
  /** The subgraph's GraphQL URL (http or https; ws or wss is used). */
  readonly url: string;
  readonly query: string;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown>;
  /** A fresh internal token for the subscription's viewer, each time it is sent. */
  readonly sign: () => Promise<string>;
  readonly log: Logger;
  readonly service: string;
}

/** The upstream connections of one gateway process. */
export interface UpstreamPool {
  /** The subgraph's results, resubscribing after a lost connection until the caller returns or the subgraph completes. */
  subscribe(options: UpstreamOptions): AsyncIterableIterator<ExecutionResult>;
  /** How many upstream connections are open or opening (one per subgraph with open subscriptions). */
  connections(): number;
  /** End every subscription and connection (the gateway closes). */
  close(): void;
}

export interface UpstreamPoolOptions {
  /** An internal token for a connection's upgrade request (anonymous: each subscription names its viewer). */
  readonly signConnection: () => Promise<string>;
  readonly log: Logger;
  /** First reconnect delay, doubling up to 5 s. Default 200 ms. */
  readonly reconnectDelayMs?: number;
}

interface Upstream {
  readonly options: UpstreamOptions;
  readonly channel: Channel<ExecutionResult>;
}

/** The pool; subscriptions to the same URL share one connection. */
export function createUpstreamPool(pool: UpstreamPoolOptions): UpstreamPool {
  const connections = new Map<string, Multiplexer>();
  let closed = false;
  return {
    subscribe(options) {
      const url = options.url.replace(/^http/, 'ws');
      if (closed) return endedWith(options.service);
      let multiplexer = connections.get(url);
      if (!multiplexer) {
        multiplexer = new Multiplexer(url, pool, () => connections.delete(url));
        connections.set(url, multiplexer);
      }
      return multiplexer.add(options);
    },
    connections: () => connections.size,
    close() {
      closed = true;
      for (const multiplexer of connections.values()) multiplexer.close();
      connections.clear();
    },
  };
}

/** One connection to one subgraph URL and the subscriptions it carries. */
class Multiplexer {
  readonly #url: string;
  readonly #pool: UpstreamPoolOptions;
  readonly #onIdle: () => void;
  readonly #subscriptions = new Map<string, Upstream>();
  #socket: WebSocket | undefined;
  #acknowledged = false;
  #failures = 0;
  #retry: NodeJS.Timeout | undefined;
  /** Signing the connection's token, before its socket exists: no second connection meanwhile. */
  #connecting = false;
  #nextId = 0;
  #closed = false;

  constructor(url: string, pool: UpstreamPoolOptions, onIdle: () => void) {
    this.#url = url;
    this.#pool = pool;
    this.#onIdle = onIdle;
  }

  add(options: UpstreamOptions): AsyncIterableIterator<ExecutionResult> {
    const id = String((this.#nextId += 1));
    const channel = createChannel<ExecutionResult>(() => this.#remove(id, true));
    const upstream: Upstream = { options, channel };
    this.#subscriptions.set(id, upstream);
    if (this.#acknowledged) void this.#send(id, upstream);
    else if (!this.#socket && !this.#retry && !this.#connecting) void this.#connect();
    return channel;
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#retry);
    for (const upstream of [...this.#subscriptions.values()]) upstream.channel.end();
    this.#socket?.terminate();
  }

  /** A subscription ended: tell the subgraph (unless it ended it), and close the connection when it was the last. */
  #remove(id: string, tellSubgraph: boolean): void {
    if (!this.#subscriptions.delete(id)) return;
    if (tellSubgraph && this.#acknowledged) this.#write({ id, type: 'complete' });
    if (this.#subscriptions.size > 0 || this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retry);
    this.#onIdle();
    this.#socket?.close(1000, 'Normal Closure');
  }

  async #connect(): Promise<void> {
    let token: string;
    this.#connecting = true;
    try {
      token = await this.#pool.signConnection();
    } catch (error) {
      this.#connecting = false;
      this.#pool.log.error({ err: error }, 'internal token could not be signed for a subscription connection');
      for (const upstream of [...this.#subscriptions.values()]) {
        upstream.channel.push({ errors: [new GraphQLError('Unexpected error.')] });
        upstream.channel.end();
      }
      return;
    }
    this.#connecting = false;
    if (this.#closed) return;
    // The token rides on the upgrade request, where the subgraph's internal-token check reads it; the
    // trace context too, when tracing.
    const socket = new WebSocket(this.#url, PROTOCOL, { headers: { authorization: `Bearer ${token}`, ...traceHeaders() } });
    this.#socket = socket;
    socket.on('open', () => this.#write({ type: 'connection_init', payload: {} }));
    socket.on('message', (data) => this.#receive(data));
    socket.on('error', () => {});
    socket.on('close', () => this.#lost(socket));
  }

  #receive(data: RawData): void {
    let message: { type?: unknown; id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8')) as typeof message;
    } catch {
      this.#socket?.terminate();
      return;
    }
    const upstream = typeof message.id === 'string' ? this.#subscriptions.get(message.id) : undefined;
    switch (message.type) {
      case 'connection_ack':
        this.#acknowledged = true;
        for (const [id, each] of this.#subscriptions) void this.#send(id, each);
        return;
      case 'ping':
        this.#write({ type: 'pong' });
        return;
      case 'next': {
        if (!upstream) return;
        this.#failures = 0;
        const result = message.payload as { data?: unknown; errors?: GraphQLFormattedError[] } | undefined;
        upstream.channel.push(fromWire(result?.data, result?.errors, upstream.options.service));
        return;
      }
      case 'error':
        // The subgraph refused the operation: its coded errors, then the end of that stream.
        if (!upstream) return;
        upstream.channel.push(fromWire(null, Array.isArray(message.payload) ? (message.payload as GraphQLFormattedError[]) : [{ message: 'Unexpected error.' }], upstream.options.service));
        this.#remove(message.id as string, false);
        upstream.channel.end();
        return;
      case 'complete':
        if (!upstream) return;
        this.#remove(message.id as string, false);
        upstream.channel.end();
        return;
      default:
        return;
    }
  }

  /** Subscribe one operation on the acknowledged connection, with a fresh token for its viewer. */
  async #send(id: string, upstream: Upstream): Promise<void> {
    const socket = this.#socket;
    let token: string;
    try {
      token = await upstream.options.sign();
    } catch (error) {
      upstream.options.log.error({ err: error }, 'internal token could not be signed for a subscription');
      upstream.channel.push({ errors: [new GraphQLError('Unexpected error.')] });
      upstream.channel.end();
      return;
    }
    // Ended meanwhile, or the connection was replaced (the new one subscribes it again).
    if (this.#subscriptions.get(id) !== upstream || this.#socket !== socket || !this.#acknowledged) return;
    const { query, variables, operationName } = upstream.options;
    this.#write({
      id,
      type: 'subscribe',
      payload: { query, variables, ...(operationName ? { operationName } : {}) },
      extensions: [{ type: 'connectionInit', payload: { authorization: `Bearer ${token}` } }],
    });
  }

  #write(message: Record<string, unknown>): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }

  /** The connection closed: connect again with backoff while subscriptions remain. */
  #lost(socket: WebSocket): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    this.#acknowledged = false;
    if (this.#closed || this.#subscriptions.size === 0) return;
    this.#failures += 1;
    this.#pool.log.warn({ url: this.#url, attempt: this.#failures, subscriptions: this.#subscriptions.size }, 'subscription connection to the subgraph lost; resubscribing');
    const delay = Math.min(5_000, (this.#pool.reconnectDelayMs ?? 200) * 2 ** (this.#failures - 1));
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.#connect();
    }, delay);
  }
}

/** A stream that ends at once: the gateway is closing. */
function endedWith(service: string): AsyncIterableIterator<ExecutionResult> {
  const channel = createChannel<ExecutionResult>(() => {});
  channel.push(fromWire(null, [{ message: 'The gateway is shutting down.', extensions: { code: 'SERVICE_UNAVAILABLE' } }], service));
  channel.end();
  return channel;
}

/** A result from the wire as GraphQL errors (codes kept, the subgraph named), for shaping and masking. */
function fromWire(data: unknown, errors: readonly GraphQLFormattedError[] | undefined, service: string): ExecutionResult {
  const result: ExecutionResult = { data: (data ?? null) as Record<string, unknown> | null };
  if (errors?.length) {
    return {
      ...result,
      errors: errors.map(
        (error) =>
          new GraphQLError(error.message, {
            ...(error.path ? { path: error.path } : {}),
            extensions: { ...error.extensions, code: error.extensions?.['code'] ?? 'DOWNSTREAM_SERVICE_ERROR', serviceName: service },
          }),
      ),
    };
  }
  return result;
}
