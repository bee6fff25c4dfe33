// Checks a composed supergraph against what its Federation 2 subgraphs declare, so a composer bug
// becomes a clear composition error instead of a supergraph that sends the planner the wrong way.
// @theguild/federation-composition 0.27.0 (MIT) is known to: merge a field typed with a union
// member in one subgraph and the union in another to the member (Apollo: the union); drop
// @join__field on an @interfaceObject field that another graph declares @external; refuse a
// @requires whose selection has a fragment on an interface with an error that does not say why.
import { buildASTSchema, isTypeSubTypeOf, Kind, parse, parseType, print, typeFromAST } from 'graphql';
import type { ConstArgumentNode, ConstDirectiveNode, DefinitionNode, DocumentNode, FieldDefinitionNode, GraphQLSchema, SelectionSetNode, TypeNode } from 'graphql';

/** One subgraph as it was handed to the composer. */
export interface SubgraphDefinition {
  readonly name: string;
  readonly typeDefs: DocumentNode;
}

/** A field as one subgraph declares it. */
interface DeclaredField {
  readonly type: string;
  readonly external: boolean;
  readonly requires: string | undefined;
  readonly provides: string | undefined;
  readonly overrideFrom: string | undefined;
  readonly overrideLabel: string | undefined;
}

/** An object, interface (or @interfaceObject) or union type as one subgraph declares it. */
interface DeclaredType {
  kind: 'object' | 'interface' | 'union';
  interfaceObject: boolean;
  readonly fields: Map<string, DeclaredField>;
  readonly keys: { fields: string; resolvable: boolean }[];
  readonly implementsInterfaces: Set<string>;
  readonly members: Set<string>;
}

/** What one Federation 2 subgraph declares, with its root types under their supergraph names. */
interface DeclaredSubgraph {
  readonly name: string;
  readonly types: Map<string, DeclaredType>;
  /** Inline fragments on an abstract type inside @requires (see `unsupportedRequires`). */
  readonly abstractFragmentRequires: { coordinate: string; fields: string }[];
}

const FEDERATION_V2 = /^https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+$/;
const ROOT_DEFAULTS: Readonly<Record<string, string>> = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };
const FEDERATION_INTERNAL_TYPES = new Set(['_Service', '_Entity', '_Any', 'FieldSet', '_FieldSet']);

function argument(directive: ConstDirectiveNode, name: string): ConstArgumentNode['value'] | undefined {
  return directive.arguments?.find((item) => item.name.value === name)?.value;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = argument(directive, name);
  return value?.kind === Kind.STRING ? value.value : undefined;
}

function enumOrBooleanArgument(directive: ConstDirectiveNode, name: string): string | boolean | undefined {
  const value = argument(directive, name);
  if (value?.kind === Kind.ENUM) return value.value;
  if (value?.kind === Kind.BOOLEAN) return value.value;
  return undefined;
}

/** A field set (`id`, `data { foo }`) printed one canonical way, so two composers' spellings compare equal. */
export function normalizeFieldSet(fields: string): string {
  try {
    const document = parse(`{${fields}}`, { noLocation: true });
    const operation = document.definitions[0];
    if (operation?.kind !== Kind.OPERATION_DEFINITION) return fields.trim();
    return print(operation.selectionSet).replace(/\s+/g, ' ').slice(1, -1).trim();
  } catch {
    return fields.trim();
  }
}

function printTypeNode(type: TypeNode): string {
  return print(type);
}

/**
 * The federation directive names a subgraph uses (imported, renamed with `as`, or `federation__x`),
 * or undefined when it does not link Federation 2 (Federation 1 subgraphs are not checked).
 */
function federationNames(document: DocumentNode): ((directive: string) => Set<string>) | undefined {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const url = stringArgument(directive, 'url');
      if (!url || !FEDERATION_V2.test(url)) continue;
      const prefix = stringArgument(directive, 'as') ?? 'federation';
      const imported = new Map<string, string>();
      const imports = argument(directive, 'import');
      for (const item of imports?.kind === Kind.LIST ? imports.values : []) {
        if (item.kind === Kind.STRING) imported.set(item.value.replace(/^@/, ''), item.value.replace(/^@/, ''));
        if (item.kind === Kind.OBJECT) {
          const name = item.fields.find((field) => field.name.value === 'name')?.value;
          const alias = item.fields.find((field) => field.name.value === 'as')?.value;
          if (name?.kind === Kind.STRING) imported.set(name.value.replace(/^@/, ''), (alias?.kind === Kind.STRING ? alias.value : name.value).replace(/^@/, ''));
        }
      }
      return (name) => new Set([`${prefix}__${name}`, ...(imported.has(name) ? [imported.get(name) as string] : [])]);
    }
  }
  return undefined;
}

/** The fields a field set selects at its top level (`id`, `products { id }` → id, products). */
function topLevelFields(fields: string): string[] {
  try {
    const operation = parse(`{${fields}}`, { noLocation: true }).definitions[0];
    if (operation?.kind !== Kind.OPERATION_DEFINITION) return [];
    return operation.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []));
  } catch {
    return []; // the composer reports a field set that does not parse
  }
}

/** Whether a selection has an inline fragment on a type the subgraph declares as an interface or union. */
function hasAbstractFragment(selectionSet: SelectionSetNode, abstractTypes: ReadonlySet<string>): boolean {
  return selectionSet.selections.some((selection) => {
    if (selection.kind === Kind.INLINE_FRAGMENT && selection.typeCondition && abstractTypes.has(selection.typeCondition.name.value)) return true;
    return 'selectionSet' in selection && selection.selectionSet !== undefined && hasAbstractFragment(selection.selectionSet, abstractTypes);
  });
}

/** Read what a Federation 2 subgraph declares; undefined for a Federation 1 subgraph. */
function readSubgraph(subgraph: SubgraphDefinition): DeclaredSubgraph | undefined {
  const names = federationNames(subgraph.typeDefs);
  if (!names) return undefined;
  const is = (directive: ConstDirectiveNode, federationDirective: string) => names(federationDirective).has(directive.name.value);
  const rootNames = new Map<string, string>();
  const abstractTypes = new Set<string>();
  for (const definition of subgraph.typeDefs.definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) {
      for (const operation of definition.operationTypes ?? []) rootNames.set(operation.type.name.value, ROOT_DEFAULTS[operation.operation] as string);
    }
    if (
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_EXTENSION ||
      definition.kind === Kind.UNION_TYPE_DEFINITION ||
      definition.kind === Kind.UNION_TYPE_EXTENSION
    ) {
      abstractTypes.add(definition.name.value);
    }
  }
  const supergraphName = (name: string) => rootNames.get(name) ?? name;
  const types = new Map<string, DeclaredType>();
  const abstractFragmentRequires: { coordinate: string; fields: string }[] = [];

  const typeOf = (definition: DefinitionNode & { name: { value: string } }, kind: DeclaredType['kind']): DeclaredType => {
    const name = supergraphName(definition.name.value);
    let declared = types.get(name);
    if (!declared) {
      declared = { kind, interfaceObject: false, fields: new Map(), keys: [], implementsInterfaces: new Set(), members: new Set() };
      types.set(name, declared);
    }
    return declared;
  };
  const readField = (typeName: string, field: FieldDefinitionNode, typeExternal: boolean): DeclaredField => {
    const directives = field.directives ?? [];
    const requiresDirective = directives.find((directive) => is(directive, 'requires'));
    const provides = directives.find((directive) => is(directive, 'provides'));
    const override = directives.find((directive) => is(directive, 'override'));
    const requires = requiresDirective ? stringArgument(requiresDirective, 'fields') : undefined;
    if (requires !== undefined) {
      try {
        const operation = parse(`{${requires}}`).definitions[0];
        if (operation?.kind === Kind.OPERATION_DEFINITION && hasAbstractFragment(operation.selectionSet, abstractTypes)) {
          abstractFragmentRequires.push({ coordinate: `${typeName}.${field.name.value}`, fields: requires });
        }
      } catch {
        // The composer reports a field set that does not parse.
      }
    }
    return {
      type: printTypeNode(field.type),
      external: typeExternal || directives.some((directive) => is(directive, 'external')),
      requires,
      provides: provides ? stringArgument(provides, 'fields') : undefined,
      overrideFrom: override ? stringArgument(override, 'from') : undefined,
      overrideLabel: override ? stringArgument(override, 'label') : undefined,
    };
  };

  for (const definition of subgraph.typeDefs.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION: {
        if (FEDERATION_INTERNAL_TYPES.has(definition.name.value)) break;
        const isObject = definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION;
        const declared = typeOf(definition, isObject ? 'object' : 'interface');
        const directives = definition.directives ?? [];
        if (directives.some((directive) => is(directive, 'interfaceObject'))) declared.interfaceObject = true;
        for (const key of directives.filter((directive) => is(directive, 'key'))) {
          declared.keys.push({ fields: normalizeFieldSet(stringArgument(key, 'fields') ?? ''), resolvable: enumOrBooleanArgument(key, 'resolvable') !== false });
        }
        for (const item of definition.interfaces ?? []) declared.implementsInterfaces.add(item.name.value);
        const typeExternal = directives.some((directive) => is(directive, 'external'));
        const name = supergraphName(definition.name.value);
        // As in Federation 1, @external on a key field of an extension (`extend type`, @extends) is ignored:
        // the subgraph gets the key in every representation and resolves it.
        const extension = definition.kind === Kind.OBJECT_TYPE_EXTENSION || definition.kind === Kind.INTERFACE_TYPE_EXTENSION || directives.some((directive) => is(directive, 'extends'));
        const keyFields = new Set(extension ? declared.keys.flatMap((key) => topLevelFields(key.fields)) : []);
        for (const field of definition.fields ?? []) {
          if (name === 'Query' && (field.name.value === '_service' || field.name.value === '_entities')) continue;
          const read = readField(name, field, typeExternal);
          declared.fields.set(field.name.value, keyFields.has(field.name.value) ? { ...read, external: false } : read);
        }
        break;
      }
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.UNION_TYPE_EXTENSION: {
        if (FEDERATION_INTERNAL_TYPES.has(definition.name.value)) break;
        const declared = typeOf(definition, 'union');
        for (const member of definition.types ?? []) declared.members.add(supergraphName(member.name.value));
        break;
      }
      default:
        break;
    }
  }
  return { name: subgraph.name, types, abstractFragmentRequires };
}

/** One @join__field of a supergraph field. */
interface JoinField {
  readonly graph: string | undefined;
  readonly requires: string | undefined;
  readonly provides: string | undefined;
  readonly type: string | undefined;
  readonly external: boolean;
  readonly usedOverridden: boolean;
}

/** The supergraph's composite types with their join metadata, graphs by subgraph name. */
interface SupergraphModel {
  readonly schema: GraphQLSchema;
  readonly graphNames: Map<string, string>;
  readonly types: Map<
    string,
    {
      kind: 'object' | 'interface' | 'union';
      joinTypes: { graph: string; key: string | undefined; resolvable: boolean; isInterfaceObject: boolean }[];
      implementsByGraph: { graph: string; interface: string }[];
      fields: Map<string, { type: string; joinFields: JoinField[] }>;
      members: Set<string>;
      unionMembers: { graph: string; member: string }[];
    }
  >;
}

function readSupergraph(supergraphSdl: string): SupergraphModel {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const joinGraph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      graphNames.set(value.name.value, (joinGraph && stringArgument(joinGraph, 'name')) ?? value.name.value);
    }
  }
  const graph = (directive: ConstDirectiveNode, name = 'graph'): string | undefined => {
    const value = argument(directive, name);
    return value?.kind === Kind.ENUM ? (graphNames.get(value.value) ?? value.value) : undefined;
  };
  const types: SupergraphModel['types'] = new Map();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION && definition.kind !== Kind.UNION_TYPE_DEFINITION) {
      continue;
    }
    const directives = definition.directives ?? [];
    const kind = definition.kind === Kind.OBJECT_TYPE_DEFINITION ? 'object' : definition.kind === Kind.INTERFACE_TYPE_DEFINITION ? 'interface' : 'union';
    const fields = new Map<string, { type: string; joinFields: JoinField[] }>();
    if (definition.kind !== Kind.UNION_TYPE_DEFINITION) {
      for (const field of definition.fields ?? []) {
        const joinFields = (field.directives ?? [])
          .filter((directive) => directive.name.value === 'join__field')
          .map((directive) => ({
            graph: graph(directive),
            requires: stringArgument(directive, 'requires'),
            provides: stringArgument(directive, 'provides'),
            type: stringArgument(directive, 'type'),
            external: enumOrBooleanArgument(directive, 'external') === true,
            usedOverridden: enumOrBooleanArgument(directive, 'usedOverridden') === true,
          }));
        fields.set(field.name.value, { type: printTypeNode(field.type), joinFields });
      }
    }
    types.set(definition.name.value, {
      kind,
      joinTypes: directives
        .filter((directive) => directive.name.value === 'join__type')
        .flatMap((directive) => {
          const name = graph(directive);
          if (name === undefined) return [];
          const key = stringArgument(directive, 'key');
          return [
            {
              graph: name,
              key: key === undefined ? undefined : normalizeFieldSet(key),
              resolvable: enumOrBooleanArgument(directive, 'resolvable') !== false,
              isInterfaceObject: enumOrBooleanArgument(directive, 'isInterfaceObject') === true,
            },
          ];
        }),
      implementsByGraph: directives
        .filter((directive) => directive.name.value === 'join__implements')
        .flatMap((directive) => {
          const name = graph(directive);
          const implemented = stringArgument(directive, 'interface');
          return name !== undefined && implemented !== undefined ? [{ graph: name, interface: implemented }] : [];
        }),
      fields,
      members: new Set(definition.kind === Kind.UNION_TYPE_DEFINITION ? (definition.types ?? []).map((member) => member.name.value) : []),
      unionMembers: directives
        .filter((directive) => directive.name.value === 'join__unionMember')
        .flatMap((directive) => {
          const name = graph(directive);
          const member = stringArgument(directive, 'member');
          return name !== undefined && member !== undefined ? [{ graph: name, member }] : [];
        }),
    });
  }
  const schema = buildASTSchema(document, { assumeValid: true, assumeValidSDL: true });
  return { schema, graphNames, types };
}

/**
 * @requires selections with an inline fragment on an interface or union: the Guild composer refuses
 * some of them ("cannot satisfy @require conditions") where Apollo's accepts them. Named so the
 * composition error can say why.
 */
export function unsupportedRequires(subgraphs: readonly SubgraphDefinition[]): { subgraph: string; coordinate: string; fields: string }[] {
  return subgraphs.flatMap((subgraph) => (readSubgraph(subgraph)?.abstractFragmentRequires ?? []).map((item) => ({ subgraph: subgraph.name, ...item })));
}

/**
 * Compare a composed supergraph with what the Federation 2 subgraphs declare; each returned message
 * is one place where the supergraph would route, type or require differently from the subgraphs.
 */
export function checkSupergraph(subgraphs: readonly SubgraphDefinition[], supergraphSdl: string): string[] {
  const declared = subgraphs.flatMap((subgraph) => readSubgraph(subgraph) ?? []);
  const checkedGraphs = new Set(declared.map((subgraph) => subgraph.name));
  const supergraph = readSupergraph(supergraphSdl);
  const problems: string[] = [];

  // Unlabelled @override(from: S): S no longer resolves the field (the supergraph may keep it as usedOverridden).
  const overridden = new Set<string>();
  for (const subgraph of declared) {
    for (const [typeName, type] of subgraph.types) {
      for (const [fieldName, field] of type.fields) {
        if (field.overrideFrom !== undefined && field.overrideLabel === undefined && !field.external) overridden.add(`${field.overrideFrom}\n${typeName}.${fieldName}`);
      }
    }
  }

  for (const subgraph of declared) {
    const where = `subgraph "${subgraph.name}"`;
    for (const [typeName, type] of subgraph.types) {
      const merged = supergraph.types.get(typeName);
      if (!merged) {
        problems.push(`${typeName} (${where}) is missing from the supergraph.`);
        continue;
      }
      const joinType = merged.joinTypes.filter((item) => item.graph === subgraph.name);
      if (joinType.length === 0) problems.push(`${typeName} has no @join__type for ${where}.`);
      if (type.interfaceObject && !(merged.kind === 'interface' && joinType.some((item) => item.isInterfaceObject))) {
        problems.push(`${typeName} is an @interfaceObject in ${where} but the supergraph does not say so.`);
      }
      for (const key of type.keys) {
        if (!joinType.some((item) => item.key === key.fields && item.resolvable === key.resolvable)) {
          problems.push(`${typeName} @key(fields: "${key.fields}") of ${where} is missing from the supergraph's @join__type.`);
        }
      }
      for (const implemented of type.implementsInterfaces) {
        if (!merged.implementsByGraph.some((item) => item.graph === subgraph.name && item.interface === implemented)) {
          problems.push(`${typeName} implements ${implemented} in ${where} but the supergraph has no @join__implements for it.`);
        }
      }
      if (type.kind === 'union') {
        for (const member of type.members) {
          if (!merged.members.has(member) || !merged.unionMembers.some((item) => item.graph === subgraph.name && item.member === member)) {
            problems.push(`${member} is a member of union ${typeName} in ${where} but not in the supergraph's union for that subgraph.`);
          }
        }
        for (const item of merged.unionMembers) {
          if (item.graph === subgraph.name && !type.members.has(item.member)) {
            problems.push(`The supergraph's union ${typeName} has ${item.member} for ${where}, which does not declare it.`);
          }
        }
      }
      for (const [fieldName, field] of type.fields) {
        const coordinate = `${typeName}.${fieldName}`;
        const mergedField = merged.fields.get(fieldName);
        if (!mergedField) {
          problems.push(`${coordinate} (${where}) is missing from the supergraph.`);
          continue;
        }
        const joins = mergedField.joinFields.filter((item) => item.graph === subgraph.name);
        if (field.requires !== undefined && !joins.some((item) => item.requires !== undefined && normalizeFieldSet(item.requires) === normalizeFieldSet(field.requires as string))) {
          problems.push(`${coordinate} @requires(fields: "${normalizeFieldSet(field.requires)}") in ${where} is missing from the supergraph's @join__field.`);
        }
        if (field.provides !== undefined && !joins.some((item) => item.provides !== undefined && normalizeFieldSet(item.provides) === normalizeFieldSet(field.provides as string))) {
          problems.push(`${coordinate} @provides(fields: "${normalizeFieldSet(field.provides)}") in ${where} is missing from the supergraph's @join__field.`);
        }
        if (field.external || overridden.has(`${subgraph.name}\n${coordinate}`)) continue;
        // The type this subgraph returns must be the one the supergraph records for it, and fit the merged type.
        const recorded = joins.find((item) => item.type !== undefined)?.type ?? mergedField.type;
        if (recorded !== field.type) {
          problems.push(`${coordinate} is ${field.type} in ${where} but the supergraph records ${recorded} for it.`);
        } else if (!fitsType(supergraph.schema, field.type, mergedField.type)) {
          problems.push(`${coordinate} is ${field.type} in ${where}, which does not fit the supergraph's ${mergedField.type}: clients would be promised a narrower type than the subgraph returns.`);
        }
      }
    }
  }

  // Routing: the graphs the supergraph lets the planner ask for a field are exactly those that resolve it.
  for (const [typeName, merged] of supergraph.types) {
    if (merged.kind === 'union') continue;
    for (const [fieldName, mergedField] of merged.fields) {
      const coordinate = `${typeName}.${fieldName}`;
      const routed = new Set(
        mergedField.joinFields.length === 0
          ? merged.joinTypes.map((item) => item.graph)
          : mergedField.joinFields.flatMap((item) => (item.graph !== undefined && !item.external && !item.usedOverridden ? [item.graph] : [])),
      );
      for (const subgraph of declared) {
        const field = subgraph.types.get(typeName)?.fields.get(fieldName);
        const resolves = field !== undefined && !field.external && !overridden.has(`${subgraph.name}\n${coordinate}`);
        if (routed.has(subgraph.name) && !resolves) {
          const why = field === undefined ? 'does not declare it' : field.external ? 'declares it @external' : 'had it overridden';
          problems.push(`The supergraph lets the planner fetch ${coordinate} from subgraph "${subgraph.name}", which ${why}.`);
        } else if (!routed.has(subgraph.name) && resolves) {
          problems.push(`Subgraph "${subgraph.name}" resolves ${coordinate} but the supergraph never fetches it from there.`);
        }
      }
      for (const graph of routed) {
        if (!checkedGraphs.has(graph) && !subgraphs.some((subgraph) => subgraph.name === graph)) {
          problems.push(`The supergraph fetches ${coordinate} from an unknown subgraph "${graph}".`);
        }
      }
    }
  }
  return problems;
}

/** Whether a value of the subgraph's type (printed) is a valid value of the supergraph's type. */
function fitsType(schema: GraphQLSchema, declared: string, merged: string): boolean {
  const from = typeFromAST(schema, parseType(declared));
  const to = typeFromAST(schema, parseType(merged));
  return from !== undefined && to !== undefined && isTypeSubTypeOf(schema, from, to);
}
