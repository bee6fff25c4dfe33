// Conformance: a @shareable field that one subgraph declares non-null and another nullable: the
// public schema has the nullable type (what every subgraph can honour), and the data is right from
// whichever subgraph serves it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { link, startFederation } from './harness.ts';
import type { Federation } from './harness.ts';

describe('@shareable with differing nullability', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation([
      {
        name: 'catalog',
        sdl: `${link('key', 'shareable')}
type Query { product: Product }
type Product @key(fields: "id") { id: ID!  name: String! @shareable  origin: Origin! @shareable }
type Origin @shareable { country: String! }`,
        resolvers: { Query: { product: () => ({ id: 'p1', name: 'Nón lá', origin: { country: 'VN' } }) } },
      },
      {
        name: 'search',
        sdl: `${link('key', 'shareable')}
type Query { find(term: String!): Product }
type Product @key(fields: "id") { id: ID!  name: String @shareable  origin: Origin @shareable  score: Int }
type Origin @shareable { country: String }`,
        resolvers: {
          Query: { find: () => ({ id: 'p9', name: null, origin: null, score: 3 }) },
          Product: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: 'Nón lá', origin: { country: 'VN' }, score: 7 }) },
        },
      },
    ]);
  });
  after(async () => federation?.close());

  test('the public type is the nullable one', async () => {
    const response = await federation.query('{ __type(name: "Product") { fields { name type { kind name } } } }');
    assert.deepEqual(response.body, {
      data: {
        __type: {
          fields: [
            { name: 'id', type: { kind: 'NON_NULL', name: null } },
            { name: 'name', type: { kind: 'SCALAR', name: 'String' } },
            { name: 'origin', type: { kind: 'OBJECT', name: 'Origin' } },
            { name: 'score', type: { kind: 'SCALAR', name: 'Int' } },
          ],
        },
      },
    });
  });

  test('data from either subgraph; a null from the nullable side stays null without an error', async () => {
    assert.deepEqual((await federation.query('{ product { id name origin { country } score } }')).body, {
      data: { product: { id: 'p1', name: 'Nón lá', origin: { country: 'VN' }, score: 7 } },
    });
    assert.deepEqual((await federation.query('{ find(term: "x") { id name origin { country } score } }')).body, {
      data: { find: { id: 'p9', name: null, origin: null, score: 3 } },
    });
  });
});
