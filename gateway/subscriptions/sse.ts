// Server-Sent Events: the graphql-sse protocol's "distinct connections" mode on POST /graphql when the
// client accepts text/event-stream. The request is admitted and checked like any /graphql request (a
// refusal is the same JSON error reply, with its status, before any stream starts); then each event is
// an `event: next` message and the end an `event: complete` one. A comment line every 15 s keeps
// proxies from closing an idle stream.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { admitRequest } from '../pipeline/admit.ts';
import type { GraphQLHttpRequest, PipelineServices } from '../pipeline/context.ts';
import { refuse, RequestRefused } from '../pipeline/refusal.ts';
import { openSubscription } from './operation.ts';

const KEEP_ALIVE_MS = 15_000;

/** Whether the request asks for a stream of events. */
export function wantsEventStream(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/event-stream');
}

/** Run one subscription over SSE. */
export async function handleEventStream(services: PipelineServices, request: FastifyRequest, reply: FastifyReply, input: GraphQLHttpRequest): Promise<FastifyReply> {
  const requestId = String(request.id);
  let stream: AsyncIterableIterator<unknown>;
  try {
    const admitted = await admitRequest(services, request, reply);
    stream = await openSubscription(services, admitted, input, request.log, requestId);
  } catch (error) {
    if (error instanceof RequestRefused) return refuse(reply, error);
    request.log.error({ err: error }, 'subscription could not start');
    return refuse(reply, new RequestRefused('INTERNAL_SERVER_ERROR', 'Unexpected error.'));
  }
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': requestId });
  raw.flushHeaders();
  const keepAlive = setInterval(() => raw.write(':\n\n'), KEEP_ALIVE_MS);
  // The client went away: end the subscription (and its upstream).
  raw.on('close', () => void stream.return?.());
  try {
    for await (const result of stream) raw.write(`event: next\ndata: ${JSON.stringify(result)}\n\n`);
    if (!raw.destroyed) raw.write('event: complete\ndata:\n\n');
  } finally {
    clearInterval(keepAlive);
    raw.end();
  }
  return reply;
}
