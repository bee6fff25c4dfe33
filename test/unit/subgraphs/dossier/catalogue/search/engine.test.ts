// The catalogue's search engine over a small catalogue: what a citizen means is found without
// diacritics, in another word order, by a colloquial name, with a typo or by code; a question typed with
// marks prefers the word with those marks; the default case of a family wins when no action is named;
// unrelated questions get nothing; FAQ entries count only while valid.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SearchIndex } from '../../../../../../subgraphs/dossier/catalogue/search/engine.ts';
import type { SearchDocument, SearchOptions } from '../../../../../../subgraphs/dossier/catalogue/search/engine.ts';
import { SynonymRewriter } from '../../../../../../subgraphs/dossier/catalogue/search/synonyms.ts';

function procedure(code: string, title: string, field = 'Khác'): SearchDocument {
  return { id: `P:${code}`, kind: 'PROCEDURE', code, title, body: [field], field };
}

const DOCUMENTS: SearchDocument[] = [
  procedure('1.001193.H29', 'Đăng ký khai sinh', 'Hộ tịch'),
  procedure('1.000894.H29', 'Đăng ký kết hôn', 'Hộ tịch'),
  procedure('1.009994.H29', 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ', 'Xây dựng'),
  procedure('1.010000.H29', 'Cấp lại giấy phép xây dựng đối với nhà ở riêng lẻ', 'Xây dựng'),
  procedure('1.009999.H29', 'Gia hạn giấy phép xây dựng đối với nhà ở riêng lẻ', 'Xây dựng'),
  procedure('1.012758.H29', 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', 'Đất đai'),
  procedure('1.012104.H29', 'Cấp lại thẻ căn cước', 'Căn cước'),
  procedure('2.000815.H29', 'Chứng thực bản sao từ bản chính', 'Chứng thực'),
  procedure('1.003100.H29', 'Cấp số tiếp nhận phiếu công bố sản phẩm', 'Dược phẩm'),
  procedure('1.012761.H29', 'Cấp lại sổ đăng ký tàu cá', 'Thủy sản'),
  {
    id: 'F:HD-0001',
    kind: 'FAQ',
    code: 'HD-0001',
    title: 'Sinh con bao lâu thì phải làm giấy khai sinh?',
    body: ['Trong 60 ngày kể từ ngày sinh.'],
    field: 'Hộ tịch',
    validFrom: new Date('2025-01-01'),
    validUntil: null,
  },
  {
    id: 'F:HD-0002',
    kind: 'FAQ',
    code: 'HD-0002',
    title: 'Sổ hộ khẩu giấy còn dùng được không?',
    body: ['Đến hết 31/12/2022.'],
    field: 'Cư trú',
    validFrom: new Date('2021-07-01'),
    validUntil: new Date('2023-01-01'),
  },
];
const SYNONYMS = [
  { canonical: 'giấy chứng nhận quyền sử dụng đất', variants: ['sổ đỏ'] },
  { canonical: 'căn cước công dân', variants: ['CCCD'] },
  { canonical: 'căn cước', variants: [] },
  { canonical: 'ủy ban nhân dân', variants: ['UBND', 'ủy ban'] },
];
const index = SearchIndex.build(DOCUMENTS, new SynonymRewriter(SYNONYMS));
const NOW = new Date('2026-12-01T00:00:00Z');

function top(question: string, options: Partial<SearchOptions> = {}): string[] {
  return index.search(question, { limit: 3, minConfidence: 0.4, now: NOW, ...options }).map((hit) => hit.document.id);
}

test('without diacritics, in another word order, and with a typo', () => {
  assert.equal(top('dang ky khai sinh')[0], 'P:1.001193.H29');
  assert.equal(top('khai sinh đăng ký')[0], 'P:1.001193.H29');
  assert.equal(top('dang ky khia sinh')[0], 'P:1.001193.H29', 'khia: one transposition from khai');
  assert.equal(top('dang ki ket hon')[0], 'P:1.000894.H29', 'ki for ky');
});

test('a colloquial name or an abbreviation finds the formal one', () => {
  assert.equal(top('làm sổ đỏ lần đầu')[0], 'P:1.012758.H29');
  assert.equal(top('so do')[0], 'P:1.012758.H29');
  assert.equal(top('cap lai CCCD')[0], 'P:1.012104.H29');
});

test('a question typed with marks prefers the word with those marks: sổ is not số', () => {
  const hits = index.search('cấp lại sổ', { limit: 5, minConfidence: 0, now: NOW });
  const ship = hits.find((hit) => hit.document.code === '1.012761.H29');
  const number = hits.find((hit) => hit.document.code === '1.003100.H29');
  assert.ok(ship && (!number || ship.confidence > number.confidence));
});

test('with no action named, the default case of a family comes first; a named action wins its own', () => {
  assert.equal(top('giay phep xay dung nha o')[0], 'P:1.009994.H29');
  assert.equal(top('gia hạn giấy phép xây dựng')[0], 'P:1.009999.H29');
  assert.equal(top('cấp lại giấy phép xây dựng')[0], 'P:1.010000.H29');
});

test('a code is an exact match; the national part alone finds the procedure too', () => {
  assert.deepEqual(
    index.search('1.000894.H29', { limit: 3, minConfidence: 0.4, now: NOW }).map((hit) => [hit.document.id, hit.confidence]),
    [['P:1.000894.H29', 1]],
  );
  assert.deepEqual(top('thủ tục 1.009994'), ['P:1.009994.H29']);
  assert.deepEqual(top('HD-1'), ['F:HD-0001']);
  assert.deepEqual(top('9.999999.H29'), []);
});

test('unrelated questions and question words alone find nothing; confidences stay within [0, 1]', () => {
  for (const question of ['thời tiết hôm nay thế nào', 'asdf qwer', 'cho tôi hỏi', 'công thức nấu phở bò']) assert.deepEqual(top(question), [], question);
  for (const hit of index.search('đăng ký', { limit: 20, minConfidence: 0, now: NOW })) assert.ok(hit.confidence > 0 && hit.confidence <= 1);
});

test('an FAQ entry answers only while valid, unless invalid ones are asked for; kinds and fields filter', () => {
  assert.ok(!top('sổ hộ khẩu giấy còn dùng được không').includes('F:HD-0002'));
  assert.equal(top('sổ hộ khẩu giấy còn dùng được không', { includeInvalid: true })[0], 'F:HD-0002');
  assert.equal(top('sổ hộ khẩu giấy', { now: new Date('2022-06-01') })[0], 'F:HD-0002');
  assert.ok(top('khai sinh', { kinds: new Set(['PROCEDURE']) }).every((id) => id.startsWith('P:')));
  assert.deepEqual(top('cấp lại', { field: 'Căn cước' }), ['P:1.012104.H29']);
});
