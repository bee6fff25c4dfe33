// Live updates through the real gateway: subscriptions over graphql-ws (WebSocket upgrade of /graphql)
// and SSE (graphql-sse), routed to the owning subgraph, which reads its events from the bus. One path end
// to end: an item is resolved → the reporter's inbox has it → their e-mail reaches a real SMTP server →
// their open subscriptions receive the message and the status. Then what is refused (not a subscription,
// bad tokens, fields one may not see, malformed protocol messages), another person's events never
// shown, streams ended by token expiry and logout, and a subscription that survives its upstream
// connection dropping.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { connect as connectTcp, createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server as TcpServer, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import { importJWK, SignJWT } from 'jose';
import WebSocket from 'ws';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { createInternalTokenSigner, GRAPHQL_PURPOSE } from '../../auth/internal-token.ts';
import type { Hub } from '../../testing/hub.ts';
import { startSmtpCapture } from '../../testing/smtp-capture.ts';
import type { CapturedMail, SmtpCapture } from '../../testing/smtp-capture.ts';
import { feedbackCastTokens, mintAccessToken, startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { FeedbackCast, KeyedHub } from '../../testing/tokens.ts';
import { until } from '../../testing/wait.ts';

const [an] = DEMO_ACCOUNTS;
const NOTIFICATIONS = 'subscription { notificationReceived { title kind link read } }';
const STATUS = 'subscription($code: String) { myFeedbackStatusChanged(code: $code) { code status } }';

interface Result {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** Results of one subscription as they arrive, and how it ended. */
interface Received {
  readonly results: Result[];
  ended: unknown;
  stop(): void;
}

/** A TCP proxy in front of the notification subgraph: `restart()` drops every connection and refuses new ones for `ms`, as a restarting subgraph does. */
async function startTcpProxy(): Promise<{ url: string; target: { port: number }; restart(ms: number): Promise<void>; server: TcpServer }> {
  const target = { port: 0 };
  const sockets = new Set<Socket>();
  let down = false;
  const server = createTcpServer((inbound) => {
    if (down) return void inbound.destroy();
    const outbound = connectTcp(target.port, '127.0.0.1');
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    target,
    server,
    async restart(ms) {
      down = true;
      for (const socket of sockets) socket.destroy();
      await sleep(ms);
      down = false;
    },
  };
}

describe('live updates through the gateway', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let tokens: FeedbackCast;
  let smtp: SmtpCapture | undefined;
  const mails = (): CapturedMail[] => smtp?.mails ?? [];
  const clients: Client[] = [];
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;

  function wsClient(token: string | undefined, via: 'params' | 'header' = 'params'): Client {
    const url = hub.gatewayUrl.replace(/^http/, 'ws') + '/graphql';
    const headers = token && via === 'header' ? { authorization: `Bearer ${token}` } : undefined;
    class Socket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, headers ? { headers } : {});
      }
    }
    const client = createClient({ url, webSocketImpl: Socket, retryAttempts: 0, lazy: true, ...(token && via === 'params' ? { connectionParams: { Authorization: `Bearer ${token}` } } : {}) });
    clients.push(client);
    return client;
  }

  function watch(client: Client, query: string, variables: Record<string, unknown> = {}): Received {
    const received: Received = { results: [], ended: undefined, stop: () => {} };
    received.stop = client.subscribe(
      { query, variables },
      {
        next: (result) => void received.results.push(result as Result),
        error: (error) => void (received.ended = error),
        complete: () => void (received.ended ??= 'complete'),
      },
    );
    return received;
  }

  function watchSse(token: string | undefined, query: string, variables: Record<string, unknown> = {}): Received {
    const client = createSseClient({ url: `${hub.gatewayUrl}/graphql`, retryAttempts: 0, headers: token ? { authorization: `Bearer ${token}` } : {} });
    const received: Received = { results: [], ended: undefined, stop: () => {} };
    const unsubscribe = client.subscribe(
      { query, variables },
      {
        next: (result) => void received.results.push(result as Result),
        error: (error) => void (received.ended = error),
        complete: () => void (received.ended ??= 'complete'),
      },
    );
    received.stop = () => {
      unsubscribe();
      client.dispose();
    };
    return received;
  }

  async function act(who: keyof FeedbackCast, code: string, action: string, input?: Record<string, unknown>) {
    const { body } = await hub.graphql(
      'mutation($code: String!, $action: FeedbackAction!, $input: FeedbackActionInput) { transitionFeedback(code: $code, action: $action, input: $input) { status } }',
      {
        token: tokens[who],
        variables: { code, action, input },
      },
    );
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  }
  async function submit(who: keyof FeedbackCast): Promise<string> {
    const { body } = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', {
      token: tokens[who],
      variables: { input: { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm lòng đường', content: 'Xe máy đậu kín lòng đường trước chợ Bến Thành.', lat: 10.7725, lng: 106.698 } },
    });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return (body.data?.['submitFeedback'] as { code: string }).code;
  }
  /**
   * A subscription is open at the subgraph once the gateway's upstream connection is acknowledged and the
   * subgraph has checked the subscription's own token: give it a moment (over a second on a loaded machine).
   */
  const settle = () => sleep(1_500);

  before(async () => {
    smtp = await startSmtpCapture();
    proxy = await startTcpProxy();
    keyed = await startHubWithRealmKeys({
      // The gateway reaches the notification subgraph through the proxy (the last test restarts it).
      gatewayEnv: { SUBSCRIPTION_RECHECK_MS: '200', NOTIFICATION_URL: proxy.url },
      subgraphEnv: { NOTIFICATION_SMTP_HOST: '127.0.0.1', NOTIFICATION_SMTP_PORT: String(smtp.port), NOTIFICATION_DELIVERY_POLL_MS: '100' },
    });
    hub = keyed.hub;
    proxy.target.port = Number(new URL(hub.subgraphUrls['notification']!).port);
    tokens = await feedbackCastTokens(keyed);
  });
  after(async () => {
    for (const client of clients) await client.dispose();
    await keyed?.close();
    await smtp?.close();
    await new Promise<void>((resolve) => proxy?.server.close(() => resolve()));
  });

  test('resolved → inbox → e-mail at the SMTP server → the open graphql-ws and SSE subscriptions, the reporter only', async () => {
    const email = `an.nguyen.${randomUUID().slice(0, 8)}@example.vn`;
    for (const [query, variables] of [
      ['mutation($a: String!) { setContactPoint(channel: EMAIL, address: $a) { channel } }', { a: email }],
      ['mutation { updateNotificationPreferences(input: { channels: [IN_APP, EMAIL] }) { channels } }', {}],
    ] as const) {
      const { body } = await hub.graphql(query, { token: tokens.an, variables });
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    }
    const code = await submit('an');
    const inbox = watch(wsClient(tokens.an), NOTIFICATIONS);
    const status = watchSse(tokens.an, STATUS, { code });
    const sseInbox = watchSse(tokens.an, NOTIFICATIONS);
    const other = watch(wsClient(tokens.cuong, 'header'), NOTIFICATIONS);
    const otherStatus = watchSse(tokens.cuong, STATUS);
    await settle();

    await act('officer', code, 'START');
    await act('officer', code, 'RESOLVE', { resultText: 'Đã xử lý, lòng đường thông thoáng.' });

    const resolved = await until('the resolved message on graphql-ws', () =>
      inbox.results.find((result) => (result.data?.['notificationReceived'] as { kind: string } | undefined)?.kind === 'FEEDBACK_RESOLVED'),
    );
    assert.deepEqual(Object.keys(resolved.data!['notificationReceived'] as object), ['title', 'kind', 'link', 'read'], 'the client’s selection, in its order');
    assert.equal((resolved.data!['notificationReceived'] as { link: string }).link, code);
    await until('the resolved message over SSE', () => sseInbox.results.some((result) => (result.data?.['notificationReceived'] as { kind: string } | undefined)?.kind === 'FEEDBACK_RESOLVED'));
    await until('IN_PROGRESS then RESOLVED over SSE', () => {
      const seen = status.results.map((result) => (result.data?.['myFeedbackStatusChanged'] as { status: string }).status);
      return seen.includes('IN_PROGRESS') && seen.includes('RESOLVED') ? seen : undefined;
    });
    const listed = await hub.graphql('{ me { notifications { kind link } } }', { token: tokens.an });
    assert.ok(
      (listed.body.data?.['me'] as { notifications: { kind: string; link: string }[] }).notifications.some((one) => one.kind === 'FEEDBACK_RESOLVED' && one.link === code),
      'the inbox has it',
    );
    await until('the e-mail at the SMTP server', () => mails().some((mail) => mail.to.includes(email) && mail.raw.includes(code)));

    await sleep(300);
    assert.equal(other.results.length, 0, "another citizen's subscription receives nothing of an's");
    assert.equal(otherStatus.results.length, 0);
    for (const one of [inbox, status, sseInbox, other, otherStatus]) one.stop();
  });

  test('a rejection (reason kept on the item) and a progress report reach the reporter: inbox and subscription', async () => {
    const rejected = await submit('an');
    const progressing = await submit('an');
    const inbox = watch(wsClient(tokens.an), NOTIFICATIONS);
    await settle();
    await act('operator', rejected, 'REJECT', { reason: 'Lý do riêng XK-4417 của tổ tiếp nhận.' });
    await act('officer', progressing, 'START');
    await act('officer', progressing, 'REPORT_PROGRESS', { committedAt: new Date(Date.now() + 3 * 86_400_000).toISOString() });
    const kinds = await until('both messages live', () => {
      const seen = inbox.results.map((result) => result.data?.['notificationReceived'] as { kind: string; link: string });
      const rejection = seen.find((one) => one.kind === 'FEEDBACK_REJECTED' && one.link === rejected);
      const progress = seen.find((one) => one.kind === 'FEEDBACK_PROGRESS_REPORTED' && one.link === progressing);
      return rejection && progress ? [rejection, progress] : undefined;
    });
    assert.equal(kinds.length, 2);
    const { body } = await hub.graphql('{ me { notifications(first: 50) { kind link body } } }', { token: tokens.an });
    const messages = (body.data?.['me'] as { notifications: { kind: string; link: string; body: string }[] }).notifications;
    const rejection = messages.filter((one) => one.kind === 'FEEDBACK_REJECTED' && one.link === rejected);
    assert.equal(rejection.length, 1);
    assert.ok(!rejection[0]!.body.includes('XK-4417'), 'the reason stays on the item, never in the message');
    assert.equal(messages.filter((one) => one.kind === 'FEEDBACK_PROGRESS_REPORTED' && one.link === progressing).length, 1);
    inbox.stop();
  });

  test("a dossier's status change reaches its owner only, read back from the dossier subgraph (an event naming the wrong owner shows nothing)", async () => {
    const { body } = await hub.graphql('{ me { dossiers { code status } } }', { token: tokens.an });
    const dossiers = (body.data?.['me'] as { dossiers: { code: string; status: string }[] }).dossiers;
    assert.ok(dossiers.length > 0, JSON.stringify(body));
    const mine = dossiers[0]!;
    const others = await hub.graphql('{ me { dossiers { code } } }', { token: tokens.cuong });
    const theirs = (others.body.data?.['me'] as { dossiers: { code: string }[] }).dossiers.find((one) => !dossiers.some((own) => own.code === one.code));
    const live = watchSse(tokens.an, 'subscription { myDossierStatusChanged { code status } }');
    await settle();
    const publish = (code: string) =>
      hub.bus.publish({
        id: randomUUID(),
        topic: 'dossier.status-changed',
        occurredAt: new Date().toISOString(),
        payload: { code, citizenId: an!.sub, agencyCode: 'X', procedureCode: 'Y', from: null, to: mine.status },
      });
    // An event that names an as the owner of someone else's dossier: the subgraph reads the dossier back and shows nothing.
    assert.ok(theirs, 'another citizen has a dossier of their own');
    await publish(theirs.code);
    await publish(mine.code);
    await until('the status change', () => live.results.length > 0);
    await sleep(200);
    assert.deepEqual(
      live.results.map((result) => result.data?.['myDossierStatusChanged']),
      [{ code: mine.code, status: mine.status }],
    );
    live.stop();
  });

  test('refused: not a subscription, over JSON; a bad token; a field one may not see; malformed protocol messages', async () => {
    const notOne = watch(wsClient(tokens.an), '{ me { id } }');
    await until('the refusal', () => notOne.ended);
    assert.equal((notOne.ended as Result['errors'])?.[0]?.extensions?.['code'], 'NOT_A_SUBSCRIPTION');

    const sseQuery = await fetch(`${hub.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${tokens.an}` },
      body: JSON.stringify({ query: 'mutation { removeContactPoint(channel: SMS) }' }),
    });
    assert.equal(sseQuery.status, 400);
    assert.equal(((await sseQuery.json()) as Result).errors?.[0]?.extensions?.['code'], 'NOT_A_SUBSCRIPTION');

    const overJson = await hub.graphql(NOTIFICATIONS, { token: tokens.an });
    assert.equal(overJson.status, 400);
    assert.equal(overJson.body.errors?.[0]?.extensions?.['code'], 'BAD_REQUEST');

    const anonymous = watch(wsClient(undefined), NOTIFICATIONS);
    await until('the anonymous refusal', () => anonymous.ended);
    assert.equal((anonymous.ended as Result['errors'])?.[0]?.extensions?.['code'], 'UNAUTHENTICATED');

    const forged = watch(wsClient(`${tokens.an.slice(0, -4)}AAAA`), NOTIFICATIONS);
    await until('the bad token closes the connection', () => forged.ended);
    assert.equal((forged.ended as { code: number }).code, 4401);

    const sseForged = await fetch(`${hub.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'Bearer nonsense' },
      body: JSON.stringify({ query: NOTIFICATIONS }),
    });
    assert.equal(sseForged.status, 401);

    // A partner client without the scope may not subscribe to an inbox: the whole subscription is refused.
    const unscoped = await mintAccessToken(keyed.keys.key, hub.idp.issuer, { sub: an!.sub, scope: 'openid' });
    const denied = watchSse(unscoped, NOTIFICATIONS);
    await until('the scope refusal', () => denied.ended);

    // Malformed protocol messages: graphql-ws closes with 4400 (bad JSON, a subscribe before connection_init).
    for (const message of ['not json', JSON.stringify({ type: 'subscribe', id: '1', payload: { query: NOTIFICATIONS } })]) {
      const socket = new WebSocket(hub.gatewayUrl.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
      await new Promise((resolve) => socket.once('open', resolve));
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      socket.send(message);
      assert.ok([4400, 4401].includes(await closed), message);
    }
    const wrongProtocol = new WebSocket(hub.gatewayUrl.replace(/^http/, 'ws') + '/graphql', 'nonsense');
    const wrongClosed = await new Promise<number>((resolve) => {
      wrongProtocol.once('close', (code) => resolve(code));
      wrongProtocol.once('error', () => resolve(-1));
    });
    assert.notEqual(wrongClosed, 1000, 'an unknown subprotocol is not served');
    const elsewhere = new WebSocket(hub.gatewayUrl.replace(/^http/, 'ws') + '/elsewhere', 'graphql-transport-ws');
    await new Promise<void>((resolve) => {
      elsewhere.once('error', () => resolve());
      elsewhere.once('close', () => resolve());
    });
  });

  test('a subgraph reached directly holds the line: no internal token, no upgrade; a viewer without the scope is refused before it subscribes', async () => {
    const url = hub.subgraphUrls['notification']!.replace(/^http/, 'ws');
    const direct = (headers: Record<string, string>) => {
      class Socket extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { headers });
        }
      }
      const client = createClient({ url, webSocketImpl: Socket, retryAttempts: 0, lazy: true });
      clients.push(client);
      return client;
    };
    const anonymous = watch(direct({}), NOTIFICATIONS);
    await until('the refused upgrade', () => anonymous.ended);
    assert.equal(anonymous.results.length, 0);

    const signer = await createInternalTokenSigner(hub.internalKey);
    const unscoped = await signer.sign({ subject: an!.sub, roles: ['citizen'], scopes: [], level: 2 }, undefined, GRAPHQL_PURPOSE);
    const refused = watch(direct({ authorization: `Bearer ${unscoped}` }), NOTIFICATIONS);
    await until('the scope refusal', () => refused.ended || refused.results.length > 0);
    const errors = (Array.isArray(refused.ended) ? refused.ended : refused.results[0]?.errors) as Result['errors'];
    assert.equal(errors?.[0]?.extensions?.['code'], 'FORBIDDEN', JSON.stringify(errors));
  });

  test('token expiry and logout end the stream with SUBSCRIPTION_ENDED', async () => {
    const now = Math.floor(Date.now() / 1000);
    const short = await mintAccessToken(keyed.keys.key, hub.idp.issuer, { sub: an!.sub }, { iat: now, exp: now + 2 });
    const expiring = watch(wsClient(short), NOTIFICATIONS);
    const expiringSse = watchSse(short, NOTIFICATIONS);
    await until('the expiry', () => expiring.ended && expiringSse.ended, 10_000);
    for (const one of [expiring, expiringSse])
      assert.equal(
        one.results.at(-1)?.errors?.[0]?.extensions?.['code'],
        'SUBSCRIPTION_ENDED',
        JSON.stringify([one.results, one.ended, (one.ended as { code?: number; reason?: string }).code, (one.ended as { reason?: string }).reason]),
      );

    const sid = `session-${randomUUID()}`;
    const session = await mintAccessToken(keyed.keys.key, hub.idp.issuer, { sub: an!.sub, sid });
    const open = watch(wsClient(session), NOTIFICATIONS);
    const openSse = watchSse(session, NOTIFICATIONS);
    await settle();
    assert.equal(open.ended, undefined);
    const logout = await new SignJWT({ events: { 'http://schemas.openid.net/event/backchannel-logout': {} }, jti: randomUUID(), sub: an!.sub, sid })
      .setProtectedHeader({ alg: 'RS256', typ: 'logout+jwt', kid: keyed.keys.key.kid })
      .setIssuer(hub.idp.issuer)
      .setAudience('portal-1022')
      .setIssuedAt()
      .setExpirationTime('2m')
      .sign(await importJWK(keyed.keys.key, 'RS256'));
    const response = await fetch(`${hub.gatewayUrl}/auth/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: logout }).toString(),
    });
    assert.equal(response.status, 200);
    await until('the logout', () => open.ended && openSse.ended, 5_000);
    for (const one of [open, openSse]) assert.equal(one.results.at(-1)?.errors?.[0]?.extensions?.['code'], 'SUBSCRIPTION_ENDED');
  });

  test('a subscription survives a restart of its subgraph: the gateway resubscribes, the client sees nothing of it', async () => {
    const inbox = watch(wsClient(tokens.cuong), NOTIFICATIONS);
    const sse = watchSse(tokens.cuong, NOTIFICATIONS);
    await settle();
    await proxy.restart(1_000);
    // Resubscribed with backoff once the subgraph answers again.
    await sleep(1_500);
    const code = await submit('cuong');
    const arrived = (one: Received) => one.results.some((result) => (result.data?.['notificationReceived'] as { link: string } | undefined)?.link === code);
    await until('the routed message after the restart', () => arrived(inbox) && arrived(sse));
    assert.equal(inbox.ended, undefined);
    assert.equal(sse.ended, undefined);
    inbox.stop();
    sse.stop();
  });
});
