// The registry of subgraphs as the gateway runs it: what is published (the release's subgraphs overlaid by
// the store's records), the checks a proposal passes, publishing and retiring, and reloading the supergraph
// on every replica when the store changes (each replica watches the store; the one that published also
// reloads at once). A state that does not compose is logged and never replaces the served supergraph.
import { readFile } from 'node:fs/promises';
import type { Logger } from '../../platform/logger.ts';
import type { KnownOperation } from '../../schema/breaking-changes.ts';
import type { ProposalReport } from '../../schema/proposal-check.ts';
import type { LiveSchema } from './live.ts';
import { persistedKnownOperations } from './operations.ts';
import type { OperationRecorder } from './operations.ts';
import { builtInRecords, effectiveSubgraphs } from './records.ts';
import type { ListedSubgraph, SubgraphRecord } from './records.ts';
import type { RegistryState, RegistryStore } from './store.ts';

// The composer and the proposal check are imported the first time the registry composes: a gateway that
// serves the committed supergraph (nothing registered) never does, and the composer's package is about
// 12 MB of the process's resident memory (schema/public-schema.ts).
const composer = () => import('../../schema/compose.ts');
const proposalCheck = () => import('../../schema/proposal-check.ts');

/** Why a registry action was refused (the admin API answers with `code`). */
export class RegistryRefusal extends Error {
  readonly code: 'SCHEMA_COMPOSITION_FAILED' | 'SCHEMA_BREAKING_CHANGE' | 'NOT_FOUND' | 'BAD_USER_INPUT';
  readonly report: ProposalReport | undefined;
  constructor(code: RegistryRefusal['code'], message: string, report?: ProposalReport) {
    super(message);
    this.code = code;
    this.report = report;
  }
}

/** The outcome of a publish or a retirement. */
export interface RegistryChange {
  readonly version: number;
  readonly report: ProposalReport;
  /** The supergraph this replica serves now. */
  readonly supergraphHash: string;
}

/** The registry. */
export interface Registry {
  /** The subgraphs served now, and the pending proposals. */
  list(): Promise<{ version: number; subgraphs: ListedSubgraph[]; proposals: SubgraphRecord[] }>;
  /** Every operation the checks look for: recorded traffic (every replica's, with PostgreSQL) and the persisted list. */
  operations(): Promise<KnownOperation[]>;
  /** Check a proposal against the served supergraph; stores nothing. */
  check(record: SubgraphRecord): Promise<ProposalReport>;
  /** Check and keep a proposal (refused when it does not compose). */
  propose(record: SubgraphRecord): Promise<ProposalReport>;
  /** Publish `record` (or the stored proposal of `name`) and switch to it; refused on composition errors, and on breaking changes unless allowed. */
  publish(name: string, record: SubgraphRecord | undefined, allowBreaking: boolean): Promise<RegistryChange>;
  /** Remove a registered subgraph (a built-in returns to its release's schema); same checks as publish. */
  retire(name: string, allowBreaking: boolean): Promise<RegistryChange>;
  /** Follow the store: reload when another replica changes it. */
  watch(): void;
  close(): Promise<void>;
}

/** What the registry needs. */
export interface RegistryOptions {
  readonly store: RegistryStore;
  readonly recorder: OperationRecorder;
  /** Bodies of the persisted operations (PERSISTED_OPERATIONS_FILE). */
  readonly persistedBodies: readonly string[];
  readonly logger: Logger;
  /** How often this replica's traffic counts are written to a shared store. */
  readonly pollMs: number;
}

/** The registry's view at start: the state, the records by name and the supergraph to serve first. */
export interface InitialRegistry {
  readonly state: RegistryState;
  readonly builtIns: readonly SubgraphRecord[];
  readonly supergraphSdl: string;
}

/**
 * What to serve at start: the committed supergraph when nothing is registered (as before the registry);
 * otherwise the composition of the release's subgraphs with the registered ones (it must compose).
 */
export async function loadInitialRegistry(store: RegistryStore, supergraphFile: string): Promise<InitialRegistry> {
  const [state, builtIns] = await Promise.all([store.read(), builtInRecords()]);
  if (state.subgraphs.length === 0) return { state, builtIns, supergraphSdl: await readFile(supergraphFile, 'utf8') };
  const composed = (await composer()).composeSubgraphs(effectiveSubgraphs(builtIns, state.subgraphs));
  if (!composed.ok) throw new Error(`the registry's subgraphs do not compose: ${composed.errors.join('; ')}`);
  return { state, builtIns, supergraphSdl: composed.supergraphSdl };
}

/** The per-subgraph options a generation is built with (not in the supergraph): a change of one rebuilds it. */
export function generationOptions(subgraphs: readonly SubgraphRecord[]): string {
  return JSON.stringify(subgraphs.map((record) => [record.name, record.timeoutMs ?? null, record.personalData]));
}

/** Create the registry over `live` (whose generations read records through `recordOf`). */
export function createRegistry<S>(initial: InitialRegistry, live: LiveSchema<S>, options: RegistryOptions): Registry & { readonly recordOf: (name: string) => SubgraphRecord | undefined } {
  const { store, recorder, logger } = options;
  let records = new Map(effectiveSubgraphs(initial.builtIns, initial.state.subgraphs).map((record) => [record.name, record]));
  let servedVersion = initial.state.version;
  let writes: Promise<unknown> = Promise.resolve();
  let shareTimer: NodeJS.Timeout | undefined;
  const pollMs = options.pollMs;

  /**
   * This replica's new counts into the shared store, when there is one. One write at a time: a reader
   * that shares first must also wait for the timer's write of counts it already took.
   */
  let sharing: Promise<void> = Promise.resolve();
  const share = (): Promise<void> => {
    const operationsStore = store.operations;
    if (!operationsStore) return Promise.resolve();
    const next = sharing.catch(() => undefined).then(() => operationsStore.add(recorder.takeUnshared()));
    sharing = next;
    return next;
  };

  const operations = async (): Promise<KnownOperation[]> => {
    let recorded = recorder.list();
    if (store.operations) {
      await share();
      recorded = await store.operations.read();
    }
    const persisted = persistedKnownOperations(options.persistedBodies, recorded);
    const persistedHashes = new Set(persisted.map((operation) => operation.hash));
    return [...persisted, ...recorded.filter((operation) => !persistedHashes.has(operation.hash))];
  };

  const checkAgainstServed = async (subgraphs: readonly SubgraphRecord[]): Promise<ProposalReport> =>
    (await proposalCheck()).checkProposal(live.current().supergraphSdl, subgraphs, await operations());

  /** Serve `state` when it differs from what is served (composition refused: keep the served supergraph). */
  const follow = async (state: RegistryState): Promise<void> => {
    const subgraphs = effectiveSubgraphs(initial.builtIns, state.subgraphs);
    const composed = (await composer()).composeSubgraphs(subgraphs);
    if (!composed.ok) {
      logger.error({ version: state.version, errors: composed.errors }, 'the registry does not compose: keeping the served supergraph');
      return;
    }
    const previous = records;
    records = new Map(subgraphs.map((record) => [record.name, record]));
    try {
      await live.replace(state.subgraphs.length === 0 && initial.state.subgraphs.length === 0 ? initial.supergraphSdl : composed.supergraphSdl, generationOptions(subgraphs));
      servedVersion = state.version;
    } catch (error) {
      records = previous;
      logger.error({ err: error, version: state.version }, 'the new supergraph could not be loaded: keeping the served one');
      throw error;
    }
  };

  const serialized = <T>(work: () => Promise<T>): Promise<T> => {
    const run = writes.then(work);
    writes = run.catch(() => undefined);
    return run;
  };

  const withRecord = (subgraphs: readonly ListedSubgraph[], record: SubgraphRecord): SubgraphRecord[] =>
    subgraphs.some((each) => each.name === record.name) ? subgraphs.map((each) => (each.name === record.name ? record : each)) : [...subgraphs, record];

  const apply = async (report: ProposalReport, allowBreaking: boolean, change: (state: RegistryState) => Omit<RegistryState, 'version'>): Promise<RegistryChange> => {
    if (!report.composes) throw new RegistryRefusal('SCHEMA_COMPOSITION_FAILED', 'The subgraphs would not compose; nothing was changed.', report);
    if (!(await proposalCheck()).passes(report, allowBreaking))
      throw new RegistryRefusal('SCHEMA_BREAKING_CHANGE', 'The change breaks the schema clients use; nothing was changed (allow it explicitly once they are ready).', report);
    const state = await store.update(change);
    await follow(state);
    return { version: state.version, report, supergraphHash: live.current().hash };
  };

  return {
    recordOf: (name) => records.get(name),
    async list() {
      const state = await store.read();
      return { version: state.version, subgraphs: effectiveSubgraphs(initial.builtIns, state.subgraphs), proposals: [...state.proposals] };
    },
    operations,
    async check(record) {
      const state = await store.read();
      return await checkAgainstServed(withRecord(effectiveSubgraphs(initial.builtIns, state.subgraphs), record));
    },
    propose: (record) =>
      serialized(async () => {
        const state = await store.read();
        const report = await checkAgainstServed(withRecord(effectiveSubgraphs(initial.builtIns, state.subgraphs), record));
        if (!report.composes) throw new RegistryRefusal('SCHEMA_COMPOSITION_FAILED', 'The proposal does not compose with the other subgraphs; it was not kept.', report);
        await store.update((latest) => ({ subgraphs: latest.subgraphs, proposals: [...latest.proposals.filter((each) => each.name !== record.name), record] }));
        return report;
      }),
    publish: (name, given, allowBreaking) =>
      serialized(async () => {
        const state = await store.read();
        const record = given ?? state.proposals.find((each) => each.name === name);
        if (!record) throw new RegistryRefusal('NOT_FOUND', `There is no proposal for ${name}: propose it first, or publish with its record.`);
        if (record.name !== name) throw new RegistryRefusal('BAD_USER_INPUT', `The record is named ${record.name}, not ${name}.`);
        const report = await checkAgainstServed(withRecord(effectiveSubgraphs(initial.builtIns, state.subgraphs), record));
        return apply(report, allowBreaking, (latest) => ({
          subgraphs: [...latest.subgraphs.filter((each) => each.name !== name), record],
          proposals: latest.proposals.filter((each) => each.name !== name),
        }));
      }),
    retire: (name, allowBreaking) =>
      serialized(async () => {
        const state = await store.read();
        if (!state.subgraphs.some((each) => each.name === name)) {
          if (initial.builtIns.some((each) => each.name === name))
            throw new RegistryRefusal('BAD_USER_INPUT', `${name} is part of the release (schema/subgraphs.ts): it leaves with a release, not through the registry.`);
          throw new RegistryRefusal('NOT_FOUND', `No registered subgraph is named ${name}.`);
        }
        const remaining = effectiveSubgraphs(
          initial.builtIns,
          state.subgraphs.filter((each) => each.name !== name),
        );
        const report = await checkAgainstServed(remaining);
        return apply(report, allowBreaking, (latest) => ({ subgraphs: latest.subgraphs.filter((each) => each.name !== name), proposals: latest.proposals.filter((each) => each.name !== name) }));
      }),
    watch() {
      // With a shared store, each replica's traffic counts reach the others at every poll.
      if (store.operations) {
        shareTimer = setInterval(() => void share().catch((error: unknown) => logger.warn({ err: error }, 'recording operations in the registry failed')), pollMs);
        shareTimer.unref();
      }
      store.watch(() => {
        void serialized(async () => {
          const state = await store.read();
          if (state.version !== servedVersion) await follow(state);
        }).catch((error: unknown) => logger.error({ err: error }, 'registry reload failed'));
      });
    },
    async close() {
      clearInterval(shareTimer);
      await share().catch(() => undefined);
      await writes;
      await store.close();
    },
  };
}
