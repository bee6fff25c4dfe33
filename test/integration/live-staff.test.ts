// Staff follow the workflow live through the gateway (feedbackChanged, graphql-ws): the operators' queue and
// the leaders' dashboard see every new item and status change, a unit's officers only their unit's, a leader
// may narrow to one unit; a citizen is refused, and an officer asking for another unit is refused rather than
// left waiting. Each subscription in the test also receives something, so "nothing arrived" means "not sent".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hub } from '../../testing/hub.ts';
import { watchLive } from '../../testing/inbox.ts';
import type { LiveSubscription } from '../../testing/inbox.ts';
import { feedbackCastTokens, startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { FeedbackCast, KeyedHub } from '../../testing/tokens.ts';
import { until } from '../../testing/wait.ts';

const CHANGED = 'subscription($unit: String) { feedbackChanged(unitCode: $unit) { code status unit { code } } }';
type Change = { code: string; status: string; unit: { code: string } | null };

describe('staff follow items live', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let tokens: FeedbackCast;
  const open: LiveSubscription<unknown>[] = [];

  const follow = (who: keyof FeedbackCast, unit?: string): LiveSubscription<Change> => {
    const live = watchLive(hub, tokens[who], CHANGED, { unit }, (data) => data['feedbackChanged'] as Change);
    open.push(live);
    return live;
  };
  async function gateway(who: keyof FeedbackCast, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { body } = await hub.graphql(query, { token: tokens[who], variables });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data!;
  }
  async function submit(categoryCode: string, title: string): Promise<string> {
    const data = await gateway('an', 'mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', {
      input: { categoryCode, title, content: 'Mô tả sự việc tại chợ Bến Thành để cán bộ xử lý.', lat: 10.7725, lng: 106.698 },
    });
    return (data['submitFeedback'] as { code: string }).code;
  }
  const seen = (live: LiveSubscription<Change>, code: string, status: string) => until(`${code} ${status}`, () => live.results.find((change) => change.code === code && change.status === status));
  /** The subgraph subscribes once the gateway has connected upstream. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
    tokens = await feedbackCastTokens(keyed);
  });
  after(async () => {
    await Promise.all(open.map((live) => live.close()));
    await keyed?.close();
  });

  test('new items and status changes reach operators, leaders and the unit handling them; other units see nothing of them', async () => {
    const operator = follow('operator');
    const leaderOfWard = follow('leader', 'UBND-P-BEN-THANH');
    const officer = follow('officer');
    const water = follow('otherOfficer');
    await settle();

    const street = await submit('TRAT_TU_DO_THI', 'Lấn chiếm vỉa hè');
    const pipe = await submit('CAP_NUOC', 'Vỡ ống nước');
    const routed = await seen(operator, street, 'ROUTED');
    assert.equal(routed.unit?.code, 'UBND-P-BEN-THANH');
    await seen(operator, pipe, 'ROUTED');
    await seen(officer, street, 'ROUTED');
    await seen(leaderOfWard, street, 'ROUTED');
    await seen(water, pipe, 'ROUTED');

    await gateway('officer', 'mutation($code: String!) { transitionFeedback(code: $code, action: START) { status } }', { code: street });
    await seen(officer, street, 'IN_PROGRESS');
    await seen(operator, street, 'IN_PROGRESS');
    await seen(leaderOfWard, street, 'IN_PROGRESS');
    await gateway('otherOfficer', 'mutation($code: String!) { transitionFeedback(code: $code, action: START) { status } }', { code: pipe });
    await seen(water, pipe, 'IN_PROGRESS');
    await seen(operator, pipe, 'IN_PROGRESS');

    // Everything above has arrived everywhere it should; what was not someone's never reached them.
    assert.deepEqual(
      officer.results.filter((change) => change.code === pipe),
      [],
      "the water company's item never reaches the ward's officers",
    );
    assert.deepEqual(
      water.results.filter((change) => change.code === street),
      [],
      "the ward's item never reaches the water company",
    );
    assert.deepEqual(
      leaderOfWard.results.filter((change) => change.code === pipe),
      [],
      'a leader following one unit sees only its items',
    );
    for (const live of [operator, leaderOfWard, officer, water]) assert.equal(live.ended(), undefined, 'still open');
  });

  test('a citizen cannot follow staff activity, nor an officer another unit: refused with a code, not left waiting', async () => {
    const citizen = follow('an');
    const elsewhere = follow('officer', 'SAWACO');
    const codes = async (live: LiveSubscription<Change>) => ((await until('the refusal', () => live.ended())) as { extensions?: { code?: string } }[]).map((error) => error.extensions?.code);
    assert.deepEqual(await codes(citizen), ['FORBIDDEN']);
    assert.deepEqual(await codes(elsewhere), ['FORBIDDEN']);
  });
});
