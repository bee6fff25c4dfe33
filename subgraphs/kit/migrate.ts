// Apply Prisma-format migrations (prisma/migrations/<timestamp>_<name>/migration.sql) without Prisma's
// native engine, recording them in Prisma's own `_prisma_migrations` table so that `prisma migrate
// deploy`, where the engine exists, sees the same history. A session advisory lock makes concurrent
// replicas apply each migration once.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database, SqlConnection } from './db.ts';
import { MIGRATION_LOCK_KEY } from './lock-keys.ts';

/** A migration found on disk. */
export interface MigrationFile {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

/** What a migration run did. */
export interface MigrationResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

/** Raised when the database's history disagrees with the migration folder. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** Read the migration folders in order. */
export async function readMigrations(migrationsDir: string): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

/** Apply every pending migration in `migrationsDir`, each in its own transaction. */
export async function migrate(database: Database, migrationsDir: string): Promise<MigrationResult> {
  const migrations = await readMigrations(migrationsDir);
  return database.withConnection(async (connection) => {
    await connection.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return await applyPending(connection, migrations);
    } finally {
      await connection.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}

async function applyPending(connection: SqlConnection, migrations: readonly MigrationFile[]): Promise<MigrationResult> {
  await connection.exec(CREATE_HISTORY_TABLE);
  const rows = await connection.query<AppliedRow>('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL');
  const applied = new Map(rows.map((row) => [row.migration_name, row]));
  const known = new Set(migrations.map((migration) => migration.name));
  for (const row of rows) {
    if (row.finished_at === null) {
      throw new MigrationError(`migration ${row.migration_name} failed earlier and was not rolled back; fix the database, then mark it rolled back`);
    }
    if (!known.has(row.migration_name)) {
      throw new MigrationError(`the database has migration ${row.migration_name}, which is not in the migrations folder (is this an older release?)`);
    }
  }
  const done: string[] = [];
  for (const migration of migrations) {
    const previous = applied.get(migration.name);
    if (previous) {
      if (previous.checksum !== migration.checksum) {
        throw new MigrationError(`migration ${migration.name} was changed after it was applied (checksum differs)`);
      }
      continue;
    }
    await connection.exec('BEGIN');
    try {
      await connection.exec(migration.sql);
      await connection.query('INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)', [
        randomUUID(),
        migration.checksum,
        migration.name,
      ]);
      await connection.exec('COMMIT');
    } catch (error) {
      await connection.exec('ROLLBACK');
      throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`);
    }
    done.push(migration.name);
  }
  return { applied: done, alreadyApplied: migrations.length - done.length };
}
