// The inbox and live updates in a real browser (Debian's Chromium through playwright-core) on a 360 px
// phone: a citizen signs in at the 1022 portal and opens the inbox; an officer resolves their item through
// the gateway; the new message appears at the top of the list, the unread count in the header changes
// and a polite announcement is made, all without a reload. The citizen marks it read with the form and
// follows its link to the item; on "my feedback" an item's status changes live; "mark all read" with the
// keyboard. No page scrolls sideways, every control is big enough to tap, and the page talks only to its portal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../testing/chromium.ts';
import { TEST_CLIENT_ID, TEST_REDIRECT_URI } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { loginWithPkce } from '../../testing/oidc-login.ts';
import { startHubWithPortals } from '../../testing/portals.ts';
import type { Portals } from '../../testing/portals.ts';

const SCREENSHOTS = process.env['SCREENSHOT_DIR'] ?? '/tmp';
const PHONE = { width: 360, height: 740 };
const SCOPE = 'openid profile feedback:read feedback:write notification:read';

let hub: Hub;
let portals: Portals;
let browser: Browser;
let page: Page;
const tokens = { an: '', officer: '' };
/** Every request the page made to somewhere other than its portal and the realm. */
const elsewhere: string[] = [];

before(async () => {
  ({ hub, portals } = await startHubWithPortals());
  const login = async (username: string) =>
    (await loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username, password: 'demo', scope: SCOPE })).accessToken;
  tokens.an = await login('an.nguyen');
  tokens.officer = await login('dung.pham');
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'vi-VN', viewport: PHONE, isMobile: true, hasTouch: true });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const issuerOrigin = new URL(hub.idp.issuer).origin;
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(portals.feedback.url) && !url.startsWith(issuerOrigin) && !url.startsWith('data:')) elsewhere.push(url);
  });
});

after(async () => {
  await browser?.close().catch(() => {});
  await portals?.close();
  await hub?.close();
});

async function gateway<Data>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const { body } = await hub.graphql(query, { token, variables });
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Data;
}
const unreadAtGateway = async () => (await gateway<{ me: { unreadNotificationCount: number } }>(tokens.an, '{ me { unreadNotificationCount } }')).me.unreadNotificationCount;
async function routedMessages(codes: readonly string[]): Promise<boolean> {
  const { me } = await gateway<{ me: { notifications: { link: string | null; kind: string }[] } }>(tokens.an, '{ me { notifications(first: 100) { link kind } } }');
  return codes.every((code) => me.notifications.some((note) => note.link === code && note.kind === 'FEEDBACK_ROUTED'));
}
async function submitItem(title: string): Promise<string> {
  const data = await gateway<{ submitFeedback: { code: string } }>(tokens.an, 'mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', {
    input: { categoryCode: 'TRAT_TU_DO_THI', title, content: 'Xe máy đậu kín vỉa hè trước chợ Bến Thành, người đi bộ phải xuống lòng đường.', lat: 10.7725, lng: 106.698 },
  });
  return data.submitFeedback.code;
}
const officerActs = (code: string, action: string, input?: Record<string, unknown>) =>
  gateway(tokens.officer, 'mutation($code: String!, $action: FeedbackAction!, $input: FeedbackActionInput) { transitionFeedback(code: $code, action: $action, input: $input) { status } }', {
    code,
    action,
    input,
  });

/** The page is no wider than the phone: nothing to scroll sideways. */
async function assertFitsPhone(what: string): Promise<void> {
  const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
  assert.ok(width <= PHONE.width, `${what}: ${width} px wide on a ${PHONE.width} px phone`);
}
async function assertTouchTargets(what: string): Promise<void> {
  const boxes = await Promise.all((await page.locator('.btn, .inbox-link, .actions a, .user button').all()).map(async (element) => (await element.boundingBox())?.height ?? 0));
  assert.ok(boxes.length > 0);
  assert.deepEqual(
    boxes.filter((height) => height < 44),
    [],
    `${what}: touch targets ≥ 44 px`,
  );
}
const headerCount = async () => Number(await page.locator('#unread-count').textContent());
/** A mark on the window: still there means the page was not reloaded. */
const markPage = () => page.evaluate('window.__sameDocument = true');
const samePage = async () => (await page.evaluate('window.__sameDocument === true')) === true;

test('a new message and a status change arrive without a reload; mark read, follow the link, mark all read; on a phone', async () => {
  const resolved = await submitItem('Lấn chiếm vỉa hè trước chợ');
  const started = await submitItem('Xe máy đậu trên vỉa hè');
  // Their "routed" messages come through the event bus: once they are in, the inbox holds still until the officer acts.
  for (let waited = 0; !(await routedMessages([resolved, started])); waited += 100) {
    assert.ok(waited < 20_000, 'the routed messages');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  // Sign in at the 1022 portal with the realm's form.
  await page.goto(`${portals.feedback.url}/auth/login?returnTo=%2Fthong-bao`);
  await page.locator('#password-form').waitFor();
  await page.fill('#username', 'an.nguyen');
  await page.fill('#password', 'demo');
  await page.locator('#password-form button[type=submit]').click();
  await page.waitForURL(`${portals.feedback.url}/thong-bao`);
  await page.locator('body[data-live-state="open"]').waitFor();
  assert.equal(await headerCount(), await unreadAtGateway(), 'the header counts what the gateway counts');
  await assertFitsPhone('the inbox');
  await assertTouchTargets('the inbox');
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-inbox-360.png`, fullPage: true });
  const before = await headerCount();
  const entries = await page.locator('#inbox-list > li').count();
  await markPage();

  // An officer resolves the item: the message arrives on the open page.
  await officerActs(resolved, 'START');
  await officerActs(resolved, 'RESOLVE', { resultText: 'Đã nhắc nhở, vỉa hè thông thoáng.' });
  const entry = page.locator('#inbox-list > li[data-kind="FEEDBACK_RESOLVED"]').filter({ has: page.locator(`a[href="/phan-anh/${resolved}"]`) });
  await entry.waitFor();
  assert.ok(await samePage(), 'no reload');
  assert.equal(await page.locator('#inbox-list > li').first().getAttribute('id'), await entry.getAttribute('id'), 'the newest at the top');
  assert.equal(await page.locator('#inbox-list > li').count(), entries + 1);
  assert.equal(await entry.getAttribute('class'), 'unread');
  await page.locator('#unread-count', { hasText: new RegExp(`^${before + 1}$`) }).waitFor();
  assert.equal(await headerCount(), await unreadAtGateway());
  await page.locator('#live-announcer', { hasText: /Thông báo mới/ }).waitFor({ state: 'attached' });
  assert.equal(await page.locator('#live-announcer').getAttribute('aria-live'), 'polite');
  await assertFitsPhone('the inbox with the new message');
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-inbox-live-360.png`, fullPage: true });

  // Mark it read: a plain form, through the portal.
  await entry.getByRole('button', { name: /Đánh dấu đã đọc/ }).click();
  await page.locator('.flash.ok').waitFor();
  const read = page.locator('#inbox-list > li').filter({ has: page.locator(`a[href="/phan-anh/${resolved}"]`) });
  assert.equal(await read.first().getAttribute('class'), 'read');
  assert.equal(await headerCount(), before);
  assert.equal(await unreadAtGateway(), before);

  // Its link opens the item's page; then "my feedback", where statuses change live too.
  await read
    .first()
    .getByRole('link', { name: new RegExp(resolved) })
    .click();
  await page.waitForURL(`${portals.feedback.url}/phan-anh/${resolved}`);
  assert.match((await page.locator(`[data-status-of="${resolved}"]`).textContent()) ?? '', /Đã xử lý/);
  await page.goto(`${portals.feedback.url}/`);
  await page.locator('body[data-live-state="open"]').waitFor();
  await assertFitsPhone('my feedback');
  await markPage();
  assert.doesNotMatch((await page.locator(`[data-status-of="${started}"]`).textContent()) ?? '', /Đang xử lý/);
  await officerActs(started, 'START');
  await page.locator(`[data-status-of="${started}"]`, { hasText: /Đang xử lý/ }).waitFor();
  assert.ok(await samePage(), 'no reload');
  await page.locator('#live-announcer', { hasText: started }).waitFor({ state: 'attached' });
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-my-feedback-live-360.png`, fullPage: true });

  // Mark all read with the keyboard alone, from the header's link.
  await page.locator('.inbox-link').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`${portals.feedback.url}/thong-bao`);
  await page.locator('#mark-all button').focus();
  await page.keyboard.press('Enter');
  await page.locator('.flash.ok').waitFor();
  assert.equal(await headerCount(), 0);
  assert.equal(await unreadAtGateway(), 0);
  assert.equal(await page.locator('#inbox-list > li.unread').count(), 0);
  await assertFitsPhone('the inbox, all read');

  // The script is small, and nothing came from anywhere but the portal and the realm (no token in a page either).
  const script = await (await fetch(`${portals.feedback.url}/assets/live.js`)).text();
  assert.ok(script.length < 8 * 1024, `live.js is ${script.length} bytes`);
  assert.ok(!(await page.content()).includes(tokens.an));
  assert.deepEqual(elsewhere, [], 'the page reaches only its portal');
});

test('read and mark a notification on a 390 px phone and a 1280 px desktop, the same session', async () => {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 1280, height: 860 },
  ]) {
    await page.setViewportSize(viewport);
    const code = await submitItem(`Đèn đường hỏng (${viewport.width})`);
    await page.goto(`${portals.feedback.url}/thong-bao`);
    const entry = page.locator('#inbox-list > li.unread').filter({ has: page.locator(`a[href="/phan-anh/${code}"]`) });
    for (let waited = 0; (await entry.count()) === 0; waited += 250) {
      assert.ok(waited < 20_000, `the routed message of ${code}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      if ((await entry.count()) === 0) await page.reload();
    }
    const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
    assert.ok(width <= viewport.width, `the inbox is ${width} px wide at ${viewport.width} px`);
    await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-inbox-${viewport.width}.png`, fullPage: true });
    const before = await headerCount();
    await entry.getByRole('button', { name: /Đánh dấu đã đọc/ }).click();
    await page.locator('.flash.ok').waitFor();
    assert.equal(await headerCount(), before - 1);
    assert.equal(
      await page
        .locator('#inbox-list > li')
        .filter({ has: page.locator(`a[href="/phan-anh/${code}"]`) })
        .first()
        .getAttribute('class'),
      'read',
    );
    // Its link opens the item's page.
    await page.locator(`#inbox-list a[href="/phan-anh/${code}"]`).first().click();
    await page.waitForURL(`${portals.feedback.url}/phan-anh/${code}`);
  }
});
