// An agency joins without a release: through the gateway's admin API (platform-admin only) a subgraph of
// its own is checked, proposed, published and retired; a proposal that does not compose or breaks recorded
// traffic never replaces the served supergraph; a publish switches every replica (sharing the registry file,
// or PostgreSQL on the PostgreSQL pass) with zero failed requests under a steady stream of queries and
// mutations; a subgraph that may not receive personal data gets internal tokens without the subject.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { parse } from 'graphql';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import mercurius from 'mercurius';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { createTestDatabase } from '../../testing/hub.ts';
import { startGatewayReplica } from '../../testing/redis-server.ts';
import { eventually } from '../../testing/wait.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import { runSubgraphCommand } from '../../scripts/subgraph.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\n';
// The water utility's schema, in three versions: v2 adds an optional field; v3 removes `district`.
const WATER_V1 = `${LINK}
type Query {
  outages: [Outage!]!
  whoCalls: Caller!
}
type Mutation { reportOutage(district: String!): Outage! }
type Outage @key(fields: "id") { id: ID!, district: String! }
type Caller { subject: String, roles: [String!]! }
`;
const WATER_V2 = WATER_V1.replace('district: String! }', 'district: String!, reason: String }');
const WATER_V3 = WATER_V1.replace('id: ID!, district: String! }', 'id: ID! }');

interface Outage {
  id: string;
  district: string;
  reason: string | null;
}

/**
 * The agency's own subgraph, with no code of this repository: it verifies the internal token exactly as
 * docs/agencies.md tells another stack to (the gateway's JWKS URL, EdDSA, typ, issuer, audience, age).
 */
async function startWaterSubgraph(hub: KeyedHub): Promise<{ app: FastifyInstance; url: string }> {
  const keys = createRemoteJWKSet(new URL(`${hub.hub.gatewayUrl}/.well-known/jwks.json`));
  const verify = async (token: string) => {
    const { payload } = await jwtVerify(token, keys, {
      issuer: 'lien-thong-gateway',
      audience: 'lien-thong-subgraphs:graphql',
      algorithms: ['EdDSA'],
      typ: 'lien-thong-internal+jwt',
      maxTokenAge: 65,
      clockTolerance: 5,
    });
    return { subject: typeof payload.sub === 'string' ? payload.sub : null, roles: Array.isArray(payload['roles']) ? (payload['roles'] as string[]) : [] };
  };
  const outages: Outage[] = [{ id: 'W-1', district: 'Quận 1', reason: 'pipe repair' }];
  const app = Fastify();
  await app.register(mercurius, {
    schema: buildSubgraphSchema([
      {
        typeDefs: parse(WATER_V2),
        resolvers: {
          Query: {
            outages: () => outages,
            whoCalls: (_root: unknown, _args: unknown, context: { authorization: string | undefined }) => verify((context.authorization ?? '').replace(/^Bearer /, '')),
          },
          Mutation: {
            reportOutage: (_root: unknown, args: { district: string }) => {
              const outage = { id: `W-${outages.length + 1}`, district: args.district, reason: null };
              if (outages.length < 50) outages.push(outage);
              return outage;
            },
          },
        } as GraphQLResolverMap<unknown>,
      },
    ]),
    context: (request) => ({ authorization: request.headers.authorization }),
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url: `${address}/graphql` };
}

interface AdminReply {
  status: number;
  body: {
    errors?: { message: string; extensions: Record<string, unknown> }[];
    report?: { composes: boolean; compositionErrors: string[]; breaking: { kind: string; coordinate: string; affectedOperations: { name?: string; count: number }[] }[] };
    supergraph?: { generation: number; hash: string };
    subgraphs?: { name: string; builtIn: boolean; registered: boolean; personalData: boolean }[];
    passes?: boolean;
    operations?: { name?: string; body: string; count: number; source: string }[];
  };
}

describe('the registry of subgraphs', () => {
  let keyed: KeyedHub;
  let water: { app: FastifyInstance; url: string };
  let replica: { app: FastifyInstance; url: string };
  let admin: string;
  let citizen: string;
  let dropRegistryDatabase: (() => Promise<void>) | undefined;
  const citizenAccount = DEMO_ACCOUNTS[0]!;

  before(async () => {
    // On the PostgreSQL pass the replicas share the registry in PostgreSQL; otherwise its file.
    const adminUrl = process.env['TEST_DATABASE_URL'];
    const registryDatabase = adminUrl ? await createTestDatabase(adminUrl, 'registry') : undefined;
    dropRegistryDatabase = registryDatabase ? () => registryDatabase.drop() : undefined;
    const registryEnv: Record<string, string> = { REGISTRY_POLL_MS: '200', ...(registryDatabase ? { REGISTRY_DATABASE_URL: registryDatabase.url } : {}) };
    keyed = await startHubWithRealmKeys({ gatewayEnv: registryEnv });
    const adminAccount = DEMO_ACCOUNTS.find((account) => account.roles.includes('platform-admin'))!;
    admin = await keyed.token({ sub: adminAccount.sub, roles: ['platform-admin'] });
    citizen = await keyed.token({ sub: citizenAccount.sub });
    water = await startWaterSubgraph(keyed);
    // The second replica reads the same registry (the hub's file, or the same database).
    replica = await startGatewayReplica(keyed.hub, registryEnv);
  });

  after(async () => {
    await replica?.app.close();
    await water?.app.close();
    await keyed?.close();
    await dropRegistryDatabase?.();
  });

  const call = async (method: string, path: string, body?: unknown, token: string | null = admin, base = keyed.hub.gatewayUrl): Promise<AdminReply> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as AdminReply['body'] };
  };
  const record = (sdl: string, extra: Record<string, unknown> = {}) => ({
    name: 'water',
    url: water.url,
    agency: 'SAWACO (Tổng công ty Cấp nước Sài Gòn)',
    contact: 'api@sawaco.example.vn',
    personalData: false,
    timeoutMs: 5_000,
    sdl,
    ...extra,
  });
  const served = async (base = keyed.hub.gatewayUrl) => (await call('GET', '/admin/registry', undefined, admin, base)).body.supergraph!;
  const query = async (text: string, token?: string, base = keyed.hub.gatewayUrl) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: text }),
    });
    return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } };
  };

  test('only a platform administrator reaches the admin API', async () => {
    const anonymous = await call('GET', '/admin/registry', undefined, null);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.errors?.[0]?.extensions['code'], 'UNAUTHENTICATED');
    const forbidden = await call('GET', '/admin/registry', undefined, citizen);
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.errors?.[0]?.extensions['code'], 'FORBIDDEN');
    const bad = await call('GET', '/admin/registry', undefined, 'not-a-token');
    assert.equal(bad.status, 401);
    const listed = await call('GET', '/admin/registry');
    assert.equal(listed.status, 200);
    assert.deepEqual(
      listed.body.subgraphs?.map((each) => [each.name, each.builtIn, each.registered]),
      [
        ['feedback', true, false],
        ['dossier', true, false],
        ['planning', true, false],
        ['notification', true, false],
      ],
    );
  });

  test('bad input gets a coded refusal naming the field, never a crash', async () => {
    const cases: [unknown, string][] = [
      [{ ...record(WATER_V1), name: 'Water!' }, 'name'],
      [{ ...record(WATER_V1), url: 'ftp://water.example/graphql' }, 'url'],
      [{ ...record(WATER_V1), sdl: '' }, 'sdl'],
      [{ ...record(WATER_V1), personalData: 'no' }, 'personalData'],
      [{ ...record(WATER_V1), timeoutMs: 10 }, 'timeoutMs'],
      [{ ...record(WATER_V1), unknownKey: 1 }, 'body'],
      [[1, 2], 'body'],
    ];
    for (const [body, field] of cases) {
      const reply = await call('POST', '/admin/registry/check', body);
      assert.equal(reply.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(reply.body.errors?.[0]?.extensions['code'], 'BAD_USER_INPUT');
      assert.equal(reply.body.errors?.[0]?.extensions['field'], field);
    }
    const notJson = await call('POST', '/admin/registry/check', '{"name": ');
    assert.equal(notJson.status, 400);
    assert.equal(notJson.body.errors?.[0]?.extensions['code'], 'BAD_REQUEST');
    const syntax = await call('POST', '/admin/registry/check', record('type Query { outages: [Outage!]! '));
    assert.equal(syntax.status, 200);
    assert.equal(syntax.body.passes, false);
    assert.match(syntax.body.report!.compositionErrors[0]!, /^\[water\] Syntax Error: .*\(line 1, column \d+\)$/);
    assert.equal((await call('POST', '/admin/registry/subgraphs/water/publish', {})).body.errors?.[0]?.extensions['code'], 'NOT_FOUND');
    assert.equal((await call('DELETE', '/admin/registry/subgraphs/nothing-here')).status, 404);
    const builtIn = await call('DELETE', '/admin/registry/subgraphs/planning');
    assert.equal(builtIn.status, 400);
    assert.match(builtIn.body.errors![0]!.message, /part of the release/);
    assert.equal((await call('DELETE', '/admin/registry/subgraphs/water?allowBreaking=maybe')).body.errors?.[0]?.extensions['field'], 'allowBreaking');
  });

  test('a proposal that does not compose is refused and the served supergraph stays', async () => {
    const before = await served();
    const reply = await call('POST', '/admin/registry/proposals', record(`${LINK}type Query { outages: [Outage!]! }`));
    assert.equal(reply.status, 422);
    assert.equal(reply.body.errors?.[0]?.extensions['code'], 'SCHEMA_COMPOSITION_FAILED');
    assert.match(reply.body.report!.compositionErrors.join('\n'), /Outage/);
    // A conflicting definition of a built-in's type is a composition error too, not a crash.
    const clash = await call('POST', '/admin/registry/subgraphs/water/publish', record(`${LINK}type Query { wards: Int }`));
    assert.equal(clash.status, 422);
    assert.deepEqual(await served(), before);
    assert.equal((await query('{ wards { code } }')).status, 200);
  });

  test('an agency publishes its subgraph; it is served at once on both replicas, without personal data', async () => {
    const proposed = await call('POST', '/admin/registry/proposals', record(WATER_V1));
    assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
    assert.deepEqual(proposed.body.report!.breaking, []);
    const before = await served();
    const published = await call('POST', '/admin/registry/subgraphs/water/publish', {});
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.equal(published.body.supergraph!.generation, before.generation + 1);
    assert.notEqual(published.body.supergraph!.hash, before.hash);
    const outages = await query('query Outages { outages { id district } }');
    assert.deepEqual(outages.body, { data: { outages: [{ id: 'W-1', district: 'Quận 1' }] } });
    // personalData: false: the subgraph learns the caller's roles, never who the caller is.
    const caller = await query('{ whoCalls { subject roles } }', citizen);
    assert.deepEqual(caller.body, { data: { whoCalls: { subject: null, roles: ['citizen'] } } });
    // The other replica follows the registry by itself.
    await eventually(async () => assert.deepEqual((await query('query Outages { outages { id district } }', undefined, replica.url)).body.data, { outages: [{ id: 'W-1', district: 'Quận 1' }] }));
    // Allowed personal data: the same subgraph now gets the subject (an options-only change reloads too).
    assert.equal((await call('POST', '/admin/registry/subgraphs/water/publish', record(WATER_V1, { personalData: true }))).status, 200);
    assert.deepEqual((await query('{ whoCalls { subject } }', citizen)).body, { data: { whoCalls: { subject: citizenAccount.sub } } });
    assert.equal((await call('POST', '/admin/registry/subgraphs/water/publish', record(WATER_V1))).status, 200);
    assert.deepEqual((await query('{ whoCalls { subject } }', citizen)).body, { data: { whoCalls: { subject: null } } });
  });

  test('a breaking change names the recorded operations it breaks and is refused unless allowed', async () => {
    for (let index = 0; index < 3; index += 1) await query('query Outages { outages { id district } }');
    const recorded = (await call('GET', '/admin/registry/operations')).body.operations!;
    const outages = recorded.find((operation) => operation.name === 'Outages');
    assert.ok(outages && outages.count >= 3 && outages.source === 'traffic');
    // With the registry in PostgreSQL, the other replica's traffic counts too.
    if (process.env['TEST_DATABASE_URL']) {
      await query('query ReplicaOutages { outages { district } }', undefined, replica.url);
      await eventually(async () => {
        const shared = (await call('GET', '/admin/registry/operations')).body.operations!;
        assert.ok(shared.some((operation) => operation.name === 'ReplicaOutages' && operation.count === 1));
      });
    }
    const check = await call('POST', '/admin/registry/check', record(WATER_V3));
    assert.equal(check.body.passes, false);
    const removed = check.body.report!.breaking.find((change) => change.kind === 'FIELD_REMOVED');
    assert.equal(removed?.coordinate, 'Outage.district');
    assert.deepEqual(
      removed.affectedOperations.map((operation) => operation.name),
      process.env['TEST_DATABASE_URL'] ? ['Outages', 'ReplicaOutages'] : ['Outages'],
    );
    const before = await served();
    const refused = await call('POST', '/admin/registry/subgraphs/water/publish', record(WATER_V3));
    assert.equal(refused.status, 409);
    assert.equal(refused.body.errors?.[0]?.extensions['code'], 'SCHEMA_BREAKING_CHANGE');
    assert.deepEqual(await served(), before);
    assert.equal((await query('query Outages { outages { id district } }')).body.errors, undefined);
  });

  test('publishing under a steady stream of queries and mutations fails none of them', async () => {
    let stop = false;
    const outcomes = { ok: 0, failed: [] as string[] };
    const requests = [
      { text: 'query Outages { outages { id district } }' },
      { text: 'mutation Report { reportOutage(district: "Quận 3") { id district } }' },
      { text: 'query Wards { wards { code } }' },
      { text: '{ whoCalls { roles } }', token: citizen },
    ];
    const worker = async (offset: number) => {
      for (let index = offset; !stop; index += 1) {
        const request = requests[index % requests.length]!;
        const base = index % 2 === 0 ? keyed.hub.gatewayUrl : replica.url;
        try {
          const { status, body } = await query(request.text, request.token, base);
          if (status === 200 && !body.errors) outcomes.ok += 1;
          else outcomes.failed.push(`${status} ${JSON.stringify(body.errors)}`);
        } catch (error) {
          outcomes.failed.push(String(error));
        }
      }
    };
    const workers = [0, 1, 2, 3].map((offset) => worker(offset));
    const start = (await served()).generation;
    // v2 adds a field, v1 removes it again (breaking, allowed), v2 once more.
    for (const [sdl, allowBreaking] of [
      [WATER_V2, false],
      [WATER_V1, true],
      [WATER_V2, false],
    ] as const) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      const reply = await call('POST', '/admin/registry/subgraphs/water/publish', { ...record(sdl), allowBreaking });
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
    }
    await eventually(async () => assert.deepEqual((await query('{ outages { reason } }', undefined, replica.url)).body.errors, undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));
    stop = true;
    await Promise.all(workers);
    assert.deepEqual(outcomes.failed, []);
    assert.ok(outcomes.ok > 40, `${outcomes.ok} requests`);
    if (process.env['TEST_LOG_REGISTRY']) process.stdout.write(`# ${outcomes.ok} requests through 3 reloads, none failed\n`);
    assert.equal((await served()).generation, start + 3);
  });

  test('npm run subgraph:* does the same from a terminal', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'lien-thong-sdl-'));
    try {
      await writeFile(path.join(folder, 'v2.graphql'), WATER_V2);
      await writeFile(path.join(folder, 'v3.graphql'), WATER_V3);
      const run = async (...argv: string[]) => {
        let stdout = '';
        let stderr = '';
        const code = await runSubgraphCommand(
          argv,
          { GATEWAY_URL: keyed.hub.gatewayUrl, LIEN_THONG_TOKEN: admin },
          (text) => (stdout += text),
          (text) => (stderr += text),
        );
        return { code, stdout, stderr };
      };
      const breaking = await run('check', 'water', '--sdl', path.join(folder, 'v3.graphql'));
      assert.equal(breaking.code, 1);
      assert.match(breaking.stderr, /\[FIELD_REMOVED\] Outage\.district was removed\. \(subgraph water\)\n\s+breaks Outages [0-9a-f]{12} \(traffic, seen \d+×/);
      assert.equal((await run('check', 'water', '--sdl', path.join(folder, 'v2.graphql'))).code, 0);
      const proposed = await run('propose', 'water', '--sdl', path.join(folder, 'v2.graphql'), '--timeout-ms', '4000');
      assert.equal(proposed.code, 0, proposed.stderr);
      const published = await run('publish', 'water');
      assert.equal(published.code, 0, published.stderr);
      assert.match(published.stdout, /published water: serving supergraph [0-9a-f]{12} \(generation \d+\)/);
      assert.equal((await run('publish', 'water')).code, 1);
      const badTimeout = await run('check', 'water', '--sdl', path.join(folder, 'v2.graphql'), '--timeout-ms', 'soon');
      assert.equal(badTimeout.code, 2);
      assert.match(badTimeout.stderr, /BAD_USER_INPUT: timeoutMs/);
      const noToken = await runSubgraphCommand(
        ['retire', 'water'],
        { GATEWAY_URL: keyed.hub.gatewayUrl },
        () => undefined,
        () => undefined,
      );
      assert.equal(noToken, 2);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('retiring the subgraph takes it out of the schema, after the same checks', async () => {
    const refused = await call('DELETE', '/admin/registry/subgraphs/water');
    assert.equal(refused.status, 409);
    assert.ok(refused.body.report!.breaking.some((change) => change.coordinate === 'Query.outages' && change.affectedOperations.some((operation) => operation.name === 'Outages')));
    const retired = await call('DELETE', '/admin/registry/subgraphs/water?allowBreaking=true');
    assert.equal(retired.status, 200, JSON.stringify(retired.body));
    const gone = await query('{ outages { id } }');
    assert.equal(gone.body.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED');
    assert.deepEqual(
      (await call('GET', '/admin/registry')).body.subgraphs?.map((each) => each.name),
      ['feedback', 'dossier', 'planning', 'notification'],
    );
    await eventually(async () => assert.equal((await query('{ outages { id } }', undefined, replica.url)).body.errors?.[0]?.extensions?.code, 'GRAPHQL_VALIDATION_FAILED'));
  });
});
