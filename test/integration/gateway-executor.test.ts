// The gateway's own plan executor (gateway/executor/): the public benchmark's query and variations of
// it give the same data as a plain non-federated schema; a subgraph
// that breaks its schema (null for a non-null field), errors inside entities, abstract types and a
// subgraph that is down come out as GraphQL says; identical subgraph calls are shared within a viewer.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { getOperationAST, parse, validate } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { buildGuildSubgraphsApp, GUILD_SUBGRAPH_NAMES, guildExpectedData, guildSubgraphSdl } from '../../testing/guild-subgraphs.ts';
import type { FederationEngine } from '../../gateway/engine.ts';
import { createPlanEngine } from '../../gateway/executor/index.ts';
import { composeSubgraphs } from '../../schema/compose.ts';
import { createLogger } from '../../platform/logger.ts';

const logger = createLogger('test', 'silent');
const callOptions = () => ({ timeoutMs: 2_000, retries: 0, connections: 16, circuit: { failureThreshold: 100, resetMs: 60_000 } });

function compose(services: { name: string; url: string; sdl: string }[]): string {
  const outcome = composeSubgraphs(services);
  if (!outcome.ok) throw new Error(outcome.errors.join('\n'));
  return outcome.supergraphSdl;
}

/** Run `query` on `engine` as the server does: parsed, validated, one operation. */
async function run(engine: FederationEngine, query: string, variables: Record<string, unknown> = {}, token = 'viewer-a'): Promise<ExecutionResult> {
  const document = parse(query);
  const errors = validate(engine.schema, document);
  assert.deepEqual(errors, [], 'the test query must be valid');
  const operation = getOperationAST(document);
  assert.ok(operation);
  return engine.execute({ query, document, operation, operationName: undefined, variables, context: { internalToken: token, requestId: 'test' } });
}

/** Plain JSON (graphql-js results may have null prototypes). */
function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}

describe('plan executor on the public benchmark subgraphs', () => {
  let app: Awaited<ReturnType<typeof buildGuildSubgraphsApp>>;
  let ours: FederationEngine;
  let subgraphRequests = 0;

  before(async () => {
    app = await buildGuildSubgraphsApp();
    app.addHook('onRequest', async () => {
      subgraphRequests += 1;
    });
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const supergraphSdl = compose(GUILD_SUBGRAPH_NAMES.map((name) => ({ name, url: `${base}/${name}`, sdl: guildSubgraphSdl(name) })));
    ours = await createPlanEngine({ supergraphSdl, subgraphUrls: {}, callOptions, logger, subgraphDedup: true });
  });
  after(async () => {
    await ours?.stop();
    await app?.close();
  });

  test("the benchmark query's answer equals the plain schema's", async () => {
    const query = readFileSync(new URL('../../bench/guild-test-query.graphql', import.meta.url), 'utf8');
    const result = await run(ours, query);
    assert.equal(result.errors, undefined);
    assert.deepEqual(plain(result.data), await guildExpectedData(query));
    // Same key order as the query asks, so the JSON text is the same too.
    assert.equal(JSON.stringify(result.data), JSON.stringify(await guildExpectedData(query)));
  });

  const variations: [string, string, Record<string, unknown>?][] = [
    ['@requires (shippingEstimate needs price and weight from another subgraph)', '{ topProducts(first: 9) { upc shippingEstimate } }'],
    ['aliases, also of the same field twice', '{ top: topProducts(first: 2) { code: upc n: name again: name estimate: shippingEstimate } users { handle: username } }'],
    ['__typename at every level, and on the root', '{ __typename users { __typename id reviews { __typename product { __typename upc } } } }'],
    [
      'inline fragments and named fragments merging one field',
      '{ users { ... on User { id } ...U reviews { ...R product { ... on Product { name } } } } } fragment U on User { id name } fragment R on Review { id body }',
    ],
    [
      '@skip and @include with variables',
      'query($withBody: Boolean!, $noName: Boolean!) { users { id name @skip(if: $noName) reviews { body @include(if: $withBody) id } } }',
      { withBody: true, noName: true },
    ],
    [
      '@skip and @include, other values',
      'query($withBody: Boolean!, $noName: Boolean!) { users { id name @skip(if: $noName) reviews { body @include(if: $withBody) id } } }',
      { withBody: false, noName: false },
    ],
    ['an argument from a variable reaches the subgraph', 'query($n: Int) { topProducts(first: $n) { upc inStock } }', { n: 3 }],
  ];
  for (const [name, query, variables] of variations) {
    test(name, async () => {
      const result = await run(ours, query, variables);
      assert.equal(result.errors, undefined, JSON.stringify(result.errors));
      // The plain schema's answer, __typename and variables included, in the same key order.
      const expected = await guildExpectedData(query, variables);
      assert.deepEqual(plain(result.data), expected);
      assert.equal(JSON.stringify(result.data), JSON.stringify(expected));
    });
  }

  test('identical subgraph calls in flight together are shared within one viewer, never across viewers', async () => {
    const query = '{ topProducts { upc name inStock } }';
    await run(ours, query);
    let before = subgraphRequests;
    await run(ours, query);
    const perRequest = subgraphRequests - before;
    assert.equal(perRequest, 2, 'products, then inventory');

    before = subgraphRequests;
    const shared = await Promise.all(Array.from({ length: 10 }, () => run(ours, query)));
    assert.equal(subgraphRequests - before, perRequest, 'ten requests of one viewer made one set of calls');
    for (const result of shared) assert.deepEqual(plain(result.data), plain(shared[0]!.data));
    // Each got its own copy: changing one answer leaves the others alone.
    (shared[0]!.data as { topProducts: { name: string }[] }).topProducts[0]!.name = 'changed';
    assert.notEqual((shared[1]!.data as { topProducts: { name: string }[] }).topProducts[0]!.name, 'changed');

    before = subgraphRequests;
    await Promise.all(['viewer-a', 'viewer-b', 'viewer-c'].map((token) => run(ours, query, {}, token)));
    assert.equal(subgraphRequests - before, 3 * perRequest, 'three viewers, three sets of calls');
  });
});

/** A fake subgraph: answers each request with what `answer` returns for its parsed body. */
interface FakeSubgraph {
  readonly url: string;
  answer: (body: { query: string; variables?: Record<string, unknown> }) => unknown;
  close(): Promise<void>;
}

async function startFakeSubgraph(): Promise<FakeSubgraph> {
  const fake: { answer: FakeSubgraph['answer'] } = { answer: () => ({ data: null }) };
  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(fake.answer(body)));
  };
  // node:http ignores what a listener returns; a failure here is a test bug and surfaces as an unhandled rejection.
  const server: Server = createServer((request, response) => void answer(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

async function closedPortUrl(): Promise<string> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])';
const CATALOG_SDL = `${LINK}
type Query { things: [Thing!]  thing: Thing  strict: Strict  must: Inner!  items: [Item]  nodes: [Node] }
type Thing @key(fields: "id") { id: ID!  name: String!  label: String }
type Strict { inner: Inner! }
type Inner { value: String! }
union Item = Book | Film
type Book { title: String }
type Film { title: String  minutes: Int }
interface Node { id: ID! }
type Page implements Node { id: ID!  url: String }
type Person implements Node { id: ID!  name: String }`;
const EXTRAS_SDL = `${LINK}
type Thing @key(fields: "id") { id: ID!  extra: String  score: Int! }`;

describe('plan executor: nulls, errors, abstract types, a subgraph down', () => {
  let catalog: FakeSubgraph;
  let extras: FakeSubgraph;
  let engine: FederationEngine;
  let withExtrasDown: FederationEngine;

  before(async () => {
    catalog = await startFakeSubgraph();
    extras = await startFakeSubgraph();
    const supergraphSdl = compose([
      { name: 'catalog', url: catalog.url, sdl: CATALOG_SDL },
      { name: 'extras', url: extras.url, sdl: EXTRAS_SDL },
    ]);
    engine = await createPlanEngine({ supergraphSdl, subgraphUrls: {}, callOptions, logger, subgraphDedup: true });
    withExtrasDown = await createPlanEngine({ supergraphSdl, subgraphUrls: { extras: await closedPortUrl() }, callOptions, logger, subgraphDedup: true });
  });
  after(async () => {
    await engine?.stop();
    await withExtrasDown?.stop();
    await catalog?.close();
    await extras?.close();
  });

  test('a null for a non-null field nulls the nearest nullable parent, with an error at its path', async () => {
    catalog.answer = () => ({
      data: {
        things: [
          { id: '1', name: 'one' },
          { id: '2', name: null },
        ],
        thing: { id: '3', name: 'three' },
      },
    });
    const result = await run(engine, '{ things { id name } thing { name } }');
    assert.deepEqual(plain(result.data), { things: null, thing: { name: 'three' } });
    assert.equal(result.errors?.length, 1);
    assert.deepEqual(result.errors?.[0]?.path, ['things', 1, 'name']);
  });

  test('null propagation stops at the first nullable field, and reaches data when all are non-null', async () => {
    catalog.answer = () => ({ data: { strict: { inner: { value: null } } } });
    const result = await run(engine, '{ strict { inner { value } } }');
    assert.deepEqual(plain(result.data), { strict: null });
    assert.deepEqual(result.errors?.[0]?.path, ['strict', 'inner', 'value']);
    catalog.answer = () => ({ data: { must: { value: null }, thing: { id: '1', name: 'one' } } });
    const all = await run(engine, '{ thing { name } must { value } }');
    assert.equal(all.data, null, 'non-null up to the root: data is null');
    assert.deepEqual(all.errors?.[0]?.path, ['must', 'value']);
  });

  test("an entity's error comes back at the client's path, naming the subgraph; the other entities keep their data", async () => {
    catalog.answer = () => ({
      data: {
        things: [
          { __typename: 'Thing', id: '1', name: 'one' },
          { __typename: 'Thing', id: '2', name: 'two' },
          { __typename: 'Thing', id: '1', name: 'one' },
        ],
      },
    });
    let representations: unknown;
    extras.answer = (body) => {
      representations = body.variables?.['representations'];
      return {
        data: {
          _entities: [
            { __typename: 'Thing', extra: 'x1', score: 1 },
            { __typename: 'Thing', extra: null, score: 2 },
          ],
        },
        errors: [{ message: 'extra failed', path: ['_entities', 1, 'extra'], extensions: { code: 'FORBIDDEN' } }],
      };
    };
    const result = await run(engine, '{ things { id extra score } }');
    assert.deepEqual(
      representations,
      [
        { __typename: 'Thing', id: '1' },
        { __typename: 'Thing', id: '2' },
      ],
      'the same entity is sent once',
    );
    assert.deepEqual(plain(result.data), {
      things: [
        { id: '1', extra: 'x1', score: 1 },
        { id: '2', extra: null, score: 2 },
        { id: '1', extra: 'x1', score: 1 },
      ],
    });
    assert.equal(result.errors?.length, 1);
    assert.deepEqual(result.errors?.[0]?.path, ['things', 1, 'extra']);
    assert.equal(result.errors?.[0]?.extensions['code'], 'FORBIDDEN');
    assert.equal(result.errors?.[0]?.extensions['serviceName'], 'extras');
  });

  test('fragments on a union and an interface pick fields by __typename', async () => {
    catalog.answer = () => ({
      data: {
        items: [{ __typename: 'Book', title: 'Truyện Kiều' }, { __typename: 'Film', title: 'Mùa len trâu', minutes: 115 }, null],
        nodes: [
          { __typename: 'Page', id: 'p1', url: 'https://example.gov.vn' },
          { __typename: 'Person', id: 'u1', name: 'An' },
        ],
      },
    });
    const result = await run(engine, '{ items { __typename ... on Book { title } ... on Film { title minutes } } nodes { id ... on Page { url } ...P } } fragment P on Person { name }');
    assert.equal(result.errors, undefined, JSON.stringify(result.errors));
    assert.deepEqual(plain(result.data), {
      items: [{ __typename: 'Book', title: 'Truyện Kiều' }, { __typename: 'Film', title: 'Mùa len trâu', minutes: 115 }, null],
      nodes: [
        { id: 'p1', url: 'https://example.gov.vn' },
        { id: 'u1', name: 'An' },
      ],
    });
  });

  test("a subgraph that is down costs only its fields: the others' data and a SUBGRAPH_UNAVAILABLE error naming it", async () => {
    catalog.answer = () => ({ data: { things: [{ __typename: 'Thing', id: '1', name: 'one' }], thing: { __typename: 'Thing', id: '1', name: 'one' } } });
    const result = await run(withExtrasDown, '{ thing { id name extra } }');
    assert.deepEqual(plain(result.data), { thing: { id: '1', name: 'one', extra: null } });
    assert.equal(result.errors?.[0]?.extensions['code'], 'SUBGRAPH_UNAVAILABLE');
    assert.equal(result.errors?.[0]?.extensions['serviceName'], 'extras');
    // A missing non-null field (score) nulls its parent; the fetch error already explains it.
    const strict = await run(withExtrasDown, '{ thing { id score } }');
    assert.deepEqual(plain(strict.data), { thing: null });
    assert.deepEqual(
      strict.errors?.map((error) => error.extensions['code']),
      ['SUBGRAPH_UNAVAILABLE'],
    );
  });
});
