// Conformance: @override moves a field to another subgraph; progressive @override(label:) moves it
// only when its label is on — "percent(100)" always, a named label never (no label is on by default).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { link, startFederation } from './harness.ts';
import type { Federation } from './harness.ts';

// Each subgraph answers with its own values, so the answer shows which one served each field.
const ANSWER = (source: string) => ({ __resolveReference: (ref: { id: string }) => ({ id: ref.id, price: `${source}-price`, stock: `${source}-stock`, name: `${source}-name` }) });

describe('@override and progressive @override(label:)', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation([
      {
        name: 'legacy',
        sdl: `${link('key', 'shareable')}
type Query { product: Product }
type Product @key(fields: "id") { id: ID!  price: String  stock: String  name: String }`,
        resolvers: { Query: { product: () => ({ id: 'p1', price: 'legacy-price', stock: 'legacy-stock', name: 'legacy-name' }) }, Product: ANSWER('legacy') },
      },
      {
        name: 'modern',
        sdl: `${link('key', 'override')}
type Product @key(fields: "id") { id: ID!
  price: String @override(from: "legacy")
  stock: String @override(from: "legacy", label: "percent(100)")
  name: String @override(from: "legacy", label: "new-names") }`,
        resolvers: { Product: ANSWER('modern') },
      },
    ]);
  });
  after(async () => federation?.close());

  test('overridden fields come from the new subgraph; a label that is off leaves the field where it was', async () => {
    federation.resetCalls();
    const response = await federation.query('{ product { id price stock name } }');
    assert.deepEqual(response.body, { data: { product: { id: 'p1', price: 'modern-price', stock: 'modern-stock', name: 'legacy-name' } } });
    assert.equal(federation.calls['modern']?.length, 1);
  });

  test('a field that stays is not fetched from the new subgraph', async () => {
    federation.resetCalls();
    const response = await federation.query('{ product { name } }');
    assert.deepEqual(response.body, { data: { product: { name: 'legacy-name' } } });
    assert.equal(federation.calls['modern']?.length, 0);
  });
});
