// Conformance: an entity with several different @key's spread over four subgraphs ("key mashups"):
// each subgraph resolves it by the key it knows, reached through the others.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { link, startFederation } from './harness.ts';
import type { Federation } from './harness.ts';

const PRODUCTS = [
  { id: 'p1', sku: 'SKU-1', upc: 'UPC-1', name: 'Nón lá', price: 50, stock: 7, reviews: ['đẹp'] },
  { id: 'p2', sku: 'SKU-2', upc: 'UPC-2', name: 'Áo dài', price: 900, stock: 0, reviews: [] },
];
type Ref = Record<string, unknown>;
const find = (key: 'id' | 'sku' | 'upc') => (ref: Ref) => PRODUCTS.find((product) => product[key] === ref[key]) ?? null;

describe('entities with several keys across four subgraphs', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation([
      {
        name: 'catalog',
        sdl: `${link('key', 'shareable')} type Query { products: [Product] } type Product @key(fields: "id") { id: ID!  sku: String! @shareable  name: String }`,
        resolvers: { Query: { products: () => PRODUCTS.map(({ id, sku, name }) => ({ id, sku, name })) }, Product: { __resolveReference: find('id') } },
      },
      {
        name: 'pricing',
        sdl: `${link('key', 'shareable')} type Product @key(fields: "sku") { sku: String! @shareable  upc: String! @shareable  price: Int }`,
        resolvers: { Product: { __resolveReference: find('sku') } },
      },
      {
        name: 'stock',
        sdl: `${link('key', 'shareable')} type Product @key(fields: "upc") { upc: String! @shareable  stock: Int }`,
        resolvers: { Product: { __resolveReference: find('upc') } },
      },
      {
        name: 'reviews',
        sdl: `${link('key', 'shareable')} type Product @key(fields: "id") @key(fields: "sku") { id: ID!  sku: String! @shareable  reviews: [String!]! }`,
        resolvers: { Product: { __resolveReference: (ref: Ref) => find(ref['id'] ? 'id' : 'sku')(ref) } },
      },
    ]);
  });
  after(async () => federation?.close());

  test('fields of every subgraph, each reached by its own key', async () => {
    const response = await federation.query('{ products { id name price stock reviews } }');
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, {
      data: {
        products: [
          { id: 'p1', name: 'Nón lá', price: 50, stock: 7, reviews: ['đẹp'] },
          { id: 'p2', name: 'Áo dài', price: 900, stock: 0, reviews: [] },
        ],
      },
    });
  });

  test('a field two hops away (stock needs upc, which only pricing knows from sku)', async () => {
    federation.resetCalls();
    const response = await federation.query('{ products { stock } }');
    assert.deepEqual(response.body, { data: { products: [{ stock: 7 }, { stock: 0 }] } });
    assert.equal(federation.calls['catalog']?.length, 1);
    assert.equal(federation.calls['pricing']?.length, 1);
    assert.equal(federation.calls['stock']?.length, 1);
    assert.deepEqual(federation.calls['stock']?.[0]?.variables?.['representations'], [
      { __typename: 'Product', upc: 'UPC-1' },
      { __typename: 'Product', upc: 'UPC-2' },
    ]);
  });
});
