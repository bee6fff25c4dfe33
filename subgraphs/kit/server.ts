// Builds a subgraph server: Fastify + mercurius serving buildSubgraphSchema(typeDefs, resolvers), with
// the internal-token check in front (each token accepted only for the purpose it was minted for), errors
// masked, health endpoints, the REST routes declared in schema/subgraphs.ts (and no others), the
// database opened, migrated and (optionally) seeded, and traces when configured (kit/tracing.ts). Every
// subgraph is this plus its own schema, resolvers and data; a subgraph that keeps no data of its own yet
// (an agency's scaffold, `npm run subgraph:new`) opens no database.
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parse } from 'graphql';
import type { GraphQLError } from 'graphql';
import mercurius from 'mercurius';
import { createInternalTokenVerifier } from '../../auth/internal-token.ts';
import type { InternalKeySource, InternalPurpose, InternalTokenVerifier, VerifiedInternalToken } from '../../auth/internal-token.ts';
import { readRequirements } from '../../auth/policies.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { ERROR_CODES, maskError } from '../../schema/errors.ts';
import { SUBGRAPHS } from '../../schema/subgraphs.ts';
import { createIntrospectionGate, enforceSchemaAuthorization } from './authorization.ts';
import { openDatabase, writeSnapshotFile } from './db.ts';
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailableBody, databaseUnavailableError, isDatabaseUnavailable, isDatabaseUnavailableError } from './db-errors.ts';
import { openEventBus } from './events/index.ts';
import type { EventBus } from './events/index.ts';
import type { Database } from './db.ts';
import { createHttpServer } from '../../platform/http.ts';
import { noNulInStringLiterals, NulLiteralError } from '../../platform/input-bounds.ts';
import { createLogger } from '../../platform/logger.ts';
import { createProcessMetrics } from '../../platform/metrics.ts';
import type { Logger } from '../../platform/logger.ts';
import { LiveFeed } from './live.ts';
import { registerSubgraphMetrics, withConsumerLag } from './metrics.ts';
import { migrate } from './migrate.ts';
import { hasSnapshot, seededSnapshotFile } from './seeded-snapshot.ts';
import type { SubgraphConfig } from './subgraph-config.ts';
import { createTracing } from '../../platform/tracing.ts';
import { withConsumerSpans, withQuerySpans } from './tracing.ts';

/**
 * What a subgraph builds once at start and hands to its resolvers, REST routes and background work: at
 * least the database client, the configuration and the logger; a subgraph with caches, queues or stores
 * adds them here (SubgraphDefinition.createServices) rather than in module-level maps keyed by the client.
 */
export interface SubgraphServices<Client> {
  readonly db: Client;
  readonly config: SubgraphConfig;
  readonly logger: Logger;
  /** Release what the services hold (connections, timers): called on close, after background work stopped. */
  close?(): Promise<void>;
}

/** What every resolver receives. */
export interface SubgraphContext<Client, Loaders, Services extends SubgraphServices<Client> = SubgraphServices<Client>> {
  readonly viewer: Viewer;
  readonly db: Client;
  readonly loaders: Loaders;
  readonly log: Logger;
  /** Whether this request may ask for __schema, __type and _service (kit/authorization.ts). */
  readonly allowIntrospection: boolean;
  /** The subgraph's services, the same object for every request. */
  readonly services: Services;
  /** The live feed its Subscription fields read (absent in a subgraph without background work, hence no bus). */
  readonly live?: LiveFeed;
}

/** A Prisma client, as far as the kit cares. */
export interface DisconnectableClient {
  $disconnect(): Promise<void>;
}

/** What a subgraph supplies. Services: what createServices builds (the kit's own three when it is absent). */
export interface SubgraphDefinition<Client extends DisconnectableClient, Loaders, Services extends SubgraphServices<Client> = SubgraphServices<Client>> {
  readonly name: string;
  /** URL of schema.graphql (`new URL('./schema.graphql', import.meta.url)`). */
  readonly schemaFile: URL;
  /** URL of prisma/migrations/. */
  readonly migrationsDir: URL;
  createClient(database: Database): Client;
  /**
   * Build the subgraph's services once, after the database is migrated (and seeded), before any route or
   * background work starts. Without it the services are { db, config, logger }.
   */
  createServices?(db: Client, config: SubgraphConfig, logger: Logger, database: Database | undefined): Services | Promise<Services>;
  readonly resolvers: GraphQLResolverMap<SubgraphContext<Client, Loaders, Services>>;
  /** Fresh dataloaders for one request (services: the process-wide ones, e.g. a cache the loaders read first). */
  createLoaders(db: Client, viewer: Viewer, services: Services): Loaders;
  /** Load demo data; must be idempotent. */
  seed(db: Client): Promise<void>;
  /** What the seed takes from the config, if anything (a key it hashes with): part of the seeded snapshot's name (seeded-snapshot.ts). */
  readonly seedFingerprint?: string;
  /**
   * REST routes of the subgraph's own, registered under /api/ (the gateway forwards
   * /api/<subgraph>/… here with the caller's internal token, minted for that route). request.viewer is set.
   * Exactly the routes declared for this subgraph in schema/subgraphs.ts: building fails on any difference.
   */
  routes?(app: FastifyInstance, services: Services): Promise<void>;
  /** Optional background work while the server is up (outbox relay, event consumers, schedulers); returns its stop. */
  startBackground?(context: BackgroundContext<Client, Services>): Promise<() => Promise<void>>;
}

/** The client of a subgraph that keeps no data of its own: nothing to connect or disconnect. */
export interface NoDatabase extends DisconnectableClient {
  readonly database: 'none';
}

const NO_DATABASE: NoDatabase = Object.freeze({ database: 'none', $disconnect: async () => undefined });

/** What a subgraph without a database supplies: a definition without migrations, client or seed. */
export type StatelessSubgraphDefinition<Loaders, Services extends SubgraphServices<NoDatabase> = SubgraphServices<NoDatabase>> = Omit<
  SubgraphDefinition<NoDatabase, Loaders, Services>,
  'migrationsDir' | 'createClient' | 'seed' | 'seedFingerprint'
>;

/** Where a subgraph's client comes from: its migrated (and seeded) database, or none. */
type ClientSource<Client extends DisconnectableClient> = Pick<SubgraphDefinition<Client, unknown>, 'migrationsDir' | 'createClient' | 'seed' | 'seedFingerprint'> | { readonly client: Client };

/** What background work gets: the services, and the event bus. */
export interface BackgroundContext<Client, Services extends SubgraphServices<Client> = SubgraphServices<Client>> {
  readonly db: Client;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly config: SubgraphConfig;
  readonly services: Services;
  /** The kit's plain SQL access to the subgraph's database (undefined without one): the outbox relay drains through it. */
  readonly database: Database | undefined;
}

/** What a subgraph's REST routes get: its services (the name kept for the routes written before them). */
export type RouteServices<Client> = SubgraphServices<Client>;

/** Overrides for tests and embedding. */
export interface BuildOptions {
  /** Use these gateway keys instead of fetching config.internalJwksUrl. */
  readonly internalKeys?: InternalKeySource;
  readonly logger?: Logger;
  /** The event bus shared by the subgraphs of this process; else NATS (NATS_URL) or a bus of this subgraph's own. */
  readonly bus?: EventBus;
}

/** A built subgraph: the Fastify app (not listening yet) plus what closes with it. */
export interface SubgraphServer<Client> {
  readonly app: FastifyInstance;
  readonly db: Client;
  readonly database: Database;
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer?: Viewer;
    /** What the verified internal token was minted for (set with `viewer`). */
    internalPurpose?: InternalPurpose;
  }
}

/** Whether the request carries a token the gateway minted for its own schema fetches (introspection, `_service`). */
export function hasSchemaPurpose(request: FastifyRequest): boolean {
  return request.internalPurpose?.kind === 'schema';
}

/** Read a subgraph's SDL file. */
export function readSchemaFile(file: URL): string {
  return readFileSync(file, 'utf8');
}

/** Open, migrate, seed and wire up a subgraph. */
export async function buildSubgraph<Client extends DisconnectableClient, Loaders, Services extends SubgraphServices<Client> = SubgraphServices<Client>>(
  definition: SubgraphDefinition<Client, Loaders, Services>,
  config: SubgraphConfig,
  options: BuildOptions = {},
): Promise<SubgraphServer<Client>> {
  const { app, db, database } = await assembleSubgraph(definition, definition, config, options);
  // A definition with migrations always has its database opened (assembleSubgraph throws otherwise).
  return { app, db, database: database as Database };
}

/** Wire up a subgraph that keeps no data of its own: no database is opened, readiness is the process's. */
export async function buildStatelessSubgraph<Loaders, Services extends SubgraphServices<NoDatabase> = SubgraphServices<NoDatabase>>(
  definition: StatelessSubgraphDefinition<Loaders, Services>,
  config: SubgraphConfig,
  options: BuildOptions = {},
): Promise<Omit<SubgraphServer<NoDatabase>, 'database'>> {
  const { app, db } = await assembleSubgraph<NoDatabase, Loaders, Services>(definition, { client: NO_DATABASE }, config, options);
  return { app, db };
}

async function assembleSubgraph<Client extends DisconnectableClient, Loaders, Services extends SubgraphServices<Client>>(
  definition: Omit<SubgraphDefinition<Client, Loaders, Services>, 'migrationsDir' | 'createClient' | 'seed' | 'seedFingerprint'>,
  source: ClientSource<Client>,
  config: SubgraphConfig,
  options: BuildOptions,
): Promise<{ app: FastifyInstance; db: Client; database: Database | undefined }> {
  const logger = options.logger ?? createLogger(`subgraph-${definition.name}`, config.logLevel);
  const tracing = await createTracing(`subgraph-${definition.name}`, config.tracing);
  let database: Database | undefined;
  let db: Client | undefined;
  let built: Services | undefined;
  try {
    if ('client' in source) db = source.client;
    else {
      // A throwaway seeded database starts from a snapshot of one already migrated and seeded (seeded-snapshot.ts).
      const throwaway = !config.databaseUrl && (config.dataDir ?? 'memory://').startsWith('memory://') && config.seedDemoData;
      const snapshotFile = throwaway ? seededSnapshotFile(definition.name, source.migrationsDir, source.seedFingerprint ?? '') : undefined;
      const fromSnapshot = snapshotFile !== undefined && hasSnapshot(snapshotFile);
      database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, ...(fromSnapshot ? { snapshotFile } : {}) });
      if (!fromSnapshot) {
        const migrations = await migrate(database, source.migrationsDir.pathname);
        if (migrations.applied.length > 0) logger.info({ applied: migrations.applied }, 'migrations applied');
      }
      // With tracing on, every query of the client is a span (never its arguments); off, the client as built.
      db = tracing.enabled ? withQuerySpans(source.createClient(database)) : source.createClient(database);
      if (config.seedDemoData && !fromSnapshot) await source.seed(db);
      if (snapshotFile !== undefined && !fromSnapshot && database.snapshot) await writeSnapshotFile(snapshotFile, await database.snapshot());
    }
    // Without the hook, Services is the default SubgraphServices: the kit's three are all it holds.
    built = definition.createServices ? await definition.createServices(db, config, logger, database) : ({ db, config, logger } satisfies SubgraphServices<Client> as Services);
  } catch (error) {
    await db?.$disconnect();
    await database?.close();
    throw error;
  }
  const client = db;
  const services = built;
  // The gateway's keys are kept until a successful fetch drops one (auth/internal-keys.ts); the start-up
  // retries end when the app closes.
  const keyRetries = new AbortController();
  const keySource = options.internalKeys ?? { jwksUrl: config.internalJwksUrl };
  const verifyInternalToken = createInternalTokenVerifier(
    'jwksUrl' in keySource
      ? {
          ...keySource,
          keySet: {
            onFetchError: (error: unknown) =>
              logger.warn({ err: error }, "the gateway's JWKS could not be fetched; keeping the last good key set (none yet: internal tokens are refused until a fetch succeeds)"),
            signal: keyRetries.signal,
            ...keySource.keySet,
          },
        }
      : keySource,
  );

  const metrics = createProcessMetrics(definition.name);
  if (database) registerSubgraphMetrics(metrics, database);
  const app = createHttpServer(logger, 1024 * 1024, { metrics: { metrics, exposure: { token: config.metricsToken, production: config.production } }, tracing });

  app.get('/health/live', async () => ({ status: 'ok' }));
  // A NATS bus connects in the background: the subgraph starts (and serves) while NATS is down.
  let ownBus: EventBus | undefined;
  const bus = definition.startBackground ? (options.bus ?? (ownBus = await openEventBus(config.natsUrl, definition.name, logger))) : undefined;
  const live = bus ? new LiveFeed(bus, logger) : undefined;
  app.get('/health/ready', async (_request, reply) => {
    try {
      await database?.withConnection((connection) => connection.query('SELECT 1'));
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
    // Without the bus the subgraph still serves GraphQL (its events wait in the outbox), so it stays in
    // the load balancer: 200, and the body says what is missing.
    if (bus?.available === false) return { status: 'degraded', bus: 'unavailable' };
    return { status: 'ok' };
  });

  app.addHook('preHandler', async (request, reply) => {
    // Only the gateway may call /graphql and /api/: it forwards the caller's identity in the token.
    // Decided by the route the router matched (it decodes the path: "/%67raphql" is /graphql), and by the
    // path only for what matched nothing. The gateway's own calls are exactly "/graphql": no lookup then.
    const route = request.url === '/graphql' ? '/graphql' : request.routeOptions.url;
    const gated = route === undefined ? request.url.startsWith('/graphql') || request.url.startsWith('/api/') : route === '/graphql' || route.startsWith('/api/');
    if (!gated) return undefined;
    const verified = await verifiedToken(request, verifyInternalToken);
    if (verified === undefined) return refuseInternalToken(reply, 'This subgraph only answers the gateway.');
    if (route !== undefined && !purposeFits(verified.purpose, route, request.method, definition.name)) {
      return refuseInternalToken(reply, 'This internal token was minted for another route.');
    }
    request.viewer = verified.viewer;
    request.internalPurpose = verified.purpose;
    return undefined;
  });

  const sdl = readSchemaFile(definition.schemaFile);
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: definition.resolvers as GraphQLResolverMap<unknown> }]);
  // The schema's own @authenticated/@requiresScopes/@policy hold here too, whatever path reached us.
  enforceSchemaAuthorization(schema, readRequirements(sdl));
  const context = (request: FastifyRequest) => {
    const viewer = request.viewer as Viewer;
    // Only the gateway's own schema-purpose tokens may introspect in production.
    const allowIntrospection = !config.production || hasSchemaPurpose(request);
    return { viewer, db: client, loaders: definition.createLoaders(client, viewer, services), log: request.log, allowIntrospection, services, ...(live ? { live } : {}) };
  };
  // The gateway multiplexes its subscriptions over one connection per subgraph (gateway/subscriptions/upstream.ts):
  // each subscribe message names its own viewer, with an internal token in mercurius's per-operation
  // `connectionInit` extension; that viewer (and loaders of their own) replace the connection's for that
  // operation. A token that does not verify, or was minted for another purpose, refuses the operation.
  const subscriptionViewer = async (payload: unknown): Promise<boolean | { viewer: Viewer; loaders: unknown }> => {
    const authorization = (payload as { authorization?: unknown } | null | undefined)?.authorization;
    if (authorization === undefined) return true;
    if (typeof authorization !== 'string' || !authorization.startsWith('Bearer ')) return false;
    try {
      const verified = await verifyInternalToken(authorization.slice('Bearer '.length));
      if (verified.purpose.kind !== 'graphql') return false;
      return { viewer: verified.viewer, loaders: definition.createLoaders(client, verified.viewer, services) };
    } catch {
      return false;
    }
  };
  await app.register(mercurius, {
    schema,
    path: '/graphql',
    graphiql: false,
    jit: 1,
    validationRules: [noNulInStringLiterals],
    context,
    // Subscriptions over graphql-ws (the gateway's upstream, see gateway/subscriptions/): the upgrade request
    // passed the internal-token check above like any /graphql request, so the connection's viewer is known;
    // each operation may name its own (subscriptionViewer above).
    subscription: { context: (_socket, request) => context(request), onConnect: ({ payload }) => subscriptionViewer(payload), keepAlive: 15_000 },
    errorFormatter: (execution, context) => {
      const log = (context as unknown as { reply?: { request: FastifyRequest } }).reply?.request.log ?? logger;
      const unwrapped: GraphQLError[] = [];
      const errors = execution.errors.flatMap((error) => {
        // A database that is down or restarting is a retryable SERVICE_UNAVAILABLE, not an internal
        // error (checked first: a driver's AggregateError also has `errors`, and must not be unwrapped).
        if (isDatabaseUnavailableError(error)) {
          log.warn({ err: error.originalError, path: error.path }, 'database unavailable');
          return [databaseUnavailableError(error)];
        }
        // Mercurius wraps variable-coercion errors (a bad DateTime, say) in one MER_ERR_GQL_VALIDATION
        // error whose `errors` hold the coded GraphQL errors: unwrap them, or they are masked as internal.
        const inner = (error.originalError as { errors?: GraphQLError[] } | undefined)?.errors ?? [error];
        unwrapped.push(...inner);
        return inner.map((one) => maskError(one, (unexpected) => log.error({ err: unexpected.originalError ?? unexpected, path: unexpected.path }, 'resolver failed')));
      });
      // U+0000 in a string literal is refused before execution with 400, as at the gateway.
      const statusCode = unwrapped.some((error) => error instanceof NulLiteralError) ? 400 : 200;
      return { statusCode, response: { data: execution.data ?? null, errors } };
    },
  });

  app.graphql.addHook('preExecution', createIntrospectionGate());

  const declared = new Set((SUBGRAPHS.find((entry) => entry.name === definition.name)?.restRoutes ?? []).map((route) => `${route.method} ${route.path}`));
  try {
    // The gateway forwards only what schema/subgraphs.ts declares: a route registered here and not
    // declared there (or the other way round) is a mistake to catch at build, not in production.
    const registered = new Set<string>();
    app.addHook('onRoute', (options) => {
      if (options.url !== '/api' && !options.url.startsWith('/api/')) return;
      const path = options.url.slice('/api'.length);
      for (const method of [options.method].flat()) {
        // Fastify serves HEAD for every GET by itself.
        if (method === 'HEAD' && declared.has(`GET ${path}`)) continue;
        const route = `${method} ${path}`;
        if (!declared.has(route))
          throw new Error(
            `The ${definition.name} subgraph registers ${route} under /api, but schema/subgraphs.ts does not declare it in its restRoutes: declare it there (the gateway forwards nothing else) or remove it.`,
          );
        registered.add(route);
      }
    });
    if (definition.routes) {
      await app.register(
        async (scope) => {
          // Every REST route answers 503 + Retry-After + SERVICE_UNAVAILABLE while the database is down
          // (a route's own handler rethrows such errors); anything else goes on to Fastify's handler.
          scope.setErrorHandler((error, request, reply) => {
            if (!isDatabaseUnavailable(error)) throw error;
            request.log.warn({ err: error }, 'database unavailable');
            return reply.code(503).header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS)).send(databaseUnavailableBody());
          });
          await definition.routes?.(scope, services);
        },
        { prefix: '/api' },
      );
    }
    const missing = [...declared].filter((route) => !registered.has(route));
    if (missing.length > 0)
      throw new Error(
        `schema/subgraphs.ts declares ${missing.join(', ')} for the ${definition.name} subgraph, which never registers them under /api: register them or remove them from its restRoutes.`,
      );
  } catch (error) {
    await app.close().catch(() => undefined);
    await ownBus?.close();
    await services.close?.();
    await client.$disconnect();
    await database?.close();
    throw error;
  }

  let stopBackground: (() => Promise<void>) | undefined;
  app.addHook('onClose', async () => {
    keyRetries.abort();
    await live?.close();
    await stopBackground?.();
    await services.close?.();
    await ownBus?.close();
    await client.$disconnect();
    await database?.close();
    // Last, after the drain: the spans of the requests that finished in it are exported too.
    await tracing.shutdown();
  });
  if (definition.startBackground && bus) {
    try {
      // Consumers continue the trace of the change that wrote each event.
      const measured = withConsumerLag(metrics, bus);
      stopBackground = await definition.startBackground({ db: client, bus: tracing.enabled ? withConsumerSpans(measured, tracing) : measured, logger, config, services, database });
    } catch (error) {
      await app.close();
      throw error;
    }
  }
  return { app, db: client, database };
}

async function verifiedToken(request: FastifyRequest, verify: InternalTokenVerifier): Promise<VerifiedInternalToken | undefined> {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return undefined;
  try {
    return await verify(header.slice('Bearer '.length));
  } catch {
    return undefined;
  }
}

/**
 * Whether a token minted for `purpose` may be used at the matched `route`: /graphql takes GraphQL and
 * schema tokens; an /api route takes only a REST token minted for this subgraph and this very route
 * (HEAD is the declared GET).
 */
function purposeFits(purpose: InternalPurpose, route: string, method: string, subgraph: string): boolean {
  if (route === '/graphql') return purpose.kind === 'graphql' || purpose.kind === 'schema';
  return purpose.kind === 'rest' && purpose.subgraph === subgraph && purpose.route === `${method === 'HEAD' ? 'GET' : method} ${route.slice('/api'.length)}`;
}

function refuseInternalToken(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(ERROR_CODES.INTERNAL_TOKEN_REQUIRED.status).send({ errors: [{ message, extensions: { code: 'INTERNAL_TOKEN_REQUIRED' } }] });
}
