// Intake through the gateway: idempotency keys (retries, concurrent duplicates, a reused key), an
// operator recording a phone or SMS item with the caller's contact (seen by staff only), routing rules
// edited by operators, and the /api/<subgraph>/… forwarding the channels' REST routes ride on.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Hub } from '../../testing/hub.ts';
import { feedbackCastTokens, startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const SUBMIT = 'mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code status channel unit { code } } }';
const RECORD = 'mutation($input: RecordFeedbackInput!) { recordFeedback(input: $input) { code status channel unit { code } } }';
const STAFF_VIEW = 'query($code: String!) { feedbackItem(code: $code) { code channel isAnonymous reporter { name phone email address } history { action note } } }';
// At Bến Thành market: ward P-BEN-THANH, whose committee handles pavement encroachment.
const AT_BEN_THANH = { lat: 10.7725, lng: 106.698 };
const REPORT = { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm vỉa hè', content: 'Quán nước bày bàn ghế kín vỉa hè đường Lê Lợi.', ...AT_BEN_THANH };

describe('feedback intake', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  const tokens: Record<string, string> = {};

  async function countItems(): Promise<number> {
    const { body } = await hub.graphql('query($from: DateTime!, $to: DateTime!) { feedbackCounts(by: STATUS, from: $from, to: $to) { count } }', {
      token: tokens['leader']!,
      variables: { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() },
    });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return (body.data?.['feedbackCounts'] as { count: number }[]).reduce((sum, row) => sum + row.count, 0);
  }

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
    Object.assign(tokens, await feedbackCastTokens(keyed));
  });
  after(() => keyed?.close());

  test('a retry with the same idempotency key returns the same item and creates nothing', async () => {
    const input = { ...REPORT, idempotencyKey: randomUUID() };
    const first = await hub.graphql(SUBMIT, { token: tokens['an']!, variables: { input } });
    assert.equal(first.body.errors, undefined, JSON.stringify(first.body.errors));
    const before = await countItems();
    const retry = await hub.graphql(SUBMIT, { token: tokens['an']!, variables: { input } });
    assert.deepEqual(retry.body.data, first.body.data, 'the same item, code and all');
    assert.equal(await countItems(), before, 'nothing new');
    // Another citizen's identical key is theirs alone: a new item.
    const other = await hub.graphql(SUBMIT, { token: tokens['cuong']!, variables: { input } });
    assert.notEqual((other.body.data?.['submitFeedback'] as { code: string }).code, (first.body.data?.['submitFeedback'] as { code: string }).code);
  });

  test('a double submission sent at once (same key) makes one item; both answers carry it', async () => {
    const input = { ...REPORT, idempotencyKey: `double-${randomUUID()}` };
    const before = await countItems();
    const answers = await Promise.all([1, 2, 3].map(() => hub.graphql(SUBMIT, { token: tokens['an']!, variables: { input } })));
    const codes = answers.map((answer) => {
      assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));
      return (answer.body.data?.['submitFeedback'] as { code: string }).code;
    });
    assert.equal(new Set(codes).size, 1, `one code: ${codes.join(', ')}`);
    assert.equal(await countItems(), before + 1);
  });

  test('a key reused for a different submission is IDEMPOTENCY_KEY_REUSED, and nothing is written', async () => {
    const idempotencyKey = randomUUID();
    await hub.graphql(SUBMIT, { token: tokens['an']!, variables: { input: { ...REPORT, idempotencyKey } } });
    const before = await countItems();
    const { body } = await hub.graphql(SUBMIT, { token: tokens['an']!, variables: { input: { ...REPORT, content: `${REPORT.content} Thêm chi tiết.`, idempotencyKey } } });
    assert.equal(body.data, null);
    assert.equal(body.errors?.[0]?.extensions?.['code'], 'IDEMPOTENCY_KEY_REUSED');
    assert.equal(await countItems(), before);
  });

  test('bad idempotency keys are BAD_USER_INPUT naming the field', async () => {
    for (const idempotencyKey of ['', 'x'.repeat(256), 'khóa có dấu', 'with space']) {
      const { body } = await hub.graphql(SUBMIT, { token: tokens['an']!, variables: { input: { ...REPORT, idempotencyKey } } });
      assert.equal(body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT', idempotencyKey);
      assert.equal(body.errors?.[0]?.extensions?.['field'], 'idempotencyKey');
    }
  });

  test("an operator records a phone call with the caller's contact; staff see it as the rules say, the public never", async () => {
    const contact = { name: 'Trần Thị Mai', phone: '0903 123 456', address: '12 Lê Lợi, phường Bến Thành' };
    const { body } = await hub.graphql(RECORD, { token: tokens['operator']!, variables: { input: { ...REPORT, channel: 'PHONE', reporter: contact } } });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const item = body.data?.['recordFeedback'] as { code: string; status: string; channel: string; unit: { code: string } };
    assert.deepEqual([item.status, item.channel, item.unit.code], ['ROUTED', 'PHONE', 'UBND-P-BEN-THANH']);

    const asOperator = await hub.graphql(STAFF_VIEW, { token: tokens['operator']!, variables: { code: item.code } });
    const seen = asOperator.body.data?.['feedbackItem'] as { reporter: Record<string, string | null>; history: { action: string; note: string | null }[] };
    assert.deepEqual(seen.reporter, { name: 'Trần Thị Mai', phone: '0903123456', email: null, address: '12 Lê Lợi, phường Bến Thành' });
    assert.deepEqual(seen.history[0], { action: 'RECORDED', note: 'PHONE' });
    const asUnit = await hub.graphql(STAFF_VIEW, { token: tokens['officer']!, variables: { code: item.code } });
    assert.equal((asUnit.body.data?.['feedbackItem'] as { reporter: { phone: string } }).reporter.phone, '0903123456', 'the handling unit may call back');
    const asOtherUnit = await hub.graphql(STAFF_VIEW, { token: tokens['otherOfficer']!, variables: { code: item.code } });
    assert.equal(asOtherUnit.body.data?.['feedbackItem'], null, "another unit's officer does not see the item");
    const asCitizen = await hub.graphql(STAFF_VIEW, { token: tokens['an']!, variables: { code: item.code } });
    assert.equal(asCitizen.body.data?.['feedbackItem'], null);
    assert.equal(asCitizen.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
    const publicView = await hub.graphql('query($code: String!) { publicFeedbackItem(code: $code) { code content } }', { variables: { code: item.code } });
    const text = JSON.stringify(publicView.body);
    assert.ok(publicView.body.data?.['publicFeedbackItem'], 'the item is public');
    for (const personal of ['Mai', '0903', '123456', 'Lê Lợi, phường']) assert.ok(!text.includes(personal), `public view leaks ${personal}`);
  });

  test("an anonymous caller's contact is hidden from the handling unit but kept for the operators", async () => {
    const { body } = await hub.graphql(RECORD, {
      token: tokens['operator']!,
      variables: { input: { ...REPORT, channel: 'SMS', isAnonymous: true, reporter: { phone: '+84912345678' } } },
    });
    const code = (body.data?.['recordFeedback'] as { code: string }).code;
    const asUnit = await hub.graphql(STAFF_VIEW, { token: tokens['officer']!, variables: { code } });
    assert.equal((asUnit.body.data?.['feedbackItem'] as { reporter: unknown }).reporter, null);
    const asOperator = await hub.graphql(STAFF_VIEW, { token: tokens['operator']!, variables: { code } });
    assert.equal((asOperator.body.data?.['feedbackItem'] as { reporter: { phone: string } }).reporter.phone, '+84912345678');
  });

  test('only operators record items; bad contact details are BAD_USER_INPUT and nothing is written', async () => {
    for (const who of ['an', 'officer', 'leader']) {
      const { body } = await hub.graphql(RECORD, { token: tokens[who]!, variables: { input: { ...REPORT, channel: 'PHONE' } } });
      assert.equal(body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN', who);
    }
    const before = await countItems();
    const bad: [Record<string, string>, string][] = [
      [{ phone: '12345' }, 'reporter.phone'],
      [{ phone: '+1 415 555 0100' }, 'reporter.phone'],
      [{ email: 'not-an-address' }, 'reporter.email'],
      [{ name: '' }, 'reporter.name'],
      [{ address: 'x'.repeat(301) }, 'reporter.address'],
    ];
    for (const [reporter, field] of bad) {
      const { body } = await hub.graphql(RECORD, { token: tokens['operator']!, variables: { input: { ...REPORT, channel: 'PHONE', reporter } } });
      assert.equal(body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT', JSON.stringify(reporter));
      assert.equal(body.errors?.[0]?.extensions?.['field'], field);
    }
    const wrongChannel = await hub.graphql(RECORD, { token: tokens['operator']!, variables: { input: { ...REPORT, channel: 'WEB' } } });
    assert.equal(wrongChannel.body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT', 'only PHONE and SMS are recorded by hand');
    assert.equal(await countItems(), before);
  });

  test('operators edit routing rules; the next submission follows the change', async () => {
    const set = await hub.graphql('mutation { setRoutingRule(categoryCode: "TRAT_TU_DO_THI", wardCode: "P-BEN-THANH", unitCode: "SO-XAY-DUNG") { categoryCode wardCode unit { code } } }', {
      token: tokens['operator']!,
    });
    assert.deepEqual(set.body.data?.['setRoutingRule'], { categoryCode: 'TRAT_TU_DO_THI', wardCode: 'P-BEN-THANH', unit: { code: 'SO-XAY-DUNG' } });
    const routed = await hub.graphql(SUBMIT, { token: tokens['an']!, variables: { input: REPORT } });
    assert.equal((routed.body.data?.['submitFeedback'] as { unit: { code: string } }).unit.code, 'SO-XAY-DUNG');

    const removed = await hub.graphql('mutation { removeRoutingRule(categoryCode: "TRAT_TU_DO_THI", wardCode: "P-BEN-THANH") }', { token: tokens['operator']! });
    assert.equal(removed.body.data?.['removeRoutingRule'], true);
    const again = await hub.graphql('mutation { removeRoutingRule(categoryCode: "TRAT_TU_DO_THI", wardCode: "P-BEN-THANH") }', { token: tokens['operator']! });
    assert.equal(again.body.data?.['removeRoutingRule'], false);
    const rules = await hub.graphql('{ routingRules(categoryCode: "CAP_NUOC") { wardCode unit { code } } }', { token: tokens['operator']! });
    assert.deepEqual(rules.body.data?.['routingRules'], [{ wardCode: null, unit: { code: 'SAWACO' } }]);

    for (const [args, field] of [
      ['categoryCode: "KHONG_CO", unitCode: "SAWACO"', 'categoryCode'],
      ['categoryCode: "CAP_NUOC", wardCode: "P-KHONG-CO", unitCode: "SAWACO"', 'wardCode'],
      ['categoryCode: "CAP_NUOC", unitCode: "KHONG-CO"', 'unitCode'],
    ] as const) {
      const { body } = await hub.graphql(`mutation { setRoutingRule(${args}) { categoryCode } }`, { token: tokens['operator']! });
      assert.equal(body.errors?.[0]?.extensions?.['field'], field, args);
    }
    const citizen = await hub.graphql('mutation { setRoutingRule(categoryCode: "CAP_NUOC", unitCode: "TT-1022") { categoryCode } }', { token: tokens['an']! });
    assert.equal(citizen.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
    const unchanged = await hub.graphql('{ routingRules(categoryCode: "CAP_NUOC") { wardCode unit { code } } }', { token: tokens['operator']! });
    assert.deepEqual(unchanged.body.data?.['routingRules'], [{ wardCode: null, unit: { code: 'SAWACO' } }]);
  });

  test('the demo seed has the 86 units and 625 focal points, every ward committee among them', async () => {
    const { body } = await hub.graphql('{ handlingUnits { code kind wardCode focalPointCount } }');
    const units = body.data?.['handlingUnits'] as { code: string; kind: string; wardCode: string | null; focalPointCount: number }[];
    assert.equal(units.length, 86);
    assert.equal(
      units.reduce((sum, unit) => sum + unit.focalPointCount, 0),
      625,
    );
    assert.ok(
      units.every((unit) => unit.focalPointCount > 0),
      'every unit has someone to answer',
    );
    const benThanh = units.find((unit) => unit.code === 'UBND-P-BEN-THANH');
    assert.deepEqual(benThanh && [benThanh.kind, benThanh.wardCode], ['WARD_COMMITTEE', 'P-BEN-THANH']);
  });

  test('/api/<subgraph>/… is forwarded only to known subgraphs, with the token checked first', async () => {
    const unknown = await fetch(`${hub.gatewayUrl}/api/no-such-subgraph/anything`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'NOT_FOUND');
    const badToken = await fetch(`${hub.gatewayUrl}/api/feedback/anything`, { headers: { authorization: 'Bearer not.a.token' } });
    assert.equal(badToken.status, 401);
    assert.equal(((await badToken.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'UNAUTHENTICATED');
    // Straight to the subgraph, without the gateway's internal token: refused.
    const direct = await fetch(`${hub.subgraphUrls['feedback']!.replace(/\/graphql$/, '')}/api/anything`);
    assert.equal(direct.status, 401);
    assert.equal(((await direct.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'INTERNAL_TOKEN_REQUIRED');
  });
});
