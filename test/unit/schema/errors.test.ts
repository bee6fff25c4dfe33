// Every error code the code can raise is in the catalogue (schema/errors.ts) and in docs/errors.md
// (generated from it; test/integration/docs-drift.test.ts checks it is current), and the committed supergraph
// matches the subgraph SDLs.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { composeSupergraph } from '../../../schema/compose.ts';
import { ERROR_CODES, MASKED_ERROR_CODES, PORTAL_ERROR_CODES } from '../../../schema/errors.ts';
import { REPOSITORY_ROOT, SUPERGRAPH_FILE } from '../../../schema/subgraphs.ts';

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(REPOSITORY_ROOT, folder), { withFileTypes: true, recursive: true });
  return (
    entries
      // Prisma folders hold seed data, whose category and record codes are data, not error codes.
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes('generated') && !entry.parentPath.split(path.sep).includes('prisma'))
      .map((entry) => path.join(entry.parentPath, entry.name))
  );
}

/** A SCREAMING_SNAKE string literal. */
const CODE_LITERAL = /'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)'/g;

/** The error codes a source file raises or returns. */
function codesIn(text: string): Set<string> {
  const codes = new Set<string>();
  for (const match of text.matchAll(/(?:codedError|RequestRefused)\(\s*'([A-Z_]+)'/g)) codes.add(match[1] as string);
  // Literal error bodies (TypeScript already holds codedError and RequestRefused to the catalogue).
  for (const match of text.matchAll(/extensions: \{ code: '([A-Z_]+)'/g)) codes.add(match[1] as string);
  // Any `code: …` or `code = …` expression, up to the next , ; or }: every code literal in it (a fallback
  // after ??, each branch of a ternary, each member of a union type).
  for (const match of text.matchAll(/\bcode\??\s*(?::|=(?!=))\s*([^,;}\n]+)/g)) {
    for (const literal of (match[1] as string).matchAll(CODE_LITERAL)) codes.add(literal[1] as string);
  }
  // A code as the last argument of an error or page helper: errorPage(reply, …, 'CSRF_TOKEN_INVALID').
  for (const match of text.matchAll(/\b\w*(?:Error|error|Page|page)\w*\([^\n]*?,\s*'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'\s*\)/g)) codes.add(match[1] as string);
  return codes;
}

describe('error catalogue and schema', () => {
  test('every raised code is catalogued and documented in docs/errors.md', async () => {
    // The API's processes may raise the API's codes (and the gateway's internal label, which it masks);
    // the portals (web/) their own and the API's they pass on.
    const api = new Set([...Object.keys(ERROR_CODES), ...Object.keys(MASKED_ERROR_CODES)]);
    const portal = new Set([...Object.keys(ERROR_CODES), ...Object.keys(PORTAL_ERROR_CODES)]);
    const raised = new Set<string>();
    for (const [folders, allowed, catalogue] of [
      [['auth', 'gateway', 'platform', 'schema', 'subgraphs'], api, 'ERROR_CODES'],
      [['web'], portal, 'ERROR_CODES or PORTAL_ERROR_CODES'],
    ] as const) {
      for (const file of (await Promise.all(folders.map(sourceFiles))).flat()) {
        for (const code of codesIn(await readFile(file, 'utf8'))) {
          raised.add(code);
          assert.ok(allowed.has(code), `${code} is raised in ${path.relative(REPOSITORY_ROOT, file)} but not in schema/errors.ts (${catalogue})`);
        }
      }
    }
    assert.ok(raised.size >= 8, `found ${raised.size} codes`);
    for (const code of ['CSRF_TOKEN_INVALID', 'IDP_UNAVAILABLE', 'DOWNSTREAM_SERVICE_ERROR']) assert.ok(raised.has(code), `the scan no longer finds ${code}`);
    const reference = await readFile(path.join(REPOSITORY_ROOT, 'docs', 'errors.md'), 'utf8');
    for (const code of [...Object.keys(ERROR_CODES), ...Object.keys(PORTAL_ERROR_CODES), ...Object.keys(MASKED_ERROR_CODES)]) {
      assert.ok(reference.includes(`\`${code}\``), `${code} is not documented in docs/errors.md`);
    }
  });

  test('schema/supergraph.graphql is what the subgraph SDLs compose to', async () => {
    const outcome = composeSupergraph();
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.errors.join('\n'));
    assert.equal(await readFile(SUPERGRAPH_FILE, 'utf8'), outcome.supergraphSdl, 'run npm run schema:compose');
  });
});
