// Conformance: @provides — a field the reviews subgraph provides on its users is taken from it without
// calling the accounts subgraph; a field it does not provide still comes from accounts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { link, startFederation } from './harness.ts';
import type { Federation } from './harness.ts';

const USERS: Record<string, { id: string; name: string; email: string }> = {
  u1: { id: 'u1', name: 'Lan', email: 'lan@example.gov.vn' },
  u2: { id: 'u2', name: 'Minh', email: 'minh@example.gov.vn' },
};

describe('@provides', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation([
      {
        name: 'reviews',
        sdl: `${link('key', 'external', 'provides')}
type Query { reviews: [Review!]! }
type Review { id: ID!  author: User @provides(fields: "name") }
type User @key(fields: "id") { id: ID!  name: String @external }`,
        resolvers: {
          Query: {
            reviews: () => [
              { id: 'r1', author: { id: 'u1', name: 'Lan' } },
              { id: 'r2', author: { id: 'u2', name: 'Minh' } },
            ],
          },
        },
      },
      {
        name: 'accounts',
        sdl: `${link('key', 'shareable')} type User @key(fields: "id") { id: ID!  name: String @shareable  email: String }`,
        resolvers: { User: { __resolveReference: (ref: { id: string }) => USERS[ref.id] ?? null } },
      },
    ]);
  });
  after(async () => federation?.close());

  test('a provided field is read from the providing subgraph alone', async () => {
    federation.resetCalls();
    const response = await federation.query('{ reviews { id author { name } } }');
    assert.deepEqual(response.body, {
      data: {
        reviews: [
          { id: 'r1', author: { name: 'Lan' } },
          { id: 'r2', author: { name: 'Minh' } },
        ],
      },
    });
    assert.equal(federation.calls['accounts']?.length, 0);
  });

  test('a field not provided comes from its own subgraph', async () => {
    federation.resetCalls();
    const response = await federation.query('{ reviews { author { name email } } }');
    assert.deepEqual(response.body, {
      data: { reviews: [{ author: { name: 'Lan', email: 'lan@example.gov.vn' } }, { author: { name: 'Minh', email: 'minh@example.gov.vn' } }] },
    });
    assert.equal(federation.calls['accounts']?.length, 1);
  });
});
