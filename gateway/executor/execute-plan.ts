// Compiles and walks a query plan of the Rust planner (Sequence, Parallel, Condition, Flatten, Fetch,
// BatchFetch): builds each subgraph request (entity representations deduplicated per variable, input
// rewrites applied), sends it, applies output rewrites and merges what comes back into one response
// tree in place. Errors become GraphQL errors naming the subgraph, at the client's response paths.
import { GraphQLError, isAbstractType, isObjectType, Kind, parse } from 'graphql';
import type { GraphQLSchema, SelectionNode } from 'graphql';
import type { BatchFetchNode, FetchNode, FetchNodePathSegment, FetchRewrite, FlattenNodePathSegment, PlanNode, RequiresSelection } from '@graphql-hive/router-query-planner';
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

/** A step of a path into the response: a field, `@` (each item of a list), or a type condition. */
type PathStep = string | TypeFilter;

/** Keeps only objects whose __typename is (a subtype of) one of the planner's type conditions. */
interface TypeFilter {
  readonly matches: (source: Record<string, unknown>) => boolean;
}

/** A response path without its type conditions: fields and '@' (for the analysis of shared answers). */
type KeyPath = readonly string[];

/** A plan node ready to run; paths are absolute from the response root. */
export type CompiledNode =
  | { readonly kind: 'Sequence'; readonly nodes: readonly CompiledNode[] }
  | { readonly kind: 'Parallel'; readonly nodes: readonly CompiledNode[] }
  | { readonly kind: 'Condition'; readonly variable: string; readonly ifClause?: CompiledNode; readonly elseClause?: CompiledNode }
  | CompiledFetch
  | CompiledBatch;

/** What every fetch has: the constant part of its request body, serialized once. */
interface FetchBase {
  readonly service: string;
  /** `{"query":…,"operationName":…,"variables":` */
  readonly bodyPrefix: string;
  readonly variableUsages: readonly string[];
  /** Queries may share an in-flight call; mutations never. */
  readonly shareable: boolean;
  /** Whether later fetches may merge into objects of its answer (set by compilePlan). */
  mutable: boolean;
  /** Whether its answer has objects below the entities (or root fields) it fills. */
  readonly nested: boolean;
  /** Where it merges, for the analysis of shared answers. */
  readonly keyPaths: readonly KeyPath[];
}

/** A fetch node: the root fields of one subgraph, or one `_entities` call. */
export interface CompiledFetch extends FetchBase {
  readonly kind: 'Fetch';
  /** Where its entities (or, at the root, the data) sit, from the root. */
  readonly path: readonly PathStep[];
  readonly requires: RepresentationSelector | undefined;
  /** Output rewrites, applied to each returned entity (or to the data of a root fetch). */
  readonly rewrite: Rewrite | undefined;
}

/** Several `_entities` calls to one subgraph in one request, each under its own alias. */
export interface CompiledBatch extends FetchBase {
  readonly kind: 'BatchFetch';
  /** One per representations variable: aliases may share a variable. */
  readonly variables: readonly BatchVariable[];
  readonly aliases: readonly BatchAlias[];
}

interface BatchVariable {
  /** `"name":` */
  readonly jsonName: string;
}

interface BatchAlias {
  readonly alias: string;
  /** Index into CompiledBatch.variables. */
  readonly variable: number;
  readonly paths: readonly (readonly PathStep[])[];
  readonly requires: RepresentationSelector;
  readonly rewrite: Rewrite | undefined;
}

/**
 * An entity's representation (__typename, keys, @requires fields) as JSON, or null when it has none.
 * `slotIn`, when present, finds (or adds) the entity's representation in a list by its field values,
 * without writing its JSON unless the list does not have it yet.
 */
type RepresentationSelector = ((entity: Record<string, unknown>, variables: Readonly<Record<string, unknown>>) => string | null) & {
  readonly slotIn?: (entity: Record<string, unknown>, list: RepresentationList) => number;
};

/** The representations sent in one variable: each distinct one once. */
interface RepresentationList {
  readonly representations: string[];
  /** Slot by JSON text. */
  readonly byJson: Map<string, number>;
  /** Slot by field values (direct selectors): the type's field list → first value → … → last value → slot. */
  readonly byValues: Map<unknown, unknown>;
}

function representationList(): RepresentationList {
  return { representations: [], byJson: new Map(), byValues: new Map() };
}

/** The slot of a representation's JSON in `list` (added when new); -1 for no representation. */
function slotByJson(json: string | null, list: RepresentationList): number {
  if (json === null) return -1;
  let slot = list.byJson.get(json);
  if (slot === undefined) {
    slot = list.representations.length;
    list.byJson.set(json, slot);
    list.representations.push(json);
  }
  return slot;
}

/** The key under which an entity with only __typename in its representation is found. */
const TYPENAME_ONLY = Symbol('typename only');

/** Rewrites a value in place (an entity, or a fetch's data). */
type Rewrite = (value: unknown) => void;

/** A plan this executor cannot run (a node kind it does not know); the request gets a coded error. */
export class UnsupportedPlan extends Error {}

/** Compile a plan against the supergraph schema (throws UnsupportedPlan for node kinds it does not run). */
export function compilePlan(node: PlanNode, schema: GraphQLSchema): CompiledNode {
  const matcher = typeConditionMatcher(schema);
  const root = compilePlanNode(node, matcher, [], []);
  const fetches: (CompiledFetch | CompiledBatch)[] = [];
  const gather = (current: CompiledNode): void => {
    if (current.kind === 'Fetch' || current.kind === 'BatchFetch') fetches.push(current);
    else if (current.kind === 'Condition') [current.ifClause, current.elseClause].forEach((branch) => branch && gather(branch));
    else current.nodes.forEach(gather);
  };
  gather(root);
  // An answer's objects change only when another fetch merges at or below where it was merged.
  for (const fetch of fetches) {
    const rewritten = fetch.kind === 'Fetch' ? fetch.rewrite !== undefined : fetch.aliases.some((alias) => alias.rewrite !== undefined);
    fetch.mutable =
      rewritten || (fetch.nested && fetches.some((other) => fetch.keyPaths.some((own) => other.keyPaths.some((theirs) => (other !== fetch || theirs !== own) && startsWith(theirs, own)))));
  }
  return root;
}

function startsWith(path: KeyPath, prefix: KeyPath): boolean {
  return path.length >= prefix.length && prefix.every((step, index) => path[index] === step);
}

/** Whether an object (by its __typename) is of one of the type conditions; `isObjectType` of a name. */
interface Matcher {
  (source: Record<string, unknown>, conditions: readonly string[]): boolean;
  readonly isObjectType: (name: string) => boolean;
}

function compilePlanNode(node: PlanNode, matcher: Matcher, path: readonly PathStep[], keyPath: KeyPath): CompiledNode {
  switch (node.kind) {
    case 'Sequence':
    case 'Parallel':
      return { kind: node.kind, nodes: node.nodes.map((child) => compilePlanNode(child, matcher, path, keyPath)) };
    case 'Flatten': {
      const [steps, keys] = compilePath(node.path, matcher);
      return compilePlanNode(node.node, matcher, [...path, ...steps], [...keyPath, ...keys]);
    }
    case 'Condition':
      return {
        kind: 'Condition',
        variable: node.condition,
        ...(node.ifClause ? { ifClause: compilePlanNode(node.ifClause, matcher, path, keyPath) } : {}),
        ...(node.elseClause ? { elseClause: compilePlanNode(node.elseClause, matcher, path, keyPath) } : {}),
      };
    case 'Fetch':
      return compileFetch(node, matcher, path, keyPath);
    case 'BatchFetch':
      return compileBatch(node, matcher);
    case 'Subscription':
      throw new UnsupportedPlan('subscription');
    case 'Defer':
      throw new UnsupportedPlan('@defer');
  }
}

/** A Flatten path: `{Field}`, `{TypeCondition: [...]}` or `"@"`. */
function compilePath(segments: readonly FlattenNodePathSegment[], matcher: Matcher): [PathStep[], string[]] {
  const steps: PathStep[] = [];
  const keys: string[] = [];
  for (const segment of segments) {
    if (segment === '@') {
      steps.push('@');
      keys.push('@');
    } else if ('Field' in segment) {
      steps.push(segment.Field);
      keys.push(segment.Field);
    } else if ('TypeCondition' in segment) {
      const conditions = segment.TypeCondition;
      // An object without __typename passes: the planner only casts where the type is known.
      steps.push({ matches: (source) => typeof source['__typename'] !== 'string' || matcher(source, conditions) });
    } else {
      throw new UnsupportedPlan(`flatten path segment ${JSON.stringify(segment)}`);
    }
  }
  return [steps, keys];
}

function bodyPrefixOf(node: FetchNode | BatchFetchNode): string {
  return `{"query":${JSON.stringify(node.operation)},"operationName":${JSON.stringify(node.operationName ?? null)},"variables":`;
}

function compileFetch(node: FetchNode, matcher: Matcher, path: readonly PathStep[], keyPath: KeyPath): CompiledFetch {
  const entities = Boolean(node.requires?.length);
  return {
    kind: 'Fetch',
    service: node.serviceName,
    path,
    keyPaths: [keyPath],
    bodyPrefix: bodyPrefixOf(node),
    variableUsages: node.variableUsages ?? [],
    requires: entities ? compileRepresentations(node.requires ?? [], node.inputRewrites, matcher) : undefined,
    rewrite: node.outputRewrites?.length ? compileRewrites(node.outputRewrites, matcher) : undefined,
    shareable: node.operationKind !== 'mutation',
    mutable: true,
    nested: hasNestedSelections(node.operation, entities),
  };
}

function compileBatch(node: BatchFetchNode, matcher: Matcher): CompiledBatch {
  const variables: BatchVariable[] = [];
  const variableIndex = new Map<string, number>();
  const aliases: BatchAlias[] = [];
  const keyPaths: KeyPath[] = [];
  for (const alias of node.entityBatch.aliases) {
    let index = variableIndex.get(alias.representationsVariableName);
    if (index === undefined) {
      index = variables.length;
      variableIndex.set(alias.representationsVariableName, index);
      variables.push({ jsonName: `${JSON.stringify(alias.representationsVariableName)}:` });
    }
    const paths = alias.paths.map((segments) => {
      const [steps, keys] = compilePath(segments, matcher);
      keyPaths.push(keys);
      return steps;
    });
    aliases.push({
      alias: alias.alias,
      variable: index,
      paths,
      requires: compileRepresentations(alias.requires, alias.inputRewrites, matcher),
      rewrite: alias.outputRewrites?.length ? compileRewrites(alias.outputRewrites, matcher) : undefined,
    });
  }
  return {
    kind: 'BatchFetch',
    service: node.serviceName,
    bodyPrefix: bodyPrefixOf(node),
    variableUsages: node.variableUsages ?? [],
    variables,
    aliases,
    keyPaths,
    shareable: node.operationKind !== 'mutation',
    mutable: true,
    nested: hasNestedSelections(node.operation, true),
  };
}

/** Whether the fetch selects objects inside what it merges (root fields, or each entity's fields). */
function hasNestedSelections(operation: string, entities: boolean): boolean {
  const definition = parse(operation, { noLocation: true }).definitions.find((candidate) => candidate.kind === Kind.OPERATION_DEFINITION);
  if (!definition || definition.kind !== Kind.OPERATION_DEFINITION) return true;
  const selections: readonly SelectionNode[] = definition.selectionSet.selections;
  // Root fields: their values are what gets merged into the response root.
  if (!entities) return selections.some((selection) => selection.kind !== Kind.FIELD || selection.selectionSet !== undefined);
  const nested = (list: readonly SelectionNode[]): boolean =>
    list.some((selection) => (selection.kind === Kind.FIELD ? selection.selectionSet !== undefined : selection.kind === Kind.INLINE_FRAGMENT ? nested(selection.selectionSet.selections) : true));
  // Every `_entities` call (one per alias in a batch): the entity's own fields are merged into it.
  return selections.some((selection) => selection.kind !== Kind.FIELD || !selection.selectionSet || nested(selection.selectionSet.selections));
}

/**
 * Compile a `requires` selection (against the supergraph schema: it may name @inaccessible parts).
 * The planner's aliases run the other way round from GraphQL's: a field `{name, alias}` is read from
 * the entity under `name` (the key the earlier fetch used) and sent to the subgraph as `alias`.
 */
function compileRepresentations(selections: readonly RequiresSelection[], inputRewrites: readonly FetchRewrite[] | undefined, matcher: Matcher): RepresentationSelector {
  if (!inputRewrites?.length) {
    const direct = directRepresentations(selections, matcher);
    if (direct) return direct;
  }
  const rewrite = inputRewrites?.length ? compileRewrites(inputRewrites, matcher) : undefined;
  const select = (source: Record<string, unknown>, nodes: readonly RequiresSelection[], into: Record<string, unknown>, variables: Readonly<Record<string, unknown>>): boolean => {
    for (const node of nodes) {
      if (node.kind === 'Field') {
        let value = source[node.name];
        if (value === undefined && node.alias !== undefined) value = source[node.alias];
        // A missing input means its fetch failed and the entity was dropped: skip the entity.
        if (value === undefined) return false;
        const key = node.alias ?? node.name;
        if (node.selections && value !== null && typeof value === 'object') {
          if (Array.isArray(value)) {
            const items: unknown[] = [];
            for (const item of value) {
              if (item === null || typeof item !== 'object') items.push(item);
              else {
                const inner: Record<string, unknown> = {};
                if (!select(item as Record<string, unknown>, node.selections, inner, variables)) return false;
                items.push(inner);
              }
            }
            into[key] = items;
          } else {
            const inner = (into[key] as Record<string, unknown> | undefined) ?? {};
            if (!select(value as Record<string, unknown>, node.selections, inner, variables)) return false;
            into[key] = inner;
          }
        } else {
          into[key] = value;
        }
      } else if (node.kind === 'InlineFragment') {
        if (node.skipIf !== undefined && variables[node.skipIf] === true) continue;
        if (node.includeIf !== undefined && variables[node.includeIf] !== true) continue;
        if (matcher(source, [node.typeCondition]) && !select(source, node.selections, into, variables)) return false;
      } else {
        throw new UnsupportedPlan('fragment spread in requires');
      }
    }
    return true;
  };
  return (entity, variables) => {
    const representation: Record<string, unknown> = {};
    if (!select(entity, selections, representation, variables)) return null;
    if (Object.keys(representation).length === 0) return null;
    if (representation['__typename'] === undefined && typeof entity['__typename'] === 'string') representation['__typename'] = entity['__typename'];
    if (rewrite) rewrite(representation);
    return typeof representation['__typename'] === 'string' ? JSON.stringify(representation) : null;
  };
}

/**
 * The usual `requires` — `... on Product { __typename upc price }`, one fragment per type, leaf fields
 * only — written straight to JSON, without building the representation object first.
 */
function directRepresentations(selections: readonly RequiresSelection[], matcher: Matcher): RepresentationSelector | undefined {
  const byType = new Map<string, readonly { readonly read: string; readonly fallback: string | undefined; readonly json: string }[]>();
  for (const selection of selections) {
    if (selection.kind !== 'InlineFragment' || selection.skipIf !== undefined || selection.includeIf !== undefined) return undefined;
    if (!matcher.isObjectType(selection.typeCondition) || byType.has(selection.typeCondition)) return undefined;
    const fields: { read: string; fallback: string | undefined; json: string }[] = [];
    const written = new Set<string>();
    for (const field of selection.selections) {
      if (field.kind !== 'Field' || field.selections) return undefined;
      const key = field.alias ?? field.name;
      if (written.has(key)) return undefined;
      written.add(key);
      fields.push({ read: field.name, fallback: field.alias, json: JSON.stringify(key) });
    }
    if (fields[0]?.read !== '__typename' || fields[0].fallback !== undefined) return undefined;
    byType.set(selection.typeCondition, fields);
  }
  type DirectField = { readonly read: string; readonly fallback: string | undefined; readonly json: string };
  const write = (entity: Record<string, unknown>, fields: readonly DirectField[]): string | null => {
    let json = '{';
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      let value = entity[field.read];
      if (value === undefined && field.fallback !== undefined) value = entity[field.fallback];
      // A missing input means its fetch failed and the entity was dropped: skip the entity.
      if (value === undefined) return null;
      // A non-object here is a JSON scalar from a subgraph's response.
      const scalar = value as string | number | boolean | null;
      json += `${i === 0 ? '' : ','}${field.json}:${typeof value === 'string' ? JSON.stringify(value) : value === null || typeof value !== 'object' ? String(scalar) : JSON.stringify(value)}`;
    }
    return `${json}}`;
  };
  // Object types only: the entity's own __typename picks its fragment.
  const fieldsOf = (entity: Record<string, unknown>) => {
    const typename = entity['__typename'];
    return typeof typename === 'string' ? byType.get(typename) : undefined;
  };
  const selector = (entity: Record<string, unknown>) => {
    const fields = fieldsOf(entity);
    return fields ? write(entity, fields) : null;
  };
  // The same entity is usually met many times (a product under each of its reviews): it is found by
  // its values, one Map level per field, and its JSON is written (and hashed) only the first time.
  const slotIn = (entity: Record<string, unknown>, list: RepresentationList): number => {
    const fields = fieldsOf(entity);
    if (!fields) return -1;
    let level = list.byValues.get(fields) as Map<unknown, unknown> | undefined;
    if (!level) {
      level = new Map();
      list.byValues.set(fields, level);
    }
    let key: unknown = TYPENAME_ONLY;
    // Field 0 is __typename, which chose `fields`.
    for (let i = 1; i < fields.length; i++) {
      const field = fields[i]!;
      let value = entity[field.read];
      if (value === undefined && field.fallback !== undefined) value = entity[field.fallback];
      if (value === undefined) return -1;
      // An object value (a custom scalar) is compared by its JSON.
      if (value !== null && typeof value === 'object') return slotByJson(write(entity, fields), list);
      if (i === fields.length - 1) {
        key = value;
        break;
      }
      let next = level.get(value) as Map<unknown, unknown> | undefined;
      if (!next) {
        next = new Map();
        level.set(value, next);
      }
      level = next;
    }
    const known = level.get(key) as number | undefined;
    if (known !== undefined) return known;
    const slot = slotByJson(write(entity, fields), list);
    level.set(key, slot);
    return slot;
  };
  return Object.assign(selector, { slotIn });
}

/**
 * Rewrites of the planner: `ValueSetter` (e.g. `__typename` of an @interfaceObject representation set
 * to the interface) and `KeyRenamer` (a field fetched under an alias renamed to what the rest of the
 * plan reads). Paths step through keys and `TypenameEquals` conditions (an object without __typename
 * passes); lists are walked item by item.
 */
function compileRewrites(rewrites: readonly FetchRewrite[], matcher: Matcher): Rewrite {
  const compiled = rewrites.map((rewrite): Rewrite => {
    if ('KeyRenamer' in rewrite) return keyRenamer(rewrite.KeyRenamer.path, rewrite.KeyRenamer.renameKeyTo, matcher);
    if ('ValueSetter' in rewrite) return valueSetter(rewrite.ValueSetter.path, rewrite.ValueSetter.setValueTo, matcher);
    if ('kind' in rewrite && rewrite.kind === 'ValueSetter') return valueSetter(rewrite.path, rewrite.setValueTo, matcher);
    throw new UnsupportedPlan(`rewrite ${JSON.stringify(rewrite)}`);
  });
  return compiled.length === 1 ? compiled[0]! : (value) => compiled.forEach((rewrite) => rewrite(value));
}

/** Walk `path` from `value`; `apply(parent, key)` runs where the last Key step lands. */
function walkRewritePath(value: unknown, path: readonly FetchNodePathSegment[], index: number, matcher: Matcher, apply: (parent: Record<string, unknown>, key: string) => void): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) walkRewritePath(item, path, index, matcher, apply);
    return;
  }
  const source = value as Record<string, unknown>;
  const segment = path[index];
  if (!segment) return;
  if ('TypenameEquals' in segment) {
    if (typeof source['__typename'] === 'string' && !matcher(source, segment.TypenameEquals)) return;
    walkRewritePath(source, path, index + 1, matcher, apply);
    return;
  }
  if (index === path.length - 1) {
    apply(source, segment.Key);
    return;
  }
  if (Object.hasOwn(source, segment.Key)) walkRewritePath(source[segment.Key], path, index + 1, matcher, apply);
}

function valueSetter(path: readonly FetchNodePathSegment[], setValueTo: string, matcher: Matcher): Rewrite {
  return (value) =>
    walkRewritePath(value, path, 0, matcher, (parent, key) => {
      if (Object.hasOwn(parent, key)) parent[key] = setValueTo;
    });
}

function keyRenamer(path: readonly FetchNodePathSegment[], renameKeyTo: string, matcher: Matcher): Rewrite {
  return (value) =>
    walkRewritePath(value, path, 0, matcher, (parent, key) => {
      if (key === renameKeyTo || !Object.hasOwn(parent, key)) return;
      const moved = parent[key];
      delete parent[key];
      if (renameKeyTo === '__proto__') Object.defineProperty(parent, renameKeyTo, { value: moved, enumerable: true, writable: true, configurable: true });
      else parent[renameKeyTo] = moved;
    });
}

/** Whether an object (by its __typename) is of one of the type conditions (or a subtype of one). */
function typeConditionMatcher(schema: GraphQLSchema): Matcher {
  const memo = new Map<string, boolean>();
  const one = (typename: string, condition: string): boolean => {
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
  const matcher = (source: Record<string, unknown>, conditions: readonly string[]): boolean => {
    const typename = source['__typename'];
    if (typeof typename !== 'string') return false;
    for (const condition of conditions) if (one(typename, condition)) return true;
    return false;
  };
  return Object.assign(matcher, { isObjectType: (name: string) => isObjectType(schema.getType(name)) });
}

/** What one execution carries. */
export interface PlanRun {
  readonly data: Record<string, unknown>;
  readonly errors: GraphQLError[];
  /** The client's variables as sent (subgraph requests get them as sent). */
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
    case 'BatchFetch':
      try {
        await (node.kind === 'Fetch' ? executeFetch(node, run) : executeBatch(node, run));
      } catch (error) {
        run.errors.push(
          error instanceof GraphQLError ? error : new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined }),
        );
      }
      return;
  }
}

/** The client's variables a fetch uses, as JSON members (`"a":1,"b":2`). */
function variablesJson(fetch: FetchBase, run: PlanRun): string {
  let variables = '';
  for (const name of fetch.variableUsages) {
    const value = run.variables[name];
    if (value !== undefined) variables += `${variables === '' ? '' : ','}${JSON.stringify(name)}:${JSON.stringify(value)}`;
  }
  return variables;
}

/** Representations of `entities` added to `list`, each distinct one once; `slots[i]` is entity i's index there (-1: not sent). */
function representationsOf(entities: readonly Record<string, unknown>[], requires: RepresentationSelector, variables: Readonly<Record<string, unknown>>, list: RepresentationList): number[] {
  const slots = new Array<number>(entities.length);
  const slotIn = requires.slotIn;
  for (let i = 0; i < entities.length; i++) slots[i] = slotIn ? slotIn(entities[i]!, list) : slotByJson(requires(entities[i]!, variables), list);
  return slots;
}

async function executeFetch(fetch: CompiledFetch, run: PlanRun): Promise<void> {
  const entities: Record<string, unknown>[] = [];
  collectEntities(run.data, fetch.path, 0, entities);
  if (entities.length === 0) return;
  const variables = variablesJson(fetch, run);

  if (!fetch.requires) {
    const response = await run.send(requestOf(fetch, `{${variables}}`), run.context);
    if (response.errors) addSubgraphErrors(run, fetch.service, response.errors, undefined, fetch.path);
    const data = response.data;
    if (data && typeof data === 'object') {
      fetch.rewrite?.(data);
      for (const entity of entities) deepMerge(entity, data);
    }
    return;
  }

  // One representation per distinct entity: the same product under many reviews is fetched once.
  const list = representationList();
  const slots = representationsOf(entities, fetch.requires, run.coercedVariables, list);
  const representations = list.representations;
  if (representations.length === 0) return;
  const response = await run.send(requestOf(fetch, `{${variables}${variables === '' ? '' : ','}"representations":[${representations.join(',')}]}`), run.context);
  if (response.errors) {
    addSubgraphErrors(run, fetch.service, response.errors, (error) => {
      const path = error.path;
      if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return undefined;
      return { slot: path[1], rest: path.slice(2), targets: [{ path: fetch.path, slots }] };
    });
  }
  if (!response.data) return;
  const received = response.data['_entities'];
  if (!Array.isArray(received)) throw subgraphFailure(fetch.service, 'Expected "data._entities" in the response to be a list.');
  if (received.length !== representations.length) throw subgraphFailure(fetch.service, `Expected "data._entities" to contain ${representations.length} elements.`);
  mergeEntities(entities, slots, received, fetch.rewrite);
}

async function executeBatch(batch: CompiledBatch, run: PlanRun): Promise<void> {
  // Representations per variable (aliases sharing a variable share its list), entities per alias path.
  const lists = batch.variables.map(representationList);
  const targets = batch.aliases.map((alias) =>
    alias.paths.map((path) => {
      const entities: Record<string, unknown>[] = [];
      collectEntities(run.data, path, 0, entities);
      const list = lists[alias.variable]!;
      return { path, entities, slots: representationsOf(entities, alias.requires, run.coercedVariables, list) };
    }),
  );
  if (lists.every((list) => list.representations.length === 0)) return;
  const variables = variablesJson(batch, run);
  // Every declared representations variable is sent, even empty: the operation declares them all.
  let json = `{${variables}`;
  for (let i = 0; i < lists.length; i++) json += `${json === '{' ? '' : ','}${batch.variables[i]!.jsonName}[${lists[i]!.representations.join(',')}]`;
  const response = await run.send(requestOf(batch, `${json}}`), run.context);
  if (response.errors) {
    addSubgraphErrors(run, batch.service, response.errors, (error) => {
      const path = error.path;
      const index = batch.aliases.findIndex((alias) => alias.alias === path?.[0]);
      if (!path || index < 0 || typeof path[1] !== 'number') return undefined;
      return { slot: path[1], rest: path.slice(2), targets: targets[index]! };
    });
  }
  const data = response.data;
  if (!data) return;
  for (let a = 0; a < batch.aliases.length; a++) {
    const alias = batch.aliases[a]!;
    const received = data[alias.alias];
    const expected = lists[alias.variable]!.representations.length;
    if (received === undefined || received === null) {
      if (expected > 0) throw subgraphFailure(batch.service, `Expected "data.${alias.alias}" in the response to be a list.`);
      continue;
    }
    if (!Array.isArray(received)) throw subgraphFailure(batch.service, `Expected "data.${alias.alias}" in the response to be a list.`);
    if (received.length !== expected) throw subgraphFailure(batch.service, `Expected "data.${alias.alias}" to contain ${expected} elements.`);
    for (const target of targets[a]!) mergeEntities(target.entities, target.slots, received, alias.rewrite);
  }
}

/** Merge each returned entity into the entities that sent its representation. */
function mergeEntities(entities: readonly Record<string, unknown>[], slots: readonly number[], received: readonly unknown[], rewrite: Rewrite | undefined): void {
  if (rewrite) for (const entity of received) rewrite(entity);
  for (let i = 0; i < entities.length; i++) {
    const slot = slots[i]!;
    if (slot < 0) continue;
    const entity = received[slot];
    if (entity && typeof entity === 'object') deepMerge(entities[i]!, entity as Record<string, unknown>);
  }
}

function requestOf(fetch: FetchBase, variables: string): SubgraphRequest {
  return { service: fetch.service, prefix: fetch.bodyPrefix, variables, shareable: fetch.shareable, mutable: fetch.mutable };
}

function subgraphFailure(service: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: service } });
}

/** The objects at `path` (from `value`), nulls skipped, in document order. */
function collectEntities(value: unknown, path: readonly PathStep[], index: number, into: Record<string, unknown>[]): void {
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
  if (typeof step !== 'string') {
    if (step.matches(value as Record<string, unknown>)) collectEntities(value, path, index + 1, into);
    return;
  }
  if (Object.hasOwn(value, step)) collectEntities((value as Record<string, unknown>)[step], path, index + 1, into);
}

/** The response paths of the objects collectEntities finds, in the same order. */
function entityPaths(value: unknown, path: readonly PathStep[], index: number, prefix: (string | number)[], into: (string | number)[][]): void {
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
  if (step === '@') return;
  if (typeof step !== 'string') {
    if (step.matches(value as Record<string, unknown>)) entityPaths(value, path, index + 1, prefix, into);
    return;
  }
  if (!Object.hasOwn(value, step)) return;
  prefix.push(step);
  entityPaths((value as Record<string, unknown>)[step], path, index + 1, prefix, into);
  prefix.pop();
}

const INDEX = /^\d+$/;

/** Where an entity error belongs: the representation index it names, and the entities that sent it. */
interface EntityErrorTarget {
  readonly slot: number;
  readonly rest: readonly (string | number)[];
  readonly targets: readonly { readonly path: readonly PathStep[]; readonly slots: readonly number[] }[];
}

/**
 * A subgraph's errors as the client's: at the client's response path (an entity index becomes the path
 * of every entity that used that representation), with the subgraph named in `serviceName`.
 */
function addSubgraphErrors(
  run: PlanRun,
  service: string,
  errors: readonly SubgraphError[],
  locate: ((error: SubgraphError) => EntityErrorTarget | undefined) | undefined,
  rootPath?: readonly PathStep[],
): void {
  const pathsCache = new Map<readonly PathStep[], (string | number)[][]>();
  for (const raw of errors) {
    // Some subgraphs (mercurius) write list indexes as strings: "1". No field name is all digits.
    const error = raw.path?.some((step) => typeof step === 'string' && INDEX.test(step))
      ? { ...raw, path: raw.path.map((step) => (typeof step === 'string' && INDEX.test(step) ? Number(step) : step)) }
      : raw;
    const message = error.message || `Error while fetching subquery from service "${service}"`;
    const extensions = { ...error.extensions, code: error.extensions?.['code'] ?? 'DOWNSTREAM_SERVICE_ERROR', serviceName: service };
    const located = locate?.(error);
    if (located) {
      let found = false;
      for (const target of located.targets) {
        let paths = pathsCache.get(target.path);
        if (!paths) {
          paths = [];
          entityPaths(run.data, target.path, 0, [], paths);
          pathsCache.set(target.path, paths);
        }
        for (let i = 0; i < target.slots.length; i++) {
          if (target.slots[i] !== located.slot || !paths[i]) continue;
          found = true;
          run.errors.push(new GraphQLError(message, { path: [...paths[i]!, ...located.rest], extensions }));
        }
      }
      if (!found) run.errors.push(new GraphQLError(message, { extensions }));
    } else if (locate) {
      run.errors.push(new GraphQLError(message, { extensions }));
    } else {
      const path = error.path;
      const prefix = rootPath && rootPath.every((step) => typeof step === 'string' && step !== '@') ? (rootPath as readonly string[]) : undefined;
      // A root-level fetch's path has no list steps; anything else is reported from the root.
      run.errors.push(new GraphQLError(message, { ...(path ? { path: [...(prefix ?? []), ...path] } : {}), extensions }));
    }
  }
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
            const a: unknown = existing[i];
            const b: unknown = value[i];
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
