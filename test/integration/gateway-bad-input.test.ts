// Bad input at the gateway and at a subgraph: each gets a coded error, and the hub keeps serving.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { createRealmKeys, mintAccessToken } from '../../testing/tokens.ts';
import { startHub, TEST_CLIENT_ID, TEST_REDIRECT_URI } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { loginWithPkce } from '../../testing/oidc-login.ts';

const citizen = DEMO_ACCOUNTS[0];
const ME = '{ me { id feedback { code } } }';

describe('bad input gets a coded error and the process stays up', () => {
  let hub: Hub;
  let folder: string;
  let realmKey: JWK;
  let validToken: string;

  /** A token shaped like the realm's, signed with `key`. */
  const mintToken = (key: JWK, claims: Record<string, unknown>, lifetime: { iat: number; exp: number }) => mintAccessToken(key, hub.idp.issuer, { sub: citizen?.sub ?? '', ...claims }, lifetime);

  before(async () => {
    const keys = await createRealmKeys();
    folder = keys.folder;
    realmKey = keys.key;
    hub = await startHub({ idpKeysFile: keys.keysFile });
    validToken = (await loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username: 'an.nguyen', password: 'demo' })).accessToken;
  });
  after(async () => {
    await hub?.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function assertStillServing(): Promise<void> {
    const { status, body } = await hub.graphql(ME, { token: validToken });
    assert.equal(status, 200);
    assert.equal((body.data?.['me'] as { id: string }).id, citizen?.sub);
  }

  async function assertRefused(response: { status: number; body: { errors?: { message: string; extensions?: Record<string, unknown> }[] } }, status: number, code: string) {
    assert.equal(response.status, status, JSON.stringify(response.body));
    assert.equal(response.body.errors?.[0]?.extensions?.['code'], code);
    const text = JSON.stringify(response.body);
    assert.doesNotMatch(text, /at \w+ \(|node_modules|stack/i, 'no stack trace leaks');
    await assertStillServing();
  }

  test('malformed GraphQL is GRAPHQL_PARSE_FAILED', async () => {
    await assertRefused(await hub.graphql('{ me { id '), 400, 'GRAPHQL_PARSE_FAILED');
  });

  test('an unknown field is GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await hub.graphql('{ procedures { code secretField } }');
    await assertRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED');
    assert.match(response.body.errors?.[0]?.message ?? '', /secretField/);
  });

  test('a variable of the wrong type is BAD_USER_INPUT', async () => {
    await assertRefused(await hub.graphql('query($first: Int) { procedures(first: $first) { code } }', { variables: { first: 'many' } }), 400, 'BAD_USER_INPUT');
  });

  test('a missing required variable is BAD_USER_INPUT', async () => {
    await assertRefused(await hub.graphql('query($code: String!) { procedure(code: $code) { code } }', { variables: {} }), 400, 'BAD_USER_INPUT');
  });

  test('a body that is not JSON is BAD_REQUEST', async () => {
    const response = await fetch(`${hub.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    await assertRefused({ status: response.status, body: (await response.json()) as never }, 400, 'BAD_REQUEST');
  });

  test('a body without a query is BAD_REQUEST', async () => {
    const response = await fetch(`${hub.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"variables": {}}' });
    await assertRefused({ status: response.status, body: (await response.json()) as never }, 400, 'BAD_REQUEST');
  });

  test('a mutation over GET is refused', async () => {
    const response = await fetch(`${hub.gatewayUrl}/graphql?query=${encodeURIComponent('mutation { markNotificationRead(id: "x") { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    await assertRefused({ status: response.status, body: (await response.json()) as never }, 400, 'BAD_REQUEST');
  });

  test('a garbage token is UNAUTHENTICATED', async () => {
    await assertRefused(await hub.graphql(ME, { token: 'not-a-token' }), 401, 'UNAUTHENTICATED');
    await assertRefused(await hub.graphql(ME, { token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' }), 401, 'UNAUTHENTICATED');
  });

  test('an Authorization header that is not Bearer is UNAUTHENTICATED', async () => {
    await assertRefused(await hub.graphql(ME, { headers: { authorization: 'Basic YTpi' } }), 401, 'UNAUTHENTICATED');
  });

  test('an expired token signed by the realm is UNAUTHENTICATED', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await mintToken(realmKey, {}, { iat: now - 600, exp: now - 300 });
    const response = await hub.graphql(ME, { token: expired });
    await assertRefused(response, 401, 'UNAUTHENTICATED');
    assert.match(response.body.errors?.[0]?.message ?? '', /expired/);
  });

  test('the same token, unexpired, is accepted: the expired case failed for its expiry alone', async () => {
    const now = Math.floor(Date.now() / 1000);
    const fresh = await mintToken(realmKey, {}, { iat: now, exp: now + 300 });
    const { body } = await hub.graphql(ME, { token: fresh });
    assert.equal((body.data?.['me'] as { id: string }).id, citizen?.sub);
  });

  test('a token signed by a foreign key is UNAUTHENTICATED', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    const foreignKey = { ...(await exportJWK(privateKey)), kid: 'foreign', alg: 'RS256' };
    const now = Math.floor(Date.now() / 1000);
    await assertRefused(await hub.graphql(ME, { token: await mintToken(foreignKey, {}, { iat: now, exp: now + 300 }) }), 401, 'UNAUTHENTICATED');
    const impostor = { ...foreignKey, kid: realmKey.kid };
    await assertRefused(await hub.graphql(ME, { token: await mintToken(impostor, {}, { iat: now, exp: now + 300 }) }), 401, 'UNAUTHENTICATED');
  });

  test('a token for another audience is UNAUTHENTICATED', async () => {
    const now = Math.floor(Date.now() / 1000);
    await assertRefused(await hub.graphql(ME, { token: await mintToken(realmKey, { aud: 'another-api' }, { iat: now, exp: now + 300 }) }), 401, 'UNAUTHENTICATED');
  });

  test('a subgraph called directly without the gateway token is INTERNAL_TOKEN_REQUIRED', async () => {
    for (const [name, url] of Object.entries(hub.subgraphUrls)) {
      for (const authorization of [undefined, `Bearer ${validToken}`, 'Bearer forged.internal.token']) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: JSON.stringify({ query: '{ me { id } }' }),
        });
        const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[]; data?: unknown };
        assert.equal(response.status, 401, `${name} refuses ${authorization ? 'a citizen token' : 'no token'}`);
        assert.equal(body.errors?.[0]?.extensions?.code, 'INTERNAL_TOKEN_REQUIRED');
        assert.equal(body.data, undefined);
      }
    }
    await assertStillServing();
  });

  test('an unknown route is a coded 404', async () => {
    const response = await fetch(`${hub.gatewayUrl}/nowhere`);
    await assertRefused({ status: response.status, body: (await response.json()) as never }, 404, 'NOT_FOUND');
  });
});
