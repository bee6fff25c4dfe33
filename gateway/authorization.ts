// Federation's @authenticated, @requiresScopes and @policy, enforced at the gateway before any
// subgraph is called (Apollo Router keeps this for its paid plan). Requirements are read once from the
// supergraph; per request an operation is filtered for the viewer: unauthorized fields are removed,
// the rest runs, and each removed field comes back as null with a coded error at its path.
import { getNamedType, isCompositeType, isNonNullType, Kind, print } from 'graphql';
import type { DirectiveNode, DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLCompositeType, GraphQLSchema, OperationDefinitionNode, SelectionNode, SelectionSetNode } from 'graphql';
import { combineRequirements, policyAllows, unmetRequirement } from '../auth/policies.ts';
import type { Requirement } from '../auth/policies.ts';
import type { Viewer } from '../auth/viewer.ts';
import type { ErrorCode } from '../schema/errors.ts';

// Requirements and policies are shared with the subgraph kit, which re-checks them (auth/policies.ts).
export { POLICIES, readRequirements } from '../auth/policies.ts';

/** Why a field was removed. */
export interface Denial {
  /** Response keys from the root (aliases where given). */
  readonly path: readonly string[];
  /**
   * Where the null goes: the field itself, or, when it is non-null, its nearest nullable ancestor
   * (GraphQL's null propagation); empty when that reaches the root, so `data` is null.
   */
  readonly nullPath?: readonly string[];
  readonly code: ErrorCode;
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
  /**
   * The @skip and @include on the way to the field (its own, its ancestors', their fragments'): the field
   * is removed either way, but a field the request's variables exclude is not an error (deniedFor).
   */
  readonly conditions?: readonly DirectiveNode[];
}

/** The @skip and @include among `directives`. */
function conditionsOf(directives: readonly DirectiveNode[] | undefined): DirectiveNode[] {
  return (directives ?? []).filter((directive) => directive.name.value === 'skip' || directive.name.value === 'include');
}

/** Whether `directive` (@skip or @include) leaves its selection in, with these coerced variables. */
function conditionKeeps(directive: DirectiveNode, variables: Readonly<Record<string, unknown>>): boolean {
  const value = directive.arguments?.find((argument) => argument.name.value === 'if')?.value;
  const condition = value?.kind === Kind.BOOLEAN ? value.value : value?.kind === Kind.VARIABLE ? variables[value.name.value] === true : false;
  return directive.name.value === 'skip' ? !condition : condition;
}

/**
 * The denials that apply to this request: a field its @skip/@include exclude was never asked for, so its
 * removal is no error and leaves no null (the authorized operation is shared by every request of the
 * operation, whatever its variables; the conditions are read per request).
 */
export function deniedFor(denials: readonly Denial[], variables: Readonly<Record<string, unknown>> | undefined): readonly Denial[] {
  if (!denials.some((denial) => denial.conditions?.length)) return denials;
  return denials.filter((denial) => (denial.conditions ?? []).every((directive) => conditionKeeps(directive, variables ?? {})));
}

/** An operation as the viewer may run it. */
export interface AuthorizedOperation {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** Query text whose hash keys the plan cache (differs from the client's when fields were removed). */
  readonly query: string;
  readonly denials: readonly Denial[];
  /** Every root field was removed: nothing to execute. */
  readonly empty: boolean;
}

/** A step of the response path, and whether a null may stop there. */
interface PathStep {
  readonly key: string;
  readonly nullable: boolean;
}

/** Creates the per-request authorizer for one schema and its requirements. */
export function createAuthorizer(schema: GraphQLSchema, requirements: ReadonlyMap<string, Requirement>) {
  const scopesInUse = [...new Set([...requirements.values()].flatMap((requirement) => requirement.scopes.flat()))].sort();
  const policiesInUse = [...new Set([...requirements.values()].flatMap((requirement) => requirement.policies.flat()))].sort();
  // By operation object (the operation cache hands out one per query text), then capability key: no
  // per-request key holding the whole query text to hash.
  const cache = new WeakMap<OperationDefinitionNode, Map<string, AuthorizedOperation>>();

  /** Everything requirements can depend on, as a short key: equal keys get equal filtering. */
  function capabilityKey(viewer: Viewer): string {
    const signedIn = viewer.subject !== undefined || viewer.clientId !== undefined;
    return `${signedIn ? 1 : 0}|${scopesInUse.map((scope) => (viewer.scopes.includes(scope) ? 1 : 0)).join('')}|${policiesInUse.map((name) => (policyAllows(name, viewer) ? 1 : 0)).join('')}`;
  }

  function requirementFor(parent: GraphQLCompositeType, fieldName: string): Requirement | undefined {
    const field = 'getFields' in parent ? parent.getFields()[fieldName] : undefined;
    return combineRequirements(requirements.get(`${parent.name}.${fieldName}`), field ? requirements.get(getNamedType(field.type).name) : undefined);
  }

  function filter(
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    path: readonly PathStep[],
    viewer: Viewer,
    fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    denials: Denial[],
    conditions: readonly DirectiveNode[],
  ): SelectionSetNode {
    const selections: SelectionNode[] = [];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const kept = filterField(selection, parent, path, viewer, fragments, denials, conditions);
        if (kept) selections.push(kept);
      } else {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) continue;
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        if (!condition || !isCompositeType(condition)) continue;
        const inner = filter(fragment.selectionSet, condition, path, viewer, fragments, denials, [...conditions, ...conditionsOf(selection.directives)]);
        // Fragments are inlined so that a removal applies only where the viewer's filter says.
        if (inner.selections.length > 0) {
          selections.push({ kind: Kind.INLINE_FRAGMENT, ...(fragment.typeCondition ? { typeCondition: fragment.typeCondition } : {}), directives: selection.directives ?? [], selectionSet: inner });
        }
      }
    }
    return { ...selectionSet, selections };
  }

  function filterField(
    field: FieldNode,
    parent: GraphQLCompositeType,
    path: readonly PathStep[],
    viewer: Viewer,
    fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    denials: Denial[],
    outer: readonly DirectiveNode[],
  ): FieldNode | undefined {
    const responseKey = field.alias?.value ?? field.name.value;
    const conditions = [...outer, ...conditionsOf(field.directives)];
    if (field.name.value.startsWith('__')) return field;
    const definition = 'getFields' in parent ? parent.getFields()[field.name.value] : undefined;
    const step: PathStep = { key: responseKey, nullable: definition ? !isNonNullType(definition.type) : true };
    const requirement = requirementFor(parent, field.name.value);
    const denial = requirement ? unmetRequirement(requirement, viewer) : undefined;
    if (denial) {
      const steps = [...path, step];
      const lastNullable = steps.map((candidate) => candidate.nullable).lastIndexOf(true);
      denials.push({
        ...denial,
        path: steps.map((candidate) => candidate.key),
        nullPath: steps.slice(0, lastNullable + 1).map((candidate) => candidate.key),
        ...(conditions.length > 0 ? { conditions } : {}),
      });
      return undefined;
    }
    if (!field.selectionSet || !definition) return field;
    const type = getNamedType(definition.type);
    if (!isCompositeType(type)) return field;
    const inner = filter(field.selectionSet, type, [...path, step], viewer, fragments, denials, conditions);
    // A selection left empty cannot be sent: ask for __typename instead, so the parent still resolves.
    const selections = inner.selections.length > 0 ? inner.selections : [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } } as FieldNode];
    return { ...field, selectionSet: { ...inner, selections } };
  }

  /** Filter `operation` for `viewer`. `query` is the client's text, used when nothing is removed. */
  return function authorize(query: string, document: DocumentNode, operation: OperationDefinitionNode, viewer: Viewer): AuthorizedOperation {
    const key = capabilityKey(viewer);
    let byCapability = cache.get(operation);
    const cached = byCapability?.get(key);
    if (cached) return cached;
    const root = schema.getRootType(operation.operation);
    const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
    const denials: Denial[] = [];
    let result: AuthorizedOperation;
    if (!root) {
      result = { document, operation, query, denials, empty: false };
    } else {
      const selectionSet = filter(operation.selectionSet, root, [], viewer, fragments, denials, []);
      if (denials.length === 0) {
        result = { document, operation, query, denials, empty: false };
      } else {
        const filtered: OperationDefinitionNode = { ...operation, selectionSet };
        const filteredDocument: DocumentNode = { kind: Kind.DOCUMENT, definitions: [filtered] };
        result = { document: filteredDocument, operation: filtered, query: print(filteredDocument), denials, empty: selectionSet.selections.length === 0 };
      }
    }
    if (!byCapability) {
      byCapability = new Map();
      cache.set(operation, byCapability);
    }
    byCapability.set(key, result);
    return result;
  };
}

/** The authorizer function type. */
export type Authorizer = ReturnType<typeof createAuthorizer>;

/** Put null where each removed field would have been (through lists), as GraphQL does for failed fields. */
export function nullDeniedFields(data: Record<string, unknown> | null | undefined, denials: readonly Denial[]): Record<string, unknown> | null {
  if (data === null) return null;
  const root = data ?? {};
  for (const denial of denials) {
    const path = denial.nullPath ?? denial.path;
    if (path.length === 0) return null;
    setNull(root, path);
  }
  return root;
}

function setNull(value: unknown, path: readonly string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) setNull(item, path);
    return;
  }
  if (typeof value !== 'object' || value === null || path.length === 0) return;
  const [head, ...rest] = path as [string, ...string[]];
  const record = value as Record<string, unknown>;
  if (rest.length === 0) record[head] = null;
  else setNull(record[head], rest);
}
