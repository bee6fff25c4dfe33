// Two gateway replicas on one machine, as behind a load balancer: they share a Redis of this test's own
// (rate limits, revoked sessions), the subgraphs talk over a NATS JetStream server of its own, and the
// registry is shared (PostgreSQL on the PostgreSQL pass, the registry file otherwise). What one replica
// is told, the other honours: a rate limit spent through A refuses through B, a logout received by A is
// refused by B, a subgraph published through A's admin API is served by B without a restart, and an
// event caused through A reaches a subscription held open on B.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildSubgraphSchema } from '@apollo/subgraph';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { parse } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { importJWK, SignJWT } from 'jose';
import mercurius from 'mercurius';
import { BACKCHANNEL_LOGOUT_EVENT } from '../../auth/access-token.ts';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { createTestDatabase } from '../../testing/hub.ts';
import type { GraphQLBody } from '../../testing/hub.ts';
import { NATS_SERVER, natsServerPresent } from '../../testing/nats-server.ts';
import { freePort, redisServerMissing, startGatewayReplica, startRedisServer } from '../../testing/redis-server.ts';
import type { RedisServer } from '../../testing/redis-server.ts';
import { eventually } from '../../testing/wait.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const redisMissing = await redisServerMissing();
const missing = redisMissing ?? (natsServerPresent ? undefined : 'nats-server is not installed: the two-replica test is skipped');
if (missing) console.warn(`# ${missing}`);

const [AN, BINH, CUONG] = DEMO_ACCOUNTS as [(typeof DEMO_ACCOUNTS)[number], (typeof DEMO_ACCOUNTS)[number], (typeof DEMO_ACCOUNTS)[number]];
const VIEWER_LIMIT = 6;
const METERS_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query { meterReadings: [Int!]! }
`;

describe('two gateway replicas sharing Redis, NATS and the registry', { skip: missing ?? false }, () => {
  let redis: RedisServer;
  let nats: ChildProcess | undefined;
  let natsStore: string;
  let keyed: KeyedHub;
  let replica: { app: FastifyInstance; url: string };
  let meters: FastifyInstance;
  let metersUrl: string;
  let dropRegistryDatabase: (() => Promise<void>) | undefined;
  let a: string;
  let b: string;

  before(async () => {
    redis = await startRedisServer();
    const natsPort = await freePort();
    natsStore = await mkdtemp(path.join(tmpdir(), 'lien-thong-nats-'));
    nats = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(natsPort), '-js', '-sd', natsStore], { stdio: 'ignore' });
    const adminUrl = process.env['TEST_DATABASE_URL'];
    const registryDatabase = adminUrl ? await createTestDatabase(adminUrl, 'registry') : undefined;
    dropRegistryDatabase = registryDatabase ? () => registryDatabase.drop() : undefined;
    const env: Record<string, string> = {
      REDIS_URL: redis.url,
      VIEWER_RATE_LIMIT: `${VIEWER_LIMIT}/600`,
      REGISTRY_POLL_MS: '200',
      ...(registryDatabase ? { REGISTRY_DATABASE_URL: registryDatabase.url } : {}),
    };
    keyed = await startHubWithRealmKeys({ gatewayEnv: env, natsUrl: `nats://127.0.0.1:${natsPort}` });
    replica = await startGatewayReplica(keyed.hub, env);
    a = keyed.hub.gatewayUrl;
    b = replica.url;
    meters = Fastify();
    await meters.register(mercurius, { schema: buildSubgraphSchema([{ typeDefs: parse(METERS_SDL), resolvers: { Query: { meterReadings: () => [17, 42] } } }]) });
    metersUrl = `${await meters.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  });
  after(async () => {
    await meters?.close();
    await replica?.app.close();
    await keyed?.close();
    await dropRegistryDatabase?.();
    if (nats && nats.exitCode === null) {
      const exited = once(nats, 'exit');
      nats.kill('SIGTERM');
      await exited;
    }
    await rm(natsStore, { recursive: true, force: true });
    await redis?.kill();
  });

  const graphql = async (gateway: string, query: string, token?: string, variables?: Record<string, unknown>) => {
    const response = await fetch(`${gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  };

  test('a rate limit spent through one replica is spent on the other', async () => {
    const token = await keyed.token({ sub: CUONG.sub });
    // Half the budget through A, the rest through B: the next request is refused by either.
    for (let index = 0; index < VIEWER_LIMIT; index += 1) {
      const answer = await graphql(index < VIEWER_LIMIT / 2 ? a : b, '{ me { id } }', token);
      assert.equal(answer.status, 200, `request ${index + 1}: ${JSON.stringify(answer.body)}`);
    }
    for (const gateway of [b, a]) {
      const refused = await graphql(gateway, '{ me { id } }', token);
      assert.equal(refused.status, 429, gateway === a ? 'replica A' : 'replica B');
      assert.equal(refused.body.errors?.[0]?.extensions?.['code'], 'TOO_MANY_REQUESTS');
    }
    // Another person's budget is their own.
    assert.equal((await graphql(b, '{ me { id } }', await keyed.token({ sub: BINH.sub }))).status, 200);
  });

  test('a logout received by one replica is honoured by the other', async () => {
    const sid = `session-${randomUUID()}`;
    const token = await keyed.token({ sub: BINH.sub, sid });
    for (const gateway of [a, b]) assert.equal((await graphql(gateway, '{ me { id } }', token)).status, 200, 'signed in on both, and cached');
    const now = Math.floor(Date.now() / 1000);
    const logout = await new SignJWT({ events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, jti: randomUUID(), sub: BINH.sub, sid })
      .setProtectedHeader({ alg: 'RS256', typ: 'logout+jwt', kid: keyed.keys.key.kid })
      .setIssuer(keyed.hub.idp.issuer)
      .setAudience('portal-1022')
      .setIssuedAt(now)
      .setExpirationTime(now + 120)
      .sign(await importJWK(keyed.keys.key, 'RS256'));
    const received = await fetch(`${a}/auth/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: logout }).toString(),
    });
    assert.equal(received.status, 200);
    for (const gateway of [b, a]) {
      const refused = await graphql(gateway, '{ me { id } }', token);
      assert.equal(refused.status, 401, gateway === b ? 'replica B refuses the logged-out session' : 'replica A too');
      assert.equal(refused.body.errors?.[0]?.extensions?.['code'], 'UNAUTHENTICATED');
    }
  });

  test("a subgraph published through one replica's admin API is served by the other without a restart", async () => {
    const adminAccount = DEMO_ACCOUNTS.find((account) => account.roles.includes('platform-admin'))!;
    const admin = await keyed.token({ sub: adminAccount.sub, roles: ['platform-admin'] });
    assert.equal((await graphql(b, '{ meterReadings }')).body.errors?.[0]?.extensions?.['code'], 'GRAPHQL_VALIDATION_FAILED');
    const published = await fetch(`${a}/admin/registry/subgraphs/meters/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'meters',
        url: metersUrl,
        agency: 'EVNHCMC',
        contact: 'api@evnhcmc.example.vn',
        personalData: false,
        sdl: METERS_SDL,
      }),
    });
    assert.equal(published.status, 200, await published.clone().text());
    await eventually(async () => assert.deepEqual((await graphql(b, '{ meterReadings }')).body, { data: { meterReadings: [17, 42] } }));
  });

  test('an event caused through one replica reaches a subscription open on the other', async () => {
    const token = await keyed.token({ sub: AN.sub });
    const received: GraphQLBody[] = [];
    const client = createSseClient({ url: `${b}/graphql`, retryAttempts: 0, headers: { authorization: `Bearer ${token}` } });
    const unsubscribe = client.subscribe(
      { query: 'subscription { notificationReceived { kind link } }' },
      { next: (result) => void received.push(result as GraphQLBody), error: () => {}, complete: () => {} },
    );
    try {
      // The subscription is open once its upstream is: give it a moment, then submit through A.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const submitted = await graphql(a, 'mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', token, {
        input: { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm vỉa hè', content: 'Quán nước bày bàn ghế kín vỉa hè.', lat: 10.7725, lng: 106.698 },
      });
      assert.equal(submitted.body.errors, undefined, JSON.stringify(submitted.body.errors));
      const code = (submitted.body.data?.['submitFeedback'] as { code: string }).code;
      await eventually(
        async () =>
          assert.ok(
            received.some((result) => JSON.stringify(result.data).includes(code)),
            JSON.stringify(received),
          ),
        30_000,
      );
    } finally {
      unsubscribe();
      client.dispose();
    }
  });
});
