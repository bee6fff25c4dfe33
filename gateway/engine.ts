// The federation engine behind one small interface, so the HTTP layer (server.ts) does not know how
// operations are planned and run. The gateway runs executor/index.ts: the Rust query planner of the
// Hive Router (MIT, in its own process) plans, and our own executor runs every plan.
import type { DocumentNode, ExecutionResult, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import type { ErrorCode } from '../schema/errors.ts';
import type { Logger } from '../platform/logger.ts';
import type { GatewayContext, SubgraphCallOptions } from './subgraph-data-source.ts';
import type { CircuitState } from './circuit-breaker.ts';
import type { GatewayMetrics } from './metrics.ts';

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
  /** Run one operation. Rejects with EngineRefusal when the whole request fails with a code. */
  execute(request: EngineRequest): Promise<ExecutionResult>;
  /**
   * Route one subscription: the subgraph that owns its root field, the operation to send it, and how to
   * shape each event for the client. Rejects with EngineRefusal (planning failed, not routable).
   */
  subscribe(request: EngineRequest): Promise<SubscriptionRoute>;
  /** Plan one operation ahead of traffic (a supergraph reload warms its plans); resolves whether it has a plan. */
  warm?(operation: Pick<EngineRequest, 'query' | 'document' | 'operation' | 'operationName'>): Promise<boolean>;
  /** Each subgraph's circuit state, for the readiness report. */
  subgraphStates(): Record<string, CircuitState>;
  stop(): Promise<void>;
}

/** Where a subscription goes, and how its events come back. */
export interface SubscriptionRoute {
  /** The owning subgraph's name and its GraphQL URL (the gateway opens graphql-ws to it). */
  readonly service: string;
  readonly url: string;
  /** The operation for the subgraph, and the client's variables it uses. */
  readonly query: string;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown>;
  /** One event as the subgraph sent it, shaped for the client (its fields, aliases and order). */
  shape(event: ExecutionResult): ExecutionResult;
}

/** The engine refuses the whole request (planning failed, @defer): the server answers with this code. */
export class EngineRefusal extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Engine options. */
export interface EngineOptions {
  readonly supergraphSdl: string;
  /** Subgraph URL overrides by name. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /** Timeout, retries, pool size and circuit breaker of each subgraph. */
  readonly callOptions: (name: string) => SubgraphCallOptions;
  readonly logger: Logger;
  /** Plan-cache hits and subgraph dedup savings go here (none recorded when absent). */
  readonly metrics?: GatewayMetrics | undefined;
}
