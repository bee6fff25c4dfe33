// Dependencies failing in a stated way, against real services each test starts for itself (never the
// machine's shared NATS): a subgraph started while NATS is down serves, says degraded and publishes its
// outbox when NATS comes; the gateway's key endpoint down past the cache age refuses no known key; and
// SIGTERM under load drains (readiness 503, requests still served) before closing, every refusal coded.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pino from 'pino';
import { createInternalTokenSigner, generateInternalSigningKey, GRAPHQL_PURPOSE } from '../../auth/internal-token.ts';
import type { InternalSigningKey, InternalTokenSigner } from '../../auth/internal-token.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { REPOSITORY_ROOT } from '../../schema/subgraphs.ts';
import { HOSTED_SUBGRAPHS } from '../../subgraphs/hosted.ts';
import { preparePgliteTemplate } from '../../subgraphs/kit/db.ts';
import type { BuildOptions, DisconnectableClient, SubgraphServer } from '../../subgraphs/kit/server.ts';
import { createTestDatabase, startHub } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { NATS_SERVER, natsServerPresent } from '../../testing/nats-server.ts';
import { freePort } from '../../testing/redis-server.ts';

const ADMIN_URL = process.env['TEST_DATABASE_URL'];
const logger = pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });

async function waitFor<T>(check: () => Promise<T | undefined | false>, what: string, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

/** Build one of the hosted subgraphs on a database of its own, listening on an ephemeral port. */
async function buildSubgraph(name: string, env: Record<string, string>, options: BuildOptions): Promise<{ server: SubgraphServer<DisconnectableClient>; url: string; close(): Promise<void> }> {
  const hosted = HOSTED_SUBGRAPHS.find((subgraph) => subgraph.name === name)!;
  const database = ADMIN_URL ? await createTestDatabase(ADMIN_URL, `faults_${name}`) : undefined;
  const config = { ...hosted.parseConfig({ LOG_LEVEL: 'silent', ...env }), dataDir: 'memory://', databaseUrl: database?.url };
  const server = await hosted.build(config, { logger, ...options });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    server,
    url,
    async close() {
      await server.app.close();
      await database?.drop();
    },
  };
}

/** A viewer for internal tokens, unique per call (Ed25519 signatures are deterministic: same claims, same token). */
function citizen(subject = `citizen-${randomUUID()}`): Viewer {
  return { subject, roles: ['citizen'], scopes: ['feedback:read', 'feedback:write', 'notification:read'], level: 2 };
}

async function postGraphql(
  url: string,
  token: string,
  query: string,
  variables?: unknown,
): Promise<{ status: number; body: { data?: Record<string, unknown> | null; errors?: { extensions?: Record<string, unknown> }[] } }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null } };
}

async function readiness(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/health/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Stop a child process this test started, and wait for it. */
async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('a subgraph started while NATS is down', { skip: natsServerPresent ? false : 'nats-server is not installed' }, () => {
  let key: InternalSigningKey;
  let signer: InternalTokenSigner;
  let natsPort: number;
  let storeDir: string;
  let photoDir: string;
  let nats: ChildProcess | undefined;
  const closers: (() => Promise<void>)[] = [];

  before(async () => {
    key = await generateInternalSigningKey();
    signer = await createInternalTokenSigner(key);
    natsPort = await freePort();
    storeDir = await mkdtemp(path.join(tmpdir(), 'lien-thong-nats-'));
    photoDir = await mkdtemp(path.join(tmpdir(), 'lien-thong-photos-'));
    if (!ADMIN_URL) await preparePgliteTemplate();
  });
  after(async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    await stopChild(nats);
    await rm(storeDir, { recursive: true, force: true });
    await rm(photoDir, { recursive: true, force: true });
  });

  test('builds, serves GraphQL, says degraded, and publishes its outbox once NATS comes', async () => {
    const env = { NATS_URL: `nats://127.0.0.1:${natsPort}`, FEEDBACK_PHOTO_DIR: photoDir, FEEDBACK_SUMMARY_SCHEDULE: 'off' };
    const options = { internalKeys: { jwks: key.publicJwks } };
    const feedback = await buildSubgraph('feedback', env, options);
    closers.push(() => feedback.close());
    const notification = await buildSubgraph('notification', env, options);
    closers.push(() => notification.close());

    for (const url of [feedback.url, notification.url]) {
      assert.deepEqual(await readiness(url), { status: 200, body: { status: 'degraded', bus: 'unavailable' } }, 'serving, without the bus');
    }
    const viewer = citizen();
    const token = await signer.sign(viewer, viewer.subject, GRAPHQL_PURPOSE);
    const submitted = await postGraphql(feedback.url, token, 'mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', {
      input: { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm vỉa hè', content: 'Quán nước bày bàn ghế kín vỉa hè.', lat: 10.7725, lng: 106.698 },
    });
    assert.equal(submitted.status, 200);
    assert.equal(submitted.body.errors, undefined, JSON.stringify(submitted.body.errors));
    const code = (submitted.body.data?.['submitFeedback'] as { code: string }).code;
    const INBOX = '{ me { notifications { kind link } } }';
    const before = await postGraphql(notification.url, token, INBOX);
    assert.deepEqual(before.body.data?.['me'], { notifications: [] }, 'nothing delivered while the bus is down');
    assert.equal((await readiness(feedback.url)).body['status'], 'degraded');

    nats = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', storeDir], { stdio: 'ignore' });

    const inbox = await waitFor(async () => {
      const answer = await postGraphql(notification.url, token, INBOX);
      const messages = (answer.body.data?.['me'] as { notifications: { kind: string; link: string }[] } | undefined)?.notifications ?? [];
      return messages.length > 0 ? messages : undefined;
    }, 'the notification of the event written while NATS was down');
    assert.deepEqual(inbox, [{ kind: 'FEEDBACK_ROUTED', link: code }]);
    for (const url of [feedback.url, notification.url]) {
      assert.deepEqual(await waitFor(async () => ((await readiness(url)).body['status'] === 'ok' ? readiness(url) : undefined), 'readiness ok'), { status: 200, body: { status: 'ok' } });
    }

    // Published once: the stream holds one copy of the event, and the inbox one message.
    const connection = await connect({ servers: `nats://127.0.0.1:${natsPort}` });
    try {
      const manager = await jetstreamManager(connection);
      const { state } = await manager.streams.info('LIEN-THONG_FEEDBACK');
      const copies: string[] = [];
      for (let seq = state.first_seq; seq <= state.last_seq; seq += 1) {
        const message = await manager.streams.getMessage('LIEN-THONG_FEEDBACK', { seq });
        const event = message?.json<{ topic: string; payload: { code?: string } }>();
        if (event?.payload.code === code) copies.push(event.topic);
      }
      assert.deepEqual(copies, ['feedback.item-routed']);
    } finally {
      await connection.close();
    }
    await sleep(300);
    assert.equal(((await postGraphql(notification.url, token, INBOX)).body.data?.['me'] as { notifications: unknown[] }).notifications.length, 1);
  });
});

describe("the gateway's key endpoint down past the cache age", () => {
  let keyA: InternalSigningKey;
  let keyB: InternalSigningKey;
  let signerA: InternalTokenSigner;
  let signerB: InternalTokenSigner;
  let jwks: { keys: unknown[] } = { keys: [] };
  let keyPort: number;
  let keyServer: http.Server | undefined;
  let planning: Awaited<ReturnType<typeof buildSubgraph>> | undefined;

  const startKeyServer = async () => {
    keyServer = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => keyServer!.listen(keyPort, '127.0.0.1', resolve));
  };
  const stopKeyServer = async () => {
    keyServer?.closeAllConnections();
    await new Promise((resolve) => keyServer?.close(resolve));
    keyServer = undefined;
  };
  /** Status of `{ __typename }` at the subgraph with a new token from `signer`. */
  const ask = async (signer: InternalTokenSigner): Promise<number> => {
    const viewer = citizen();
    return (await postGraphql(planning!.url, await signer.sign(viewer, viewer.subject, GRAPHQL_PURPOSE), '{ __typename }')).status;
  };

  before(async () => {
    keyA = await generateInternalSigningKey();
    keyB = { ...(await generateInternalSigningKey()) };
    keyB = { privateJwk: { ...keyB.privateJwk, kid: 'gw-rotated' }, publicJwks: { keys: keyB.publicJwks.keys.map((jwk) => ({ ...jwk, kid: 'gw-rotated' })) } };
    signerA = await createInternalTokenSigner(keyA);
    signerB = await createInternalTokenSigner(keyB);
    keyPort = await freePort();
    if (!ADMIN_URL) await preparePgliteTemplate();
  });
  after(async () => {
    await planning?.close();
    await stopKeyServer();
  });

  test('known keys keep working while the endpoint is down; only a successful fetch drops a key', async () => {
    // Small age and cooldown instead of ten minutes and five seconds: what matters is passing them.
    const keySet = { maxAgeMs: 200, cooldownMs: 100, retryBaseMs: 50, retryMaxMs: 200 };
    planning = await buildSubgraph('planning', { SEED_DEMO_DATA: 'false' }, { internalKeys: { jwksUrl: `http://127.0.0.1:${keyPort}/.well-known/jwks.json`, keySet } });
    assert.equal(await ask(signerA), 401, 'no key fetched yet: nothing to verify with');

    jwks = keyA.publicJwks;
    await startKeyServer();
    await waitFor(async () => (await ask(signerA)) === 200, 'the first successful fetch (retried in the background)');

    await stopKeyServer();
    for (let round = 0; round < 3; round += 1) {
      await sleep(300); // past the age and the cooldown: a refresh is due and fails
      assert.equal(await ask(signerA), 200, `a new token signed with the known key is accepted (round ${round + 1})`);
    }
    assert.equal(await ask(signerB), 401, 'an unknown kid is refused while the endpoint is down');

    // The gateway rotated: the endpoint now lists only the new key.
    jwks = keyB.publicJwks;
    await startKeyServer();
    await waitFor(async () => (await ask(signerB)) === 200, 'the rotated key');
    assert.equal(await ask(signerA), 401, 'the key the endpoint no longer lists is refused');
    await sleep(300);
    assert.equal(await ask(signerA), 401, 'and stays refused');
    assert.equal(await ask(signerB), 200);
  });
});

/** One request's outcome as a client sees it. */
type Outcome =
  | { readonly kind: 'response'; readonly path: string; readonly fresh: boolean; readonly started: number; readonly status: number; readonly headers: http.IncomingHttpHeaders; readonly body: string }
  | { readonly kind: 'error'; readonly path: string; readonly fresh: boolean; readonly started: number; readonly code: string };

/** Orders events seen by the client (no wall clock). */
let clock = 0;

/**
 * One HTTP request. As Node's documentation advises for keep-alive clients, a request that finds its
 * reused socket already closed by the server (ECONNRESET before any answer) is sent again — up to three
 * times, since at close every idle pooled socket is cut at once and a retry may pick another of them.
 */
function send(port: number, agent: http.Agent | false, method: string, requestPath: string, headers: Record<string, string>, body?: string, retries = 0): Promise<Outcome> {
  const started = ++clock;
  const fresh = agent === false;
  return new Promise((resolve) => {
    const request = http.request({ host: '127.0.0.1', port, method, path: requestPath, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ kind: 'response', path: requestPath, fresh, started, status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ kind: 'error', path: requestPath, fresh, started, code: error.code ?? error.message }));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (request.reusedSocket && error.code === 'ECONNRESET' && retries < 3) {
        resolve(send(port, agent, method, requestPath, headers, body, retries + 1));
        return;
      }
      resolve({ kind: 'error', path: requestPath, fresh, started, code: error.code ?? error.message });
    });
    request.end(body);
  });
}

/**
 * A client whose next request on a kept-alive connection is only half sent when the listener closes:
 * it begins the request while the server drains, finishes it once new connections are refused, and
 * returns what it got (the coded 503 a load balancer can act on).
 */
async function straggle(port: number, drainingSeen: Promise<void>): Promise<{ first: string; second: string }> {
  await drainingSeen;
  const socket = createConnection({ host: '127.0.0.1', port });
  socket.setEncoding('utf8');
  let received = '';
  socket.on('data', (chunk: string) => (received += chunk));
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write('GET /health/live HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: keep-alive\r\n\r\n');
  await waitFor(async () => received.includes('\r\n\r\n') && received.endsWith('}'), 'the first answer on the kept-alive connection');
  const first = received;
  received = '';
  socket.write('GET /health/live HTTP/1.1\r\nhost: 127.0.0.1\r\n');
  await waitFor(async () => (await send(port, false, 'GET', '/health/live', {})).kind === 'error', 'the listener to close');
  socket.write('connection: keep-alive\r\n\r\n');
  await ended;
  return { first, second: received };
}

/**
 * Start `entry` as its own process, keep GraphQL requests going on kept-alive and on new connections,
 * send SIGTERM, and check what a client behind a load balancer would: readiness 503 while requests are
 * still served, every 503 coded, nothing failing but refused connections, exit code 0.
 */
async function checkDrainUnderLoad(
  entry: string,
  env: Record<string, string>,
  port: number,
  graphql: { headers: () => Promise<Record<string, string>>; body: string; ok: (body: string) => boolean },
): Promise<void> {
  const child = spawn(process.execPath, [path.join(REPOSITORY_ROOT, entry)], {
    cwd: REPOSITORY_ROOT,
    env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'silent', NODE_ENV: 'test', SHUTDOWN_DRAIN_MS: '1500', SHUTDOWN_GRACE_MS: '5000', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => (running = false));
  try {
    await waitFor(async () => running && (await send(port, false, 'GET', '/health/ready', {})).kind === 'response' && true, `${entry} listening\n${stderr}`, 60_000);
    const headers = { 'content-type': 'application/json', ...(await graphql.headers()) };
    const outcomes: Outcome[] = [];
    const agent = new http.Agent({ keepAlive: true, maxSockets: 3 });
    let signalled = false;
    const worker = async (via: http.Agent | false) => {
      while (running) {
        const outcome = await send(port, via, 'POST', '/graphql', headers, graphql.body);
        if (signalled) outcomes.push(outcome);
        if (outcome.kind === 'error') await sleep(20);
      }
    };
    let seeDraining: () => void = () => {};
    const drainingSeen = new Promise<void>((resolve) => (seeDraining = resolve));
    const prober = async () => {
      while (running) {
        const outcome = await send(port, false, 'GET', '/health/ready', {});
        if (signalled) outcomes.push(outcome);
        if (outcome.kind === 'response' && outcome.status === 503 && outcome.body.includes('draining')) seeDraining();
        await sleep(25);
      }
    };
    const load = Promise.all([worker(agent), worker(agent), worker(agent), worker(false), prober()]);
    // Warm: kept-alive connections are open and busy before the signal.
    await waitFor(async () => agent.sockets && Object.values(agent.sockets).flat().length >= 2, 'kept-alive connections');
    await sleep(200);
    signalled = true;
    const straggler = straggle(port, drainingSeen);
    child.kill('SIGTERM');
    const code = await exited;
    await load;
    agent.destroy();
    const { first, second } = await straggler;
    assert.match(first, /^HTTP\/1\.1 200 /, 'served while draining');
    assert.match(second, /^HTTP\/1\.1 503 /, 'a request finished after the listener closed is refused…');
    assert.match(second, /\r\nretry-after: 1\r\n/i);
    assert.match(second, /\r\nconnection: close\r\n/i);
    assert.match(second, /"code":"SERVICE_UNAVAILABLE"/, '…with a code');

    assert.equal(code, 0, `exit code\n${stderr}`);
    const draining = outcomes.find(
      (outcome) => outcome.kind === 'response' && outcome.path === '/health/ready' && outcome.status === 503 && (JSON.parse(outcome.body) as { status?: string }).status === 'draining',
    );
    assert.ok(draining, 'readiness answered 503 draining');
    const drainSeenAt = draining.started;
    const servedWhileDraining = outcomes.filter((outcome) => outcome.kind === 'response' && outcome.path === '/graphql' && outcome.started > drainSeenAt && outcome.status === 200);
    assert.ok(servedWhileDraining.length > 0, 'GraphQL requests sent after readiness said 503 were still served');
    for (const outcome of outcomes) {
      if (outcome.kind === 'error') {
        // A new connection accepted just as the listener closes is reset before its request is read (the
        // accept-queue race of any server that closes): to the client that is a refused connection, and
        // nothing was processed. A kept-alive request never fails without an answer (send() retries only
        // a reused socket the server had already closed, as Node advises).
        assert.ok(
          outcome.code === 'ECONNREFUSED' || (outcome.fresh && outcome.code === 'ECONNRESET'),
          `a request failed without an answer (${outcome.path}, ${outcome.fresh ? 'new' : 'kept-alive'} connection, ${outcome.code}): only refused new connections are acceptable`,
        );
        continue;
      }
      if (outcome.status === 200) {
        assert.ok(outcome.path !== '/graphql' || graphql.ok(outcome.body), outcome.body);
        continue;
      }
      assert.equal(outcome.status, 503, `${outcome.path}: ${outcome.status} ${outcome.body}`);
      const body = JSON.parse(outcome.body) as { status?: string; errors?: { extensions?: { code?: string; retryAfterSeconds?: number } }[] };
      if (body.status === 'draining') {
        assert.equal(outcome.path, '/health/ready', 'only readiness answers "draining"');
        continue;
      }
      assert.equal(body.errors?.[0]?.extensions?.code, 'SERVICE_UNAVAILABLE', outcome.body);
      assert.equal(body.errors?.[0]?.extensions?.retryAfterSeconds, 1);
      assert.equal(outcome.headers['retry-after'], '1');
      assert.equal(outcome.headers['connection'], 'close');
    }
    // Once the listener closed (a new connection refused), no new connection is answered any more.
    const firstRefusal = outcomes.find((outcome) => outcome.kind === 'error');
    if (firstRefusal) {
      assert.deepEqual(
        outcomes.filter((outcome) => outcome.kind === 'response' && outcome.fresh && outcome.started > firstRefusal.started),
        [],
        'no new connection answered after the listener closed',
      );
    }
    assert.equal((await send(port, false, 'GET', '/health/ready', {})).kind, 'error', 'new connections are refused once it exited');
  } finally {
    await stopChild(child);
  }
}

describe('SIGTERM under load', () => {
  let hub: Hub;
  let signer: InternalTokenSigner;

  before(async () => {
    hub = await startHub();
    signer = await createInternalTokenSigner(hub.internalKey);
  });
  after(async () => {
    await hub?.close();
  });

  test('the gateway drains: readiness 503 while requests are still served, then closes; every refusal coded; exit 0', async () => {
    const port = await freePort();
    await checkDrainUnderLoad(
      'gateway/main.ts',
      {
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(port),
        OIDC_ISSUER: hub.idp.issuer,
        INTERNAL_SIGNING_JWK: JSON.stringify(hub.internalKey.privateJwk),
        ...Object.fromEntries(Object.entries(hub.subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])),
      },
      port,
      {
        headers: async () => ({}),
        body: JSON.stringify({ query: '{ feedbackCategories { code } }' }),
        ok: (body) => ((JSON.parse(body) as { data?: { feedbackCategories?: unknown[] } }).data?.feedbackCategories?.length ?? 0) > 0,
      },
    );
  });

  test('a subgraph process drains the same way', async () => {
    const port = await freePort();
    const dataDir = await mkdtemp(path.join(tmpdir(), 'lien-thong-drain-'));
    const database = ADMIN_URL ? await createTestDatabase(ADMIN_URL, 'faults_drain') : undefined;
    try {
      const viewer = citizen();
      await checkDrainUnderLoad(
        'subgraphs/planning/main.ts',
        {
          PLANNING_HOST: '127.0.0.1',
          PLANNING_PORT: String(port),
          DATA_DIR: dataDir,
          SEED_DEMO_DATA: 'false',
          INTERNAL_JWKS_URL: `${hub.gatewayUrl}/.well-known/jwks.json`,
          ...(database ? { PLANNING_DATABASE_URL: database.url } : {}),
        },
        port,
        {
          headers: async () => ({ authorization: `Bearer ${await signer.sign(viewer, viewer.subject, GRAPHQL_PURPOSE)}` }),
          body: JSON.stringify({ query: '{ __typename }' }),
          ok: (body) => (JSON.parse(body) as { data?: { __typename?: string } }).data?.__typename === 'Query',
        },
      );
    } finally {
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
