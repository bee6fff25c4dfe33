// Wards decided by boundary everywhere (subgraphs/kit/geo, one lookup shared by feedback and planning):
// every feedback channel refuses a point outside the city's wards with LOCATION_OUTSIDE_JURISDICTION
// before writing anything — the portal/app mutation, the operators' recording, Open311, an operator's
// relocation — while a chat message whose shared point is outside keeps the "to be located" queue.
// The ward an item gets is the one planning answers for the same point.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sign } from '../../subgraphs/feedback/channels/webhooks/signatures.ts';
import type { PrismaClient } from '../../subgraphs/feedback/prisma/generated/client.ts';
import { wardAt } from '../../subgraphs/kit/geo/ward-boundaries.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { feedbackCastTokens, startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';
import { zaloEvent } from '../../testing/webhook-events.ts';

// Hồ Hoàn Kiếm, Hà Nội: the point that nearest-centre placed in xã Dầu Tiếng.
const HA_NOI = { lat: 21.0285, lng: 105.8542 };
// Open sea 25 km north of Côn Đảo: nearest ward centre Côn Đảo, but inside no ward.
const NEAR_CON_DAO = { lat: 8.9, lng: 106.6 };
const REPORT = { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm vỉa hè', content: 'Quán nước bày bàn ghế kín vỉa hè đường Lê Lợi.' };
const API_KEY = 'open311-planning-boundaries-key';
const ZALO = { appId: '102719276611582260', secret: 'zalo-oa-secret-key-for-tests' };

function errorCode(body: GraphQLBody): unknown {
  return body.errors?.[0]?.extensions?.['code'];
}

describe('wards decided by boundary at every intake channel', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let db: PrismaClient;
  let tokens: Awaited<ReturnType<typeof feedbackCastTokens>>;

  before(async () => {
    keyed = await startHubWithRealmKeys({
      subgraphEnv: {
        FEEDBACK_OPEN311_API_KEYS: JSON.stringify({ [API_KEY]: 'fixmystreet' }),
        FEEDBACK_OPEN311_JURISDICTION_ID: 'tphcm.gov.vn',
        FEEDBACK_WEBHOOK_ZALO_APP_ID: ZALO.appId,
        FEEDBACK_WEBHOOK_ZALO_OA_SECRET: ZALO.secret,
      },
    });
    hub = keyed.hub;
    db = hub.subgraphs['feedback']!.db as unknown as PrismaClient;
    tokens = await feedbackCastTokens(keyed);
  });
  after(() => keyed?.close());

  test('the portal/app mutation and the operators’ recording refuse a point outside the wards and write nothing', async () => {
    const before = await db.feedbackItem.count();
    for (const point of [HA_NOI, NEAR_CON_DAO]) {
      const submitted = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', { token: tokens.an, variables: { input: { ...REPORT, ...point } } });
      assert.equal(errorCode(submitted.body), 'LOCATION_OUTSIDE_JURISDICTION', JSON.stringify(submitted.body));
      assert.ok(!JSON.stringify(submitted.body.errors).includes(String(point.lat)), 'the error echoes no coordinate');
      const recorded = await hub.graphql('mutation($input: RecordFeedbackInput!) { recordFeedback(input: $input) { code } }', {
        token: tokens.operator,
        variables: { input: { ...REPORT, ...point, channel: 'PHONE' } },
      });
      assert.equal(errorCode(recorded.body), 'LOCATION_OUTSIDE_JURISDICTION', JSON.stringify(recorded.body));
    }
    assert.equal(await db.feedbackItem.count(), before);
  });

  test('the ward an item gets is the ward whose boundary holds its point — the one planning answers', async () => {
    // Points between Bến Thành and its neighbours, where nearest-centre and boundary can only agree if the
    // boundaries are the cells of those centres: the point is decided by the shared lookup either way.
    for (const point of [
      { lat: 10.7725, lng: 106.698 },
      { lat: 10.7661, lng: 106.6938 },
      { lat: 10.98, lng: 106.655 },
    ]) {
      const submitted = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code wardCode } }', {
        token: tokens.an,
        variables: { input: { ...REPORT, ...point } },
      });
      assert.equal(submitted.body.errors, undefined, JSON.stringify(submitted.body.errors));
      const planning = await hub.graphql('query($lat: Float!, $lng: Float!) { planningAt(lat: $lat, lng: $lng) { ward { code } } }', { variables: point });
      const wardCode = (submitted.body.data?.['submitFeedback'] as { wardCode: string }).wardCode;
      assert.equal(wardCode, (planning.body.data?.['planningAt'] as { ward: { code: string } }).ward.code);
      assert.equal(wardCode, wardAt(point.lat, point.lng)?.code);
    }
  });

  test('Open311: a request outside the wards is a 400 naming LOCATION_OUTSIDE_JURISDICTION, and nothing is written', async () => {
    const before = await db.feedbackItem.count();
    const response = await fetch(`${hub.gatewayUrl}/api/feedback/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: new URLSearchParams({
        api_key: API_KEY,
        service_code: 'GIAO_THONG',
        lat: String(HA_NOI.lat),
        long: String(HA_NOI.lng),
        description: 'Đèn tín hiệu giao lộ hỏng từ sáng, xe cộ ùn tắc.',
      }).toString(),
    });
    assert.equal(response.status, 400);
    const errors = (await response.json()) as { code: number; description: string }[];
    assert.match(errors[0]?.description ?? '', /^LOCATION_OUTSIDE_JURISDICTION: /);
    assert.equal(await db.feedbackItem.count(), before);
  });

  test('a chat message whose shared point is outside the wards is filed to be located, not refused', async () => {
    const body = JSON.stringify(
      zaloEvent(
        ZALO.appId,
        {},
        { text: 'Cây xanh gãy đổ chắn ngang đường #giaothong', attachments: [{ type: 'location', payload: { coordinates: { latitude: String(HA_NOI.lat), longitude: String(HA_NOI.lng) } } }] },
      ),
    );
    const timestamp = String((JSON.parse(body) as { timestamp: string }).timestamp);
    const response = await fetch(`${hub.gatewayUrl}/api/feedback/webhooks/zalo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zevent-signature': sign.zalo(body, timestamp, ZALO.appId, ZALO.secret) },
      body,
    });
    assert.equal(response.status, 200);
    const answer = (await response.json()) as { accepted: { code: string; located: boolean }[] };
    assert.equal(answer.accepted[0]?.located, false);
    const item = await db.feedbackItem.findUnique({ where: { code: answer.accepted[0]?.code ?? '' } });
    assert.equal(item?.locationConfirmed, false);
    assert.notEqual(item?.lat, HA_NOI.lat, 'filed at the stand-in point, not in Hà Nội');
    const queue = await hub.graphql('{ unplacedFeedback { code } }', { token: tokens.operator });
    assert.ok((queue.body.data?.['unplacedFeedback'] as { code: string }[]).some((row) => row.code === item?.code));
    // An operator cannot place it outside the wards either.
    const moved = await hub.graphql('mutation($code: String!, $lat: Float!, $lng: Float!) { relocateFeedback(code: $code, lat: $lat, lng: $lng) { code } }', {
      token: tokens.operator,
      variables: { code: item?.code, ...HA_NOI },
    });
    assert.equal(errorCode(moved.body), 'LOCATION_OUTSIDE_JURISDICTION');
    assert.equal((await db.feedbackItem.findUnique({ where: { code: item?.code ?? '' } }))?.locationConfirmed, false);
  });
});
