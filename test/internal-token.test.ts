// What a subgraph receives from the gateway: only the gateway's short-lived internal token (subject,
// roles, scopes, level, unit, client), never the citizen's own token, their ID number or anything the
// client put in identity headers.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { DEMO_ACCOUNTS } from '../auth/demo-realm.ts';
import { startHub } from './helpers/hub.ts';
import type { Hub } from './helpers/hub.ts';
import { createRealmKeys, mintAccessToken } from './helpers/tokens.ts';
import type { RealmKeys } from './helpers/tokens.ts';

/** A proxy in front of a subgraph that records what the gateway sends. */
async function startRecordingProxy(): Promise<{ url: string; seen: IncomingHttpHeaders[]; setTarget(url: string): void; server: Server }> {
  let target = '';
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer(async (request, response) => {
    seen.push(request.headers);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const upstream = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
      body: Buffer.concat(chunks),
    });
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    response.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/graphql`, seen, setTarget: (url) => (target = url), server };
}

describe('the internal token', () => {
  let hub: Hub;
  let keys: RealmKeys;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;
  const officer = DEMO_ACCOUNTS.find((account) => account.roles.includes('officer'))!;

  before(async () => {
    keys = await createRealmKeys();
    proxy = await startRecordingProxy();
    hub = await startHub({ idpKeysFile: keys.keysFile, gatewayEnv: { FEEDBACK_URL: proxy.url } });
    proxy.setTarget(hub.subgraphUrls['feedback']!);
  });
  after(async () => {
    await hub?.close();
    proxy?.server.close();
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
    proxy.seen.length = 0;
    const { body } = await hub.graphql('{ unitFeedback { code } }', {
      token: accessToken,
      headers: { 'x-user-id': 'someone-else', 'x-forwarded-user': 'admin', 'x-viewer': '{"roles":["leader"]}', 'x-roles': 'leader', cookie: 'session=abc' },
    });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    assert.equal(proxy.seen.length, 1);
    const headers = proxy.seen[0]!;
    for (const name of ['x-user-id', 'x-forwarded-user', 'x-viewer', 'x-roles', 'cookie']) assert.equal(headers[name], undefined, `${name} is not forwarded`);
    const internal = (headers.authorization ?? '').replace(/^Bearer /, '');
    assert.notEqual(internal, accessToken, 'never the client\'s own token');
    assert.equal(decodeProtectedHeader(internal).alg, 'EdDSA');
    const claims = decodeJwt(internal);
    assert.equal(claims.sub, officer.sub);
    assert.deepEqual(claims['roles'], ['officer']);
    assert.equal(claims['unit'], officer.unit);
    assert.equal(claims['acr'], '2');
    assert.equal(claims['azp'], 'test-portal');
    assert.match(String(claims['scope']), /feedback:read/);
    assert.ok((claims.exp ?? 0) - (claims.iat ?? 0) <= 60, 'short-lived');
    const text = JSON.stringify(claims);
    for (const secret of [officer.cccd, officer.phone, officer.name]) assert.ok(!text.includes(secret), 'no personal data in the internal token');
  });
});
