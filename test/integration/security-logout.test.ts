// Back-channel logout attacked from outside, through the real gateway: a logout token that names only
// the subject (`sub`, no `sid`) ends every session of that person, and a logout token used once is
// refused when sent again. On the in-memory store and on Redis (a redis-server of this test's own,
// shared by two gateway replicas).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { importJWK, SignJWT } from 'jose';
import { BACKCHANNEL_LOGOUT_EVENT } from '../../auth/access-token.ts';
import type { GraphQLBody } from '../../testing/hub.ts';
import { redisServerMissing, startGatewayReplica, startRedisServer } from '../../testing/redis-server.ts';
import type { RedisServer } from '../../testing/redis-server.ts';
import { mintAccessToken, startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const ME = '{ me { id } }';
const TOLERANCE_SECONDS = 5;
const redisMissing = await redisServerMissing();
if (redisMissing) console.warn(`# ${redisMissing}`);

for (const store of ['memory', 'redis'] as const) {
  describe(`logout by subject and logout replay (${store} store)`, { skip: store === 'redis' ? (redisMissing ?? false) : false }, () => {
    let keyed: KeyedHub;
    let redis: RedisServer | undefined;
    let replica: { app: FastifyInstance; url: string } | undefined;
    /** The gateways a test talks to: the hub's, and with Redis a second replica sharing it. */
    let gateways: string[] = [];

    before(async () => {
      redis = store === 'redis' ? await startRedisServer() : undefined;
      const env: Record<string, string> = { CLOCK_TOLERANCE_SECONDS: String(TOLERANCE_SECONDS), ...(redis ? { REDIS_URL: redis.url } : {}) };
      keyed = await startHubWithRealmKeys({ gatewayEnv: env });
      gateways = [keyed.hub.gatewayUrl];
      if (redis) {
        replica = await startGatewayReplica(keyed.hub, env);
        gateways.push(replica.url);
      }
    });
    after(async () => {
      await replica?.app.close();
      await keyed?.close();
      await redis?.kill();
    });

    /** A logout token signed by the realm's key; `claims` may drop (undefined) or replace any claim. */
    async function logoutToken(claims: Record<string, unknown>, issuedAt = Math.floor(Date.now() / 1000)): Promise<string> {
      const payload = Object.fromEntries(Object.entries({ events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, jti: randomUUID(), ...claims }).filter(([, value]) => value !== undefined));
      return new SignJWT(payload)
        .setProtectedHeader({ alg: 'RS256', typ: 'logout+jwt', kid: keyed.keys.key.kid })
        .setIssuer(keyed.hub.idp.issuer)
        .setAudience('portal-1022')
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + 120)
        .sign(await importJWK(keyed.keys.key, 'RS256'));
    }

    async function postLogout(gateway: string, token: string): Promise<{ status: number; body: { error?: string; error_description?: string } }> {
      const response = await fetch(`${gateway}/auth/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: token }).toString(),
      });
      const text = await response.text();
      return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as { error?: string; error_description?: string }) };
    }

    async function me(gateway: string, token: string): Promise<{ status: number; body: GraphQLBody }> {
      const response = await fetch(`${gateway}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: ME }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    }

    async function assertSignedIn(gateway: string, token: string, subject: string, message: string): Promise<void> {
      const answer = await me(gateway, token);
      assert.equal(answer.status, 200, `${message}: ${JSON.stringify(answer.body)}`);
      assert.equal((answer.body.data?.['me'] as { id: string } | null)?.id, subject, message);
    }

    async function assertRefused(gateway: string, token: string, message: string): Promise<void> {
      const answer = await me(gateway, token);
      assert.equal(answer.status, 401, `${message}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.errors?.[0]?.extensions?.['code'], 'UNAUTHENTICATED', message);
    }

    test('a logout token with only `sub` ends every session of that person, at every replica; a later login works', async () => {
      const { key } = keyed.keys;
      const issuer = keyed.hub.idp.issuer;
      // A person of this test only: a subject revocation lasts as long as the longest token lifetime.
      const person = randomUUID();
      const other = randomUUID();
      const now = Math.floor(Date.now() / 1000);
      // The realm logged the person out two seconds ago (the logout token's iat is the realm's clock).
      const loggedOutAt = now - 2;
      const before = [
        await mintAccessToken(key, issuer, { sub: person, sid: `portal-a-${randomUUID()}` }),
        await mintAccessToken(key, issuer, { sub: person, sid: `portal-b-${randomUUID()}` }),
        await mintAccessToken(key, issuer, { sub: person }, { iat: loggedOutAt - 60, exp: now + 300 }),
      ];
      const otherToken = await mintAccessToken(key, issuer, { sub: other, sid: randomUUID() });
      for (const gateway of gateways) {
        for (const token of before) await assertSignedIn(gateway, token, person, 'accepted (and cached) before the logout');
      }

      const logout = await postLogout(gateways[0]!, await logoutToken({ sub: person }, loggedOutAt));
      assert.equal(logout.status, 200, JSON.stringify(logout.body));

      for (const gateway of gateways) {
        for (const token of before) await assertRefused(gateway, token, `a token issued before the logout is refused (${gateway === gateways[0] ? 'this' : 'another'} replica)`);
        await assertSignedIn(gateway, otherToken, other, 'another person is unaffected');
      }
      // A new login after the logout (and after the clock tolerance) is a new session that works.
      const later = await mintAccessToken(key, issuer, { sub: person, sid: randomUUID() }, { iat: loggedOutAt + TOLERANCE_SECONDS + 1, exp: now + 300 });
      for (const gateway of gateways) await assertSignedIn(gateway, later, person, 'a token issued after the logout works');
    });

    test('a logout token sent again (same jti) is refused with 400 and a description that says replay', async () => {
      const { key } = keyed.keys;
      const issuer = keyed.hub.idp.issuer;
      const sid = randomUUID();
      const person = randomUUID();
      const bySid = await logoutToken({ sid, sub: person });
      const bySub = await logoutToken({ sub: randomUUID() });
      for (const token of [bySid, bySub]) {
        assert.equal((await postLogout(gateways[0]!, token)).status, 200, 'the first time');
        for (const gateway of gateways) {
          const again = await postLogout(gateway, token);
          assert.equal(again.status, 400, 'sent again');
          assert.equal(again.body.error, 'invalid_request');
          assert.match(again.body.error_description ?? '', /replay/);
        }
      }
      // The sid logout did its work once: that session is over, the person's other sessions are not.
      await assertRefused(gateways[0]!, await mintAccessToken(key, issuer, { sub: person, sid }), 'the logged-out session');
      await assertSignedIn(gateways[0]!, await mintAccessToken(key, issuer, { sub: person, sid: randomUUID() }), person, 'another session of the person');
    });

    test('a logout token without jti, or naming neither sid nor sub, is refused and ends nothing', async () => {
      const person = randomUUID();
      const token = await mintAccessToken(keyed.keys.key, keyed.hub.idp.issuer, { sub: person, sid: randomUUID() });
      await assertSignedIn(gateways[0]!, token, person, 'before');
      for (const claims of [
        { sub: person, jti: undefined },
        { sub: undefined, jti: randomUUID() },
      ]) {
        const answer = await postLogout(gateways[0]!, await logoutToken(claims));
        assert.equal(answer.status, 400, JSON.stringify(claims));
        assert.equal(answer.body.error, 'invalid_request');
      }
      await assertSignedIn(gateways[0]!, token, person, 'still signed in');
    });
  });
}
