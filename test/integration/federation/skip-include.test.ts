// Conformance: @skip and @include with variables (and literals), on fields, inline fragments and
// fragment spreads, including fields whose data comes from another subgraph.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startFederation } from './harness.ts';
import type { Federation } from './harness.ts';
import { SHOP } from './shop.ts';

const QUERY = `query($withReviews: Boolean!, $noPrice: Boolean!) {
  products {
    id
    price @skip(if: $noPrice)
    reviews @include(if: $withReviews) { id }
    ... on Product @include(if: $withReviews) { name }
    ...Stars @skip(if: $noPrice)
    extra: name @include(if: false)
  }
}
fragment Stars on Product { reviews { stars } }`;

describe('@skip and @include', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation(SHOP);
  });
  after(async () => federation?.close());

  test('every combination of the variables', async () => {
    const cases: [Record<string, boolean>, unknown][] = [
      [
        { withReviews: true, noPrice: false },
        [
          {
            id: 'p1',
            price: 50,
            reviews: [
              { id: 'r1', stars: 5 },
              { id: 'r2', stars: 4 },
            ],
            name: 'Nón lá',
          },
          { id: 'p2', price: 900, reviews: [{ id: 'r3', stars: 5 }], name: 'Áo dài' },
        ],
      ],
      [{ withReviews: false, noPrice: true }, [{ id: 'p1' }, { id: 'p2' }]],
      [
        { withReviews: false, noPrice: false },
        [
          { id: 'p1', price: 50, reviews: [{ stars: 5 }, { stars: 4 }] },
          { id: 'p2', price: 900, reviews: [{ stars: 5 }] },
        ],
      ],
      [
        { withReviews: true, noPrice: true },
        [
          { id: 'p1', reviews: [{ id: 'r1' }, { id: 'r2' }], name: 'Nón lá' },
          { id: 'p2', reviews: [{ id: 'r3' }], name: 'Áo dài' },
        ],
      ],
    ];
    for (const [variables, products] of cases) {
      federation.resetCalls();
      const response = await federation.query(QUERY, variables);
      assert.deepEqual(response.body, { data: { products } }, JSON.stringify(variables));
      // The reviews subgraph is called only when a field of it is asked for.
      assert.equal((federation.calls['reviews']?.length ?? 0) > 0, variables['withReviews'] || !variables['noPrice'], JSON.stringify(variables));
    }
  });
});
