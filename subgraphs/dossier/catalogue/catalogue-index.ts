// The search index of one replica: built from the database at start, rebuilt when the catalogue's
// revision (history.ts) moved. This replica's own edits show at once (`changed`); another replica's within
// DOSSIER_CATALOGUE_REFRESH_MS, the longest this one goes without reading the revision. While the
// subgraph runs, that reading is done in the background (`keepFresh`), so no request waits for it or for
// a rebuild after another replica's edit; without it (a bare index), the request that finds the index
// older than the interval reads the revision first. Concurrent callers share one rebuild; if the database
// cannot be read, the last index keeps answering.
import type { Logger } from '../../../platform/logger.ts';
import type { Agency, FaqEntry, PrismaClient, Procedure } from '../prisma/generated/client.ts';
import { SYNONYMS } from './data/synonyms.ts';
import { readCatalogueRevision } from './history.ts';
import { faqDocument, procedureDocument } from './search/documents.ts';
import { SearchIndex } from './search/engine.ts';
import { SynonymRewriter } from './search/synonyms.ts';

/** One version of the catalogue: its index and the records the index was built from. */
export interface CatalogueSnapshot {
  readonly index: SearchIndex;
  readonly revision: number;
  readonly procedures: ReadonlyMap<string, Procedure>;
  readonly faqEntries: ReadonlyMap<string, FaqEntry>;
  readonly agencies: ReadonlyMap<string, Agency>;
}

/** How the index keeps up. */
export interface CatalogueIndexOptions {
  readonly refreshMs: number;
  readonly logger: Logger;
}

/** A replica's search index over the catalogue. */
export class CatalogueIndex {
  readonly #db: PrismaClient;
  readonly #options: CatalogueIndexOptions;
  readonly #rewriter = new SynonymRewriter(SYNONYMS);
  #snapshot: CatalogueSnapshot | undefined;
  /** Bumped by this replica's edits; a snapshot of an older generation is rebuilt before use. */
  #generation = 0;
  #builtGeneration = -1;
  #checkedAt = 0;
  #pending: Promise<void> | undefined;
  /** keepFresh's timer, while it runs: requests do not check the revision themselves then. */
  #keeper: ReturnType<typeof setInterval> | undefined;

  constructor(db: PrismaClient, options: CatalogueIndexOptions) {
    this.#db = db;
    this.#options = options;
  }

  /** The current version: rebuilt first if this replica edited since, or another one did (checked every refreshMs). */
  async snapshot(): Promise<CatalogueSnapshot> {
    while (!this.#isFresh()) await this.#shared();
    return this.#snapshot as CatalogueSnapshot;
  }

  /** The refresh under way, or a new one. */
  #shared(): Promise<void> {
    this.#pending ??= this.#refresh().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /**
   * Read the revision every refreshMs in the background (rebuilding when another replica changed the
   * catalogue) instead of in the requests; returns the stop, which waits for a refresh under way.
   */
  keepFresh(): () => Promise<void> {
    const timer = setInterval(() => void this.#shared().catch(() => undefined), this.#options.refreshMs);
    timer.unref();
    this.#keeper = timer;
    return async () => {
      clearInterval(timer);
      if (this.#keeper === timer) this.#keeper = undefined;
      await this.#pending?.catch(() => undefined);
    };
  }

  /** This replica changed the catalogue: the next search rebuilds. */
  changed(): void {
    this.#generation += 1;
  }

  #isFresh(): boolean {
    return this.#snapshot !== undefined && this.#builtGeneration === this.#generation && (this.#keeper !== undefined || Date.now() - this.#checkedAt < this.#options.refreshMs);
  }

  async #refresh(): Promise<void> {
    const generation = this.#generation;
    try {
      const revision = await readCatalogueRevision(this.#db);
      if (this.#snapshot === undefined || this.#snapshot.revision !== revision) this.#snapshot = await this.#build(revision);
    } catch (error) {
      // Without a first index there is nothing to answer from: the caller gets the error.
      if (this.#snapshot === undefined) throw error;
      this.#options.logger.warn({ err: error }, 'catalogue index not refreshed; answering from the last one');
    }
    this.#checkedAt = Date.now();
    this.#builtGeneration = generation;
  }

  async #build(revision: number): Promise<CatalogueSnapshot> {
    const [procedures, faqEntries, agencies] = await Promise.all([this.#db.procedure.findMany(), this.#db.faqEntry.findMany(), this.#db.agency.findMany()]);
    const started = performance.now();
    const agencyByCode = new Map(agencies.map((agency) => [agency.code, agency]));
    const documents = [
      ...procedures.map((procedure) => procedureDocument(procedure, agencyByCode.get(procedure.agencyCode)?.name)),
      ...faqEntries.map((entry) => faqDocument(entry, entry.agencyCode ? agencyByCode.get(entry.agencyCode)?.name : undefined)),
    ];
    const index = SearchIndex.build(documents, this.#rewriter);
    this.#options.logger.info({ revision, sources: index.size, buildMs: Math.round(performance.now() - started) }, 'catalogue index built');
    return {
      index,
      revision,
      procedures: new Map(procedures.map((procedure) => [procedure.code, procedure])),
      faqEntries: new Map(faqEntries.map((entry) => [entry.code, entry])),
      agencies: agencyByCode,
    };
  }
}
