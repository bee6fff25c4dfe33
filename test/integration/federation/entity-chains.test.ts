// Conformance: nested entity chains — user → reviews (reviews) → product (products) → seller (back
// to accounts) → the seller's reviews (reviews again): each hop an entity fetch at a deeper path.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { link, startFederation } from './harness.ts';
import type { Federation } from './harness.ts';

const USERS: Record<string, string> = { u1: 'Lan', u2: 'Minh' };
const REVIEWS: Record<string, { body: string; product: { upc: string } }[]> = {
  u1: [
    { body: 'Tốt', product: { upc: 'A' } },
    { body: 'Được', product: { upc: 'B' } },
  ],
  u2: [{ body: 'Hay', product: { upc: 'A' } }],
};
const PRODUCTS: Record<string, { upc: string; name: string; seller: { id: string } }> = {
  A: { upc: 'A', name: 'Gạo', seller: { id: 'u2' } },
  B: { upc: 'B', name: 'Cà phê', seller: { id: 'u1' } },
};

describe('nested entity chains', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation([
      {
        name: 'accounts',
        sdl: `${link('key')} type Query { me: User } type User @key(fields: "id") { id: ID!  name: String }`,
        resolvers: { Query: { me: () => ({ id: 'u1', name: USERS['u1'] }) }, User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: USERS[ref.id] ?? null }) } },
      },
      {
        name: 'reviews',
        sdl: `${link('key')}
type User @key(fields: "id") { id: ID!  reviews: [Review!]! }
type Review { body: String  product: Product }
type Product @key(fields: "upc", resolvable: false) { upc: String! }`,
        resolvers: { User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }), reviews: (user: { id: string }) => REVIEWS[user.id] ?? [] } },
      },
      {
        name: 'products',
        sdl: `${link('key')}
type Product @key(fields: "upc") { upc: String!  name: String  seller: User }
type User @key(fields: "id", resolvable: false) { id: ID! }`,
        resolvers: { Product: { __resolveReference: (ref: { upc: string }) => PRODUCTS[ref.upc] ?? null } },
      },
    ]);
  });
  after(async () => federation?.close());

  test('five hops over three subgraphs, with the same entity met twice', async () => {
    federation.resetCalls();
    const response = await federation.query('{ me { name reviews { body product { name seller { name reviews { body } } } } } }');
    assert.deepEqual(response.body, {
      data: {
        me: {
          name: 'Lan',
          reviews: [
            { body: 'Tốt', product: { name: 'Gạo', seller: { name: 'Minh', reviews: [{ body: 'Hay' }] } } },
            { body: 'Được', product: { name: 'Cà phê', seller: { name: 'Lan', reviews: [{ body: 'Tốt' }, { body: 'Được' }] } } },
          ],
        },
      },
    });
    // Each distinct entity is sent once per fetch.
    for (const call of federation.calls['accounts']?.slice(1) ?? []) {
      const representations = call.variables?.['representations'] as unknown[];
      assert.equal(new Set(representations.map((representation) => JSON.stringify(representation))).size, representations.length);
    }
  });
});
