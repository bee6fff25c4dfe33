// Where the registry keeps its records: a JSON file by default (one gateway, or replicas on one machine
// sharing it), PostgreSQL when REGISTRY_DATABASE_URL is set (replicas on several machines; postgres-store.ts).
// Every change bumps a version; every replica watches it and reloads its supergraph when it moves.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { subgraphRecordSchema } from './records.ts';
import type { SubgraphRecord } from './records.ts';
import type { KnownOperation } from '../../schema/breaking-changes.ts';

/** What the registry holds: published subgraphs and pending proposals, by name. */
export interface RegistryState {
  /** Bumped by every change. */
  readonly version: number;
  readonly subgraphs: readonly SubgraphRecord[];
  readonly proposals: readonly SubgraphRecord[];
}

/** The registry's storage. */
export interface RegistryStore {
  read(): Promise<RegistryState>;
  /** Apply `change` to the latest state atomically (one writer at a time, across replicas) and return the new state. */
  update(change: (state: RegistryState) => Omit<RegistryState, 'version'>): Promise<RegistryState>;
  /**
   * Operations recorded by every replica, when the store is shared between machines (PostgreSQL): `add`
   * merges this replica's new counts, `read` returns them all. Absent: each replica knows its own traffic.
   */
  readonly operations?: { add(counted: readonly KnownOperation[]): Promise<void>; read(): Promise<KnownOperation[]> };
  /** Call `onChange` when another writer (or this one) changed the state; checks at least every `pollMs`. */
  watch(onChange: () => void): void;
  close(): Promise<void>;
}

export const EMPTY_REGISTRY: RegistryState = Object.freeze({ version: 0, subgraphs: [], proposals: [] });

export const registryStateSchema = z.object({
  version: z.number().int().min(0),
  subgraphs: z.array(subgraphRecordSchema),
  proposals: z.array(subgraphRecordSchema),
});

/** The registry in a JSON file (absent: empty). Writes go to a temporary file renamed into place. */
export function createFileRegistryStore(file: string, pollMs: number): RegistryStore {
  let queue: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const read = async (): Promise<RegistryState> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_REGISTRY;
      throw error;
    }
    try {
      return registryStateSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new Error(`REGISTRY_FILE ${file} is not a valid registry: ${(error as Error).message.split('\n')[0]}`, { cause: error });
    }
  };
  return {
    read,
    update(change) {
      const next = queue.then(async () => {
        const state = await read();
        const changed: RegistryState = { ...change(state), version: state.version + 1 };
        const temporary = `${file}.${process.pid}.tmp`;
        // data/ exists once a subgraph has run; a gateway alone may be the first to write there.
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(temporary, `${JSON.stringify(changed, null, 2)}\n`);
        await rename(temporary, file);
        return changed;
      });
      queue = next.catch(() => undefined);
      return next;
    },
    watch(onChange) {
      let seen: string | undefined;
      const check = async () => {
        const text = await readFile(file, 'utf8').catch(() => '');
        const hash = createHash('sha256').update(text).digest('hex');
        if (seen !== undefined && hash !== seen) onChange();
        seen = hash;
      };
      void check();
      timer = setInterval(() => void check(), pollMs);
      timer.unref();
    },
    async close() {
      clearInterval(timer);
      await queue;
    },
  };
}
