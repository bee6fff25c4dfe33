// Conformance: a union and an interface whose members live in different subgraphs: the search
// subgraph returns only references, the members' own subgraphs fill their fields.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { link, startFederation } from './harness.ts';
import type { Federation } from './harness.ts';

const BOOKS: Record<string, { id: string; title: string; pages: number }> = { b1: { id: 'b1', title: 'Truyện Kiều', pages: 300 } };
const FILMS: Record<string, { id: string; title: string; minutes: number }> = { f1: { id: 'f1', title: 'Mùa len trâu', minutes: 115 } };

describe('unions and interfaces across subgraphs', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation([
      {
        name: 'search',
        sdl: `${link('key')}
type Query { search: [Result!]!  media: [Media!]! }
union Result = Book | Film
interface Media { id: ID! }
type Book implements Media @key(fields: "id") { id: ID! }
type Film implements Media @key(fields: "id") { id: ID! }`,
        resolvers: {
          Query: {
            search: () => [
              { __typename: 'Film', id: 'f1' },
              { __typename: 'Book', id: 'b1' },
            ],
            media: () => [
              { __typename: 'Book', id: 'b1' },
              { __typename: 'Film', id: 'f1' },
            ],
          },
          Result: { __resolveType: (value: { __typename: string }) => value.__typename },
          Media: { __resolveType: (value: { __typename: string }) => value.__typename },
        },
      },
      {
        name: 'books',
        sdl: `${link('key')} type Book @key(fields: "id") { id: ID!  title: String  pages: Int }`,
        resolvers: { Book: { __resolveReference: (ref: { id: string }) => BOOKS[ref.id] ?? null } },
      },
      {
        name: 'films',
        sdl: `${link('key')} type Film @key(fields: "id") { id: ID!  title: String  minutes: Int }`,
        resolvers: { Film: { __resolveReference: (ref: { id: string }) => FILMS[ref.id] ?? null } },
      },
    ]);
  });
  after(async () => federation?.close());

  test('a union: each member from its own subgraph, fields by type', async () => {
    const response = await federation.query('{ search { __typename ... on Book { title pages } ... on Film { title minutes } } }');
    assert.deepEqual(response.body, {
      data: {
        search: [
          { __typename: 'Film', title: 'Mùa len trâu', minutes: 115 },
          { __typename: 'Book', title: 'Truyện Kiều', pages: 300 },
        ],
      },
    });
  });

  test('an interface: its own fields, and fragments on members and on the interface', async () => {
    const response = await federation.query('{ media { id ...on Media { key: id } ...B ... on Film { minutes } } } fragment B on Book { title }');
    assert.deepEqual(response.body, {
      data: {
        media: [
          { id: 'b1', key: 'b1', title: 'Truyện Kiều' },
          { id: 'f1', key: 'f1', minutes: 115 },
        ],
      },
    });
  });
});
