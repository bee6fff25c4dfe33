// Conformance: @inaccessible types, fields, arguments' input fields and enum values are absent from
// the public schema (introspection, validation of inputs), still usable by the plan (@requires on a
// hidden field), and never leak in outputs: a hidden enum value becomes null with an error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { link, startFederation } from './harness.ts';
import type { Federation } from './harness.ts';

const ITEMS = [
  { id: 'i1', name: 'Đèn', color: 'RED', code: 'C-1' },
  { id: 'i2', name: 'Quạt', color: 'SECRET', code: 'C-2' },
];

describe('@inaccessible', () => {
  let federation: Federation;
  let received: unknown[] = [];
  before(async () => {
    federation = await startFederation([
      {
        name: 'store',
        sdl: `${link('key', 'inaccessible', 'shareable')}
type Query { items(filter: Filter): [Item!]!  vault: Vault @inaccessible }
enum Color { RED  GREEN  SECRET @inaccessible }
input Filter { color: Color  internal: String @inaccessible }
type Item @key(fields: "id") { id: ID!  name: String  color: Color  code: String @inaccessible @shareable }
type Vault @inaccessible { gold: Int }`,
        resolvers: {
          Query: {
            items: (_: unknown, args: { filter?: { color?: string } }) => {
              received.push(args.filter ?? null);
              return args.filter?.color ? ITEMS.filter((item) => item.color === args.filter?.color) : ITEMS;
            },
          },
          Item: { __resolveReference: (ref: { id: string }) => ITEMS.find((item) => item.id === ref.id) ?? null },
        },
      },
      {
        name: 'labels',
        sdl: `${link('key', 'external', 'requires', 'inaccessible')}
type Item @key(fields: "id") { id: ID!  code: String @external  label: String @requires(fields: "code") }`,
        resolvers: { Item: { label: (item: { code: string }) => `label of ${item.code}` } },
      },
    ]);
  });
  after(async () => federation?.close());

  test('introspection shows none of them', async () => {
    const response = await federation.query(`{
      color: __type(name: "Color") { enumValues { name } }
      filter: __type(name: "Filter") { inputFields { name } }
      item: __type(name: "Item") { fields { name } }
      vault: __type(name: "Vault") { name }
      query: __type(name: "Query") { fields { name } }
    }`);
    const data = response.body.data as { item: { fields: { name: string }[] } };
    // Composition orders merged fields its own way: compare the set.
    data.item.fields.sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(response.body, {
      data: {
        color: { enumValues: [{ name: 'RED' }, { name: 'GREEN' }] },
        filter: { inputFields: [{ name: 'color' }] },
        item: { fields: [{ name: 'color' }, { name: 'id' }, { name: 'label' }, { name: 'name' }] },
        vault: null,
        query: { fields: [{ name: 'items' }] },
      },
    });
  });

  test('hidden fields, types, input fields and enum values are refused in operations and variables', async () => {
    for (const [query, variables] of [
      ['{ vault { gold } }', undefined],
      ['{ items { code } }', undefined],
      ['{ items(filter: { color: SECRET }) { id } }', undefined],
      ['{ items(filter: { internal: "x" }) { id } }', undefined],
      ['query($f: Filter) { items(filter: $f) { id } }', { f: { color: 'SECRET' } }],
      ['query($f: Filter) { items(filter: $f) { id } }', { f: { internal: 'x' } }],
    ] as const) {
      received = [];
      const response = await federation.query(query, variables);
      assert.equal(response.status, 400, query);
      assert.ok(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT'].includes(String(response.body.errors?.[0]?.extensions?.['code'])), query);
      assert.deepEqual(received, [], 'the subgraph was not called');
    }
    const allowed = await federation.query('query($f: Filter) { items(filter: $f) { id color } }', { f: { color: 'RED' } });
    assert.deepEqual(allowed.body, { data: { items: [{ id: 'i1', color: 'RED' }] } });
  });

  test('a hidden enum value from a subgraph becomes null with an error at its path, never the value', async () => {
    const response = await federation.query('{ items { id color } }');
    assert.deepEqual(response.body, {
      data: {
        items: [
          { id: 'i1', color: 'RED' },
          { id: 'i2', color: null },
        ],
      },
      errors: [{ message: 'Enum "Color" cannot represent the value returned for Item.color.', path: ['items', 1, 'color'], extensions: { code: 'SUBGRAPH_INVALID_RESPONSE' } }],
    });
    assert.ok(!JSON.stringify(response.body).includes('SECRET'));
  });

  test('@requires on a hidden field: the plan fetches it, the client never sees it', async () => {
    const response = await federation.query('{ items { name label } }');
    assert.deepEqual(response.body, {
      data: {
        items: [
          { name: 'Đèn', label: 'label of C-1' },
          { name: 'Quạt', label: 'label of C-2' },
        ],
      },
    });
  });
});
