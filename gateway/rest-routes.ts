// REST routes that subgraphs own (photo uploads, channel webhooks, Open311): the gateway forwards
// /api/<subgraph>/<path> to that subgraph's /api/<path>, after the same checks as /graphql (address rate
// limit, bearer token when one is sent), with the caller's identity in a fresh internal token. Bodies
// pass through as bytes, whatever their type, up to a limit; the subgraph validates them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Agent, request as undiciRequest } from 'undici';
import type { Dispatcher } from 'undici';

/** Forwarding options. */
export interface RestForwarding {
  /** Subgraph name → origin (scheme, host and port) of its server. */
  readonly upstreams: Readonly<Record<string, string>>;
  readonly bodyLimitBytes: number;
  readonly timeoutMs: number;
  /**
   * Admit the caller: on success, the internal token to forward; otherwise send the refusal on `reply`
   * and return undefined.
   */
  readonly admit: (request: FastifyRequest, reply: FastifyReply) => Promise<string | undefined>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1), and what the gateway replaces: never forwarded.
const DROPPED_REQUEST_HEADERS = new Set(['connection', 'keep-alive', 'proxy-authorization', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host', 'authorization', 'cookie', 'content-length', 'expect']);
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'cache-control', 'etag', 'last-modified', 'location', 'retry-after', 'content-disposition', 'x-content-type-options'];

/** The origin of each subgraph: its URL in the supergraph (join__graph), unless overridden. */
export function subgraphOrigins(supergraphSdl: string, overrides: Readonly<Record<string, string>>): Record<string, string> {
  const origins: Record<string, string> = {};
  for (const match of supergraphSdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    const [, name, url] = match;
    if (name !== undefined && url !== undefined) origins[name] = new URL(overrides[name] ?? url).origin;
  }
  for (const [name, url] of Object.entries(overrides)) origins[name] ??= new URL(url).origin;
  return origins;
}

/** Register /api/<subgraph>/* on `app`. */
export async function registerRestForwarding(app: FastifyInstance, options: RestForwarding): Promise<void> {
  const agent = new Agent({ connections: 16, keepAliveTimeout: 30_000, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  app.addHook('onClose', () => agent.close());
  await app.register(async (scope) => {
    // Any content type, as bytes: the subgraph parses and validates (JSON, forms, images).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimitBytes }, (_request, body, done) => done(null, body));
    scope.all('/api/:subgraph/*', async (request, reply) => {
      const { subgraph } = request.params as { subgraph: string };
      const origin = Object.hasOwn(options.upstreams, subgraph) ? options.upstreams[subgraph] : undefined;
      if (origin === undefined) return reply.code(404).send({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
      const internalToken = await options.admit(request, reply);
      if (internalToken === undefined) return reply;
      const path = request.url.slice(`/api/${subgraph}`.length);
      const headers: Record<string, string> = { authorization: `Bearer ${internalToken}`, 'x-request-id': String(request.id), 'x-forwarded-for': request.ip };
      for (const [name, value] of Object.entries(request.headers)) {
        if (!DROPPED_REQUEST_HEADERS.has(name) && typeof value === 'string') headers[name] = value;
      }
      const body = Buffer.isBuffer(request.body) ? request.body : undefined;
      let upstream: Dispatcher.ResponseData;
      try {
        upstream = await undiciRequest(`${origin}/api${path}`, {
          method: request.method as Dispatcher.HttpMethod,
          headers,
          body,
          dispatcher: agent,
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        request.log.warn({ err: error, subgraph }, 'REST forwarding failed');
        return reply.code(502).send({ errors: [{ message: `The ${subgraph} subgraph did not answer.`, extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph } }] });
      }
      reply.code(upstream.statusCode);
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = upstream.headers[name];
        if (typeof value === 'string') reply.header(name, value);
      }
      return reply.send(Buffer.from(await upstream.body.arrayBuffer()));
    });
  });
}
