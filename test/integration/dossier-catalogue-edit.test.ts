// Catalogue editors keep the procedure catalogue and the FAQ through the gateway (issue #13): an edit is
// searchable and answered at once, on this replica and (within the refresh interval) on another; each
// edit is in the history with who (an account id, nothing more), when and what changed, for editors
// and 1022 operators only. Nobody else may edit; stale revisions, taken codes, malformed codes,
// unknown agencies or procedures, out-of-range values and reversed validity dates are refused with a
// coded error and nothing written.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { CatalogueIndex } from '../../subgraphs/dossier/catalogue/catalogue-index.ts';
import type { PrismaClient } from '../../subgraphs/dossier/prisma/generated/client.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const editorAccount = DEMO_ACCOUNTS.find((account) => account.roles.includes('catalogue-editor'))!;
const operatorAccount = DEMO_ACCOUNTS.find((account) => account.roles.includes('operator'))!;
const citizenAccount = DEMO_ACCOUNTS[0]!;

const PROCEDURE = 'code name field processingDays feeVnd fees { description amountVnd } steps requiredDocuments revision agency { code }';
const CREATE_PROCEDURE = `mutation($input: ProcedureInput!) { createProcedure(input: $input) { ${PROCEDURE} } }`;
const UPDATE_PROCEDURE = `mutation($code: String!, $input: ProcedureChanges!, $expectedRevision: Int) { updateProcedure(code: $code, input: $input, expectedRevision: $expectedRevision) { ${PROCEDURE} } }`;
const FAQ = 'code question answer sources field validFrom validUntil valid revision procedures { code } agency { code }';
const CREATE_FAQ = `mutation($input: FaqEntryInput!) { createFaqEntry(input: $input) { ${FAQ} } }`;
const UPDATE_FAQ = `mutation($code: String!, $input: FaqEntryChanges!, $expectedRevision: Int) { updateFaqEntry(code: $code, input: $input, expectedRevision: $expectedRevision) { ${FAQ} } }`;
const HISTORY = 'query($code: String!) { procedure(code: $code) { revision history { entity code revision action actorId at changes { field before after } } } }';
const CHANGES =
  'query($entity: CatalogueEntity, $code: String) { catalogueChanges(entity: $entity, code: $code, first: 200) { entity code revision action actorId at changes { field before after } } }';
const ANSWER = 'query($question: String!) { answer(question: $question) { known items { title text procedure { code } faqEntry { code } } } }';

interface Change {
  entity: string;
  code: string;
  revision: number;
  action: string;
  actorId: string;
  at: string;
  changes: { field: string; before: string | null; after: string | null }[];
}

const NEW_PROCEDURE = {
  code: '1.099001.H29',
  name: 'Cấp giấy phép tổ chức chợ phiên cuối tuần trên phố đi bộ',
  field: 'Lưu thông hàng hóa trong nước',
  agencyCode: '000.01.03.H29',
  onlineLevel: 'FULL',
  processingDays: 5,
  feeVnd: 0,
  requiredDocuments: ['Đơn đề nghị tổ chức chợ phiên', 'Sơ đồ bố trí gian hàng'],
  legalBasis: 'Nghị định 60/2024/NĐ-CP',
  steps: ['Nộp hồ sơ trực tuyến', 'Ủy ban nhân dân phường xem xét', 'Trả kết quả'],
};

const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['code'];
const reasonOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['reason'];
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('catalogue edits', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  const tokens: Record<string, string> = {};

  async function as(who: string, query: string, variables: Record<string, unknown>) {
    return (await hub.graphql(query, { ...(who === 'anonymous' ? {} : { token: tokens[who]! }), variables })).body;
  }
  async function ok<T>(who: string, query: string, variables: Record<string, unknown>, field: string): Promise<T> {
    const body = await as(who, query, variables);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.[field] as T;
  }
  async function history(code: string): Promise<Change[]> {
    return (await ok<{ history: Change[] }>('operator', HISTORY, { code }, 'procedure')).history;
  }
  async function changeCount(): Promise<number> {
    return (await ok<Change[]>('editor', CHANGES, {}, 'catalogueChanges')).length;
  }

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
    tokens['editor'] = await keyed.token({ sub: editorAccount.sub, roles: ['catalogue-editor'], unit: editorAccount.unit });
    tokens['operator'] = await keyed.token({ sub: operatorAccount.sub, roles: ['operator'], unit: operatorAccount.unit });
    tokens['citizen'] = await keyed.token({ sub: citizenAccount.sub });
    tokens['leader'] = await keyed.token({ sub: DEMO_ACCOUNTS.find((account) => account.roles.includes('leader'))!.sub, roles: ['leader'] });
    tokens['partner'] = await keyed.token({ sub: 'service-account-city-app', roles: ['partner'], azp: 'city-app', scope: 'dossier:read planning:read feedback:read' });
  });
  after(() => keyed?.close());

  test('only catalogue editors may edit; nothing is written for anyone else', async () => {
    const before = await changeCount();
    for (const who of ['anonymous', 'citizen', 'operator', 'leader', 'partner']) {
      const created = await as(who, CREATE_PROCEDURE, { input: { ...NEW_PROCEDURE, code: '1.099009.H29' } });
      assert.equal(codeOf(created), who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN', who);
      assert.equal(codeOf(await as(who, UPDATE_PROCEDURE, { code: '1.001193.H29', input: { processingDays: 9 } })), who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN', who);
      assert.equal(
        codeOf(await as(who, CREATE_FAQ, { input: { question: 'Câu hỏi thử?', answer: 'Một câu trả lời thử.', sources: ['x'] } })),
        who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
        who,
      );
    }
    assert.equal(await changeCount(), before, 'no history row');
    const still = await ok<{ processingDays: number } | null>('anonymous', '{ procedure(code: "1.001193.H29") { processingDays } }', {}, 'procedure');
    assert.equal(still?.processingDays, 1);
    assert.equal(await ok('anonymous', '{ procedure(code: "1.099009.H29") { code } }', {}, 'procedure'), null);
    // The history is for editors and operators only, on every path to it.
    assert.equal(codeOf(await as('citizen', CHANGES, {})), 'FORBIDDEN');
    assert.equal(codeOf(await as('citizen', HISTORY, { code: '1.001193.H29' })), 'FORBIDDEN');
    assert.equal(codeOf(await as('anonymous', HISTORY, { code: '1.001193.H29' })), 'UNAUTHENTICATED');
  });

  test('a new procedure is searchable and answered at once, and its creation is in the history', async () => {
    const created = await ok<{ code: string; revision: number; fees: unknown[] }>('editor', CREATE_PROCEDURE, { input: NEW_PROCEDURE }, 'createProcedure');
    assert.equal(created.revision, 1);
    assert.deepEqual(created.fees, []);
    const found = await ok<{ code: string }[]>('anonymous', 'query($search: String) { procedures(search: $search, first: 3) { code } }', { search: 'cho phien cuoi tuan' }, 'procedures');
    assert.equal(found[0]?.code, NEW_PROCEDURE.code);
    const reply = await ok<{ known: boolean; items: { procedure: { code: string } | null }[] }>('anonymous', ANSWER, { question: 'xin phép tổ chức chợ phiên ở phố đi bộ' }, 'answer');
    assert.equal(reply.items[0]?.procedure?.code, NEW_PROCEDURE.code);

    const [creation] = await history(NEW_PROCEDURE.code);
    assert.ok(creation);
    assert.equal(creation.action, 'CREATED');
    assert.equal(creation.revision, 1);
    assert.equal(creation.actorId, editorAccount.sub);
    assert.ok(Math.abs(Date.parse(creation.at) - Date.now()) < 60_000);
    assert.deepEqual(
      creation.changes.find((change) => change.field === 'name'),
      { field: 'name', before: null, after: JSON.stringify(NEW_PROCEDURE.name) },
    );
    // Who, as an account id only: no name, e-mail or phone of the editor anywhere in the history.
    const all = JSON.stringify(await ok('operator', CHANGES, {}, 'catalogueChanges'));
    for (const personal of [editorAccount.name, editorAccount.email, editorAccount.phone, editorAccount.cccd]) assert.ok(!all.includes(personal), 'no personal data');
  });

  test('an update changes only what is given, bumps the revision, and shows in answers and the history', async () => {
    const updated = await ok<{ processingDays: number; feeVnd: number; fees: unknown[]; revision: number; name: string }>(
      'editor',
      UPDATE_PROCEDURE,
      { code: '1.009994.H29', input: { processingDays: 12, fees: [{ description: 'Lệ phí cấp giấy phép xây dựng', amountVnd: 75000 }] }, expectedRevision: 1 },
      'updateProcedure',
    );
    assert.equal(updated.processingDays, 12);
    assert.equal(updated.feeVnd, 75000, 'untouched');
    assert.equal(updated.revision, 2);
    assert.equal(updated.name, 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ');
    const [, change] = [undefined, ...(await history('1.009994.H29'))];
    assert.ok(change);
    assert.equal(change.action, 'UPDATED');
    assert.equal(change.revision, 2);
    assert.deepEqual(change.changes, [{ field: 'processingDays', before: '15', after: '12' }], 'the same fee items are no change');
    const reply = await ok<{ items: { text: string; procedure: { code: string } | null }[] }>('anonymous', ANSWER, { question: '1.009994.H29' }, 'answer');
    assert.match(reply.items[0]?.text ?? '', /12 ngày làm việc/);

    const same = await ok<{ revision: number }>('editor', UPDATE_PROCEDURE, { code: '1.009994.H29', input: { processingDays: 12 } }, 'updateProcedure');
    assert.equal(same.revision, 2, 'nothing changed: no new revision');
    assert.equal((await history('1.009994.H29')).length, 1);
  });

  test('a stale revision, a taken code, and malformed or unknown input are refused and nothing is written', async () => {
    const before = await changeCount();
    const stale = await as('editor', UPDATE_PROCEDURE, { code: '1.009994.H29', input: { processingDays: 30 }, expectedRevision: 1 });
    assert.equal(codeOf(stale), 'REVISION_CONFLICT');
    assert.equal(stale.errors?.[0]?.extensions?.['currentRevision'], 2);
    assert.equal(codeOf(await as('editor', CREATE_PROCEDURE, { input: { ...NEW_PROCEDURE, name: 'Một thủ tục khác cùng mã' } })), 'ALREADY_EXISTS');
    assert.equal(codeOf(await as('editor', UPDATE_PROCEDURE, { code: '9.999999.H29', input: { processingDays: 3 } })), 'NOT_FOUND');
    const refusals: [string, Record<string, unknown>, string, string][] = [
      [CREATE_PROCEDURE, { input: { ...NEW_PROCEDURE, code: '1.99.H29' } }, 'code', 'INVALID_CODE'],
      [CREATE_PROCEDURE, { input: { ...NEW_PROCEDURE, code: '1.099002.H29', agencyCode: 'NO-SUCH-AGENCY' } }, 'agencyCode', 'UNKNOWN_AGENCY'],
      [CREATE_PROCEDURE, { input: { ...NEW_PROCEDURE, code: '1.099002.H29', processingDays: -1 } }, 'processingDays', 'OUT_OF_RANGE'],
      [CREATE_PROCEDURE, { input: { ...NEW_PROCEDURE, code: '1.099002.H29', name: '   ' } }, 'name', 'EMPTY'],
      [CREATE_PROCEDURE, { input: { ...NEW_PROCEDURE, code: '1.099002.H29', requiredDocuments: Array.from({ length: 51 }, (_, index) => `Giấy tờ ${index}`) } }, 'requiredDocuments', 'TOO_MANY'],
      [UPDATE_PROCEDURE, { code: 'abc', input: { processingDays: 3 } }, 'code', 'INVALID_CODE'],
      [UPDATE_PROCEDURE, { code: '1.009994.H29', input: { feeVnd: 2_000_000_000 } }, 'feeVnd', 'OUT_OF_RANGE'],
      [UPDATE_PROCEDURE, { code: '1.009994.H29', input: { name: 'x'.repeat(501) } }, 'name', 'TOO_LONG'],
      [UPDATE_PROCEDURE, { code: '1.009994.H29', input: { processingDays: 3 }, expectedRevision: 0 }, 'expectedRevision', 'OUT_OF_RANGE'],
    ];
    for (const [query, variables, field, reason] of refusals) {
      const body = await as('editor', query, variables);
      assert.equal(codeOf(body), 'BAD_USER_INPUT', `${field} ${reason}: ${JSON.stringify(body.errors)}`);
      assert.equal(body.errors?.[0]?.extensions?.['field'], field);
      assert.equal(reasonOf(body), reason);
    }
    assert.equal(await changeCount(), before, 'no history row');
    assert.equal(await ok('anonymous', '{ procedure(code: "1.099002.H29") { code } }', {}, 'procedure'), null);
    assert.equal((await ok<{ processingDays: number }>('anonymous', '{ procedure(code: "1.009994.H29") { processingDays } }', {}, 'procedure')).processingDays, 12);
  });

  test('an FAQ entry: created with the next code, answered while valid, withdrawn by its validity, with history', async () => {
    const input = {
      question: 'Đăng ký chợ phiên cuối tuần trên phố đi bộ cần chuẩn bị gì?',
      answer: 'Chuẩn bị đơn đề nghị và sơ đồ bố trí gian hàng, nộp trực tuyến cho Ủy ban nhân dân phường Bến Thành.',
      sources: ['Thủ tục 1.099001.H29'],
      agencyCode: '000.01.03.H29',
      field: 'Lưu thông hàng hóa trong nước',
      procedureCodes: [NEW_PROCEDURE.code],
    };
    const created = await ok<{ code: string; valid: boolean; revision: number; procedures: { code: string }[]; validUntil: string | null }>('editor', CREATE_FAQ, { input }, 'createFaqEntry');
    assert.match(created.code, /^HD-1\d{3}$/, 'the numbering continues after the demo entries');
    assert.equal(created.valid, true);
    assert.deepEqual(created.procedures, [{ code: NEW_PROCEDURE.code }]);
    const asked = async () => (await ok<{ items: { faqEntry: { code: string } | null }[] }>('anonymous', ANSWER, { question: 'chợ phiên phố đi bộ cần chuẩn bị gì' }, 'answer')).items;
    assert.ok((await asked()).some((item) => item.faqEntry?.code === created.code));

    // Reversed validity dates are refused, on creation and on update (checked against the stored dates).
    const reversed = await as('editor', CREATE_FAQ, { input: { ...input, validFrom: inDays(10), validUntil: inDays(1) } });
    assert.equal(codeOf(reversed), 'BAD_USER_INPUT');
    assert.equal(reasonOf(reversed), 'VALIDITY_REVERSED');
    const before = await ok<{ validFrom: string }>('editor', `query($code: String!) { faqEntry(code: $code) { validFrom } }`, { code: created.code }, 'faqEntry');
    const reversedUpdate = await as('editor', UPDATE_FAQ, { code: created.code, input: { validUntil: new Date(Date.parse(before.validFrom) - 86_400_000).toISOString() } });
    assert.equal(reasonOf(reversedUpdate), 'VALIDITY_REVERSED');
    for (const [variables, field, reason] of [
      [{ input: { ...input, procedureCodes: ['9.999999.H29'] } }, 'procedureCodes', 'UNKNOWN_PROCEDURE'],
      [{ input: { ...input, procedureCodes: ['khai sinh'] } }, 'procedureCodes[0]', 'INVALID_CODE'],
      [{ input: { ...input, sources: [] } }, 'sources', 'EMPTY'],
      [{ input: { ...input, agencyCode: 'NO-SUCH-AGENCY' } }, 'agencyCode', 'UNKNOWN_AGENCY'],
    ] as const) {
      const body = await as('editor', CREATE_FAQ, variables);
      assert.equal(body.errors?.[0]?.extensions?.['field'], field, JSON.stringify(body.errors));
      assert.equal(reasonOf(body), reason);
    }
    assert.equal(codeOf(await as('editor', UPDATE_FAQ, { code: 'HD-9999', input: { answer: 'Một câu trả lời khác hẳn.' } })), 'NOT_FOUND');

    // Withdrawn: valid until a moment ago. The public no longer gets it; staff still see it.
    await sleep(5);
    const withdrawn = await ok<{ valid: boolean; revision: number }>(
      'editor',
      UPDATE_FAQ,
      { code: created.code, input: { validUntil: new Date().toISOString() }, expectedRevision: 1 },
      'updateFaqEntry',
    );
    assert.equal(withdrawn.valid, false);
    assert.equal(withdrawn.revision, 2);
    assert.ok(!(await asked()).some((item) => item.faqEntry?.code === created.code));
    assert.equal(await ok('anonymous', `query($code: String!) { faqEntry(code: $code) { code } }`, { code: created.code }, 'faqEntry'), null);
    const changes = await ok<Change[]>('operator', CHANGES, { entity: 'FAQ', code: created.code }, 'catalogueChanges');
    assert.deepEqual(
      changes.map((change) => [change.action, change.revision]),
      [
        ['UPDATED', 2],
        ['CREATED', 1],
      ],
      'newest first',
    );
    assert.deepEqual(
      changes[0]?.changes.map((change) => [change.field, change.before]),
      [['validUntil', null]],
    );
    // Cleared again with null: valid once more.
    const back = await ok<{ valid: boolean; validUntil: string | null }>('editor', UPDATE_FAQ, { code: created.code, input: { validUntil: null } }, 'updateFaqEntry');
    assert.deepEqual(back, { ...back, valid: true, validUntil: null });
  });

  test('another replica picks up an edit within its refresh interval', async () => {
    const dossier = hub.subgraphs['dossier'];
    assert.ok(dossier);
    // A second index over the same database, as a second dossier replica would hold.
    const options = { refreshMs: 200, logger: pino({ level: 'silent' }) };
    const replica = new CatalogueIndex(dossier.db as unknown as PrismaClient, options);
    // A running replica's index, refreshed by its background timer: its requests never read the revision
    // themselves, so without the timer it would keep answering from the index it had before the edit.
    const running = new CatalogueIndex(dossier.db as unknown as PrismaClient, options);
    const stop = running.keepFresh();
    try {
      const search = async (index: CatalogueIndex) => (await index.snapshot()).index.search('giấy phép tổ chức lễ hội đường phố', { limit: 1, minConfidence: 0.4, now: new Date() })[0]?.document.code;
      assert.notEqual(await search(replica), NEW_PROCEDURE.code);
      assert.notEqual(await search(running), NEW_PROCEDURE.code);
      await ok('editor', UPDATE_PROCEDURE, { code: NEW_PROCEDURE.code, input: { name: 'Cấp giấy phép tổ chức lễ hội đường phố cuối tuần' } }, 'updateProcedure');
      await sleep(300);
      assert.equal(await search(replica), NEW_PROCEDURE.code);
      assert.equal(await search(running), NEW_PROCEDURE.code, 'the background refresh picked the edit up');
    } finally {
      await stop();
    }
  });
});
