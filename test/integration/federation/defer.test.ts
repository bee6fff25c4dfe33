// Conformance: @defer is refused with its own code (this gateway answers in one response), never
// answered with wrong or partial data; `if: false` (literal or variable) runs the operation as usual.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startFederation } from './harness.ts';
import type { Federation } from './harness.ts';
import { SHOP } from './shop.ts';

describe('@defer', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation(SHOP);
  });
  after(async () => federation?.close());

  test('an operation with @defer gets DEFER_NOT_SUPPORTED, and no subgraph is called', async () => {
    federation.resetCalls();
    for (const query of ['{ products { id ... @defer { reviews { id } } } }', 'query { products { ...R @defer(label: "r") } } fragment R on Product { name }']) {
      const response = await federation.query(query);
      assert.equal(response.status, 400);
      // The refusal names its request id (for a bug report); the rest is exactly this.
      const extensions = (response.body as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions;
      assert.match(String(extensions['requestId']), /^[0-9a-f-]{36}$/);
      delete extensions['requestId'];
      assert.deepEqual(response.body, {
        errors: [{ message: 'This gateway does not deliver results incrementally: remove @defer (or set its if: false).', extensions: { code: 'DEFER_NOT_SUPPORTED' } }],
      });
    }
    assert.deepEqual(federation.calls, { products: [], reviews: [] });
  });

  test('@defer(if: false) runs as if it were not there', async () => {
    const expected = {
      data: {
        products: [
          { id: 'p1', reviews: [{ id: 'r1' }, { id: 'r2' }] },
          { id: 'p2', reviews: [{ id: 'r3' }] },
        ],
      },
    };
    assert.deepEqual((await federation.query('{ products { id ... @defer(if: false) { reviews { id } } } }')).body, expected);
    const query = 'query($later: Boolean!) { products { id ... @defer(if: $later) { reviews { id } } } }';
    assert.deepEqual((await federation.query(query, { later: false })).body, expected);
    assert.equal((await federation.query(query, { later: true })).body.errors?.[0]?.extensions?.['code'], 'DEFER_NOT_SUPPORTED');
  });
});
