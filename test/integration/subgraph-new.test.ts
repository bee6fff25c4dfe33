// `npm run subgraph:new -- <name>`: a bad or taken name writes nothing; a good one scaffolds a subgraph in the
// house shape whose own test passes as generated, whose files pass the formatter, and which — run as
// `node subgraphs/<name>/main.ts` — verifies the gateway's internal token, joins through the registry and
// answers through the gateway. Everything happens in a temporary copy of the repository's layout (the
// folders the scaffold imports are links to the real ones), never in the working tree.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as prettier from 'prettier';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { REPOSITORY_ROOT, SUBGRAPHS } from '../../schema/subgraphs.ts';
import { scaffoldSubgraph } from '../../scripts/subgraph-new.ts';
import { freePort } from '../../testing/redis-server.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

/** Every file under `folder`, relative, sorted: what a refused run must leave as it was. */
async function listing(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name))).sort();
}

describe('npm run subgraph:new', () => {
  let root: string;
  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await scaffoldSubgraph(
      argv,
      root,
      (text) => (stdout += text),
      (text) => (stderr += text),
    );
    return { code, stdout, stderr };
  };

  before(async () => {
    // The layout the scaffold writes into and imports from: links to the real folders, a real test/integration/.
    root = await mkdtemp(path.join(tmpdir(), 'lien-thong-scaffold-'));
    for (const entry of ['auth', 'platform', 'schema', 'node_modules', 'package.json', 'tsconfig.json']) await symlink(path.join(REPOSITORY_ROOT, entry), path.join(root, entry));
    await mkdir(path.join(root, 'subgraphs'));
    for (const entry of ['kit', ...SUBGRAPHS.map((subgraph) => subgraph.name)]) await symlink(path.join(REPOSITORY_ROOT, 'subgraphs', entry), path.join(root, 'subgraphs', entry));
    await mkdir(path.join(root, 'test', 'integration'), { recursive: true });
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('a bad name is a usage error and writes nothing', async () => {
    const before = await listing(root);
    for (const name of ['Water', '1water', 'w', 'water_works', 'water-', 'water--works', '../water', 'a/b', 'nước', 'kit', 'x'.repeat(41)]) {
      const outcome = await run(name);
      assert.equal(outcome.code, 2, name);
      assert.match(outcome.stderr, /nothing written/, name);
    }
    assert.equal((await run()).code, 2);
    assert.equal((await run('water', 'extra')).code, 2);
    assert.equal((await run('water', '--port', '80')).code, 2);
    assert.equal((await run('water', '--colour', 'blue')).code, 2);
    assert.deepEqual(await listing(root), before);
  });

  test("a release subgraph's name is taken", async () => {
    const outcome = await run('planning');
    assert.equal(outcome.code, 1);
    assert.match(outcome.stderr, /one of the release's subgraphs/);
  });

  test('a good name scaffolds a subgraph whose own test passes at once', async () => {
    const outcome = await run('water-works', '--port', '4105');
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.match(outcome.stdout, /npm run subgraph:publish -- water-works/);
    assert.deepEqual(await listing(path.join(root, 'subgraphs', 'water-works')), ['README.md', 'config.ts', 'main.ts', 'resolvers.ts', 'schema.graphql', 'server.ts']);
    const testFile = path.join(root, 'test', 'integration', 'subgraph-water-works.test.ts');
    // The house's formatter finds nothing to change in the TypeScript it wrote.
    const options = await prettier.resolveConfig(path.join(REPOSITORY_ROOT, 'scripts', 'subgraph-new.ts'));
    for (const file of [testFile, ...['config.ts', 'main.ts', 'resolvers.ts', 'server.ts'].map((name) => path.join(root, 'subgraphs', 'water-works', name))]) {
      assert.ok(await prettier.check(await readFile(file, 'utf8'), { ...options, filepath: file }), `${path.basename(file)} is formatted`);
    }
    const child = spawn(process.execPath, ['--test', '--test-reporter=dot', testFile], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 0, output);
    // Its name is now taken, and a second run changes nothing.
    const before = await listing(root);
    const again = await run('water-works');
    assert.equal(again.code, 1);
    assert.match(again.stderr, /subgraphs\/water-works already exists: nothing written/);
    assert.deepEqual(await listing(root), before);
  });

  describe('the scaffold joins the hub through the registry', () => {
    let keyed: KeyedHub;
    let subgraph: ChildProcess | undefined;
    let url: string;

    before(async () => {
      keyed = await startHubWithRealmKeys();
      const port = await freePort();
      url = `http://127.0.0.1:${port}/graphql`;
      subgraph = spawn(process.execPath, [path.join(root, 'subgraphs', 'water-works', 'main.ts')], {
        cwd: root,
        stdio: 'ignore',
        env: { PATH: process.env['PATH'], WATER_WORKS_HOST: '127.0.0.1', WATER_WORKS_PORT: String(port), INTERNAL_JWKS_URL: `${keyed.hub.gatewayUrl}/.well-known/jwks.json`, LOG_LEVEL: 'silent' },
      });
      for (let attempt = 0; ; attempt += 1) {
        const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined);
        if (ready?.status === 200) break;
        assert.ok(attempt < 300 && subgraph.exitCode === null, 'the scaffolded subgraph started');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    });
    after(async () => {
      if (subgraph && subgraph.exitCode === null) {
        const exited = once(subgraph, 'exit');
        subgraph.kill('SIGTERM');
        await exited;
      }
      await keyed?.close();
    });

    test('published by a platform administrator, it answers through the gateway and refuses anyone else', async () => {
      const adminAccount = DEMO_ACCOUNTS.find((account) => account.roles.includes('platform-admin'))!;
      const admin = await keyed.token({ sub: adminAccount.sub, roles: ['platform-admin'] });
      const sdl = await readFile(path.join(root, 'subgraphs', 'water-works', 'schema.graphql'), 'utf8');
      const published = await fetch(`${keyed.hub.gatewayUrl}/admin/registry/subgraphs/water-works/publish`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'water-works', url, agency: 'SAWACO', contact: 'api@sawaco.example.vn', personalData: false, sdl }),
      });
      assert.equal(published.status, 200, await published.clone().text());
      const about = await keyed.hub.graphql('{ waterWorksAbout { name version } }');
      assert.deepEqual(about.body, { data: { waterWorksAbout: { name: 'water-works', version: '0.1.0' } } });
      const citizen = await keyed.token({ sub: DEMO_ACCOUNTS[0]!.sub });
      assert.deepEqual((await keyed.hub.graphql('{ waterWorksCaller { roles } }', { token: citizen })).body, { data: { waterWorksCaller: { roles: ['citizen'] } } });
      assert.equal((await keyed.hub.graphql('{ waterWorksCaller { roles } }')).body.errors?.[0]?.extensions?.['code'], 'UNAUTHENTICATED');
      // Straight to the subgraph, around the gateway: refused.
      const direct = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ waterWorksAbout { name } }' }) });
      assert.equal(direct.status, 401);
    });
  });
});
