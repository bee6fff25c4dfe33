// Delivery through every channel against real servers the test starts: an SMTP server (smtp-server), an
// SMS gateway and a Zalo ZNS endpoint (node:http). An event reaches the inbox and each channel the person
// chose once; a provider answering 5xx or timing out is retried with backoff, then dead-lettered, while the
// other channels go on; operators see and retry dead letters; signed receipts mark messages delivered and
// forged ones are refused; quiet hours hold SMS back; addresses are validated and shown masked.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { signReceipt } from '../../subgraphs/notification/delivery/receipts.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { startSmtpCapture } from '../../testing/smtp-capture.ts';
import type { CapturedMail, SmtpCapture } from '../../testing/smtp-capture.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const RECEIPT_SECRET = 'sms-receipt-secret-0123456789';
const communications = DEMO_ACCOUNTS.find((account) => account.roles.includes('communications'))!;
const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['code'];

interface Call {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  /** What the provider answered (ok mode). */
  answer?: unknown;
}

/** A provider endpoint whose answer the test chooses: ok, 503, or never (a timeout). */
async function startProvider(answer: (body: Record<string, unknown>) => unknown): Promise<{ server: Server; url: string; calls: Call[]; mode: { value: 'ok' | '503' | 'hang' } }> {
  const calls: Call[] = [];
  const mode = { value: 'ok' as 'ok' | '503' | 'hang' };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const call: Call = { headers: request.headers, body };
      calls.push(call);
      if (mode.value === 'hang') return; // never answers: the sender's timeout fires
      if (mode.value === '503') {
        response.writeHead(503).end('unavailable');
        return;
      }
      call.answer = answer(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(call.answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`, calls, mode };
}

describe('delivery on every channel', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let smtp: SmtpCapture | undefined;
  const mails = (): CapturedMail[] => smtp?.mails ?? [];
  let sms: Awaited<ReturnType<typeof startProvider>>;
  let zalo: Awaited<ReturnType<typeof startProvider>>;
  let staff: string;

  async function citizen(channels: string[], extra: Record<string, unknown> = {}) {
    const sub = `5f0d3c1e-0000-4000-8000-${randomUUID().slice(-12)}`;
    const token = await keyed.token({ sub });
    const suffix = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    for (const [channel, address] of [
      ['EMAIL', `nguoi.dan.${suffix}@example.vn`],
      ['SMS', `09${suffix}`],
      ['ZALO', `09${suffix}`],
    ] as const) {
      const { body } = await hub.graphql('mutation($c: DeliveryChannel!, $a: String!) { setContactPoint(channel: $c, address: $a) { channel } }', { token, variables: { c: channel, a: address } });
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    }
    const { body } = await hub.graphql('mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { channels } }', {
      token,
      variables: { input: { channels, ...extra } },
    });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return { sub, token, email: `nguoi.dan.${suffix}@example.vn` };
  }
  async function publish(ownerId: string, code = `000.00.01.H29-261206-${randomUUID().slice(0, 4)}`) {
    const id = randomUUID();
    await hub.bus.publish({ id, topic: 'dossier.result-ready', occurredAt: new Date().toISOString(), payload: { code, citizenId: ownerId } });
    return { id, code };
  }
  async function deliveries(status?: string): Promise<{ id: string; channel: string; status: string; attempts: number; lastError: string | null }[]> {
    const { body } = await hub.graphql('query($s: DeliveryStatus) { deliveries(status: $s, first: 100) { id channel status attempts lastError } }', { token: staff, variables: { s: status } });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['deliveries'] as { id: string; channel: string; status: string; attempts: number; lastError: string | null }[];
  }
  async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
    for (let waited = 0; waited < ms; waited += 100) {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      await sleep(100);
    }
    assert.fail(`timed out waiting for ${what}`);
  }

  before(async () => {
    smtp = await startSmtpCapture();
    sms = await startProvider(() => ({ messageId: `sms-${randomUUID()}` }));
    zalo = await startProvider(() => ({ error: 0, message: 'Success', data: { msg_id: `zns-${randomUUID()}` } }));
    keyed = await startHubWithRealmKeys({
      subgraphEnv: {
        NOTIFICATION_SMTP_HOST: '127.0.0.1',
        NOTIFICATION_SMTP_PORT: String(smtp.port),
        NOTIFICATION_SMS_URL: sms.url,
        NOTIFICATION_SMS_API_KEY: 'sms-test-key',
        NOTIFICATION_ZALO_URL: zalo.url,
        NOTIFICATION_ZALO_ACCESS_TOKEN: 'zalo-test-token',
        NOTIFICATION_ZALO_TEMPLATE_ID: '123456',
        NOTIFICATION_SMS_RECEIPT_SECRET: RECEIPT_SECRET,
        NOTIFICATION_DELIVERY_MAX_ATTEMPTS: '3',
        NOTIFICATION_DELIVERY_RETRY_BASE_MS: '100',
        NOTIFICATION_DELIVERY_RETRY_MAX_MS: '400',
        // Long enough for a loaded machine's SMTP round trip: a send that times out may still arrive, and is sent again.
        NOTIFICATION_PROVIDER_TIMEOUT_MS: '2500',
        NOTIFICATION_DELIVERY_POLL_MS: '100',
      },
    });
    hub = keyed.hub;
    staff = await keyed.token({ sub: communications.sub, roles: ['communications'] });
  });
  after(async () => {
    await keyed?.close();
    await smtp?.close();
    sms?.server.closeAllConnections();
    zalo?.server.closeAllConnections();
    await new Promise<void>((resolve) => sms?.server.close(() => resolve()));
    await new Promise<void>((resolve) => zalo?.server.close(() => resolve()));
  });

  test('one event: the inbox, and each chosen channel once — e-mail with text and HTML parts, SMS and Zalo with their keys', async () => {
    const person = await citizen(['EMAIL', 'SMS', 'ZALO']);
    const { code } = await publish(person.sub);
    const mail = await until('the e-mail', () => mails().find((one) => one.to.includes(person.email)));
    assert.ok(mail.raw.includes('text/plain') && mail.raw.includes('text/html'), 'both parts');
    const text = await until('the SMS', () => sms.calls.find((call) => String(call.body['text']).includes(code)));
    assert.equal(text.headers.authorization, 'Bearer sms-test-key');
    assert.match(String(text.body['to']), /^849\d{8}$/, 'international format');
    const zns = await until('the Zalo message', () => zalo.calls.find((call) => JSON.stringify(call.body['template_data']).includes(code)));
    assert.equal(zns.headers['access_token'], 'zalo-test-token');
    assert.equal(zns.body['template_id'], '123456');
    const { body } = await hub.graphql('{ me { notifications { kind } contactPoints { channel address verified } } }', { token: person.token });
    const me = body.data?.['me'] as { notifications: { kind: string }[]; contactPoints: { channel: string; address: string; verified: boolean }[] };
    assert.deepEqual(
      me.notifications.map((message) => message.kind),
      ['DOSSIER_RESULT'],
    );
    assert.ok(
      me.contactPoints.every((contact) => contact.address.includes('•') && !contact.verified),
      'masked, unverified',
    );
    await sleep(500);
    assert.equal(mails().filter((one) => one.to.includes(person.email)).length, 1, 'one e-mail');
    assert.equal(sms.calls.filter((call) => String(call.body['text']).includes(code)).length, 1, 'one SMS');
  });

  test('a provider answering 503 is retried with backoff, then dead-lettered; e-mail and Zalo are not held up; an operator retries it', async () => {
    const person = await citizen(['EMAIL', 'SMS', 'ZALO']);
    sms.mode.value = '503';
    const { code } = await publish(person.sub);
    await until('the e-mail', () => mails().find((one) => one.to.includes(person.email)));
    await until('the Zalo message', () => zalo.calls.find((call) => JSON.stringify(call.body['template_data']).includes(code)));
    const dead = await until('the dead letter', async () => (await deliveries('FAILED')).find((delivery) => delivery.channel === 'SMS' && delivery.lastError === 'HTTP_503'));
    assert.equal(dead.attempts, 3);
    assert.equal(sms.calls.filter((call) => String(call.body['text']).includes(code)).length, 3, 'three attempts');
    sms.mode.value = 'ok';
    const retried = await hub.graphql('mutation($id: ID!) { retryDelivery(id: $id) { status attempts } }', { token: staff, variables: { id: dead.id } });
    assert.deepEqual(retried.body.data?.['retryDelivery'], { status: 'QUEUED', attempts: 0 });
    await until('the retried SMS sent', async () => (await deliveries('SENT')).find((delivery) => delivery.id === dead.id));
    assert.equal(codeOf((await hub.graphql('mutation($id: ID!) { retryDelivery(id: $id) { status } }', { token: staff, variables: { id: dead.id } })).body), 'ILLEGAL_TRANSITION');
    const citizenTry = await hub.graphql('mutation($id: ID!) { retryDelivery(id: $id) { status } }', { token: person.token, variables: { id: dead.id } });
    assert.equal(codeOf(citizenTry.body), 'FORBIDDEN');
  });

  test('a provider that never answers times out, is retried, then dead-lettered', async () => {
    const person = await citizen(['SMS']);
    sms.mode.value = 'hang';
    try {
      const { code } = await publish(person.sub);
      await until('the timed-out dead letter', async () => (await deliveries('FAILED')).find((delivery) => delivery.lastError === 'TIMEOUT'));
      assert.equal(sms.calls.filter((call) => String(call.body['text']).includes(code)).length, 3);
    } finally {
      sms.mode.value = 'ok';
      sms.server.closeAllConnections();
    }
  });

  test('receipts: a signed one marks the SMS delivered; forged, replayed, unsigned or unconfigured ones are refused', async () => {
    const person = await citizen(['SMS']);
    const { code } = await publish(person.sub);
    const call = await until('the SMS', () => sms.calls.find((one) => String(one.body['text']).includes(code) && one.answer));
    const messageId = (call.answer as { messageId: string }).messageId;
    const sent = await until('the SMS sent', async () => (await deliveries('SENT')).find((delivery) => delivery.channel === 'SMS'));
    assert.ok(sent);
    const receiptUrl = `${hub.gatewayUrl}/api/notification/receipts/sms`;
    const post = (body: string, headers: Record<string, string>) => fetch(receiptUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const now = String(Math.floor(Date.now() / 1000));
    const forgedBody = JSON.stringify({ messageId, status: 'DELIVERED' });
    const refused: Record<string, string>[] = [
      {},
      { 'x-receipt-timestamp': now, 'x-receipt-signature': signReceipt('not-the-secret-at-all', now, forgedBody) },
      { 'x-receipt-timestamp': String(Number(now) - 3600), 'x-receipt-signature': signReceipt(RECEIPT_SECRET, String(Number(now) - 3600), forgedBody) },
      { 'x-receipt-timestamp': now, 'x-receipt-signature': signReceipt(RECEIPT_SECRET, now, forgedBody.replace('DELIVERED', 'FAILED')) },
    ];
    for (const headers of refused) {
      const response = await post(forgedBody, headers);
      assert.equal(response.status, 401);
      assert.equal(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'RECEIPT_SIGNATURE_INVALID');
    }
    const unconfigured = await fetch(`${hub.gatewayUrl}/api/notification/receipts/email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: forgedBody });
    assert.equal(unconfigured.status, 503);
    const bad = '{"messageId": 42}';
    const badReply = await post(bad, { 'x-receipt-timestamp': now, 'x-receipt-signature': signReceipt(RECEIPT_SECRET, now, bad) });
    assert.equal(badReply.status, 400, await badReply.text());
    // Nothing the refused receipts said took effect.
    const before = await hub.graphql('{ deliveries(status: DELIVERED, channel: SMS, first: 100) { id } }', { token: staff });
    assert.equal((before.body.data?.['deliveries'] as unknown[]).length, 0);
    const good = await post(forgedBody, { 'x-receipt-timestamp': now, 'x-receipt-signature': signReceipt(RECEIPT_SECRET, now, forgedBody) });
    assert.equal(good.status, 200);
    assert.deepEqual(await good.json(), { updated: true });
    const delivered = await hub.graphql('{ deliveries(status: DELIVERED, channel: SMS, first: 100) { status deliveredAt } }', { token: staff });
    assert.equal((delivered.body.data?.['deliveries'] as { deliveredAt: string }[])[0]?.deliveredAt !== null, true);
    // The same receipt again changes nothing more.
    const again = await post(forgedBody, { 'x-receipt-timestamp': now, 'x-receipt-signature': signReceipt(RECEIPT_SECRET, now, forgedBody) });
    assert.deepEqual(await again.json(), { updated: false });
  });

  test('quiet hours hold SMS back until they end; in-app goes at once', async () => {
    const local = new Date(Date.now() + 7 * 3_600_000);
    const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
    const clock = (value: number) => {
      const wrapped = (value + 1440) % 1440;
      return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
    };
    const person = await citizen(['SMS'], { quietHours: { start: clock(minute - 60), end: clock(minute + 60) } });
    const { code } = await publish(person.sub);
    await until(
      'the in-app message',
      async () => ((await hub.graphql('{ me { notifications { kind } } }', { token: person.token })).body.data?.['me'] as { notifications: unknown[] }).notifications.length === 1 || undefined,
    );
    await sleep(800);
    assert.equal(sms.calls.filter((call) => String(call.body['text']).includes(code)).length, 0, 'held back');
    const queued = (await deliveries('QUEUED')).filter((delivery) => delivery.channel === 'SMS');
    assert.ok(queued.length >= 1);
  });

  test('contact points: bad addresses are refused without echoing them', async () => {
    const token = await keyed.token({ sub: `5f0d3c1e-0000-4000-8000-${randomUUID().slice(-12)}` });
    for (const [channel, address] of [
      ['EMAIL', 'not-an-email'],
      ['SMS', '12345'],
      ['ZALO', '0201234567'],
      ['IN_APP', 'x@example.vn'],
    ] as const) {
      const { body } = await hub.graphql('mutation($c: DeliveryChannel!, $a: String!) { setContactPoint(channel: $c, address: $a) { channel } }', { token, variables: { c: channel, a: address } });
      assert.equal(codeOf(body), 'BAD_USER_INPUT', channel);
      assert.ok(!JSON.stringify(body).includes(address), 'the address is not echoed');
    }
  });
});
