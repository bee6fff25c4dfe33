// A fault of the query planner costs one operation its answer, never the gateway: the Rust planner
// panics on this valid document (graphql-hive/router issue #1311: the same field with different
// arguments under two type conditions), which aborts whichever process runs it. The gateway answers
// QUERY_PLANNING_FAILED and keeps serving.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { link, startFederation } from './harness.ts';
import type { Federation } from './harness.ts';

const PANICS = '{ storefront { departments { ... on Aquatics { photo { thumbnail(width: 100) } } ... on Reptiles { photo { thumbnail(width: 200) } } } } }';

describe('a planner that panics', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation([
      {
        name: 'catalog',
        sdl: `${link('key')}
type Query { storefront: Storefront }
type Storefront { departments: [Department!] }
interface Department { id: ID! }
type Aquatics implements Department { id: ID!  photo: Photo }
type Reptiles implements Department { id: ID!  photo: Photo }
type Photo @key(fields: "id") { id: ID!  url: String }`,
        resolvers: {
          Query: {
            storefront: () => ({
              departments: [
                { __typename: 'Aquatics', id: 'd1', photo: { id: 'f1', url: '/f1' } },
                { __typename: 'Reptiles', id: 'd2', photo: { id: 'f2', url: '/f2' } },
              ],
            }),
          },
          Department: { __resolveType: (department: { __typename: string }) => department.__typename },
        },
      },
      {
        name: 'media',
        sdl: `${link('key')} type Photo @key(fields: "id") { id: ID!  thumbnail(width: Int!): String }`,
        resolvers: { Photo: { thumbnail: (photo: { id: string }, args: { width: number }) => `${photo.id}@${args.width}` } },
      },
    ]);
  });
  after(async () => federation?.close());

  test('the operation gets QUERY_PLANNING_FAILED; the gateway answers the next request', async () => {
    const failed = await federation.query(PANICS);
    assert.equal(failed.status, 500);
    const [error] = (failed.body as { errors: { extensions: { requestId?: unknown } }[] }).errors;
    assert.match(String(error?.extensions.requestId), /^[0-9a-f-]{36}$/, 'the refusal names its request id');
    assert.deepEqual(failed.body, { errors: [{ message: 'The gateway could not plan this operation.', extensions: { code: 'QUERY_PLANNING_FAILED', requestId: error?.extensions.requestId } }] });

    const next = await federation.query('{ storefront { departments { id ... on Aquatics { photo { thumbnail(width: 100) } } } } }');
    assert.equal(next.status, 200);
    assert.deepEqual(next.body, { data: { storefront: { departments: [{ id: 'd1', photo: { thumbnail: 'f1@100' } }, { id: 'd2' }] } } });
  });

  test('asking again gets the same refusal, and the gateway still serves others', async () => {
    const again = await Promise.all([federation.query(PANICS), federation.query('{ storefront { departments { id } } }')]);
    assert.equal(again[0].status, 500);
    assert.equal(again[0].body.errors?.[0]?.extensions?.['code'], 'QUERY_PLANNING_FAILED');
    assert.deepEqual(again[1].body, { data: { storefront: { departments: [{ id: 'd1' }, { id: 'd2' }] } } });
    const health = await fetch(`${federation.gatewayUrl}/health/ready`);
    assert.equal(health.status, 200);
  });
});
