// Builds a subgraph server: Fastify + mercurius serving buildSubgraphSchema(typeDefs, resolvers), with
// the internal-token check in front, errors masked, health endpoints, and the database opened,
// migrated and (optionally) seeded. Every subgraph is this plus its own schema, resolvers and data.
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parse } from 'graphql';
import type { GraphQLError } from 'graphql';
import mercurius from 'mercurius';
import { createInternalTokenVerifier } from '../../auth/internal-token.ts';
import type { InternalKeySource, InternalTokenVerifier } from '../../auth/internal-token.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { ERROR_CODES, maskError } from '../../schema/errors.ts';
import { openDatabase } from './db.ts';
import { openEventBus } from './events/index.ts';
import type { EventBus } from './events/index.ts';
import type { Database } from './db.ts';
import { createHttpServer } from './http.ts';
import { createLogger } from './logger.ts';
import type { Logger } from './logger.ts';
import { migrate } from './migrate.ts';
import type { SubgraphConfig } from './subgraph-config.ts';

/** What every resolver receives. */
export interface SubgraphContext<Client, Loaders> {
  readonly viewer: Viewer;
  readonly db: Client;
  readonly loaders: Loaders;
  readonly log: Logger;
}

/** A Prisma client, as far as the kit cares. */
export interface DisconnectableClient {
  $disconnect(): Promise<void>;
}

/** What a subgraph supplies. */
export interface SubgraphDefinition<Client extends DisconnectableClient, Loaders> {
  readonly name: string;
  /** URL of schema.graphql (`new URL('./schema.graphql', import.meta.url)`). */
  readonly schemaFile: URL;
  /** URL of prisma/migrations/. */
  readonly migrationsDir: URL;
  createClient(database: Database): Client;
  readonly resolvers: GraphQLResolverMap<SubgraphContext<Client, Loaders>>;
  /** Fresh dataloaders for one request. */
  createLoaders(db: Client, viewer: Viewer): Loaders;
  /** Load demo data; must be idempotent. */
  seed(db: Client): Promise<void>;
  /**
   * REST routes of the subgraph's own, registered under /api/ (the gateway forwards
   * /api/<subgraph>/… here with the caller's internal token, like /graphql). request.viewer is set.
   */
  routes?(app: FastifyInstance, services: RouteServices<Client>): Promise<void>;
  /** Optional background work while the server is up (outbox relay, event consumers, schedulers); returns its stop. */
  startBackground?(context: BackgroundContext<Client>): Promise<() => Promise<void>>;
}

/** What background work gets. */
export interface BackgroundContext<Client> {
  readonly db: Client;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly config: SubgraphConfig;
}

/** What a subgraph's REST routes get. */
export interface RouteServices<Client> {
  readonly db: Client;
  readonly config: SubgraphConfig;
  readonly logger: Logger;
}

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
  }
}

/** Read a subgraph's SDL file. */
export function readSchemaFile(file: URL): string {
  return readFileSync(file, 'utf8');
}

/** Open, migrate, seed and wire up a subgraph. */
export async function buildSubgraph<Client extends DisconnectableClient, Loaders>(
  definition: SubgraphDefinition<Client, Loaders>,
  config: SubgraphConfig,
  options: BuildOptions = {},
): Promise<SubgraphServer<Client>> {
  const logger = options.logger ?? createLogger(`subgraph-${definition.name}`, config.logLevel);
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  let db: Client | undefined;
  try {
    const migrations = await migrate(database, definition.migrationsDir.pathname);
    if (migrations.applied.length > 0) logger.info({ applied: migrations.applied }, 'migrations applied');
    db = definition.createClient(database);
    if (config.seedDemoData) await definition.seed(db);
  } catch (error) {
    await db?.$disconnect();
    await database.close();
    throw error;
  }
  const client = db;
  // The gateway's keys are kept until a successful fetch drops one (auth/internal-keys.ts); the start-up
  // retries end when the app closes.
  const keyRetries = new AbortController();
  const keySource = options.internalKeys ?? { jwksUrl: config.internalJwksUrl };
  const verifyInternalToken = createInternalTokenVerifier(
    'jwksUrl' in keySource
      ? {
          ...keySource,
          keySet: {
            onFetchError: (error: unknown) => logger.warn({ err: error }, "the gateway's JWKS could not be fetched; keeping the last good key set (none yet: internal tokens are refused until a fetch succeeds)"),
            signal: keyRetries.signal,
            ...keySource.keySet,
          },
        }
      : keySource,
  );

  const app = createHttpServer(logger, 1024 * 1024);

  app.get('/health/live', async () => ({ status: 'ok' }));
  let bus: EventBus | undefined;
  app.get('/health/ready', async (_request, reply) => {
    try {
      await database.withConnection((connection) => connection.query('SELECT 1'));
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
    if (!request.url.startsWith('/graphql') && !request.url.startsWith('/api/')) return;
    const viewer = await viewerFromRequest(request, verifyInternalToken);
    if (viewer === undefined) {
      return reply.code(ERROR_CODES.INTERNAL_TOKEN_REQUIRED.status).send({
        errors: [{ message: 'This subgraph only answers the gateway.', extensions: { code: 'INTERNAL_TOKEN_REQUIRED' } }],
      });
    }
    request.viewer = viewer;
    return undefined;
  });

  const schema = buildSubgraphSchema([{ typeDefs: parse(readSchemaFile(definition.schemaFile)), resolvers: definition.resolvers as GraphQLResolverMap<unknown> }]);
  await app.register(mercurius, {
    schema,
    path: '/graphql',
    graphiql: false,
    jit: 1,
    context: (request) => {
      const viewer = request.viewer as Viewer;
      return { viewer, db: client, loaders: definition.createLoaders(client, viewer), log: request.log };
    },
    errorFormatter: (execution, context) => {
      const log = (context as unknown as { reply?: { request: FastifyRequest } }).reply?.request.log ?? logger;
      // Mercurius wraps variable-coercion errors (a bad DateTime, say) in one MER_ERR_GQL_VALIDATION
      // error whose `errors` hold the coded GraphQL errors: unwrap them, or they are masked as internal.
      const errors = execution.errors.flatMap((error) => (error.originalError as { errors?: GraphQLError[] } | undefined)?.errors ?? [error]).map((error) =>
        maskError(error as GraphQLError, (unexpected) => log.error({ err: unexpected.originalError ?? unexpected, path: unexpected.path }, 'resolver failed')),
      );
      return { statusCode: 200, response: { data: execution.data ?? null, errors } };
    },
  });

  if (definition.routes) {
    await app.register(async (scope) => definition.routes?.(scope, { db: client, config, logger }), { prefix: '/api' });
  }

  let stopBackground: (() => Promise<void>) | undefined;
  let ownBus: EventBus | undefined;
  app.addHook('onClose', async () => {
    keyRetries.abort();
    await stopBackground?.();
    await ownBus?.close();
    await client.$disconnect();
    await database.close();
  });
  if (definition.startBackground) {
    try {
      // A NATS bus connects in the background: the subgraph starts (and serves) while NATS is down.
      bus = options.bus ?? (ownBus = await openEventBus(config.natsUrl, definition.name, logger));
      stopBackground = await definition.startBackground({ db: client, bus, logger, config });
    } catch (error) {
      await app.close();
      throw error;
    }
  }
  return { app, db: client, database };
}

async function viewerFromRequest(request: FastifyRequest, verify: InternalTokenVerifier): Promise<Viewer | undefined> {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return undefined;
  try {
    return await verify(header.slice('Bearer '.length));
  } catch {
    return undefined;
  }
}
