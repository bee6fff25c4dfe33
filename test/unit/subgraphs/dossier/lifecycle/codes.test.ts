// Dossier codes '<agency-code>-<YYMMDD>-<seq>' and the verifiers' hashes (subgraphs/dossier/lifecycle/).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { codeDay, formatDossierCode, parseDossierCode } from '../../../../../subgraphs/dossier/lifecycle/codes.ts';
import { hashVerifier, newReceiptPin, verifierKind, verifierMatches } from '../../../../../subgraphs/dossier/lifecycle/verifiers.ts';

describe('dossier codes', () => {
  test('parse and format round-trip; the sequence has at least four digits', () => {
    const parts = parseDossierCode('000.00.12.H29-260915-0187');
    assert.deepEqual(parts, { agencyCode: '000.00.12.H29', day: '260915', seq: 187 });
    assert.equal(formatDossierCode({ agencyCode: '000.01.01.H29', day: '261206', seq: 7 }), '000.01.01.H29-261206-0007');
    assert.equal(formatDossierCode({ agencyCode: '000.01.01.H29', day: '261206', seq: 12345 }), '000.01.01.H29-261206-12345');
  });

  test('not codes: no agency, impossible days, short sequences, lower case, injections', () => {
    for (const code of ['260915-0187', '000.00.12.H29-260231-0001', '000.00.12.H29-261306-0001', '000.00.12.H29-260915-01', 'abc-260915-0001', "x'; DROP TABLE dossier;--", '']) {
      assert.equal(parseDossierCode(code), undefined, code);
    }
  });

  test('the day is the day in Việt Nam (UTC+7)', () => {
    assert.equal(codeDay(new Date('2026-12-05T17:30:00Z')), '261206', '00:30 on the 6th in Việt Nam');
    assert.equal(codeDay(new Date('2026-12-05T16:59:59Z')), '261205');
  });
});

describe('verifiers', () => {
  test('a PIN is six digits, phone digits are four; anything else is neither', () => {
    assert.equal(verifierKind('048213'), 'pin');
    assert.equal(verifierKind('4567'), 'phone');
    for (const value of ['12345', '1234567', '12a456', ' 4567', '']) assert.equal(verifierKind(value), undefined, value);
  });

  test('hashes are keyed and bound to the code and the kind', () => {
    const hash = hashVerifier('k'.repeat(32), '000.00.12.H29-260915-0187', 'pin', '481926');
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.notEqual(hash, hashVerifier('x'.repeat(32), '000.00.12.H29-260915-0187', 'pin', '481926'), 'another key');
    assert.notEqual(hash, hashVerifier('k'.repeat(32), '000.00.12.H29-260915-0188', 'pin', '481926'), 'another dossier');
    assert.ok(verifierMatches('k'.repeat(32), '000.00.12.H29-260915-0187', 'pin', '481926', hash));
    assert.equal(verifierMatches('k'.repeat(32), '000.00.12.H29-260915-0187', 'pin', '481927', hash), false);
    assert.equal(verifierMatches('k'.repeat(32), '000.00.12.H29-260915-0187', 'pin', '481926', null), false, 'no hash never matches');
  });

  test('new PINs are six digits', () => {
    for (let index = 0; index < 50; index += 1) assert.match(newReceiptPin(), /^\d{6}$/);
  });
});
