// Defence in depth: every subgraph enforces its own schema's @authenticated, @requiresScopes and @policy
// against the viewer of the internal token, with the gateway's rules and codes (auth/policies.ts), so a
// request that reaches it past the gateway opens nothing; introspection and _service are gated too.
import { defaultFieldResolver, getNamedType, isInterfaceType, isObjectType, Kind } from 'graphql';
import type { DocumentNode, GraphQLFieldResolver, GraphQLSchema, SelectionSetNode } from 'graphql';
import { combineRequirements, unmetRequirement } from '../../auth/policies.ts';
import type { Refusal, Requirement } from '../../auth/policies.ts';
import { ANONYMOUS } from '../../auth/viewer.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { codedError } from '../../schema/errors.ts';

/** What the checks read from a request's context. */
export interface AuthorizationContext {
  readonly viewer: Viewer;
  /** Whether this request may ask for __schema, __type and _service. */
  readonly allowIntrospection: boolean;
}

type Resolver = GraphQLFieldResolver<unknown, unknown>;

function viewerOf(context: unknown): Viewer {
  // Fail closed: a context without a viewer is anonymous.
  return (context as Partial<AuthorizationContext> | undefined)?.viewer ?? ANONYMOUS;
}

function refusalError(refusal: Refusal) {
  return codedError(refusal.code, refusal.message, refusal.extensions ?? {});
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/**
 * Wrap the resolver of every field with a requirement (its own, or its return type's) so that it throws
 * the gateway's coded error instead of running: null at the path, GraphQL's null propagation for non-null
 * fields, and no database work. `_entities` refuses each representation of a type with a requirement the
 * viewer lacks. Fields without one keep their resolver untouched. Mutates `schema` (before it serves).
 */
export function enforceSchemaAuthorization(schema: GraphQLSchema, requirements: ReadonlyMap<string, Requirement>): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const requirement = combineRequirements(requirements.get(`${type.name}.${field.name}`), requirements.get(getNamedType(field.type).name));
      if (!requirement) continue;
      const resolve: Resolver = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const refusal = unmetRequirement(requirement, viewerOf(context));
        if (refusal) throw refusalError(refusal);
        return resolve(source, args, context, info);
      };
      // A subscription field is checked before it subscribes too: nothing is listened to for a viewer refused.
      const subscribe = field.subscribe;
      if (subscribe) {
        field.subscribe = (source, args, context, info) => {
          const refusal = unmetRequirement(requirement, viewerOf(context));
          if (refusal) throw refusalError(refusal);
          return subscribe(source, args, context, info);
        };
      }
    }
  }

  // An entity fetch names its type in each representation; the type's own requirement applies there.
  const entities = schema.getQueryType()?.getFields()['_entities'];
  const typeRequirement = (typename: unknown) => {
    if (typeof typename !== 'string') return undefined;
    const type = schema.getType(typename);
    return type && (isObjectType(type) || isInterfaceType(type)) ? requirements.get(typename) : undefined;
  };
  const guarded = Object.values(schema.getTypeMap()).some((type) => (isObjectType(type) || isInterfaceType(type)) && requirements.has(type.name));
  if (!entities?.resolve || !guarded) return;
  const resolveEntities: Resolver = entities.resolve;
  entities.resolve = (source, args, context, info) => {
    const representations = (args as { representations?: unknown }).representations;
    if (!Array.isArray(representations)) return resolveEntities(source, args, context, info);
    const viewer = viewerOf(context);
    const refusals = representations.map((representation: unknown) => {
      const requirement = typeRequirement((representation as { __typename?: unknown } | null)?.__typename);
      return requirement ? unmetRequirement(requirement, viewer) : undefined;
    });
    if (refusals.every((refusal) => refusal === undefined)) return resolveEntities(source, args, context, info);
    // Resolve only the allowed ones, then put each refusal back at its index: it fails only its own item.
    const allowed = representations.filter((_representation: unknown, index) => refusals[index] === undefined);
    const merge = (values: unknown) => {
      const resolved: readonly unknown[] = Array.isArray(values) ? values : [];
      let next = 0;
      return refusals.map((refusal) => (refusal ? Promise.reject(refusalError(refusal)) : resolved[next++]));
    };
    const results = allowed.length > 0 ? resolveEntities(source, { ...args, representations: allowed }, context, info) : [];
    return isPromiseLike(results) ? Promise.resolve(results).then(merge) : merge(results);
  };
}

const SCHEMA_FIELDS = new Set(['__schema', '__type', '_service']);

/** Whether `document` asks for __schema, __type or _service anywhere (fragments included). */
function asksForSchema(document: DocumentNode): boolean {
  const seen = new Set<SelectionSetNode>();
  const visit = (selectionSet: SelectionSetNode): boolean => {
    if (seen.has(selectionSet)) return false;
    seen.add(selectionSet);
    return selectionSet.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return SCHEMA_FIELDS.has(selection.name.value) || (selection.selectionSet !== undefined && visit(selection.selectionSet));
      if (selection.kind === Kind.INLINE_FRAGMENT) return visit(selection.selectionSet);
      return false; // Spreads: every fragment definition is visited below.
    });
  };
  return document.definitions.some((definition) => (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) && visit(definition.selectionSet));
}

/**
 * A mercurius preExecution hook: refuse an operation asking for the schema (introspection, _service)
 * unless the request may (`allowIntrospection` in its context). `__typename` always works. Parsed
 * documents are reused per query text, so the answer is remembered per document.
 */
export function createIntrospectionGate(): (schema: GraphQLSchema, document: DocumentNode, context: unknown) => void {
  const answers = new WeakMap<DocumentNode, boolean>();
  return (_schema, document, context) => {
    if ((context as Partial<AuthorizationContext> | undefined)?.allowIntrospection === true) return;
    let asks = answers.get(document);
    if (asks === undefined) {
      asks = asksForSchema(document);
      answers.set(document, asks);
    }
    if (asks) throw codedError('FORBIDDEN', 'This subgraph answers introspection and _service only to the gateway.');
  };
}
