// The federation engine on our own plan executor: Apollo's QueryPlanner plans each operation once
// (cached per operation), execute-plan.ts runs the plan against the subgraphs, and a shaper compiled
// once per plan builds the client's response. Plans this executor does not run (@defer, data rewrites
// for @interfaceObject/@fromContext, introspection) go to @apollo/gateway's executor instead.
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import type { ServiceMap } from '@apollo/gateway/dist/executeQueryPlan.js';
import { QueryPlanner } from '@apollo/query-planner';
import type { QueryPlan } from '@apollo/query-planner';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError, Kind } from 'graphql';
import type { DocumentNode, ExecutionResult, FragmentDefinitionNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { EngineOptions, EngineRequest, FederationEngine } from '../engine.ts';
import { SubgraphDataSource } from '../subgraph-data-source.ts';
import { compilePlan, executeNode, UnsupportedPlan } from './execute-plan.ts';
import type { CompiledNode, PlanRun, SubgraphSender } from './execute-plan.ts';
import { compileShaper, conditionVariables, fragmentsOf } from './shape-result.ts';
import type { ResultShaper } from './shape-result.ts';
import { dedupSubgraphRequests } from './subgraph-dedup.ts';

export { UnsupportedPlan } from './execute-plan.ts';

/** Options of the plan engine. */
export interface PlanEngineOptions extends EngineOptions {
  /** Share identical in-flight subgraph queries of the same viewer (see subgraph-dedup.ts). */
  readonly subgraphDedup: boolean;
  /** Plans kept by operation text (default 1000). */
  readonly planCacheSize?: number;
}

/** An operation's plan, compiled. */
interface PreparedPlan {
  readonly plan: QueryPlan;
  /** The compiled plan, or undefined when Apollo's executor runs it (see `fallbackReason`). */
  readonly root: CompiledNode | undefined;
  readonly fallbackReason: string | undefined;
  readonly operation: OperationDefinitionNode;
  readonly document: DocumentNode;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Variables read by @skip/@include: each combination of their values has its own shaper. */
  readonly conditionVariables: readonly string[];
  readonly shapers: Map<string, ResultShaper>;
}

/** Create the engine: Apollo's planner, our executor and shaper. */
export async function createPlanEngine(options: PlanEngineOptions): Promise<FederationEngine> {
  // @apollo/gateway's fallback executor must never phone home either.
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  const supergraph = Supergraph.build(options.supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const schema = apiSchema.toGraphQLJSSchema();
  const supergraphSchema = supergraph.schema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph, { exposeDocumentNodeInFetchNode: false });
  const sources = new Map<string, SubgraphDataSource>();
  for (const { name, url } of supergraph.subgraphsMetadata()) {
    sources.set(name, new SubgraphDataSource(name, options.subgraphUrls[name] ?? url, options.callOptions(name)));
  }
  const direct: SubgraphSender = (request, context) => {
    const source = sources.get(request.service);
    if (!source) return Promise.reject(new Error(`Unknown subgraph "${request.service}".`));
    return source.send(`${request.prefix}${request.variables}}`, request.shareable, context);
  };
  const send = options.subgraphDedup ? dedupSubgraphRequests(direct) : direct;

  // Plans by operation object (the operation cache and authorizer hand out the same object for the
  // same query), then by text, so a plan is built once per operation and viewer capability set at most.
  const byOperation = new WeakMap<OperationDefinitionNode, PreparedPlan>();
  const byText = new LRUCache<string, PreparedPlan>({ max: options.planCacheSize ?? 1_000 });

  function prepare(request: EngineRequest): PreparedPlan {
    const known = byOperation.get(request.operation);
    if (known) return known;
    const operationName = request.operation.name?.value;
    const textKey = `${operationName ?? ''}\n${request.query}`;
    let prepared = byText.get(textKey);
    if (!prepared) {
      const operation = operationFromDocument(apiSchema, request.document, { operationName, validate: false });
      const plan = planner.buildQueryPlan(operation);
      const fragments = fragmentsOf(request.document.definitions);
      let root: CompiledNode | undefined;
      let fallbackReason: string | undefined;
      try {
        if (plan.node?.kind === 'Subscription') throw new UnsupportedPlan('subscription');
        if (hasIntrospection(request.operation.selectionSet, fragments)) throw new UnsupportedPlan('introspection');
        root = plan.node ? compilePlan(plan.node, supergraphSchema) : { kind: 'Sequence', nodes: [] };
      } catch (error) {
        if (!(error instanceof UnsupportedPlan)) throw error;
        fallbackReason = error.message;
        options.logger.debug({ reason: fallbackReason, operationName }, "plan runs on Apollo's executor");
      }
      prepared = {
        plan,
        root,
        fallbackReason,
        operation: request.operation,
        document: request.document,
        fragments,
        conditionVariables: conditionVariables(request.operation, fragments),
        shapers: new Map(),
      };
      byText.set(textKey, prepared);
    }
    byOperation.set(request.operation, prepared);
    return prepared;
  }

  function shaperFor(prepared: PreparedPlan, variables: Readonly<Record<string, unknown>>): ResultShaper {
    const key = prepared.conditionVariables.map((name) => (variables[name] === true ? '1' : '0')).join('');
    let shaper = prepared.shapers.get(key);
    if (!shaper) {
      shaper = compileShaper(schema, prepared.operation, prepared.fragments, variables);
      prepared.shapers.set(key, shaper);
    }
    return shaper;
  }

  const serviceMap = Object.fromEntries(sources) as unknown as ServiceMap;
  async function runOnApollo(prepared: PreparedPlan, request: EngineRequest): Promise<ExecutionResult> {
    const requestContext = {
      request: { query: request.query, operationName: request.operationName, variables: request.variables },
      document: request.document,
      source: request.query,
      operation: request.operation,
      operationName: request.operation.name?.value ?? null,
      queryHash: request.query,
      context: request.context,
      schema,
      metrics: {},
      logger: options.logger,
      overallCachePolicy: {},
    } as unknown as GatewayGraphQLRequestContext;
    // Loaded on first use only: @apollo/gateway costs about 30 MB of resident memory.
    const { buildOperationContext, executeQueryPlan } = await import('@apollo/gateway');
    const operationContext = buildOperationContext({ schema, operationDocument: request.document, operationName: request.operation.name?.value });
    return (await executeQueryPlan(prepared.plan, serviceMap, requestContext, operationContext, supergraphSchema, apiSchema)) as ExecutionResult;
  }

  return {
    schema,
    async execute(request) {
      const prepared = prepare(request);
      if (!prepared.root) return runOnApollo(prepared, request);
      const coercedVariables = request.coercedVariables ?? request.variables;
      const run: PlanRun = { data: {}, errors: [], variables: request.variables, coercedVariables, context: request.context, send };
      await executeNode(prepared.root, run);
      const shaped = shaperFor(prepared, coercedVariables).shape(run.data, run.errors.length === 0);
      const errors: GraphQLError[] = shaped.errors.length > 0 ? [...run.errors, ...shaped.errors] : run.errors;
      return errors.length > 0 ? { data: shaped.data, errors } : { data: shaped.data };
    },
    subgraphStates: () => Object.fromEntries([...sources].map(([name, source]) => [name, source.breaker.state])),
    async stop() {
      await Promise.all([...sources.values()].map((source) => source.close()));
    },
  };
}

/** Whether the operation asks for __schema or __type (answered by Apollo's executor from the schema). */
function hasIntrospection(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>, seen = new Set<string>()): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === '__schema' || selection.name.value === '__type') return true;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (hasIntrospection(selection.selectionSet, fragments, seen)) return true;
    } else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment && hasIntrospection(fragment.selectionSet, fragments, seen)) return true;
    }
  }
  return false;
}
