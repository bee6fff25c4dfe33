// Throwaway databases (PGlite `memory://`: every test hub, the benchmark's in-memory hub) start from a
// snapshot of the subgraph's database already migrated and seeded, instead of migrating and seeding each
// time: on PGlite (PostgreSQL in WASM, on the JavaScript thread) that work took 1–3.5 s per subgraph and
// hub — most of a test hub's start. The snapshot is made by the first such build and kept under .cache/,
// named by a fingerprint of everything that decides its content: the subgraph's own code, migrations and
// seed data, the kit's code and the demo accounts they use, and what the seed takes from the config (`seedFingerprint`). A
// change to any of them is a new file; a data folder (`npm start`) or PostgreSQL never uses one.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const KIT_DIR = path.dirname(fileURLToPath(import.meta.url));
/** Outside the subgraphs, what seeds read: the demo accounts (their subjects own the demo data). */
const SEED_INPUTS = [fileURLToPath(new URL('../../auth/demo-realm.ts', import.meta.url))];
const SOURCE = /\.(ts|sql|json|graphql|geojson)$/;

/** Every source file under `dir` (sorted; the Prisma client generated from the schema is covered by the schema). */
function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'generated' && entry.name !== 'node_modules') walk(full);
      } else if (SOURCE.test(entry.name) || entry.name === 'schema.prisma') files.push(full);
    }
  };
  walk(dir);
  return files;
}

const fingerprints = new Map<string, string>();

/** The hash of the files that decide a seeded database of the subgraph in `subgraphDir` (once per process). */
function codeFingerprint(subgraphDir: string): string {
  let known = fingerprints.get(subgraphDir);
  if (known === undefined) {
    const hash = createHash('sha256');
    for (const file of [...sourceFiles(subgraphDir), ...sourceFiles(KIT_DIR), ...SEED_INPUTS]) {
      hash.update(file).update('\0').update(readFileSync(file)).update('\0');
    }
    known = hash.digest('hex');
    fingerprints.set(subgraphDir, known);
  }
  return known;
}

/** The snapshot file for the subgraph whose migrations are in `migrationsDir`, seeded with `seedFingerprint` (config the seed reads). */
export function seededSnapshotFile(name: string, migrationsDir: URL, seedFingerprint: string): string {
  const subgraphDir = path.resolve(fileURLToPath(migrationsDir), '..', '..');
  const key = createHash('sha256').update(codeFingerprint(subgraphDir)).update('\0').update(seedFingerprint).digest('hex').slice(0, 24);
  return path.resolve('.cache', `pglite-${name}-seeded-${key}.tar.gz`);
}

/** Whether a snapshot is there to start from. */
export function hasSnapshot(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}
