// `npm run schema:check -- <name> <sdl-file-or-url>`: a proposal for one subgraph composed with the release's
// others and checked against the committed supergraph and a persisted-operations manifest; exit codes
// 0 (passes), 1 (does not compose, or breaks an operation unless --allow-breaking), 2 (usage).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkOneSubgraph } from '../../../schema/check.ts';
import { REPOSITORY_ROOT } from '../../../schema/subgraphs.ts';

describe('schema:check of one subgraph', () => {
  let folder: string;
  let planning: string;
  const file = (name: string) => path.join(folder, name);
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    // A registry file that does not exist: the release's subgraphs only, whatever data/ holds.
    const code = await checkOneSubgraph(
      [...argv, '--registry', file('no-registry.json')],
      (text) => (stdout += text),
      (text) => (stderr += text),
    );
    return { code, stdout, stderr };
  };

  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'lien-thong-check-'));
    planning = await readFile(path.join(REPOSITORY_ROOT, 'subgraphs/planning/schema.graphql'), 'utf8');
    // The field and its description line.
    const withoutWards = planning.replace(/^ {2}"[^"\n]*"\n {2}wards\(province: Province\): \[Ward!\]\n/m, '');
    assert.notEqual(withoutWards, planning, 'the test removes Query.wards');
    await writeFile(file('same.graphql'), planning);
    await writeFile(file('no-wards.graphql'), withoutWards);
    await writeFile(file('broken.graphql'), 'type Query {\n  wards: [Ward!]\n');
    const manifest = { format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'w', name: 'Wards', body: 'query Wards { wards { code } }' }] };
    await writeFile(file('operations.json'), JSON.stringify(manifest));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  test('an unchanged schema passes', async () => {
    const { code, stdout } = await run('planning', file('same.graphql'));
    assert.equal(code, 0);
    assert.match(stdout, /composes with the other subgraphs[\s\S]*No change to the public schema breaks a client/);
  });

  test('a removed field fails, naming the persisted operation it breaks, unless allowed', async () => {
    const refused = await run('planning', file('no-wards.graphql'), '--operations', file('operations.json'));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /\[FIELD_REMOVED\] Query\.wards was removed\. \(subgraph planning\)\n\s+breaks Wards [0-9a-f]{12} \(persisted, seen 0×\)/);
    assert.match(refused.stderr, /Refused: breaking changes/);
    const allowed = await run('planning', file('no-wards.graphql'), '--operations', file('operations.json'), '--allow-breaking');
    assert.equal(allowed.code, 0);
    assert.match(allowed.stdout, /Breaking changes allowed/);
  });

  test('a syntax error or a composition error fails with the place and the reason', async () => {
    const broken = await run('planning', file('broken.graphql'));
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /\[planning\] Syntax Error: .*\(line 3, column 1\)/);
    await writeFile(file('clash.graphql'), 'type Query { wards: Int }\n');
    const clash = await run('water', file('clash.graphql'));
    assert.equal(clash.code, 1);
    assert.match(clash.stderr, /The new subgraph water does not compose with the other subgraphs:\n {2}- /);
  });

  test('usage errors exit 2', async () => {
    assert.equal((await run('planning')).code, 2);
    assert.equal((await run('planning', file('missing.graphql'))).code, 2);
    assert.equal((await run('planning', file('same.graphql'), '--unknown')).code, 2);
  });
});
