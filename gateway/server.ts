// Builds the gateway (not listening): Fastify in front of the federation engine. Per request it
// verifies the bearer token, parses and validates the operation (cached), coerces variables, signs an
// internal token for the subgraphs, executes the plan and masks unexpected errors.
import { readFile } from 'node:fs/promises';
import { getOperationAST, GraphQLError, OperationTypeNode } from 'graphql';
import type { ExecutionResult, OperationDefinitionNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createAccessTokenVerifier, createRealmKeySet, sessionRevocationUntil, subjectRevocationCutoff, TokenRejectedError, verifyLogoutTokenClaims } from '../auth/access-token.ts';
import { createMemoryRevokedSessions, createRedisRevokedSessions, loadRedis, redisClientOptions, RevocationUnavailableError } from '../auth/revocation.ts';
import type { AccessTokenVerifier } from '../auth/access-token.ts';
import { createInternalTokenSigner, generateInternalSigningKey, GRAPHQL_PURPOSE, internalSigningKeyFromJwk, restPurpose } from '../auth/internal-token.ts';
import type { InternalSigningKey } from '../auth/internal-token.ts';
import { ANONYMOUS } from '../auth/viewer.ts';
import type { Viewer } from '../auth/viewer.ts';
import { ERROR_CODES, maskError, statusOf } from '../schema/errors.ts';
import type { ErrorCode, FormattedError } from '../schema/errors.ts';
import { createHttpServer } from '../platform/http.ts';
import { registerFormParser } from '../platform/input-bounds.ts';
import { createLogger } from '../platform/logger.ts';
import type { Logger } from '../platform/logger.ts';
import { createRedisGuard } from '../platform/redis-guard.ts';
import type { GatewayConfig } from './config.ts';
import { createAuthorizer, nullDeniedFields, readRequirements } from './authorization.ts';
import type { Authorizer } from './authorization.ts';
import { operationRefusal, policyFor } from './client-policy.ts';
import type { ClientPolicy } from './client-policy.ts';
import { createPlanEngine } from './executor/index.ts';
import { createInflight } from './inflight.ts';
import { checkLimits, createOperationMeasurer } from './limits.ts';
import type { OperationLimits, OperationMeasurer } from './limits.ts';
import { loadPersistedOperations, NO_PERSISTED_OPERATIONS, sha256Hex } from './persisted-operations.ts';
import type { PersistedOperations, SafelistMode } from './persisted-operations.ts';
import { createMemoryRateLimiter, createRedisRateLimiter, withLocalFallback } from './rate-limit.ts';
import { EngineRefusal } from './engine.ts';
import type { FederationEngine } from './engine.ts';
import { renderGraphiql } from './graphiql.ts';
import { registerRestForwarding, subgraphOrigins } from './rest-routes.ts';
import { wholeRequestRetryAfter } from './retry-after.ts';
import { SUBGRAPHS } from '../schema/subgraphs.ts';
import { createOperationCache } from './operation-cache.ts';
import { createCodeLookupCounter } from './code-lookups.ts';
import type { PreparedDocument } from './operation-cache.ts';

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

/** A GraphQL request as sent over HTTP. */
interface GraphQLHttpRequest {
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly operationName: string | undefined;
}

/** A refusal before execution: one code, one or more errors. */
class RequestRefused extends Error {
  readonly code: ErrorCode;
  readonly errors: readonly GraphQLError[];
  readonly extensions: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, errors?: readonly GraphQLError[], extensions: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.errors = errors ?? [new GraphQLError(message)];
    this.extensions = extensions;
  }
}

/** The viewer with its scopes narrowed to what its client may use. */
function capScopes(viewer: Viewer, allowed: readonly string[]): Viewer {
  return Object.freeze({ ...viewer, scopes: viewer.scopes.filter((scope) => allowed.includes(scope)) });
}

const BEARER = /^Bearer ([A-Za-z0-9\-_.~+/]+=*)$/;

/** Build the gateway for `config`. */
export async function buildGateway(config: GatewayConfig, options: GatewayBuildOptions = {}): Promise<GatewayServer> {
  const logger = options.logger ?? createLogger('gateway', config.logLevel);
  const supergraphSdl = await readFile(config.supergraphFile, 'utf8');
  const engine = await createPlanEngine({
    supergraphSdl,
    subgraphDedup: config.subgraphDedup,
    subgraphUrls: config.subgraphUrls,
    callOptions: (name) => ({
      timeoutMs: config.subgraphTimeouts[name] ?? config.subgraphTimeoutMs,
      retries: config.subgraphRetries,
      connections: config.subgraphConnections,
      circuit: { failureThreshold: config.circuitFailureThreshold, resetMs: config.circuitResetMs },
    }),
    logger: logger.child({ component: 'engine' }),
  });
  const internalKey = config.internalSigningJwk ? internalSigningKeyFromJwk(config.internalSigningJwk) : await generateInternalSigningKey();
  const signer = await createInternalTokenSigner(internalKey);
  const prepare = createOperationCache(engine.schema, config);
  const authorize = createAuthorizer(engine.schema, readRequirements(supergraphSdl));
  const persisted = config.persistedOperationsFile ? await loadPersistedOperations(config.persistedOperationsFile) : NO_PERSISTED_OPERATIONS;
  const measure = createOperationMeasurer(engine.schema, config.limits.defaultListSize);
  const guards: Guards = { prepare, authorize, measure, limits: config.limits, persisted, safelist: config.safelist };
  const inflight = createInflight<{ body: Buffer; retryAfter: number | undefined }>();

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
    revokedSessions,
  };
  const verifyAccessToken = createAccessTokenVerifier(tokenOptions, realmKeys);

  const app = createHttpServer(logger, config.bodyLimitBytes, { trustProxy: config.trustProxy });
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
  // Not ready while shutting down, so the load balancer stops sending before connections close.
  let shuttingDown = false;
  app.addHook('preClose', async () => {
    shuttingDown = true;
  });
  // Redis unreachable is `degraded`, not unready: every use has a local fallback (docs/operations.md), so taking
  // the replica out of the load balancer would only move its traffic to replicas in the same state.
  app.get('/health/ready', async (_request, reply) => {
    const revocation = redis ? await revokedSessions.status() : undefined;
    return reply.code(shuttingDown ? 503 : 200).send({
      status: shuttingDown ? 'shutting down' : 'ok',
      subgraphs: engine.subgraphStates(),
      ...(revocation ? { redis: revocation.redis === 'ok' ? 'ok' : 'degraded', pendingLogouts: revocation.pending } : {}),
    });
  });

  // Every request: the address's rate limit, the token, the client's rate limit and scope cap.
  const admit = async (request: FastifyRequest, reply: FastifyReply) => {
    if (config.ipRateLimit) {
      const decision = await rateLimiter.hit(`ip:${request.ip}`, config.ipRateLimit);
      if (!decision.allowed) throw tooManyRequests(reply, decision.retryAfterSeconds, 'This address');
    }
    const authenticated = await authenticate(request.headers.authorization, verifyAccessToken);
    const policy = policyFor(config.clientPolicies, authenticated.viewer.clientId);
    if (policy?.rateLimit) {
      const decision = await rateLimiter.hit(`client:${authenticated.viewer.clientId}`, policy.rateLimit);
      if (!decision.allowed) throw tooManyRequests(reply, decision.retryAfterSeconds, 'This client');
    }
    const viewer = policy?.scopes ? capScopes(authenticated.viewer, policy.scopes) : authenticated.viewer;
    const viewerKey = viewer.subject ?? viewer.clientId;
    if (config.viewerRateLimit && viewerKey !== undefined && !policy?.rateLimit) {
      const decision = await rateLimiter.hit(`viewer:${viewerKey}`, config.viewerRateLimit);
      if (!decision.allowed) throw tooManyRequests(reply, decision.retryAfterSeconds, 'This account');
    }
    return { authenticated, policy, viewer };
  };

  // Lookups by code have a budget of their own, per address and per viewer (or the client's own budget).
  const countCodeLookups = createCodeLookupCounter(engine.schema);
  const admitLookups = async (
    request: FastifyRequest,
    reply: FastifyReply,
    prepared: PreparedDocument,
    operation: OperationDefinitionNode | undefined,
    viewer: Viewer,
    policy: ClientPolicy | undefined,
  ) => {
    const limit = policy?.codeLookupRateLimit ?? config.codeLookupRateLimit;
    if (!limit || !prepared.ok || !operation) return;
    const lookups = countCodeLookups(prepared.document, operation);
    if (lookups === 0) return;
    const keys = policy?.codeLookupRateLimit
      ? [`lookup-client:${viewer.clientId ?? ''}`]
      : [`lookup-ip:${request.ip}`, ...((viewer.subject ?? viewer.clientId) ? [`lookup-viewer:${viewer.subject ?? viewer.clientId ?? ''}`] : [])];
    for (const key of keys) {
      const decision = await rateLimiter.hit(key, limit, Date.now(), lookups);
      if (!decision.allowed) throw tooManyRequests(reply, decision.retryAfterSeconds, 'Lookups by code from here');
    }
  };

  const handle = async (request: FastifyRequest, reply: FastifyReply, input: GraphQLHttpRequest, allowMutation: boolean) => {
    try {
      const { authenticated, policy, viewer } = await admit(request, reply);
      // Parsed and validated once (cached); execute() reports what is wrong with it, in order.
      const prepared = guards.prepare(input.query);
      const operation = prepared.ok ? (getOperationAST(prepared.document, input.operationName) ?? undefined) : undefined;
      await admitLookups(request, reply, prepared, operation, viewer, policy);
      const run = async () => {
        const result = await execute(engine, guards, input, prepared, operation, allowMutation, viewer, policy, {
          internalToken: await signer.sign(viewer, authenticated.token, GRAPHQL_PURPOSE),
          requestId: String(request.id),
        });
        const formatted = formatResult(result, request.log);
        // Encoded once: callers sharing this result (inbound dedup) send the same bytes, and a Buffer
        // spares Fastify measuring the string and node encoding it again for each reply.
        return { body: Buffer.from(JSON.stringify(formatted)), retryAfter: formatted.errors ? wholeRequestRetryAfter(formatted) : undefined };
      };
      // The key holds the caller's own token: identical queries share a result only within one viewer.
      // The variables were bounded (depth, no U+0000) before this handler ran, so stringifying is safe.
      const { body, retryAfter } =
        config.inboundDedup && operation?.operation === OperationTypeNode.QUERY
          ? await inflight(`${authenticated.token ?? ''}\n${input.operationName ?? ''}\n${JSON.stringify(input.variables)}\n${input.query}`, run)
          : await run();
      if (retryAfter !== undefined) reply.code(statusOf('SERVICE_UNAVAILABLE')).header('retry-after', String(retryAfter));
      return reply.type('application/json; charset=utf-8').send(body);
    } catch (error) {
      if (error instanceof RequestRefused) return refuse(reply, error);
      request.log.error({ err: error }, 'request failed');
      return refuse(reply, new RequestRefused('INTERNAL_SERVER_ERROR', 'Unexpected error.'));
    }
  };

  // Only application/json bodies: a cross-site "simple" POST (text/plain, form) never reaches GraphQL.
  app.removeContentTypeParser('text/plain');
  app.post('/graphql', async (request, reply) => {
    const input = readPostBody(request.body, persisted);
    if (input instanceof RequestRefused) return refuse(reply, input);
    return handle(request, reply, input, true);
  });
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
    return handle(request, reply, input, false);
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
      if (!config.codeLookupRateLimit) return true;
      const decision = await rateLimiter.hit(`lookup-ip:${request.ip}`, config.codeLookupRateLimit, Date.now(), lookups);
      if (decision.allowed) return true;
      refuse(reply, tooManyRequests(reply, decision.retryAfterSeconds, 'Lookups by code from here'));
      return false;
    },
    admit: async (request, reply) => {
      try {
        const { authenticated, viewer } = await admit(request, reply);
        return (subgraph, route) => signer.sign(viewer, authenticated.token, restPurpose(subgraph, route.method, route.path));
      } catch (error) {
        if (!(error instanceof RequestRefused)) throw error;
        refuse(reply, error);
        return undefined;
      }
    },
  });

  if (config.graphiql) {
    app.get('/graphiql', async (_request, reply) => reply.type('text/html; charset=utf-8').send(renderGraphiql('/graphql')));
    app.get('/', async (_request, reply) => reply.redirect('/graphiql'));
  }

  app.addHook('onClose', async () => {
    await engine.stop();
    await revokedSessions.close();
    await redis?.quit().catch(() => undefined);
    // A hung Redis never answers QUIT: drop the connection anyway.
    redis?.disconnect();
  });
  return { app, internalKey };
}

async function authenticate(header: string | undefined, verify: AccessTokenVerifier): Promise<{ viewer: Viewer; token: string | undefined }> {
  if (header === undefined || header === '') return { viewer: ANONYMOUS, token: undefined };
  const match = BEARER.exec(header);
  if (!match?.[1]) throw new RequestRefused('UNAUTHENTICATED', 'The Authorization header must be "Bearer <access token>".');
  try {
    const verified = await verify(match[1]);
    return { viewer: verified.viewer, token: match[1] };
  } catch (error) {
    if (error instanceof TokenRejectedError) throw new RequestRefused('UNAUTHENTICATED', `Invalid access token: ${error.message}.`);
    // Fail closed, retryably: the revocation store is down and this replica cannot decide this session.
    if (error instanceof RevocationUnavailableError) {
      throw new RequestRefused('SERVICE_UNAVAILABLE', 'The session cannot be checked right now; retry shortly.', undefined, { retryAfterSeconds: error.retryAfterSeconds });
    }
    throw error;
  }
}

/** The checks an operation passes before it is planned. */
interface Guards {
  readonly prepare: ReturnType<typeof createOperationCache>;
  readonly authorize: Authorizer;
  readonly measure: OperationMeasurer;
  readonly limits: OperationLimits;
  readonly persisted: PersistedOperations;
  readonly safelist: SafelistMode;
}

async function execute(
  engine: FederationEngine,
  guards: Guards,
  input: GraphQLHttpRequest,
  prepared: PreparedDocument,
  operation: OperationDefinitionNode | undefined,
  allowMutation: boolean,
  viewer: Viewer,
  policy: ClientPolicy | undefined,
  context: { internalToken: string; requestId: string },
): Promise<ExecutionResult> {
  if (!inSafelist(guards, viewer, input)) throw new RequestRefused('OPERATION_NOT_IN_SAFELIST', 'Only registered operations may run for this client.');
  if (!prepared.ok) throw new RequestRefused(prepared.code, prepared.errors[0]?.message ?? 'Invalid operation.', prepared.errors);
  if (!operation) {
    throw new RequestRefused('OPERATION_RESOLUTION_FAILURE', input.operationName ? `Unknown operation named "${input.operationName}".` : 'The document has several operations: send operationName.');
  }
  const refusal = operationRefusal(policy, operation.name?.value);
  if (refusal) throw new RequestRefused('FORBIDDEN', refusal);
  if (operation.operation === OperationTypeNode.SUBSCRIPTION) throw new RequestRefused('BAD_REQUEST', 'Subscriptions are not served over HTTP POST/GET.');
  if (operation.operation === OperationTypeNode.MUTATION && !allowMutation) throw new RequestRefused('BAD_REQUEST', 'Mutations must be sent with POST.');
  const coerced = getVariableValues(engine.schema, operation.variableDefinitions ?? [], input.variables, { maxErrors: 10 });
  if (coerced.errors) throw new RequestRefused('BAD_USER_INPUT', coerced.errors[0]?.message ?? 'Invalid variables.', coerced.errors);
  const violation = checkLimits(guards.measure(prepared.document, operation, coerced.coerced), guards.limits);
  if (violation) throw new RequestRefused(violation.code, violation.message, undefined, { measured: violation.measured, limit: violation.limit });
  // Fields the viewer may not see are removed here, before any subgraph is called.
  const authorized = guards.authorize(input.query, prepared.document, operation, viewer);
  const result: ExecutionResult = authorized.empty
    ? { data: {} }
    : await engine
        .execute({
          query: authorized.query,
          document: authorized.document,
          operation: authorized.operation,
          operationName: input.operationName,
          variables: input.variables,
          coercedVariables: coerced.coerced,
          context,
        })
        .catch((error: unknown) => {
          throw error instanceof EngineRefusal ? new RequestRefused(error.code, error.message) : error;
        });
  if (authorized.denials.length === 0) return result;
  const denialErrors = authorized.denials.map((denial) => new GraphQLError(denial.message, { path: [...denial.path], extensions: { ...denial.extensions, code: denial.code } }));
  return { data: nullDeniedFields(result.data, authorized.denials), errors: [...denialErrors, ...(result.errors ?? [])] };
}

function formatResult(result: ExecutionResult, log: FastifyRequest['log']): { data?: unknown; errors?: FormattedError[] } {
  if (!result.errors || result.errors.length === 0) return { data: result.data ?? null };
  const errors = result.errors.map((error) => maskError(error, (unexpected) => log.error({ err: unexpected.originalError ?? unexpected, path: unexpected.path }, 'execution error')));
  return { data: result.data ?? null, errors };
}

function refuse(reply: FastifyReply, refusal: RequestRefused): FastifyReply {
  if (refusal.code === 'UNAUTHENTICATED') reply.header('www-authenticate', 'Bearer error="invalid_token"');
  const retryAfter = refusal.extensions['retryAfterSeconds'];
  if (typeof retryAfter === 'number' && !reply.hasHeader('retry-after')) reply.header('retry-after', String(retryAfter));
  return reply.code(statusOf(refusal.code)).send({
    errors: refusal.errors.map((error) => ({
      message: error.message,
      ...(error.locations ? { locations: error.locations } : {}),
      extensions: { ...refusal.extensions, code: refusal.code },
    })),
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether the safelist (when on for this viewer) contains the operation. */
function inSafelist(guards: Guards, viewer: Viewer, input: GraphQLHttpRequest): boolean {
  const applies = guards.safelist === 'all' || (guards.safelist === 'partners' && viewer.clientId !== undefined && viewer.subject === undefined);
  return !applies || guards.persisted.contains(input.query);
}

/** A 429 refusal, with Retry-After set on the reply. */
function tooManyRequests(reply: FastifyReply, retryAfterSeconds: number, who: string): RequestRefused {
  reply.header('retry-after', String(retryAfterSeconds));
  return new RequestRefused('TOO_MANY_REQUESTS', `${who} has used up its rate limit; retry in ${retryAfterSeconds} s.`, undefined, { retryAfterSeconds });
}

/** GET requests must prove they are not a cross-site simple request (as Apollo Server's csrfPrevention). */
function hasPreflightHeader(request: FastifyRequest): boolean {
  const headers = request.headers;
  return Boolean(headers['apollo-require-preflight'] || headers['x-apollo-operation-name'] || headers['graphql-require-preflight']);
}

/** The query text: sent in full, or looked up by a persisted operation id (extensions.persistedQuery.sha256Hash or documentId). */
function resolveQuery(query: unknown, extensions: unknown, documentId: unknown, persisted: PersistedOperations): string | RequestRefused {
  const persistedQuery = isRecord(extensions) && isRecord(extensions['persistedQuery']) ? extensions['persistedQuery'] : undefined;
  const id = typeof documentId === 'string' ? documentId : typeof persistedQuery?.['sha256Hash'] === 'string' ? persistedQuery['sha256Hash'] : undefined;
  if (typeof query === 'string' && query.trim() !== '') {
    if (persistedQuery && typeof persistedQuery['sha256Hash'] === 'string' && persistedQuery['sha256Hash'] !== sha256Hex(query)) {
      return new RequestRefused('BAD_REQUEST', 'The persisted query hash does not match the query.');
    }
    return query;
  }
  if (id === undefined) return new RequestRefused('BAD_REQUEST', 'The request has no "query" string.');
  return persisted.bodyFor(id) ?? new RequestRefused('PERSISTED_QUERY_NOT_FOUND', 'Unknown persisted operation id.');
}

function readRequest(query: unknown, variables: unknown, operationName: unknown): GraphQLHttpRequest | RequestRefused {
  if (typeof query !== 'string' || query.trim() === '') return new RequestRefused('BAD_REQUEST', 'The request has no "query" string.');
  if (variables !== undefined && variables !== null && !isRecord(variables)) return new RequestRefused('BAD_REQUEST', '"variables" must be a JSON object.');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return new RequestRefused('BAD_REQUEST', '"operationName" must be a string.');
  return { query, variables: variables ?? {}, operationName: operationName ?? undefined };
}

function readPostBody(body: unknown, persisted: PersistedOperations): GraphQLHttpRequest | RequestRefused {
  if (Array.isArray(body)) return new RequestRefused('BAD_REQUEST', 'Batched requests are not supported.');
  if (!isRecord(body)) return new RequestRefused('BAD_REQUEST', 'The body must be a JSON object with a "query".');
  const query = resolveQuery(body['query'], body['extensions'], body['documentId'], persisted);
  if (query instanceof RequestRefused) return query;
  return readRequest(query, body['variables'], body['operationName']);
}

function readQueryString(queryString: unknown, persisted: PersistedOperations): GraphQLHttpRequest | RequestRefused {
  const params = isRecord(queryString) ? queryString : {};
  const json: Record<string, unknown> = {};
  for (const name of ['variables', 'extensions']) {
    if (typeof params[name] === 'string' && params[name] !== '') {
      try {
        json[name] = JSON.parse(params[name]);
      } catch {
        return new RequestRefused('BAD_REQUEST', `"${name}" is not valid JSON.`);
      }
    }
  }
  const query = resolveQuery(params['query'], json['extensions'], params['documentId'], persisted);
  if (query instanceof RequestRefused) return query;
  return readRequest(query, json['variables'], params['operationName'] === '' ? undefined : params['operationName']);
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
