// The schema-bound services of one supergraph generation (live.ts): the engine with its planner process
// and subgraph connections, the operation cache (which records traffic), the authorizer, the cost measurer
// and the code-lookup counter. Each subgraph's timeout and personal-data flag come from the registry.
import { getOperationAST } from 'graphql';
import type { Logger } from '../../platform/logger.ts';
import { createAuthorizer, readRequirements } from '../authorization.ts';
import type { Authorizer } from '../authorization.ts';
import { createCodeLookupCounter } from '../code-lookups.ts';
import type { CodeLookupCounter } from '../code-lookups.ts';
import type { GatewayConfig } from '../config.ts';
import type { FederationEngine } from '../engine.ts';
import { createPlanEngine } from '../executor/index.ts';
import { createOperationMeasurer } from '../limits.ts';
import type { OperationMeasurer } from '../limits.ts';
import type { GatewayMetrics } from '../metrics.ts';
import { createOperationCache } from '../operation-cache.ts';
import type { PreparedDocument } from '../operation-cache.ts';
import type { OperationRecorder } from './operations.ts';
import type { SubgraphRecord } from './records.ts';

/** What the request pipeline uses that depends on the supergraph. */
export interface SchemaServices {
  readonly engine: FederationEngine;
  readonly prepare: (query: string) => PreparedDocument;
  readonly authorize: Authorizer;
  readonly measure: OperationMeasurer;
  readonly countCodeLookups: CodeLookupCounter;
  /** Parse, validate and plan these texts (not counted as traffic); resolves to how many were planned. */
  warm(texts: readonly string[]): Promise<number>;
}

/** What every generation shares. */
export interface GenerationDependencies {
  readonly config: GatewayConfig;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  readonly recorder: OperationRecorder;
  /** The registry's record of a subgraph, when it has one. */
  readonly record: (name: string) => Pick<SubgraphRecord, 'timeoutMs' | 'personalData'> | undefined;
}

/** Build the services of one supergraph. */
export async function buildSchemaServices(supergraphSdl: string, dependencies: GenerationDependencies): Promise<SchemaServices> {
  const { config, metrics, recorder } = dependencies;
  const engine = await createPlanEngine({
    metrics,
    supergraphSdl,
    subgraphDedup: config.subgraphDedup,
    subgraphUrls: config.subgraphUrls,
    callOptions: (name) => {
      const record = dependencies.record(name);
      return {
        timeoutMs: config.subgraphTimeouts[name] ?? record?.timeoutMs ?? config.subgraphTimeoutMs,
        retries: config.subgraphRetries,
        connections: config.subgraphConnections,
        circuit: { failureThreshold: config.circuitFailureThreshold, resetMs: config.circuitResetMs },
        observe: (outcome, seconds) => metrics.subgraphCall(name, outcome, seconds),
        personalData: record?.personalData ?? true,
      };
    },
    logger: dependencies.logger.child({ component: 'engine' }),
  });
  const cached = createOperationCache(engine.schema, config, undefined, (hit) => metrics.cacheLookup('operation', hit));
  return {
    engine,
    prepare: (query) => {
      const prepared = cached(query);
      if (prepared.ok) recorder.record(prepared.document, query);
      return prepared;
    },
    authorize: createAuthorizer(engine.schema, readRequirements(supergraphSdl)),
    measure: createOperationMeasurer(engine.schema, config.limits.defaultListSize),
    countCodeLookups: createCodeLookupCounter(engine.schema),
    async warm(texts) {
      let planned = 0;
      for (const query of texts) {
        const prepared = cached(query);
        if (!prepared.ok) continue;
        const operation = getOperationAST(prepared.document);
        if (!operation || !engine.warm) continue;
        if (await engine.warm({ query, document: prepared.document, operation, operationName: operation.name?.value })) planned += 1;
      }
      return planned;
    },
  };
}
