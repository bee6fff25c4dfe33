// Every error code the code can raise is in the catalogue (schema/errors.ts) and in the README, and
// the committed supergraph matches the subgraph SDLs.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { composeSupergraph } from '../schema/compose.ts';
import { ERROR_CODES } from '../schema/errors.ts';
import { REPOSITORY_ROOT, SUPERGRAPH_FILE } from '../schema/subgraphs.ts';

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(REPOSITORY_ROOT, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes('generated'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('error catalogue and schema', () => {
  test('every raised code is catalogued and documented in the README', async () => {
    const files = (await Promise.all(['auth', 'gateway', 'schema', 'subgraphs'].map(sourceFiles))).flat();
    const raised = new Set<string>();
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(/(?:codedError|RequestRefused)\(\s*'([A-Z_]+)'/g)) raised.add(match[1] as string);
      // Literal error bodies (TypeScript already holds codedError and RequestRefused to the catalogue).
      for (const match of text.matchAll(/extensions: \{ code: '([A-Z_]+)'/g)) raised.add(match[1] as string);
    }
    assert.ok(raised.size >= 8, `found ${raised.size} codes`);
    const readme = await readFile(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
    for (const code of raised) assert.ok(Object.hasOwn(ERROR_CODES, code), `${code} is raised but not in schema/errors.ts`);
    for (const code of Object.keys(ERROR_CODES)) assert.ok(readme.includes(`\`${code}\``), `${code} is not documented in the README`);
  });

  test('schema/supergraph.graphql is what the subgraph SDLs compose to', async () => {
    const outcome = composeSupergraph();
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.errors.join('\n'));
    assert.equal(await readFile(SUPERGRAPH_FILE, 'utf8'), outcome.supergraphSdl, 'run npm run schema:compose');
  });
});
