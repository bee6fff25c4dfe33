// Walks a query plan (Sequence, Parallel, Flatten, Fetch, Condition): builds each subgraph request
// (entity representations deduplicated within the fetch), sends it, and merges what comes back into
// one response tree in place. Errors become GraphQL errors naming the subgraph, at response paths.
import { GraphQLError, isAbstractType, isObjectType, Kind, parse } from 'graphql';
import type { GraphQLSchema, SelectionNode } from 'graphql';
import type { FetchNode, PlanNode, QueryPlanSelectionNode, ResponsePath } from '@apollo/query-planner';
import type { GatewayContext, SubgraphError, SubgraphResponse } from '../subgraph-data-source.ts';

/** One request to a subgraph: the fetch's constant body prefix, then its variables as JSON. */
export interface SubgraphRequest {
  readonly service: string;
  /** `{"query":…,"operationName":…,"variables":` — one string per fetch node, so it keys cheaply. */
  readonly prefix: string;
  /** The variables object as JSON; the body is `${prefix}${variables}}`. */
  readonly variables: string;
  /** A query (may be retried, may share an in-flight call); mutations are neither. */
  readonly shareable: boolean;
  /**
   * Whether a caller may change the answer's objects: later fetches merge into them. Callers sharing
   * one call then each get their own copy; otherwise they all read the same answer.
   */
  readonly mutable: boolean;
}

/** Sends one request to a subgraph (with subgraph request dedup where allowed). */
export type SubgraphSender = (request: SubgraphRequest, context: GatewayContext) => Promise<SubgraphResponse>;

/** A plan node ready to run; paths are absolute from the response root. */
export type CompiledNode =
  | { readonly kind: 'Sequence'; readonly nodes: readonly CompiledNode[] }
  | { readonly kind: 'Parallel'; readonly nodes: readonly CompiledNode[] }
  | { readonly kind: 'Condition'; readonly variable: string; readonly ifClause?: CompiledNode; readonly elseClause?: CompiledNode }
  | CompiledFetch;

/** A fetch node, with the constant part of its request body serialized once. */
export interface CompiledFetch {
  readonly kind: 'Fetch';
  readonly service: string;
  /** Where its entities (or, at the root, the data) sit, from the root: field names and '@' for lists. */
  readonly path: ResponsePath;
  /** `{"query":…,"operationName":…,"variables":` */
  readonly bodyPrefix: string;
  readonly variableUsages: readonly string[];
  readonly requires: RepresentationSelector | undefined;
  /** Queries may share an in-flight call; mutations never. */
  readonly shareable: boolean;
  /** Whether later fetches may merge into objects of its answer (set by compilePlan). */
  mutable: boolean;
  /** Whether its answer has objects below the entities (or root fields) it fills. */
  readonly nested: boolean;
}

/** An entity's representation (__typename, keys, @requires fields) as JSON, or null when it has none. */
type RepresentationSelector = (entity: Record<string, unknown>) => string | null;

/** Why the executor cannot run a plan (the engine then falls back to Apollo's executor). */
export class UnsupportedPlan extends Error {}

/** Compile a plan (throws UnsupportedPlan for node kinds or rewrites this executor does not run). */
export function compilePlan(node: PlanNode, schema: GraphQLSchema): CompiledNode {
  const root = compilePlanNode(node, schema, []);
  const fetches: CompiledFetch[] = [];
  const gather = (current: CompiledNode): void => {
    if (current.kind === 'Fetch') fetches.push(current);
    else if (current.kind === 'Condition') [current.ifClause, current.elseClause].forEach((branch) => branch && gather(branch));
    else current.nodes.forEach(gather);
  };
  gather(root);
  // An answer's objects change only when another fetch merges at or below where it was merged.
  for (const fetch of fetches) fetch.mutable = fetch.nested && fetches.some((other) => other !== fetch && startsWith(other.path, fetch.path));
  return root;
}

function startsWith(path: ResponsePath, prefix: ResponsePath): boolean {
  return path.length >= prefix.length && prefix.every((step, index) => path[index] === step);
}

function compilePlanNode(node: PlanNode, schema: GraphQLSchema, path: ResponsePath): CompiledNode {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return { kind: node.kind, nodes: node.nodes.map((child) => compilePlanNode(child, schema, path)) };
    case 'Flatten':
      return compilePlanNode(node.node, schema, [...path, ...node.path]);
    case 'Condition':
      return {
        kind: 'Condition',
        variable: node.condition,
        ...(node.ifClause ? { ifClause: compilePlanNode(node.ifClause, schema, path) } : {}),
        ...(node.elseClause ? { elseClause: compilePlanNode(node.elseClause, schema, path) } : {}),
      };
    case 'Fetch':
      return compileFetch(node, schema, path);
    case 'Defer':
      throw new UnsupportedPlan('@defer');
  }
}

function compileFetch(node: FetchNode, schema: GraphQLSchema, path: ResponsePath): CompiledFetch {
  // Rewrites serve @interfaceObject and @fromContext; Apollo's executor runs those plans.
  if (node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length) throw new UnsupportedPlan('data rewrites');
  return {
    kind: 'Fetch',
    service: node.serviceName,
    path,
    bodyPrefix: `{"query":${JSON.stringify(node.operation)},"operationName":${JSON.stringify(node.operationName ?? null)},"variables":`,
    variableUsages: node.variableUsages ?? [],
    requires: node.requires ? compileRequires(node.requires, schema) : undefined,
    shareable: node.operationKind === 'query',
    mutable: true,
    nested: hasNestedSelections(node.operation, Boolean(node.requires)),
  };
}

/** Whether the fetch selects objects inside what it merges (root fields, or each entity's fields). */
function hasNestedSelections(operation: string, entities: boolean): boolean {
  const definition = parse(operation).definitions.find((candidate) => candidate.kind === Kind.OPERATION_DEFINITION);
  if (!definition || definition.kind !== Kind.OPERATION_DEFINITION) return true;
  let selections: readonly SelectionNode[] = definition.selectionSet.selections;
  if (entities) {
    const entitiesField = selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities');
    if (!entitiesField || entitiesField.kind !== Kind.FIELD || !entitiesField.selectionSet) return true;
    selections = entitiesField.selectionSet.selections;
  } else {
    // Root fields: their values are what gets merged into the response root.
    return selections.some((selection) => selection.kind !== Kind.FIELD || selection.selectionSet !== undefined);
  }
  const nested = (list: readonly SelectionNode[]): boolean =>
    list.some((selection) => (selection.kind === Kind.FIELD ? selection.selectionSet !== undefined : selection.kind === Kind.INLINE_FRAGMENT ? nested(selection.selectionSet.selections) : true));
  return nested(selections);
}

/** Compile a `requires` selection (run against the supergraph schema: it may name @inaccessible parts). */
function compileRequires(selections: readonly QueryPlanSelectionNode[], schema: GraphQLSchema): RepresentationSelector {
  const matches = typeConditionMatcher(schema);
  const select = (source: Record<string, unknown>, nodes: readonly QueryPlanSelectionNode[], into: Record<string, unknown>): boolean => {
    for (const node of nodes) {
      if (node.kind === 'Field') {
        const key = node.alias ?? node.name;
        const value = source[key];
        // A missing input means its fetch failed and the entity was dropped: skip the entity.
        if (value === undefined) return false;
        if (node.selections && value !== null) {
          if (Array.isArray(value)) {
            const items: unknown[] = [];
            for (const item of value) {
              if (item === null || typeof item !== 'object') items.push(item);
              else {
                const inner: Record<string, unknown> = {};
                if (!select(item as Record<string, unknown>, node.selections, inner)) return false;
                items.push(inner);
              }
            }
            into[key] = items;
          } else {
            const inner = (into[key] as Record<string, unknown> | undefined) ?? {};
            if (!select(value as Record<string, unknown>, node.selections, inner)) return false;
            into[key] = inner;
          }
        } else {
          into[key] = value;
        }
      } else if (!node.typeCondition || matches(source, node.typeCondition)) {
        if (!select(source, node.selections, into)) return false;
      }
    }
    return true;
  };
  const direct = directRepresentations(selections, schema);
  if (direct) return direct;
  return (entity) => {
    const representation: Record<string, unknown> = {};
    return select(entity, selections, representation) && typeof representation['__typename'] === 'string' ? JSON.stringify(representation) : null;
  };
}

/**
 * The usual `requires` — `... on Product { __typename upc price }`, one fragment per object type, leaf
 * fields only — written straight to JSON, without building the representation object first.
 */
function directRepresentations(selections: readonly QueryPlanSelectionNode[], schema: GraphQLSchema): RepresentationSelector | undefined {
  const byType = new Map<string, { readonly key: string; readonly json: string }[]>();
  for (const selection of selections) {
    if (selection.kind !== 'InlineFragment' || !selection.typeCondition || !isObjectType(schema.getType(selection.typeCondition)) || byType.has(selection.typeCondition)) return undefined;
    const fields: { key: string; json: string }[] = [];
    for (const field of selection.selections) {
      if (field.kind !== 'Field' || field.selections) return undefined;
      const key = field.alias ?? field.name;
      if (fields.some((known) => known.key === key)) return undefined;
      fields.push({ key, json: JSON.stringify(key) });
    }
    if (fields[0]?.key !== '__typename') return undefined;
    byType.set(selection.typeCondition, fields);
  }
  return (entity) => {
    const typename = entity['__typename'];
    const fields = typeof typename === 'string' ? byType.get(typename) : undefined;
    if (!fields) return null;
    let json = '{';
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      const value = entity[field.key];
      // A missing input means its fetch failed and the entity was dropped: skip the entity.
      if (value === undefined) return null;
      json += `${i === 0 ? '' : ','}${field.json}:${typeof value === 'string' ? JSON.stringify(value) : value === null || typeof value !== 'object' ? String(value) : JSON.stringify(value)}`;
    }
    return `${json}}`;
  };
}

/** Whether an object (by its __typename) is of a type condition, as Apollo's isObjectOfType. */
function typeConditionMatcher(schema: GraphQLSchema): (source: Record<string, unknown>, condition: string) => boolean {
  const memo = new Map<string, boolean>();
  return (source, condition) => {
    const typename = source['__typename'];
    if (typeof typename !== 'string') return false;
    if (typename === condition) return true;
    const key = `${typename}\n${condition}`;
    let result = memo.get(key);
    if (result === undefined) {
      const type = schema.getType(typename);
      const conditionType = schema.getType(condition);
      result = Boolean(type && conditionType && isAbstractType(conditionType) && isObjectType(type) && schema.isSubType(conditionType, type));
      memo.set(key, result);
    }
    return result;
  };
}

/** What one execution carries. */
export interface PlanRun {
  readonly data: Record<string, unknown>;
  readonly errors: GraphQLError[];
  /** The client's variables as sent (subgraph requests get them as sent, as @apollo/gateway does). */
  readonly variables: Readonly<Record<string, unknown>>;
  /** Coerced values (with defaults), for Condition nodes. */
  readonly coercedVariables: Readonly<Record<string, unknown>>;
  readonly context: GatewayContext;
  readonly send: SubgraphSender;
}

/** Run a compiled plan node; failures become errors in `run.errors`, never rejections. */
export async function executeNode(node: CompiledNode, run: PlanRun): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(child, run);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(child, run)));
      return;
    case 'Condition': {
      const branch = run.coercedVariables[node.variable] === true ? node.ifClause : node.elseClause;
      if (branch) await executeNode(branch, run);
      return;
    }
    case 'Fetch':
      try {
        await executeFetch(node, run);
      } catch (error) {
        run.errors.push(error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined }));
      }
      return;
  }
}

async function executeFetch(fetch: CompiledFetch, run: PlanRun): Promise<void> {
  const entities: Record<string, unknown>[] = [];
  collectEntities(run.data, fetch.path, 0, entities);
  if (entities.length === 0) return;
  let variables = '';
  for (const name of fetch.variableUsages) {
    const value = run.variables[name];
    if (value !== undefined) variables += `${variables === '' ? '' : ','}${JSON.stringify(name)}:${JSON.stringify(value)}`;
  }

  if (!fetch.requires) {
    const response = await run.send(requestOf(fetch, `{${variables}}`), run.context);
    if (response.errors) addSubgraphErrors(run, fetch, response.errors, undefined);
    const data = response.data;
    if (data && typeof data === 'object') for (const entity of entities) deepMerge(entity, data);
    return;
  }

  // One representation per distinct entity: the same product under many reviews is fetched once.
  const distinct = new Map<string, number>();
  const representations: string[] = [];
  /** For each entity, the index of its representation (-1: not sent). */
  const slots = new Array<number>(entities.length);
  for (let i = 0; i < entities.length; i++) {
    const json = fetch.requires(entities[i]!);
    if (json === null) {
      slots[i] = -1;
      continue;
    }
    let slot = distinct.get(json);
    if (slot === undefined) {
      slot = representations.length;
      distinct.set(json, slot);
      representations.push(json);
    }
    slots[i] = slot;
  }
  if (representations.length === 0) return;
  const response = await run.send(requestOf(fetch, `{${variables}${variables === '' ? '' : ','}"representations":[${representations.join(',')}]}`), run.context);
  if (response.errors) addSubgraphErrors(run, fetch, response.errors, slots);
  if (!response.data) return;
  const received = response.data['_entities'];
  if (!Array.isArray(received)) throw subgraphFailure(fetch.service, 'Expected "data._entities" in the response to be a list.');
  if (received.length !== representations.length) throw subgraphFailure(fetch.service, `Expected "data._entities" to contain ${representations.length} elements.`);
  for (let i = 0; i < entities.length; i++) {
    const slot = slots[i]!;
    if (slot < 0) continue;
    const entity = received[slot];
    if (entity && typeof entity === 'object') deepMerge(entities[i]!, entity as Record<string, unknown>);
  }
}

function requestOf(fetch: CompiledFetch, variables: string): SubgraphRequest {
  return { service: fetch.service, prefix: fetch.bodyPrefix, variables, shareable: fetch.shareable, mutable: fetch.mutable };
}

function subgraphFailure(service: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: service } });
}

/** The objects at `path` (from `value`), nulls skipped, in document order. */
function collectEntities(value: unknown, path: ResponsePath, index: number, into: Record<string, unknown>[]): void {
  if (value === null || value === undefined || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    const next = path[index] === '@' ? index + 1 : index;
    for (const item of value) collectEntities(item, path, next, into);
    return;
  }
  if (index === path.length) {
    into.push(value as Record<string, unknown>);
    return;
  }
  const step = path[index]!;
  if (step === '@') return;
  if (Object.hasOwn(value, step)) collectEntities((value as Record<string, unknown>)[step as string], path, index + 1, into);
}

/** The response paths of the objects collectEntities finds, in the same order. */
function entityPaths(value: unknown, path: ResponsePath, index: number, prefix: (string | number)[], into: (string | number)[][]): void {
  if (value === null || value === undefined || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    const next = path[index] === '@' ? index + 1 : index;
    value.forEach((item, position) => {
      prefix.push(position);
      entityPaths(item, path, next, prefix, into);
      prefix.pop();
    });
    return;
  }
  if (index === path.length) {
    into.push([...prefix]);
    return;
  }
  const step = path[index]!;
  if (step === '@' || !Object.hasOwn(value, step)) return;
  prefix.push(step);
  entityPaths((value as Record<string, unknown>)[step as string], path, index + 1, prefix, into);
  prefix.pop();
}

/**
 * A subgraph's errors as the client's: at the client's response path (an `_entities` index becomes the
 * path of every entity that used that representation), with the subgraph named in `serviceName`.
 */
function addSubgraphErrors(run: PlanRun, fetch: CompiledFetch, errors: readonly SubgraphError[], slots: readonly number[] | undefined): void {
  let paths: (string | number)[][] | undefined;
  for (const error of errors) {
    const message = error.message || `Error while fetching subquery from service "${fetch.service}"`;
    const extensions = { ...error.extensions, code: error.extensions?.['code'] ?? 'DOWNSTREAM_SERVICE_ERROR', serviceName: fetch.service };
    const path = error.path;
    if (slots && path && path[0] === '_entities' && typeof path[1] === 'number') {
      if (!paths) {
        paths = [];
        entityPaths(run.data, fetch.path, 0, [], paths);
      }
      const rest = path.slice(2);
      let found = false;
      for (let i = 0; i < slots.length; i++) {
        if (slots[i] !== path[1] || !paths[i]) continue;
        found = true;
        run.errors.push(new GraphQLError(message, { path: [...paths[i]!, ...rest], extensions }));
      }
      if (!found) run.errors.push(new GraphQLError(message, { extensions }));
    } else {
      run.errors.push(new GraphQLError(message, { ...(path ? { path: [...concretePrefix(fetch.path), ...path] } : {}), extensions }));
    }
  }
}

/** A root-level fetch's path has no list steps; anything else is reported from the root. */
function concretePrefix(path: ResponsePath): ResponsePath {
  return path.includes('@') ? [] : path;
}

/** Merge `source` into `target` in place (objects recursively, lists of equal length item by item). */
export function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key in source) {
    const value = source[key];
    if (value === undefined) continue;
    const existing = Object.hasOwn(target, key) ? target[key] : undefined;
    if (existing && typeof existing === 'object' && value !== null && typeof value === 'object') {
      if (Array.isArray(existing)) {
        if (Array.isArray(value) && value.length === existing.length) {
          for (let i = 0; i < value.length; i++) {
            const a = existing[i];
            const b = value[i];
            if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) deepMerge(a as Record<string, unknown>, b as Record<string, unknown>);
            else existing[i] = b;
          }
          continue;
        }
      } else if (!Array.isArray(value)) {
        deepMerge(existing as Record<string, unknown>, value as Record<string, unknown>);
        continue;
      }
    }
    if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    else target[key] = value;
  }
}
