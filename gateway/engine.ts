// The federation engine behind one small interface, so that the query planner (Apollo's, under the
// Elastic License 2.0) could be replaced by an MIT one without touching the HTTP layer. The gateway
// runs executor/index.ts (Apollo's planner, our executor); createApolloEngine, @apollo/gateway's own
// executor, stays as the reference the executor's tests compare with.
import { createHash } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import type { GatewayGraphQLRequestContext, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { DocumentNode, ExecutionResult, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { Logger } from '../subgraphs/kit/logger.ts';
import { SubgraphDataSource } from './subgraph-data-source.ts';
import type { GatewayContext, SubgraphCallOptions } from './subgraph-data-source.ts';
import type { CircuitState } from './circuit-breaker.ts';

/** One operation ready to run: parsed, validated, variables coerced. */
export interface EngineRequest {
  readonly query: string;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly operationName: string | undefined;
  /** As the client sent them (subgraphs get these). */
  readonly variables: Record<string, unknown>;
  /** Coerced, with defaults applied (for @skip/@include); `variables` when absent. */
  readonly coercedVariables?: Record<string, unknown>;
  readonly context: GatewayContext;
}

/** Plans and executes operations over the subgraphs. */
export interface FederationEngine {
  /** The public (API) schema clients validate against. */
  readonly schema: GraphQLSchema;
  execute(request: EngineRequest): Promise<ExecutionResult>;
  /** Each subgraph's circuit state, for the readiness report. */
  subgraphStates(): Record<string, CircuitState>;
  stop(): Promise<void>;
}

/** Engine options. */
export interface EngineOptions {
  readonly supergraphSdl: string;
  /** Subgraph URL overrides by name. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /** Timeout, retries, pool size and circuit breaker of each subgraph. */
  readonly callOptions: (name: string) => SubgraphCallOptions;
  readonly logger: Logger;
}

/** Create the engine on @apollo/gateway's planner and executor (the reference for tests). */
export async function createApolloEngine(options: EngineOptions): Promise<FederationEngine> {
  // @apollo/gateway phones home (usage metrics) unless this is set; a city network must never see that.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  const sources = new Map<string, SubgraphDataSource>();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => {
      const source = new SubgraphDataSource(name, options.subgraphUrls[name] ?? url ?? '', options.callOptions(name));
      sources.set(name, source);
      return source;
    },
    logger: options.logger,
  });
  const { schema, executor } = await gateway.load();
  const run = executor as unknown as (requestContext: GatewayGraphQLRequestContext<GatewayContext>) => Promise<GatewayGraphQLResponse>;
  return {
    schema,
    async execute(request) {
      const requestContext = {
        request: { query: request.query, operationName: request.operationName, variables: request.variables },
        document: request.document,
        source: request.query,
        operation: request.operation,
        operationName: request.operation.name?.value ?? null,
        // Without a distinct hash per query the executor reuses an earlier query's plan.
        queryHash: createHash('sha256').update(request.query).digest('hex'),
        context: request.context,
        schema,
        metrics: {},
        logger: options.logger,
        overallCachePolicy: {},
      } as unknown as GatewayGraphQLRequestContext<GatewayContext>;
      return (await run(requestContext)) as ExecutionResult;
    },
    subgraphStates: () => Object.fromEntries([...sources].map(([name, source]) => [name, source.breaker.state])),
    async stop() {
      await gateway.stop();
      await Promise.all([...sources.values()].map((source) => source.close()));
    },
  };
}
