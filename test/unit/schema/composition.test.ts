// Composition with @theguild/federation-composition (MIT): where it differs from Apollo's composition,
// schema:compose refuses with a clear error instead of writing a supergraph that routes, types or
// requires differently from the subgraphs; where it is right, nothing is refused; the committed
// supergraph is accepted by both planners the gateway can run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { QueryPlanner } from '@graphql-hive/router-query-planner';
import type { PlanNode } from '@graphql-hive/router-query-planner';
import { parse } from 'graphql';
import { composeSubgraphs } from '../../../schema/compose.ts';
import type { CompositionOutcome, ServiceToCompose } from '../../../schema/compose.ts';
import { checkSupergraph } from '../../../schema/composition-checks.ts';
import { SUPERGRAPH_FILE } from '../../../schema/subgraphs.ts';
import { withoutAuthorizationFeatures } from '../../../testing/peer-supergraph.ts';

const link = (version: string, imports: string[]) => `extend schema @link(url: "https://specs.apollo.dev/federation/${version}", import: ${JSON.stringify(imports)})\n`;

function services(sdls: Record<string, string>): ServiceToCompose[] {
  return Object.entries(sdls).map(([name, sdl]) => ({ name, url: `http://${name}.test/graphql`, sdl }));
}

function refused(outcome: CompositionOutcome): string {
  assert.equal(outcome.ok, false, 'the composition must be refused');
  return outcome.ok ? '' : outcome.errors.join('\n');
}

function composed(outcome: CompositionOutcome): string {
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.errors.join('\n'));
  return outcome.supergraphSdl;
}

/** The line of `sdl` that defines `field` inside `type` (the supergraph is printed one field a line). */
function fieldLine(sdl: string, type: string, field: string): string {
  const body = sdl.slice(sdl.search(new RegExp(`\\n(type|interface) ${type}\\b`)));
  return body.split('\n').find((line) => line.trimStart().startsWith(`${field}:`) || line.trimStart().startsWith(`${field}(`)) ?? '';
}

const FOO_TYPES = `
interface Foo { foo: String! }
interface Bar implements Foo { foo: String! bar: String! }
type Baz implements Foo & Bar @shareable { foo: String! bar: String! baz: String! }
type Qux implements Foo & Bar @shareable { foo: String! bar: String! qux: String! }
`;

// Each case: subgraphs on which @theguild/federation-composition 0.27.0 and Apollo's composition differ.
const DIFFERING = {
  /** @requires through a fragment on an interface: Apollo composes it, the Guild composer refuses it obscurely. */
  requiresFragmentOnInterface: services({
    a: link('v2.5', ['@key', '@shareable']) + `type Query { entity: Entity } type Entity @key(fields: "id") { id: ID! data: Foo }` + FOO_TYPES,
    b:
      link('v2.5', ['@key', '@shareable', '@external', '@requires']) +
      `type Entity @key(fields: "id") { id: ID! data: Foo @external summary: String! @requires(fields: "data { foo ... on Bar { bar ... on Baz { baz } } }") }` +
      FOO_TYPES,
  }),
  /** @interfaceObject declaring a field @external for a @requires: the Guild composer drops that field's @join__field. */
  interfaceObjectWithRequires: services({
    a:
      link('v2.3', ['@key']) +
      `type Query { people: [Named] } interface Named @key(fields: "id") { id: ID! name: String } type Person implements Named @key(fields: "id") { id: ID! name: String age: Int }`,
    b:
      link('v2.3', ['@key', '@interfaceObject', '@external', '@requires']) +
      `type Query { otherPeople: [Named] } type Named @key(fields: "id") @interfaceObject { id: ID! name: String @external greeting: String @requires(fields: "name") }`,
  }),
  /** A field typed with a union member in one subgraph and the union in another: the Guild composer keeps the member. */
  unionMemberAsFieldType: services({
    a:
      link('v2.3', ['@key', '@shareable']) +
      `type Query { featured: Book @shareable shelf: Shelf @shareable } type Shelf { top: Book @shareable } union Media = Book | Song
       type Book @key(fields: "id") { id: ID! title: String! @shareable } type Song @key(fields: "id") { id: ID! title: String! @shareable }`,
    b:
      link('v2.3', ['@shareable']) +
      `type Query { featured: Media @shareable shelf: Shelf @shareable } type Shelf { top: Media @shareable } union Media = Book | Movie
       type Book { title: String! @shareable } type Movie { title: String! @shareable }`,
  }),
};

// Features the Guild composer gets right; the checks must not refuse any of them.
const AGREEING = {
  requiresFragmentsOnObjects: services({
    a:
      link('v2.5', ['@key', '@shareable']) +
      `type Query { entity: Entity } type Entity @key(fields: "id") { id: ID! shape: Shape }
       union Shape = Circle | Square type Circle @shareable { radius: Int! } type Square @shareable { side: Int! }`,
    b:
      link('v2.5', ['@key', '@shareable', '@external', '@requires']) +
      `type Entity @key(fields: "id") { id: ID! shape: Shape @external area: Int! @requires(fields: "shape { ... on Circle { radius } ... on Square { side } }") }
       union Shape = Circle | Square type Circle @shareable { radius: Int! } type Square @shareable { side: Int! }`,
  }),
  unionMembersPerSubgraph: services({
    a: link('v2.3', ['@shareable']) + `type Query { media: [Media] @shareable } union Media = Book | Song type Book @shareable { title: String! } type Song { title: String! }`,
    b: link('v2.3', ['@shareable']) + `type Query { media: [Media] @shareable } union Media = Book | Movie type Book @shareable { title: String! } type Movie { title: String! }`,
  }),
  interfaceObjectWithoutRequires: services({
    a: link('v2.3', ['@key']) + `type Query { people: [Named] } interface Named @key(fields: "id") { id: ID! name: String } type Person implements Named @key(fields: "id") { id: ID! name: String }`,
    b: link('v2.3', ['@key', '@interfaceObject']) + `type Named @key(fields: "id") @interfaceObject { id: ID! nickname: String }`,
  }),
  overrideAndProgressiveOverride: services({
    a: link('v2.7', ['@key']) + `type Query { products: [Product] } type Product @key(fields: "id") { id: ID! name: String price: Int stock: Int }`,
    b: link('v2.7', ['@key', '@override']) + `type Product @key(fields: "id") { id: ID! price: Int @override(from: "a") stock: Int @override(from: "a", label: "percent(25)") }`,
  }),
  providesAndExternalKeysOnExtensions: services({
    a: link('v2.3', ['@key', '@shareable']) + `type Query { products: [Product] } type Product @key(fields: "id") { id: ID! name: String @shareable }`,
    b:
      link('v2.3', ['@key', '@external', '@provides']) +
      `type Query { top: Product @provides(fields: "name") } extend type Product @key(fields: "id") { id: ID! @external name: String @external price: Int }`,
  }),
  renamedImportsAndRootType: services({
    a:
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", as: "fed", import: [{ name: "@key", as: "@primaryKey" }])\n` +
      `schema { query: RootQuery } type RootQuery { products: [Product] } type Product @primaryKey(fields: "id") { id: ID! name: String }`,
    b: link('v2.3', ['@key']) + `type Product @key(fields: "id") { id: ID! price: Int }`,
  }),
};

describe('composition with the MIT composer', () => {
  test('@requires through a fragment on an interface is refused, naming the field and the reason', () => {
    const message = refused(composeSubgraphs(DIFFERING.requiresFragmentOnInterface));
    assert.match(message, /Entity\.summary in subgraph "b": @requires\(fields: "data \{ foo \.\.\. on Bar/);
    assert.match(message, /inline fragment on an interface or union, which the composer \(@theguild\/federation-composition\) does not support/);
  });

  test('@requires with fragments on object types composes, the requirement intact', () => {
    const sdl = composed(composeSubgraphs(AGREEING.requiresFragmentsOnObjects));
    assert.match(fieldLine(sdl, 'Entity', 'area'), /@join__field\(graph: B, requires: "shape ?\{ ?\.\.\. ?on Circle ?\{ ?radius ?\} ?\.\.\. ?on Square ?\{ ?side ?\} ?\}"\)/);
  });

  test('an @interfaceObject field that would lose its @join__field is refused (else the planner asks the wrong subgraph)', () => {
    const message = refused(composeSubgraphs(DIFFERING.interfaceObjectWithRequires));
    assert.match(message, /composer bug; refusing it\): The supergraph lets the planner fetch Named\.name from subgraph "b", which declares it @external/);
  });

  test('an @interfaceObject without @requires composes with each field routed to its subgraph', () => {
    const sdl = composed(composeSubgraphs(AGREEING.interfaceObjectWithoutRequires));
    assert.match(sdl, /interface Named[^{]*@join__type\(graph: B, key: "id", isInterfaceObject: true\)/);
    assert.match(fieldLine(sdl, 'Named', 'nickname'), /@join__field\(graph: B\)/);
    assert.match(fieldLine(sdl, 'Named', 'name'), /@join__field\(graph: A\)/);
  });

  test('a field typed with a union member in one subgraph and the union in another is refused', () => {
    const message = refused(composeSubgraphs(DIFFERING.unionMemberAsFieldType));
    assert.match(message, /Query\.featured is Media in subgraph "b" but the supergraph records Book for it/);
    assert.match(message, /Shelf\.top is Media in subgraph "b", which does not fit the supergraph's Book/);
  });

  test('a union with different members per subgraph keeps every member with its subgraph', () => {
    const sdl = composed(composeSubgraphs(AGREEING.unionMembersPerSubgraph));
    const union = sdl.split('\n').find((line) => line.startsWith('union Media')) ?? '';
    for (const [graph, member] of [
      ['A', 'Book'],
      ['A', 'Song'],
      ['B', 'Book'],
      ['B', 'Movie'],
    ]) {
      assert.ok(union.includes(`@join__unionMember(graph: ${graph}, member: "${member}")`), `${graph} ${member} in ${union}`);
    }
    assert.match(union, /= Book \| Song \| Movie$/);
  });

  test('overrides, @provides, external keys on extensions and renamed imports compose without a false alarm', () => {
    for (const [name, subgraphs] of Object.entries(AGREEING)) {
      const outcome = composeSubgraphs(subgraphs);
      assert.ok(outcome.ok, `${name}: ${outcome.ok ? '' : outcome.errors.join('\n')}`);
    }
    const overridden = composed(composeSubgraphs(AGREEING.overrideAndProgressiveOverride));
    assert.match(fieldLine(overridden, 'Product', 'price'), /@join__field\(graph: B, override: "a"\)/);
    assert.doesNotMatch(fieldLine(overridden, 'Product', 'price'), /graph: A/);
    assert.match(fieldLine(overridden, 'Product', 'stock'), /graph: A/);
  });

  test('the checks accept what Apollo composes from the same subgraphs (they flag the composer, not the subgraphs)', async (context) => {
    // Apollo's composition is a dev dependency (Elastic-2.0) kept as a reference for tests and benchmarks.
    const apollo = await import('@apollo/composition').catch(() => undefined);
    if (!apollo) {
      context.skip('@apollo/composition is not installed');
      return;
    }
    for (const [name, subgraphs] of Object.entries({ ...DIFFERING, ...AGREEING })) {
      const definitions = subgraphs.map((service) => ({ name: service.name, url: service.url, typeDefs: parse(service.sdl as string) }));
      const result = apollo.composeServices(definitions);
      assert.equal(result.errors, undefined, `${name}: Apollo composes it`);
      assert.deepEqual(checkSupergraph(definitions, result.supergraphSdl ?? ''), [], name);
    }
  });

  test('the checks catch a supergraph edited to drop a subgraph from a union or a field', () => {
    const subgraphs = AGREEING.unionMembersPerSubgraph;
    const definitions = subgraphs.map((service) => ({ name: service.name, typeDefs: parse(service.sdl as string) }));
    const sdl = composed(composeSubgraphs(subgraphs));
    const withoutMovie = sdl.replace(' @join__unionMember(graph: B, member: "Movie")', '');
    assert.match(checkSupergraph(definitions, withoutMovie).join('\n'), /Movie is a member of union Media in subgraph "b" but not in the supergraph's union/);
    const overridden = composed(composeSubgraphs(AGREEING.overrideAndProgressiveOverride));
    const overrideDefinitions = AGREEING.overrideAndProgressiveOverride.map((service) => ({ name: service.name, typeDefs: parse(service.sdl as string) }));
    const priceFromA = overridden.replace('@join__field(graph: B, override: "a")', '@join__field(graph: A) @join__field(graph: B, override: "a")');
    assert.match(checkSupergraph(overrideDefinitions, priceFromA).join('\n'), /fetch Product\.price from subgraph "a", which had it overridden/);
  });
});

describe('the committed supergraph', () => {
  const supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8');

  test('the Hive Rust planner plans a query across subgraphs on it', () => {
    const planner = new QueryPlanner(withoutAuthorizationFeatures(supergraphSdl));
    const plan = planner.plan('{ me { id unreadNotificationCount feedback { __typename } watchedParcels { __typename } } procedures { __typename } }', null, new Set(), 0);
    const services = new Set<string>();
    const visit = (node: PlanNode | undefined): void => {
      if (!node) return;
      if ('serviceName' in node) services.add(node.serviceName);
      if ('nodes' in node) for (const child of node.nodes) visit(child);
      if ('node' in node) visit(node.node);
      if ('ifClause' in node) visit(node.ifClause);
      if ('elseClause' in node) visit(node.elseClause);
    };
    visit(plan.node);
    assert.deepEqual([...services].sort(), ['dossier', 'feedback', 'notification', 'planning']);
  });

  test("Apollo's Supergraph.build accepts it (the engine the gateway falls back to)", async (context) => {
    const internals = await import('@apollo/federation-internals').catch(() => undefined);
    if (!internals) {
      context.skip('@apollo/federation-internals is not installed');
      return;
    }
    const supergraph = internals.Supergraph.build(withoutAuthorizationFeatures(supergraphSdl));
    assert.deepEqual(
      supergraph
        .subgraphsMetadata()
        .map((item) => item.name)
        .sort(),
      ['dossier', 'feedback', 'notification', 'planning'],
    );
  });
});
