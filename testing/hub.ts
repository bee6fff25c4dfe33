// Starts the whole hub for a test, as `npm start` does but on ephemeral ports and throwaway databases:
// the embedded identity provider, the four subgraphs and the gateway, all real servers.
// With TEST_DATABASE_URL set (CI's second pass), each subgraph gets its own fresh PostgreSQL database;
// otherwise each gets an in-memory PGlite.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { DEMO_ACCOUNTS, DEMO_CLIENTS, DEMO_REALM } from '../auth/demo-realm.ts';
import { publicClient, startEmbeddedIdp } from '../auth/embedded-idp/index.ts';
import type { EmbeddedIdp, EmbeddedIdpClient } from '../auth/embedded-idp/index.ts';
import { generateInternalSigningKey } from '../auth/internal-token.ts';
import type { InternalSigningKey } from '../auth/internal-token.ts';
import { parseGatewayConfig } from '../gateway/config.ts';
import { buildGateway } from '../gateway/server.ts';
import type { SubgraphName } from '../schema/subgraphs.ts';
import { preparePgliteTemplate } from '../subgraphs/kit/db.ts';
import { InProcessEventBus } from '../subgraphs/kit/events/in-process-bus.ts';
import type { DisconnectableClient, SubgraphServer } from '../subgraphs/kit/server.ts';
import { HOSTED_SUBGRAPHS } from '../subgraphs/hosted.ts';

/** The test client every hub test logs in with. */
export const TEST_CLIENT_ID = 'test-portal';
export const TEST_REDIRECT_URI = 'http://127.0.0.1/test/callback';

/** The dossier subgraph's verifier key in every test hub (production mode refuses to start without one). */
export const TEST_VERIFIER_KEY = 'test-hub-dossier-verifier-key-0123456789';

/** A running hub. */
export interface Hub {
  readonly idp: EmbeddedIdp;
  readonly gatewayUrl: string;
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly databaseKind: 'postgres' | 'pglite';
  /** The gateway's internal-token key, so a test can call a subgraph as the gateway would. */
  readonly internalKey: InternalSigningKey;
  /** The gateway's server, for tests of its own lifecycle (shutdown). */
  readonly gateway: FastifyInstance;
  /** The built subgraphs by name (their Prisma clients), for tests that drive background work directly. */
  readonly subgraphs: Readonly<Record<string, SubgraphServer<DisconnectableClient>>>;
  /** The in-process event bus the four subgraphs share, as in `npm start`. */
  readonly bus: InProcessEventBus;
  /** The gateway's registry file (REGISTRY_FILE), in a folder of this hub's own. */
  readonly registryFile: string;
  /** POST a GraphQL request to the gateway. */
  graphql(query: string, options?: { token?: string; variables?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: GraphQLBody }>;
  close(): Promise<void>;
}

/** A GraphQL response body, loosely typed for assertions. */
export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Create a fresh PostgreSQL database on the server of `adminUrl`; returns its URL and a dropper. */
export async function createTestDatabase(adminUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `lt_test_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** What a test may change about the hub. */
export interface HubOptions {
  /** Extra gateway environment. */
  readonly gatewayEnv?: Record<string, string>;
  /** The identity provider's signing keys (a JWKS file with private parts), so a test can mint tokens. */
  readonly idpKeysFile?: string;
  /** More realm clients; one with the id of a demo client replaces it (e.g. the portals, with redirect
   *  and back-channel logout URIs on ephemeral ports). */
  readonly extraClients?: readonly EmbeddedIdpClient[];
  /** Extra subgraph environment (e.g. FEEDBACK_PHOTO_S3_*); FEEDBACK_PHOTO_DIR and DOSSIER_DOCUMENT_DIR are a temporary folder unless given. */
  readonly subgraphEnv?: Record<string, string>;
  /** The subgraphs talk over this NATS server (JetStream) instead of sharing one in-process bus (`hub.bus` is then unused). */
  readonly natsUrl?: string;
  /** The PostgreSQL server the subgraphs' databases are created on, instead of TEST_DATABASE_URL (a fault test's own cluster). */
  readonly databaseAdminUrl?: string;
  /** Subgraphs this hub does not host: the test runs them (a process of their own) and gives the gateway their `<PREFIX>_URL` in gatewayEnv. */
  readonly elsewhere?: readonly SubgraphName[];
}

/** Start everything. */
export async function startHub(options: HubOptions = {}): Promise<Hub> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => {});
  };
  try {
    const logger = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
    const idp = await startEmbeddedIdp({
      host: '127.0.0.1',
      port: 0,
      realm: DEMO_REALM,
      accounts: DEMO_ACCOUNTS,
      clients: [
        ...DEMO_CLIENTS.filter((client) => !options.extraClients?.some((extra) => extra.clientId === client.clientId)),
        publicClient(TEST_CLIENT_ID, [TEST_REDIRECT_URI]),
        ...(options.extraClients ?? []),
      ],
      ...(options.idpKeysFile ? { keysFile: options.idpKeysFile } : {}),
    });
    closers.push(() => idp.close());
    const key = await generateInternalSigningKey();
    const adminUrl = options.databaseAdminUrl ?? process.env['TEST_DATABASE_URL'];
    if (!adminUrl) await preparePgliteTemplate();

    // One bus for the four subgraphs, as in `npm start`; quick redelivery keeps tests short.
    const bus = new InProcessEventBus({ redeliveryDelayMs: 100, maxRedeliveryDelayMs: 1_000 });
    closers.push(() => bus.close());
    // Uploaded photos and documents go to a folder of this hub's own, never into the working tree's data/.
    const photoDir = await mkdtemp(path.join(tmpdir(), 'lien-thong-photos-'));
    closers.push(() => rm(photoDir, { recursive: true, force: true }));
    const subgraphUrls: Record<string, string> = {};
    const subgraphs: Record<string, SubgraphServer<DisconnectableClient>> = {};
    const apps: FastifyInstance[] = await Promise.all(
      HOSTED_SUBGRAPHS.filter((subgraph) => !options.elsewhere?.includes(subgraph.name)).map(async (subgraph) => {
        let databaseUrl: string | undefined;
        if (adminUrl) {
          const database = await createTestDatabase(adminUrl, subgraph.name);
          closers.push(() => database.drop());
          databaseUrl = database.url;
        }
        const config = {
          ...subgraph.parseConfig({
            LOG_LEVEL: 'silent',
            FEEDBACK_PHOTO_DIR: photoDir,
            DOSSIER_DOCUMENT_DIR: photoDir,
            DOSSIER_VERIFIER_KEY: TEST_VERIFIER_KEY,
            ...(options.natsUrl ? { NATS_URL: options.natsUrl } : {}),
            ...options.subgraphEnv,
          }),
          dataDir: 'memory://',
          databaseUrl,
        };
        const server = await subgraph.build(config, { internalKeys: { jwks: key.publicJwks }, logger, ...(options.natsUrl ? {} : { bus }) });
        const { app } = server;
        subgraphs[subgraph.name] = server;
        closers.push(() => app.close());
        const address = await app.listen({ host: '127.0.0.1', port: 0 });
        subgraphUrls[subgraph.name] = `${address}/graphql`;
        return app;
      }),
    );
    void apps;

    const registryFile = path.join(photoDir, 'registry.json');
    const gatewayConfig = parseGatewayConfig({
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      OIDC_ISSUER: idp.issuer,
      INTERNAL_SIGNING_JWK: JSON.stringify(key.privateJwk),
      // A registry of this hub's own: never the working tree's data/registry.json.
      REGISTRY_FILE: registryFile,
      ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])),
      ...options.gatewayEnv,
    });
    const { app: gateway } = await buildGateway(gatewayConfig, { logger });
    closers.push(() => gateway.close());
    const gatewayUrl = await gateway.listen({ host: '127.0.0.1', port: 0 });

    return {
      idp,
      gatewayUrl,
      subgraphUrls,
      databaseKind: adminUrl ? 'postgres' : 'pglite',
      internalKey: key,
      gateway,
      subgraphs,
      bus,
      registryFile,
      async graphql(query, options = {}) {
        const response = await fetch(`${gatewayUrl}/graphql`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...options.headers,
          },
          body: JSON.stringify({ query, variables: options.variables }),
        });
        return { status: response.status, body: (await response.json()) as GraphQLBody };
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
