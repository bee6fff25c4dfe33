// The gateway's JavaScript build (scripts/build.ts), as `npm start`, the Kubernetes manifest and the
// benchmark run it: it starts and answers, refuses a bad configuration as the sources do, and keeps every
// line where the source has it (stack traces point at the right line of the .ts file).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from '../../scripts/build.ts';
import { REPOSITORY_ROOT } from '../../schema/subgraphs.ts';
import { freePort } from '../../testing/free-port.ts';

// Its own build folder (inside the repository, as build/ is): the PGlite and PostgreSQL passes run at once.
const BUILD_DIR = path.join(REPOSITORY_ROOT, '.cache', `build-test-${randomUUID()}`);
const MAIN = path.join(BUILD_DIR, 'gateway', 'main.js');

describe('the gateway built to JavaScript', () => {
  let files: number;
  before(() => {
    files = build(BUILD_DIR);
  });
  after(() => rmSync(BUILD_DIR, { recursive: true, force: true }));

  test('every relative import of a built module names a built .js file, and every line is where the source has it', () => {
    assert.ok(files > 20, `${files} files built`);
    const main = readFileSync(MAIN, 'utf8');
    assert.doesNotMatch(main, /from '\.{1,2}\/[^']+\.ts'/);
    for (const source of ['gateway/main.ts', 'gateway/executor/execute-plan.ts', 'schema/subgraphs.ts']) {
      const built = readFileSync(path.join(BUILD_DIR, source.replace(/\.ts$/, '.js')), 'utf8').split('\n');
      const original = readFileSync(path.join(REPOSITORY_ROOT, source), 'utf8').split('\n');
      assert.equal(built.length, original.length, source);
      // Each line keeps its length and every character it keeps at its column: types become blanks, `.ts'` `.js'`.
      original.forEach((line, index) => {
        const expected = line.replace(/\.ts'/g, ".js'");
        const got = built[index] ?? '';
        assert.equal(got.length, expected.length, `${source}:${index + 1}`);
        for (let column = 0; column < got.length; column++) {
          if (got[column] !== expected[column]) assert.match(got[column] as string, /\s/, `${source}:${index + 1}:${column + 1}`);
        }
      });
    }
  });

  test('a bad configuration is refused as from the sources: exit 1, each bad key named, no stack trace', () => {
    const result = spawnSync(process.execPath, [MAIN], {
      cwd: REPOSITORY_ROOT,
      env: { PATH: process.env['PATH'] ?? '', GATEWAY_PORT: '99999', FEEDBACK_URL: 'ftp://x' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /gateway: invalid configuration/);
    for (const key of ['GATEWAY_PORT', 'FEEDBACK_URL']) assert.match(result.stderr, new RegExp(`- ${key}`));
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  describe('started on the committed supergraph', () => {
    let gateway: ReturnType<typeof spawn>;
    let url: string;
    let output = '';
    before(async () => {
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      gateway = spawn(process.execPath, [MAIN], {
        cwd: REPOSITORY_ROOT,
        env: { PATH: process.env['PATH'] ?? '', GATEWAY_HOST: '127.0.0.1', GATEWAY_PORT: String(port), LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      for (const stream of [gateway.stdout, gateway.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const deadline = Date.now() + 60_000;
      for (;;) {
        assert.equal(gateway.exitCode, null, `the built gateway exited:\n${output}`);
        const live = await fetch(`${url}/health/live`).catch(() => undefined);
        if (live?.ok) break;
        assert.ok(Date.now() < deadline, `the built gateway did not start:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    });
    after(() => {
      gateway.kill('SIGKILL');
    });

    test('it answers GraphQL from the public schema (the @inaccessible parts hidden)', async () => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __schema { queryType { name } types { name } } }' }),
      });
      assert.equal(response.status, 200);
      const body = (await response.json()) as { data: { __schema: { queryType: { name: string }; types: { name: string }[] } } };
      assert.equal(body.data.__schema.queryType.name, 'Query');
      const names = body.data.__schema.types.map((type) => type.name);
      assert.ok(names.includes('Dossier'), 'a subgraph type is served');
      assert.ok(!names.some((name) => name.startsWith('join__') || name.startsWith('link__')), 'no federation machinery');
    });
  });
});
