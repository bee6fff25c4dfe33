// The inbox of both portals against a real hub, without a browser: a signed-in citizen's messages newest
// first with links to the feedback item or dossier, notices with emergencies first, the unread count in
// the header, "mark read" and "mark all read" as plain forms that change the inbox through the gateway,
// someone else's message and bad ids refused cleanly, and the live stream a page's script reads (a new
// message and a status change as an officer resolves the citizen's item), the access token never in it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TEST_CLIENT_ID, TEST_REDIRECT_URI } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { loginWithPkce } from '../../testing/oidc-login.ts';
import { portalFormPost, signInAtPortal, startHubWithPortals } from '../../testing/portals.ts';
import type { Portals, RunningPortal } from '../../testing/portals.ts';

const SCOPE = 'openid profile feedback:read feedback:write dossier:read notification:read';
/** Demo messages of an.nguyen (subgraphs/notification/prisma/seed-data.ts). */
const SEEDED = { feedback: 'PHA261000483917', dossier: '000.00.12.H29-260915-0187' };

let hub: Hub;
let portals: Portals;
/** Access tokens of the test's own client (the gateway, as each person). */
const tokens: Record<'an' | 'binh' | 'officer', string> = { an: '', binh: '', officer: '' };
/** an.nguyen's cookies, signed in at both portals (single sign-on at the second). */
let cookie = '';

const formPost = portalFormPost;
const signIn = signInAtPortal;

const page = async (portal: RunningPortal, path: string, init: RequestInit = {}) => {
  const response = await fetch(`${portal.url}${path}`, { redirect: 'manual', ...init, headers: { cookie, ...(init.headers as Record<string, string> | undefined) } });
  return { status: response.status, html: await response.text(), headers: response.headers };
};
const post = (portal: RunningPortal, path: string, fields: Record<string, string>) => page(portal, path, formPost(fields));
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const headerCount = (html: string) => Number(/id="unread-count">(\d+)</.exec(html)?.[1] ?? Number.NaN);

async function gateway<Data>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const { body } = await hub.graphql(query, { token, variables });
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Data;
}
const inboxOf = (token: string) =>
  gateway<{ me: { unreadNotificationCount: number; notifications: { id: string; read: boolean; link: string | null; kind: string }[] } }>(
    token,
    '{ me { unreadNotificationCount notifications(first: 100) { id read link kind } } }',
  ).then((data) => data.me);

before(async () => {
  ({ hub, portals } = await startHubWithPortals());
  const login = async (username: string) =>
    (await loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username, password: 'demo', scope: SCOPE })).accessToken;
  tokens.an = await login('an.nguyen');
  tokens.binh = await login('binh.tran');
  tokens.officer = await login('dung.pham');
  cookie = await signIn(portals.feedback, 'an.nguyen', portals.services);
});
after(async () => {
  await portals?.close();
  await hub?.close();
});

describe('the inbox page', () => {
  test('newest first, unread marked, each entry linking to its feedback item or dossier, on both portals; notices with emergencies first', async () => {
    const expected = await inboxOf(tokens.an);
    assert.ok(expected.unreadNotificationCount > 0, 'the demo citizen has unread messages');
    for (const portal of [portals.feedback, portals.services]) {
      const { status, html, headers } = await page(portal, '/thong-bao');
      assert.equal(status, 200, portal.kind);
      assert.equal(headerCount(html), expected.unreadNotificationCount, 'the unread count in the header');
      const ids = [...html.matchAll(/<li class="(read|unread)" id="n-([0-9a-f-]+)"/g)].map((match) => ({ read: match[1] === 'read', id: match[2] }));
      assert.deepEqual(
        ids,
        expected.notifications.map(({ id, read }) => ({ id, read })),
        'every message, in the gateway’s order (newest first), read or not',
      );
      const times = [...html.matchAll(/<li class="(?:read|unread)"[\s\S]*?<time datetime="([^"]+)"/g)].map((match) => Date.parse(match[1]!));
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
        'newest first',
      );
      assert.equal((html.match(/<span class="new">/g) ?? []).length, expected.unreadNotificationCount, 'each unread one marked in words');
      const feedbackBase = portal.kind === 'feedback' ? '' : portals.feedback.url;
      const servicesBase = portal.kind === 'services' ? '' : portals.services.url;
      assert.ok(html.includes(`href="${feedbackBase}/phan-anh/${SEEDED.feedback}"`), `${portal.kind}: a feedback message leads to the item's page`);
      assert.ok(html.includes(`href="${servicesBase}/dossiers/${encodeURIComponent(SEEDED.dossier)}"`), `${portal.kind}: a dossier message leads to the dossier`);
      // Notices: the emergency ones first, marked in words.
      const kinds = [...(/<ul class="notes" id="notice-feed">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '').matchAll(/data-kind="([A-Z]+)"/g)].map((match) => match[1]);
      assert.ok(kinds.length > 0 && kinds[0] === 'EMERGENCY', `notices: ${kinds.join(',')}`);
      assert.deepEqual(kinds, [...kinds.filter((kind) => kind === 'EMERGENCY'), ...kinds.filter((kind) => kind !== 'EMERGENCY')]);
      assert.match(html, /Khẩn cấp <span class="en">Emergency<\/span>/);
      // The page works without its script; the script and the stream come from this portal only.
      assert.match(headers.get('content-security-policy') ?? '', /script-src 'self'; connect-src 'self'/);
      assert.match(html, /<script src="\/assets\/live\.js" defer><\/script>/);
      assert.match(html, /<form method="post" action="\/thong-bao\/da-doc-tat-ca"/);
      assert.ok(!html.includes(tokens.an), 'no token in the page');
    }
    // The linked row exists on the 1022 portal's "my feedback"; its header has the count too.
    const home = await page(portals.feedback, '/');
    assert.ok(home.html.includes(`id="item-${SEEDED.feedback}"`), 'the item a message links to is on "my feedback"');
    assert.equal(headerCount(home.html), expected.unreadNotificationCount);
    // Every signed-in page has the count, the public ones too; pages without live updates keep their no-script policy.
    const tracking = await page(portals.services, '/tra-cuu');
    assert.equal(headerCount(tracking.html), expected.unreadNotificationCount);
    assert.ok(!(tracking.headers.get('content-security-policy') ?? '').includes('script-src'));
  });

  test('signed out: the inbox asks to sign in, its forms too, and the live stream answers 204', async () => {
    const inbox = await fetch(`${portals.feedback.url}/thong-bao`, { redirect: 'manual' });
    assert.equal(inbox.status, 302);
    assert.equal(inbox.headers.get('location'), '/auth/login?returnTo=%2Fthong-bao');
    const mark = await fetch(`${portals.feedback.url}/thong-bao/da-doc-tat-ca`, { ...formPost({ csrf: 'x' }), redirect: 'manual' });
    assert.equal(mark.status, 303);
    assert.equal((await fetch(`${portals.feedback.url}/thong-bao/live`)).status, 204);
  });
});

describe('mark read', () => {
  test('one message: through the gateway, the count goes down, the form goes; without the CSRF token nothing changes', async () => {
    const before = await inboxOf(tokens.an);
    const target = before.notifications.find((note) => !note.read);
    assert.ok(target);
    const inbox = await page(portals.services, '/thong-bao');
    const csrf = csrfOf(inbox.html);
    assert.equal((await post(portals.services, '/thong-bao/da-doc', { id: target.id })).status, 403, 'no CSRF token');
    assert.equal((await post(portals.services, '/thong-bao/da-doc', { id: target.id, csrf: 'forged' })).status, 403);
    assert.equal((await inboxOf(tokens.an)).unreadNotificationCount, before.unreadNotificationCount, 'nothing changed');

    const marked = await post(portals.services, '/thong-bao/da-doc', { id: target.id, csrf });
    assert.equal(marked.status, 303);
    assert.equal(marked.headers.get('location'), '/thong-bao');
    const after = await inboxOf(tokens.an);
    assert.equal(after.unreadNotificationCount, before.unreadNotificationCount - 1);
    assert.equal(after.notifications.find((note) => note.id === target.id)?.read, true, 'read at the gateway');
    const shown = await page(portals.services, '/thong-bao');
    assert.match(shown.html, /Đã đánh dấu đã đọc/, 'the one-time message');
    assert.equal(headerCount(shown.html), after.unreadNotificationCount);
    assert.ok(shown.html.includes(`<li class="read" id="n-${target.id}"`));
    assert.ok(!shown.html.includes(`name="id" value="${target.id}"`), 'no "mark read" form on a read message');
    // Again: already read, still fine (the same message back).
    assert.equal((await post(portals.services, '/thong-bao/da-doc', { id: target.id, csrf })).status, 303);
  });

  test("someone else's message is refused as if it did not exist (NOT_FOUND) and stays unread for them; bad ids are refused here", async () => {
    const binh = await inboxOf(tokens.binh);
    const theirs = binh.notifications.find((note) => !note.read);
    assert.ok(theirs, 'binh.tran has an unread message');
    const csrf = csrfOf((await page(portals.feedback, '/thong-bao')).html);
    const refused = await post(portals.feedback, '/thong-bao/da-doc', { id: theirs.id, csrf });
    assert.equal(refused.status, 404);
    assert.match(refused.html, /<div class="flash error" role="alert">[^<]*\(NOT_FOUND\)/);
    assert.match(refused.html, /id="inbox-list"/, 'the inbox is still shown');
    assert.equal((await inboxOf(tokens.binh)).notifications.find((note) => note.id === theirs.id)?.read, false, 'still unread for its owner');
    assert.equal((await post(portals.feedback, '/thong-bao/da-doc', { id: '00000000-0000-4000-8000-000000000000', csrf })).status, 404, 'an id nobody has');

    for (const id of ['', 'not-an-id', '<script>alert(1)</script>', 'a'.repeat(5000), `${theirs.id}' OR 1=1`]) {
      const bad = await post(portals.feedback, '/thong-bao/da-doc', { id, csrf });
      assert.equal(bad.status, 400, id.slice(0, 20));
      assert.match(bad.html, /role="alert">[^<]*\(BAD_USER_INPUT\)/);
      assert.ok(!bad.html.includes('<script>alert'), 'never echoed');
    }
    const missing = await post(portals.feedback, '/thong-bao/da-doc', { csrf });
    assert.equal(missing.status, 400);
  });

  test('all: every message read through the gateway, the count 0', async () => {
    const before = await inboxOf(tokens.an);
    assert.ok(before.unreadNotificationCount > 0);
    const csrf = csrfOf((await page(portals.feedback, '/thong-bao')).html);
    assert.equal((await post(portals.feedback, '/thong-bao/da-doc-tat-ca', { csrf: 'forged' })).status, 403);
    const marked = await post(portals.feedback, '/thong-bao/da-doc-tat-ca', { csrf });
    assert.equal(marked.status, 303);
    const after = await inboxOf(tokens.an);
    assert.equal(after.unreadNotificationCount, 0);
    assert.ok(after.notifications.every((note) => note.read));
    const shown = await page(portals.feedback, '/thong-bao');
    assert.match(shown.html, new RegExp(`Đã đánh dấu ${before.unreadNotificationCount} thông báo là đã đọc`));
    assert.equal(headerCount(shown.html), 0);
    assert.ok(!shown.html.includes('class="unread"'));
    assert.ok((await inboxOf(tokens.binh)).unreadNotificationCount > 0, "another person's inbox untouched");
  });
});

/** Server-sent events as they arrive on a response body. */
function readEvents(response: Response): { events: { event: string; data: string }[]; raw: () => string } {
  const events: { event: string; data: string }[] = [];
  let text = '';
  let buffer = '';
  void (async () => {
    const decoder = new TextDecoder();
    for await (const chunk of response.body!) {
      const piece = decoder.decode(chunk as Uint8Array, { stream: true });
      text += piece;
      buffer += piece;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
        if (event) events.push({ event, data: lines.find((line) => line.startsWith('data: '))?.slice(6) ?? '' });
      }
    }
  })().catch(() => {});
  return { events, raw: () => text };
}

async function until<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('the live stream', () => {
  test('an officer resolves the citizen’s item: the stream brings the new message (rendered, with its link), the count and the new status; never the token', async () => {
    const { submitFeedback } = await gateway<{ submitFeedback: { code: string } }>(tokens.an, 'mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', {
      input: { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm vỉa hè', content: 'Quán ăn bày bàn ghế kín vỉa hè trước chợ Bến Thành.', lat: 10.7725, lng: 106.698 },
    });
    const code = submitFeedback.code;
    // The "routed" message comes through the event bus: once it is in, the count holds still.
    await until('the routed message', async () => (await inboxOf(tokens.an)).notifications.some((note) => note.link === code && note.kind === 'FEEDBACK_ROUTED'));
    const abort = new AbortController();
    const response = await fetch(`${portals.feedback.url}/thong-bao/live`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const stream = readEvents(response);
    try {
      const ready = await until('ready', () => stream.events.find((event) => event.event === 'ready'));
      const unreadBefore = (JSON.parse(ready.data) as { unread: number }).unread;
      assert.equal(unreadBefore, (await inboxOf(tokens.an)).unreadNotificationCount);
      await new Promise((resolve) => setTimeout(resolve, 500)); // the subscriptions reach the subgraphs

      const act = (action: string, input?: Record<string, unknown>) =>
        gateway(tokens.officer, 'mutation($code: String!, $action: FeedbackAction!, $input: FeedbackActionInput) { transitionFeedback(code: $code, action: $action, input: $input) { status } }', {
          code,
          action,
          input,
        });
      await act('START');
      await act('RESOLVE', { resultText: 'Đã nhắc nhở, vỉa hè thông thoáng.' });

      const status = await until('the RESOLVED status', () => stream.events.find((event) => event.event === 'status' && (JSON.parse(event.data) as { status: string }).status === 'RESOLVED'));
      const changed = JSON.parse(status.data) as { code: string; badge: string };
      assert.equal(changed.code, code);
      assert.match(changed.badge, /^<span class="status ok" title="RESOLVED">Đã xử lý<\/span>$/);
      const message = await until('the resolved message', () =>
        stream.events
          .map((event) => (event.event === 'notification' ? (JSON.parse(event.data) as { html: string; unread: number; id: string }) : undefined))
          .find((data) => data?.html.includes('data-kind="FEEDBACK_RESOLVED"')),
      );
      assert.ok(message.html.includes(`href="/phan-anh/${code}"`), 'the entry links to the item');
      assert.ok(message.html.includes(`name="id" value="${message.id}"`), 'with its "mark read" form');
      assert.equal(message.unread, (await inboxOf(tokens.an)).unreadNotificationCount, 'the count as the gateway has it');
      assert.ok(message.unread > unreadBefore);
      assert.ok(!stream.raw().includes(tokens.an.slice(-40)), 'no token in the stream');
    } finally {
      abort.abort();
    }
  });

  test('the stream refuses a session with too many open, and a browser without a session', async () => {
    assert.equal((await fetch(`${portals.services.url}/thong-bao/live`, { headers: { cookie: 'lt_session_portal-dichvucong=forged' } })).status, 204);
    const aborts: AbortController[] = [];
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 5; index += 1) {
        const abort = new AbortController();
        aborts.push(abort);
        const response = await fetch(`${portals.services.url}/thong-bao/live`, { headers: { cookie }, signal: abort.signal });
        statuses.push(response.status);
        if (response.status !== 200) await response.body?.cancel();
      }
      assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
    } finally {
      for (const abort of aborts) abort.abort();
    }
  });
});
