// The hub the scale benchmarks measure through (bench:feedback, bench:dossier): the embedded identity
// provider and the gateway in the benchmark's process (in production mode, rate limits raised so the
// one bench address is never refused, the checks still run), and the four subgraphs in a child process,
// as they would run beside a gateway in production — the named ones on PostgreSQL databases, the others
// on in-memory PGlite, sharing one in-process event bus as under `npm start`. The benchmark's process
// holds the realm's keys, so it signs access tokens as the realm does and the gateway verifies them
// against the realm's JWKS.
import { fork, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { getGlobalDispatcher } from 'undici';
import pino from 'pino';
import { DEMO_ACCOUNTS, DEMO_CLIENTS, DEMO_REALM } from '../auth/demo-realm.ts';
import { publicClient, startEmbeddedIdp } from '../auth/embedded-idp/index.ts';
import type { EmbeddedIdpClient } from '../auth/embedded-idp/index.ts';
import { createInternalTokenSigner, generateInternalSigningKey, GRAPHQL_PURPOSE } from '../auth/internal-token.ts';
import { ANONYMOUS } from '../auth/viewer.ts';
import { parseGatewayConfig } from '../gateway/config.ts';
import { postBytes } from '../gateway/post-bytes.ts';
import { buildGateway } from '../gateway/server.ts';
import { subgraphEntry } from '../schema/subgraphs.ts';
import { HOSTED_SUBGRAPHS } from '../subgraphs/hosted.ts';
import { preparePgliteTemplate } from '../subgraphs/kit/db.ts';
import { InProcessEventBus } from '../subgraphs/kit/events/in-process-bus.ts';
import { createNatsEventBus } from '../subgraphs/kit/events/nats-bus.ts';
import { countGeneratedItems } from '../testing/feedback-volume.ts';
import { TEST_CLIENT_ID } from '../testing/hub.ts';
import { createRealmKeys, mintAccessToken } from '../testing/tokens.ts';

export { DEMO_ACCOUNTS };

/** Where each subgraph keeps its data and what else it reads from its environment. */
export interface ScaleHubOptions {
  /** PostgreSQL URL per subgraph name; the others run on in-memory PGlite. */
  readonly databases: Readonly<Record<string, string>>;
  /** Extra environment per subgraph name (e.g. a verifier key the benchmark also knows). */
  readonly subgraphEnv?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Run each subgraph in a process of its own, as production does, with their events on this NATS
   * JetStream server (a namespace of the run's own); default: all four in one process on an in-process bus.
   */
  readonly natsUrl?: string;
  /** More clients of the realm (the staff workspace's, say). */
  readonly extraClients?: readonly EmbeddedIdpClient[];
}

/** The running hub. */
export interface ScaleHub {
  readonly gatewayUrl: string;
  /** The realm's identity provider (its issuer, for the web applications' sign-in). */
  readonly idp: { readonly issuer: string };
  /** An access token of the realm with these claims, valid for four hours. */
  token(claims: Parameters<typeof mintAccessToken>[2]): Promise<string>;
  /** The subgraphs' own GraphQL URLs by environment key (DOSSIER_URL, …), for timing a hop without the gateway. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /** The internal token the gateway sends for an anonymous caller (renewed by the signer as it expires). */
  readonly anonymousInternalToken: () => Promise<string>;
  close(): Promise<void>;
}

interface SubgraphsJob extends ScaleHubOptions {
  readonly jwks: unknown;
  /** The subgraphs this child hosts (all when absent). */
  readonly only?: string;
  /** The NATS namespace of this run. */
  readonly namespace?: string;
}

/** A GraphQL answer as the scale benchmarks read it. */
export interface TimedAnswer<Data> {
  /** Milliseconds from sending the request to the whole body read. */
  readonly ms: number;
  readonly body: { data?: Data; errors?: { message: string }[] };
}

/**
 * POST one GraphQL request and time it. With undici's handler API (gateway/post-bytes.ts), as the gateway
 * itself calls subgraphs: the client runs in the gateway's process here, so its work and its garbage show
 * in the gateway's latency — the WHATWG `fetch` costs several times the CPU per request, and undici's
 * `request()` keeps each answer alive into the old generation (longer young-generation pauses).
 */
export async function timedGraphql<Data = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<TimedAnswer<Data>> {
  const started = performance.now();
  const answer = await postBytes(
    getGlobalDispatcher(),
    new URL(url),
    { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    JSON.stringify({ query, variables }),
    NEVER_ABORTED,
    () => true,
  );
  const body = JSON.parse(answer.body.toString('utf8')) as TimedAnswer<Data>['body'];
  return { ms: performance.now() - started, body };
}
const NEVER_ABORTED = new AbortController().signal;

/** The notification subgraph's database beside a benchmark's own: `<database>_notification` on the same server. */
export function notificationDatabaseBeside(url: string): string {
  const beside = new URL(url);
  beside.pathname = `${beside.pathname}_notification`;
  return beside.toString();
}

/** Create the database of `url` when it is missing (on the same server's `postgres` database). */
export async function ensureDatabase(url: string, log: (message: string) => void): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  await withPgClient(admin.toString(), async (client) => {
    if ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 0) {
      log(`creating database ${name}`);
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    }
  });
}

/**
 * The feedback database at `url` holding exactly `count` generated items (scripts/seed-feedback.ts, seed 1,
 * 24 months): seeded when it holds none or another number (then replaced); the number it holds after.
 */
export async function ensureFeedbackItems(url: string, count: number, log: (message: string) => void): Promise<number> {
  const generated = () =>
    withPgClient(url, async (client) => {
      const exists = await client.query<{ ok: boolean }>(`SELECT to_regclass('"feedback_item"') IS NOT NULL AS "ok"`);
      if (!exists.rows[0]?.ok) return 0;
      return countGeneratedItems(async <Row>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as Row[]);
    });
  const have = await generated();
  if (have === count) {
    log(`${count.toLocaleString('en')} generated items already there: not seeding`);
    return have;
  }
  await new Promise<void>((resolve, reject) => {
    const script = fileURLToPath(new URL('../scripts/seed-feedback.ts', import.meta.url));
    const child = spawn(process.execPath, [script, '--count', String(count), '--database-url', url, ...(have > 0 ? ['--replace'] : [])], { stdio: 'inherit', cwd: path.dirname(path.dirname(script)) });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed:feedback exited with ${code}`))));
  });
  return generated();
}

/** A connected client of `url` for `work`, closed after it. */
export async function withPgClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const CHILD_FLAG = '--scale-hub-subgraphs';

/** Start the identity provider, the subgraphs' process and the gateway. */
export async function startScaleHub(options: ScaleHubOptions): Promise<ScaleHub> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => {});
  };
  try {
    const keys = await createRealmKeys();
    const idp = await startEmbeddedIdp({
      host: '127.0.0.1',
      port: 0,
      realm: DEMO_REALM,
      accounts: DEMO_ACCOUNTS,
      // An extra client replaces the demo realm's of the same id (the workspace on another port, say).
      clients: [
        ...DEMO_CLIENTS.filter((client) => !options.extraClients?.some((extra) => extra.clientId === client.clientId)),
        publicClient(TEST_CLIENT_ID, ['http://127.0.0.1/test/callback']),
        ...(options.extraClients ?? []),
      ],
      keysFile: keys.keysFile,
    });
    closers.push(() => idp.close());
    const key = await generateInternalSigningKey();
    const namespace = `bench-${Date.now().toString(36)}`;
    const jobs: SubgraphsJob[] = options.natsUrl ? HOSTED_SUBGRAPHS.map((subgraph) => ({ ...options, jwks: key.publicJwks, only: subgraph.name, namespace })) : [{ ...options, jwks: key.publicJwks }];
    const urls: Record<string, string> = {};
    for (const job of jobs) Object.assign(urls, await forkSubgraphs(job, closers));
    const gatewayConfig = parseGatewayConfig({
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
      OIDC_ISSUER: idp.issuer,
      INTERNAL_SIGNING_JWK: JSON.stringify(key.privateJwk),
      // One bench address sends everything: limits this high never refuse, and are still checked.
      IP_RATE_LIMIT: '1000000000/60',
      VIEWER_RATE_LIMIT: '1000000000/60',
      CODE_LOOKUP_RATE_LIMIT: '1000000000/60',
      ...urls,
    });
    const { app: gateway } = await buildGateway(gatewayConfig, { logger: pino({ level: 'error' }) });
    closers.push(() => gateway.close());
    const gatewayUrl = `${await gateway.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
    const now = Math.floor(Date.now() / 1000);
    const token = (claims: Parameters<typeof mintAccessToken>[2]) => mintAccessToken(keys.key, idp.issuer, claims, { iat: now, exp: now + 4 * 3600 });
    const signer = await createInternalTokenSigner(key);
    const anonymousInternalToken = () => signer.sign(ANONYMOUS, undefined, GRAPHQL_PURPOSE);
    return { gatewayUrl, idp: { issuer: idp.issuer }, token, subgraphUrls: urls, anonymousInternalToken, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Start a child hosting `job`'s subgraphs; resolves with their URLs by environment key. */
async function forkSubgraphs(job: SubgraphsJob, closers: (() => Promise<void>)[]): Promise<Record<string, string>> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, JSON.stringify(job)], { stdio: 'inherit' });
  closers.push(async () => {
    if (child.exitCode !== null) return;
    child.disconnect();
    await new Promise((resolve) => child.once('exit', resolve));
  });
  return new Promise<Record<string, string>>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { urls: Record<string, string> }).urls));
    child.once('exit', (code) => reject(new Error(`the subgraphs' host exited with ${code}`)));
  });
}

/** In the child: the subgraphs of `job`; reports their addresses over IPC, exits when the parent disconnects. */
async function runSubgraphs(job: SubgraphsJob): Promise<void> {
  const closers: (() => Promise<void>)[] = [];
  process.on('disconnect', () => {
    void (async () => {
      for (const closer of closers.reverse()) await closer().catch(() => {});
    })().finally(() => process.exit(0));
  });
  await preparePgliteTemplate();
  const logger = pino({ level: 'error' });
  const nats = job.natsUrl ? await createNatsEventBus({ servers: job.natsUrl, name: job.only ?? 'bench', namespace: job.namespace }) : undefined;
  const bus = nats ?? new InProcessEventBus({});
  closers.push(async () => {
    // The run's streams go with it (each subgraph's topics have a stream of their own).
    await nats?.deleteStreams(HOSTED_SUBGRAPHS.map((subgraph) => subgraph.name));
    await bus.close();
  });
  const urls: Record<string, string> = {};
  for (const subgraph of HOSTED_SUBGRAPHS.filter((candidate) => job.only === undefined || candidate.name === job.only)) {
    const config = { ...subgraph.parseConfig({ LOG_LEVEL: 'error', ...job.subgraphEnv?.[subgraph.name] }), dataDir: 'memory://', databaseUrl: job.databases[subgraph.name] };
    const { app } = await subgraph.build(config, { internalKeys: { jwks: job.jwks as never }, logger, bus });
    closers.push(() => app.close());
    urls[`${subgraphEntry(subgraph.name).envPrefix}_URL`] = `${await app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  }
  process.send?.({ type: 'ready', urls });
}

const childAt = process.argv.indexOf(CHILD_FLAG);
if (childAt !== -1) await runSubgraphs(JSON.parse(process.argv[childAt + 1] ?? '{}') as SubgraphsJob);
