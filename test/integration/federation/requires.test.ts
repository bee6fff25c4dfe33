// Conformance: @requires whose selection has field arguments — two subgraphs requiring the same field
// with different arguments, and a client alias that takes the name of a required field.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { link, startFederation } from './harness.ts';
import type { Federation } from './harness.ts';

const PRICES: Record<string, Record<string, number>> = { p1: { EUR: 10, USD: 12, VND: 250_000 }, p2: { EUR: 100, USD: 110, VND: 2_600_000 } };
const WEIGHT_KG: Record<string, number> = { p1: 2, p2: 5 };

describe('@requires with arguments and aliases', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation([
      {
        name: 'catalog',
        sdl: `${link('key', 'shareable')}
type Query { products: [Product] }
type Product @key(fields: "id") { id: ID!  price(currency: String!): Int @shareable  weight(unit: String = "kg"): Int @shareable }`,
        resolvers: {
          Query: { products: () => [{ id: 'p1' }, { id: 'p2' }] },
          Product: {
            price: (product: { id: string }, args: { currency: string }) => PRICES[product.id]?.[args.currency] ?? null,
            weight: (product: { id: string }, args: { unit: string }) => (WEIGHT_KG[product.id] ?? 0) * (args.unit === 'g' ? 1000 : 1),
          },
        },
      },
      {
        name: 'shipping',
        sdl: `${link('key', 'external', 'requires')}
type Product @key(fields: "id") { id: ID!  price(currency: String!): Int @external  weight(unit: String = "kg"): Int @external
  shipping: Int @requires(fields: "price(currency: \\"EUR\\") weight(unit: \\"g\\")") }`,
        // Needs the EUR price and the weight in grams: 1 EUR per kg, free from 100 EUR.
        resolvers: { Product: { shipping: (product: { price: number; weight: number }) => (product.price >= 100 ? 0 : product.weight / 1000) } },
      },
      {
        name: 'tax',
        sdl: `${link('key', 'external', 'requires')}
type Product @key(fields: "id") { id: ID!  price(currency: String!): Int @external  tax: Int @requires(fields: "price(currency: \\"USD\\")") }`,
        resolvers: { Product: { tax: (product: { price: number }) => product.price / 2 } },
      },
    ]);
  });
  after(async () => federation?.close());

  test('two subgraphs require the same field with different arguments; each gets its own', async () => {
    federation.resetCalls();
    const response = await federation.query('{ products { id shipping tax } }');
    assert.deepEqual(response.body, {
      data: {
        products: [
          { id: 'p1', shipping: 2, tax: 6 },
          { id: 'p2', shipping: 0, tax: 55 },
        ],
      },
    });
    assert.deepEqual(federation.calls['shipping']?.[0]?.variables?.['representations'], [
      { __typename: 'Product', price: 10, weight: 2000, id: 'p1' },
      { __typename: 'Product', price: 100, weight: 5000, id: 'p2' },
    ]);
    assert.deepEqual(federation.calls['tax']?.[0]?.variables?.['representations'], [
      { __typename: 'Product', price: 12, id: 'p1' },
      { __typename: 'Product', price: 110, id: 'p2' },
    ]);
  });

  test('the client asks for the required field too, with other arguments and under the same name', async () => {
    const response = await federation.query('{ products { price: price(currency: "VND") weight shipping usd: price(currency: "USD") tax } }');
    assert.deepEqual(response.body, {
      data: {
        products: [
          { price: 250_000, weight: 2, shipping: 2, usd: 12, tax: 6 },
          { price: 2_600_000, weight: 5, shipping: 0, usd: 110, tax: 55 },
        ],
      },
    });
  });
});
