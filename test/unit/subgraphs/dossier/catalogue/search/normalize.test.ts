// Vietnamese text as the catalogue's search compares it: folded diacritics (đ too), i/y spelling
// variants made one, punctuation as separators, and procedure codes found in a question.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findProcedureCode, foldDiacritics, foldedSyllables, hasDiacritics, syllablesOf } from '../../../../../../subgraphs/dossier/catalogue/search/normalize.ts';

test('diacritics fold away, đ included, in NFC and NFD input alike', () => {
  assert.equal(foldDiacritics('Đăng ký Giấy chứng nhận quyền sử dụng đất'), 'dang ky giay chung nhan quyen su dung dat');
  assert.equal(foldDiacritics('Sổ đỏ'.normalize('NFD')), 'so do');
  assert.deepEqual(foldedSyllables('CẤP GIẤY PHÉP XÂY DỰNG!!!'), ['cap', 'giay', 'phep', 'xay', 'dung']);
});

test('a final y after a consonant is i, so ký and kí, lý and lí meet; nguy, thủy and quý keep their own', () => {
  assert.deepEqual(foldedSyllables('đăng ký, đăng kí, lý lịch, lí lịch'), ['dang', 'ki', 'dang', 'ki', 'li', 'lich', 'li', 'lich']);
  assert.deepEqual(foldedSyllables('chất thải nguy hại, thủy lợi, quý'), ['chat', 'thai', 'nguy', 'hai', 'thuy', 'loi', 'qui']);
});

test('the accented form is kept beside the folded one, to tell sổ from số', () => {
  const [so, number] = syllablesOf('sổ số');
  assert.deepEqual([so?.folded, number?.folded], ['so', 'so']);
  assert.notEqual(so?.accented, number?.accented);
  assert.equal(hasDiacritics(so!), true);
  assert.equal(hasDiacritics(syllablesOf('so')[0]!), false);
});

test('procedure codes in a question: whole, with the long local part, or the national part only', () => {
  assert.deepEqual(findProcedureCode('thủ tục 1.000894.h29 là gì'), { national: '1.000894', full: '1.000894.H29' });
  assert.deepEqual(findProcedureCode('1.001193.000.00.00.H29'), { national: '1.001193', full: '1.001193.000.00.00.H29' });
  assert.deepEqual(findProcedureCode('mã 2.000635'), { national: '2.000635' });
  assert.equal(findProcedureCode('số điện thoại 0901234567'), undefined);
  assert.equal(findProcedureCode('12.000894.H29'), undefined);
});
