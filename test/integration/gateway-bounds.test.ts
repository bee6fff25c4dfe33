// The gateway's bounds: operation limits, CSRF prevention, introspection and suggestions off in
// production, persisted operations with a partner safelist, body size and per-address rate limits.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sha256Hex } from '../../gateway/persisted-operations.ts';
import { startHub } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { createRealmKeys, mintAccessToken } from '../../testing/tokens.ts';
import type { RealmKeys } from '../../testing/tokens.ts';

const CATALOGUE = 'query Catalogue { procedures(first: 3) { code name } }';

async function expectRefused(response: Promise<{ status: number; body: { errors?: { message: string; extensions?: Record<string, unknown> }[]; data?: unknown } }>, status: number, code: string) {
  const { status: actual, body } = await response;
  assert.equal(actual, status, JSON.stringify(body));
  assert.equal(body.errors?.[0]?.extensions?.['code'], code, JSON.stringify(body));
  assert.equal(body.data, undefined, 'nothing executed');
  return body;
}

describe('gateway bounds (production settings)', () => {
  let hub: Hub;
  let keys: RealmKeys;
  let folder: string;

  before(async () => {
    keys = await createRealmKeys();
    folder = await mkdtemp(path.join(tmpdir(), 'lien-thong-bounds-'));
    const manifest = path.join(folder, 'persisted.json');
    await writeFile(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'catalogue-v1', name: 'Catalogue', type: 'query', body: CATALOGUE }] }));
    hub = await startHub({
      idpKeysFile: keys.keysFile,
      gatewayEnv: {
        NODE_ENV: 'production',
        LIMIT_MAX_DEPTH: '4',
        LIMIT_MAX_ALIASES: '3',
        LIMIT_MAX_ROOT_FIELDS: '4',
        LIMIT_MAX_DIRECTIVES: '3',
        LIMIT_MAX_TOKENS: '200',
        LIMIT_MAX_COST: '500',
        PERSISTED_OPERATIONS_FILE: manifest,
        SAFELIST: 'partners',
      },
    });
  });
  after(async () => {
    await hub?.close();
    await rm(folder, { recursive: true, force: true });
    await rm(keys.folder, { recursive: true, force: true });
  });

  test('depth beyond the limit is MAX_DEPTH_LIMIT', async () => {
    const body = await expectRefused(hub.graphql('{ me { watchedParcels { parcel { zone { scheme { code } } } } } }'), 400, 'MAX_DEPTH_LIMIT');
    assert.equal(body.errors?.[0]?.extensions?.['limit'], 4);
    const allowed = await hub.graphql('{ parcelsNear(lat: 10.77, lng: 106.7) { zone { scheme { code } } } }');
    assert.equal(allowed.status, 200, 'depth 3 passes');
  });

  test('too many aliases is MAX_ALIASES_LIMIT', async () => {
    await expectRefused(hub.graphql('{ a: feedbackCategories { code } b: feedbackCategories { code } c: feedbackCategories { code } d: feedbackCategories { code } }'), 400, 'MAX_ALIASES_LIMIT');
  });

  test('too many root fields is MAX_ROOT_FIELDS_LIMIT', async () => {
    await expectRefused(hub.graphql('{ feedbackCategories { code } planningSchemes { code } wards { code } notices { title } procedures(first: 1) { code } }'), 400, 'MAX_ROOT_FIELDS_LIMIT');
  });

  test('too many directives is MAX_DIRECTIVES_LIMIT', async () => {
    await expectRefused(hub.graphql('{ feedbackCategories @include(if: true) { code @include(if: true) name @skip(if: false) deadlineHours @include(if: true) } }'), 400, 'MAX_DIRECTIVES_LIMIT');
  });

  test('too many tokens is MAX_TOKENS_LIMIT', async () => {
    await expectRefused(hub.graphql(`{ feedbackCategories { ${'code '.repeat(250)} } }`), 400, 'MAX_TOKENS_LIMIT');
  });

  test('an estimated cost over the limit is COST_ESTIMATED_TOO_EXPENSIVE, counting list sizes from arguments', async () => {
    const body = await expectRefused(hub.graphql('{ procedures(first: 300) { code agency { name } } }'), 400, 'COST_ESTIMATED_TOO_EXPENSIVE');
    assert.ok(Number(body.errors?.[0]?.extensions?.['measured']) > 500);
    const cheap = await hub.graphql('{ procedures(first: 5) { code agency { name } } }');
    assert.equal(cheap.status, 200, 'the same shape with a small page passes');
  });

  test('a GET without a preflight header is CSRF_PREVENTION; with one it runs', async () => {
    const url = `${hub.gatewayUrl}/graphql?query=${encodeURIComponent(CATALOGUE)}`;
    const blocked = await fetch(url);
    assert.equal(blocked.status, 400);
    assert.equal(((await blocked.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'CSRF_PREVENTION');
    const allowed = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
    assert.equal(allowed.status, 200);
  });

  test('introspection is off in production, and validation errors give no field suggestions', async () => {
    await expectRefused(hub.graphql('{ __schema { types { name } } }'), 400, 'GRAPHQL_VALIDATION_FAILED');
    const body = await expectRefused(hub.graphql('{ procedure(code: "x") { nam } }'), 400, 'GRAPHQL_VALIDATION_FAILED');
    assert.doesNotMatch(body.errors?.[0]?.message ?? '', /Did you mean/);
    const graphiql = await fetch(`${hub.gatewayUrl}/graphiql`);
    assert.equal(graphiql.status, 404, 'no GraphiQL in production');
  });

  test('a persisted operation runs by id; an unknown id is PERSISTED_QUERY_NOT_FOUND', async () => {
    const byId = async (extensions: unknown) => {
      const response = await fetch(`${hub.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ extensions }) });
      return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
    };
    const ok = await byId({ persistedQuery: { version: 1, sha256Hash: sha256Hex(CATALOGUE) } });
    assert.equal(ok.status, 200);
    assert.equal((ok.body.data as { procedures: unknown[] }).procedures.length, 3);
    await expectRefused(byId({ persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } }), 400, 'PERSISTED_QUERY_NOT_FOUND');
  });

  test('safelist for partners: a registered operation runs, an unregistered one is OPERATION_NOT_IN_SAFELIST; citizens are not restricted', async () => {
    const partner = await mintAccessToken(keys.key, hub.idp.issuer, { sub: 'city-app', azp: 'city-app', client_id: 'city-app', roles: [], scope: 'dossier:read' });
    assert.equal((await hub.graphql(CATALOGUE, { token: partner })).status, 200);
    await expectRefused(hub.graphql('query Catalogue { procedures(first: 3) { code name field } }', { token: partner }), 403, 'OPERATION_NOT_IN_SAFELIST');
    const citizen = await mintAccessToken(keys.key, hub.idp.issuer, { sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e501' });
    assert.equal((await hub.graphql('{ feedbackCategories { code } }', { token: citizen })).status, 200);
  });
});

describe('gateway bounds: body size and per-address rate limit', () => {
  let hub: Hub;
  before(async () => {
    hub = await startHub({ gatewayEnv: { BODY_LIMIT_BYTES: '2048', IP_RATE_LIMIT: '6/3600' } });
  });
  after(() => hub?.close());

  test('a body over the limit is PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(`${hub.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ feedbackCategories { code } } # ${'x'.repeat(4096)}` }),
    });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'PAYLOAD_TOO_LARGE');
  });

  test('the per-address limit answers 429 with Retry-After once used up', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const response = await fetch(`${hub.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ feedbackCategories { code } }' }),
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
      await response.arrayBuffer();
    }
    assert.ok(
      statuses.slice(0, 5).every((status) => status === 200),
      statuses.join(','),
    );
    assert.ok(statuses.includes(429), statuses.join(','));
    assert.ok(Number(retryAfter) > 0);
  });
});
