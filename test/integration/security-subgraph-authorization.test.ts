// Defence in depth, attacked from outside: a caller holding an internal token calls each subgraph's
// /graphql directly, past the gateway. Every field protected by @authenticated, @requiresScopes or
// @policy in a subgraph's own schema (read from the SDL, so a new one is covered) is still refused.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { buildSubgraphSchema } from '@apollo/subgraph';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getNamedType, isCompositeType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, Kind, parse } from 'graphql';
import type { GraphQLField, GraphQLInputType, GraphQLObjectType, GraphQLSchema } from 'graphql';
import mercurius from 'mercurius';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { createInternalTokenSigner, GRAPHQL_PURPOSE } from '../../auth/internal-token.ts';
import type { InternalPurpose, InternalTokenSigner } from '../../auth/internal-token.ts';
import { combineRequirements, POLICIES, readRequirements, unmetRequirement } from '../../auth/policies.ts';
import type { Refusal, Requirement } from '../../auth/policies.ts';
import { ANONYMOUS } from '../../auth/viewer.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { DEMO_DOSSIERS } from '../../subgraphs/dossier/prisma/seed-data.ts';
import { CATEGORIES, DEFAULT_UNIT_CODE, DEMO_FEEDBACK } from '../../subgraphs/feedback/prisma/seed-data.ts';
import { enforceSchemaAuthorization } from '../../subgraphs/kit/authorization.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { startHub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const ALL_SCOPES = ['openid', 'feedback:read', 'feedback:write', 'dossier:read', 'planning:read', 'notification:read'];
const account = (predicate: (roles: readonly string[]) => boolean) => DEMO_ACCOUNTS.find((candidate) => predicate(candidate.roles))!;
const citizen = DEMO_ACCOUNTS.find((candidate) => candidate.username === 'an.nguyen')!;
const officer = account((roles) => roles.includes('officer'));
const leader = account((roles) => roles.includes('leader'));
const operator = account((roles) => roles.includes('operator'));
const citizenDossier = DEMO_DOSSIERS.find((dossier) => dossier.ownerSub === citizen.sub && dossier.currentStep)!;

/** The attacker's identities: each one an internal token the gateway could have signed. */
const VIEWERS: Readonly<Record<string, Viewer>> = {
  anonymous: ANONYMOUS,
  citizenLevel1: { subject: citizen.sub, roles: ['citizen'], scopes: ALL_SCOPES, level: 1, clientId: 'portal-dichvucong' },
  citizenLevel2: { subject: citizen.sub, roles: ['citizen'], scopes: ALL_SCOPES, level: 2, clientId: 'portal-dichvucong' },
  officer: { subject: officer.sub, roles: ['officer'], scopes: ALL_SCOPES, level: 2, unit: officer.unit, clientId: 'portal-1022' },
  leader: { subject: leader.sub, roles: ['leader'], scopes: ALL_SCOPES, level: 2, clientId: 'portal-1022' },
  operator: { subject: operator.sub, roles: ['operator'], scopes: ALL_SCOPES, level: 2, unit: operator.unit, clientId: 'portal-1022' },
  partnerWithoutScopes: { subject: 'service-account-city-app', roles: [], scopes: [], level: 0, clientId: 'city-app' },
};

const SUBGRAPH_NAMES = readdirSync(new URL('../../subgraphs/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && readdirSync(new URL(`../../subgraphs/${entry.name}/`, import.meta.url)).includes('schema.graphql'))
  .map((entry) => entry.name);
const AUTHORIZATION_DIRECTIVES = new Set(['authenticated', 'requiresScopes', 'policy', 'federation__authenticated', 'federation__requiresScopes', 'federation__policy']);

/** A subgraph's schema as the test reads it: its SDL, a schema for types and arguments, and the requirements. */
interface SubgraphSchema {
  readonly name: string;
  readonly schema: GraphQLSchema;
  readonly requirements: ReadonlyMap<string, Requirement>;
  /** `Type.field` and `Type` coordinates carrying one of the directives, found in the SDL text. */
  readonly protectedCoordinates: readonly string[];
  /** Entity types with a key of `id` (reachable through `_entities`). */
  readonly entities: readonly string[];
}

function readSubgraphSchema(name: string): SubgraphSchema {
  const sdl = readFileSync(new URL(`../../subgraphs/${name}/schema.graphql`, import.meta.url), 'utf8');
  const document = parse(sdl);
  const protectedCoordinates: string[] = [];
  const entities: string[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const has = (directives: readonly { name: { value: string } }[] | undefined) => (directives ?? []).some((directive) => AUTHORIZATION_DIRECTIVES.has(directive.name.value));
    if (has(definition.directives)) protectedCoordinates.push(definition.name.value);
    for (const field of definition.fields ?? []) if (has(field.directives)) protectedCoordinates.push(`${definition.name.value}.${field.name.value}`);
    const key = definition.directives?.find((directive) => directive.name.value === 'key')?.arguments?.find((argument) => argument.name.value === 'fields')?.value;
    if (key?.kind === Kind.STRING && key.value.trim() === 'id') entities.push(definition.name.value);
  }
  return { name, schema: buildSubgraphSchema([{ typeDefs: document }]), requirements: readRequirements(sdl), protectedCoordinates, entities };
}

/**
 * Argument values a resolver would accept (real codes from the seed), so that an unprotected mutation
 * would really write: refused ones must write nothing although their input is good.
 */
const REALISTIC: Readonly<Record<string, unknown>> = {
  categoryCode: CATEGORIES[0]!.code,
  unitCode: DEFAULT_UNIT_CODE,
  code: DEMO_FEEDBACK[0]!.code,
  title: 'Đèn đường hỏng trước chợ',
  content: 'Đèn đường trước chợ hỏng đã ba ngày, buổi tối rất tối.',
  lat: 10.7722,
  lng: 106.6975,
  stars: 4,
};

/** A value of `type` that passes coercion (and, by name, a resolver's checks where the seed knows one). */
function sampleValue(type: GraphQLInputType, name?: string): unknown {
  if (name !== undefined && name in REALISTIC) return REALISTIC[name];
  if (isNonNullType(type)) return sampleValue(type.ofType, name);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sampleValue(field.type, field.name)]),
    );
  }
  switch (type.name) {
    case 'Int':
      return 1;
    case 'Float':
      return 10.77;
    case 'Boolean':
      return true;
    case 'DateTime':
      return new Date(Date.now() + 7 * 86_400_000).toISOString();
    default:
      return 'Nội dung thử nghiệm';
  }
}

/** One step from a parent type to a field. */
interface Edge {
  readonly parent: GraphQLObjectType;
  readonly field: GraphQLField<unknown, unknown>;
}

/** How to reach a field: from a root operation, or from an entity fetched through `_entities`. */
interface Route {
  readonly root: { readonly kind: 'query' | 'mutation' } | { readonly kind: 'entity'; readonly typename: string };
  /** Edges from the root to the target field, the target last. */
  readonly edges: readonly Edge[];
}

const requiredArguments = (field: GraphQLField<unknown, unknown>) => field.args.filter((argument) => isNonNullType(argument.type) && argument.defaultValue === undefined);

/** Every route (up to three steps deep) to `Type.field`; nested steps take only fields without required arguments. */
function routesTo(subgraph: SubgraphSchema, typeName: string, fieldName: string): Route[] {
  const { schema } = subgraph;
  const target = schema.getType(typeName);
  assert.ok(isObjectType(target), `${typeName} is an object type`);
  const targetField = target.getFields()[fieldName]!;
  if (target === schema.getMutationType()) return [{ root: { kind: 'mutation' }, edges: [{ parent: target, field: targetField }] }];
  if (target === schema.getQueryType()) return [{ root: { kind: 'query' }, edges: [{ parent: target, field: targetField }] }];
  const routes: Route[] = [];
  const starts: { root: Route['root']; type: GraphQLObjectType }[] = [
    ...subgraph.entities.map((name) => ({ root: { kind: 'entity' as const, typename: name }, type: schema.getType(name) as GraphQLObjectType })),
    { root: { kind: 'query' }, type: schema.getQueryType()! },
  ];
  const walk = (root: Route['root'], type: GraphQLObjectType, edges: Edge[], seen: Set<string>) => {
    if (type === target) routes.push({ root, edges: [...edges, { parent: type, field: targetField }] });
    if (edges.length >= 3) return;
    for (const field of Object.values(type.getFields())) {
      const next = getNamedType(field.type);
      if (!isObjectType(next) || field.name.startsWith('_') || seen.has(next.name) || requiredArguments(field).length > 0) continue;
      walk(root, next, [...edges, { parent: type, field }], new Set([...seen, next.name]));
    }
  };
  for (const start of starts) walk(start.root, start.type, [], new Set([start.type.name]));
  return routes;
}

/** The requirement a field carries at a subgraph: its own and its return type's. */
function requirementOf(subgraph: SubgraphSchema, edge: Edge): Requirement | undefined {
  return combineRequirements(subgraph.requirements.get(`${edge.parent.name}.${edge.field.name}`), subgraph.requirements.get(getNamedType(edge.field.type).name));
}

/** The operation for a route, its variables, and the response keys of the target field. */
function operationFor(route: Route, viewer: Viewer): { query: string; variables: Record<string, unknown>; keys: string[] } {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const last = route.edges.at(-1)!;
  function argumentsOf(field: GraphQLField<unknown, unknown>): string {
    const required = requiredArguments(field);
    if (required.length === 0) return '';
    return `(${required
      .map((argument) => {
        const name = `v${declarations.length}`;
        declarations.push(`$${name}: ${String(argument.type)}`);
        variables[name] = sampleValue(argument.type, argument.name);
        return `${argument.name}: $${name}`;
      })
      .join(', ')})`;
  }
  let selection = `${last.field.name}${argumentsOf(last.field)}${isCompositeType(getNamedType(last.field.type)) ? ' { __typename }' : ''}`;
  for (const edge of route.edges.slice(0, -1).reverse()) selection = `${edge.field.name} { ${selection} }`;
  const keys = route.edges.map((edge) => edge.field.name);
  if (route.root.kind === 'entity') {
    declarations.push('$representations: [_Any!]!');
    variables['representations'] = [{ __typename: route.root.typename, id: viewer.subject }];
    selection = `_entities(representations: $representations) { ... on ${route.root.typename} { ${selection} } }`;
    keys.unshift('_entities');
  }
  const operation = route.root.kind === 'mutation' ? 'mutation' : 'query';
  return { query: `${operation}${declarations.length > 0 ? `(${declarations.join(', ')})` : ''} { ${selection} }`, variables, keys };
}

/** The values at `keys` in `data`, through lists. */
function valuesAt(value: unknown, keys: readonly string[]): unknown[] {
  if (keys.length === 0) return [value];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, keys));
  if (value === null || typeof value !== 'object') return [];
  const [head, ...rest] = keys as [string, ...string[]];
  return head in value ? valuesAt((value as Record<string, unknown>)[head], rest) : [];
}

/** Errors whose path, list indices left out (mercurius sends them as numbers or digit strings), is `keys`. */
function errorsAt(body: GraphQLBody, keys: readonly string[]) {
  const isIndex = (step: string | number) => typeof step === 'number' || /^\d+$/.test(step);
  return (body.errors ?? []).filter((error) => JSON.stringify((error.path ?? []).filter((step) => !isIndex(step))) === JSON.stringify(keys));
}

/** The messages a refusal can carry, to tell a refusal from a resolver's own business errors. */
const REFUSAL_MESSAGES = new Set(['Sign in to see this field.', 'Not allowed by policy.', ...Object.values(POLICIES).map((policy) => policy.denial.message)]);
const isRefusal = (error: { message: string }) => REFUSAL_MESSAGES.has(error.message) || error.message.startsWith('The token lacks the scope');

/** Assert a refused field: every value at it is null and each error there carries the refusal's code. */
function assertRefused(body: GraphQLBody, keys: readonly string[], refusal: Refusal, label: string): boolean {
  for (const value of valuesAt(body.data, keys)) assert.equal(value, null, `${label}: no data at ${keys.join('.')} (${JSON.stringify(body)})`);
  const errors = errorsAt(body, keys);
  for (const error of errors) {
    assert.equal(error.extensions?.['code'], refusal.code, `${label}: ${JSON.stringify(error)}`);
    if (refusal.extensions?.['requiredAcr']) assert.equal(error.extensions?.['requiredAcr'], refusal.extensions['requiredAcr'], label);
  }
  return errors.length > 0;
}

describe('subgraphs enforce their own authorization directives', () => {
  let hub: Hub;
  let signer: InternalTokenSigner;
  const subgraphs = SUBGRAPH_NAMES.map(readSubgraphSchema);

  /** An internal token for `viewer`, as the gateway would sign it for a caller. */
  const mintInternal = (viewer: Viewer) => signer.sign(viewer, JSON.stringify(viewer), GRAPHQL_PURPOSE);

  /** POST to a subgraph's /graphql directly, as an attacker holding an internal token. */
  async function direct(subgraph: string, viewer: Viewer, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody> {
    const response = await fetch(hub.subgraphUrls[subgraph]!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintInternal(viewer)}` },
      body: JSON.stringify({ query, variables }),
    });
    assert.equal(response.status, 200, `${subgraph}: ${query}`);
    return (await response.json()) as GraphQLBody;
  }

  /** The same request three times: mercurius compiles a query with graphql-jit from its second run. */
  async function thrice(subgraph: string, viewer: Viewer, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody[]> {
    const bodies: GraphQLBody[] = [];
    for (let run = 0; run < 3; run++) bodies.push(await direct(subgraph, viewer, query, variables));
    return bodies;
  }

  /** A digest of every table a request could write (not the statistics the background rollup keeps). */
  async function fingerprint(): Promise<Record<string, string>> {
    const digest: Record<string, string> = {};
    for (const [name, server] of Object.entries(hub.subgraphs)) {
      await server.database.withConnection(async (connection) => {
        const tables = await connection.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
        );
        for (const { table_name: table } of tables) {
          if (table.startsWith('_prisma') || table.startsWith('feedback_stats_') || table === 'weekly_summary') continue;
          // Rows the background work updates in place: their number still shows a write.
          const countOnly = table === 'outbox' || table === 'processed_event' || table === 'feedback_idempotency';
          const [row] = await connection.query<{ n: number | string; h: string | null }>(
            `SELECT count(*) AS n, ${countOnly ? "''" : "md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))"} AS h FROM "${table}" t`,
          );
          digest[`${name}.${table}`] = `${row?.n}:${row?.h}`;
        }
      });
    }
    return digest;
  }

  before(async () => {
    hub = await startHub();
    signer = await createInternalTokenSigner(hub.internalKey);
  });
  after(() => hub?.close());

  test('the SDL lists the protected fields this test attacks (the list is derived, not written down)', () => {
    const all = subgraphs.flatMap((subgraph) => subgraph.protectedCoordinates.map((coordinate) => `${subgraph.name}:${coordinate}`));
    for (const expected of [
      'feedback:Query.feedbackCounts',
      'feedback:Query.unitRanking',
      'feedback:Query.feedbackHeatmap',
      'dossier:Dossier.currentStep',
      'dossier:Dossier.supplementRequest',
      'feedback:Mutation.submitFeedback',
    ]) {
      assert.ok(all.includes(expected), expected);
    }
    assert.deepEqual([...SUBGRAPH_NAMES].sort(), Object.keys(hub.subgraphUrls).sort(), 'every hosted subgraph has its schema read');
  });

  test('anonymous callers get null and UNAUTHENTICATED for the leaders’ statistics at the feedback subgraph; a leader and an operator get the data', async () => {
    const query = `query($from: DateTime!, $to: DateTime!) {
      feedbackCounts(by: CATEGORY, from: $from, to: $to) { count }
      unitRanking(from: $from, to: $to) { __typename }
      feedbackHeatmap(minLat: 10.6, minLng: 106.5, maxLat: 10.9, maxLng: 106.9, from: $from, to: $to) { count }
    }`;
    // The last two years, as a dashboard would ask (the period is at most three years).
    const variables = { from: new Date(Date.now() - 2 * 365 * 86_400_000).toISOString(), to: new Date().toISOString() };
    for (const body of await thrice('feedback', VIEWERS['anonymous']!, query, variables)) {
      assert.deepEqual(body.data, { feedbackCounts: null, unitRanking: null, feedbackHeatmap: null });
      for (const field of ['feedbackCounts', 'unitRanking', 'feedbackHeatmap']) assert.equal(errorsAt(body, [field])[0]?.extensions?.['code'], 'UNAUTHENTICATED', field);
    }
    for (const body of await thrice('feedback', VIEWERS['citizenLevel2']!, query, variables)) {
      assert.equal(body.data?.['feedbackCounts'], null);
      assert.equal(errorsAt(body, ['feedbackCounts'])[0]?.extensions?.['code'], 'FORBIDDEN');
    }
    for (const who of ['leader', 'operator']) {
      for (const body of await thrice('feedback', VIEWERS[who]!, query, variables)) {
        assert.equal(body.errors, undefined, `${who}: ${JSON.stringify(body.errors)}`);
        assert.ok(Array.isArray(body.data?.['feedbackCounts']) && (body.data['feedbackCounts'] as unknown[]).length > 0, who);
        assert.ok(Array.isArray(body.data?.['unitRanking']) && Array.isArray(body.data['feedbackHeatmap']), who);
      }
    }
  });

  test('VNeID level 1 reads no currentStep or supplementRequest at the dossier subgraph, by root field or through _entities; level 2 does', async () => {
    const byCode = 'query($code: String!) { dossier(code: $code) { code currentStep supplementRequest } }';
    const levelOne = VIEWERS['citizenLevel1']!;
    for (const body of await thrice('dossier', levelOne, byCode, { code: citizenDossier.code })) {
      assert.equal(body.data?.['dossier'], null);
      const error = errorsAt(body, ['dossier'])[0];
      assert.equal(error?.extensions?.['code'], 'STEP_UP_REQUIRED');
      assert.equal(error?.extensions?.['requiredAcr'], '2');
    }
    const entity = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { id dossiers { code currentStep supplementRequest } } } }';
    const representations = { r: [{ __typename: 'Citizen', id: citizen.sub }] };
    for (const body of await thrice('dossier', levelOne, entity, representations)) {
      const dossiers = (body.data?.['_entities'] as { dossiers: { code: string; currentStep: unknown; supplementRequest: unknown }[] }[])[0]!.dossiers;
      assert.ok(dossiers.length > 0 && dossiers.every((dossier) => dossier.code && dossier.currentStep === null && dossier.supplementRequest === null));
      const refusals = errorsAt(body, ['_entities', 'dossiers', 'currentStep']);
      assert.equal(refusals.length, dossiers.length, 'one refusal per dossier');
      assert.ok(refusals.every((error) => error.extensions?.['code'] === 'STEP_UP_REQUIRED' && error.extensions['requiredAcr'] === '2'));
    }
    const levelTwo = VIEWERS['citizenLevel2']!;
    for (const body of await thrice('dossier', levelTwo, byCode, { code: citizenDossier.code })) {
      assert.equal(body.errors, undefined);
      assert.equal((body.data?.['dossier'] as { currentStep: unknown }).currentStep, citizenDossier.currentStep);
    }
    for (const body of await thrice('dossier', levelTwo, entity, representations)) {
      assert.equal(body.errors, undefined);
      const dossiers = (body.data?.['_entities'] as { dossiers: { code: string; currentStep: unknown }[] }[])[0]!.dossiers;
      assert.equal(dossiers.find((dossier) => dossier.code === citizenDossier.code)?.currentStep, citizenDossier.currentStep);
    }
  });

  test('every protected query field of every subgraph is null with the gateway’s code for each viewer lacking the claim, JIT-compiled too', async () => {
    const unreached: string[] = [];
    for (const subgraph of subgraphs) {
      for (const coordinate of subgraph.protectedCoordinates) {
        const [typeName, fieldName] = coordinate.split('.') as [string, string | undefined];
        // Mutations below; types: their fields are attacked; subscriptions (graphql-ws only): test/integration/live-updates.test.ts.
        if (typeName === 'Mutation' || typeName === 'Subscription' || fieldName === undefined) continue;
        const routes = routesTo(subgraph, typeName, fieldName);
        let refused = 0;
        for (const [who, viewer] of Object.entries(VIEWERS)) {
          for (const route of routes) {
            const ancestors = route.edges.slice(0, -1);
            // Only routes this viewer may walk up to the target: otherwise an ancestor is refused first.
            if (route.root.kind === 'entity' && viewer.subject === undefined) continue;
            if (
              ancestors.some((edge) => {
                const requirement = requirementOf(subgraph, edge);
                return requirement && unmetRequirement(requirement, viewer);
              })
            )
              continue;
            const { query, variables, keys } = operationFor(route, viewer);
            const requirement = requirementOf(subgraph, route.edges.at(-1)!)!;
            const refusal = unmetRequirement(requirement, viewer);
            for (const body of await thrice(subgraph.name, viewer, query, variables)) {
              const label = `${subgraph.name} ${coordinate} as ${who}: ${query}`;
              if (refusal) {
                if (assertRefused(body, keys, refusal, label)) refused++;
              } else {
                // A viewer with the claim is not refused (the field may still be empty or missing for it).
                assert.ok(!errorsAt(body, keys).some(isRefusal), `${label}: ${JSON.stringify(body.errors)}`);
              }
            }
          }
        }
        if (refused === 0) unreached.push(`${subgraph.name}:${coordinate}`);
      }
    }
    assert.deepEqual(unreached, [], 'every protected field was reached and refused for some viewer');
  });

  test('every protected mutation of every subgraph is refused to each viewer lacking the claim, and nothing is written', async () => {
    const before = await fingerprint();
    let attempts = 0;
    for (const subgraph of subgraphs) {
      const mutation = subgraph.schema.getMutationType();
      if (!mutation) continue;
      for (const field of Object.values(mutation.getFields())) {
        const requirement = requirementOf(subgraph, { parent: mutation, field });
        if (!requirement) continue;
        assert.ok(subgraph.protectedCoordinates.includes(`Mutation.${field.name}`) || subgraph.requirements.has(getNamedType(field.type).name));
        for (const [who, viewer] of Object.entries(VIEWERS)) {
          const refusal = unmetRequirement(requirement, viewer);
          if (!refusal) continue;
          const { query, variables, keys } = operationFor({ root: { kind: 'mutation' }, edges: [{ parent: mutation, field }] }, viewer);
          for (const body of await thrice(subgraph.name, viewer, query, variables)) {
            assert.ok(assertRefused(body, keys, refusal, `${subgraph.name} ${field.name} as ${who}`), `${field.name} as ${who}: refused at its path (${JSON.stringify(body)})`);
            if (isNonNullType(field.type)) assert.equal(body.data, null, 'a non-null root field takes data with it');
          }
          attempts++;
        }
      }
    }
    assert.ok(attempts > 20, `mutations attacked: ${attempts}`);
    assert.deepEqual(await fingerprint(), before, 'nothing written');
  });

  test('in development a subgraph still answers introspection and _service', async () => {
    for (const name of Object.keys(hub.subgraphUrls)) {
      const body = await direct(name, VIEWERS['anonymous']!, '{ __schema { queryType { name } } _service { sdl } __typename }');
      assert.equal(body.errors, undefined, name);
      assert.equal((body.data?.['__schema'] as { queryType: { name: string } }).queryType.name, 'Query');
      assert.match((body.data?.['_service'] as { sdl: string }).sdl, /type Query/);
    }
  });
});

describe('a type-level requirement guards every field returning the type and each _entities representation of it', () => {
  // No schema of ours puts a directive on a type yet; this schema does, served by mercurius with JIT as the kit serves.
  const SDL = `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@policy", "@authenticated"])
    type Case @key(fields: "id") @policy(policies: [["leader"]]) { id: ID! title: String }
    type Note @key(fields: "id") { id: ID! secret: String @authenticated }
    type Query { cases: [Case] firstCase: Case! open: String }
  `;
  let app: FastifyInstance;
  let resolverRuns = 0;

  before(async () => {
    const document = parse(SDL);
    const schema = buildSubgraphSchema([
      {
        typeDefs: document,
        resolvers: {
          Query: {
            cases: () => {
              resolverRuns++;
              return [{ id: '1', title: 'Ngập nước' }];
            },
            firstCase: () => {
              resolverRuns++;
              return { id: '1', title: 'Ngập nước' };
            },
            open: () => 'public',
          },
        },
      },
    ]);
    enforceSchemaAuthorization(schema, readRequirements(SDL));
    app = Fastify();
    await app.register(mercurius, {
      schema,
      jit: 1,
      context: (request: FastifyRequest) => ({
        viewer: request.headers['x-viewer'] === 'leader' ? VIEWERS['leader'] : request.headers['x-viewer'] === 'citizen' ? VIEWERS['citizenLevel2'] : ANONYMOUS,
      }),
    });
    await app.ready();
  });
  after(() => app?.close());

  async function run(viewer: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody> {
    const response = await app.inject({ method: 'POST', url: '/graphql', headers: { 'x-viewer': viewer }, payload: { query, variables } });
    return response.json<GraphQLBody>();
  }

  test('fields returning the type, nullable or not, are refused without running; other fields answer', async () => {
    for (let runNumber = 0; runNumber < 3; runNumber++) {
      const body = await run('citizen', '{ cases { id } open }');
      assert.deepEqual(body.data, { cases: null, open: 'public' });
      assert.equal(errorsAt(body, ['cases'])[0]?.extensions?.['code'], 'FORBIDDEN');
      const nonNull = await run('anonymous', '{ firstCase { id } open }');
      assert.equal(nonNull.data, null, 'null propagates to the root');
      assert.equal(errorsAt(nonNull, ['firstCase'])[0]?.extensions?.['code'], 'UNAUTHENTICATED');
    }
    assert.equal(resolverRuns, 0, 'no resolver ran');
    const allowed = await run('leader', '{ cases { id title } }');
    assert.deepEqual(allowed.data, { cases: [{ id: '1', title: 'Ngập nước' }] });
  });

  test('_entities refuses each representation of the type for a viewer lacking the claim, and only those', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Case { id } ... on Note { id } } }';
    const variables = {
      r: [
        { __typename: 'Note', id: 'n1' },
        { __typename: 'Case', id: 'c1' },
        { __typename: 'Note', id: 'n2' },
      ],
    };
    for (let runNumber = 0; runNumber < 3; runNumber++) {
      const body = await run('citizen', query, variables);
      assert.deepEqual(body.data, { _entities: [{ __typename: 'Note', id: 'n1' }, null, { __typename: 'Note', id: 'n2' }] });
      const error = body.errors?.find((candidate) => JSON.stringify(candidate.path?.map(String)) === JSON.stringify(['_entities', '1']));
      assert.equal(error?.extensions?.['code'], 'FORBIDDEN', JSON.stringify(body));
    }
    const leaderBody = await run('leader', query, variables);
    assert.deepEqual(leaderBody.data, {
      _entities: [
        { __typename: 'Note', id: 'n1' },
        { __typename: 'Case', id: 'c1' },
        { __typename: 'Note', id: 'n2' },
      ],
    });
    const secret = await run('anonymous', 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Note { id secret } } }', { r: [{ __typename: 'Note', id: 'n1', secret: 'leaked' }] });
    assert.deepEqual(secret.data, { _entities: [{ id: 'n1', secret: null }] }, 'the default resolver is guarded too');
    assert.equal(errorsAt(secret, ['_entities', 'secret'])[0]?.extensions?.['code'], 'UNAUTHENTICATED');
  });
});

describe('introspection and _service at a subgraph in production', () => {
  let keyed: KeyedHub;
  let signer: InternalTokenSigner;

  before(async () => {
    keyed = await startHubWithRealmKeys({ subgraphEnv: { NODE_ENV: 'production' } });
    signer = await createInternalTokenSigner(keyed.hub.internalKey);
  });
  after(() => keyed?.close());

  async function direct(url: string, viewer: Viewer, query: string, purpose: InternalPurpose = GRAPHQL_PURPOSE): Promise<GraphQLBody> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await signer.sign(viewer, JSON.stringify(viewer), purpose)}` },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as GraphQLBody;
  }

  test('__schema, __type and _service are refused with FORBIDDEN to any internal token, hidden in fragments or not', async () => {
    const attempts = [
      '{ __schema { types { name } } }',
      '{ __type(name: "Query") { fields { name } } }',
      '{ _service { sdl } }',
      'query { ...Everything } fragment Everything on Query { __schema { queryType { name } } }',
      '{ __typename ... on Query { _service { sdl } } }',
    ];
    for (const [name, url] of Object.entries(keyed.hub.subgraphUrls)) {
      for (const viewer of [VIEWERS['anonymous']!, VIEWERS['operator']!]) {
        for (const query of attempts) {
          for (let runNumber = 0; runNumber < 3; runNumber++) {
            const body = await direct(url, viewer, query);
            assert.equal(body.data ?? null, null, `${name}: ${query}`);
            assert.equal(body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN', `${name}: ${query}: ${JSON.stringify(body)}`);
            assert.doesNotMatch(JSON.stringify(body), /type Query|queryType/);
          }
        }
      }
    }
  });

  test("only the gateway's own schema-purpose token may introspect in production", async () => {
    for (const [name, url] of Object.entries(keyed.hub.subgraphUrls)) {
      const body = await direct(url, VIEWERS['anonymous']!, '{ _service { sdl } __schema { queryType { name } } }', { kind: 'schema' });
      assert.equal(body.errors, undefined, `${name}: ${JSON.stringify(body.errors)}`);
      assert.match((body.data?.['_service'] as { sdl: string }).sdl, /type Query/, name);
    }
  });

  test('__typename still answers, and the gateway still serves a query planned across subgraphs', async () => {
    for (const [name, url] of Object.entries(keyed.hub.subgraphUrls)) {
      for (let runNumber = 0; runNumber < 3; runNumber++) assert.deepEqual((await direct(url, VIEWERS['anonymous']!, '{ __typename }')).data, { __typename: 'Query' }, name);
    }
    const token = await keyed.token({ sub: citizen.sub });
    const { status, body } = await keyed.hub.graphql('{ procedures(first: 1) { code } me { id feedback { code } dossiers { code currentStep } } }', { token });
    assert.equal(status, 200);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const me = body.data?.['me'] as { feedback: unknown[]; dossiers: { currentStep: unknown }[] };
    assert.ok(me.feedback.length > 0 && me.dossiers.length > 0);
  });
});
