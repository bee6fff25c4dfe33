// Inbound deduplication: identical concurrent queries of one viewer run once; different viewers and
// mutations are never merged.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import type { Hub } from '../../testing/hub.ts';
import { startSubgraphProxy } from '../../testing/proxy.ts';
import type { SubgraphProxy } from '../../testing/proxy.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

describe('inbound request deduplication', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let feedback: SubgraphProxy;
  const [an, , cuong] = DEMO_ACCOUNTS;

  before(async () => {
    feedback = await startSubgraphProxy();
    keyed = await startHubWithRealmKeys({ gatewayEnv: { FEEDBACK_URL: feedback.url, INBOUND_DEDUP: 'true' } });
    hub = keyed.hub;
    feedback.state.target = hub.subgraphUrls['feedback']!;
    feedback.state.mode = 'delay';
    feedback.state.delayMs = 200;
  });
  after(async () => {
    await keyed?.close();
    await feedback?.close();
  });

  test('ten identical anonymous queries in flight together reach the subgraph once', async () => {
    const before = feedback.state.requests;
    const results = await Promise.all(Array.from({ length: 10 }, () => hub.graphql('{ feedbackCategories { code } }')));
    assert.ok(results.every((result) => (result.body.data?.['feedbackCategories'] as unknown[]).length === 20));
    assert.equal(feedback.state.requests - before, 1);
  });

  test("two citizens' identical queries are never merged: each gets their own records", async () => {
    const [anToken, cuongToken] = await Promise.all([an!, cuong!].map((account) => keyed.token({ sub: account.sub })));
    const before = feedback.state.requests;
    const query = '{ me { id feedback { code } } }';
    const [first, second] = await Promise.all([hub.graphql(query, { token: anToken }), hub.graphql(query, { token: cuongToken })]);
    assert.equal((first.body.data?.['me'] as { id: string }).id, an!.sub);
    assert.equal((second.body.data?.['me'] as { id: string }).id, cuong!.sub);
    assert.notDeepEqual(first.body.data, second.body.data);
    assert.equal(feedback.state.requests - before, 2);
  });

  test('identical mutations in flight together all run', async () => {
    const token = await keyed.token({ sub: an!.sub });
    const before = feedback.state.requests;
    const input = { categoryCode: 'CHIEU_SANG', title: 'Đèn đường tắt', content: 'Cả dãy đèn đường trên phố tắt từ tối qua.', lat: 10.77, lng: 106.7 };
    const results = await Promise.all([1, 2].map(() => hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', { token, variables: { input } })));
    const codes = results.map((result) => (result.body.data?.['submitFeedback'] as { code: string }).code);
    assert.equal(new Set(codes).size, 2, 'two items, two codes');
    assert.equal(feedback.state.requests - before, 2);
  });
});
