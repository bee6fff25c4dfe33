// GraphQL over WebSocket (the `graphql-transport-ws` protocol of the graphql-ws library) on /graphql by
// WebSocket upgrade. The connection is admitted once, with the token from connection_init's
// `Authorization` (else the upgrade request's header), by the same code as /graphql; each subscribe
// message is then checked and routed by operation.ts. A refused connection is closed with 4401
// (UNAUTHENTICATED), 4429 (TOO_MANY_REQUESTS) or 4403; a refused operation gets an `error` message with
// its code; malformed protocol messages close the socket with 4400, as graphql-ws does.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { GraphQLError, parse } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from '../../platform/logger.ts';
import { admitCaller } from '../pipeline/admit.ts';
import type { Admitted } from '../pipeline/admit.ts';
import type { PipelineServices } from '../pipeline/context.ts';
import { RequestRefused } from '../pipeline/refusal.ts';
import { openSubscription, refusalErrors } from './operation.ts';
import type { FormattedResult } from './operation.ts';

/** What each connection carries: who was admitted. */
type Connection = { admitted?: Admitted } & Record<PropertyKey, unknown>;

const CLOSE_CODES: Partial<Record<string, number>> = { UNAUTHENTICATED: 4401, TOO_MANY_REQUESTS: 4429, SERVICE_UNAVAILABLE: 4503 };

/**
 * Serve graphql-ws on `app`'s /graphql upgrades; closes with the app. `services` gives the current
 * supergraph's services (a reload changes them): each connection is admitted, and each subscription
 * routed, by the current ones. Returns how many sockets are open (metrics, tests).
 */
export function registerWebSocketSubscriptions(app: FastifyInstance, services: () => PipelineServices, logger: Logger): () => number {
  const wss = new WebSocketServer({ noServer: true, maxPayload: services().config.bodyLimitBytes });
  useServer<Record<string, unknown> | undefined, Connection>(
    {
      schema: services().engine.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams;
        const fromParams = params?.['Authorization'] ?? params?.['authorization'];
        const authorization = typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
        try {
          ctx.extra.admitted = await admitCaller(services(), { ip: ctx.extra.request.socket.remoteAddress ?? '', authorization }, undefined);
          return true;
        } catch (error) {
          if (!(error instanceof RequestRefused)) throw error;
          ctx.extra.socket.close(CLOSE_CODES[error.code] ?? 4403, error.code);
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        const requestId = randomUUID();
        const log = logger.child({ requestId, subscription: id });
        const admitted = ctx.extra.admitted!;
        try {
          const variables = payload.variables ?? {};
          const current = services();
          const stream = await openSubscription(current, admitted, { query: payload.query, variables, operationName: payload.operationName ?? undefined }, log, requestId);
          // The document is only for graphql-ws to see a subscription; `subscribe` below returns the stream.
          return { schema: current.engine.schema, document: parse('subscription { __typename }'), contextValue: stream };
        } catch (error) {
          if (error instanceof RequestRefused) return refusalErrors(error, requestId);
          log.error({ err: error }, 'subscription could not start');
          return refusalErrors(new RequestRefused('INTERNAL_SERVER_ERROR', 'Unexpected error.'), requestId);
        }
      },
      subscribe: (args) => asGraphqlErrors(args.contextValue as AsyncIterableIterator<FormattedResult>) as never,
    },
    wss,
  );
  app.server.on('upgrade', (request: IncomingMessage, socket, head) => {
    const path = (request.url ?? '').split('?', 1)[0];
    if (path !== '/graphql') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  app.addHook('preClose', async () => {
    for (const client of wss.clients) client.close(1001, 'Going away');
  });
  app.addHook('onClose', async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
  return () => wss.clients.size;
}

/** graphql-ws serializes each error with its toJSON(): the masked errors, as GraphQLErrors again. */
function asGraphqlErrors(stream: AsyncIterableIterator<FormattedResult>): AsyncIterableIterator<unknown> {
  const mapped: AsyncIterableIterator<unknown> = {
    next: async () => {
      const step = await stream.next();
      if (step.done || !step.value.errors) return step;
      const errors = (step.value.errors as GraphQLFormattedError[]).map(
        (error) => new GraphQLError(error.message, { ...(error.path ? { path: error.path } : {}), ...(error.extensions ? { extensions: error.extensions } : {}) }),
      );
      return { done: false, value: { ...step.value, errors } };
    },
    return: async () => (await stream.return?.()) ?? { done: true, value: undefined },
    [Symbol.asyncIterator]: () => mapped,
  };
  return mapped;
}
