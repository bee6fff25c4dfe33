// Agencies feed the hub, through the gateway: upsertDossiers and the NDJSON bulk route for the agency's
// own dossiers only; idempotent by code and event id; events in time order whatever order they arrive
// in; vendor status codes through the mapping table (operators edit it) and a dead-letter list for the
// unmapped; every bad record refused with its line and a code while the rest go in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import type { PrismaClient } from '../../subgraphs/dossier/prisma/generated/client.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { clientCredentialsToken } from '../../testing/oidc-login.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const STP = '000.00.12.H29'; // Sở Tư pháp: the demo agency client's own
const UPSERT = `mutation Feed($records: [DossierRecordInput!]!) {
  upsertDossiers(records: $records) { accepted { line code created recorded duplicates receiptPin } refused { line code errorCode message field } }
}`;
const MAX_BYTES = 8192;
const NO_CODE = { receiptPin: undefined, receivedAt: '2026-12-02T08:00:00+07:00' };

interface Result {
  accepted: { line: number; code: string; created: boolean; recorded: number; duplicates: number; receiptPin: string | null }[];
  refused: { line: number; code: string | null; errorCode: string; message: string; field: string | null }[];
}

/** A record of the demo agency, vendor opencps, with events [status, local time on 2026-12-01]. */
function record(code: string | undefined, events: [string, string, Record<string, unknown>?][], extra: Record<string, unknown> = {}) {
  return {
    ...(code ? { code } : { agencyCode: STP }),
    vendor: 'opencps',
    procedureCode: '2.000488.H29',
    channel: 'ONLINE',
    receivedAt: '2026-12-01T08:00:00+07:00',
    receiptPin: '246810',
    ownerPhoneLast4: '9876',
    events: events.map(([status, time, more], index) => ({ id: `${code ?? 'nocode'}-${status}-${index}-${time}`, status, occurredAt: `2026-12-01T${time}:00+07:00`, ...more })),
    ...extra,
  };
}

describe('agencies feed dossiers', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let db: PrismaClient;
  const tokens: Record<string, string> = {};

  async function feed(records: unknown[], who = 'agency'): Promise<{ body: GraphQLBody; result: Result }> {
    const { body } = await hub.graphql(UPSERT, { token: tokens[who]!, variables: { records } });
    return { body, result: body.data?.['upsertDossiers'] as Result };
  }
  async function bulk(body: string, who: string | null = 'agency', type = 'application/x-ndjson') {
    const response = await fetch(`${hub.gatewayUrl}/api/dossier/ingest/dossiers`, {
      method: 'POST',
      headers: { 'content-type': type, ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}) },
      body,
    });
    return { status: response.status, body: (await response.json()) as Result & { errors?: { extensions: { code: string } }[] } };
  }
  const track = async (code: string, verifier: string) =>
    (await hub.graphql('query($c: String!, $v: String!) { dossierLookup(code: $c, verifier: $v) { status steps { kind status occurredAt } } }', { variables: { c: code, v: verifier } })).body;
  const statusOf = async (code: string) => (await db.dossier.findUnique({ where: { code } }))?.status;
  const eventCount = async (code: string) => db.dossierEvent.count({ where: { dossier: { code } } });

  before(async () => {
    keyed = await startHubWithRealmKeys({ subgraphEnv: { DOSSIER_INGEST_MAX_BYTES: String(MAX_BYTES), DOSSIER_INGEST_MAX_RECORDS: '20' } });
    hub = keyed.hub;
    db = hub.subgraphs['dossier']!.db as unknown as PrismaClient;
    // The demo agency client, from the realm itself: its token carries agency_codes.
    tokens['agency'] = await clientCredentialsToken({ issuer: hub.idp.issuer, clientId: 'agency-hcm-stp', clientSecret: 'agency-hcm-stp-demo-secret' });
    const service = (clientId: string, scope: string, more: Record<string, unknown> = {}) =>
      keyed.token({ sub: clientId, azp: clientId, client_id: clientId, preferred_username: `service-account-${clientId}`, roles: [], scope, ...more });
    tokens['ward'] = await service('agency-p-sai-gon', 'dossier:write', { agency_codes: ['000.01.01.H29'] });
    tokens['noAgencies'] = await service('agency-nowhere', 'dossier:write');
    tokens['partner'] = await clientCredentialsToken({ issuer: hub.idp.issuer, clientId: 'city-app', clientSecret: 'city-app-demo-secret' });
    tokens['citizen'] = await keyed.token({ sub: DEMO_ACCOUNTS[0]!.sub });
    tokens['operator'] = await keyed.token({ sub: DEMO_ACCOUNTS.find((account) => account.roles.includes('operator'))!.sub, roles: ['operator'] });
  });
  after(() => keyed?.close());

  test("the agency's system creates dossiers: with its own code and PIN, or with a code and PIN the hub makes; anyone then tracks them", async () => {
    const { body, result } = await feed([
      record(`${STP}-261201-0501`, [
        ['new', '08:00'],
        ['receiving', '09:00', { stepName: 'Tiếp nhận' }],
        ['processing', '10:00'],
      ]),
      // Without a code, on another day: the hub's codes and the agency's own never meet in one day's sequence.
      record(undefined, [['receiving', '08:30']], NO_CODE),
    ]);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    assert.deepEqual(result.refused, []);
    const [own, made] = result.accepted;
    assert.deepEqual(own, { line: 1, code: `${STP}-261201-0501`, created: true, recorded: 3, duplicates: 0, receiptPin: null });
    assert.match(made!.code, new RegExp(`^${STP.replaceAll('.', '\\.')}-261202-\\d{4}$`));
    assert.notEqual(made!.code, own.code);
    assert.match(made!.receiptPin ?? '', /^\d{6}$/, 'the PIN the hub made, once');
    assert.equal((await track(own.code, '246810')).data?.['dossierLookup'] && 'ok', 'ok');
    assert.equal(((await track(own.code, '9876')).data?.['dossierLookup'] as { status: string }).status, 'PROCESSING');
    assert.equal(((await track(made!.code, made!.receiptPin!)).data?.['dossierLookup'] as { status: string }).status, 'RECEIVING');
    const stored = await db.dossier.findUnique({ where: { code: own.code } });
    assert.ok(stored && !JSON.stringify(stored).includes('246810') && !JSON.stringify(stored).includes('9876'), 'only hashes are stored');
    // The due date: 10 working days of the procedure from the receipt.
    assert.equal(stored.dueAt.toISOString(), new Date('2026-12-15T17:00:00+07:00').toISOString());
    // Sent again, without a code: recognised by its event ids, nothing new.
    const again = await feed([record(undefined, [['receiving', '08:30']], NO_CODE)]);
    assert.deepEqual(again.result.accepted[0], { line: 1, code: made!.code, created: false, recorded: 0, duplicates: 1, receiptPin: null });
  });

  test('idempotent by code and event id; events out of order land by time and the status is the latest', async () => {
    const code = `${STP}-261201-0502`;
    const first = record(code, [
      ['new', '08:00'],
      ['receiving', '09:00'],
    ]);
    await feed([first]);
    const twice = await feed([first]);
    assert.deepEqual(twice.result.accepted[0], { line: 1, code, created: false, recorded: 0, duplicates: 2, receiptPin: null });
    assert.equal(await eventCount(code), 2);
    // Later events in two batches, the latest first.
    const late = { ...record(code, [['6', '15:00']]), vendor: 'vnpt-igate' };
    const { result } = await feed([late]);
    assert.equal(result.refused[0]?.errorCode, 'ILLEGAL_TRANSITION', 'RECEIVING cannot go to RELEASING — until the steps between arrive');
    await feed([
      record(code, [
        ['processing', '10:00'],
        ['interoperating', '11:00', { agencyCode: '000.00.30.H29', stepName: 'Xác minh án tích' }],
        ['processing', '14:00'],
      ]),
    ]);
    await feed([late]);
    await feed([record(code, [['receiving', '09:30', { stepName: 'Kiểm tra thành phần' }]])]);
    assert.equal(await statusOf(code), 'RELEASING');
    const steps = ((await track(code, '246810')).data?.['dossierLookup'] as { steps: { kind: string; status: string; occurredAt: string }[] }).steps;
    assert.deepEqual(
      steps.map((step) => step.status),
      ['NEW', 'RECEIVING', 'RECEIVING', 'PROCESSING', 'INTER_AGENCY', 'PROCESSING', 'RELEASING'],
    );
    assert.deepEqual(
      steps.map((step) => step.occurredAt),
      [...steps.map((step) => step.occurredAt)].sort(),
    );
    // The steps the lookup keeps on the dossier's row follow the timeline as it stands after the late
    // arrivals: each entry's kind as recomputed when an earlier one came in before it.
    const timeline = await db.dossierEvent.findMany({ where: { dossier: { code }, isPublic: true }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
    assert.deepEqual(
      steps.map((step) => [step.kind, step.status, new Date(step.occurredAt).getTime()]),
      timeline.map((entry) => [entry.kind, entry.toStatus, entry.occurredAt.getTime()]),
    );
    // The same event id with other content is refused.
    const reused = await feed([{ ...first, events: [{ ...first.events[1]!, status: 'processing' }] }]);
    assert.equal(reused.result.refused[0]?.errorCode, 'IDEMPOTENCY_KEY_REUSED');
  });

  test("an agency writes only its own dossiers: another agency's code is refused, the rest of the batch goes in", async () => {
    const theirs = '000.00.15.H29-261005-0942'; // a seeded dossier of the land registry
    const before = await eventCount(theirs);
    const { result } = await feed([
      record(`${STP}-261201-0503`, [['receiving', '08:00']]),
      { ...record(theirs, [['done', '09:00']]) },
      { ...record(undefined, [['receiving', '08:00']]), agencyCode: '000.01.01.H29' },
      record(`${STP}-261201-0504`, [['receiving', '08:00']]),
    ]);
    assert.deepEqual(
      result.accepted.map((entry) => entry.line),
      [1, 4],
    );
    assert.deepEqual(
      result.refused.map((entry) => [entry.line, entry.errorCode]),
      [
        [2, 'FORBIDDEN'],
        [3, 'FORBIDDEN'],
      ],
    );
    assert.equal(await eventCount(theirs), before, "nothing written to the other agency's dossier");
    // The ward's own client writes the ward's dossiers, not the department's.
    const ward = await feed(
      [{ ...record(undefined, [['receiving', '08:00']]), agencyCode: '000.01.01.H29', procedureCode: '2.000635.H29' }, record(`${STP}-261201-0505`, [['receiving', '08:00']])],
      'ward',
    );
    assert.deepEqual(
      ward.result.accepted.map((entry) => entry.line),
      [1],
    );
    assert.equal(ward.result.refused[0]?.errorCode, 'FORBIDDEN');
  });

  test('unmapped vendor codes: refused, listed as dead letters for operators, resolved by a mapping, then accepted', async () => {
    const code = `${STP}-261201-0506`;
    const bad = record(code, [
      ['new', '08:00'],
      ['cho-ky', '09:00'],
    ]);
    const { result } = await feed([bad, { ...record(`${STP}-261201-0507`, [['receiving', '08:00']]), vendor: 'unknown-vendor' }]);
    assert.deepEqual(
      result.refused.map((entry) => [entry.line, entry.errorCode]),
      [
        [1, 'UNMAPPED_STATUS'],
        [2, 'UNMAPPED_STATUS'],
      ],
    );
    assert.equal(await statusOf(code), undefined, 'nothing of the record went in');
    const letters = async (who: string) => hub.graphql('{ dossierDeadLetters { vendor vendorCode dossierCode eventId line clientId resolvedAt } }', { token: tokens[who]! });
    const listed = (await letters('operator')).body.data?.['dossierDeadLetters'] as { vendor: string; vendorCode: string; dossierCode: string | null; clientId: string }[];
    assert.ok(listed.some((letter) => letter.vendor === 'opencps' && letter.vendorCode === 'cho-ky' && letter.dossierCode === code && letter.clientId === 'agency-hcm-stp'));
    assert.ok(listed.some((letter) => letter.vendor === 'unknown-vendor'));
    for (const who of ['citizen', 'agency']) assert.equal((await letters(who)).body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN', who);

    const set = await hub.graphql('mutation { setDossierStatusMapping(vendor: "opencps", vendorCode: "cho-ky", status: PROCESSING) { vendor vendorCode status } }', { token: tokens['operator']! });
    assert.deepEqual(set.body.data?.['setDossierStatusMapping'], { vendor: 'opencps', vendorCode: 'cho-ky', status: 'PROCESSING' });
    const after = (await letters('operator')).body.data?.['dossierDeadLetters'] as { vendorCode: string }[];
    assert.ok(!after.some((letter) => letter.vendorCode === 'cho-ky'), 'resolved letters leave the list');
    // Without NEW → PROCESSING being legal the record would still be refused: it is legal (accepted on the spot).
    const resent = await feed([bad]);
    assert.equal(resent.result.accepted[0]?.code, code);
    assert.equal(await statusOf(code), 'PROCESSING');
  });

  test('operators read and edit the mappings; nobody else; bad keys refused', async () => {
    const list = await hub.graphql('{ dossierStatusMappings(vendor: "vnpt-igate") { vendorCode status } }', { token: tokens['operator']! });
    assert.equal((list.body.data?.['dossierStatusMappings'] as unknown[]).length, 11);
    const removed = await hub.graphql('mutation { removeDossierStatusMapping(vendor: "vnpt-igate", vendorCode: "10") }', { token: tokens['operator']! });
    assert.equal(removed.body.data?.['removeDossierStatusMapping'], true);
    const again = await hub.graphql('mutation { removeDossierStatusMapping(vendor: "vnpt-igate", vendorCode: "10") }', { token: tokens['operator']! });
    assert.equal(again.body.data?.['removeDossierStatusMapping'], false);
    for (const [vendor, vendorCode] of [
      ['VNPT IGATE', '1'],
      ['vnpt-igate', 'a b'],
      ['vnpt-igate', 'x'.repeat(41)],
    ]) {
      const bad = await hub.graphql('mutation($v: String!, $c: String!) { setDossierStatusMapping(vendor: $v, vendorCode: $c, status: DONE) { vendor } }', {
        token: tokens['operator']!,
        variables: { v: vendor, c: vendorCode },
      });
      assert.equal(bad.body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT', `${vendor} ${vendorCode}`);
    }
    for (const who of ['citizen', 'agency', 'partner']) {
      const refused = await hub.graphql('mutation { setDossierStatusMapping(vendor: "opencps", vendorCode: "x", status: DONE) { vendor } }', { token: tokens[who]! });
      assert.equal(refused.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN', who);
    }
  });

  test('bad records are refused with their line, code and field; nothing of them is written', async () => {
    const dossiersBefore = await db.dossier.count();
    const { result } = await feed([
      record(`${STP}-261201-0510`, [
        ['new', '08:00'],
        ['done', '09:00'],
      ]),
      record(`${STP}-261201-0511`, [['done', '08:00']]),
      { ...record(`${STP}-261201-0512`, [['new', '08:00']]), procedureCode: '9.999999.H29' },
      record(`${STP}-261201-0513`, [['new', '08:00', { agencyCode: '999.99.99.H99' }]]),
      record('000.00.12.H29-261301-0001', [['new', '08:00']]),
      { ...record(`${STP}-261201-0514`, [['new', '08:00']]), ownerPhoneLast4: '0901234567' },
      { ...record(`${STP}-261201-0515`, [['new', '08:00']]), receiptPin: '12345' },
      { ...record(`${STP}-261201-0516`, [['new', '08:00']]), events: [] },
      {
        ...record(`${STP}-261201-0517`, [
          ['new', '08:00'],
          ['receiving', '09:00'],
        ]),
        events: [
          { id: 'same', status: 'new', occurredAt: '2026-12-01T08:00:00+07:00' },
          { id: 'same', status: 'receiving', occurredAt: '2026-12-01T09:00:00+07:00' },
        ],
      },
      { ...record(`${STP}-261201-0518`, [['new', '08:00']]), receivedAt: '2028-06-01T08:00:00+07:00' },
      { ...record(`${STP}-261201-0501`, [['processing', '11:00']]), procedureCode: '2.000635.H29' },
    ]);
    assert.equal(result.accepted.length, 0, JSON.stringify(result.accepted));
    assert.deepEqual(
      result.refused.map((entry) => [entry.line, entry.errorCode, entry.field]),
      [
        [1, 'ILLEGAL_TRANSITION', null],
        [2, 'ILLEGAL_TRANSITION', null],
        [3, 'BAD_USER_INPUT', 'procedureCode'],
        [4, 'BAD_USER_INPUT', 'events.agencyCode'],
        [5, 'BAD_USER_INPUT', 'code'],
        [6, 'BAD_USER_INPUT', 'ownerPhoneLast4'],
        [7, 'BAD_USER_INPUT', 'receiptPin'],
        [8, 'BAD_USER_INPUT', 'events'],
        [9, 'BAD_USER_INPUT', 'events.id'],
        [10, 'BAD_USER_INPUT', 'dueAt'],
        [11, 'BAD_USER_INPUT', 'procedureCode'],
      ],
    );
    assert.equal(await db.dossier.count(), dossiersBefore, 'no dossier half-created');
    assert.doesNotMatch(JSON.stringify(result), /0901234567/, 'the phone is never echoed');
  });

  test('only agency clients feed: citizens, partners and a client without agency codes are refused; too many records too', async () => {
    for (const who of ['citizen', 'partner', 'noAgencies']) {
      const { body } = await feed([record(`${STP}-261201-0520`, [['new', '08:00']])], who);
      assert.equal(body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN', who);
    }
    const many = Array.from({ length: 21 }, (_, index) => record(`${STP}-261201-06${String(index).padStart(2, '0')}`, [['new', '08:00']]));
    assert.equal((await feed(many)).body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    assert.equal(await statusOf(`${STP}-261201-0600`), undefined);
  });

  test('a back-fill of new dossiers goes in together, each exactly as if sent alone: timeline, status, events, statistics, tracking', async () => {
    const code = (n: number) => `${STP}-261129-${String(n).padStart(4, '0')}`;
    const day = { receivedAt: '2026-11-29T08:00:00+07:00' };
    const shuffled = (n: number): [string, string, Record<string, unknown>?][] => [
      ['processing', '10:00'],
      ['receiving', '09:00', { stepName: 'Tiếp nhận' }],
      ['waiting', '11:00', { note: 'Bổ sung bản sao' }],
      ['new', '08:00'],
      ...(n === 3 ? ([['waiting', '12:00', { apologyNewDueAt: '2026-12-20T17:00:00+07:00' }]] as [string, string, Record<string, unknown>][]) : []),
    ];
    const lines = [
      ...[1, 2, 3, 4, 5, 6].map((n) => record(code(n), shuffled(n), day)),
      record(
        code(7),
        [
          ['new', '08:00'],
          ['releasing', '09:00'],
        ],
        day,
      ),
      record(code(1), [['processing', '13:00']], day),
      record(undefined, [['receiving', '08:00']], { ...NO_CODE, receiptPin: null, ownerSubject: DEMO_ACCOUNTS[0]!.sub }),
      record(code(10), [['new', '08:00']], { ...day, procedureCode: '9.999999.H29' }),
    ].map((line) => JSON.stringify(line));
    const { status, body } = await bulk(lines.join('\n'));
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(
      body.accepted.map((entry) => [entry.line, entry.created, entry.recorded]),
      [
        [1, true, 4],
        [2, true, 4],
        [3, true, 5],
        [4, true, 4],
        [5, true, 4],
        [6, true, 4],
        [8, false, 1],
        [9, true, 1],
      ],
    );
    assert.deepEqual(
      body.refused.map((entry) => [entry.line, entry.errorCode, entry.field]),
      [
        [7, 'ILLEGAL_TRANSITION', null],
        [10, 'BAD_USER_INPUT', 'procedureCode'],
      ],
    );
    assert.match(body.accepted[7]!.receiptPin ?? '', /^\d{6}$/, 'a record sent without a PIN gets one, once');
    assert.equal(await statusOf(code(7)), undefined, 'nothing of a refused record');
    assert.equal(await statusOf(code(10)), undefined);

    // Each timeline is a chain in time order, and the row says what its latest entry says.
    for (const n of [1, 2, 3]) {
      const timeline = await db.dossierEvent.findMany({ where: { dossier: { code: code(n) } }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
      assert.deepEqual(
        timeline.map((entry) => [entry.fromStatus, entry.toStatus, entry.kind]),
        [
          [null, 'NEW', 'RECEIVED'],
          ['NEW', 'RECEIVING', 'STATUS_CHANGED'],
          ['RECEIVING', 'PROCESSING', 'STATUS_CHANGED'],
          ['PROCESSING', 'WAITING_SUPPLEMENT', 'SUPPLEMENT_REQUESTED'],
          ...(n === 1 ? [['WAITING_SUPPLEMENT', 'PROCESSING', 'SUPPLEMENT_SUPPLIED']] : []),
          ...(n === 3 ? [['WAITING_SUPPLEMENT', 'WAITING_SUPPLEMENT', 'LATE_APOLOGY']] : []),
        ],
        code(n),
      );
    }
    const second = await db.dossier.findUnique({ where: { code: code(2) } });
    assert.equal(second?.status, 'WAITING_SUPPLEMENT');
    assert.equal(second?.supplementRequest, 'Bổ sung bản sao');
    assert.equal(second?.statusAt.toISOString(), '2026-12-01T04:00:00.000Z', 'when the latest status was reached');
    assert.equal((await db.dossier.findUnique({ where: { code: code(3) } }))?.rescheduledDueAt?.toISOString(), '2026-12-20T10:00:00.000Z');
    assert.equal(await statusOf(code(1)), 'PROCESSING', 'the later line for the same dossier landed after the first');

    // The outbox carries one event per status change, as recording the entries one by one writes them.
    const outbox = (dossierCode: string) =>
      db.$queryRaw<{ topic: string; from: string | null; to: string | null }[]>`
        SELECT "topic", "payload"->>'from' AS "from", "payload"->>'to' AS "to" FROM "outbox" WHERE "payload"->>'code' = ${dossierCode} ORDER BY "id"`;
    const changed = 'dossier.status-changed';
    assert.deepEqual(await outbox(code(2)), [
      { topic: changed, from: null, to: 'NEW' },
      { topic: changed, from: 'NEW', to: 'RECEIVING' },
      { topic: changed, from: 'RECEIVING', to: 'PROCESSING' },
      { topic: changed, from: 'PROCESSING', to: 'WAITING_SUPPLEMENT' },
      { topic: 'dossier.supplement-requested', from: null, to: null },
    ]);
    assert.deepEqual((await outbox(code(3))).at(-1), { topic: 'dossier.late-apology', from: null, to: null });

    // The published statistics count them (the rollup's trigger fires for rows written together).
    const [stats] = await db.$queryRaw<{ received: number }[]>`SELECT "received" FROM "dossier_stats_daily" WHERE "agency_code" = ${STP} AND "day" = '2026-11-29'::date`;
    assert.equal(stats?.received, 6);
    // Anyone tracks them by code and PIN.
    const tracked = (await track(code(4), '246810')).data?.['dossierLookup'] as { status: string; steps: { status: string }[] };
    assert.equal(tracked.status, 'WAITING_SUPPLEMENT');
    assert.deepEqual(
      tracked.steps.map((step) => step.status),
      ['NEW', 'RECEIVING', 'PROCESSING', 'WAITING_SUPPLEMENT'],
    );

    // The owner of the dossier sent without a code hears of it in their inbox, through the event bus.
    const made = body.accepted[7]!.code;
    const citizen = await keyed.token({ sub: DEMO_ACCOUNTS[0]!.sub, roles: ['citizen'] });
    let heard: { kind: string; body: string }[] = [];
    for (let waited = 0; waited < 15_000 && heard.length === 0; waited += 200) {
      const inbox = await hub.graphql('{ me { notifications { kind link body } } }', { token: citizen });
      heard = ((inbox.body.data?.['me'] as { notifications: { kind: string; link: string | null; body: string }[] }).notifications ?? []).filter((message) => message.link === made);
      if (heard.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.deepEqual(
      heard.map((message) => message.kind),
      ['DOSSIER_STATUS_CHANGED'],
    );
    assert.ok(heard[0]!.body.includes('Đang tiếp nhận'), 'the status in Vietnamese');

    // The same file again: nothing new anywhere.
    const outboxRows = await db.outbox.count();
    const again = await bulk(lines.join('\n'));
    assert.deepEqual(
      again.body.accepted.map((entry) => [entry.line, entry.created, entry.recorded]),
      [
        [1, false, 0],
        [2, false, 0],
        [3, false, 0],
        [4, false, 0],
        [5, false, 0],
        [6, false, 0],
        [8, false, 0],
        [9, false, 0],
      ],
    );
    assert.equal(await db.outbox.count(), outboxRows);
  });

  test('NDJSON back-fill: line by line, bad lines refused by number, the rest in; the route checks type, size and who sends', async () => {
    const lines = [
      JSON.stringify(record(`${STP}-261130-0001`, [['receiving', '08:00']], { receivedAt: '2026-11-30T08:00:00+07:00' })),
      '{ not json',
      '',
      JSON.stringify({ ...record(undefined, [['receiving', '08:00']]), agencyCode: '000.01.01.H29' }),
      JSON.stringify(record(`${STP}-261130-0002`, [['cho-duyet', '08:00']])),
      '[1, 2]',
      JSON.stringify(record(`${STP}-261130-0003`, [['new', '08:00']])),
    ];
    const { status, body } = await bulk(lines.join('\n'));
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(
      body.accepted.map((entry) => [entry.line, entry.code]),
      [
        [1, `${STP}-261130-0001`],
        [7, `${STP}-261130-0003`],
      ],
    );
    assert.deepEqual(
      body.refused.map((entry) => [entry.line, entry.errorCode]),
      [
        [2, 'BAD_USER_INPUT'],
        [4, 'FORBIDDEN'],
        [5, 'UNMAPPED_STATUS'],
        [6, 'BAD_USER_INPUT'],
      ],
    );
    // The same file again: nothing new.
    const again = await bulk(lines.join('\n'));
    assert.deepEqual(
      again.body.accepted.map((entry) => [entry.line, entry.created, entry.recorded, entry.duplicates]),
      [
        [1, false, 0, 1],
        [7, false, 0, 1],
      ],
    );
    assert.equal((await bulk(lines[0]!, 'agency', 'application/json')).status, 415);
    assert.equal((await bulk('x'.repeat(MAX_BYTES + 1))).status, 413);
    assert.equal((await bulk(lines[0]!, null)).status, 401);
    const citizen = await bulk(lines[0]!, 'citizen');
    assert.equal(citizen.status, 403);
    assert.equal(citizen.body.errors?.[0]?.extensions.code, 'FORBIDDEN');
  });
});
