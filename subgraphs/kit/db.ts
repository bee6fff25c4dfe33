// One database connection per subgraph process: PostgreSQL through @prisma/adapter-pg when a URL is
// configured, otherwise embedded PGlite in a data folder (Postgres compiled to WASM). Both give Prisma
// a driver adapter and the migration runner a plain SQL connection.
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, stat, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import pg from 'pg';
import { PgClient } from './pg-client.ts';
import { from as copyFrom } from 'pg-copy-streams';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/** A plain SQL connection, enough for migrations and health checks. */
export interface SqlConnection {
  /** Run one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Run one statement with positional parameters. A `name` makes it a prepared statement on PostgreSQL:
   * parsed once per connection, and planned once PostgreSQL finds its generic plan as good as a custom one
   * (for a hot statement, the parse and plan of every call saved); one name, one text. PGlite ignores it.
   */
  query<Row>(sql: string, params?: unknown[], name?: string): Promise<Row[]>;
  /**
   * Load rows into `table`'s `columns` with COPY, text format: each row one line without its newline,
   * columns separated by tabs, `\N` for NULL, text escaped by `copyText`. On PostgreSQL streamed through
   * pg-copy-streams, on PGlite as a blob (`COPY … FROM '/dev/blob'`).
   */
  copyIn(table: string, columns: readonly string[], rows: readonly string[]): Promise<void>;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text value as one COPY text-format field: backslash, tab, newline and carriage return escaped. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (character) => COPY_ESCAPES[character] as string) : value;
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `COPY "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) FROM ${source}`;
}

/** `rows` as COPY text in pieces of a few thousand lines (one string of every row would be flattened and encoded at once). */
function copyChunks(rows: readonly string[]): string[] {
  const chunks: string[] = [];
  for (let index = 0; index < rows.length; index += 2000) chunks.push(`${rows.slice(index, index + 2000).join('\n')}\n`);
  return chunks;
}

/** An open database: a driver adapter for Prisma and a SQL connection for the kit. */
export interface Database {
  readonly kind: 'postgres' | 'pglite';
  readonly adapter: SqlDriverAdapterFactory;
  /** Run `work` on one dedicated connection (session-level advisory locks need that). */
  withConnection<T>(work: (connection: SqlConnection) => Promise<T>): Promise<T>;
  /**
   * Run `work` in a transaction on one connection: committed when it resolves, rolled back when it throws.
   * Plain SQL, none of Prisma's interactive-transaction machinery (about half of a short transaction's
   * time): for hot paths of a few statements. On PGlite every other caller waits until it ends, so `work`
   * must not wait for a query outside it.
   */
  transaction<T>(work: (connection: SqlConnection) => Promise<T>): Promise<T>;
  /** The PostgreSQL pool's connections (open, idle, callers waiting); undefined for PGlite's single connection. */
  poolStats(): { readonly total: number; readonly idle: number; readonly waiting: number } | undefined;
  /** PGlite only: the whole data folder as a gzipped tarball (a snapshot another instance can start from). */
  snapshot?(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Where a subgraph's data lives. */
export interface DatabaseLocation {
  /** PostgreSQL connection string; when absent, PGlite is used. */
  readonly url?: string | undefined;
  /** PGlite data folder, or `memory://` (the default) for a throwaway database. */
  readonly dataDir?: string;
  /** A `memory://` database starts from this snapshot file (Database.snapshot) instead of a blank cluster. */
  readonly snapshotFile?: string;
  /** Pool size for PostgreSQL. */
  readonly poolMax?: number;
  /** Longest wait for a PostgreSQL connection (a new one, or a free one from the pool); default 5 s. */
  readonly connectTimeoutMs?: number;
}

/** Open the database described by `location`. */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  return location.url ? openPostgres(location.url, location.poolMax ?? 10, location.connectTimeoutMs ?? 5_000) : openPglite(location.dataDir ?? 'memory://', location.snapshotFile);
}

function pooledConnection(client: pg.PoolClient): SqlConnection {
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <Row>(sql: string, params?: unknown[], name?: string) => (await client.query(name === undefined ? { text: sql, values: params } : { name, text: sql, values: params })).rows as Row[],
    copyIn: async (table, columns, rows) => {
      const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
      const done = once(stream, 'finish');
      for (const chunk of copyChunks(rows)) if (!stream.write(chunk)) await once(stream, 'drain');
      stream.end();
      await done;
    },
  };
}

/**
 * A client taken from the pool for one caller. pg-pool takes its idle 'error' listener off a client while
 * it is checked out, so a connection the server ends between two statements (a restart, an operator's
 * pg_terminate_backend) would emit 'error' with nobody listening and stop the process. Held here, the
 * error is kept (the caller's next query fails with "not queryable") and the client is dropped from the
 * pool when released, never handed to the next caller.
 */
async function checkOut(pool: pg.Pool): Promise<{ client: pg.PoolClient; release(error?: Error): void }> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error) => (lost ??= error);
  client.on('error', onError);
  return {
    client,
    release(error) {
      client.removeListener('error', onError);
      client.release(error ?? lost);
    },
  };
}

function openPostgres(url: string, poolMax: number, connectTimeoutMs: number): Database {
  // Without a connect timeout, a request (or the readiness probe) waits as long as the OS does for a
  // server that is unreachable or too busy to accept; with it, it fails fast as SERVICE_UNAVAILABLE.
  const pool = new pg.Pool({ connectionString: url, max: poolMax, connectionTimeoutMillis: connectTimeoutMs, Client: PgClient });
  // An idle client's error (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return {
    kind: 'postgres',
    adapter: new PrismaPg(pool),
    async withConnection(work) {
      const held = await checkOut(pool);
      try {
        return await work(pooledConnection(held.client));
      } finally {
        held.release();
      }
    },
    async transaction(work) {
      const held = await checkOut(pool);
      const { client } = held;
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        try {
          const result = await work(pooledConnection(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          // A connection that cannot even roll back is dropped from the pool, not handed to the next caller.
          await client.query('ROLLBACK').catch((rollbackError: unknown) => (broken = rollbackError as Error));
          throw error;
        }
      } finally {
        held.release(broken);
      }
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string, snapshotFile: string | undefined): Promise<Database> {
  return pgliteDatabase(await createPglite(dataDir, snapshotFile));
}

/** An open PGlite instance as a Database (closing it closes the instance). */
export function pgliteDatabase(client: PGlite): Database {
  const connection: SqlConnection = {
    exec: async (sql) => {
      await client.exec(sql);
    },
    query: async <Row>(sql: string, params?: unknown[]) => (await client.query<Row>(sql, params)).rows,
    copyIn: async (table, columns, rows) => {
      await client.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob(copyChunks(rows)) });
    },
  };
  return {
    kind: 'pglite',
    adapter: new PrismaPGlite(client),
    // PGlite is a single connection: every caller shares it.
    withConnection: (work) => work(connection),
    // PGlite's own transactions (as its Prisma adapter's): other callers queue until this one ends.
    transaction: (work) =>
      client.transaction((tx) =>
        work({
          exec: async (sql) => {
            await tx.exec(sql);
          },
          query: async <Row>(sql: string, params?: unknown[]) => (await tx.query<Row>(sql, params)).rows,
          copyIn: async (table, columns, rows) => {
            await tx.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob(copyChunks(rows)) });
          },
        }),
      ),
    poolStats: () => undefined,
    snapshot: async () => new Uint8Array(await (await client.dumpDataDir('gzip')).arrayBuffer()),
    close: () => client.close(),
  };
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Create a PGlite instance. A new data folder is initialised from a blank cluster snapshot kept beside
 * it (`.pglite-template.tar.gz`), because initdb in WASM takes 7–12 s and a snapshot loads in under 1 s.
 */
async function createPglite(dataDir: string, snapshotFile?: string): Promise<PGlite> {
  if (dataDir.startsWith('memory://')) {
    const template = await readPgliteTemplate(snapshotFile ?? defaultTemplateFile());
    return PGlite.create(template ? { loadDataDir: template } : {});
  }
  const absolute = path.resolve(dataDir);
  if (await exists(path.join(absolute, 'PG_VERSION'))) return PGlite.create({ dataDir: absolute });
  await mkdir(absolute, { recursive: true });
  const templateFile = path.join(path.dirname(absolute), '.pglite-template.tar.gz');
  const template = await readPgliteTemplate(templateFile);
  return PGlite.create(template ? { dataDir: absolute, loadDataDir: template } : { dataDir: absolute });
}

function defaultTemplateFile(): string {
  return path.resolve('.cache', 'pglite-template-slim.tar.gz');
}

async function readPgliteTemplate(file: string): Promise<Blob | undefined> {
  if (!(await exists(file))) return undefined;
  return new Blob([await readFile(file)]);
}

/**
 * Write a blank PGlite cluster snapshot to `file` unless one is there already, so that later data
 * folders (or in-memory test databases when `file` is the default) start in under a second.
 *
 * The throwaway databases' snapshot (the default file) is slimmer: 1 MB WAL segments instead of 16 MB and
 * no template0/template1 (a throwaway database never creates another one), 15 MB to unpack instead of 40.
 * Unpacking it into PGlite's in-memory file system is most of a start: 0.96 s against 1.6 s per database
 * (median of 5, side by side), four databases per test hub. Data folders keep the standard cluster.
 */
export async function preparePgliteTemplate(file: string = defaultTemplateFile()): Promise<void> {
  if (await exists(file)) return;
  const slim = file === defaultTemplateFile();
  const blank = await PGlite.create(slim ? { initDbStartParams: ['--wal-segsize=1'] } : {});
  try {
    if (slim) {
      await blank.exec(`UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')`);
      await blank.exec('DROP DATABASE template0');
      await blank.exec('DROP DATABASE template1');
      await blank.exec('CHECKPOINT');
    }
    await writeSnapshotFile(file, new Uint8Array(await (await blank.dumpDataDir('gzip')).arrayBuffer()));
  } finally {
    await blank.close();
  }
}

/**
 * Keep a PGlite snapshot's `bytes` as `file` unless one is there: written aside under a name of its own (two
 * hubs of one process may make the same snapshot at once), then renamed, so a reader never sees half a file.
 */
export async function writeSnapshotFile(file: string, bytes: Uint8Array): Promise<void> {
  if (await exists(file)) return;
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${randomUUID()}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, file);
}

/** The PGlite template file used for data folders under `dataRoot`. */
export function pgliteTemplateFor(dataRoot: string): string {
  return path.join(path.resolve(dataRoot), '.pglite-template.tar.gz');
}
