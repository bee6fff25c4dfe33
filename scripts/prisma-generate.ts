// Generate each subgraph's Prisma client (TypeScript, into subgraphs/<name>/prisma/generated).
// Runs from `npm ci` (prepare). The native schema engine is never needed for this; a stub that
// exits 1 stands in for it so that a stray `prisma migrate` fails loudly instead of doing nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUBGRAPHS } from '../schema/subgraphs.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env['PRISMA_SCHEMA_ENGINE_BINARY'] ?? path.join(root, 'scripts/prisma-schema-engine-stub.sh'),
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const prismaCli = path.join(root, 'node_modules/prisma/build/index.js');

for (const { name } of SUBGRAPHS) {
  const schema = path.join(root, 'subgraphs', name, 'prisma', 'schema.prisma');
  if (!existsSync(schema)) continue;
  const result = spawnSync(process.execPath, [prismaCli, 'generate', '--no-hints', `--schema=${schema}`], { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    process.stderr.write(`prisma generate failed for ${name}\n`);
    process.exit(1);
  }
  process.stdout.write(`prisma client generated for ${name}\n`);
}
