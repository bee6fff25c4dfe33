// One source per fact: the generated reference docs are what their sources generate (both ways: a key or
// code added in code and missing from the docs fails, and so does one in the docs the code no longer
// has), the one list of subgraphs is what the tree and the configs hold, and the README stays the short
// front door whose links all resolve.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { REPOSITORY_ROOT, SUBGRAPHS, SUPERGRAPH_FILE } from '../../schema/subgraphs.ts';
import { HOSTED_SUBGRAPHS } from '../../subgraphs/hosted.ts';

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a Markdown file's headings (outside code blocks). */
function anchorsIn(text: string): Set<string> {
  const anchors = new Set<string>();
  let inCode = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) inCode = !inCode;
    const heading = !inCode && /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) anchors.add(anchorOf(heading[1] as string));
  }
  return anchors;
}

/** Markdown files a reader reaches from the README: it, docs/ and the folder READMEs. */
function markdownFiles(): string[] {
  const files = [
    'README.md',
    ...readdirSync(path.join(REPOSITORY_ROOT, 'docs'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];
  for (const folder of ['auth', 'bench', 'gateway', 'platform', 'schema', 'scripts', 'subgraphs', 'test', 'testing', 'web']) {
    const entries = readdirSync(path.join(REPOSITORY_ROOT, folder), { withFileTypes: true, recursive: true });
    for (const entry of entries) {
      if (entry.isFile() && entry.name === 'README.md' && !entry.parentPath.includes('node_modules')) files.push(path.relative(REPOSITORY_ROOT, path.join(entry.parentPath, entry.name)));
    }
  }
  return files;
}

describe('one source per fact', () => {
  test('docs/configuration.md and docs/errors.md are what npm run docs:generate writes', () => {
    const result = spawnSync(process.execPath, [path.join(REPOSITORY_ROOT, 'scripts', 'generate-docs.ts'), '--check'], { cwd: REPOSITORY_ROOT, encoding: 'utf8', timeout: 120_000 });
    assert.equal(result.status, 0, `${result.stderr}${result.stdout}`);
  });

  test('the list of subgraphs is the subgraph folders, and every reader takes its facts from it', () => {
    // An agency's subgraph scaffolded by `npm run subgraph:new` sits beside them but joins through the registry:
    // its config.ts names its own prefix and port (a RegisteredSubgraph) instead of reading the list.
    const joinsThroughRegistry = (name: string) => readFileSync(path.join(REPOSITORY_ROOT, 'subgraphs', name, 'config.ts'), 'utf8').includes(': RegisteredSubgraph = {');
    const folders = readdirSync(path.join(REPOSITORY_ROOT, 'subgraphs'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(REPOSITORY_ROOT, 'subgraphs', entry.name, 'schema.graphql')) && !joinsThroughRegistry(entry.name))
      .map((entry) => entry.name)
      .sort();
    assert.deepEqual(SUBGRAPHS.map((subgraph) => subgraph.name).sort(), folders, 'every subgraph folder is in schema/subgraphs.ts or joins through the registry, and nothing else');
    const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
    const ports = new Set<number>();
    for (const subgraph of SUBGRAPHS) {
      assert.ok(statSync(path.join(REPOSITORY_ROOT, subgraph.sdlFile)).isFile(), `${subgraph.sdlFile} exists`);
      assert.ok(statSync(path.join(REPOSITORY_ROOT, subgraph.migrationsDir)).isDirectory(), `${subgraph.migrationsDir} exists`);
      assert.ok(!ports.has(subgraph.defaultPort), `${subgraph.name}'s default port ${subgraph.defaultPort} is unique`);
      ports.add(subgraph.defaultPort);
      assert.ok(supergraph.includes(`url: "${subgraph.defaultUrl}"`), `the supergraph routes ${subgraph.name} to ${subgraph.defaultUrl}`);
    }
    // The hosts (npm start, migrations, the test hub, the benchmark) build exactly the list, in its order,
    // and each subgraph's configuration takes its default port and key prefix from it.
    assert.deepEqual(
      HOSTED_SUBGRAPHS.map((hosted) => hosted.name),
      SUBGRAPHS.map((subgraph) => subgraph.name),
    );
    for (const [index, hosted] of HOSTED_SUBGRAPHS.entries()) {
      const entry = SUBGRAPHS[index]!;
      assert.equal(hosted.parseConfig({}).port, entry.defaultPort, `${hosted.name}'s default port`);
      assert.equal(hosted.parseConfig({ [`${entry.envPrefix}_PORT`]: '5999' }).port, 5999, `${hosted.name} reads ${entry.envPrefix}_PORT`);
    }
  });

  test('the README is the front door: under 20 KB, and every link in it and in the docs resolves', () => {
    const readme = readFileSync(path.join(REPOSITORY_ROOT, 'README.md'), 'utf8');
    assert.ok(Buffer.byteLength(readme) < 20_000, `README.md is ${Buffer.byteLength(readme)} bytes: move reference material to docs/ or next to the code`);
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      const text = readFileSync(path.join(REPOSITORY_ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '');
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = match[1] as string;
        if (/^[a-z]+:/.test(link)) continue;
        const [target = '', anchor] = link.split('#');
        const resolved = target === '' ? path.join(REPOSITORY_ROOT, file) : path.resolve(path.dirname(path.join(REPOSITORY_ROOT, file)), decodeURIComponent(target));
        if (!existsSync(resolved)) {
          broken.push(`${file}: ${link} (no such file)`);
          continue;
        }
        if (anchor && resolved.endsWith('.md') && !anchorsIn(readFileSync(resolved, 'utf8')).has(anchor)) broken.push(`${file}: ${link} (no such heading)`);
      }
    }
    assert.deepEqual(broken, []);
  });
});
