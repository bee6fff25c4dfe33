// What a subgraph receives from the gateway: only the gateway's short-lived internal token (subject,
// roles, scopes, level, unit, client), never the citizen's own token, their ID number or anything the
// client put in identity headers.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { INTERNAL_AUDIENCES } from '../../auth/internal-token.ts';
import { startHub } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { startSubgraphProxy } from '../../testing/proxy.ts';
import type { SubgraphProxy } from '../../testing/proxy.ts';
import { createRealmKeys, mintAccessToken } from '../../testing/tokens.ts';
import type { RealmKeys } from '../../testing/tokens.ts';

describe('the internal token', () => {
  let hub: Hub;
  let keys: RealmKeys;
  let proxy: SubgraphProxy;
  const officer = DEMO_ACCOUNTS.find((account) => account.roles.includes('officer'))!;

  before(async () => {
    keys = await createRealmKeys();
    proxy = await startSubgraphProxy();
    hub = await startHub({ idpKeysFile: keys.keysFile, gatewayEnv: { FEEDBACK_URL: proxy.url } });
    proxy.state.target = hub.subgraphUrls['feedback']!;
  });
  after(async () => {
    await hub?.close();
    await proxy?.close();
    await rm(keys.folder, { recursive: true, force: true });
  });

  test('carries subject, roles, scopes, level, unit and client — and nothing personal', async () => {
    const accessToken = await mintAccessToken(keys.key, hub.idp.issuer, {
      sub: officer.sub,
      roles: ['officer'],
      unit: officer.unit,
      acr: '2',
      sid: 'session-1',
      name: officer.name,
      phone_number: officer.phone,
      cccd: officer.cccd,
    });
    proxy.state.seen.length = 0;
    const { body } = await hub.graphql('{ unitFeedback { code } }', {
      token: accessToken,
      headers: { 'x-user-id': 'someone-else', 'x-forwarded-user': 'admin', 'x-viewer': '{"roles":["leader"]}', 'x-roles': 'leader', cookie: 'session=abc' },
    });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    assert.equal(proxy.state.seen.length, 1);
    const headers = proxy.state.seen[0]!;
    for (const name of ['x-user-id', 'x-forwarded-user', 'x-viewer', 'x-roles', 'cookie']) assert.equal(headers[name], undefined, `${name} is not forwarded`);
    const internal = (headers.authorization ?? '').replace(/^Bearer /, '');
    assert.notEqual(internal, accessToken, "never the client's own token");
    assert.equal(decodeProtectedHeader(internal).alg, 'EdDSA');
    const claims = decodeJwt(internal);
    assert.equal(claims.sub, officer.sub);
    assert.deepEqual(claims['roles'], ['officer']);
    assert.equal(claims['unit'], officer.unit);
    assert.equal(claims['acr'], '2');
    assert.equal(claims['azp'], 'test-portal');
    assert.match(String(claims['scope']), /feedback:read/);
    assert.ok((claims.exp ?? 0) - (claims.iat ?? 0) <= 60, 'short-lived');
    assert.equal(claims.aud, INTERNAL_AUDIENCES.graphql, 'minted for GraphQL only');
    assert.equal(claims['route'], undefined, 'names no REST route');
    const text = JSON.stringify(claims);
    for (const secret of [officer.cccd, officer.phone, officer.name]) assert.ok(!text.includes(secret), 'no personal data in the internal token');
  });
});
