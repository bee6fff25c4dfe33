// The registry in PostgreSQL, for gateway replicas on several machines: one row holds the state (JSON),
// changed under a row lock; each change is announced with NOTIFY, and every replica LISTENs and also polls
// the version (a lost LISTEN connection only delays a reload until the next poll).
import pg from 'pg';
import { EMPTY_REGISTRY, registryStateSchema } from './store.ts';
import type { RegistryState, RegistryStore } from './store.ts';

const CHANNEL = 'lien_thong_registry';
// Operations kept in the shared table at most (the least recently seen are dropped).
const MAX_SHARED_OPERATIONS = 5_000;
// Fixed key of the advisory lock that serialises the table's creation between replicas starting together.
const CREATE_LOCK = 7_316_001;

/** The registry in the PostgreSQL database at `url` (its table is created at first use). */
export async function createPostgresRegistryStore(url: string, pollMs: number, onError: (error: unknown) => void): Promise<RegistryStore> {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  pool.on('error', onError);
  const setup = await pool.connect();
  try {
    await setup.query('BEGIN');
    await setup.query('SELECT pg_advisory_xact_lock($1)', [CREATE_LOCK]);
    await setup.query('CREATE TABLE IF NOT EXISTS lien_thong_registry (id smallint PRIMARY KEY CHECK (id = 1), state jsonb NOT NULL)');
    await setup.query('INSERT INTO lien_thong_registry (id, state) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [JSON.stringify(EMPTY_REGISTRY)]);
    await setup.query('CREATE TABLE IF NOT EXISTS lien_thong_registry_operations (hash text PRIMARY KEY, name text, body text NOT NULL, count bigint NOT NULL, last_seen timestamptz NOT NULL)');
    await setup.query('COMMIT');
  } catch (error) {
    await setup.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    setup.release();
  }
  let listener: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const read = async (): Promise<RegistryState> => {
    const result = await pool.query<{ state: unknown }>('SELECT state FROM lien_thong_registry WHERE id = 1');
    return registryStateSchema.parse(result.rows[0]?.state ?? EMPTY_REGISTRY);
  };

  return {
    read,
    operations: {
      async add(counted) {
        if (counted.length === 0) return;
        await pool.query(
          `INSERT INTO lien_thong_registry_operations (hash, name, body, count, last_seen)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::timestamptz[])
           ON CONFLICT (hash) DO UPDATE SET count = lien_thong_registry_operations.count + excluded.count,
             last_seen = greatest(lien_thong_registry_operations.last_seen, excluded.last_seen)`,
          [
            counted.map((each) => each.hash),
            counted.map((each) => each.name ?? null),
            counted.map((each) => each.body),
            counted.map((each) => each.count),
            counted.map((each) => each.lastSeen ?? new Date().toISOString()),
          ],
        );
        await pool.query('DELETE FROM lien_thong_registry_operations WHERE hash IN (SELECT hash FROM lien_thong_registry_operations ORDER BY last_seen DESC OFFSET $1)', [MAX_SHARED_OPERATIONS]);
      },
      async read() {
        const result = await pool.query<{ hash: string; name: string | null; body: string; count: string; last_seen: Date }>(
          'SELECT hash, name, body, count, last_seen FROM lien_thong_registry_operations ORDER BY count DESC LIMIT $1',
          [MAX_SHARED_OPERATIONS],
        );
        return result.rows.map((row) => ({ hash: row.hash, name: row.name ?? undefined, body: row.body, source: 'traffic' as const, count: Number(row.count), lastSeen: row.last_seen.toISOString() }));
      },
    },
    async update(change) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await client.query<{ state: unknown }>('SELECT state FROM lien_thong_registry WHERE id = 1 FOR UPDATE');
        const state = registryStateSchema.parse(result.rows[0]?.state ?? EMPTY_REGISTRY);
        const changed: RegistryState = { ...change(state), version: state.version + 1 };
        await client.query('UPDATE lien_thong_registry SET state = $1 WHERE id = 1', [JSON.stringify(changed)]);
        await client.query('SELECT pg_notify($1, $2)', [CHANNEL, String(changed.version)]);
        await client.query('COMMIT');
        return changed;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    watch(onChange) {
      let seen: number | undefined;
      const listen = async () => {
        if (closed || listener) return;
        const client = new pg.Client({ connectionString: url });
        listener = client;
        client.on('error', (error) => {
          onError(error);
          listener = undefined;
          void client.end().catch(() => undefined);
        });
        client.on('notification', (message) => {
          if (message.channel !== CHANNEL) return;
          seen = Number(message.payload);
          onChange();
        });
        try {
          await client.connect();
          await client.query(`LISTEN ${CHANNEL}`);
        } catch (error) {
          onError(error);
          listener = undefined;
          await client.end().catch(() => undefined);
        }
      };
      const poll = async () => {
        try {
          const { version } = await read();
          if (seen !== undefined && version !== seen) onChange();
          seen = version;
        } catch (error) {
          onError(error);
        }
        await listen();
      };
      void poll();
      timer = setInterval(() => void poll(), pollMs);
      timer.unref();
    },
    async close() {
      closed = true;
      clearInterval(timer);
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
