// REST routes that subgraphs own (photo uploads, channel webhooks, Open311): the gateway forwards
// /api/<subgraph>/<path> to that subgraph's /api/<path> only when <path> matches a route the subgraph
// declares in schema/subgraphs.ts, after the same checks as /graphql (address rate limit, bearer token
// when one is sent), with the caller's identity in a fresh internal token minted for that one route.
// The path is checked as sent, before anything decodes or resolves it: dot segments (plain or encoded),
// empty segments, encoded slashes, backslashes, NUL, and percent-encodings of characters that need none
// are refused with 404, without contacting the subgraph. The upstream URL is rebuilt from the checked
// segments. Bodies pass through as bytes, whatever their type, up to a limit; the subgraph validates them.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Agent, request as undiciRequest } from 'undici';
import type { Dispatcher } from 'undici';
import { traceHeaders } from '../platform/tracing.ts';
import type { RestRoute } from '../schema/subgraphs.ts';

/** Mints the internal token for one declared route of one subgraph. */
export type RestTokenMinter = (subgraph: string, route: RestRoute) => Promise<string>;

/** Forwarding options. */
export interface RestForwarding {
  /** Subgraph name → origin (scheme, host and port) of its server. */
  readonly upstreams: Readonly<Record<string, string>>;
  /** Subgraph name → the REST routes it declares (schema/subgraphs.ts); nothing else is forwarded. */
  readonly routes: Readonly<Record<string, readonly RestRoute[]>>;
  readonly bodyLimitBytes: number;
  readonly timeoutMs: number;
  /**
   * Admit the caller: on success, what mints the internal token for the matched route; otherwise send
   * the refusal on `reply` and return undefined.
   */
  readonly admit: (request: FastifyRequest, reply: FastifyReply) => Promise<RestTokenMinter | undefined>;
  /**
   * Charge `lookups` lookups by code (a route that declares `codeLookups`): true to go on; otherwise the
   * refusal was sent on `reply`.
   */
  readonly admitLookups?: (request: FastifyRequest, reply: FastifyReply, lookups: number) => Promise<boolean>;
}

/** How many lookups by code a forwarded request makes, from its route's declaration. */
export function countRestLookups(route: RestRoute, upstreamPath: string): number {
  if (!route.codeLookups) return 0;
  const queryAt = upstreamPath.indexOf('?');
  const path = (queryAt === -1 ? upstreamPath : upstreamPath.slice(0, queryAt)).slice('/api'.length);
  let count = route.codeLookups.path?.test(path) ? 1 : 0;
  const parameter = route.codeLookups.queryParameter;
  if (parameter && queryAt !== -1) {
    for (const value of new URLSearchParams(upstreamPath.slice(queryAt + 1)).getAll(parameter)) count += value.split(',').filter((code) => code.trim() !== '').length;
  }
  return count;
}

/** A declared route, split into segments once. */
interface CompiledRoute {
  readonly route: RestRoute;
  readonly segments: readonly string[];
}

/** Where a request goes, or why it goes nowhere. */
type RestTarget =
  | { readonly kind: 'malformed-path' }
  | { readonly kind: 'malformed-query' }
  | { readonly kind: 'unknown-subgraph' }
  | { readonly kind: 'undeclared' }
  | { readonly kind: 'forward'; readonly subgraph: string; readonly route: RestRoute; readonly upstreamPath: string };

// RFC 3986 pchar, less ";" (path parameters: some servers cut the path there, others do not) and
// anything a server might read as a separator. Percent-encodings are checked one run at a time below.
const RAW_SEGMENT = /^(?:[A-Za-z0-9\-._~!$&'()*+,=:@]|%[0-9A-Fa-f]{2})+$/;
const RAW_QUERY = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;
const PERCENT_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
// What may never arrive percent-encoded in a path segment: characters that need no encoding (so "%2e"
// is never a disguised dot), the separators / and \, "%" itself (no double encoding), control characters.
const NEEDS_NO_ENCODING = /[A-Za-z0-9\-._~/\\%\u0000-\u001f\u007f-\u009f]/;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The text of a run of percent-encodings, or undefined when it is not UTF-8 (overlong forms included). */
function decodeRun(run: string): string | undefined {
  const bytes = Uint8Array.from(run.slice(1).split('%'), (hex) => Number.parseInt(hex, 16));
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** A path segment as sent is safe to forward as it is: not empty, not a dot segment, no needless encoding. */
function isCleanSegment(segment: string): boolean {
  if (!RAW_SEGMENT.test(segment) || /^\.+$/.test(segment)) return false;
  for (const [run] of segment.matchAll(PERCENT_RUN)) {
    const text = decodeRun(run);
    if (text === undefined || NEEDS_NO_ENCODING.test(text)) return false;
  }
  return true;
}

/** The query string as sent is well-formed: RFC 3986 characters, UTF-8 escapes, no NUL. */
function isCleanQuery(query: string): boolean {
  if (!RAW_QUERY.test(query)) return false;
  for (const [run] of query.matchAll(PERCENT_RUN)) {
    const text = decodeRun(run);
    if (text === undefined || text.includes('\u0000')) return false;
  }
  return true;
}

/** Split the declared routes into segments, most specific first (literal, then `:param`, then `*`, segment by segment), as Fastify's router prefers. */
function compileRoutes(routes: readonly RestRoute[]): CompiledRoute[] {
  const rank = (segment: string) => (segment === '*' ? 2 : segment.startsWith(':') ? 1 : 0);
  const compiled = routes.map((route) => {
    const segments = route.path.split('/').slice(1);
    if (!route.path.startsWith('/') || segments.some((segment, index) => segment === '' || (segment === '*' && index !== segments.length - 1))) {
      throw new Error(`The REST route ${route.method} ${route.path} is not a valid pattern: segments are literals, :name or a final *.`);
    }
    return { route, segments };
  });
  return compiled.sort((a, b) => {
    for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
      const difference = rank(a.segments[i] as string) - rank(b.segments[i] as string);
      if (difference !== 0) return difference;
    }
    return a.segments.length - b.segments.length;
  });
}

function matches(pattern: readonly string[], segments: readonly string[]): boolean {
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    if (expected === '*') return segments.length > i;
    if (i >= segments.length) return false;
    if (!expected.startsWith(':') && expected !== segments[i]) return false;
  }
  return segments.length === pattern.length;
}

/** Where the request line `method rawUrl` goes. HEAD is matched as the declared GET. */
function resolveTarget(method: string, rawUrl: string, upstreams: Readonly<Record<string, string>>, routes: ReadonlyMap<string, readonly CompiledRoute[]>): RestTarget {
  const queryAt = rawUrl.indexOf('?');
  const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);
  if (!path.startsWith('/api/')) return { kind: 'malformed-path' };
  const segments = path.slice('/api/'.length).split('/');
  if (!segments.every(isCleanSegment)) return { kind: 'malformed-path' };
  if (!isCleanQuery(query)) return { kind: 'malformed-query' };
  const [subgraph, ...rest] = segments as [string, ...string[]];
  if (!Object.hasOwn(upstreams, subgraph)) return { kind: 'unknown-subgraph' };
  const wanted = method === 'HEAD' ? 'GET' : method;
  const found = routes.get(subgraph)?.find((candidate) => candidate.route.method === wanted && matches(candidate.segments, rest));
  if (found === undefined) return { kind: 'undeclared' };
  return { kind: 'forward', subgraph, route: found.route, upstreamPath: `/api/${rest.join('/')}${query === '' ? '' : `?${query}`}` };
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).send({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] });
}

// Hop-by-hop headers (RFC 9110 §7.6.1), and what the gateway replaces: never forwarded.
const DROPPED_REQUEST_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'authorization',
  'cookie',
  'content-length',
  'expect',
]);
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
  const routes = new Map(Object.entries(options.routes).map(([name, declared]) => [name, compileRoutes(declared)]));
  const agent = new Agent({ connections: 16, keepAliveTimeout: 30_000, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs });
  app.addHook('onClose', () => agent.close());
  await app.register(async (scope) => {
    // Any content type, as bytes: the subgraph parses and validates (JSON, forms, images).
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimitBytes }, (_request, body, done) => done(null, body));
    scope.all('/api/:subgraph/*', async (request, reply) => {
      // The request line as sent: Fastify's params are already decoded, and that is what hides "%2e%2e".
      const target = resolveTarget(request.method, request.raw.url ?? '', options.upstreams, routes);
      if (target.kind === 'malformed-path' || target.kind === 'unknown-subgraph') return notFound(reply);
      if (target.kind === 'malformed-query') return reply.code(400).send({ errors: [{ message: 'The query string is malformed.', extensions: { code: 'BAD_REQUEST' } }] });
      // A well-formed path is refused only after the token check, as /graphql would refuse a bad token first.
      const mint = await options.admit(request, reply);
      if (mint === undefined) return reply;
      if (target.kind !== 'forward') return notFound(reply);
      const lookups = countRestLookups(target.route, target.upstreamPath);
      if (lookups > 0 && options.admitLookups && !(await options.admitLookups(request, reply, lookups))) return reply;
      const { subgraph } = target;
      const origin = options.upstreams[subgraph] as string;
      const internalToken = await mint(subgraph, target.route);
      const headers: Record<string, string> = { authorization: `Bearer ${internalToken}`, 'x-request-id': String(request.id), 'x-forwarded-for': request.ip };
      for (const [name, value] of Object.entries(request.headers)) {
        if (!DROPPED_REQUEST_HEADERS.has(name) && typeof value === 'string') headers[name] = value;
      }
      // Traced: the subgraph continues the gateway's span, not the caller's.
      Object.assign(headers, traceHeaders());
      const body = Buffer.isBuffer(request.body) ? request.body : undefined;
      let upstream: Dispatcher.ResponseData;
      try {
        upstream = await undiciRequest(`${origin}${target.upstreamPath}`, {
          method: request.method,
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
