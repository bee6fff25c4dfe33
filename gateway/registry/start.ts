// Wires the registry into a gateway: the store (file or PostgreSQL), the operation recorder, the live
// supergraph whose generations are built by `toServices`, and the watch that reloads on every change.
import type { Logger } from '../../platform/logger.ts';
import type { GatewayConfig } from '../config.ts';
import type { GatewayMetrics } from '../metrics.ts';
import { buildSchemaServices } from './generation.ts';
import type { SchemaServices } from './generation.ts';
import { createRegistry, generationOptions, loadInitialRegistry } from './index.ts';
import { effectiveSubgraphs } from './records.ts';
import type { Registry } from './index.ts';
import { createLiveSchema } from './live.ts';
import type { LiveSchema } from './live.ts';
import { createOperationRecorder } from './operations.ts';
import { createPostgresRegistryStore } from './postgres-store.ts';
import { createFileRegistryStore } from './store.ts';

/** Operations planned before a new supergraph takes traffic (the busiest recorded, then the persisted). */
const WARM_OPERATIONS = 200;

/** What the gateway needs to start its registry. */
export interface SchemaRegistryOptions<S> {
  readonly config: GatewayConfig;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly persistedBodies: readonly string[];
  /** The services a request uses, from one generation's schema services. */
  readonly toServices: (schema: SchemaServices) => S;
}

/** Start the registry and build the first generation (the gateway serves `live.current()`). */
export async function startSchemaRegistry<S extends { readonly engine: SchemaServices['engine'] }>(options: SchemaRegistryOptions<S>): Promise<{ live: LiveSchema<S>; registry: Registry }> {
  const { config, logger } = options;
  const log = logger.child({ component: 'registry' });
  const store = config.registryDatabaseUrl
    ? await createPostgresRegistryStore(config.registryDatabaseUrl, config.registryPollMs, (error) => log.warn({ err: error }, 'registry database problem'))
    : createFileRegistryStore(config.registryFile, config.registryPollMs);
  const recorder = createOperationRecorder();
  const initial = await loadInitialRegistry(store, config.supergraphFile);
  const schemaOf = new WeakMap<S, SchemaServices>();
  // The registry is created after the first generation; until then, records come from the initial state.
  let recordOf: (name: string) => { timeoutMs?: number | undefined; personalData: boolean } | undefined = (name) =>
    initial.state.subgraphs.find((record) => record.name === name) ?? initial.builtIns.find((record) => record.name === name);
  const live = await createLiveSchema<S>(
    initial.supergraphSdl,
    generationOptions(effectiveSubgraphs(initial.builtIns, initial.state.subgraphs)),
    {
      async build(supergraphSdl) {
        const schema = await buildSchemaServices(supergraphSdl, { config, metrics: options.metrics, logger, recorder, record: (name) => recordOf(name) });
        const services = options.toServices(schema);
        schemaOf.set(services, schema);
        return services;
      },
      async warm(services) {
        const texts = [...new Set([...recorder.warmTexts(WARM_OPERATIONS), ...options.persistedBodies.slice(0, WARM_OPERATIONS)])];
        await schemaOf.get(services)?.warm(texts);
      },
      stop: (services) => services.engine.stop(),
    },
    log,
  );
  const registry = createRegistry(initial, live, { store, recorder, persistedBodies: options.persistedBodies, logger: log, pollMs: config.registryPollMs });
  recordOf = registry.recordOf;
  registry.watch();
  return { live, registry };
}
