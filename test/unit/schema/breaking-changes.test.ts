// The breaking-change classifier: each kind of change between two composed supergraphs, the subgraph that
// owns it, and exactly the recorded operations it would break (and none it would not).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { composeSubgraphs } from '../../../schema/compose.ts';
import { findSchemaChanges, literalFreeOperation } from '../../../schema/breaking-changes.ts';
import type { KnownOperation, SchemaChange } from '../../../schema/breaking-changes.ts';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])\n';

const WATER = `${LINK}
type Query {
  outages(district: String, status: OutageStatus): [Outage!]!
  outage(id: ID!): Outage
  meterReading(meter: String!): Float!
}
enum OutageStatus { PLANNED ONGOING RESOLVED }
type Outage @key(fields: "id") {
  id: ID!
  district: String!
  startsAt: String!
  reason: String
  status: OutageStatus!
}
input OutageReport { district: String!, note: String }
type Mutation { reportOutage(report: OutageReport!): Outage }
`;

const POWER = `${LINK}
type Query { powerCuts: [PowerCut!]! }
type PowerCut @key(fields: "id") { id: ID!, ward: String! }
type Outage @key(fields: "id") { id: ID!, crewSize: Int }
`;

function supergraph(water: string, power = POWER): string {
  const outcome = composeSubgraphs([
    { name: 'water', url: 'http://water.test/graphql', sdl: water },
    { name: 'power', url: 'http://power.test/graphql', sdl: power },
  ]);
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.errors.join('\n'));
  return outcome.supergraphSdl;
}

function operation(body: string, count: number, source: 'traffic' | 'persisted' = 'traffic'): KnownOperation {
  const normalized = literalFreeOperation(body);
  assert.ok(normalized);
  return { ...normalized, source, count, lastSeen: count > 0 ? '2026-12-06T10:00:00.000Z' : undefined };
}

const OPERATIONS = [
  operation('query Outages { outages(district: "Quận 1") { id district startsAt } }', 120),
  operation('query OutageReasons { outages { id reason } }', 40),
  operation('query ByStatus($status: OutageStatus) { outages(status: $status) { id status } }', 7),
  operation('query Meter { meterReading(meter: "PE-0042") }', 3),
  operation('query OneOutage($id: ID!) { outage(id: $id) { id crewSize } }', 0, 'persisted'),
  operation('mutation Report($report: OutageReport!) { reportOutage(report: $report) { id } }', 9),
  operation('query Cuts { powerCuts { id ward } }', 500),
];

const CURRENT = supergraph(WATER);

function only(changes: readonly SchemaChange[], kind: string): SchemaChange {
  const found = changes.filter((change) => change.kind === kind);
  assert.equal(found.length, 1, `one ${kind} in ${JSON.stringify(changes.map((change) => change.description))}`);
  return found[0]!;
}

const names = (change: SchemaChange) => change.affectedOperations.map((affected) => affected.name);

describe('breaking changes and the operations they break', () => {
  test('the same schema has no change', () => {
    const report = findSchemaChanges(CURRENT, supergraph(WATER), OPERATIONS);
    assert.deepEqual(report, { breaking: [], dangerous: [] });
  });

  test('a removed field breaks exactly the operations that select it, busiest first, and names its owner', () => {
    const change = only(findSchemaChanges(CURRENT, supergraph(WATER.replace('  reason: String\n', '')), OPERATIONS).breaking, 'FIELD_REMOVED');
    assert.equal(change.coordinate, 'Outage.reason');
    assert.deepEqual(change.subgraphs, ['water']);
    assert.deepEqual(names(change), ['OutageReasons']);
    assert.equal(change.affectedOperations[0]!.count, 40);
    assert.equal(change.affectedOperations[0]!.lastSeen, '2026-12-06T10:00:00.000Z');
  });

  test('a renamed field is a removal, with the likely new name said', () => {
    const change = only(findSchemaChanges(CURRENT, supergraph(WATER.replace('startsAt: String!', 'beginsAt: String!')), OPERATIONS).breaking, 'FIELD_REMOVED');
    assert.equal(change.coordinate, 'Outage.startsAt');
    assert.match(change.description, /renamed to Outage\.beginsAt\?/);
    assert.deepEqual(names(change), ['Outages']);
  });

  test('a removed enum value breaks operations that read or send the enum', () => {
    const change = only(findSchemaChanges(CURRENT, supergraph(WATER.replace('PLANNED ONGOING RESOLVED', 'PLANNED ONGOING')), OPERATIONS).breaking, 'VALUE_REMOVED_FROM_ENUM');
    assert.equal(change.coordinate, 'OutageStatus.RESOLVED');
    assert.deepEqual(names(change), ['ByStatus']);
  });

  test('a removed (or renamed) type breaks the operations that name it', () => {
    const water = WATER.replace('input OutageReport { district: String!, note: String }', 'input OutageNotice { district: String!, note: String }').replace(
      'reportOutage(report: OutageReport!)',
      'reportOutage(report: OutageNotice!)',
    );
    const report = findSchemaChanges(CURRENT, supergraph(water), OPERATIONS);
    const removed = only(report.breaking, 'TYPE_REMOVED');
    assert.equal(removed.coordinate, 'OutageReport');
    assert.match(removed.description, /renamed to OutageNotice\?/);
    assert.deepEqual(names(removed), ['Report']);
  });

  test('nullability tightened on an input breaks every use of the field; loosened on an output, the readers', () => {
    const tightened = only(findSchemaChanges(CURRENT, supergraph(WATER.replace('outages(district: String,', 'outages(district: String!,')), OPERATIONS).breaking, 'ARG_CHANGED_KIND');
    assert.equal(tightened.coordinate, 'Query.outages(district:)');
    assert.deepEqual(names(tightened), ['Outages', 'OutageReasons', 'ByStatus']);
    const loosened = only(
      findSchemaChanges(CURRENT, supergraph(WATER.replace('meterReading(meter: String!): Float!', 'meterReading(meter: String!): Float')), OPERATIONS).breaking,
      'FIELD_CHANGED_KIND',
    );
    assert.equal(loosened.coordinate, 'Query.meterReading');
    assert.deepEqual(names(loosened), ['Meter']);
  });

  test('a required argument added breaks every use of its field; an optional one is only dangerous', () => {
    const required = only(findSchemaChanges(CURRENT, supergraph(WATER.replace('outage(id: ID!)', 'outage(id: ID!, agency: String!)')), OPERATIONS).breaking, 'REQUIRED_ARG_ADDED');
    assert.equal(required.coordinate, 'Query.outage(agency:)');
    assert.deepEqual(names(required), ['OneOutage']);
    assert.equal(required.affectedOperations[0]!.source, 'persisted');
    const optional = findSchemaChanges(CURRENT, supergraph(WATER.replace('outage(id: ID!)', 'outage(id: ID!, agency: String)')), OPERATIONS);
    assert.deepEqual(optional.breaking, []);
    assert.equal(only(optional.dangerous, 'OPTIONAL_ARG_ADDED').coordinate, 'Query.outage(agency:)');
  });

  test('a removed argument breaks the operations that pass it, not those that omit it', () => {
    const change = only(findSchemaChanges(CURRENT, supergraph(WATER.replace('outages(district: String, status: OutageStatus)', 'outages(status: OutageStatus)')), OPERATIONS).breaking, 'ARG_REMOVED');
    assert.equal(change.coordinate, 'Query.outages(district:)');
    assert.deepEqual(names(change), ['Outages']);
  });

  test('a required input field added breaks the operations that send that input', () => {
    const change = only(findSchemaChanges(CURRENT, supergraph(WATER.replace('note: String }', 'note: String, reporterPhone: String! }')), OPERATIONS).breaking, 'REQUIRED_INPUT_FIELD_ADDED');
    assert.equal(change.coordinate, 'OutageReport.reporterPhone');
    assert.deepEqual(names(change), ['Report']);
  });

  test('a field moved to another subgraph is breaking, with both subgraphs named', () => {
    // crewSize leaves power for water: same public schema, another agency resolves it.
    const water = WATER.replace('  reason: String\n', '  reason: String\n  crewSize: Int\n');
    const power = POWER.replace('type Outage @key(fields: "id") { id: ID!, crewSize: Int }', 'type Outage @key(fields: "id") { id: ID! }');
    const report = findSchemaChanges(CURRENT, supergraph(water, power), OPERATIONS);
    const moved = only(report.breaking, 'FIELD_MOVED');
    assert.equal(moved.coordinate, 'Outage.crewSize');
    assert.deepEqual(moved.subgraphs, ['power', 'water']);
    assert.match(moved.description, /moved from subgraph power to water/);
    assert.deepEqual(names(moved), ['OneOutage']);
  });

  test('operation text is kept without literal values', () => {
    const normalized = literalFreeOperation('query Find { outages(district: "Nguyễn Văn An 079201001234") { id } meterReading(meter: "0901234567") }');
    assert.ok(normalized);
    assert.doesNotMatch(normalized.body, /079201001234|0901234567|Nguyễn/);
    assert.equal(normalized.name, 'Find');
    assert.match(normalized.hash, /^[0-9a-f]{64}$/);
    assert.equal(literalFreeOperation('query { outages(district: "x") { id } }')!.hash, literalFreeOperation('query { outages(district: "y") { id } }')!.hash);
    assert.equal(literalFreeOperation('query {'), undefined);
  });
});
