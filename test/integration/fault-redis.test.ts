// Redis failing under a hub that uses it (REDIS_URL and IP_RATE_LIMIT set), with a redis-server of this
// test's own that it kills, restarts empty on the same port and hangs (SIGSTOP), and two gateway
// replicas sharing it. Each step asserts the policy stated in docs/operations.md ("What happens when Redis
// fails"): answers come promptly (the test timeout catches a hang), rate limits fall back to each
// replica's own counters, sessions decided while Redis answered keep working, undecidable ones get a
// retryable 503, and a logout accepted during the outage is applied at once and reaches Redis later.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { importJWK, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { BACKCHANNEL_LOGOUT_EVENT } from '../../auth/access-token.ts';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { createRedisSessionStore, SessionStoreUnavailableError } from '../../web/portal/session-store.ts';
import type { GraphQLBody } from '../../testing/hub.ts';
import { redisServerMissing, startGatewayReplica, startRedisServer } from '../../testing/redis-server.ts';
import type { RedisServer } from '../../testing/redis-server.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const citizen = DEMO_ACCOUNTS[0]!;
const ME = '{ me { id } }';
const PUBLIC = '{ procedures(first: 1) { code } }';
/** Requests per address per day: every step below sends from an address of its own (127.0.0.x). */
const IP_LIMIT = 8;
const redisMissing = await redisServerMissing();
if (redisMissing) console.warn(`# ${redisMissing}`);

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: GraphQLBody & Record<string, unknown>;
}

/** An HTTP request from a given loopback address (the rate limit counts per address). */
function call(url: string, from: string, options: { method?: string; body?: unknown; token?: string } = {}): Promise<Answer> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        localAddress: from,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text === '' ? {} : (JSON.parse(text) as Answer['body']) }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const graphql = (gateway: string, from: string, query: string, token?: string) => call(`${gateway}/graphql`, from, { body: { query }, ...(token ? { token } : {}) });
const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.['code'];

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the gateway when Redis fails', { skip: redisMissing ?? false, timeout: 90_000 }, () => {
  let redis: RedisServer;
  let keyed: KeyedHub;
  let replica: { app: FastifyInstance; url: string };
  let gatewayA: string;
  let gatewayB: string;
  const tokens: Record<'decided' | 'early' | 'outage' | 'fresh' | 'freshWhileHung', string> = { decided: '', early: '', outage: '', fresh: '', freshWhileHung: '' };

  before(async () => {
    redis = await startRedisServer();
    // A 1 s Redis deadline rather than 500 ms: this machine is shared, and a spurious timeout would
    // move a step's counting to local counters.
    const env = { REDIS_URL: redis.url, IP_RATE_LIMIT: `${IP_LIMIT}/86400`, REDIS_COMMAND_TIMEOUT_MS: '1000' };
    keyed = await startHubWithRealmKeys({ gatewayEnv: env });
    replica = await startGatewayReplica(keyed.hub, env);
    gatewayA = keyed.hub.gatewayUrl;
    gatewayB = replica.url;
    for (const name of Object.keys(tokens) as (keyof typeof tokens)[]) tokens[name] = await keyed.token({ sub: citizen.sub, sid: `${name}-${randomUUID()}` });
  });

  after(async () => {
    redis?.resume();
    await replica?.app.close();
    await keyed?.close();
    await redis?.kill();
  });

  async function logout(gateway: string, sid: string): Promise<number> {
    const token = await new SignJWT({ events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, jti: randomUUID(), sub: citizen.sub, sid })
      .setProtectedHeader({ alg: 'RS256', typ: 'logout+jwt', kid: keyed.keys.key.kid })
      .setIssuer(keyed.hub.idp.issuer)
      .setAudience('portal-1022')
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(await importJWK(keyed.keys.key, 'RS256'));
    const response = await fetch(`${gateway}/auth/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: token }).toString(),
    });
    await response.body?.cancel();
    return response.status;
  }

  const sidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;
  const ready = async (gateway: string) => (await call(`${gateway}/health/ready`, '127.0.0.1')).body;

  /** Send `IP_LIMIT + 1` anonymous requests from `from`; the last must be refused by the limit. */
  async function assertLimitHolds(gateway: string, from: string, message: string): Promise<void> {
    for (let hit = 1; hit <= IP_LIMIT; hit++) {
      const answer = await graphql(gateway, from, PUBLIC);
      assert.equal(answer.status, 200, `${message}: hit ${hit} ${JSON.stringify(answer.body)}`);
    }
    const over = await graphql(gateway, from, PUBLIC);
    assert.equal(over.status, 429, message);
    assert.equal(codeOf(over), 'TOO_MANY_REQUESTS', message);
    assert.ok(Number(over.headers['retry-after']) > 0, 'Retry-After');
  }

  test('while Redis answers: sessions are checked there and a logout at one replica reaches the other', async () => {
    for (const name of ['decided', 'early', 'outage'] as const) {
      assert.equal((await graphql(gatewayA, '127.0.0.10', ME, tokens[name])).status, 200, `${name} at A`);
    }
    assert.equal((await graphql(gatewayB, '127.0.0.11', ME, tokens.outage)).status, 200, 'outage at B');
    assert.equal(await logout(gatewayA, sidOf(tokens.early)), 200);
    assert.equal((await graphql(gatewayB, '127.0.0.11', ME, tokens.early)).status, 401, 'refused at B too');
    assert.deepEqual({ redis: (await ready(gatewayA))['redis'], status: (await ready(gatewayA))['status'] }, { redis: 'ok', status: 'ok' });
  });

  test('(a) Redis killed: decided sessions work, revoked ones are refused, undecidable ones get a retryable 503, rate limits count locally', async () => {
    await redis.kill();
    const decided = await graphql(gatewayA, '127.0.0.20', ME, tokens.decided);
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    assert.equal((decided.body.data?.['me'] as { id: string }).id, citizen.sub);

    const revoked = await graphql(gatewayA, '127.0.0.20', ME, tokens.early);
    assert.equal(revoked.status, 401);
    assert.equal(codeOf(revoked), 'UNAUTHENTICATED');

    const undecided = await graphql(gatewayA, '127.0.0.20', ME, tokens.fresh);
    assert.equal(undecided.status, 503, JSON.stringify(undecided.body));
    assert.equal(codeOf(undecided), 'SERVICE_UNAVAILABLE');
    assert.ok(Number(undecided.headers['retry-after']) > 0, 'Retry-After');
    assert.equal(typeof undecided.body.errors?.[0]?.extensions?.['retryAfterSeconds'], 'number');

    // Replica B learned of the logout made at A (pub/sub) while Redis was up.
    assert.equal((await graphql(gatewayB, '127.0.0.21', ME, tokens.early)).status, 401, 'B refuses the revoked session');

    await assertLimitHolds(gatewayA, '127.0.0.22', 'local counters while Redis is down');
    const readiness = await call(`${gatewayA}/health/ready`, '127.0.0.1');
    assert.equal(readiness.status, 200, 'still ready: every use has a fallback');
    assert.equal(readiness.body['redis'], 'degraded');
  });

  test('(c) a logout during the outage is applied at once, kept, and written to Redis when it returns (empty)', async () => {
    assert.equal(await logout(gatewayA, sidOf(tokens.outage)), 200, 'accepted while Redis is down');
    const refused = await graphql(gatewayA, '127.0.0.30', ME, tokens.outage);
    assert.equal(refused.status, 401, 'refused at once by the replica that took the logout');
    assert.ok(Number((await ready(gatewayA))['pendingLogouts']) >= 1, 'kept for Redis');

    // A new redis-server on the same port: it knows nothing of what the old one held.
    redis = await startRedisServer(redis.port);
    const inspector = new Redis(redis.url);
    try {
      await eventually('the kept logout is written to Redis', async () => (await inspector.exists(`lien-thong:revoked-sid:${sidOf(tokens.outage)}`)) === 1);
      // What A knew before the outage is written back too: the restarted Redis is refilled.
      await eventually('A writes back what it knew', async () => (await inspector.exists(`lien-thong:revoked-sid:${sidOf(tokens.early)}`)) === 1);
    } finally {
      inspector.disconnect();
    }
    await eventually('A has nothing pending', async () => (await ready(gatewayA))['pendingLogouts'] === 0);
    await eventually('B answers from Redis again', async () => (await ready(gatewayB))['redis'] === 'ok');
    const atB = await graphql(gatewayB, '127.0.0.31', ME, tokens.outage);
    assert.equal(atB.status, 401, 'the second replica refuses the token logged out during the outage');
    assert.equal(codeOf(atB), 'UNAUTHENTICATED');
  });

  test('(d) once Redis is back, the replicas share one rate-limit budget again', async () => {
    await eventually('A answers from Redis again', async () => (await ready(gatewayA))['redis'] === 'ok');
    const from = '127.0.0.40';
    for (let hit = 1; hit <= 5; hit++) assert.equal((await graphql(gatewayA, from, PUBLIC)).status, 200, `hit ${hit} at A`);
    const atB: number[] = [];
    for (let hit = 6; hit <= IP_LIMIT + 1; hit++) atB.push((await graphql(gatewayB, from, PUBLIC)).status);
    assert.deepEqual(atB, [200, 200, 200, 429], 'B counts on from the hits A counted');
  });

  test('(b) Redis hung (SIGSTOP): answers still come, under the same policy, and readiness says degraded', async () => {
    redis.pause();
    const decided = await graphql(gatewayA, '127.0.0.50', ME, tokens.decided);
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    const undecided = await graphql(gatewayA, '127.0.0.50', ME, tokens.freshWhileHung);
    assert.equal(undecided.status, 503);
    assert.equal(codeOf(undecided), 'SERVICE_UNAVAILABLE');
    assert.equal((await graphql(gatewayB, '127.0.0.52', ME, tokens.outage)).status, 401, 'a session known revoked is refused');

    const readiness = await call(`${gatewayA}/health/ready`, '127.0.0.1');
    assert.equal(readiness.status, 200);
    assert.equal(readiness.body['redis'], 'degraded');
    await assertLimitHolds(gatewayB, '127.0.0.51', 'local counters while Redis hangs');

    // The portals' server-side sessions: a coded 503 (the portal's error page), not a page that hangs.
    const sessions = createRedisSessionStore(redis.url, `lien-thong-test:${randomUUID()}:`);
    try {
      await assert.rejects(sessions.get('some-session'), (error: unknown) => error instanceof SessionStoreUnavailableError && error.statusCode === 503 && error.code === 'SERVICE_UNAVAILABLE');
    } finally {
      await sessions.close();
    }
    redis.resume();
  });
});
