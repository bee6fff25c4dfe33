// An agency in another stack joins through the registry: examples/yoga-subgraph (plain JavaScript, graphql-yoga,
// no code of this repository) runs as its own process, verifies the gateway's internal token as docs/agencies.md
// says, is published by a platform administrator, and answers through the gateway — its own fields and a field
// it adds to the Citizen entity. Whatever the gateway did not mint for it is refused by the subgraph itself; a
// registration without personal data may not take Citizen, and its tokens carry no subject and no session.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import type { JWK } from 'jose';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { REPOSITORY_ROOT } from '../../schema/subgraphs.ts';
import { freePort } from '../../testing/redis-server.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const [AN, BINH] = DEMO_ACCOUNTS as [(typeof DEMO_ACCOUNTS)[number], (typeof DEMO_ACCOUNTS)[number]];
const AUDIENCE = 'lien-thong-subgraphs:graphql';

interface Reply {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** An internal token as the gateway mints it (docs/agencies.md, section 3); `change` alters any part. */
async function internalToken(
  key: JWK,
  change: { claims?: Record<string, unknown>; header?: Record<string, unknown>; iat?: number; exp?: number; audience?: string | string[]; issuer?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ roles: ['citizen'], scope: 'feedback:read', acr: '2', ...change.claims })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'lien-thong-internal+jwt', kid: key.kid, ...change.header })
    .setIssuer(change.issuer ?? 'lien-thong-gateway')
    .setAudience(change.audience ?? AUDIENCE)
    .setIssuedAt(change.iat ?? now)
    .setExpirationTime(change.exp ?? now + 60)
    .sign(await importJWK(key, 'EdDSA'));
}

describe('a subgraph in another stack joins through the registry', () => {
  let keyed: KeyedHub;
  let yoga: ChildProcess | undefined;
  let url: string;
  let admin: string;
  let sdl: string;

  before(async () => {
    keyed = await startHubWithRealmKeys();
    const port = await freePort();
    yoga = spawn(process.execPath, [path.join(REPOSITORY_ROOT, 'examples', 'yoga-subgraph', 'main.js')], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env['PATH'], PORT: String(port), GATEWAY_JWKS_URL: `${keyed.hub.gatewayUrl}/.well-known/jwks.json`, CUSTOMERS: JSON.stringify({ [AN.sub]: 'KH-0001' }) },
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('/graphql')) resolve();
      };
      yoga!.stdout!.on('data', read);
      yoga!.stderr!.on('data', read);
      yoga!.once('exit', (code) => reject(new Error(`the yoga subgraph exited (${code}): ${output}`)));
    });
    url = `http://127.0.0.1:${port}/graphql`;
    const adminAccount = DEMO_ACCOUNTS.find((account) => account.roles.includes('platform-admin'))!;
    admin = await keyed.token({ sub: adminAccount.sub, roles: ['platform-admin'] });
    // The SDL the agency publishes, from the subgraph itself (the spec's _service field).
    sdl = ((await direct('{ _service { sdl } }', await internalToken(keyed.hub.internalKey.privateJwk))).body.data!['_service'] as { sdl: string }).sdl;
  });
  after(async () => {
    if (yoga && yoga.exitCode === null) {
      const exited = once(yoga, 'exit');
      yoga.kill('SIGTERM');
      await exited;
    }
    await keyed?.close();
  });

  async function direct(query: string, token?: string): Promise<Reply> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, body: (await response.json()) as Reply['body'] };
  }
  async function publish(record: Record<string, unknown>): Promise<Reply> {
    const response = await fetch(`${keyed.hub.gatewayUrl}/admin/registry/subgraphs/water/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'water', url, agency: 'SAWACO (Tổng công ty Cấp nước Sài Gòn)', contact: 'api@sawaco.example.vn', ...record }),
    });
    return { status: response.status, body: (await response.json()) as Reply['body'] };
  }

  test('the subgraph itself refuses a request the gateway did not mint for it', async () => {
    const key = keyed.hub.internalKey.privateJwk;
    const now = Math.floor(Date.now() / 1000);
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const stranger = { ...(await exportJWK(privateKey)), kid: key.kid };
    const refused: [string, string | undefined][] = [
      ['no token', undefined],
      ['not a token', 'not-a-token'],
      ['forged: signed by another key under the same kid', await internalToken(stranger)],
      ['the REST audience', await internalToken(key, { audience: 'lien-thong-subgraphs:rest', claims: { subgraph: 'water', route: 'POST /x' } })],
      ['the schema audience', await internalToken(key, { audience: 'lien-thong-subgraphs:schema' })],
      ['two audiences', await internalToken(key, { audience: [AUDIENCE, 'lien-thong-subgraphs:rest'] })],
      ["the realm's audience", await internalToken(key, { audience: 'lien-thong-api' })],
      ['another issuer', await internalToken(key, { issuer: 'https://id.example.vn/realms/other' })],
      ['another typ', await internalToken(key, { header: { typ: 'JWT' } })],
      ['expired', await internalToken(key, { iat: now - 70, exp: now - 10 })],
      ['issued too long ago', await internalToken(key, { iat: now - 120, exp: now + 30 })],
      ['a citizen access token from the realm', await keyed.token({ sub: AN.sub })],
    ];
    for (const [label, token] of refused) {
      const reply = await direct('{ waterOutages { id } }', token);
      assert.equal(reply.status, 401, label);
      assert.equal(reply.body.errors?.[0]?.extensions?.['code'], 'INTERNAL_TOKEN_REQUIRED', label);
      assert.equal(reply.body.data, undefined, label);
    }
    // The same request with a token as the gateway mints it is answered: the refusals are the token's.
    assert.deepEqual((await direct('{ waterOutages { id } }', await internalToken(key))).body, { data: { waterOutages: [{ id: 'W-1' }, { id: 'W-2' }] } });
  });

  test('published by a platform administrator, it answers through the gateway, Citizen included', async () => {
    const published = await publish({ personalData: true, sdl });
    assert.equal(published.status, 200, JSON.stringify(published.body));
    const outages = await keyed.hub.graphql('query Outages { waterOutages(district: "Quận 3") { id district reason } }');
    assert.deepEqual(outages.body, { data: { waterOutages: [{ id: 'W-2', district: 'Quận 3', reason: 'pump maintenance' }] } });
    // Citizen.waterCustomerNumber: the gateway plans `me` on a release subgraph, then the yoga subgraph's _entities.
    const an = await keyed.token({ sub: AN.sub, sid: 'session-an' });
    assert.deepEqual((await keyed.hub.graphql('{ me { id waterCustomerNumber } }', { token: an })).body, { data: { me: { id: AN.sub, waterCustomerNumber: 'KH-0001' } } });
    const binh = await keyed.token({ sub: BINH.sub });
    assert.deepEqual((await keyed.hub.graphql('{ me { waterCustomerNumber } }', { token: binh })).body, { data: { me: { waterCustomerNumber: null } } });
    const caller = await keyed.hub.graphql('{ waterCaller { subject session roles level } }', { token: an });
    assert.deepEqual(caller.body, { data: { waterCaller: { subject: AN.sub, session: 'session-an', roles: ['citizen'], level: '2' } } });
    // A coded refusal of the subgraph's reaches the client with its code.
    const tooLong = await keyed.hub.graphql(`{ waterOutages(district: "${'x'.repeat(101)}") { id } }`);
    assert.equal(tooLong.body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
  });

  test('without personal data it may not take Citizen, and its tokens carry no subject and no session', async () => {
    const withCitizen = await publish({ personalData: false, sdl });
    assert.equal(withCitizen.status, 400);
    assert.equal(withCitizen.body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    assert.equal(withCitizen.body.errors?.[0]?.extensions?.['field'], 'personalData');
    const withoutCitizen = sdl.replace(/\n"A person[\s\S]*$/, '\n');
    assert.doesNotMatch(withoutCitizen, /Citizen/);
    const published = await publish({ personalData: false, sdl: withoutCitizen, allowBreaking: true });
    assert.equal(published.status, 200, JSON.stringify(published.body));
    const an = await keyed.token({ sub: AN.sub, sid: 'session-an' });
    const caller = await keyed.hub.graphql('{ waterCaller { subject session roles scopes level client } }', { token: an });
    assert.equal(caller.body.errors, undefined, JSON.stringify(caller.body.errors));
    const seen = caller.body.data!['waterCaller'] as Record<string, unknown>;
    assert.equal(seen['subject'], null);
    assert.equal(seen['session'], null);
    assert.deepEqual(seen['roles'], ['citizen']);
    assert.equal(seen['level'], '2');
    assert.ok(Array.isArray(seen['scopes']) && seen['scopes'].includes('feedback:read'));
    assert.equal((await keyed.hub.graphql('{ me { waterCustomerNumber } }', { token: an })).body.errors?.[0]?.extensions?.['code'], 'GRAPHQL_VALIDATION_FAILED');
  });
});
