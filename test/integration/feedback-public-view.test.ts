// The public view of 1022 feedback: public items only, no personal data of the reporter anywhere,
// and an anonymous reporter's exact location never shown.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { DEMO_FEEDBACK } from '../../subgraphs/feedback/prisma/seed-data.ts';
import type { Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const an = DEMO_ACCOUNTS[0]!;
const PUBLIC_FIELDS = 'code title content status wardCode location { lat lng } category { name } unit { name } receivedAt resultText';

describe('the public view of feedback', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  const submit = async (input: Record<string, unknown>) => {
    const { body } = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', { token: await keyed.token({ sub: an.sub }), variables: { input } });
    return (body.data?.['submitFeedback'] as { code: string }).code;
  };

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
  });
  after(() => keyed?.close());

  test('lists public items anonymously, and never a private one', async () => {
    const { status, body } = await hub.graphql(`{ publicFeedback(first: 100) { ${PUBLIC_FIELDS} } }`);
    assert.equal(status, 200);
    const codes = new Set((body.data?.['publicFeedback'] as { code: string }[]).map((item) => item.code));
    const publicSeeds = DEMO_FEEDBACK.filter((item) => item.isPublic && item.status !== 'REJECTED');
    assert.ok(publicSeeds.length > 0);
    for (const item of publicSeeds) assert.ok(codes.has(item.code), `${item.code} is public`);
    for (const item of DEMO_FEEDBACK.filter((candidate) => !candidate.isPublic)) assert.ok(!codes.has(item.code), `${item.code} is private`);
  });

  test('no personal data of any reporter appears in the public view', async () => {
    const { body } = await hub.graphql(`{ publicFeedback(first: 100) { ${PUBLIC_FIELDS} } }`);
    const text = JSON.stringify(body);
    for (const account of DEMO_ACCOUNTS) {
      for (const secret of [account.sub, account.name, account.phone, account.cccd, account.email, account.username]) {
        assert.ok(!text.includes(secret), `${account.username}: ${secret === account.sub ? 'subject' : 'personal data'} must not appear`);
      }
    }
    assert.doesNotMatch(text, /citizenId|isAnonymous|reporter/);
  });

  test("an anonymous reporter's exact point is not shown; a named reporter's is", async () => {
    const point = { lat: 10.776543, lng: 106.700987 };
    const input = { categoryCode: 'TIENG_ON', title: 'Karaoke ồn ào', content: 'Karaoke mở rất to sau 23 giờ mỗi đêm.', ...point, isPublic: true };
    const anonymous = await submit({ ...input, isAnonymous: true });
    const named = await submit({ ...input, isAnonymous: false });
    const read = async (code: string) =>
      (await hub.graphql('query($code: String!) { publicFeedbackItem(code: $code) { location { lat lng } } }', { variables: { code } })).body.data?.['publicFeedbackItem'] as {
        location: { lat: number; lng: number };
      };
    const shownAnonymous = (await read(anonymous)).location;
    assert.notDeepEqual(shownAnonymous, point);
    assert.ok(Math.abs(shownAnonymous.lat - point.lat) < 0.002 && Math.abs(shownAnonymous.lng - point.lng) < 0.002, 'still roughly there');
    assert.deepEqual((await read(named)).location, point);
  });

  test('a private item is not found by code either; the unit answer shows only once published', async () => {
    const privateCode = await submit({ categoryCode: 'MOI_TRUONG', title: 'Rác thải', content: 'Rác tập kết sai nơi quy định cả tuần.', lat: 10.77, lng: 106.69, isPublic: false });
    const privateRead = await hub.graphql('query($code: String!) { publicFeedbackItem(code: $code) { code } }', { variables: { code: privateCode } });
    assert.deepEqual(privateRead.body.data, { publicFeedbackItem: null });
    const inProgress = DEMO_FEEDBACK.find((item) => item.isPublic && item.status === 'RESOLVED' && item.resultText);
    if (inProgress) {
      const { body } = await hub.graphql('query($code: String!) { publicFeedbackItem(code: $code) { resultText } }', { variables: { code: inProgress.code } });
      assert.deepEqual(body.data, { publicFeedbackItem: { resultText: null } }, 'resolved but not yet published: no answer shown');
    }
  });
});
