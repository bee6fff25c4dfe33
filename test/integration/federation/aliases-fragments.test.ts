// Conformance: aliases and fragments everywhere — on root fields, entity fields, fields with
// arguments, the same field twice under two aliases, named and inline fragments, nested fragments.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startFederation } from './harness.ts';
import type { Federation } from './harness.ts';
import { SHOP } from './shop.ts';

describe('aliases and fragments', () => {
  let federation: Federation;
  before(async () => {
    federation = await startFederation(SHOP);
  });
  after(async () => federation?.close());

  test('aliases on root, entity and argument fields; the same field twice with different arguments', async () => {
    const response = await federation.query(`{
      first: product(id: "p1") { key: id title: name all: reviews { b: body } good: reviews(minStars: 5) { b: body } }
      second: product(id: "p2") { title: name }
    }`);
    assert.deepEqual(response.body, {
      data: {
        first: { key: 'p1', title: 'Nón lá', all: [{ b: 'Đẹp' }, { b: 'Nhẹ' }], good: [{ b: 'Đẹp' }] },
        second: { title: 'Áo dài' },
      },
    });
  });

  test('named and inline fragments, nested, merging the same field, in the order asked', async () => {
    const response = await federation.query(`
      query Shop { products { ...Card ... on Product { price reviews { ...ReviewBits } } } }
      fragment Card on Product { name ... { id } }
      fragment ReviewBits on Review { stars ... on Review { body stars } }
    `);
    assert.deepEqual(response.body, {
      data: {
        products: [
          {
            name: 'Nón lá',
            id: 'p1',
            price: 50,
            reviews: [
              { stars: 5, body: 'Đẹp' },
              { stars: 4, body: 'Nhẹ' },
            ],
          },
          { name: 'Áo dài', id: 'p2', price: 900, reviews: [{ stars: 5, body: 'Sang' }] },
        ],
      },
    });
  });

  test('a client alias named like a field the plan also needs', async () => {
    const response = await federation.query('{ products { id: name name: id } }');
    assert.deepEqual(response.body, {
      data: {
        products: [
          { id: 'Nón lá', name: 'p1' },
          { id: 'Áo dài', name: 'p2' },
        ],
      },
    });
  });
});
