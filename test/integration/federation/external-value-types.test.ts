// Conformance: @external on a value type: a subgraph requires nested fields of a value type that
// another subgraph resolves (the representation carries the nested object).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { link, startFederation } from './harness.ts';
import type { Federation } from './harness.ts';

describe('@external on value types', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation([
      {
        name: 'parcels',
        sdl: `${link('key', 'shareable')}
type Query { parcels: [Parcel!]! }
type Parcel @key(fields: "id") { id: ID!  size: Size @shareable }
type Size @shareable { width: Int  height: Int  unit: String }`,
        resolvers: {
          Query: {
            parcels: () => [
              { id: 'x1', size: { width: 3, height: 4, unit: 'm' } },
              { id: 'x2', size: null },
            ],
          },
        },
      },
      {
        name: 'planning',
        sdl: `${link('key', 'shareable', 'external', 'requires')}
type Parcel @key(fields: "id") { id: ID!  size: Size @external  area: Int @requires(fields: "size { width height }") }
type Size @shareable { width: Int @external  height: Int @external }`,
        resolvers: { Parcel: { area: (parcel: { size: { width: number; height: number } | null }) => (parcel.size ? parcel.size.width * parcel.size.height : null) } },
      },
    ]);
  });
  after(async () => federation?.close());

  test('the required nested value reaches the requiring subgraph; the client gets what it asked', async () => {
    federation.resetCalls();
    const response = await federation.query('{ parcels { id area size { unit } } }');
    assert.deepEqual(response.body, {
      data: {
        parcels: [
          { id: 'x1', area: 12, size: { unit: 'm' } },
          { id: 'x2', area: null, size: null },
        ],
      },
    });
    assert.deepEqual(federation.calls['planning']?.[0]?.variables?.['representations'], [
      { __typename: 'Parcel', size: { width: 3, height: 4 }, id: 'x1' },
      { __typename: 'Parcel', size: null, id: 'x2' },
    ]);
  });
});
