// Back-channel logout at the gateway: once the realm (or a portal relaying it) reports that a session
// ended, the gateway refuses that session's access tokens, even those it verified before.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { importJWK, SignJWT } from 'jose';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import type { Hub } from '../../testing/hub.ts';
import { mintAccessToken, startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub, RealmKeys } from '../../testing/tokens.ts';

const citizen = DEMO_ACCOUNTS[0]!;
const ME = '{ me { id } }';

describe('back-channel logout at the gateway', () => {
  let hub: Hub;
  let keys: RealmKeys;

  async function logoutToken(claims: Record<string, unknown>): Promise<string> {
    return new SignJWT({ events: { 'http://schemas.openid.net/event/backchannel-logout': {} }, jti: randomUUID(), sub: citizen.sub, ...claims })
      .setProtectedHeader({ alg: 'RS256', typ: 'logout+jwt', kid: keys.key.kid })
      .setIssuer(hub.idp.issuer)
      .setAudience(typeof claims['aud'] === 'string' ? claims['aud'] : 'portal-1022')
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(await importJWK(keys.key, 'RS256'));
  }

  async function postLogout(body: string, contentType = 'application/x-www-form-urlencoded') {
    return fetch(`${hub.gatewayUrl}/auth/backchannel-logout`, { method: 'POST', headers: { 'content-type': contentType }, body });
  }

  let keyed: KeyedHub;
  before(async () => {
    keyed = await startHubWithRealmKeys();
    ({ hub, keys } = keyed);
  });
  after(() => keyed?.close());

  test("a logged-out session's token is refused at once; other sessions are unaffected", async () => {
    const ended = await mintAccessToken(keys.key, hub.idp.issuer, { sub: citizen.sub, sid: 'session-ended' });
    const other = await mintAccessToken(keys.key, hub.idp.issuer, { sub: citizen.sub, sid: 'session-other' });
    assert.equal(((await hub.graphql(ME, { token: ended })).body.data?.['me'] as { id: string }).id, citizen.sub, 'accepted (and cached) before');

    const response = await postLogout(new URLSearchParams({ logout_token: await logoutToken({ sid: 'session-ended' }) }).toString());
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');

    const after = await hub.graphql(ME, { token: ended });
    assert.equal(after.status, 401);
    assert.equal(after.body.errors?.[0]?.extensions?.['code'], 'UNAUTHENTICATED');
    assert.equal(((await hub.graphql(ME, { token: other })).body.data?.['me'] as { id: string }).id, citizen.sub);
  });

  test('bad logout requests get 400 and revoke nothing', async () => {
    const token = await mintAccessToken(keys.key, hub.idp.issuer, { sub: citizen.sub, sid: 'session-kept' });
    const cases = [
      '',
      'logout_token=',
      'logout_token=garbage',
      new URLSearchParams({ logout_token: await logoutToken({ sid: 'session-kept', aud: 'some-other-client' }) }).toString(),
      new URLSearchParams({ logout_token: await logoutToken({ sid: 'session-kept', events: {} }) }).toString(),
      new URLSearchParams({ logout_token: await logoutToken({ sid: 'session-kept', nonce: 'n' }) }).toString(),
    ];
    for (const body of cases) {
      const response = await postLogout(body);
      assert.equal(response.status, 400, body.slice(0, 40));
      const json = (await response.json()) as { error?: string };
      assert.equal(json.error, 'invalid_request');
    }
    assert.equal(((await hub.graphql(ME, { token })).body.data?.['me'] as { id: string }).id, citizen.sub, 'still signed in');
  });

  test('the form parser serves only the logout endpoint: a form POST to /graphql is refused', async () => {
    const response = await fetch(`${hub.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query=%7B%20procedures%20%7B%20code%20%7D%20%7D',
    });
    assert.equal(response.status, 415);
    const plain = await fetch(`${hub.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ procedures { code } }"}' });
    assert.equal(plain.status, 415);
  });
});
