// Lookups by code: root fields that take a `code` argument (a feedback item, a dossier, a procedure).
// Codes are short and sequential, so the gateway counts these separately and more strictly than other
// requests: an alias is one more guess, so each occurrence counts.
import { getNamedType, Kind, OperationTypeNode } from 'graphql';
import type { DocumentNode, FragmentDefinitionNode, GraphQLObjectType, GraphQLSchema, OperationDefinitionNode, SelectionSetNode } from 'graphql';

/** Counts an operation's lookups by code (cached per operation object). */
export type CodeLookupCounter = (document: DocumentNode, operation: OperationDefinitionNode) => number;

/** Create a counter for `schema`: which root fields are lookups is read from the schema once. */
export function createCodeLookupCounter(schema: GraphQLSchema): CodeLookupCounter {
  const lookupFields = new Map<GraphQLObjectType, ReadonlySet<string>>();
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    const names = Object.values(root.getFields())
      .filter((field) => field.args.some((argument) => argument.name === 'code' && getNamedType(argument.type).name !== 'Boolean'))
      .map((field) => field.name);
    lookupFields.set(root, new Set(names));
  }
  const cache = new WeakMap<OperationDefinitionNode, number>();
  return (document, operation) => {
    const cached = cache.get(operation);
    if (cached !== undefined) return cached;
    const root = operation.operation === OperationTypeNode.QUERY ? schema.getQueryType() : operation.operation === OperationTypeNode.MUTATION ? schema.getMutationType() : undefined;
    const names = root ? lookupFields.get(root) : undefined;
    const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
    const count = names && names.size > 0 ? countIn(operation.selectionSet, names, fragments, new Set()) : 0;
    cache.set(operation, count);
    return count;
  };
}

/** Occurrences of the lookup fields at the root, through fragments (each fragment spread once per path). */
function countIn(selectionSet: SelectionSetNode, names: ReadonlySet<string>, fragments: ReadonlyMap<string, FragmentDefinitionNode>, visiting: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (names.has(selection.name.value)) count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countIn(selection.selectionSet, names, fragments, visiting);
    } else {
      const fragment = fragments.get(selection.name.value);
      // Validation already refused fragment cycles; the guard only keeps this walk finite regardless.
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      count += countIn(fragment.selectionSet, names, fragments, visiting);
      visiting.delete(fragment.name.value);
    }
  }
  return count;
}
