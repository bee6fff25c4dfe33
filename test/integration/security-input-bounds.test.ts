// Input bounds, attacked from outside through the real hub (issue #10): deeply nested bodies and
// variables, malformed UTF-8, and U+0000 in every string input of every root field (listed from the
// subgraph SDLs, so a new argument is covered without editing this file), as variables and as literals,
// at the gateway, directly at each subgraph, and through the REST routes. Each is a 400 with a code
// that names the field; nothing is written; binary photo bodies with 0x00 bytes still upload.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Kind, parse, print } from 'graphql';
import type { ConstDirectiveNode, FieldDefinitionNode, InputValueDefinitionNode, TypeNode } from 'graphql';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { createInternalTokenSigner, GRAPHQL_PURPOSE } from '../../auth/internal-token.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { sign } from '../../subgraphs/feedback/channels/webhooks/signatures.ts';
import type { Hub } from '../../testing/hub.ts';
import { feedbackCastTokens, startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { FeedbackCast, KeyedHub } from '../../testing/tokens.ts';

const SUBGRAPHS = ['feedback', 'dossier', 'planning', 'notification'] as const;
const DEEP = 10_000;
const EMAIL_KEY = randomBytes(32);
const OPEN311_KEY = 'fms-3b9f0c1d5e7a4b2c8d6e0f1a2b3c4d5e';
// A real JPEG (4×3): its header alone holds 0x00 bytes.
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAADAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAaEAADAQADAAAAAAAAAAAAAAAAAgMRARIx/8QAFQEBAQAAAAAAAAAAAAAAAAAABAf/xAAbEQEAAgIDAAAAAAAAAAAAAAABAgMAESExQf/aAAwDAQACEQMRAD8AmN7PerUq3Z295zAAFy211wqgV1gRDQHAB0B4Gf/Z',
  'base64',
);

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as Answer['body'] };
  } catch {
    return { status: response.status, body: { errors: [{ message: text }] } };
  }
}

/** POST raw bytes (or text) as JSON to `url`. */
async function postRaw(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  return answer(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }));
}

function assertRefused(result: Answer, code: string, field?: string): void {
  assert.equal(result.status, 400, JSON.stringify(result.body).slice(0, 500));
  const error = result.body.errors?.[0];
  assert.equal(error?.extensions?.['code'], code, JSON.stringify(result.body).slice(0, 500));
  if (field !== undefined) assert.ok(error?.message.includes(`"${field}"`) || error?.extensions?.['field'] === field, `names ${field}: ${error?.message}`);
  assert.doesNotMatch(JSON.stringify(result.body), /at \w+ \(|node_modules|RangeError|stack/i);
}

// ---- every string input of every root field, from the subgraph SDLs

/** A piece of a generated request: its JSON value (variables) and its GraphQL literal. */
interface Sample {
  readonly json: unknown;
  readonly literal: string;
}

/** What the SDLs say about types. */
interface SchemaFacts {
  readonly inputs: Map<string, readonly InputValueDefinitionNode[]>;
  readonly enums: Map<string, string>;
  readonly objects: Set<string>;
}

/** One string input to poison: a root field and the path of keys from its argument to the string. */
interface StringInput {
  readonly subgraph: string;
  readonly operation: 'query' | 'mutation';
  readonly field: FieldDefinitionNode;
  readonly path: readonly (string | number)[];
  readonly facts: SchemaFacts;
}

const NUL_TEXT = 'Đường Lê Lợi\u0000 bị ngập nặng sau cơn mưa chiều nay';

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function readFacts(): Map<string, { facts: SchemaFacts; roots: { operation: 'query' | 'mutation'; field: FieldDefinitionNode }[] }> {
  const all = new Map<string, { facts: SchemaFacts; roots: { operation: 'query' | 'mutation'; field: FieldDefinitionNode }[] }>();
  for (const subgraph of SUBGRAPHS) {
    const document = parse(readFileSync(new URL(`../../subgraphs/${subgraph}/schema.graphql`, import.meta.url), 'utf8'));
    const facts: SchemaFacts = { inputs: new Map(), enums: new Map(), objects: new Set() };
    const roots: { operation: 'query' | 'mutation'; field: FieldDefinitionNode }[] = [];
    for (const definition of document.definitions) {
      if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) facts.inputs.set(definition.name.value, definition.fields ?? []);
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION) facts.enums.set(definition.name.value, definition.values?.[0]?.name.value ?? '');
      if (
        definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
        definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
        definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
        definition.kind === Kind.UNION_TYPE_DEFINITION
      ) {
        facts.objects.add(definition.name.value);
      }
      if ((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) && (definition.name.value === 'Query' || definition.name.value === 'Mutation')) {
        for (const field of definition.fields ?? []) roots.push({ operation: definition.name.value === 'Query' ? 'query' : 'mutation', field });
      }
    }
    all.set(subgraph, { facts, roots });
  }
  return all;
}

/** Paths (from an argument) to every String or ID it holds: input fields recursively, list items as 0. */
function stringPaths(type: TypeNode, facts: SchemaFacts, depth = 0): (string | number)[][] {
  if (type.kind === Kind.NON_NULL_TYPE) return stringPaths(type.type, facts, depth);
  if (type.kind === Kind.LIST_TYPE) return stringPaths(type.type, facts, depth).map((path) => [0, ...path]);
  const name = type.name.value;
  if (name === 'String' || name === 'ID') return [[]];
  const fields = facts.inputs.get(name);
  if (!fields || depth > 4) return [];
  return fields.flatMap((field) => stringPaths(field.type, facts, depth + 1).map((path) => [field.name.value, ...path]));
}

/** A realistic value for a string input named `name` (codes that exist in the demo data). */
function sampleString(name: string, field: string): string {
  const byName: Record<string, string> = {
    categoryCode: 'GIAO_THONG',
    wardCode: 'P-BEN-THANH',
    unitCode: 'SO-XAY-DUNG',
    search: 'khai sinh',
    field: 'Hộ tịch',
    title: 'Đèn giao thông hỏng ở giao lộ',
    content: 'Đèn tín hiệu giao lộ Lê Lợi – Pasteur hỏng từ sáng, xe cộ ùn tắc kéo dài.',
    reply: 'Đơn vị đã tiếp nhận và xử lý.',
    reason: 'Không thuộc thẩm quyền của đơn vị.',
    resultText: 'Đã vá xong ổ gà trên đường Lê Lợi.',
    comment: 'Xử lý nhanh, cảm ơn.',
    idempotencyKey: randomUUID(),
    name: 'Nguyễn Văn An',
    phone: '0903123456',
    email: 'an.nguyen@example.vn',
    address: '12 Lê Lợi, phường Bến Thành',
    id: randomUUID(),
  };
  if (name === 'code') return field === 'procedure' ? '1.001193.H29' : field === 'dossier' ? '000.00.01.H29-261010-0420' : 'PHA261000483917';
  return byName[name] ?? 'Giá trị hợp lệ';
}

function sampleNamed(name: string, key: string, field: string, facts: SchemaFacts): Sample {
  switch (name) {
    case 'String':
    case 'ID': {
      const text = sampleString(key, field);
      return { json: text, literal: JSON.stringify(text) };
    }
    case 'Int':
      return { json: key === 'stars' ? 5 : key === 'first' ? 5 : 1, literal: key === 'stars' || key === 'first' ? '5' : '1' };
    case 'Float': {
      const value = /lat/i.test(key) ? 10.7722 : /lng/i.test(key) ? 106.6975 : 0.01;
      return { json: value, literal: String(value) };
    }
    case 'Boolean':
      return { json: false, literal: 'false' };
    case 'DateTime': {
      const at = key === 'from' ? new Date(Date.now() - 30 * 86_400_000) : new Date(Date.now() + 86_400_000);
      return { json: at.toISOString(), literal: JSON.stringify(at.toISOString()) };
    }
  }
  const enumValue = facts.enums.get(name);
  if (enumValue !== undefined) return { json: enumValue, literal: enumValue };
  throw new Error(`no sample for ${name}`);
}

/**
 * A value of `type` for input `key`: required input fields filled; `target` (when defined) is the path
 * to the string that gets U+0000, and its fields are filled even when optional.
 */
function build(type: TypeNode, key: string, field: string, facts: SchemaFacts, target: readonly (string | number)[] | undefined): Sample {
  if (type.kind === Kind.NON_NULL_TYPE) return build(type.type, key, field, facts, target);
  if (type.kind === Kind.LIST_TYPE) {
    const item = build(type.type, key, field, facts, target === undefined ? undefined : target.slice(1));
    return { json: [item.json], literal: `[${item.literal}]` };
  }
  const name = type.name.value;
  const fields = facts.inputs.get(name);
  if (fields === undefined) {
    if (target !== undefined && target.length === 0) return { json: NUL_TEXT, literal: JSON.stringify(NUL_TEXT) };
    return sampleNamed(name, key, field, facts);
  }
  const json: Record<string, unknown> = {};
  const literals: string[] = [];
  for (const inputField of fields) {
    const onPath = target !== undefined && target[0] === inputField.name.value;
    if (!onPath && (inputField.type.kind !== Kind.NON_NULL_TYPE || inputField.defaultValue !== undefined)) continue;
    const value = build(inputField.type, inputField.name.value, field, facts, onPath ? target.slice(1) : undefined);
    json[inputField.name.value] = value.json;
    literals.push(`${inputField.name.value}: ${value.literal}`);
  }
  return { json, literal: `{ ${literals.join(', ')} }` };
}

/** The operation for one poisoned input, with its arguments as variables and as literals. */
function operationsFor(input: StringInput): { variables: { query: string; variables: Record<string, unknown> }; literal: string; clean: { query: string; variables: Record<string, unknown> } } {
  const [argument, ...rest] = input.path as [string, ...(string | number)[]];
  const returned = namedType(input.field.type);
  const selection = input.facts.objects.has(returned) ? ' { __typename }' : '';
  const definitions: string[] = [];
  const uses: string[] = [];
  const literals: string[] = [];
  const variables: Record<string, unknown> = {};
  const clean: Record<string, unknown> = {};
  for (const arg of input.field.arguments ?? []) {
    const isTarget = arg.name.value === argument;
    if (!isTarget && (arg.type.kind !== Kind.NON_NULL_TYPE || arg.defaultValue !== undefined)) continue;
    const value = build(arg.type, arg.name.value, input.field.name.value, input.facts, isTarget ? rest : undefined);
    const plain = build(arg.type, arg.name.value, input.field.name.value, input.facts, undefined);
    definitions.push(`$${arg.name.value}: ${print(arg.type)}`);
    uses.push(`${arg.name.value}: $${arg.name.value}`);
    literals.push(`${arg.name.value}: ${value.literal}`);
    variables[arg.name.value] = value.json;
    // The clean twin is the NUL request itself with the NUL taken out, so the two differ by that one character
    // (an optional list of input objects is built with its required fields only on the target's path).
    clean[arg.name.value] = isTarget ? withoutNul(value.json) : plain.json;
  }
  const name = `Nul_${input.field.name.value}`;
  const query = `${input.operation} ${name}(${definitions.join(', ')}) { ${input.field.name.value}(${uses.join(', ')})${selection} }`;
  return {
    variables: { query, variables },
    literal: `${input.operation} ${name} { ${input.field.name.value}(${literals.join(', ')})${selection} }`,
    clean: { query, variables: clean },
  };
}

/** A copy of `value` with every NUL_TEXT in it made clean. */
function withoutNul(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null).replaceAll('\\u0000', '')) as unknown;
}

/** "variables.input.content", "variables.input.photoIds[0]". */
function variablePath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${key}`), 'variables');
}

/** "input.content", "input.photoIds" (list positions are not named in a literal's path). */
function literalPath(path: readonly (string | number)[]): string {
  return path.filter((key) => typeof key === 'string').join('.');
}

function policiesOf(field: FieldDefinitionNode): string[] {
  const directive = field.directives?.find((node: ConstDirectiveNode) => node.name.value === 'policy');
  return directive
    ? (print(directive)
        .match(/"([a-z_0-9]+)"/g)
        ?.map((text) => text.slice(1, -1)) ?? [])
    : [];
}

function allStringInputs(): StringInput[] {
  const inputs: StringInput[] = [];
  for (const [subgraph, { facts, roots }] of readFacts()) {
    for (const { operation, field } of roots) {
      for (const arg of field.arguments ?? []) {
        for (const path of stringPaths(arg.type, facts)) inputs.push({ subgraph, operation, field, path: [arg.name.value, ...path], facts });
      }
    }
  }
  return inputs;
}

const STRING_INPUTS = allStringInputs();

describe('input bounds: nesting, UTF-8 and U+0000 are refused before any work', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let cast: FeedbackCast;

  /** A token of the role the field asks for (officer, operator, leader), else a level-2 citizen. */
  const tokenFor = (field: FieldDefinitionNode): string => {
    const policies = policiesOf(field);
    if (policies.includes('operator')) return cast.operator;
    if (policies.includes('officer')) return cast.officer;
    if (policies.includes('leader')) return cast.leader;
    return cast.an;
  };

  /** The viewer the gateway would put in the internal token for the same role. */
  const viewerFor = (field: FieldDefinitionNode): Viewer => {
    const policies = policiesOf(field);
    const role = ['operator', 'officer', 'leader'].find((name) => policies.includes(name)) ?? 'citizen';
    const account = DEMO_ACCOUNTS.find((candidate) => candidate.roles.includes(role))!;
    return { subject: account.sub, roles: [role], scopes: ['openid', 'feedback:read', 'feedback:write', 'dossier:read', 'planning:read', 'notification:read'], level: 2, unit: account.unit };
  };

  /** An internal token as the gateway signs it for /graphql. */
  const internalToken = async (viewer: Viewer): Promise<string> => (await createInternalTokenSigner(hub.internalKey)).sign(viewer, undefined, GRAPHQL_PURPOSE);

  const subgraphUrl = (name: string) => hub.subgraphUrls[name] as string;

  /** Rows in every table of every subgraph's database. */
  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const name of SUBGRAPHS) {
      const database = hub.subgraphs[name]!.database;
      await database.withConnection(async (connection) => {
        const tables = await connection.query<{ table_name: string }>(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
        );
        for (const { table_name: table } of tables) {
          const [row] = await connection.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
          counts[`${name}.${table}`] = Number(row?.n);
        }
      });
    }
    return counts;
  }

  async function assertStillServing(): Promise<void> {
    const result = await postRaw(`${hub.gatewayUrl}/graphql`, JSON.stringify({ query: '{ procedures(first: 1) { code } }' }));
    assert.equal(result.status, 200, JSON.stringify(result.body));
    assert.equal(result.body.errors, undefined);
  }

  before(async () => {
    keyed = await startHubWithRealmKeys({
      subgraphEnv: {
        FEEDBACK_WEBHOOK_EMAIL_SECRET: `whsec_${EMAIL_KEY.toString('base64')}`,
        FEEDBACK_OPEN311_API_KEYS: JSON.stringify({ [OPEN311_KEY]: 'fixmystreet' }),
      },
    });
    hub = keyed.hub;
    cast = await feedbackCastTokens(keyed);
  });
  after(() => keyed?.close());

  test('the SDLs yield string inputs in every subgraph, mutations and code lookups included', () => {
    const names = new Set(STRING_INPUTS.map((input) => `${input.field.name.value}(${input.path.join('.')})`));
    for (const expected of [
      'submitFeedback(input.content)',
      'publicFeedbackItem(code)',
      'myFeedback(code)',
      'dossier(code)',
      'procedure(code)',
      'parcel(wardCode)',
      'markNotificationRead(id)',
      'recordFeedback(input.reporter.phone)',
      'transitionFeedback(input.photoIds.0)',
    ]) {
      assert.ok(names.has(expected), `${expected} in ${[...names].join(' ')}`);
    }
    assert.deepEqual(new Set(STRING_INPUTS.map((input) => input.subgraph)), new Set(SUBGRAPHS));
  });

  test('variables nested 10,000 levels, declared or not, are a coded 400 (not 500), and the hub keeps serving', async () => {
    const deep = `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`;
    const deepList = `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`;
    const declared = (value: string) => `{"query":"query($v: String) { procedures(search: $v) { code } }","variables":{"v":${value}}}`;
    const undeclared = (value: string) => `{"query":"{ procedures { code } }","variables":{"x":${value}}}`;
    for (const body of [declared(deep), declared(deepList), undeclared(deep), undeclared(deepList)]) {
      assertRefused(await postRaw(`${hub.gatewayUrl}/graphql`, body), 'BAD_USER_INPUT');
      assertRefused(await postRaw(`${hub.gatewayUrl}/graphql`, body, { authorization: `Bearer ${cast.an}` }), 'BAD_USER_INPUT');
    }
    // Over GET (the URL, percent-encoded, must fit in Node's 16 KB header limit: 2,000 levels).
    const shallower = `${'['.repeat(2_000)}${']'.repeat(2_000)}`;
    const response = await fetch(`${hub.gatewayUrl}/graphql?query=${encodeURIComponent('{ procedures { code } }')}&variables=${encodeURIComponent(`{"x":${shallower}}`)}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    assertRefused(await answer(response), 'BAD_USER_INPUT');
    await assertStillServing();
  });

  test('a body nested 10,000 levels without variables is BAD_REQUEST', async () => {
    const deep = `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`;
    assertRefused(await postRaw(`${hub.gatewayUrl}/graphql`, `{"query":"{ procedures { code } }","extensions":${deep}}`), 'BAD_REQUEST');
    assertRefused(await postRaw(`${hub.gatewayUrl}/graphql`, `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`), 'BAD_REQUEST');
    assertRefused(await postRaw(`${hub.gatewayUrl}/graphql`, `{"__proto__":${deep}}`), 'BAD_REQUEST');
    await assertStillServing();
  });

  test('an operation text nested 10,000 levels is BAD_REQUEST before anything parses it, at the gateway and at a subgraph', async () => {
    const token = await internalToken(viewerFor(STRING_INPUTS[0]!.field));
    const texts = [
      `{ procedures(search: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}) { code } }`,
      `{ procedures(search: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}) { code } }`,
      `{ ${'me { '.repeat(DEEP)}id${' }'.repeat(DEEP)} }`,
      `query($v: ${'['.repeat(DEEP)}String${']'.repeat(DEEP)}) { procedures { code } }`,
    ];
    for (const query of texts) {
      // Twice: the gateway remembers only texts it found within the bound, never a refused one.
      for (let round = 0; round < 2; round++) assertRefused(await postRaw(`${hub.gatewayUrl}/graphql`, JSON.stringify({ query })), 'BAD_REQUEST', 'query');
      assertRefused(await postRaw(subgraphUrl('dossier'), JSON.stringify({ query }), { authorization: `Bearer ${token}` }), 'BAD_REQUEST', 'query');
    }
    // Brackets inside strings and comments are not nesting (the second time from the gateway's memory of it).
    const quoted = `query { procedures(search: "${'['.repeat(300)}") { code } } # ${'{'.repeat(300)}`;
    for (let round = 0; round < 2; round++) {
      const fine = await postRaw(`${hub.gatewayUrl}/graphql`, JSON.stringify({ query: quoted }));
      assert.equal(fine.status, 200, JSON.stringify(fine.body));
    }
    await assertStillServing();
  });

  test('nesting within the bound still works (64 levels is far above any real input)', async () => {
    const nested = `${'['.repeat(40)}${']'.repeat(40)}`;
    const result = await postRaw(`${hub.gatewayUrl}/graphql`, `{"query":"{ procedures(first: 1) { code } }","extensions":{"x":${nested}}}`);
    assert.equal(result.status, 200, JSON.stringify(result.body));
  });

  test('malformed UTF-8 in the body is BAD_REQUEST, at the gateway and at a subgraph', async () => {
    const token = await internalToken(viewerFor(STRING_INPUTS[0]!.field));
    for (const bytes of [[0xc3, 0x28], [0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]]) {
      const body = Buffer.concat([Buffer.from('{"query":"query($v: String) { procedures(search: $v) { code } }","variables":{"v":"a'), Buffer.from(bytes), Buffer.from('b"}}')]);
      const atGateway = await postRaw(`${hub.gatewayUrl}/graphql`, body);
      assertRefused(atGateway, 'BAD_REQUEST');
      assert.equal(atGateway.body.errors?.[0]?.message, 'The body is not valid UTF-8.');
      assertRefused(await postRaw(subgraphUrl('dossier'), body, { authorization: `Bearer ${token}` }), 'BAD_REQUEST');
    }
    // Valid multi-byte UTF-8 (Vietnamese) is of course accepted.
    const fine = await postRaw(`${hub.gatewayUrl}/graphql`, Buffer.from('{"query":"query($v: String) { procedures(search: $v) { code } }","variables":{"v":"Đăng ký khai sinh"}}'));
    assert.equal(fine.status, 200, JSON.stringify(fine.body));
    // A malformed escape or non-UTF-8 bytes in a query string.
    for (const query of ['query=%7B%20procedures%20%7B%20code%20%7D%20%7D&operationName=%C3%28', 'query=%7B%20procedures%20%7B%20code%20%7D%20%7D&x=%zz']) {
      assertRefused(await answer(await fetch(`${hub.gatewayUrl}/graphql?${query}`, { headers: { 'apollo-require-preflight': 'true' } })), 'BAD_REQUEST');
    }
    await assertStillServing();
  });

  test('U+0000 in every string input of every root field, as a variable and as a literal, is BAD_USER_INPUT naming it; nothing is written', async () => {
    const before = await rowCounts();
    for (const input of STRING_INPUTS) {
      const label = `${input.subgraph} ${input.field.name.value}(${input.path.join('.')})`;
      const operations = operationsFor(input);
      const token = tokenFor(input.field);
      const asVariable = await postRaw(`${hub.gatewayUrl}/graphql`, JSON.stringify(operations.variables), { authorization: `Bearer ${token}` });
      assertRefused(asVariable, 'BAD_USER_INPUT', variablePath(input.path));
      assert.equal(asVariable.body.data, undefined, label);
      const asLiteral = await postRaw(`${hub.gatewayUrl}/graphql`, JSON.stringify({ query: operations.literal }), { authorization: `Bearer ${token}` });
      assertRefused(asLiteral, 'BAD_USER_INPUT', literalPath(input.path));
      if (input.operation === 'query') {
        // The GET path: variables as a JSON query parameter, and the literal in the query text.
        const headers = { 'apollo-require-preflight': 'true', authorization: `Bearer ${token}` };
        const viaGet = `${hub.gatewayUrl}/graphql?query=${encodeURIComponent(operations.variables.query)}&variables=${encodeURIComponent(JSON.stringify(operations.variables.variables))}`;
        assertRefused(await answer(await fetch(viaGet, { headers })), 'BAD_USER_INPUT', variablePath(input.path));
        assertRefused(await answer(await fetch(`${hub.gatewayUrl}/graphql?query=${encodeURIComponent(operations.literal)}`, { headers })), 'BAD_USER_INPUT', literalPath(input.path));
      }
    }
    // A NUL in any other part of the request too: the operation name, a query parameter.
    assertRefused(await postRaw(`${hub.gatewayUrl}/graphql`, JSON.stringify({ query: '{ procedures { code } }', operationName: 'a\u0000' })), 'BAD_USER_INPUT', 'operationName');
    assertRefused(
      await answer(await fetch(`${hub.gatewayUrl}/graphql?query=${encodeURIComponent('{ procedures { code } }')}&operationName=%00`, { headers: { 'apollo-require-preflight': 'true' } })),
      'BAD_USER_INPUT',
      'operationName',
    );
    assert.deepEqual(await rowCounts(), before, 'nothing was written anywhere');
    await assertStillServing();
  });

  test('directly at each subgraph with an internal token: the same inputs are BAD_USER_INPUT naming the field; nothing is written', async () => {
    const before = await rowCounts();
    for (const input of STRING_INPUTS) {
      const operations = operationsFor(input);
      const headers = { authorization: `Bearer ${await internalToken(viewerFor(input.field))}` };
      assertRefused(await postRaw(subgraphUrl(input.subgraph), JSON.stringify(operations.variables), headers), 'BAD_USER_INPUT', variablePath(input.path));
      assertRefused(await postRaw(subgraphUrl(input.subgraph), JSON.stringify({ query: operations.literal }), headers), 'BAD_USER_INPUT', literalPath(input.path));
      if (input.operation === 'query') {
        const viaGet = `${subgraphUrl(input.subgraph)}?query=${encodeURIComponent(operations.variables.query)}&variables=${encodeURIComponent(JSON.stringify(operations.variables.variables))}`;
        assertRefused(await answer(await fetch(viaGet, { headers })), 'BAD_USER_INPUT', variablePath(input.path));
      }
    }
    const deep = `{"query":"{ procedures { code } }","variables":{"x":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}}`;
    assertRefused(await postRaw(subgraphUrl('dossier'), deep, { authorization: `Bearer ${await internalToken(viewerFor(STRING_INPUTS[0]!.field))}` }), 'BAD_USER_INPUT');
    assert.deepEqual(await rowCounts(), before, 'nothing was written anywhere');
  });

  test('the same requests without the NUL pass every gateway check: the refusals were for the NUL alone', async () => {
    for (const input of STRING_INPUTS) {
      const operations = operationsFor(input);
      const result = await postRaw(`${hub.gatewayUrl}/graphql`, JSON.stringify(operations.clean), { authorization: `Bearer ${tokenFor(input.field)}` });
      assert.equal(result.status, 200, `${input.field.name.value}(${input.path.join('.')}): ${JSON.stringify(result.body).slice(0, 400)}`);
      assert.doesNotMatch(JSON.stringify(result.body), /U\+0000|INTERNAL_SERVER_ERROR/);
    }
  });

  test('webhook JSON with U+0000 is BAD_USER_INPUT naming the field, malformed UTF-8 BAD_REQUEST; nothing recorded', async () => {
    const db = hub.subgraphs['feedback']!.db as unknown as { feedbackItem: { count(): Promise<number> } };
    const before = await db.feedbackItem.count();
    const deliver = async (body: Buffer) => {
      const id = `msg_${randomUUID()}`;
      const at = String(Math.floor(Date.now() / 1000));
      return answer(
        await fetch(`${hub.gatewayUrl}/api/feedback/webhooks/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': at, 'webhook-signature': sign.standardWebhook(id, at, body, EMAIL_KEY) },
          body,
        }),
      );
    };
    const mail = {
      messageId: `<${randomUUID()}@mail.example.vn>`,
      from: 'Lê Văn Cường <cuong.le@example.vn>',
      subject: 'Lấn chiếm vỉa hè đường Pasteur',
      text: 'Quán ăn bày bàn ghế chiếm hết vỉa hè, người đi bộ phải xuống lòng đường.',
    };
    for (const key of ['subject', 'from', 'text', 'messageId'] as const) {
      assertRefused(await deliver(Buffer.from(JSON.stringify({ ...mail, [key]: `${mail[key]}\u0000` }))), 'BAD_USER_INPUT', `body.${key}`);
    }
    const malformed = Buffer.concat([Buffer.from(JSON.stringify({ ...mail, subject: 'x' }).slice(0, -2)), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    assertRefused(await deliver(malformed), 'BAD_REQUEST');
    assertRefused(await deliver(Buffer.from(`{"text":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`)), 'BAD_REQUEST');
    assert.equal(await db.feedbackItem.count(), before);
    // The clean mail is accepted: the refusals were for the NUL alone.
    const accepted = await deliver(Buffer.from(JSON.stringify(mail)));
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(await db.feedbackItem.count(), before + 1);
  });

  test('Open311: a form or query parameter with %00 is BAD_USER_INPUT, a malformed escape BAD_REQUEST; nothing recorded', async () => {
    const db = hub.subgraphs['feedback']!.db as unknown as { feedbackItem: { count(): Promise<number> } };
    const before = await db.feedbackItem.count();
    const url = `${hub.gatewayUrl}/api/feedback/open311/v2/requests.json`;
    const form = (description: string) => `api_key=${OPEN311_KEY}&service_code=GIAO_THONG&lat=10.7722&long=106.6975&first_name=An&description=${description}`;
    const post = async (body: string) => answer(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }));
    assertRefused(await post(form('%C4%90%C3%A8n%20t%C3%ADn%20hi%E1%BB%87u%20h%E1%BB%8Fng%00%20t%E1%BB%AB%20s%C3%A1ng')), 'BAD_USER_INPUT', 'description');
    assertRefused(await post(form('%C3%28%20kh%C3%B4ng%20h%E1%BB%A3p%20l%E1%BB%87%20g%C3%AC%20c%E1%BA%A3')), 'BAD_REQUEST');
    assertRefused(await post(form('%zz%20kh%C3%B4ng%20h%E1%BB%A3p%20l%E1%BB%87%20g%C3%AC%20c%E1%BA%A3')), 'BAD_REQUEST');
    assertRefused(await post(`${form('%C4%90%C3%A8n%20t%C3%ADn%20hi%E1%BB%87u%20h%E1%BB%8Fng')}&last_name=a%00`), 'BAD_USER_INPUT', 'last_name');
    assertRefused(await answer(await fetch(`${hub.gatewayUrl}/api/feedback/open311/v2/requests/PHA261000483917.json?jurisdiction_id=%00`)), 'BAD_USER_INPUT', 'jurisdiction_id');
    assert.equal(await db.feedbackItem.count(), before);
    const accepted = await post(form('%C4%90%C3%A8n%20t%C3%ADn%20hi%E1%BB%87u%20giao%20l%E1%BB%99%20h%E1%BB%8Fng%20t%E1%BB%AB%20s%C3%A1ng'));
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(await db.feedbackItem.count(), before + 1);
  });

  test('a photo whose bytes hold 0x00 still uploads: binary bodies are not read as text', async () => {
    assert.ok(JPEG.includes(0));
    const response = await fetch(`${hub.gatewayUrl}/api/feedback/photos`, { method: 'POST', headers: { 'content-type': 'image/jpeg', authorization: `Bearer ${cast.an}` }, body: JPEG });
    assert.equal(response.status, 201, await response.clone().text());
    const octets = await fetch(`${hub.gatewayUrl}/api/feedback/photos`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${cast.an}` }, body: JPEG });
    // Refused for its declared type (the photo rules), never for its bytes.
    assert.notEqual((await answer(octets)).body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
  });
});

describe('input bounds with inbound dedup off', () => {
  let keyed: KeyedHub;
  before(async () => {
    keyed = await startHubWithRealmKeys({ gatewayEnv: { INBOUND_DEDUP: 'false' } });
  });
  after(() => keyed?.close());

  test('variables nested 10,000 levels are BAD_USER_INPUT there too', async () => {
    const hub = keyed.hub;
    const deep = `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`;
    assertRefused(await postRaw(`${hub.gatewayUrl}/graphql`, `{"query":"query($v: String) { procedures(search: $v) { code } }","variables":{"v":${deep}}}`), 'BAD_USER_INPUT');
    assertRefused(await postRaw(`${hub.gatewayUrl}/graphql`, `{"query":"{ procedures { code } }","variables":{"x":${deep}}}`), 'BAD_USER_INPUT');
    const fine = await postRaw(`${hub.gatewayUrl}/graphql`, JSON.stringify({ query: '{ procedures(first: 1) { code } }' }));
    assert.equal(fine.status, 200);
  });
});
