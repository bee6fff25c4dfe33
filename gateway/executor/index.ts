// The federation engine on our own plan executor: the Hive Router's Rust query planner (MIT, in its
// own process: planner.ts) plans each operation once (cached per operation), execute-plan.ts runs
// every plan against the subgraphs, and a shaper compiled once per plan builds the client's response.
// Introspection is answered here from the public schema; @defer is refused with a code.
import type { FetchNode, QueryPlan } from '@graphql-hive/router-query-planner';
import { buildASTSchema, execute as executeGraphql, Kind, OperationTypeNode, parse, print } from 'graphql';
import type { DefinitionNode, DocumentNode, FragmentDefinitionNode, GraphQLError, GraphQLSchema, OperationDefinitionNode, SelectionNode, SelectionSetNode, ValueNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { supergraphToPublicDocument } from '../../schema/public-schema.ts';
import { EngineRefusal } from '../engine.ts';
import type { EngineOptions, EngineRequest, FederationEngine, SubscriptionRoute } from '../engine.ts';
import { SubgraphDataSource } from '../subgraph-data-source.ts';
import { compilePlan, executeNode } from './execute-plan.ts';
import type { CompiledNode, PlanRun, SubgraphSender } from './execute-plan.ts';
import { PlanningFailed, startPlanner } from './planner.ts';
import type { Planner } from './planner.ts';
import { compileShaper, conditionVariables, fragmentsOf } from './shape-result.ts';
import type { ResultShaper } from './shape-result.ts';
import { dedupSubgraphRequests } from './subgraph-dedup.ts';
import { NO_GATEWAY_METRICS } from '../metrics.ts';
import { traced, tracedSync } from '../../platform/tracing.ts';

/** Options of the plan engine. */
export interface PlanEngineOptions extends EngineOptions {
  /** Share identical in-flight subgraph queries of the same viewer (see subgraph-dedup.ts). */
  readonly subgraphDedup: boolean;
  /** Plans kept by operation text (default 1000). */
  readonly planCacheSize?: number;
  /** Labels of progressive `@override(label:)` that are on (default: none). */
  readonly activeOverrideLabels?: readonly string[];
  /** How long one operation may take to plan (default 10 s). */
  readonly planningTimeoutMs?: number;
}

/** An operation's plan, compiled (or why it has none). */
interface PreparedPlan {
  /** The compiled plan; undefined when no subgraph is needed (introspection only), or for a subscription. */
  readonly root: CompiledNode | undefined;
  /** A subscription's one fetch: the owning subgraph and the operation it is sent. */
  readonly subscription?: FetchNode;
  /** Planning failed: the request gets QUERY_PLANNING_FAILED (and so does every later one, unless `retry`). */
  readonly failed: boolean;
  /** The planner process crashed while planning several operations: no verdict on this one, not cached. */
  readonly retry?: boolean;
  readonly operation: OperationDefinitionNode;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** The `__schema` / `__type` part of the operation, answered from the public schema. */
  readonly introspection: DocumentNode | undefined;
  /** The `if` of every @defer in the operation (true when absent). */
  readonly deferConditions: readonly ValueNode[] | undefined;
  /** Variables read by @skip/@include: each combination of their values has its own shaper. */
  readonly conditionVariables: readonly string[];
  readonly shapers: Map<string, ResultShaper>;
}

// Span options built once: the phases of a request's trace (platform/tracing.ts).
const PLAN_SPAN = { attributes: { 'lien_thong.phase': 'plan' } };
const PLAN_CACHED_SPAN = { attributes: { 'lien_thong.phase': 'plan', 'lien_thong.cache_hit': true } };
const SHAPE_SPAN = { attributes: { 'lien_thong.phase': 'shape' } };
const NOTHING = () => undefined;

const DEFER_DIRECTIVE = 'directive @defer(label: String, if: Boolean! = true) on FRAGMENT_SPREAD | INLINE_FRAGMENT';

/**
 * The public schema clients validate against, from MIT code: the supergraph without its federation
 * machinery and without anything @inaccessible (types, fields, arguments, enum values). @defer is
 * declared so that using it gets its own refusal (DEFER_NOT_SUPPORTED), not "unknown directive".
 */
export function publicSchemaOf(supergraphSdl: string): GraphQLSchema {
  const document = supergraphToPublicDocument(parse(supergraphSdl));
  const withDefer = document.definitions.some((definition) => definition.kind === Kind.DIRECTIVE_DEFINITION && definition.name.value === 'defer')
    ? document
    : { ...document, definitions: [...document.definitions, ...parse(DEFER_DIRECTIVE).definitions] };
  return buildASTSchema(withDefer);
}

/** Create the engine: the Rust planner in its own process, our executor and shaper. */
export async function createPlanEngine(options: PlanEngineOptions): Promise<FederationEngine> {
  const schema = publicSchemaOf(options.supergraphSdl);
  // Type conditions of plans may name @inaccessible types: they are matched against the supergraph.
  const supergraphSchema = buildASTSchema(parse(options.supergraphSdl), { assumeValid: true, assumeValidSDL: true });
  const sources = new Map<string, SubgraphDataSource>();
  for (const { name, url } of joinGraphs(options.supergraphSdl)) {
    sources.set(name, new SubgraphDataSource(name, options.subgraphUrls[name] ?? url, options.callOptions(name)));
  }
  const planner: Planner = await startPlanner(options.supergraphSdl, { logger: options.logger, ...(options.planningTimeoutMs ? { timeoutMs: options.planningTimeoutMs } : {}) });
  const direct: SubgraphSender = (request, context) => {
    const source = sources.get(request.service);
    if (!source) return Promise.reject(new Error(`Unknown subgraph "${request.service}".`));
    return source.send(`${request.prefix}${request.variables}}`, request.shareable, context);
  };
  const metrics = options.metrics ?? NO_GATEWAY_METRICS;
  const send = options.subgraphDedup ? dedupSubgraphRequests(direct, () => metrics.deduplicated('subgraph')) : direct;
  const activeLabels = options.activeOverrideLabels ?? [];
  // Progressive @override by percentage: each request draws a value in [0, 100); a field is
  // overridden when the value is below its percentage. Plans differ only between the thresholds.
  const thresholds = [...new Set(planner.overridePercentages)].sort((a, b) => a - b);

  // Plans by operation object (the operation cache and authorizer hand out the same object for the
  // same query), then by text, so a plan is built once per operation (and percentage bucket) at most.
  const byOperation = new WeakMap<OperationDefinitionNode, PreparedPlan[]>();
  const byText = new LRUCache<string, PreparedPlan>({ max: options.planCacheSize ?? 1_000 });
  const planning = new Map<string, Promise<PreparedPlan>>();

  async function prepare(request: EngineRequest, bucket: number, percentage: number): Promise<PreparedPlan> {
    const operationName = request.operation.name?.value;
    const textKey = `${bucket}\n${operationName ?? ''}\n${request.query}`;
    let prepared = byText.get(textKey);
    metrics.cacheLookup('plan', prepared !== undefined);
    if (!prepared) {
      let inFlight = planning.get(textKey);
      if (!inFlight) {
        inFlight = planOperation(request, percentage).finally(() => planning.delete(textKey));
        planning.set(textKey, inFlight);
      }
      prepared = await inFlight;
      if (prepared.retry) return prepared;
      byText.set(textKey, prepared);
    }
    let perBucket = byOperation.get(request.operation);
    if (!perBucket) {
      perBucket = [];
      byOperation.set(request.operation, perBucket);
    }
    perBucket[bucket] = prepared;
    return prepared;
  }

  async function planOperation(request: EngineRequest, percentage: number): Promise<PreparedPlan> {
    const operationName = request.operation.name?.value;
    const fragments = fragmentsOf(request.document.definitions);
    const base = {
      operation: request.operation,
      fragments,
      introspection: introspectionPart(request.operation, fragments),
      deferConditions: deferConditions(request.operation, fragments),
      conditionVariables: conditionVariables(request.operation, fragments),
      shapers: new Map<string, ResultShaper>(),
    };
    const planned = withoutIntrospection(request.document, request.operation);
    if (!planned) return { ...base, root: undefined, failed: false };
    let plan: QueryPlan;
    try {
      plan = await planner.plan(planned === request.document ? request.query : print(planned), operationName, activeLabels, percentage);
    } catch (error) {
      if (!(error instanceof PlanningFailed)) throw error;
      // No query text in the log: it may carry personal data.
      options.logger.error({ operationName, reason: error.message }, 'query planning failed');
      return { ...base, root: undefined, failed: true, retry: error.crashed && !error.culprit };
    }
    // A subscription is one fetch to the subgraph owning its root field; the planner plans no entity fetches
    // after it (its SubscriptionNode has only `primary`), so a selection it could not send there is refused.
    if (plan.node?.kind === 'Subscription') return { ...base, root: undefined, failed: false, subscription: plan.node.primary };
    try {
      return { ...base, root: plan.node ? compilePlan(plan.node, supergraphSchema) : undefined, failed: false };
    } catch (error) {
      options.logger.error({ operationName, err: error }, 'query plan could not be compiled');
      return { ...base, root: undefined, failed: true };
    }
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

  const planningFailed = () => new EngineRefusal('QUERY_PLANNING_FAILED', 'The gateway could not plan this operation.');

  return {
    schema,
    async execute(request) {
      let bucket = 0;
      let percentage = 0;
      if (thresholds.length > 0) {
        percentage = Math.random() * 100;
        while (bucket < thresholds.length && thresholds[bucket]! <= percentage) bucket++;
      }
      let prepared = byOperation.get(request.operation)?.[bucket];
      if (prepared) {
        metrics.cacheLookup('plan', true);
        tracedSync('plan', PLAN_CACHED_SPAN, NOTHING);
      } else {
        try {
          prepared = await traced('plan', PLAN_SPAN, () => prepare(request, bucket, percentage));
        } catch (error) {
          options.logger.error({ err: error, operationName: request.operation.name?.value }, 'query planning failed');
          throw planningFailed();
        }
      }
      const coercedVariables = request.coercedVariables ?? request.variables;
      if (prepared.deferConditions && prepared.deferConditions.some((condition) => conditionHolds(condition, coercedVariables))) {
        throw new EngineRefusal('DEFER_NOT_SUPPORTED', 'This gateway does not deliver results incrementally: remove @defer (or set its if: false).');
      }
      if (prepared.failed) throw planningFailed();
      const run: PlanRun = { data: {}, errors: [], variables: request.variables, coercedVariables, context: request.context, send };
      if (prepared.root) await executeNode(prepared.root, run);
      if (prepared.introspection) {
        const answered = await executeGraphql({ schema, document: prepared.introspection, variableValues: request.variables });
        if (answered.data) Object.assign(run.data, answered.data);
        if (answered.errors) run.errors.push(...answered.errors);
      }
      const shaper = shaperFor(prepared, coercedVariables);
      const shaped = tracedSync('shape', SHAPE_SPAN, () => shaper.shape(run.data, run.errors.length === 0));
      const errors: GraphQLError[] = shaped.errors.length > 0 ? [...run.errors, ...shaped.errors] : run.errors;
      return errors.length > 0 ? { data: shaped.data, errors } : { data: shaped.data };
    },
    async subscribe(request): Promise<SubscriptionRoute> {
      let prepared: PreparedPlan;
      try {
        prepared = byOperation.get(request.operation)?.[0] ?? (await prepare(request, 0, 0));
      } catch (error) {
        options.logger.error({ err: error, operationName: request.operation.name?.value }, 'subscription planning failed');
        throw planningFailed();
      }
      if (prepared.failed) throw planningFailed();
      const fetch = prepared.subscription;
      const source = fetch ? sources.get(fetch.serviceName) : undefined;
      if (!fetch || !source || fetch.requires?.length) throw new EngineRefusal('SUBSCRIPTION_NOT_ROUTABLE', 'This subscription cannot be routed to one subgraph.');
      const coercedVariables = request.coercedVariables ?? request.variables;
      const shaper = shaperFor(prepared, coercedVariables);
      const variables: Record<string, unknown> = {};
      for (const name of fetch.variableUsages ?? []) if (request.variables[name] !== undefined) variables[name] = request.variables[name];
      return {
        service: fetch.serviceName,
        url: source.url.toString(),
        query: fetch.operation,
        operationName: fetch.operationName ?? undefined,
        variables,
        shape: (event) => {
          const data = (event.data ?? {}) as Record<string, unknown>;
          const shaped = shaper.shape(data, !event.errors?.length);
          const errors = [...(event.errors ?? []), ...shaped.errors];
          return errors.length > 0 ? { data: shaped.data, errors } : { data: shaped.data };
        },
      };
    },
    async warm(operation) {
      const prepared = await prepare({ ...operation, variables: {}, context: { internalToken: '', requestId: 'warm-up' } }, 0, 0);
      return !prepared.failed && !prepared.retry;
    },
    subgraphStates: () => Object.fromEntries([...sources].map(([name, source]) => [name, source.breaker.state])),
    async stop() {
      await planner.stop();
      await Promise.all([...sources.values()].map((source) => source.close()));
    },
  };
}

/** The subgraphs of a supergraph: `join__Graph` enum values with `@join__graph(name:, url:)`. */
function joinGraphs(supergraphSdl: string): { name: string; url: string }[] {
  const graphs: { name: string; url: string }[] = [];
  for (const match of supergraphSdl.matchAll(/@join__graph\(\s*name:\s*"([^"]+)"\s*,?\s*url:\s*"([^"]*)"\s*\)/g)) graphs.push({ name: match[1]!, url: match[2]! });
  return graphs;
}

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** Whether a @defer `if` argument is true for these variables (absent: true). */
function conditionHolds(value: ValueNode, variables: Readonly<Record<string, unknown>>): boolean {
  if (value.kind === Kind.BOOLEAN) return value.value;
  if (value.kind === Kind.VARIABLE) return variables[value.name.value] !== false;
  return true;
}

/** The `if` of each @defer in the operation and its fragments, or undefined when there is none. */
function deferConditions(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): readonly ValueNode[] | undefined {
  const conditions: ValueNode[] = [];
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      for (const directive of selection.directives ?? []) {
        if (directive.name.value !== 'defer') continue;
        conditions.push(directive.arguments?.find((argument) => argument.name.value === 'if')?.value ?? { kind: Kind.BOOLEAN, value: true });
      }
      if (selection.kind !== Kind.FRAGMENT_SPREAD) visit(selection.selectionSet);
    }
  };
  visit(operation.selectionSet);
  for (const fragment of fragments.values()) visit(fragment.selectionSet);
  return conditions.length > 0 ? conditions : undefined;
}

/**
 * The operation's `__schema` / `__type` fields as a document of their own (fragment spreads at the
 * root become inline fragments, so @skip/@include on them still apply), or undefined when it has none.
 */
function introspectionPart(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): DocumentNode | undefined {
  const keep = (set: SelectionSetNode, seen: ReadonlySet<string>): SelectionNode[] => {
    const kept: SelectionNode[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (INTROSPECTION_FIELDS.has(selection.name.value)) kept.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = keep(selection.selectionSet, seen);
        if (inner.length > 0) kept.push({ ...selection, selectionSet: { kind: Kind.SELECTION_SET, selections: inner } });
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const inner = keep(fragment.selectionSet, new Set([...seen, fragment.name.value]));
        if (inner.length > 0) {
          kept.push({ kind: Kind.INLINE_FRAGMENT, typeCondition: fragment.typeCondition, directives: selection.directives ?? [], selectionSet: { kind: Kind.SELECTION_SET, selections: inner } });
        }
      }
    }
    return kept;
  };
  if (operation.operation !== OperationTypeNode.QUERY) return undefined;
  const selections = keep(operation.selectionSet, new Set());
  if (selections.length === 0) return undefined;
  const definitions: DefinitionNode[] = [{ ...operation, selectionSet: { kind: Kind.SELECTION_SET, selections } }, ...fragments.values()];
  return { kind: Kind.DOCUMENT, definitions };
}

/**
 * The document without `__schema` / `__type` (the planner does not plan introspection) and without a
 * query's own `__typename` (the shaper answers it: the planner would send a subgraph a request for it),
 * or the document itself when it has none, or undefined when nothing is left for the subgraphs.
 */
function withoutIntrospection(document: DocumentNode, operation: OperationDefinitionNode): DocumentNode | undefined {
  let found = false;
  const rootTypename = operation.operation === OperationTypeNode.QUERY;
  const strip = (set: SelectionSetNode, root = false): SelectionSetNode => {
    const selections: SelectionNode[] = [];
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD && (INTROSPECTION_FIELDS.has(selection.name.value) || (root && rootTypename && selection.name.value === '__typename'))) {
        found = true;
        continue;
      }
      if (selection.kind === Kind.FIELD && selection.selectionSet) {
        selections.push({ ...selection, selectionSet: strip(selection.selectionSet) });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = strip(selection.selectionSet, root);
        if (inner.selections.length > 0) selections.push({ ...selection, selectionSet: inner });
      } else {
        selections.push(selection);
      }
    }
    return { ...set, selections };
  };
  // Fragments that end up empty are dropped with their spreads (GraphQL has no empty selection sets).
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, { ...definition, selectionSet: strip(definition.selectionSet) });
  }
  const ownOperation = { ...operation, selectionSet: strip(operation.selectionSet, true) };
  if (!found) return document;
  const empty = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, fragment] of fragments) {
      if (empty.has(name)) continue;
      const live = fragment.selectionSet.selections.some((selection) => selection.kind !== Kind.FRAGMENT_SPREAD || !empty.has(selection.name.value));
      if (!live) {
        empty.add(name);
        changed = true;
      }
    }
  }
  const dropSpreads = (set: SelectionSetNode): SelectionSetNode => ({
    ...set,
    selections: set.selections
      .filter((selection) => selection.kind !== Kind.FRAGMENT_SPREAD || !empty.has(selection.name.value))
      .map((selection) =>
        selection.kind === Kind.FIELD && selection.selectionSet
          ? { ...selection, selectionSet: dropSpreads(selection.selectionSet) }
          : selection.kind === Kind.INLINE_FRAGMENT
            ? { ...selection, selectionSet: dropSpreads(selection.selectionSet) }
            : selection,
      )
      .filter((selection) => selection.kind !== Kind.INLINE_FRAGMENT || selection.selectionSet.selections.length > 0),
  });
  const rootSet = dropSpreads(ownOperation.selectionSet);
  if (rootSet.selections.length === 0) return undefined;
  const definitions: DefinitionNode[] = [{ ...ownOperation, selectionSet: rootSet }];
  for (const [name, fragment] of fragments) if (!empty.has(name)) definitions.push({ ...fragment, selectionSet: dropSpreads(fragment.selectionSet) });
  return { kind: Kind.DOCUMENT, definitions };
}
