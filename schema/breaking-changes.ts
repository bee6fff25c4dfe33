// Breaking-change check of a new supergraph against the current one, and which recorded operations each
// change would break. graphql's own findBreakingChanges / findDangerousChanges find the schema-level
// changes (on the public schemas, so @inaccessible parts do not count); we add what they cannot see: a field
// whose owning subgraph changed (federation ownership, from @join__field / @join__type), the subgraph that
// owns each changed coordinate, a likely rename, and the operations that use each coordinate.
import { createHash } from 'node:crypto';
import {
  buildASTSchema,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  findBreakingChanges,
  findDangerousChanges,
  getNamedType,
  Kind,
  parse,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { supergraphToPublicDocument } from './public-schema.ts';
import type { BreakingChangeType, DangerousChangeType, ConstDirectiveNode, DocumentNode, GraphQLSchema, ObjectTypeDefinitionNode, InterfaceTypeDefinitionNode } from 'graphql';

/** What kind of change: graphql's own types, plus FIELD_MOVED (ownership moved between subgraphs). */
export type ChangeKind = `${BreakingChangeType}` | `${DangerousChangeType}` | 'FIELD_MOVED';

/** An operation the check looks for in the changes: recorded from traffic or listed as persisted. */
export interface KnownOperation {
  /** sha256 of the (literal-free) operation text. */
  readonly hash: string;
  readonly name: string | undefined;
  /** The operation text without literal values (no personal data). */
  readonly body: string;
  readonly source: 'traffic' | 'persisted';
  /** Times seen at the gateway (0 for a persisted operation never seen). */
  readonly count: number;
  /** ISO time last seen, when seen. */
  readonly lastSeen: string | undefined;
}

/** An operation a change would break. */
export interface AffectedOperation {
  readonly hash: string;
  readonly name: string | undefined;
  readonly source: 'traffic' | 'persisted';
  readonly count: number;
  readonly lastSeen: string | undefined;
}

/** One schema change. */
export interface SchemaChange {
  readonly kind: ChangeKind;
  /** `Type`, `Type.field`, `Type.field(argument:)` or `Enum.VALUE`. */
  readonly coordinate: string;
  readonly description: string;
  /** Subgraphs that own the coordinate's type or field in the current supergraph (for a new coordinate, in the new one). */
  readonly subgraphs: readonly string[];
  readonly affectedOperations: readonly AffectedOperation[];
}

/** The outcome of a check. */
export interface ChangeReport {
  /** Changes that can break a client (or move data between agencies): refused unless allowed. */
  readonly breaking: readonly SchemaChange[];
  /** Changes that can change a client's behaviour without failing it (an enum value or an optional argument added, …). */
  readonly dangerous: readonly SchemaChange[];
}

/** Compare `next` with `current` (both supergraph SDLs) and find the operations each change breaks. */
export function findSchemaChanges(currentSupergraph: string, nextSupergraph: string, operations: readonly KnownOperation[]): ChangeReport {
  const currentDocument = parse(currentSupergraph);
  const nextDocument = parse(nextSupergraph);
  const current = buildASTSchema(supergraphToPublicDocument(currentDocument), { assumeValidSDL: true });
  const next = buildASTSchema(supergraphToPublicDocument(nextDocument), { assumeValidSDL: true });
  const currentOwners = ownership(currentDocument);
  const nextOwners = ownership(nextDocument);
  const usage = operations.flatMap((operation) => {
    const used = coordinatesUsed(current, operation.body);
    return used ? [{ operation, used }] : [];
  });
  const affected = (coordinate: string, kind: ChangeKind): AffectedOperation[] => {
    const needle = usageNeedle(current, coordinate, kind);
    return usage
      .filter(({ used }) => used.has(needle))
      .map(({ operation }) => ({ hash: operation.hash, name: operation.name, source: operation.source, count: operation.count, lastSeen: operation.lastSeen }))
      .sort((a, b) => b.count - a.count);
  };
  const owners = (coordinate: string): string[] => {
    const key = coordinate.replace(/\(.*$/, '');
    const type = key.split('.')[0]!;
    return [...(currentOwners.get(key) ?? nextOwners.get(key) ?? currentOwners.get(type) ?? nextOwners.get(type) ?? [])].sort();
  };
  const change = (kind: ChangeKind, description: string, coordinate: string): SchemaChange => ({
    kind,
    coordinate,
    description,
    subgraphs: owners(coordinate),
    affectedOperations: affected(coordinate, kind),
  });

  const breaking: SchemaChange[] = findBreakingChanges(current, next).map((found) => {
    const coordinate = coordinateOf(found.description);
    return change(found.type, describe(found.type, found.description, coordinate, current, next), coordinate);
  });
  // A field whose owners in the current supergraph all stopped resolving it, while the field itself stays.
  for (const [coordinate, before] of currentOwners) {
    if (!coordinate.includes('.')) continue;
    const after = nextOwners.get(coordinate);
    if (!after || [...before].some((owner) => after.has(owner))) continue;
    breaking.push({
      ...change(
        'FIELD_MOVED',
        `${coordinate} moved from subgraph ${[...before].sort().join(', ')} to ${[...after].sort().join(', ')}: another agency would now resolve (and see the requests for) it.`,
        coordinate,
      ),
      subgraphs: [...before, ...after].sort(),
    });
  }
  const dangerous = findDangerousChanges(current, next).map((found) => {
    const coordinate = coordinateOf(found.description);
    return change(found.type, found.description, coordinate);
  });
  return { breaking, dangerous };
}

/**
 * What an operation must use to be broken by a change of `coordinate`: an argument added or tightened breaks
 * every use of its field (omitting it fails too); an input field added or changed breaks every use of its
 * input type (variables carry whole objects, so a literal-free operation does not show which fields it sends).
 */
function usageNeedle(current: GraphQLSchema, coordinate: string, kind: ChangeKind): string {
  if (kind === 'REQUIRED_ARG_ADDED' || kind === 'ARG_CHANGED_KIND') return coordinate.replace(/\(.*$/, '');
  const typeName = coordinate.split('.')[0]!;
  if (kind === 'REQUIRED_INPUT_FIELD_ADDED' || (coordinate.includes('.') && isInputObjectType(current.getType(typeName)))) return typeName;
  return coordinate;
}

/**
 * The coordinate a graphql change description names: `Query.foo`, `Query.foo(bar:)` for an argument,
 * `Enum.VALUE`, `Input.field`, or the type (union members and interfaces are changes of the type).
 */
function coordinateOf(description: string): string {
  const name = '[_A-Za-z][_0-9A-Za-z]*';
  const patterns: [RegExp, (match: RegExpExecArray) => string][] = [
    [new RegExp(`^(${name}\\.${name}) arg (${name})`), (match) => `${match[1]}(${match[2]}:)`],
    [new RegExp(`^An? (?:required|optional) arg (${name}) on (${name}\\.${name}) was added`), (match) => `${match[2]}(${match[1]}:)`],
    [new RegExp(`^An? (?:required|optional) field (${name}) on input type (${name}) was added`), (match) => `${match[2]}.${match[1]}`],
    [new RegExp(`^(${name}) was (?:removed from|added to) enum type (${name})`), (match) => `${match[2]}.${match[1]}`],
    [new RegExp(`^${name} was (?:removed from|added to) union type (${name})`), (match) => match[1]!],
    [new RegExp(`^${name} added to interfaces implemented by (${name})`), (match) => match[1]!],
    [new RegExp(`^(${name}(?:\\.${name})?)`), (match) => match[1]!],
  ];
  for (const [pattern, coordinate] of patterns) {
    const match = pattern.exec(description);
    if (match) return coordinate(match);
  }
  return description;
}

/** graphql's description, and for a removed field or type the one added in its place that looks like its new name. */
function describe(type: string, description: string, coordinate: string, current: GraphQLSchema, next: GraphQLSchema): string {
  if (type === 'FIELD_REMOVED') {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const before = fieldsOf(current, typeName);
    const after = fieldsOf(next, typeName);
    const was = before.get(fieldName);
    const candidates = [...after].filter(([name, fieldType]) => !before.has(name) && fieldType === was);
    if (candidates.length === 1) return `${description} (renamed to ${typeName}.${candidates[0]![0]}? Clients asking for ${fieldName} fail either way.)`;
  }
  if (type === 'TYPE_REMOVED') {
    const added = Object.keys(next.getTypeMap()).filter((name) => !name.startsWith('__') && !current.getType(name) && next.getType(name)?.constructor === current.getType(coordinate)?.constructor);
    if (added.length === 1) return `${description} (renamed to ${added[0]}?)`;
  }
  return description;
}

function fieldsOf(schema: GraphQLSchema, typeName: string): Map<string, string> {
  const type = schema.getType(typeName);
  const fields = isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : isInputObjectType(type) ? Object.values(type.getFields()) : [];
  return new Map(fields.map((field) => [field.name, String(field.type)]));
}

/**
 * Which subgraphs resolve each object and interface type and field of a supergraph: a field with
 * `@join__field(graph:)` (not `external: true`) belongs to those graphs; without one, to every graph of its type.
 */
export function ownership(document: DocumentNode): Map<string, Set<string>> {
  const graphNames = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const name = stringArgument(
        value.directives?.find((directive) => directive.name.value === 'join__graph'),
        'name',
      );
      graphNames.set(value.name.value, name ?? value.name.value.toLowerCase());
    }
  }
  const graphOf = (directive: ConstDirectiveNode): string | undefined => {
    const argument = directive.arguments?.find((candidate) => candidate.name.value === 'graph');
    return argument?.value.kind === Kind.ENUM ? (graphNames.get(argument.value.value) ?? argument.value.value) : undefined;
  };
  const owners = new Map<string, Set<string>>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const typeDefinition: ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode = definition;
    const typeGraphs = new Set((typeDefinition.directives ?? []).filter((directive) => directive.name.value === 'join__type').flatMap((directive) => graphOf(directive) ?? []));
    owners.set(typeDefinition.name.value, typeGraphs);
    for (const field of typeDefinition.fields ?? []) {
      const joins = (field.directives ?? []).filter((directive) => directive.name.value === 'join__field');
      const fieldGraphs = joins.length === 0 ? typeGraphs : new Set(joins.filter((directive) => !booleanArgument(directive, 'external')).flatMap((directive) => graphOf(directive) ?? []));
      owners.set(`${typeDefinition.name.value}.${field.name.value}`, fieldGraphs);
    }
  }
  return owners;
}

function stringArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = directive?.arguments?.find((argument) => argument.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}

function booleanArgument(directive: ConstDirectiveNode, name: string): boolean {
  const value = directive.arguments?.find((argument) => argument.name.value === name)?.value;
  return value?.kind === Kind.BOOLEAN && value.value;
}

/**
 * Every schema coordinate an operation uses, read against the schema it was written for: types named
 * (fields' types, fragments' conditions, variables' types), fields, arguments given, input fields and
 * enum values written as literals. Undefined when the text does not parse.
 */
export function coordinatesUsed(schema: GraphQLSchema, body: string): Set<string> | undefined {
  let document: DocumentNode;
  try {
    document = parse(body);
  } catch {
    return undefined;
  }
  const used = new Set<string>();
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        used.add(parent.name);
        used.add(`${parent.name}.${node.name.value}`);
        used.add(getNamedType(field.type).name);
        // Arguments the field declares are part of the contract even when omitted (a removed default changes them).
        for (const argument of node.arguments ?? []) used.add(`${parent.name}.${node.name.value}(${argument.name.value}:)`);
      },
      VariableDefinition() {
        const type = typeInfo.getInputType();
        if (type) used.add(getNamedType(type).name);
      },
      ObjectField(node) {
        const parent = typeInfo.getParentInputType();
        if (parent) used.add(`${getNamedType(parent).name}.${node.name.value}`);
      },
      Argument() {
        const type = typeInfo.getInputType();
        if (type) used.add(getNamedType(type).name);
      },
      EnumValue(node) {
        const type = typeInfo.getInputType();
        if (type) used.add(`${getNamedType(type).name}.${node.value}`);
      },
      InlineFragment(node) {
        if (node.typeCondition) used.add(node.typeCondition.name.value);
      },
      FragmentDefinition(node) {
        used.add(node.typeCondition.name.value);
      },
    }),
  );
  // An enum that reaches the client as output: each of its values may come back, so removing one breaks readers.
  for (const name of [...used]) {
    const type = schema.getType(name);
    if (type && 'getValues' in type) for (const value of type.getValues()) used.add(`${name}.${value.name}`);
  }
  return used;
}

/**
 * An operation as the registry keeps it: the text with every string and number literal replaced
 * (they may hold personal data: a name, an ID number, a phone), enum and boolean literals kept (they are
 * schema values), printed canonically, and its sha256. Undefined when the text does not parse.
 */
export function literalFreeOperation(body: string): { body: string; hash: string; name: string | undefined } | undefined {
  let document: DocumentNode;
  try {
    document = parse(body, { noLocation: true });
  } catch {
    return undefined;
  }
  const stripped = visit(document, {
    StringValue: () => ({ kind: Kind.STRING, value: '' }),
    IntValue: () => ({ kind: Kind.INT, value: '0' }),
    FloatValue: () => ({ kind: Kind.FLOAT, value: '0' }),
  });
  const text = print(stripped);
  const operation = stripped.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return { body: text, hash: createHash('sha256').update(text).digest('hex'), name: operation?.name?.value };
}
