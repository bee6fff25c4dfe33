// Conformance: __typename at every level (root, entities, values, under aliases and fragments), and
// introspection answered by the gateway itself next to data from the subgraphs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startFederation } from './harness.ts';
import type { Federation } from './harness.ts';
import { SHOP } from './shop.ts';

describe('__typename and introspection', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation(SHOP);
  });
  after(async () => federation?.close());

  test('__typename at every level, aliased too', async () => {
    const response = await federation.query('{ __typename t: __typename product(id: "p2") { __typename ... on Product { kind: __typename } reviews { __typename id } } }');
    assert.deepEqual(response.body, {
      data: { __typename: 'Query', t: 'Query', product: { __typename: 'Product', kind: 'Product', reviews: [{ __typename: 'Review', id: 'r3' }] } },
    });
  });

  test('only __typename: answered by the gateway, no subgraph asked', async () => {
    federation.resetCalls();
    assert.deepEqual((await federation.query('{ __typename }')).body, { data: { __typename: 'Query' } });
    assert.deepEqual((await federation.query('query Q { ... on Query { kind: __typename } __typename }')).body, { data: { kind: 'Query', __typename: 'Query' } });
    assert.deepEqual(
      Object.values(federation.calls).flatMap((calls) => calls.map((call) => call.query)),
      [],
      'a subgraph was asked for the root type name',
    );
  });

  test('introspection with data, in the order asked; introspection alone', async () => {
    const response = await federation.query('{ product(id: "p1") { name } __type(name: "Review") { name fields { name } } s: __schema { queryType { name } } }');
    assert.deepEqual(response.body, {
      data: {
        product: { name: 'Nón lá' },
        __type: { name: 'Review', fields: [{ name: 'id' }, { name: 'body' }, { name: 'stars' }] },
        s: { queryType: { name: 'Query' } },
      },
    });
    const alone = await federation.query('query Q($t: String!) { ...F } fragment F on Query { __type(name: $t) { kind } }', { t: 'Product' });
    assert.deepEqual(alone.body, { data: { __type: { kind: 'OBJECT' } } });
  });

  test('the public schema has no federation machinery', async () => {
    const response = await federation.query('{ __schema { types { name } directives { name } } }');
    const body = response.body as { data: { __schema: { types: { name: string }[]; directives: { name: string }[] } } };
    const names = body.data.__schema.types.map((type) => type.name).filter((name) => !name.startsWith('__'));
    assert.deepEqual(names.sort(), ['Boolean', 'ID', 'Int', 'Product', 'Query', 'Review', 'String']);
    assert.deepEqual(body.data.__schema.directives.map((directive) => directive.name).sort(), ['defer', 'deprecated', 'include', 'oneOf', 'skip', 'specifiedBy']);
  });
});
