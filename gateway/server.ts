// Builds the gateway (not listening): Fastify in front of the federation engine. The services (engine,
// signer, caches, Redis, rate limiter, revocation) are built once here and the routes registered; each
// GraphQL request runs through the named stages of pipeline/ (see pipeline/README.md).
import type { FastifyInstance } from 'fastify';
import { createAccessTokenVerifier, createRealmKeySet, sessionRevocationUntil, subjectRevocationCutoff, TokenRejectedError, verifyLogoutTokenClaims } from '../auth/access-token.ts';
import { createMemoryRevokedSessions, createRedisRevokedSessions, loadRedis, redisClientOptions, RevocationUnavailableError } from '../auth/revocation.ts';
import { createInternalTokenSigner, generateInternalSigningKey, GRAPHQL_PURPOSE, internalSigningKeyFromJwk, restPurpose } from '../auth/internal-token.ts';
import { ANONYMOUS } from '../auth/viewer.ts';
import type { InternalSigningKey } from '../auth/internal-token.ts';
import { ERROR_CODES, statusOf } from '../schema/errors.ts';
import type { ErrorCode } from '../schema/errors.ts';
import { createHttpServer } from '../platform/http.ts';
import { registerFormParser } from '../platform/input-bounds.ts';
import { createLogger } from '../platform/logger.ts';
import { createProcessMetrics } from '../platform/metrics.ts';
import type { Logger } from '../platform/logger.ts';
import { createRedisGuard } from '../platform/redis-guard.ts';
import { createTracing } from '../platform/tracing.ts';
import type { GatewayConfig } from './config.ts';
import { createInflight } from './inflight.ts';
import { createGatewayMetrics } from './metrics.ts';
import { loadPersistedOperations, NO_PERSISTED_OPERATIONS } from './persisted-operations.ts';
import { createMemoryRateLimiter, createRedisRateLimiter, withLocalFallback } from './rate-limit.ts';
import { GRAPHIQL_POLICY, loadGraphiqlAssets, renderGraphiql } from '../platform/graphiql.ts';
import { registerRestForwarding, subgraphOrigins } from './rest-routes.ts';
import { SUBGRAPHS } from '../schema/subgraphs.ts';
import { handleGraphql } from './pipeline/index.ts';
import { registerRegistryAdmin } from './registry/admin-routes.ts';
import { startSchemaRegistry } from './registry/start.ts';
import { admitRequest } from './pipeline/admit.ts';
import type { EncodedResult, PipelineServices } from './pipeline/context.ts';
import { hasPreflightHeader, isRecord, readPostBody, readQueryString } from './pipeline/read-request.ts';
import { refuse, RequestRefused } from './pipeline/refusal.ts';
import { spendLookups } from './pipeline/lookups.ts';
import { handleEventStream, wantsEventStream } from './subscriptions/sse.ts';
import { createUpstreamPool } from './subscriptions/upstream.ts';
import { registerWebSocketSubscriptions } from './subscriptions/websocket.ts';

/** Overrides for tests and embedding. */
export interface GatewayBuildOptions {
  readonly logger?: Logger;
}

/** A built gateway. */
export interface GatewayServer {
  readonly app: FastifyInstance;
  /** The key that signs internal tokens (its public half is served at /.well-known/jwks.json). */
  readonly internalKey: InternalSigningKey;
}

/** Build the gateway for `config`. */
export async function buildGateway(config: GatewayConfig, options: GatewayBuildOptions = {}): Promise<GatewayServer> {
  const logger = options.logger ?? createLogger('gateway', config.logLevel);
  const processMetrics = createProcessMetrics('gateway');
  // The engine is built after its metrics: the circuit gauge reads its breakers only when scraped.
  let circuits: () => Record<string, string> = () => ({});
  const metrics = createGatewayMetrics(processMetrics, () => circuits());
  const internalKey = config.internalSigningJwk ? internalSigningKeyFromJwk(config.internalSigningJwk) : await generateInternalSigningKey();
  const signer = await createInternalTokenSigner(internalKey);
  const persisted = config.persistedOperationsFile ? await loadPersistedOperations(config.persistedOperationsFile) : NO_PERSISTED_OPERATIONS;
  const inflight = createInflight<EncodedResult>(() => metrics.deduplicated('inbound'));
  // Subscriptions to the subgraphs share one connection per subgraph; each names its viewer (subscriptions/upstream.ts).
  const upstreams = createUpstreamPool({ signConnection: () => signer.sign(ANONYMOUS, undefined, GRAPHQL_PURPOSE), log: logger.child({ component: 'subscriptions' }) });

  // One client and one guard for every use; each use has its own fallback when Redis fails (docs/operations.md,
  // "What happens when Redis fails"). Connection errors repeat on every reconnect attempt: the guard
  // logs the outage once instead.
  const redis = config.redisUrl ? new (loadRedis())(config.redisUrl, redisClientOptions(config.redisCommandTimeoutMs)) : undefined;
  redis?.on('error', (error) => logger.debug({ err: error }, 'redis connection problem'));
  const redisGuard = createRedisGuard({
    timeoutMs: config.redisCommandTimeoutMs,
    onDown: (error) => logger.warn({ err: error }, 'redis unavailable: rate limits on local counters, revocations from the local copy, logouts kept until it returns'),
    onUp: () => logger.warn('redis answers again: shared rate limits and revocations resumed'),
  });
  const rateLimiter = redis ? withLocalFallback(createRedisRateLimiter(redis), redisGuard) : createMemoryRateLimiter();
  const revokedSessions = redis ? createRedisRevokedSessions(redis, undefined, { guard: redisGuard, failOpenSeconds: config.revocationFailOpenSeconds }) : createMemoryRevokedSessions();
  const realmKeys = createRealmKeySet(config.oidcJwksUrl, {
    cooldownMs: config.jwksCooldownMs,
    timeoutMs: config.jwksTimeoutMs,
    onFetchError: (error) => logger.warn({ err: error }, 'realm JWKS fetch failed; keeping the last good key set'),
  });
  const tokenOptions = {
    issuer: config.oidcIssuer,
    audience: config.oidcAudience,
    jwksUrl: config.oidcJwksUrl,
    algorithms: config.oidcAlgorithms,
    maxLifetimeSeconds: config.tokenMaxLifetimeSeconds,
    clockToleranceSeconds: config.clockToleranceSeconds,
    allowedClients: config.oidcAllowedClients,
    claims: config.oidcClaims,
    revokedSessions,
    onCacheLookup: (hit: boolean) => metrics.cacheLookup('token', hit),
  };
  const verifyAccessToken = createAccessTokenVerifier(tokenOptions, realmKeys);
  // Everything the request pipeline uses, built once; the schema-bound part (engine, caches, authorizer)
  // once per supergraph generation, replaced live when the registry publishes (registry/README.md).
  const { live, registry } = await startSchemaRegistry<PipelineServices>({
    config,
    metrics,
    logger,
    persistedBodies: persisted.bodies,
    toServices: ({ engine, prepare, authorize, measure, countCodeLookups }) => ({
      config,
      engine,
      signer,
      rateLimiter,
      verifyAccessToken,
      prepare,
      authorize,
      measure,
      countCodeLookups,
      persisted,
      inflight,
      metrics,
      upstreams,
    }),
  });
  circuits = () => live.current().services.engine.subgraphStates();
  const services = () => live.current().services;
  const supergraphSdl = live.current().supergraphSdl;

  const tracing = await createTracing('gateway', config.tracing);
  const app = createHttpServer(logger, config.bodyLimitBytes, {
    trustProxy: config.trustProxy,
    tracing,
    metrics: { metrics: processMetrics, exposure: { token: config.metricsToken, production: config.nodeEnv === 'production' } },
  });
  installErrorHandlers(app);

  app.get('/.well-known/jwks.json', async (_request, reply) => reply.header('cache-control', 'public, max-age=60').send(internalKey.publicJwks));
  // OIDC Back-Channel Logout 1.0: the realm (directly, or relayed by a portal) tells the gateway a
  // session ended; from then on its access tokens are refused, even before they expire.
  // The form parser lives only in this scope: /graphql must never accept a form (CSRF).
  await app.register(async (scope) => {
    registerFormParser(scope, 16 * 1024);
    scope.post('/auth/backchannel-logout', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const token = isRecord(request.body) ? request.body['logout_token'] : undefined;
      if (typeof token !== 'string' || token === '') return reply.code(400).send({ error: 'invalid_request', error_description: 'logout_token is required' });
      try {
        const logout = await verifyLogoutTokenClaims(token, {
          issuer: config.oidcIssuer,
          allowedClients: config.oidcLogoutClients,
          algorithms: config.oidcAlgorithms,
          clockToleranceSeconds: config.clockToleranceSeconds,
          keys: realmKeys,
        });
        if (!(await revokedSessions.claimLogoutToken(logout.jti, logout.acceptedUntil))) {
          return reply.code(400).send({ error: 'invalid_request', error_description: 'replay: this logout token (jti) was already used' });
        }
        try {
          // With a sid, that session ends; with only a sub, every token of that person issued up to the logout.
          if (logout.sid !== undefined) await revokedSessions.revoke(logout.sid, sessionRevocationUntil(tokenOptions));
          else await revokedSessions.revokeSubject(logout.sub!, subjectRevocationCutoff(logout.issuedAt, tokenOptions), sessionRevocationUntil(tokenOptions));
        } catch (error) {
          // Not recorded (Redis down and the queue kept for it full): the realm may send it again.
          await revokedSessions.releaseLogoutToken(logout.jti);
          if (!(error instanceof RevocationUnavailableError)) throw error;
          reply.header('retry-after', String(error.retryAfterSeconds));
          return reply.code(503).send({ error: 'temporarily_unavailable', error_description: error.message });
        }
        request.log.info({ by: logout.sid !== undefined ? 'sid' : 'sub' }, 'revoked by back-channel logout');
        return reply.code(200).send();
      } catch (error) {
        if (error instanceof TokenRejectedError) return reply.code(400).send({ error: 'invalid_request', error_description: error.message });
        throw error;
      }
    });
  });

  app.get('/health/live', async () => ({ status: 'ok' }));
  // While draining and closing, platform/serve.ts answers readiness (503) before this route runs.
  // Redis unreachable is `degraded`, not unready: every use has a local fallback (docs/operations.md), so taking
  // the replica out of the load balancer would only move its traffic to replicas in the same state.
  app.get('/health/ready', async (_request, reply) => {
    const revocation = redis ? await revokedSessions.status() : undefined;
    return reply.send({
      status: 'ok',
      subgraphs: services().engine.subgraphStates(),
      ...(revocation ? { redis: revocation.redis === 'ok' ? 'ok' : 'degraded', pendingLogouts: revocation.pending } : {}),
    });
  });

  // Only application/json bodies: a cross-site "simple" POST (text/plain, form) never reaches GraphQL.
  app.removeContentTypeParser('text/plain');
  app.post('/graphql', async (request, reply) => {
    const input = readPostBody(request.body, persisted);
    if (input instanceof RequestRefused) return refuse(reply, input);
    // Subscriptions over SSE (graphql-sse, distinct connections; WebSocket upgrades are served below) start on
    // the current supergraph and keep their route after a reload; queries and mutations hold their generation.
    if (wantsEventStream(request)) return handleEventStream(services(), request, reply, input);
    return live.use((current) => handleGraphql(current, request, reply, input, true));
  });
  registerWebSocketSubscriptions(app, services, logger.child({ component: 'subscriptions' }));
  app.addHook('onClose', async () => upstreams.close());
  app.get('/graphql', async (request, reply) => {
    if (config.csrfPrevention && !hasPreflightHeader(request)) {
      return refuse(
        reply,
        new RequestRefused(
          'CSRF_PREVENTION',
          'This GET request was blocked as a possible cross-site request forgery: send an apollo-require-preflight or x-apollo-operation-name header, or use POST with JSON.',
        ),
      );
    }
    const input = readQueryString(request.query, persisted);
    if (input instanceof RequestRefused) return refuse(reply, input);
    return live.use((current) => handleGraphql(current, request, reply, input, false));
  });

  // /api/<subgraph>/…: the subgraphs' declared REST routes, behind the same address limit and token
  // check; each forwarded request carries a token minted for its one route.
  await registerRestForwarding(app, {
    upstreams: subgraphOrigins(supergraphSdl, config.subgraphUrls),
    routes: Object.fromEntries(SUBGRAPHS.map((subgraph) => [subgraph.name, subgraph.restRoutes])),
    bodyLimitBytes: config.restBodyLimitBytes,
    timeoutMs: config.subgraphTimeoutMs,
    // Open311's lookups by id share the GraphQL lookups' budget per address.
    admitLookups: async (request, reply, lookups) => {
      try {
        await spendLookups(services(), request.ip, reply, lookups);
        return true;
      } catch (error) {
        if (!(error instanceof RequestRefused)) throw error;
        refuse(reply, error);
        return false;
      }
    },
    admit: async (request, reply) => {
      try {
        const { authenticated, viewer } = await admitRequest(services(), request, reply);
        return (subgraph, route) => signer.sign(viewer, authenticated.token, restPurpose(subgraph, route.method, route.path));
      } catch (error) {
        if (!(error instanceof RequestRefused)) throw error;
        refuse(reply, error);
        return undefined;
      }
    },
  });

  registerRegistryAdmin(app, registry, services, () => ({ generation: live.current().id, hash: live.current().hash }));

  if (config.graphiql) {
    // Served from the gateway itself (no CDN): the page works on a city network that reaches nothing outside.
    const assets = loadGraphiqlAssets();
    app.get('/graphiql', async (_request, reply) =>
      reply
        .header('content-security-policy', GRAPHIQL_POLICY)
        .type('text/html; charset=utf-8')
        .send(renderGraphiql({ assetBase: '/graphiql/assets', endpoint: '/graphql' })),
    );
    app.get('/graphiql/assets/:name', async (request, reply) => {
      const asset = assets.get((request.params as { name: string }).name);
      if (!asset) return reply.callNotFound();
      return reply.header('cache-control', 'public, max-age=86400').type(asset.type).send(asset.body);
    });
    app.get('/', async (_request, reply) => reply.redirect('/graphiql'));
  }

  app.addHook('onClose', async () => {
    await registry.close();
    await live.stop();
    await revokedSessions.close();
    await redis?.quit().catch(() => undefined);
    // A hung Redis never answers QUIT: drop the connection anyway.
    redis?.disconnect();
    // Last, after the drain: the spans of the requests that finished in it are exported too.
    await tracing.shutdown();
  });
  return { app, internalKey };
}

/** Fastify's own errors (bad JSON, wrong content type, body too large) and unknown routes, as coded JSON. */
function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    const code: ErrorCode = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status >= 400 && status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    if (code === 'INTERNAL_SERVER_ERROR') request.log.error({ err: error }, 'unhandled error');
    const message = code === 'BAD_REQUEST' && error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'The body is not valid JSON.' : ERROR_CODES[code].description;
    return reply.code(statusOf(code)).send({ errors: [{ message, extensions: { code } }] });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] }));
}
