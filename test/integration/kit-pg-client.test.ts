// The kit's PostgreSQL client (subgraphs/kit/pg-client.ts), which answers pg's promise form through pg's
// callback form: every form of query the kit, Prisma's adapter and COPY use gives the same rows and
// errors as pg's own, and a caller's query object comes back as it was given. PostgreSQL only (CI's
// second pass, or TEST_DATABASE_URL set): PGlite does not use this client.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../../subgraphs/kit/db.ts';
import type { Database } from '../../subgraphs/kit/db.ts';
import { PgClient } from '../../subgraphs/kit/pg-client.ts';
import { createTestDatabase } from '../../testing/hub.ts';

const ADMIN_URL = process.env['TEST_DATABASE_URL'];

describe('the kit PostgreSQL client', { skip: ADMIN_URL ? false : 'PostgreSQL only: set TEST_DATABASE_URL' }, () => {
  let created: { url: string; drop(): Promise<void> };
  let client: PgClient;
  before(async () => {
    created = await createTestDatabase(ADMIN_URL as string, 'pg_client');
    client = new PgClient({ connectionString: created.url });
    await client.connect();
  });
  after(async () => {
    await client.end();
    await created.drop();
  });

  test('text, text with values, a named statement twice, and rows in array mode with a type parser', async () => {
    assert.deepEqual((await client.query('SELECT 1 AS "one"')).rows, [{ one: 1 }]);
    assert.deepEqual((await client.query('SELECT $1::text || $2::text AS "joined"', ['Hồ sơ ', '001'])).rows, [{ joined: 'Hồ sơ 001' }]);
    const named = { name: 'pg-client-test', text: 'SELECT $1::int + 1 AS "next"' };
    assert.deepEqual((await client.query({ ...named, values: [1] })).rows, [{ next: 2 }]);
    assert.deepEqual((await client.query({ ...named, values: [41] })).rows, [{ next: 42 }]);
    const config = { text: 'SELECT $1::int AS "n", now() AS "at"', values: [7], rowMode: 'array' as const, types: { getTypeParser: () => (value: string) => `parsed ${value}` } };
    const result = await client.query(config);
    assert.equal(result.rows[0]?.[0], 'parsed 7');
    assert.deepEqual(Object.keys(config).sort(), ['rowMode', 'text', 'types', 'values'], 'the caller’s object gets no callback');
  });

  test('a failing statement rejects with the database error, and the client goes on', async () => {
    await assert.rejects(client.query('SELEC 1'), (error: unknown) => error instanceof pg.DatabaseError && error.code === '42601' && /pg-client\.test/.test(error.stack ?? ''));
    await assert.rejects(client.query('SELECT 1 / $1::int', [0]), (error: unknown) => error instanceof pg.DatabaseError && error.code === '22012');
    assert.deepEqual((await client.query('SELECT 2 AS "two"')).rows, [{ two: 2 }]);
  });

  test('the callback form is pg’s own', async () => {
    const rows = await new Promise<unknown[]>((resolve, reject) =>
      client.query('SELECT 3 AS "three"', (error: Error | null, result: pg.QueryResult) => (error ? reject(error) : resolve(result.rows))),
    );
    assert.deepEqual(rows, [{ three: 3 }]);
  });

  describe('through the kit’s database (its pool uses this client)', () => {
    let database: Database;
    before(async () => {
      database = await openDatabase({ url: created.url });
    });
    after(() => database.close());

    test('plain SQL, a named statement, COPY and a transaction that rolls back', async () => {
      await database.withConnection((connection) => connection.exec('CREATE TABLE "pg_client_rows" ("n" int PRIMARY KEY, "label" text)'));
      await database.withConnection((connection) => connection.copyIn('pg_client_rows', ['n', 'label'], ['1\tmột', '2\thai']));
      const named = await database.withConnection((connection) => connection.query<{ label: string }>('SELECT "label" FROM "pg_client_rows" WHERE "n" = $1', [2], 'pg-client-label'));
      assert.deepEqual(named, [{ label: 'hai' }]);
      await assert.rejects(
        database.transaction(async (connection) => {
          await connection.query('INSERT INTO "pg_client_rows" VALUES (3, $1)', ['ba']);
          await connection.query('INSERT INTO "pg_client_rows" VALUES (1, $1)', ['trùng']);
        }),
        (error: unknown) => error instanceof pg.DatabaseError && error.code === '23505',
      );
      assert.deepEqual(await database.withConnection((connection) => connection.query('SELECT "n" FROM "pg_client_rows" ORDER BY "n"')), [{ n: 1 }, { n: 2 }]);
    });

    // pg-pool takes its own 'error' listener off a checked-out client: without the kit's, the server ending
    // the connection between two statements emitted 'error' with nobody listening and stopped the process.
    test('a connection the server ends while it is checked out fails its caller, not the process, and leaves the pool', async () => {
      const admin = new PgClient({ connectionString: created.url });
      await admin.connect();
      const endBetweenStatements = async (connection: { query<Row>(sql: string): Promise<Row[]> }) => {
        const [own] = await connection.query<{ pid: number }>('SELECT pg_backend_pid() AS "pid"');
        await admin.query('SELECT pg_terminate_backend($1)', [own?.pid]);
        while ((await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [own?.pid])).rows.length > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        await new Promise((resolve) => setTimeout(resolve, 100)); // the FATAL notice and the socket's end reach the client
        return connection.query('SELECT 1');
      };
      try {
        await assert.rejects(database.withConnection(endBetweenStatements));
        await assert.rejects(database.transaction(endBetweenStatements));
        assert.deepEqual(await database.withConnection((connection) => connection.query('SELECT 4 AS "four"')), [{ four: 4 }]);
        assert.equal(database.poolStats()?.total, 1, 'the two ended connections are gone from the pool, one new one serves');
      } finally {
        await admin.end();
      }
    });
  });
});
