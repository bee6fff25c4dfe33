// The supergraph the gateway serves, replaceable while it runs: each version is a generation of the
// schema-bound services (engine, caches, authorizer). A request runs to its end on the generation it
// started on; a new one is built, warmed and only then made current; the old one stops after its last
// request ended. A generation that cannot be built never replaces the current one.
import { createHash } from 'node:crypto';
import type { Logger } from '../../platform/logger.ts';

/** One version of the supergraph and the services built on it. */
export interface SchemaGeneration<S> {
  /** 1 for the supergraph the gateway started with, then one more per reload. */
  readonly id: number;
  readonly supergraphSdl: string;
  /** sha256 of the supergraph (hex). */
  readonly hash: string;
  /** What else the services were built from (the registry's per-subgraph options): a change rebuilds them too. */
  readonly options: string;
  readonly services: S;
}

/** How generations are built and stopped. */
export interface GenerationFactory<S> {
  build(supergraphSdl: string): Promise<S>;
  /** Plan the operations clients are known to send, before the generation takes traffic. */
  warm(services: S): Promise<void>;
  stop(services: S): Promise<void>;
}

/** The live supergraph. */
export interface LiveSchema<S> {
  current(): SchemaGeneration<S>;
  /** Run `work` on the current generation; that generation is not stopped before `work` settles. */
  use<T>(work: (services: S) => Promise<T>): Promise<T>;
  /**
   * Build, warm and switch to `supergraphSdl` (one reload at a time). Resolves false when it is the
   * current one already; rejects, keeping the current generation, when it cannot be built.
   */
  replace(supergraphSdl: string, options: string): Promise<boolean>;
  stop(): Promise<void>;
}

interface Slot<S> {
  readonly generation: SchemaGeneration<S>;
  active: number;
  retired: boolean;
  stopped: Promise<void> | undefined;
}

/** sha256 of a supergraph. */
export function supergraphHash(supergraphSdl: string): string {
  return createHash('sha256').update(supergraphSdl).digest('hex');
}

/** Build the first generation on `supergraphSdl`. */
export async function createLiveSchema<S>(supergraphSdl: string, options: string, factory: GenerationFactory<S>, logger: Logger): Promise<LiveSchema<S>> {
  let slot: Slot<S> = {
    generation: { id: 1, supergraphSdl, hash: supergraphHash(supergraphSdl), options, services: await factory.build(supergraphSdl) },
    active: 0,
    retired: false,
    stopped: undefined,
  };
  let reloads: Promise<unknown> = Promise.resolve();
  // Every generation not yet stopped (replaced ones still finishing their requests, and the current one).
  const running = new Set<Slot<S>>([slot]);

  const stopIfDrained = (old: Slot<S>): void => {
    if (!old.retired || old.active > 0 || old.stopped) return;
    running.delete(old);
    old.stopped = factory.stop(old.generation.services).catch((error: unknown) => logger.warn({ err: error, generation: old.generation.id }, 'stopping a replaced supergraph failed'));
  };

  return {
    current: () => slot.generation,
    async use(work) {
      const used = slot;
      used.active += 1;
      try {
        return await work(used.generation.services);
      } finally {
        used.active -= 1;
        stopIfDrained(used);
      }
    },
    replace(nextSdl, nextOptions) {
      const run = reloads.then(async () => {
        const hash = supergraphHash(nextSdl);
        if (hash === slot.generation.hash && nextOptions === slot.generation.options) return false;
        const started = performance.now();
        const services = await factory.build(nextSdl);
        try {
          await factory.warm(services);
        } catch (error) {
          await factory.stop(services).catch(() => undefined);
          throw error;
        }
        const old = slot;
        slot = { generation: { id: old.generation.id + 1, supergraphSdl: nextSdl, hash, options: nextOptions, services }, active: 0, retired: false, stopped: undefined };
        running.add(slot);
        old.retired = true;
        stopIfDrained(old);
        logger.info({ generation: slot.generation.id, supergraph: hash.slice(0, 12), ms: Math.round(performance.now() - started) }, 'supergraph reloaded');
        return true;
      });
      reloads = run.catch(() => undefined);
      return run;
    },
    async stop() {
      await reloads;
      // Requests still running when the server closes have had the shutdown grace: stop every generation now.
      const stopping = [...running].map((each) => {
        each.retired = true;
        each.active = 0;
        stopIfDrained(each);
        return each.stopped ?? Promise.resolve();
      });
      await Promise.all(stopping);
    },
  };
}
