// Conformance: null propagation through non-null fields when one subgraph fails — its error at the
// client's path, null up to the nearest nullable field, the other subgraphs' data kept.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { link, startFederation } from './harness.ts';
import type { Federation } from './harness.ts';

describe('null propagation when a subgraph fails', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation([
      {
        name: 'catalog',
        sdl: `${link('key')}
type Query { products: [Product!]  product(id: ID!): Product  strict: [Product!]! }
type Product @key(fields: "id") { id: ID!  name: String }`,
        resolvers: {
          Query: {
            products: () => [
              { id: 'p1', name: 'Gạo' },
              { id: 'p2', name: 'Muối' },
            ],
            product: (_: unknown, args: { id: string }) => ({ id: args.id, name: 'Gạo' }),
            strict: () => [
              { id: 'p1', name: 'Gạo' },
              { id: 'p2', name: 'Muối' },
            ],
          },
        },
      },
      {
        name: 'pricing',
        sdl: `${link('key')} type Product @key(fields: "id") { id: ID!  price: Int!  note: String }`,
        resolvers: {
          Product: {
            __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
            price: (product: { id: string }) => {
              if (product.id === 'p2') throw new Error('price unknown');
              return 10;
            },
            note: () => 'ok',
          },
        },
      },
    ]);
  });
  after(async () => federation?.close());

  test('an error on a non-null field nulls its object, then the nullable list', async () => {
    const response = await federation.query('{ products { id price note } product(id: "p1") { name price } }');
    assert.deepEqual(response.body.data, { products: null, product: { name: 'Gạo', price: 10 } });
    // The subgraph's own error has no catalogued code: masked, at the client's path.
    assert.deepEqual(response.body.errors, [{ message: 'Unexpected error.', path: ['products', 1, 'price'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
  });

  test('non-null all the way up: data is null', async () => {
    const response = await federation.query('{ product(id: "p1") { name } strict { id price } }');
    assert.equal(response.body.data, null);
    assert.deepEqual(
      response.body.errors?.map((error) => error.path),
      [['strict', 1, 'price']],
    );
  });

  test('the subgraph down: its fields null, the error names it, the rest of the data stays', async () => {
    await federation.stopSubgraph('pricing');
    const response = await federation.query('{ product(id: "p1") { name note } products { id price } }');
    assert.deepEqual(response.body.data, { product: { name: 'Gạo', note: null }, products: null });
    assert.ok((response.body.errors?.length ?? 0) >= 1);
    for (const error of response.body.errors ?? []) {
      assert.equal(error.extensions?.['code'], 'SUBGRAPH_UNAVAILABLE');
      assert.equal(error.extensions?.['serviceName'], 'pricing');
    }
  });
});
