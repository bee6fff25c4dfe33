// A throwaway PostgreSQL 15 cluster of a test's own, on a free port in a temporary folder, so fault tests
// can stop and restart the database without touching the machine's shared server.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.ts';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';
// runuser lives in sbin, which a non-login PATH (CI's, say) may not list.
const RUNUSER = ['/usr/sbin/runuser', '/sbin/runuser'].find((candidate) => existsSync(candidate)) ?? 'runuser';

/** A running cluster the test controls. */
export interface PostgresCluster {
  /** Superuser URL of the `postgres` database, e.g. for createTestDatabase. */
  readonly adminUrl: string;
  readonly port: number;
  /** Stop the server (fast: open sessions are terminated). */
  stop(): Promise<void>;
  /** Start it again on the same port and data. */
  start(): Promise<void>;
  /** `pg_ctl restart -m fast`. */
  restart(): Promise<void>;
  /** Stop the server if it runs and remove its folder. */
  destroy(): Promise<void>;
}

/** Why a cluster cannot be started here, or undefined when it can. */
export function postgresClusterUnavailable(): string | undefined {
  return existsSync(path.join(BIN, 'initdb')) && existsSync(path.join(BIN, 'pg_ctl')) ? undefined : `PostgreSQL 15 binaries not found in ${BIN}`;
}

/** Run a PostgreSQL binary, as the postgres user when we are root (initdb refuses root). */
async function pgBinary(name: string, args: readonly string[], asPostgres: boolean): Promise<void> {
  const file = path.join(BIN, name);
  if (asPostgres) await run(RUNUSER, ['-u', 'postgres', '--', file, ...args]);
  else await run(file, [...args]);
}

/** Create and start a cluster; the caller must `destroy()` it (in a finally or `after`). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const asPostgres = process.getuid?.() === 0;
  const dir = await mkdtemp(path.join(tmpdir(), 'lien-thong-pg-'));
  const data = path.join(dir, 'data');
  if (asPostgres) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const port = await freePort();
  let running = false;
  const ctl = (args: readonly string[]) => pgBinary('pg_ctl', ['-D', data, ...args], asPostgres);
  const options = ['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', path.join(dir, 'log'), '-w'];
  const cluster: PostgresCluster = {
    adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      await ctl(['stop', '-m', 'fast', '-w']);
      running = false;
    },
    async start() {
      await ctl(['start', ...options]);
      running = true;
    },
    async restart() {
      await ctl(['restart', '-m', 'fast', ...options]);
      running = true;
    },
    async destroy() {
      if (running) await cluster.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
  try {
    await pgBinary('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'], asPostgres);
    await cluster.start();
    return cluster;
  } catch (error) {
    await cluster.destroy();
    throw error;
  }
}
