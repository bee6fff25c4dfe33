// The gateway's side of a subscription to its owning subgraph: graphql-ws over a WebSocket to the
// subgraph's /graphql, with a fresh internal token (60 s) on the upgrade request of every connection.
// When the connection drops (the subgraph restarts, a replica goes away) it connects again with backoff
// and subscribes again; events published meanwhile are not replayed (the inbox has them). The
// subgraph's own errors end the stream; its `complete` ends it too.
import { GraphQLError } from 'graphql';
import type { ExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { FastifyBaseLogger as Logger } from 'fastify';
import { traceHeaders } from '../../platform/tracing.ts';
import { createChannel } from './channel.ts';

/** One subscription to a subgraph. */
export interface UpstreamOptions {
  /** The subgraph's GraphQL URL (http or https; ws or wss is used). */
  readonly url: string;
  readonly query: string;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown>;
  /** A fresh internal token for each connection. */
  readonly sign: () => Promise<string>;
  readonly log: Logger;
  readonly service: string;
  /** First reconnect delay, doubling up to 5 s. Default 200 ms. */
  readonly reconnectDelayMs?: number;
}

/** The subgraph's results, reconnecting until the caller returns or the subgraph completes. */
export function subscribeUpstream(options: UpstreamOptions): AsyncIterableIterator<ExecutionResult> {
  const url = options.url.replace(/^http/, 'ws');
  let client: Client | undefined;
  let stopped = false;
  const channel = createChannel<ExecutionResult>(() => {
    stopped = true;
    if (client) disposeQuietly(client);
  });
  const base = options.reconnectDelayMs ?? 200;
  void (async () => {
    for (let failures = 0; !stopped;) {
      let token: string;
      try {
        token = await options.sign();
      } catch (error) {
        options.log.error({ err: error }, 'internal token could not be signed for a subscription');
        channel.push({ errors: [new GraphQLError('Unexpected error.')] });
        channel.end();
        return;
      }
      if (stopped) return;
      // The token rides on the upgrade request, where the subgraph's internal-token check reads it; the
      // trace context too, when tracing.
      const headers = { authorization: `Bearer ${token}`, ...traceHeaders() };
      class WithToken extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      }
      client = createClient({ url, webSocketImpl: WithToken, lazy: true, retryAttempts: 0 });
      const received = await new Promise<'complete' | 'lost'>((resolve) => {
        client!.subscribe<Record<string, unknown>>(
          { query: options.query, variables: options.variables, ...(options.operationName ? { operationName: options.operationName } : {}) },
          {
            next: (result) => {
              failures = 0;
              channel.push(fromWire(result.data, result.errors, options.service));
            },
            error: (error: unknown) => {
              // An array: the subgraph refused the operation (its coded errors); anything else: the connection.
              if (Array.isArray(error)) {
                channel.push(fromWire(null, error as GraphQLFormattedError[], options.service));
                resolve('complete');
              } else resolve('lost');
            },
            complete: () => resolve(stopped ? 'lost' : 'complete'),
          },
        );
      });
      disposeQuietly(client);
      if (stopped) return;
      if (received === 'complete') {
        channel.end();
        return;
      }
      failures += 1;
      options.log.warn({ service: options.service, attempt: failures }, 'subscription connection to the subgraph lost; resubscribing');
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, base * 2 ** (failures - 1))));
    }
  })();
  return channel;
}

/**
 * Close a client's socket. graphql-ws's dispose may reject with the raw close or error event when the
 * socket is still connecting (enisdenjo/graphql-ws#365): nothing is waiting for it, and the subscription
 * has already been told through its sink, so the rejection is dropped rather than left unhandled (an
 * unhandled rejection ends the process).
 */
function disposeQuietly(client: Client): void {
  Promise.resolve()
    .then(() => client.dispose())
    .catch(() => {});
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
