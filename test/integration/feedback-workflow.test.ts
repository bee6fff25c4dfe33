// The 1022 workflow through the gateway: the main path, the side states, who may take each action,
// illegal transitions and bad input — with a history entry for every step and nothing half-written.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addWorkingHours } from '../../subgraphs/kit/calendar/working-hours.ts';
import type { Hub } from '../../testing/hub.ts';
import { feedbackCastTokens, startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const ITEM = 'code status unitCode: unit { code } reopenCount rejectionReason committedAt resultText history { action fromStatus toStatus byReporter note }';

describe('the feedback workflow', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  const tokens: Record<string, string> = {};

  async function act(who: string, code: string, action: string, input?: Record<string, unknown>) {
    return hub.graphql(`mutation($code: String!, $action: FeedbackAction!, $input: FeedbackActionInput) { transitionFeedback(code: $code, action: $action, input: $input) { ${ITEM} } }`, {
      token: tokens[who]!,
      variables: { code, action, input },
    });
  }
  async function ok(who: string, code: string, action: string, input?: Record<string, unknown>) {
    const { body } = await act(who, code, action, input);
    assert.equal(body.errors, undefined, `${who} ${action}: ${JSON.stringify(body.errors)}`);
    return body.data?.['transitionFeedback'] as {
      status: string;
      reopenCount: number;
      history: { action: string; fromStatus: string | null; toStatus: string; byReporter: boolean }[];
      rejectionReason: string | null;
      resultText: string | null;
    };
  }
  async function refused(who: string, code: string, action: string, expected: string, input?: Record<string, unknown>) {
    const { body } = await act(who, code, action, input);
    assert.equal(body.errors?.[0]?.extensions?.['code'], expected, `${who} ${action}: ${JSON.stringify(body)}`);
  }
  async function submit(who: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const { body } = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code status } }', {
      token: tokens[who]!,
      variables: { input: { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm lòng đường', content: 'Xe máy đậu kín lòng đường trước chợ Bến Thành.', lat: 10.7725, lng: 106.698, ...overrides } },
    });
    const item = body.data?.['submitFeedback'] as { code: string; status: string };
    assert.equal(item.status, 'ROUTED');
    return item.code;
  }

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
    Object.assign(tokens, await feedbackCastTokens(keyed));
  });
  after(() => keyed?.close());

  test('main path: routed → in progress → progress reported → resolved → published → closed, each step in the history', async () => {
    const code = await submit('an');
    await ok('officer', code, 'START');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    assert.equal((await ok('officer', code, 'REPORT_PROGRESS', { committedAt: tomorrow })).status, 'PROGRESS_REPORTED');
    assert.equal((await ok('officer', code, 'RESOLVE', { resultText: 'Đã phối hợp công an phường xử lý, lòng đường thông thoáng.' })).status, 'RESOLVED');
    assert.equal((await ok('leader', code, 'PUBLISH')).status, 'PUBLISHED');
    const closed = await ok('an', code, 'CLOSE');
    assert.equal(closed.status, 'CLOSED');
    assert.deepEqual(
      closed.history.map((entry) => `${entry.fromStatus ?? '-'}>${entry.toStatus}`),
      ['->RECEIVED', 'RECEIVED>ROUTED', 'ROUTED>IN_PROGRESS', 'IN_PROGRESS>PROGRESS_REPORTED', 'PROGRESS_REPORTED>RESOLVED', 'RESOLVED>PUBLISHED', 'PUBLISHED>CLOSED'],
    );
    assert.deepEqual(
      closed.history.filter((entry) => entry.byReporter).map((entry) => entry.action),
      ['SUBMITTED', 'CLOSE'],
    );
    const mine = await hub.graphql('query($code: String!) { myFeedback(code: $code) { status history { toStatus } } }', { token: tokens['an']!, variables: { code } });
    assert.equal((mine.body.data?.['myFeedback'] as { history: unknown[] }).history.length, 7, 'the reporter sees the history');
  });

  test('the deadline counts working hours on the civil-service calendar (48 h for this category)', async () => {
    const code = await submit('an');
    const { body } = await hub.graphql('query($code: String!) { myFeedback(code: $code) { receivedAt dueAt overdue category { deadlineHours } } }', { token: tokens['an']!, variables: { code } });
    const item = body.data?.['myFeedback'] as { receivedAt: string; dueAt: string; overdue: boolean; category: { deadlineHours: number } };
    assert.equal(item.category.deadlineHours, 48);
    assert.equal(item.dueAt, addWorkingHours(new Date(item.receivedAt), 48).toISOString());
    assert.ok(new Date(item.dueAt).getTime() - new Date(item.receivedAt).getTime() >= 6 * 86_400_000, '48 working hours span at least six calendar days');
    assert.equal(item.overdue, false);
  });

  test('rating: the reporter rates the unit once, 1–5, only after resolution', async () => {
    const code = await submit('an');
    const rate = (who: string, stars: number, comment?: string) =>
      hub.graphql('mutation($code: String!, $stars: Int!, $comment: String) { rateFeedback(code: $code, stars: $stars, comment: $comment) { stars comment } }', {
        token: tokens[who]!,
        variables: { code, stars, comment },
      });
    assert.equal((await rate('an', 5)).body.errors?.[0]?.extensions?.['code'], 'ILLEGAL_TRANSITION', 'not before resolution');
    await ok('officer', code, 'START');
    await ok('officer', code, 'RESOLVE', { resultText: 'Đã xử lý xong.' });
    assert.equal((await rate('an', 6)).body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    assert.equal((await rate('an', 0)).body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    assert.equal((await rate('cuong', 1)).body.errors?.[0]?.extensions?.['code'], 'NOT_FOUND', 'only the reporter');
    assert.deepEqual((await rate('an', 4, 'Xử lý nhanh, cảm ơn.')).body.data, { rateFeedback: { stars: 4, comment: 'Xử lý nhanh, cảm ơn.' } });
    assert.equal((await rate('an', 1)).body.errors?.[0]?.extensions?.['code'], 'ILLEGAL_TRANSITION', 'once');
    const { body } = await hub.graphql('query($code: String!) { myFeedback(code: $code) { rating { stars } } }', { token: tokens['an']!, variables: { code } });
    assert.deepEqual(body.data, { myFeedback: { rating: { stars: 4 } } });
  });

  test('wrong unit: the officer returns it, the operator re-routes, the new unit takes it', async () => {
    const code = await submit('an');
    const returned = await ok('officer', code, 'RETURN', { reason: 'Thuộc thẩm quyền SAWACO (đường ống nước).' });
    assert.equal(returned.status, 'RETURNED');
    assert.match(returned.rejectionReason ?? '', /SAWACO/);
    await ok('operator', code, 'ROUTE', { unitCode: 'SAWACO' });
    // No longer the officer's unit's item: it answers as a missing one (issue #10: no code oracle).
    await refused('officer', code, 'START', 'NOT_FOUND');
    assert.equal((await ok('otherOfficer', code, 'START')).status, 'IN_PROGRESS');
  });

  test('rejected with a reason, and nothing more can happen to it', async () => {
    const code = await submit('cuong');
    assert.equal((await ok('operator', code, 'REJECT', { reason: 'Nội dung trùng với phản ánh đã tiếp nhận.' })).status, 'REJECTED');
    await refused('officer', code, 'START', 'ILLEGAL_TRANSITION');
    await refused('operator', code, 'ROUTE', 'ILLEGAL_TRANSITION', { unitCode: 'TT-1022' });
  });

  test('the reporter disputes a result: reopened, counted, and back in work', async () => {
    const code = await submit('an');
    await ok('officer', code, 'START');
    await ok('officer', code, 'RESOLVE', { resultText: 'Đã nhắc nhở các hộ kinh doanh.' });
    const reopened = await ok('an', code, 'REOPEN', { reason: 'Tình trạng vẫn tiếp diễn vào buổi tối.' });
    assert.equal(reopened.status, 'REOPENED');
    assert.equal(reopened.reopenCount, 1);
    assert.equal((await ok('officer', code, 'START')).status, 'IN_PROGRESS');
  });

  test('who may act: a citizen cannot resolve, another citizen cannot see it, another unit cannot touch it', async () => {
    const code = await submit('an');
    await refused('an', code, 'RESOLVE', 'FORBIDDEN', { resultText: 'Tự giải quyết.' });
    await refused('cuong', code, 'CLOSE', 'NOT_FOUND');
    await refused('otherOfficer', code, 'START', 'NOT_FOUND');
    await refused('officer', code, 'PUBLISH', 'FORBIDDEN');
  });

  test("an officer cannot tell another unit's item from a code that does not exist", async () => {
    const code = await submit('an');
    const missing = `PHA${'9'.repeat(code.length - 3)}`;
    for (const action of ['START', 'RETURN', 'RESOLVE']) {
      const input = action === 'RETURN' ? { reason: 'Không thuộc thẩm quyền đơn vị.' } : action === 'RESOLVE' ? { resultText: 'Đã xử lý xong.' } : undefined;
      const theirs = (await act('otherOfficer', code, action, input)).body;
      const nothing = (await act('otherOfficer', missing, action, input)).body;
      assert.equal(theirs.errors?.[0]?.extensions?.['code'], 'NOT_FOUND', JSON.stringify(theirs));
      assert.deepEqual({ errors: theirs.errors, data: theirs.data }, { errors: nothing.errors, data: nothing.data }, `${action}: the same answer for "not yours" and "not there"`);
    }
    // The item's own unit still sees and acts on it, so the item is there.
    assert.equal((await ok('officer', code, 'START')).status, 'IN_PROGRESS');
  });

  test('bad input is refused with BAD_USER_INPUT and the item stays as it was', async () => {
    const code = await submit('an');
    await ok('officer', code, 'START');
    await refused('officer', code, 'RESOLVE', 'BAD_USER_INPUT');
    await refused('officer', code, 'RESOLVE', 'BAD_USER_INPUT', { resultText: '  ' });
    await refused('officer', code, 'REPORT_PROGRESS', 'BAD_USER_INPUT', { committedAt: '2020-01-01T00:00:00Z' });
    await refused('operator', code, 'ROUTE', 'ILLEGAL_TRANSITION', { unitCode: 'NO-SUCH-UNIT' });
    const { body } = await hub.graphql('query($code: String!) { myFeedback(code: $code) { status history { toStatus } } }', { token: tokens['an']!, variables: { code } });
    assert.deepEqual(body.data?.['myFeedback'], { status: 'IN_PROGRESS', history: [{ toStatus: 'RECEIVED' }, { toStatus: 'ROUTED' }, { toStatus: 'IN_PROGRESS' }] });
  });

  test('an item the reporter asked to keep private cannot be published', async () => {
    const code = await submit('an', { isPublic: false });
    await ok('officer', code, 'START');
    await ok('officer', code, 'RESOLVE', { resultText: 'Đã xử lý.' });
    await refused('leader', code, 'PUBLISH', 'ILLEGAL_TRANSITION');
    assert.equal((await ok('leader', code, 'CLOSE')).status, 'CLOSED');
  });

  test('routing to an unknown unit is BAD_USER_INPUT', async () => {
    const code = await submit('an');
    await ok('officer', code, 'RETURN', { reason: 'Không thuộc phường.' });
    await refused('operator', code, 'ROUTE', 'BAD_USER_INPUT', { unitCode: 'NO-SUCH-UNIT' });
  });
});
