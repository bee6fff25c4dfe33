// Conformance: @interfaceObject — a subgraph adds fields to an interface it sees as one object type
// (resolvable), and another only references it (resolvable: false). Objects that only the interface
// object's subgraph served have no concrete type: they are shaped against the interface.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { link, startFederation } from './harness.ts';
import type { Federation } from './harness.ts';

const ACCOUNTS = [
  { __typename: 'Admin', id: 'a1', name: 'Hoa', isMain: true },
  { __typename: 'Regular', id: 'a2', name: 'Tuấn' },
];
const TAGS: Record<string, string[]> = { a1: ['ops'], a2: [] };

describe('@interfaceObject', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation([
      {
        name: 'accounts',
        sdl: `${link('key')}
type Query { accounts: [Account!]! }
interface Account @key(fields: "id") { id: ID!  name: String }
type Admin implements Account @key(fields: "id") { id: ID!  name: String  isMain: Boolean }
type Regular implements Account @key(fields: "id") { id: ID!  name: String }`,
        resolvers: {
          Query: { accounts: () => ACCOUNTS },
          Account: { __resolveReference: (ref: { id: string }) => ACCOUNTS.find((account) => account.id === ref.id) ?? null, __resolveType: (account: { __typename: string }) => account.__typename },
          Admin: { __resolveReference: (ref: { id: string }) => ACCOUNTS.find((account) => account.id === ref.id) ?? null },
          Regular: { __resolveReference: (ref: { id: string }) => ACCOUNTS.find((account) => account.id === ref.id) ?? null },
        },
      },
      {
        name: 'tags',
        sdl: `${link('key', 'interfaceObject')}
type Query { anyAccount: Account }
type Account @key(fields: "id") @interfaceObject { id: ID!  tags: [String!]! }`,
        resolvers: {
          Query: { anyAccount: () => ({ id: 'a1', tags: TAGS['a1'] }) },
          Account: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, tags: TAGS[ref.id] ?? [] }) },
        },
      },
      {
        name: 'featured',
        sdl: `${link('key', 'interfaceObject')}
type Query { featured: Account }
type Account @key(fields: "id", resolvable: false) @interfaceObject { id: ID! }`,
        resolvers: { Query: { featured: () => ({ id: 'a2' }) } },
      },
    ]);
  });
  after(async () => federation?.close());

  test("the interface object's fields on the concrete types", async () => {
    federation.resetCalls();
    const response = await federation.query('{ accounts { __typename id name tags } }');
    assert.deepEqual(response.body, {
      data: {
        accounts: [
          { __typename: 'Admin', id: 'a1', name: 'Hoa', tags: ['ops'] },
          { __typename: 'Regular', id: 'a2', name: 'Tuấn', tags: [] },
        ],
      },
    });
    // The interface object's subgraph knows only "Account": the representations say so.
    assert.deepEqual(federation.calls['tags']?.[0]?.variables?.['representations'], [
      { __typename: 'Account', id: 'a1' },
      { __typename: 'Account', id: 'a2' },
    ]);
  });

  test('from the interface object to the concrete type (resolvable)', async () => {
    const response = await federation.query('{ anyAccount { __typename id tags name ... on Admin { isMain } } }');
    assert.deepEqual(response.body, { data: { anyAccount: { __typename: 'Admin', id: 'a1', tags: ['ops'], name: 'Hoa', isMain: true } } });
  });

  test('only the interface object subgraph asked: shaped against the interface, not null', async () => {
    federation.resetCalls();
    const response = await federation.query('{ anyAccount { id tags ... on Account { key: id } } }');
    assert.deepEqual(response.body, { data: { anyAccount: { id: 'a1', tags: ['ops'], key: 'a1' } } });
    assert.equal(federation.calls['accounts']?.length, 0);
  });

  test('a reference from a subgraph that cannot resolve the interface object (resolvable: false)', async () => {
    const response = await federation.query('{ featured { __typename id name tags } }');
    assert.deepEqual(response.body, { data: { featured: { __typename: 'Regular', id: 'a2', name: 'Tuấn', tags: [] } } });
  });
});
