// The synonym rewriter and the synonym table: variants become their canonical words, longest match
// first, over folded syllables (so with or without diacritics), a canonical phrase is left as typed, and
// the table itself stays a table of meanings (no wording claimed twice, no variant that is its canonical).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SYNONYMS } from '../../../../../../subgraphs/dossier/catalogue/data/synonyms.ts';
import { foldedSyllables, syllablesOf } from '../../../../../../subgraphs/dossier/catalogue/search/normalize.ts';
import { SynonymRewriter } from '../../../../../../subgraphs/dossier/catalogue/search/synonyms.ts';

const rewriter = new SynonymRewriter(SYNONYMS);
const rewrite = (text: string) =>
  rewriter
    .rewrite(syllablesOf(text))
    .map((syllable) => syllable.folded)
    .join(' ');

test('variants become the catalogue’s words, with or without diacritics', () => {
  assert.equal(rewrite('làm sổ đỏ'), 'lam giay chung nhan quyen su dung dat');
  assert.equal(rewrite('lam so do'), 'lam giay chung nhan quyen su dung dat');
  assert.equal(rewrite('mất CCCD'), 'mat can cuoc cong dan');
  assert.equal(rewrite('xin GPXD'), 'xin giay phep xay dung');
  assert.equal(rewrite('nhập hộ khẩu'), 'dang ki thuong tru');
});

test('a canonical phrase keeps its words and accents, and a shorter variant inside it does not match there', () => {
  assert.deepEqual(
    rewriter.rewrite(syllablesOf('Ủy ban nhân dân phường')).map((syllable) => syllable.accented),
    ['ủy', 'ban', 'nhân', 'dân', 'phường'],
  );
  assert.equal(rewrite('UBND phường'), 'uy ban nhan dan phuong');
});

test('an abbreviation inside a colloquial phrase resolves in the second pass', () => {
  assert.equal(rewrite('rút BHXH một lần'), 'huong bao hiem xa hoi mot lan mot lan');
});

test('every canonical wording, alone or after a neighbouring word, rewrites to itself', () => {
  for (const group of SYNONYMS) {
    const canonical = foldedSyllables(group.canonical).join(' ');
    for (const before of ['', 'xin ', 'làm ', 'cấp ']) assert.ok(rewrite(`${before}${group.canonical}`).endsWith(canonical), `${before}${group.canonical} → ${rewrite(`${before}${group.canonical}`)}`);
  }
});

test('the table: no wording in two groups, no variant equal to its canonical, no empty entries', () => {
  const owner = new Map<string, string>();
  for (const group of SYNONYMS) {
    const canonical = foldedSyllables(group.canonical).join(' ');
    assert.ok(canonical.length > 0);
    for (const variant of group.variants) {
      const folded = foldedSyllables(variant).join(' ');
      assert.ok(folded.length > 0, `empty variant in ${group.canonical}`);
      assert.notEqual(folded, canonical, `${variant} is ${group.canonical} itself`);
      assert.ok(!owner.has(folded) || owner.get(folded) === canonical, `${variant} is claimed by ${owner.get(folded)} and ${group.canonical}`);
      owner.set(folded, canonical);
    }
  }
});
