// Operation limits, checked on the parsed operation before planning: depth, aliases, root fields,
// directives and an estimated cost with list sizes (the demand-control idea of Apollo Router and IBM's
// GraphQL cost spec). Tokens are limited by the parser itself (maxTokens). Each limit has its own code.
import { getNamedType, isCompositeType, isListType, isNonNullType, Kind } from 'graphql';
import type { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLCompositeType, GraphQLField, GraphQLSchema, GraphQLType, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import type { ErrorCode } from '../schema/errors.ts';

/** The configured ceilings. */
export interface OperationLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxRootFields: number;
  readonly maxDirectives: number;
  readonly maxCost: number;
  /** Assumed length of a list field without a `first`/`limit` argument. */
  readonly defaultListSize: number;
}

/** A limit an operation broke. */
export interface LimitViolation {
  readonly code: ErrorCode;
  readonly message: string;
  readonly measured: number;
  readonly limit: number;
}

/** What was measured of an operation. */
export interface OperationMeasure {
  depth: number;
  aliases: number;
  rootFields: number;
  directives: number;
  cost: number;
}

const SLICING_ARGUMENTS = ['first', 'last', 'limit'];

function isListOutput(type: GraphQLType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function listSize(field: FieldNode, definition: GraphQLField<unknown, unknown>, variables: Record<string, unknown>, fallback: number): number {
  for (const name of SLICING_ARGUMENTS) {
    const argument = field.arguments?.find((candidate) => candidate.name.value === name);
    if (argument) {
      const value = argument.value.kind === Kind.VARIABLE ? variables[argument.value.name.value] : argument.value.kind === Kind.INT ? Number(argument.value.value) : undefined;
      if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
    }
    const declared = definition.args.find((arg) => arg.name === name)?.defaultValue;
    if (!argument && typeof declared === 'number') return declared;
  }
  return fallback;
}

/** Measure an operation (fragments followed, each spread counted where it is used). */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  defaultListSize: number,
): OperationMeasure {
  const measure: OperationMeasure = { depth: 0, aliases: 0, rootFields: 0, directives: operation.directives?.length ?? 0, cost: 0 };
  const root = schema.getRootType(operation.operation);
  if (!root) return measure;

  // `visiting` stops fragment cycles (validation rejects them, but be safe); depth counts fields.
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, depth: number, multiplier: number, visiting: ReadonlySet<string>): void => {
    for (const selection of selectionSet.selections) {
      measure.directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        if (depth === 1) measure.rootFields += 1;
        if (selection.alias) measure.aliases += 1;
        measure.depth = Math.max(measure.depth, depth);
        const definition = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
        if (!definition || !selection.selectionSet) continue;
        const type = getNamedType(definition.type);
        if (!isCompositeType(type)) continue;
        // An object costs 1 each time it is fetched; a list multiplies what is under it.
        const size = isListOutput(definition.type) ? listSize(selection, definition, variables, defaultListSize) : 1;
        measure.cost += multiplier * size;
        walk(selection.selectionSet, type, depth + 1, multiplier * size, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (condition && isCompositeType(condition)) walk(selection.selectionSet, condition, depth, multiplier, visiting);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visiting.has(fragment.name.value)) continue;
        measure.directives += fragment.directives?.length ?? 0;
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (condition && isCompositeType(condition)) walk(fragment.selectionSet, condition, depth, multiplier, new Set([...visiting, fragment.name.value]));
      }
    }
  };
  walk(operation.selectionSet, root, 1, 1, new Set());
  return measure;
}

/** The first limit `measure` breaks, if any. */
export function checkLimits(measure: OperationMeasure, limits: OperationLimits): LimitViolation | undefined {
  const checks: [ErrorCode, string, number, number][] = [
    ['MAX_DEPTH_LIMIT', 'The operation is nested too deeply', measure.depth, limits.maxDepth],
    ['MAX_ALIASES_LIMIT', 'The operation has too many aliases', measure.aliases, limits.maxAliases],
    ['MAX_ROOT_FIELDS_LIMIT', 'The operation asks for too many root fields', measure.rootFields, limits.maxRootFields],
    ['MAX_DIRECTIVES_LIMIT', 'The operation uses too many directives', measure.directives, limits.maxDirectives],
    ['COST_ESTIMATED_TOO_EXPENSIVE', 'The operation is estimated too expensive', measure.cost, limits.maxCost],
  ];
  for (const [code, text, measured, limit] of checks) {
    if (measured > limit) return { code, message: `${text}: ${measured} > ${limit}.`, measured, limit };
  }
  return undefined;
}

/** Measures operations, each once: by operation (no variables), or by operation and variable values. */
export type OperationMeasurer = (document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>) => OperationMeasure;

/** Cached measureOperation: the operation cache hands out the same operation object for the same query. */
export function createOperationMeasurer(schema: GraphQLSchema, defaultListSize: number, maxPerOperation = 64): OperationMeasurer {
  const cache = new WeakMap<OperationDefinitionNode, Map<string, OperationMeasure>>();
  return (document, operation, variables) => {
    // Only slicing arguments read variables; without variable definitions one measure fits all.
    const key = operation.variableDefinitions?.length ? JSON.stringify(variables) : '';
    let measures = cache.get(operation);
    const known = measures?.get(key);
    if (known) return known;
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const measure = measureOperation(schema, operation, fragments, variables, defaultListSize);
    if (!measures) {
      measures = new Map();
      cache.set(operation, measures);
    }
    if (measures.size >= maxPerOperation) measures.clear();
    measures.set(key, measure);
    return measure;
  };
}
