// Statistics for leaders: counts by dimension, the unit ranking with on-time rate and ratings, and the
// heat-map grid — only for leaders and operators, with bad input refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { DEMO_FEEDBACK } from '../../subgraphs/feedback/prisma/seed-data.ts';
import type { Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const byRole = (role: string) => DEMO_ACCOUNTS.find((account) => account.roles.includes(role))!;
const FROM = '2026-01-01T00:00:00Z';
const TO = '2027-01-01T00:00:00Z';

describe('feedback statistics', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let leader: string;

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
    leader = await keyed.token({ sub: byRole('leader').sub, roles: ['leader'] });
  });
  after(() => keyed?.close());

  test('counts by category and by status add up to the items received in the period', async () => {
    const inPeriod = DEMO_FEEDBACK.filter((item) => item.receivedAt >= '2026' && item.receivedAt < '2027');
    for (const by of ['CATEGORY', 'STATUS', 'WARD', 'UNIT', 'MONTH', 'WEEK', 'DAY']) {
      const { body } = await hub.graphql('query($by: FeedbackDimension!, $from: DateTime!, $to: DateTime!) { feedbackCounts(by: $by, from: $from, to: $to) { key count } }', {
        token: leader,
        variables: { by, from: FROM, to: TO },
      });
      const counts = body.data?.['feedbackCounts'] as { key: string; count: number }[];
      assert.equal(
        counts.reduce((sum, row) => sum + row.count, 0),
        inPeriod.length,
        by,
      );
    }
    const { body } = await hub.graphql(`{ feedbackCounts(by: CATEGORY, from: "${FROM}", to: "${TO}") { key count } }`, { token: leader });
    const traffic = (body.data?.['feedbackCounts'] as { key: string; count: number }[]).find((row) => row.key === 'GIAO_THONG');
    assert.equal(traffic?.count ?? 0, inPeriod.filter((item) => item.categoryCode === 'GIAO_THONG').length);
  });

  test("the unit ranking counts resolutions on time and the reporters' stars", async () => {
    const officer = byRole('officer');
    const citizen = await keyed.token({ sub: DEMO_ACCOUNTS[0]!.sub });
    const officerToken = await keyed.token({ sub: officer.sub, roles: ['officer'], unit: officer.unit });
    const { body: submitted } = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', {
      token: citizen,
      variables: { input: { categoryCode: 'TRAT_TU_DO_THI', title: 'Bán hàng rong', content: 'Hàng rong chiếm vỉa hè đường Lê Lợi.', lat: 10.7725, lng: 106.698 } },
    });
    const code = (submitted.data?.['submitFeedback'] as { code: string }).code;
    for (const [action, input] of [
      ['START', undefined],
      ['RESOLVE', { resultText: 'Đã giải tỏa.' }],
    ] as const) {
      await hub.graphql('mutation($code: String!, $action: FeedbackAction!, $input: FeedbackActionInput) { transitionFeedback(code: $code, action: $action, input: $input) { status } }', {
        token: officerToken,
        variables: { code, action, input },
      });
    }
    await hub.graphql('mutation($code: String!) { rateFeedback(code: $code, stars: 5) { stars } }', { token: citizen, variables: { code } });
    const now = new Date();
    const { body } = await hub.graphql('query($from: DateTime!, $to: DateTime!) { unitRanking(from: $from, to: $to) { unit { code } received resolved onTime onTimeRate averageStars ratings } }', {
      token: leader,
      variables: { from: new Date(now.getTime() - 3_600_000).toISOString(), to: new Date(now.getTime() + 3_600_000).toISOString() },
    });
    const rows = body.data?.['unitRanking'] as { unit: { code: string }; received: number; resolved: number; onTime: number; onTimeRate: number; averageStars: number; ratings: number }[];
    const own = rows.find((row) => row.unit.code === officer.unit);
    assert.ok(own, JSON.stringify(body));
    assert.ok(own.resolved >= 1 && own.onTime >= 1 && own.onTimeRate > 0);
    assert.equal(own.averageStars, 5);
    assert.equal(own.ratings, 1);
  });

  test('the heat map counts items per cell inside the box', async () => {
    const { body } = await hub.graphql(`{ feedbackHeatmap(minLat: 10.6, minLng: 106.5, maxLat: 10.95, maxLng: 106.9, from: "${FROM}", to: "${TO}", cellDegrees: 0.02) { lat lng count } }`, {
      token: leader,
    });
    const cells = body.data?.['feedbackHeatmap'] as { lat: number; lng: number; count: number }[];
    const inBox = DEMO_FEEDBACK.filter((item) => item.receivedAt >= '2026' && item.lat >= 10.6 && item.lat < 10.95 && item.lng >= 106.5 && item.lng < 106.9);
    assert.ok(inBox.length > 0);
    assert.ok(cells.reduce((sum, cell) => sum + cell.count, 0) >= inBox.length);
    assert.ok(cells.every((cell) => cell.lat > 10.6 && cell.lat < 10.95 && cell.count > 0));
  });

  test('citizens and officers may not see statistics; bad periods and boxes are BAD_USER_INPUT', async () => {
    const citizen = await keyed.token({ sub: DEMO_ACCOUNTS[0]!.sub });
    const refused = await hub.graphql(`{ feedbackCounts(by: STATUS, from: "${FROM}", to: "${TO}") { key } }`, { token: citizen });
    assert.equal(refused.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
    const backwards = await hub.graphql(`{ feedbackCounts(by: STATUS, from: "${TO}", to: "${FROM}") { key } }`, { token: leader });
    assert.equal(backwards.body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    const tooFine = await hub.graphql(`{ feedbackHeatmap(minLat: 8, minLng: 102, maxLat: 23, maxLng: 110, from: "${FROM}", to: "${TO}", cellDegrees: 0.001) { count } }`, { token: leader });
    assert.equal(tooFine.body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    const inverted = await hub.graphql(`{ feedbackHeatmap(minLat: 11, minLng: 106, maxLat: 10, maxLng: 107, from: "${FROM}", to: "${TO}") { count } }`, { token: leader });
    assert.equal(inverted.body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
  });
});
