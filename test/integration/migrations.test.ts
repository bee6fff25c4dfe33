// The migration runner: Prisma's folder format and history table, applied once, on PGlite and on
// PostgreSQL, including by concurrent replicas; PGlite data survives a restart.
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDatabase, preparePgliteTemplate } from '../../subgraphs/kit/db.ts';
import type { Database } from '../../subgraphs/kit/db.ts';
import { migrate, MigrationError, readMigrations } from '../../subgraphs/kit/migrate.ts';
import { createTestDatabase } from '../../testing/hub.ts';

const FEEDBACK_MIGRATIONS = fileURLToPath(new URL('../../subgraphs/feedback/prisma/migrations/', import.meta.url));
const POSTGRES_URL = process.env['TEST_DATABASE_URL'];

async function tableNames(database: Database): Promise<string[]> {
  const rows = await database.withConnection((connection) => connection.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"));
  return rows.map((row) => row.tablename);
}

describe('migrations', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'lien-thong-migrations-'));
    await preparePgliteTemplate();
  });
  after(() => rm(folder, { recursive: true, force: true }));

  test("apply once into Prisma's history table; a second run applies nothing", async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      const onDisk = (await readMigrations(FEEDBACK_MIGRATIONS)).map((migration) => migration.name);
      assert.ok(onDisk.length >= 2 && onDisk[0] === '20261123000000_init');
      const first = await migrate(database, FEEDBACK_MIGRATIONS);
      assert.deepEqual(first.applied, onDisk, 'all, in order');
      assert.ok((await tableNames(database)).includes('feedback_item'));
      const history = await database.withConnection((connection) =>
        connection.query<{ migration_name: string; checksum: string; finished_at: Date | null }>('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"'),
      );
      assert.equal(history.length, onDisk.length);
      assert.ok(history.every((row) => /^[0-9a-f]{64}$/.test(row.checksum) && row.finished_at));
      const second = await migrate(database, FEEDBACK_MIGRATIONS);
      assert.deepEqual(second, { applied: [], alreadyApplied: onDisk.length });
    } finally {
      await database.close();
    }
  });

  test('an applied migration edited afterwards is refused, and a failing one leaves nothing behind', async () => {
    const migrations = path.join(folder, 'edited');
    await cp(FEEDBACK_MIGRATIONS, migrations, { recursive: true });
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrate(database, migrations);
      await writeFile(path.join(migrations, '20261123000000_init', 'migration.sql'), '-- edited\n', { flag: 'a' });
      await assert.rejects(migrate(database, migrations), (error: unknown) => error instanceof MigrationError && /changed after it was applied/.test(error.message));

      const broken = path.join(folder, 'broken');
      await cp(FEEDBACK_MIGRATIONS, broken, { recursive: true });
      await mkdir(path.join(broken, '20261124000000_broken'));
      await writeFile(path.join(broken, '20261124000000_broken', 'migration.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n');
      const fresh = await openDatabase({ dataDir: 'memory://' });
      try {
        await assert.rejects(migrate(fresh, broken), MigrationError);
        assert.ok(!(await tableNames(fresh)).includes('half_done'), 'the failed migration rolled back');
        assert.ok((await tableNames(fresh)).includes('feedback_item'), 'the earlier migration stays applied');
      } finally {
        await fresh.close();
      }
    } finally {
      await database.close();
    }
  });

  test('an embedded database keeps its data across a restart', async () => {
    const dataDir = path.join(folder, 'data', 'feedback');
    const first = await openDatabase({ dataDir });
    await migrate(first, FEEDBACK_MIGRATIONS);
    await first.withConnection((connection) => connection.exec("INSERT INTO category (code, name, deadline_hours) VALUES ('GIAO_THONG', 'Giao thông', 8)"));
    await first.close();
    const second = await openDatabase({ dataDir });
    try {
      assert.deepEqual((await migrate(second, FEEDBACK_MIGRATIONS)).applied, []);
      const rows = await second.withConnection((connection) => connection.query<{ name: string }>('SELECT name FROM category'));
      assert.deepEqual(rows, [{ name: 'Giao thông' }]);
    } finally {
      await second.close();
    }
  });

  test('concurrent replicas on PostgreSQL apply each migration exactly once', { skip: POSTGRES_URL ? false : 'set TEST_DATABASE_URL to run against PostgreSQL' }, async () => {
    const target = await createTestDatabase(POSTGRES_URL as string, 'migrate');
    const replicas = await Promise.all([1, 2, 3].map(() => openDatabase({ url: target.url })));
    try {
      const results = await Promise.all(replicas.map((database) => migrate(database, FEEDBACK_MIGRATIONS)));
      const onDisk = (await readMigrations(FEEDBACK_MIGRATIONS)).length;
      assert.equal(
        results.reduce((sum, result) => sum + result.applied.length, 0),
        onDisk,
        'each applied once in all',
      );
      const history = await replicas[0]!.withConnection((connection) => connection.query('SELECT 1 FROM "_prisma_migrations"'));
      assert.equal(history.length, onDisk);
    } finally {
      await Promise.all(replicas.map((database) => database.close()));
      await target.drop();
    }
  });
});
