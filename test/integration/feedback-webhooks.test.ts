// Inbound channel webhooks through the gateway (/api/feedback/webhooks/…): each platform's signed
// delivery becomes a routed item an operator sees with the right channel and the sender as reporter
// contact; a redelivery creates nothing; a bad, missing or stale signature is refused and writes nothing;
// receipts and other events are acknowledged and ignored; Meta's verify handshake.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { ConfigError } from '../../platform/config.ts';
import type { PrismaClient } from '../../subgraphs/feedback/prisma/generated/client.ts';
import { parseWebhookConfig } from '../../subgraphs/feedback/channels/webhooks/config.ts';
import { deriveTitle, locationFromText, parseJson } from '../../subgraphs/feedback/channels/webhooks/normalize.ts';
import { registerWebhookRoutes } from '../../subgraphs/feedback/channels/webhooks/routes.ts';
import { sign } from '../../subgraphs/feedback/channels/webhooks/signatures.ts';
import type { FeedbackServices } from '../../subgraphs/feedback/services.ts';
import type { Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import { zaloEvent as zaloEventOf } from '../../testing/webhook-events.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const operator = DEMO_ACCOUNTS.find((account) => account.roles.includes('operator'))!;

const SECRETS = {
  emailKey: randomBytes(32),
  zaloAppId: '102719276611582260',
  zaloOaSecret: 'zalo-oa-secret-key-for-tests',
  facebookAppSecret: 'facebook-app-secret-0123456789abcdef',
  facebookVerifyToken: 'verify-me-please',
  viberToken: '4453b6ac12345678-e02c5f12174805f9-daec9cbb5448c51f',
};

const ITEM = 'code channel status title content isPublic locationConfirmed wardCode category { code } unit { code } location { lat lng } reporter { name phone email address }';

interface Item {
  locationConfirmed: boolean;
  code: string;
  channel: string;
  status: string;
  title: string;
  content: string;
  isPublic: boolean;
  category: { code: string };
  unit: { code: string } | null;
  location: { lat: number; lng: number };
  reporter: { name: string | null; phone: string | null; email: string | null; address: string | null } | null;
}

interface DeliveryAnswer {
  accepted?: { code: string; replayed: boolean; located: boolean }[];
  ignored?: { reason: string }[];
  errors?: { message: string; extensions: { code: string } }[];
}

describe('channel webhooks', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let db: PrismaClient;
  let operatorToken: string;

  async function deliver(channel: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: DeliveryAnswer }> {
    const response = await fetch(`${hub.gatewayUrl}/api/feedback/webhooks/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, body: (await response.json()) as DeliveryAnswer };
  }
  async function view(code: string): Promise<Item> {
    const { body } = await hub.graphql(`query($code: String!) { feedbackItem(code: $code) { ${ITEM} } }`, { token: operatorToken, variables: { code } });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['feedbackItem'] as Item;
  }
  const count = () => db.feedbackItem.count();
  function refusedWith(answer: { status: number; body: DeliveryAnswer }, status: number, code: string) {
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.body.errors?.[0]?.extensions.code, code);
  }

  // — the platforms' own shapes
  const zaloEvent = (overrides: Record<string, unknown> = {}, message: Record<string, unknown> = {}) => zaloEventOf(SECRETS.zaloAppId, overrides, message);
  function zaloHeaders(body: string): Record<string, string> {
    const timestamp = String((JSON.parse(body) as { timestamp: string }).timestamp);
    return { 'x-zevent-signature': sign.zalo(body, timestamp, SECRETS.zaloAppId, SECRETS.zaloOaSecret) };
  }
  const facebookHeaders = (body: string) => ({ 'x-hub-signature-256': sign.facebook(body, SECRETS.facebookAppSecret) });
  const viberHeaders = (body: string) => ({ 'x-viber-content-signature': sign.viber(body, SECRETS.viberToken) });
  function emailHeaders(body: string, at = Math.floor(Date.now() / 1000)): Record<string, string> {
    const id = `msg_${randomUUID()}`;
    return { 'webhook-id': id, 'webhook-timestamp': String(at), 'webhook-signature': sign.standardWebhook(id, String(at), body, SECRETS.emailKey) };
  }

  before(async () => {
    keyed = await startHubWithRealmKeys({
      subgraphEnv: {
        FEEDBACK_WEBHOOK_EMAIL_SECRET: `whsec_${SECRETS.emailKey.toString('base64')}`,
        FEEDBACK_WEBHOOK_ZALO_APP_ID: SECRETS.zaloAppId,
        FEEDBACK_WEBHOOK_ZALO_OA_SECRET: SECRETS.zaloOaSecret,
        FEEDBACK_WEBHOOK_FACEBOOK_APP_SECRET: SECRETS.facebookAppSecret,
        FEEDBACK_WEBHOOK_FACEBOOK_VERIFY_TOKEN: SECRETS.facebookVerifyToken,
        FEEDBACK_WEBHOOK_VIBER_TOKEN: SECRETS.viberToken,
      },
    });
    hub = keyed.hub;
    db = hub.subgraphs['feedback']!.db as unknown as PrismaClient;
    operatorToken = await keyed.token({ sub: operator.sub, roles: ['operator'], unit: operator.unit });
  });
  after(() => keyed?.close());

  test("Zalo: a signed shared location becomes a routed item in the hashtag's category; the redelivery writes nothing", async () => {
    const before = await count();
    const body = JSON.stringify(zaloEvent());
    const first = await deliver('zalo', body, zaloHeaders(body));
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const [accepted] = first.body.accepted ?? [];
    assert.ok(accepted && !accepted.replayed && accepted.located);
    const item = await view(accepted.code);
    assert.equal(item.channel, 'ZALO');
    assert.equal(item.status, 'ROUTED');
    assert.equal(item.category.code, 'GIAO_THONG');
    assert.equal(item.unit?.code, 'SO-XAY-DUNG', 'routed by the category × ward rules');
    assert.deepEqual(item.location, { lat: 10.7769, lng: 106.7009 });
    assert.equal(item.isPublic, true);
    assert.equal(item.title, 'Cây xanh gãy đổ chắn ngang đường Lê Thánh Tôn');
    assert.equal(item.reporter?.address, 'zalo:8309393969855402319', 'the sender is the reporter contact, for staff');
    assert.equal(await count(), before + 1);

    const again = await deliver('zalo', body, zaloHeaders(body));
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.accepted, [{ code: accepted.code, replayed: true, located: true }]);
    assert.equal(await count(), before + 1, 'a redelivery creates nothing');
  });

  test('Zalo: a text without a location is filed at the default point for the 1022 centre, not public, flagged in its title', async () => {
    const body = JSON.stringify(zaloEvent({ event_name: 'user_send_text' }, { text: 'Đèn đường hẻm 42 tắt cả tuần nay, rất nguy hiểm. #chieusang', attachments: undefined }));
    const answer = await deliver('zalo', body, zaloHeaders(body));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const [accepted] = answer.body.accepted ?? [];
    assert.equal(accepted?.located, false);
    const item = await view(accepted.code);
    assert.equal(item.category.code, 'GOP_Y_HIEN_KE', 'without a point the centre classifies by hand');
    assert.equal(item.unit?.code, 'TT-1022');
    assert.equal(item.isPublic, false);
    assert.match(item.title, /^\[Chưa rõ vị trí\] Đèn đường hẻm 42 tắt cả tuần nay/);
    assert.ok(item.content.includes('#chieusang'), 'the message is kept whole');
  });

  test('an operator places an unlocated message: it leaves the queue, its ward follows the point, the move is in its history', async () => {
    const body = JSON.stringify(zaloEvent({ event_name: 'user_send_text' }, { msg_id: `place-${Date.now()}`, text: 'Nắp cống bị mất trước số 9, xe máy dễ sập bánh.', attachments: undefined }));
    const answer = await deliver('zalo', body, zaloHeaders(body));
    const code = answer.body.accepted?.[0]?.code;
    assert.ok(code, JSON.stringify(answer.body));
    const placing = `code wardCode locationConfirmed title location { lat lng } history { action note }`;
    const queue = await hub.graphql(`{ unplacedFeedback(first: 200) { code locationConfirmed } }`, { token: operatorToken });
    assert.deepEqual(
      (queue.body.data?.['unplacedFeedback'] as { code: string; locationConfirmed: boolean }[]).find((row) => row.code === code),
      { code, locationConfirmed: false },
    );

    const citizen = await keyed.token({ sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e501' });
    const refused = await hub.graphql(`mutation($code: String!) { relocateFeedback(code: $code, lat: 10.7705, lng: 106.6945) { code } }`, { token: citizen, variables: { code } });
    assert.equal(refused.body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
    const abroad = await hub.graphql(`mutation($code: String!) { relocateFeedback(code: $code, lat: 1.29, lng: 103.85) { code } }`, { token: operatorToken, variables: { code } });
    assert.equal(abroad.body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT');
    const unknown = await hub.graphql(`mutation { relocateFeedback(code: "PHA000000000000", lat: 10.7705, lng: 106.6945) { code } }`, { token: operatorToken });
    assert.equal(unknown.body.errors?.[0]?.extensions?.['code'], 'NOT_FOUND');
    assert.equal((await view(code)).locationConfirmed, false, 'refusals change nothing');

    const placed = await hub.graphql(`mutation($code: String!) { relocateFeedback(code: $code, lat: 10.7705, lng: 106.6945) { ${placing} } }`, { token: operatorToken, variables: { code } });
    assert.equal(placed.body.errors, undefined, JSON.stringify(placed.body.errors));
    const item = placed.body.data?.['relocateFeedback'] as {
      wardCode: string;
      locationConfirmed: boolean;
      title: string;
      location: { lat: number; lng: number };
      history: { action: string; note: string | null }[];
    };
    assert.deepEqual([item.wardCode, item.locationConfirmed, item.location], ['P-BEN-THANH', true, { lat: 10.7705, lng: 106.6945 }]);
    assert.ok(!item.title.startsWith('[Chưa rõ vị trí]'), item.title);
    assert.deepEqual(item.history.at(-1), { action: 'RELOCATED', note: 'P-BEN-THANH' });
    const after = await hub.graphql(`{ unplacedFeedback(first: 200) { code } }`, { token: operatorToken });
    assert.ok(!(after.body.data?.['unplacedFeedback'] as { code: string }[]).some((row) => row.code === code), 'out of the queue');
  });

  test('Zalo: a bad, missing or stale signature is refused and writes nothing; events that are not messages are ignored', async () => {
    const before = await count();
    const body = JSON.stringify(zaloEvent());
    refusedWith(await deliver('zalo', body, {}), 401, 'WEBHOOK_SIGNATURE_INVALID');
    refusedWith(await deliver('zalo', body, { 'x-zevent-signature': `mac=${'0'.repeat(64)}` }), 401, 'WEBHOOK_SIGNATURE_INVALID');
    const tampered = body.replace('Lê Thánh Tôn', 'Lê Thánh Tông');
    refusedWith(await deliver('zalo', tampered, zaloHeaders(body)), 401, 'WEBHOOK_SIGNATURE_INVALID');
    const wrongKey = { 'x-zevent-signature': sign.zalo(body, (JSON.parse(body) as { timestamp: string }).timestamp, SECRETS.zaloAppId, 'another-oa-secret-key') };
    refusedWith(await deliver('zalo', body, wrongKey), 401, 'WEBHOOK_SIGNATURE_INVALID');
    const stale = JSON.stringify(zaloEvent({ timestamp: String(Date.now() - 2 * 86_400_000) }));
    refusedWith(await deliver('zalo', stale, zaloHeaders(stale)), 401, 'WEBHOOK_SIGNATURE_INVALID');
    refusedWith(await deliver('zalo', 'not json', { 'x-zevent-signature': 'mac=00' }), 401, 'WEBHOOK_SIGNATURE_INVALID');
    assert.equal(await count(), before);

    for (const event_name of ['follow', 'user_seen_message', 'user_received_message', 'oa_send_text']) {
      const event = JSON.stringify(zaloEvent({ event_name }));
      const answer = await deliver('zalo', event, zaloHeaders(event));
      assert.equal(answer.status, 200, event_name);
      assert.deepEqual(answer.body, { accepted: [], ignored: [{ reason: 'NOT_A_MESSAGE' }] });
    }
    const hello = JSON.stringify(zaloEvent({ event_name: 'user_send_text' }, { text: 'Xin chào', attachments: undefined }));
    assert.deepEqual((await deliver('zalo', hello, zaloHeaders(hello))).body, { accepted: [], ignored: [{ reason: 'MESSAGE_TOO_SHORT' }] });
    assert.equal(await count(), before);
  });

  test('Facebook: the verify handshake answers the challenge only with the right token', async () => {
    const url = (token: string, mode = 'subscribe') => `${hub.gatewayUrl}/api/feedback/webhooks/facebook?hub.mode=${mode}&hub.verify_token=${encodeURIComponent(token)}&hub.challenge=1158201444`;
    const ok = await fetch(url(SECRETS.facebookVerifyToken));
    assert.equal(ok.status, 200);
    assert.equal(await ok.text(), '1158201444');
    assert.match(ok.headers.get('content-type') ?? '', /^text\/plain/);
    const wrong = await fetch(url('not-the-token'));
    assert.equal(wrong.status, 403);
    assert.equal(((await wrong.json()) as DeliveryAnswer).errors?.[0]?.extensions.code, 'FORBIDDEN');
    assert.equal((await fetch(url(SECRETS.facebookVerifyToken, 'unsubscribe'))).status, 403);
  });

  test('Facebook: a page delivery batch — the message becomes an item; receipts, reads and echoes are ignored', async () => {
    const before = await count();
    const mid = `m_${randomBytes(16).toString('base64url')}`;
    const now = Date.now();
    const delivery = {
      object: 'page',
      entry: [
        {
          id: '106270405469837',
          time: now,
          messaging: [
            {
              sender: { id: '6543210987654321' },
              recipient: { id: '106270405469837' },
              timestamp: now,
              message: {
                mid,
                text: 'Nước ngập sâu 40 cm trước chợ, xe máy chết máy hàng loạt. #ngapnuoc',
                attachments: [{ type: 'location', payload: { coordinates: { lat: 10.7725, long: 106.698 } } }],
              },
            },
            { sender: { id: '6543210987654321' }, recipient: { id: '106270405469837' }, timestamp: now, delivery: { mids: ['m_1'], watermark: now } },
            { sender: { id: '6543210987654321' }, recipient: { id: '106270405469837' }, timestamp: now, read: { watermark: now } },
          ],
        },
        {
          id: '106270405469837',
          time: now,
          messaging: [{ sender: { id: '106270405469837' }, recipient: { id: '6543210987654321' }, timestamp: now, message: { mid: 'm_echo', is_echo: true, text: 'Cảm ơn anh/chị đã phản ánh.' } }],
        },
      ],
    };
    const body = JSON.stringify(delivery);
    refusedWith(await deliver('facebook', body, { 'x-hub-signature-256': sign.facebook(body, 'some-other-app-secret') }), 401, 'WEBHOOK_SIGNATURE_INVALID');
    refusedWith(await deliver('facebook', body, { 'x-hub-signature-256': sign.facebook(body, SECRETS.facebookAppSecret).replace('sha256=', 'sha1=') }), 401, 'WEBHOOK_SIGNATURE_INVALID');
    assert.equal(await count(), before);

    const answer = await deliver('facebook', body, facebookHeaders(body));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.accepted?.length, 1);
    assert.equal(answer.body.ignored?.length, 3, 'delivery, read and echo');
    const item = await view(answer.body.accepted[0]!.code);
    assert.equal(item.channel, 'FACEBOOK');
    assert.equal(item.category.code, 'THOAT_NUOC', '#ngapnuoc names Thoát nước – ngập nước');
    assert.equal(item.unit?.code, 'THOAT-NUOC');
    assert.equal(item.reporter?.address, 'facebook:6543210987654321');
    assert.equal(await count(), before + 1);

    const replay = await deliver('facebook', body, facebookHeaders(body));
    assert.equal(replay.body.accepted?.[0]?.replayed, true);
    assert.equal(await count(), before + 1);

    // Another object subscribed on the same app is not the page's inbox; a malformed page body is 400.
    const instagram = JSON.stringify({ object: 'instagram', entry: [{ id: '1', time: now, messaging: [] }] });
    assert.deepEqual((await deliver('facebook', instagram, facebookHeaders(instagram))).body, { accepted: [], ignored: [{ reason: 'NOT_A_MESSAGE' }] });
    const malformed = JSON.stringify({ object: 'page' });
    refusedWith(await deliver('facebook', malformed, facebookHeaders(malformed)), 400, 'BAD_REQUEST');
  });

  test("Viber: a location message keeps its 64-bit token as the key; the sender's name reaches the reporter contact", async () => {
    const before = await count();
    const token = `49126618466552${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}`;
    const body = `{"event":"message","timestamp":${Date.now()},"chat_hostname":"SN-372_","message_token":${token},"sender":{"id":"01234567890A=","name":"Trần Thị Bình","avatar":"https://avatar.example.com","country":"VN","language":"vi","api_version":10},"message":{"type":"location","text":"Rác thải chất đống bốc mùi ở góc đường #moitruong","location":{"lat":10.7731,"lon":106.7003}},"silent":false}`;
    refusedWith(await deliver('viber', body, { 'x-viber-content-signature': sign.viber(body, 'wrong-token-wrong-token') }), 401, 'WEBHOOK_SIGNATURE_INVALID');
    const answer = await deliver('viber', body, viberHeaders(body));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const code = answer.body.accepted![0]!.code;
    const item = await view(code);
    assert.equal(item.channel, 'VIBER');
    assert.equal(item.category.code, 'MOI_TRUONG');
    assert.deepEqual(item.reporter, { name: 'Trần Thị Bình', phone: null, email: null, address: 'viber:01234567890A=' });
    const key = await db.feedbackIdempotency.findFirst({ where: { scope: 'webhook:VIBER', item: { code } } });
    assert.equal(key?.key, token, 'the exact 64-bit token, not a rounded double');
    assert.equal((await deliver('viber', body, viberHeaders(body))).body.accepted?.[0]?.replayed, true);
    assert.equal(await count(), before + 1);

    for (const event of ['webhook', 'delivered', 'seen', 'subscribed', 'conversation_started']) {
      const other = JSON.stringify({ event, timestamp: Date.now(), message_token: 5_000_000_001, user_id: '01234567890A=' });
      assert.deepEqual((await deliver('viber', other, viberHeaders(other))).body, { accepted: [], ignored: [{ reason: 'NOT_A_MESSAGE' }] }, event);
    }
    assert.equal(await count(), before + 1);
  });

  test('e-mail: a Standard Webhooks-signed mail; the subject is the title, a map link the point, the sender the contact', async () => {
    const before = await count();
    const mail = {
      messageId: `<${randomUUID()}@mail.example.vn>`,
      from: 'Lê Văn Cường <cuong.le@example.vn>',
      subject: 'Lấn chiếm vỉa hè đường Pasteur',
      text: 'Quán ăn bày bàn ghế chiếm hết vỉa hè, người đi bộ phải xuống lòng đường.\nVị trí: https://maps.google.com/?q=10.7745,106.6990\n<script>alert(1)</script>',
    };
    const body = JSON.stringify(mail);
    const answer = await deliver('email', body, emailHeaders(body));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const code = answer.body.accepted![0]!.code;
    const item = await view(code);
    assert.equal(item.channel, 'EMAIL');
    assert.equal(item.title, 'Lấn chiếm vỉa hè đường Pasteur');
    assert.deepEqual(item.location, { lat: 10.7745, lng: 106.699 });
    assert.ok(item.content.includes('<script>alert(1)</script>'), 'stored as text');
    assert.deepEqual(item.reporter, { name: 'Lê Văn Cường', phone: null, email: 'cuong.le@example.vn', address: null });
    // The relay's retry has a new webhook-id and timestamp; the mail's Message-ID still names one item.
    assert.equal((await deliver('email', body, emailHeaders(body))).body.accepted?.[0]?.code, code);
    assert.equal(await count(), before + 1);

    refusedWith(await deliver('email', body, emailHeaders(body, Math.floor(Date.now() / 1000) - 600)), 401, 'WEBHOOK_SIGNATURE_INVALID');
    refusedWith(await deliver('email', body, emailHeaders(body, Math.floor(Date.now() / 1000) + 600)), 401, 'WEBHOOK_SIGNATURE_INVALID');
    const headers = emailHeaders(body);
    refusedWith(await deliver('email', body.replace('Pasteur', 'Nam Kỳ'), headers), 401, 'WEBHOOK_SIGNATURE_INVALID');
    refusedWith(await deliver('email', body, { ...headers, 'webhook-id': 'msg_other' }), 401, 'WEBHOOK_SIGNATURE_INVALID');
    const noText = JSON.stringify({ subject: 'Không có nội dung' });
    refusedWith(await deliver('email', noText, emailHeaders(noText)), 400, 'BAD_REQUEST');
    const response = await fetch(`${hub.gatewayUrl}/api/feedback/webhooks/email`, { method: 'POST', headers: { 'content-type': 'text/plain', ...emailHeaders('hello') }, body: 'hello' });
    assert.equal(response.status, 415);
    assert.equal(await count(), before + 1);
  });

  test('an unknown channel is 404; an unconfigured one is 503 and accepts nothing', async () => {
    refusedWith(await deliver('sms', '{}', {}), 404, 'NOT_FOUND');
    // A subgraph whose only channel is Viber: the others are off, whatever they are sent.
    const app = Fastify();
    const services = { db: {} as PrismaClient, config: parseWebhookConfig({ FEEDBACK_WEBHOOK_VIBER_TOKEN: SECRETS.viberToken }) } as unknown as FeedbackServices;
    await registerWebhookRoutes(app, services);
    for (const channel of ['email', 'zalo', 'facebook']) {
      const response = await app.inject({ method: 'POST', url: `/webhooks/${channel}`, headers: { 'content-type': 'application/json' }, payload: '{}' });
      assert.equal(response.statusCode, 503, channel);
      assert.equal(response.json<{ errors: { extensions: { code: string } }[] }>().errors[0]!.extensions.code, 'WEBHOOK_NOT_CONFIGURED');
    }
    assert.equal((await app.inject({ method: 'GET', url: '/webhooks/facebook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1' })).statusCode, 503);
    await app.close();
  });

  test('configuration: no channel without its secret, and never half a channel', () => {
    const none = parseWebhookConfig({}).webhooks;
    assert.deepEqual([none.email, none.zalo, none.facebook, none.viber], [undefined, undefined, undefined, undefined]);
    assert.throws(
      () => parseWebhookConfig({ FEEDBACK_WEBHOOK_ZALO_APP_ID: '1234' }),
      (error: unknown) => error instanceof ConfigError && error.problems.some((problem) => problem.startsWith('FEEDBACK_WEBHOOK_ZALO_OA_SECRET')),
    );
    assert.throws(() => parseWebhookConfig({ FEEDBACK_WEBHOOK_VIBER_TOKEN: 'short' }), ConfigError);
    assert.throws(() => parseWebhookConfig({ FEEDBACK_WEBHOOK_DEFAULT_LOCATION: '48.85,2.35' }), ConfigError);
  });

  test('normalizing: titles, points written in the text, and 64-bit numbers', () => {
    assert.equal(deriveTitle('Ổ gà lớn trước nhà số 12. Đã hai tuần chưa ai sửa!'), 'Ổ gà lớn trước nhà số 12.');
    assert.ok(deriveTitle('a'.repeat(20) + ' ' + 'b'.repeat(80)).length <= 60);
    assert.deepEqual(locationFromText('xem https://www.google.com/maps/@10.7769,106.7009,17z'), { lat: 10.7769, lng: 106.7009 });
    assert.deepEqual(locationFromText('tọa độ 10.7725, 106.698 nhé'), { lat: 10.7725, lng: 106.698 });
    assert.equal(locationFromText('giá 12.500, 100.000 đồng'), undefined);
    assert.equal(locationFromText('48.8566, 2.3522 (Paris)'), undefined);
    assert.deepEqual(parseJson('{"t":4912661846655238145,"n":1.5}'), { t: '4912661846655238145', n: 1.5 });
  });
});
