// The revoked-session set behind back-channel logout: in memory, and in Redis shared by gateway
// replicas (against the real Redis at REDIS_URL or redis://127.0.0.1:6379; skipped, saying so, only when
// it is unreachable).
import assert from 'node:assert/strict';
import { KeyObject, randomUUID, sign as cryptoSign } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { exportJWK, generateKeyPair } from 'jose';
import { createAccessTokenVerifier, sessionRevocationUntil, TokenRejectedError } from '../../auth/access-token.ts';
import type { AccessTokenVerifierOptions } from '../../auth/access-token.ts';
import { createMemoryRevokedSessions, createRedisRevokedSessions } from '../../auth/revocation.ts';
import type { RevokedSessions } from '../../auth/revocation.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function probeRedis(url: string): Promise<string | undefined> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `Redis at ${url} is unreachable (${(error as Error).message}): the Redis revocation tests are skipped`;
  } finally {
    client.disconnect();
  }
}

const redisUnavailable = await probeRedis(REDIS_URL);
if (redisUnavailable) console.warn(`# ${redisUnavailable}`);

describe('memory revoked-session set', () => {
  test('memory store: a revoked sid stays revoked until its horizon, then is forgotten', async () => {
    const sessions = createMemoryRevokedSessions();
    assert.equal(await sessions.isRevoked('session-a'), false);
    await sessions.revoke('session-a', Date.now() + 150);
    assert.equal(await sessions.isRevoked('session-a'), true);
    assert.equal(await sessions.isRevoked('session-b'), false);
    await sleep(200);
    assert.equal(await sessions.isRevoked('session-a'), false);
    await sessions.close();
  });

  test('memory store: a horizon already past revokes nothing, a later one extends', async () => {
    const sessions = createMemoryRevokedSessions();
    await sessions.revoke('session-a', Date.now() - 1);
    assert.equal(await sessions.isRevoked('session-a'), false);
    await sessions.revoke('session-a', Date.now() + 5_000);
    await sessions.revoke('session-a', Date.now() + 50); // an earlier horizon does not shorten it
    await sleep(100);
    assert.equal(await sessions.isRevoked('session-a'), true);
    await sessions.close();
  });
});

describe('memory store: subjects and logout tokens', () => {
  test('memory store: a subject revoked up to T refuses its tokens issued at or before T, not later ones nor other subjects', async () => {
    const store = createMemoryRevokedSessions();
    const cutoff = Date.now();
    await store.revokeSubject('person-a', cutoff, Date.now() + 60_000);
    assert.equal(await store.isTokenRevoked({ sub: 'person-a', sid: 'any-session', issuedAt: cutoff - 1_000 }), true);
    assert.equal(await store.isTokenRevoked({ sub: 'person-a', issuedAt: cutoff }), true, 'at T');
    assert.equal(await store.isTokenRevoked({ sub: 'person-a', issuedAt: cutoff + 1_000 }), false, 'a later login');
    assert.equal(await store.isTokenRevoked({ sub: 'person-b', issuedAt: cutoff - 1_000 }), false);
    await store.revokeSubject('person-a', cutoff - 10_000, Date.now() + 60_000);
    assert.equal(await store.isTokenRevoked({ sub: 'person-a', issuedAt: cutoff - 1_000 }), true, 'an earlier cutoff arriving late does not lower it');
    await store.close();
  });

  test('memory store: a logout jti is claimed once until its horizon', async () => {
    const store = createMemoryRevokedSessions();
    assert.equal(await store.claimLogoutToken('jti-1', Date.now() + 150), true);
    assert.equal(await store.claimLogoutToken('jti-1', Date.now() + 150), false, 'a replay');
    await sleep(200);
    assert.equal(await store.claimLogoutToken('jti-1', Date.now() + 150), true, 'past its horizon the token itself is refused as too old');
    await store.releaseLogoutToken('jti-1');
    assert.equal(await store.claimLogoutToken('jti-1', Date.now() + 150), true, 'released');
    await store.close();
  });
});

describe('Redis revoked-session set (shared by gateway replicas)', { skip: redisUnavailable ?? false }, () => {
  const base = `lien-thong-test:${randomUUID()}:`;
  const prefix = `${base}revoked-sid:`;
  const stores: RevokedSessions[] = [];
  let inspector: Redis;

  const store = (): RevokedSessions => {
    const created = createRedisRevokedSessions(REDIS_URL, prefix);
    stores.push(created);
    return created;
  };

  before(() => {
    inspector = new Redis(REDIS_URL);
  });

  after(async () => {
    const keys = await inspector.keys(`${base}*`);
    if (keys.length > 0) await inspector.del(...keys);
    assert.deepEqual(await inspector.keys(`${base}*`), [], 'test keys cleaned up');
    await Promise.all(stores.map((created) => created.close()));
    await inspector.quit();
  });

  test('redis store: a sid revoked at one replica is revoked at another', async () => {
    const replicaA = store();
    const replicaB = store();
    const sid = randomUUID();
    assert.equal(await replicaB.isRevoked(sid), false);
    await replicaA.revoke(sid, Date.now() + 60_000);
    assert.equal(await replicaB.isRevoked(sid), true);
    assert.equal(await replicaA.isRevoked(sid), true);
    assert.equal(await replicaB.isRevoked(randomUUID()), false);
    assert.equal(await inspector.get(`${prefix}${sid}`), '1', 'stored as SET <prefix><sid> 1');
    // A store may borrow an existing client (the gateway's shared one): it sees the same set and leaves it open.
    const borrowing = createRedisRevokedSessions(inspector, prefix);
    assert.equal(await borrowing.isRevoked(sid), true);
    await borrowing.close();
    assert.equal(inspector.status, 'ready');
  });

  test('redis store: the entry expires at the horizon (SET … PXAT)', async () => {
    const replicaA = store();
    const sid = randomUUID();
    // A horizon far enough ahead that a busy machine still reads the entry before it expires.
    const until = Date.now() + 2000;
    await replicaA.revoke(sid, until);
    const expiresAt = await inspector.pexpiretime(`${prefix}${sid}`);
    assert.ok(Math.abs(expiresAt - until) <= 1, `PXAT ${until}, Redis says ${expiresAt}`);
    assert.equal(await store().isRevoked(sid), true);
    await sleep(Math.max(0, until - Date.now()) + 100);
    assert.equal(await inspector.exists(`${prefix}${sid}`), 0, 'Redis dropped it');
    assert.equal(await store().isRevoked(sid), false, 'a fresh replica');
    assert.equal(await replicaA.isRevoked(sid), false, 'the replica that revoked it');
  });

  test('redis store: a cached token is refused at every replica after logout at one of them', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'realm-key', alg: 'RS256', use: 'sig' };
    const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const options: AccessTokenVerifierOptions = {
        issuer: 'https://id.example.gov.vn/realms/lien-thong',
        audience: 'lien-thong-api',
        jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/certs`,
        algorithms: ['RS256'],
        maxLifetimeSeconds: 3600,
        clockToleranceSeconds: 5,
      };
      const gatewayA = { sessions: store() };
      const gatewayB = { sessions: store() };
      const verifyA = createAccessTokenVerifier({ ...options, revokedSessions: gatewayA.sessions });
      const verifyB = createAccessTokenVerifier({ ...options, revokedSessions: gatewayB.sessions });
      const sid = randomUUID();
      const now = Math.floor(Date.now() / 1000);
      const claims = { iss: options.issuer, aud: options.audience, sub: 'citizen-0001', typ: 'Bearer', azp: 'portal-1022', sid, iat: now, exp: now + 300 };
      const input = `${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'realm-key' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      const token = `${input}.${cryptoSign('sha256', Buffer.from(input), KeyObject.from(privateKey)).toString('base64url')}`;
      assert.equal((await verifyA(token)).viewer.sessionId, sid);
      assert.equal((await verifyB(token)).viewer.sessionId, sid);
      // Back-channel logout reaches replica B only.
      await gatewayB.sessions.revoke(sid, sessionRevocationUntil(options));
      for (const verify of [verifyA, verifyB]) {
        await assert.rejects(verify(token), (error: unknown) => error instanceof TokenRejectedError && /session of this access token has ended/.test(error.message));
      }
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('redis store: a subject cutoff only rises and every replica sees it; a logout jti is claimed once across replicas', async () => {
    const replicaA = store();
    const replicaB = store();
    const cutoff = Date.now();
    await replicaA.revokeSubject('person-1', cutoff, Date.now() + 60_000);
    await replicaA.revokeSubject('person-1', cutoff - 10_000, Date.now() + 30_000); // kept from an outage, arriving late
    assert.equal(await inspector.get(`${base}revoked-sub:person-1`), String(cutoff));
    assert.ok((await inspector.pttl(`${base}revoked-sub:person-1`)) > 50_000, 'the later horizon stays');
    assert.equal(await replicaB.isTokenRevoked({ sub: 'person-1', sid: randomUUID(), issuedAt: cutoff - 1_000 }), true);
    assert.equal(await replicaB.isTokenRevoked({ sub: 'person-1', sid: randomUUID(), issuedAt: cutoff + 1_000 }), false, 'a later login');
    const jti = randomUUID();
    assert.equal(await replicaA.claimLogoutToken(jti, Date.now() + 60_000), true);
    assert.equal(await replicaB.claimLogoutToken(jti, Date.now() + 60_000), false, 'a replay at another replica');
  });

  test('redis store: an unreachable Redis fails the check quickly instead of answering "not revoked"', async () => {
    const unreachable = createRedisRevokedSessions('redis://127.0.0.1:1', prefix);
    try {
      const started = Date.now();
      await assert.rejects(unreachable.isRevoked(randomUUID()));
      assert.ok(Date.now() - started < 3_000, `failed after ${Date.now() - started} ms`);
    } finally {
      await unreachable.close();
    }
  });
});
