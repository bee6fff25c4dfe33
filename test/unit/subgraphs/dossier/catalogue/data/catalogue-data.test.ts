// The demo catalogue's data holds together: several hundred procedures with unique, well-formed codes
// at known agencies, at least a hundred FAQ entries whose procedures exist and whose validity is never
// reversed, and every procedure the dossier seed's dossiers refer to.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CATALOGUE_AGENCIES } from '../../../../../../subgraphs/dossier/catalogue/data/agencies.ts';
import { FAQ_ENTRIES } from '../../../../../../subgraphs/dossier/catalogue/data/faq.ts';
import { CATALOGUE_PROCEDURES } from '../../../../../../subgraphs/dossier/catalogue/data/procedures.ts';
import { checkProcedureCode } from '../../../../../../subgraphs/dossier/catalogue/validation.ts';
import { AGENCIES, DEMO_DOSSIERS } from '../../../../../../subgraphs/dossier/prisma/seed-data.ts';

test('several hundred procedures with unique, well-formed codes and names, at known agencies, with fees and steps', () => {
  assert.ok(CATALOGUE_PROCEDURES.length >= 300, `${CATALOGUE_PROCEDURES.length}`);
  const agencies = new Set([...AGENCIES, ...CATALOGUE_AGENCIES].map((agency) => agency.code));
  assert.equal(agencies.size, AGENCIES.length + CATALOGUE_AGENCIES.length, 'agency codes are unique');
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const procedure of CATALOGUE_PROCEDURES) {
    assert.equal(checkProcedureCode(procedure.code), procedure.code);
    assert.ok(!codes.has(procedure.code), `duplicate code ${procedure.code}`);
    assert.ok(!names.has(procedure.name), `duplicate name ${procedure.name}`);
    codes.add(procedure.code);
    names.add(procedure.name);
    assert.ok(agencies.has(procedure.agencyCode), `${procedure.code}: unknown agency ${procedure.agencyCode}`);
    assert.ok(procedure.steps.length >= 3, procedure.code);
    assert.equal(procedure.fees.reduce((sum, fee) => sum + fee.amountVnd, 0), procedure.feeVnd, `${procedure.code}: fee items add up to the fee`);
  }
  assert.ok(new Set(CATALOGUE_PROCEDURES.map((procedure) => procedure.field)).size >= 30, 'many fields');
  for (const dossier of DEMO_DOSSIERS) assert.ok(codes.has(dossier.procedureCode), `dossier ${dossier.code}: ${dossier.procedureCode}`);
});

test('at least a hundred FAQ entries: unique codes, known procedures and agencies, sources, validity in order', () => {
  assert.ok(FAQ_ENTRIES.length >= 100, `${FAQ_ENTRIES.length}`);
  const procedures = new Set(CATALOGUE_PROCEDURES.map((procedure) => procedure.code));
  const agencies = new Set([...AGENCIES, ...CATALOGUE_AGENCIES].map((agency) => agency.code));
  const codes = new Set<string>();
  for (const entry of FAQ_ENTRIES) {
    assert.match(entry.code, /^HD-\d{4}$/);
    assert.ok(Number(entry.code.slice(3)) < 1000, 'below the numbering of entries created through the API');
    assert.ok(!codes.has(entry.code));
    codes.add(entry.code);
    assert.ok(entry.sources.length > 0, `${entry.code} has a source`);
    for (const code of entry.procedureCodes) assert.ok(procedures.has(code), `${entry.code}: ${code}`);
    if (entry.agencyCode !== null) assert.ok(agencies.has(entry.agencyCode), `${entry.code}: ${entry.agencyCode}`);
    if (entry.validUntil !== undefined) assert.ok(Date.parse(entry.validUntil) > Date.parse(entry.validFrom), entry.code);
  }
});
