// Result shaping, compiled once per operation (and per set of @skip/@include values): from the merged
// subgraph data, keep exactly the fields the client asked for, under its aliases and in its order,
// fill __typename, and apply GraphQL's null propagation when a non-null field came back null.
// Values the public schema cannot show (an enum value it hides, an object of a type it does not
// have) become null with an error at their path. This replaces a second graphql-js execution.
import { getNamedType, GraphQLError, isAbstractType, isCompositeType, isEnumType, isInterfaceType, isLeafType, isListType, isNonNullType, isObjectType, Kind } from 'graphql';
import type {
  DirectiveNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  ValueNode,
} from 'graphql';

/** The code of errors about a subgraph's data that the public schema cannot show. */
const INVALID_DATA = 'SUBGRAPH_INVALID_RESPONSE';

/** How a field's value is completed: wrappers outermost first. */
type TypeShape =
  | { readonly kind: 'nonNull'; readonly of: TypeShape }
  | { readonly kind: 'list'; readonly of: TypeShape }
  | { readonly kind: 'leaf' }
  /** An enum: only the values of the public schema's enum pass (not those it hides). */
  | { readonly kind: 'enum'; readonly name: string; readonly values: ReadonlySet<string> }
  | { readonly kind: 'composite'; readonly group: SelectionGroup };

/** One response key of an object, as the client asked for it. */
interface FieldShape {
  readonly key: string;
  /** The __typename meta field: the runtime type's name, not read from the data. */
  readonly isTypename: boolean;
  readonly type: TypeShape;
  /** "Type.field", for error messages. */
  readonly coordinate: string;
}

/** Marks a value that must become null further up (a non-null field was null). */
const INVALID: unique symbol = Symbol('invalid');
/** A null whose error is already reported (an enum value or type the schema cannot show). */
const REPORTED_NULL: unique symbol = Symbol('reported null');
type Completed = unknown;

/** The selection sets that apply at one place of the response, resolved per runtime type on demand. */
class SelectionGroup {
  readonly parent: GraphQLCompositeType;
  readonly sets: readonly SelectionSetNode[];
  private readonly byType = new Map<string, readonly FieldShape[]>();
  private readonly compiler: ShaperCompiler;

  constructor(compiler: ShaperCompiler, parent: GraphQLCompositeType, sets: readonly SelectionSetNode[]) {
    this.compiler = compiler;
    this.parent = parent;
    this.sets = sets;
  }

  /**
   * The type to shape `source` as: its object type, or — for an interface when the data names no
   * object type, as an @interfaceObject subgraph answers — the interface itself. Undefined when the
   * data names a type the public schema does not have here.
   */
  runtimeType(source: Record<string, unknown>): GraphQLObjectType | GraphQLInterfaceType | undefined {
    if (isObjectType(this.parent)) return this.parent;
    const name = source['__typename'];
    if (typeof name === 'string') {
      const type = this.compiler.schema.getType(name);
      if (isObjectType(type) && this.compiler.schema.isSubType(this.parent, type)) return type;
      if (name !== this.parent.name) return undefined;
    }
    return isInterfaceType(this.parent) ? this.parent : undefined;
  }

  fieldsFor(type: GraphQLObjectType | GraphQLInterfaceType): readonly FieldShape[] {
    let fields = this.byType.get(type.name);
    if (!fields) {
      fields = this.compiler.compileFields(type, this.sets);
      this.byType.set(type.name, fields);
    }
    return fields;
  }
}

/** Builds field shapes for one operation under fixed @skip/@include values. */
class ShaperCompiler {
  readonly schema: GraphQLSchema;
  private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  private readonly variables: Readonly<Record<string, unknown>>;

  constructor(schema: GraphQLSchema, fragments: ReadonlyMap<string, FragmentDefinitionNode>, variables: Readonly<Record<string, unknown>>) {
    this.schema = schema;
    this.fragments = fragments;
    this.variables = variables;
  }

  compileFields(type: GraphQLObjectType | GraphQLInterfaceType, sets: readonly SelectionSetNode[]): readonly FieldShape[] {
    const collected = new Map<string, FieldNode[]>();
    const visited = new Set<string>();
    for (const set of sets) this.collect(type, set, collected, visited);
    const definitions = type.getFields();
    const fields: FieldShape[] = [];
    for (const [key, nodes] of collected) {
      const name = nodes[0]!.name.value;
      if (name === '__typename') {
        fields.push({ key, isTypename: true, type: { kind: 'leaf' }, coordinate: `${type.name}.__typename` });
        continue;
      }
      if ((name === '__schema' || name === '__type') && type === this.schema.getQueryType()) {
        // Answered by the gateway from the public schema (index.ts), already complete.
        fields.push({ key, isTypename: false, type: { kind: 'leaf' }, coordinate: `${type.name}.${name}` });
        continue;
      }
      const definition = definitions[name];
      // Validation already refused unknown fields.
      if (!definition) continue;
      const subSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
      fields.push({ key, isTypename: false, type: this.shapeOf(definition.type, subSets), coordinate: `${type.name}.${name}` });
    }
    return fields;
  }

  shapeOf(type: GraphQLOutputType, sets: readonly SelectionSetNode[]): TypeShape {
    if (isNonNullType(type)) return { kind: 'nonNull', of: this.shapeOf(type.ofType, sets) };
    if (isListType(type)) return { kind: 'list', of: this.shapeOf(type.ofType, sets) };
    const named = getNamedType(type);
    if (isEnumType(named)) return { kind: 'enum', name: named.name, values: new Set(named.getValues().map((value) => value.value as string)) };
    if (isLeafType(named) || !isCompositeType(named)) return { kind: 'leaf' };
    return { kind: 'composite', group: new SelectionGroup(this, named, sets) };
  }

  private collect(type: GraphQLObjectType | GraphQLInterfaceType, set: SelectionSetNode, into: Map<string, FieldNode[]>, visited: Set<string>): void {
    for (const selection of set.selections) {
      if (!this.included(selection.directives)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const list = into.get(key);
        if (list) list.push(selection);
        else into.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (selection.typeCondition && !this.applies(selection.typeCondition.name.value, type)) continue;
        this.collect(type, selection.selectionSet, into, visited);
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = this.fragments.get(name);
        if (!fragment || !this.applies(fragment.typeCondition.name.value, type)) continue;
        this.collect(type, fragment.selectionSet, into, visited);
      }
    }
  }

  private applies(condition: string, type: GraphQLObjectType | GraphQLInterfaceType): boolean {
    if (condition === type.name) return true;
    // Shaping as an interface (no object type known): only what holds for every implementation.
    if (isInterfaceType(type)) return type.getInterfaces().some((parent) => parent.name === condition);
    const conditionType = this.schema.getType(condition);
    return conditionType !== undefined && isAbstractType(conditionType) && this.schema.isSubType(conditionType, type);
  }

  private included(directives: readonly DirectiveNode[] | undefined): boolean {
    if (!directives) return true;
    for (const directive of directives) {
      const name = directive.name.value;
      if (name !== 'skip' && name !== 'include') continue;
      const value = conditionValue(directive.arguments?.find((argument) => argument.name.value === 'if')?.value, this.variables);
      if (name === 'skip' && value) return false;
      if (name === 'include' && !value) return false;
    }
    return true;
  }
}

function conditionValue(value: ValueNode | undefined, variables: Readonly<Record<string, unknown>>): boolean {
  if (!value) return false;
  if (value.kind === Kind.BOOLEAN) return value.value;
  if (value.kind === Kind.VARIABLE) return variables[value.name.value] === true;
  return false;
}

/** The variables that @skip/@include read in `operation` and its fragments (they select the shaper). */
export function conditionVariables(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): readonly string[] {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const selection of set?.selections ?? []) {
      for (const directive of selection.directives ?? []) {
        if (directive.name.value !== 'skip' && directive.name.value !== 'include') continue;
        for (const argument of directive.arguments ?? []) if (argument.value.kind === Kind.VARIABLE) names.add(argument.value.name.value);
      }
      if (selection.kind !== Kind.FRAGMENT_SPREAD) visit(selection.selectionSet);
    }
  };
  visit(operation.selectionSet);
  for (const fragment of fragments.values()) visit(fragment.selectionSet);
  return [...names].sort();
}

/** A compiled shaper: merged subgraph data in, the client's response data and errors out. */
export interface ResultShaper {
  /**
   * Shape `data`. A non-null field found null nulls its nearest nullable parent; its error is added
   * only when `reportViolations` (no fetch failed: a failed fetch already explains missing data).
   */
  shape(data: Record<string, unknown>, reportViolations: boolean): { data: Record<string, unknown> | null; errors: GraphQLError[] };
}

/** Compile the shaper of `operation` for the @skip/@include values in `variables`. */
export function compileShaper(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
): ResultShaper {
  const root = schema.getRootType(operation.operation);
  if (!root) throw new Error(`The schema has no ${operation.operation} type.`);
  const compiler = new ShaperCompiler(schema, fragments, variables);
  const rootGroup = new SelectionGroup(compiler, root, [operation.selectionSet]);
  return {
    shape(data, reportViolations) {
      const state: WalkState = { path: [], errors: [], report: reportViolations };
      const shaped = shapeObject(data, root, rootGroup.fieldsFor(root), state);
      return { data: shaped === INVALID ? null : shaped, errors: state.errors };
    },
  };
}

interface WalkState {
  /** Response path of the value being completed (pushed and popped, copied only for an error). */
  readonly path: (string | number)[];
  readonly errors: GraphQLError[];
  readonly report: boolean;
}

function shapeObject(source: Record<string, unknown>, type: GraphQLObjectType | GraphQLInterfaceType, fields: readonly FieldShape[], state: WalkState): Record<string, unknown> | typeof INVALID {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const key = field.key;
    let value: Completed;
    if (field.isTypename) {
      // An interface object's __typename is what the planner put there (or the interface's name).
      value = isObjectType(type) || typeof source['__typename'] !== 'string' ? type.name : source['__typename'];
    } else {
      state.path.push(key);
      value = complete(source[key], field.type, field, state);
      state.path.pop();
      if (value === INVALID) return INVALID;
    }
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}

/** Complete a value at a position of type `shape`: INVALID only from a non-null position. */
function complete(raw: unknown, shape: TypeShape, field: FieldShape, state: WalkState): Completed {
  if (shape.kind === 'nonNull') {
    const value = completeNullable(raw, shape.of, field, state);
    if (value === null || value === REPORTED_NULL) {
      if (value === null && state.report)
        state.errors.push(new GraphQLError(`Cannot return null for non-nullable field ${field.coordinate}.`, { path: [...state.path], extensions: { code: INVALID_DATA } }));
      return INVALID;
    }
    return value;
  }
  const value = completeNullable(raw, shape, field, state);
  return value === INVALID || value === REPORTED_NULL ? null : value;
}

function completeNullable(raw: unknown, shape: TypeShape, field: FieldShape, state: WalkState): Completed {
  if (raw === null || raw === undefined) return null;
  switch (shape.kind) {
    case 'leaf':
      return raw;
    case 'enum':
      if (typeof raw === 'string' && shape.values.has(raw)) return raw;
      // Never the value itself: it may be one the schema's owner hid (@inaccessible).
      state.errors.push(new GraphQLError(`Enum "${shape.name}" cannot represent the value returned for ${field.coordinate}.`, { path: [...state.path], extensions: { code: INVALID_DATA } }));
      return REPORTED_NULL;
    case 'list': {
      if (!Array.isArray(raw)) return null;
      const out = new Array<unknown>(raw.length);
      for (let i = 0; i < raw.length; i++) {
        state.path.push(i);
        const item = complete(raw[i], shape.of, field, state);
        state.path.pop();
        if (item === INVALID) return INVALID;
        out[i] = item;
      }
      return out;
    }
    case 'composite': {
      if (typeof raw !== 'object' || Array.isArray(raw)) return null;
      const source = raw as Record<string, unknown>;
      const type = shape.group.runtimeType(source);
      if (!type) {
        if (!state.report) return null;
        // The type name may be one the schema's owner hid: not in the message.
        state.errors.push(
          new GraphQLError(`Abstract type "${shape.group.parent.name}" must resolve to an object type of the schema for ${field.coordinate}.`, {
            path: [...state.path],
            extensions: { code: INVALID_DATA },
          }),
        );
        return REPORTED_NULL;
      }
      return shapeObject(source, type, shape.group.fieldsFor(type), state);
    }
    case 'nonNull':
      // A non-null directly inside a non-null cannot be written in SDL.
      return complete(raw, shape, field, state);
  }
}

/** Fragments of a document by name. */
export function fragmentsOf(definitions: readonly { kind: Kind }[]): ReadonlyMap<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments.set(fragment.name.value, fragment);
    }
  }
  return fragments;
}
