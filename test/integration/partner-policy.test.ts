// Partner apps: a per-client allow-list of operations, a cap on scopes, and a per-client rate limit,
// counted in memory or, shared by replicas, in Redis.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { createRedisRateLimiter } from '../../gateway/rate-limit.ts';
import type { Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const CATALOGUE = 'query Catalogue { procedures(first: 2) { code } }';
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('partner client policies', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  const partnerToken = (clientId: string) =>
    keyed.token({ sub: clientId, azp: clientId, client_id: clientId, preferred_username: `service-account-${clientId}`, roles: [], scope: 'dossier:read planning:read' });

  before(async () => {
    keyed = await startHubWithRealmKeys({
      gatewayEnv: {
        CLIENT_POLICIES: JSON.stringify({
          'city-app': { operations: ['Catalogue', 'ParcelLookup'], rateLimit: { max: 5, windowSeconds: 3600 } },
          'district-site': { rateLimit: { max: 100, windowSeconds: 3600 } },
          'test-portal': { scopes: ['openid', 'feedback:read'] },
        }),
      },
    });
    hub = keyed.hub;
  });
  after(() => keyed?.close());

  test('an allow-listed operation runs; any other, or an anonymous one, is FORBIDDEN', async () => {
    const token = await partnerToken('city-app');
    const allowed = await hub.graphql(CATALOGUE, { token });
    assert.equal(allowed.status, 200);
    assert.equal((allowed.body.data?.['procedures'] as unknown[]).length, 2);
    for (const query of ['query Other { procedures(first: 1) { code } }', '{ procedures(first: 1) { code } }']) {
      const refused = await hub.graphql(query, { token });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
      assert.equal(refused.body.data, undefined);
    }
  });

  test("a client without an allow-list is not restricted by another client's", async () => {
    const { status } = await hub.graphql('query Other { procedures(first: 1) { code } }', { token: await partnerToken('district-site') });
    assert.equal(status, 200);
  });

  test('the rate limit answers 429 TOO_MANY_REQUESTS with Retry-After once used up, for that client only', async () => {
    const token = await partnerToken('city-app');
    let refused: { status: number; retryAfter: string | null; code: unknown } | undefined;
    for (let attempt = 0; attempt < 10 && !refused; attempt += 1) {
      const response = await fetch(`${hub.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: CATALOGUE }),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      if (response.status !== 200) refused = { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.errors?.[0]?.extensions?.code };
    }
    assert.ok(refused, 'the limit of 5 must bite within 10 requests');
    assert.equal(refused.status, 429);
    assert.equal(refused.code, 'TOO_MANY_REQUESTS');
    assert.ok(Number(refused.retryAfter) > 0);
    const other = await hub.graphql('query Other { procedures(first: 1) { code } }', { token: await partnerToken('district-site') });
    assert.equal(other.status, 200, 'another client keeps its own budget');
  });

  test("a client's scope cap narrows what its tokens can read", async () => {
    const citizen = DEMO_ACCOUNTS[0]!;
    const token = await keyed.token({ sub: citizen.sub });
    const { body } = await hub.graphql('{ me { feedback { code } dossiers { code } } }', { token });
    const me = body.data?.['me'] as { feedback: unknown[]; dossiers: unknown };
    assert.ok(me.feedback.length > 0);
    assert.equal(me.dossiers, null);
    assert.equal(body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
  });
});

describe('the Redis rate limiter', () => {
  test('two gateway replicas share one budget', async (context) => {
    const first = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    const second = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await first.connect();
      await second.connect();
    } catch {
      first.disconnect();
      second.disconnect();
      context.skip(`Redis is not reachable at ${REDIS_URL}`);
      return;
    }
    const prefix = `lien-thong-test:${randomBytes(4).toString('hex')}:`;
    try {
      const replicaA = createRedisRateLimiter(first, prefix);
      const replicaB = createRedisRateLimiter(second, prefix);
      const limit = { max: 4, windowSeconds: 60 };
      const now = Date.now();
      const decisions = [];
      for (let index = 0; index < 6; index += 1) decisions.push(await (index % 2 === 0 ? replicaA : replicaB).hit('client:city-app', limit, now));
      assert.deepEqual(
        decisions.map((decision) => decision.allowed),
        [true, true, true, true, false, false],
      );
      assert.ok(decisions.every((decision) => decision.retryAfterSeconds >= 1 && decision.retryAfterSeconds <= 60));
    } finally {
      const keysLeft = await first.keys(`${prefix}*`);
      if (keysLeft.length > 0) await first.del(...keysLeft);
      first.disconnect();
      second.disconnect();
    }
  });
});
