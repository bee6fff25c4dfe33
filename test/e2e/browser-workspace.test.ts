// The staff workspace in a real browser (Chromium through playwright-core), one hub for the whole file, each
// staff member in their own browser context, pages left open: the leader's dashboard (the wards' map with
// no tile server) and the operator's queue follow the workflow without a reload — a citizen's new item
// recounts its ward on the map, an item a unit returns joins the open queue; the operator routes the
// seeded new item from the queue; the unit's officer finds it on the desk, takes it and resolves it with a
// photo; the leader's open dashboard shows each change; a click on a ward drills down to its items and one
// item's history and photo; a directive sent from a ward reaches the unit's officer, whose reply the
// leader then reads; the oversight view has no name, phone or address anywhere. Every page: zero serious
// axe findings (testing/accessibility.ts). And GraphiQL with the network cut off (every request to another
// origin aborted): the gateway's /graphiql and the workspace's, for a platform admin signed in through the
// realm, load from the hub itself, render, and run a query — no script, style or font from a CDN, no policy
// violation. Screenshots go to SCREENSHOT_DIR (default /tmp).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { describeViolations, seriousViolations } from '../../testing/accessibility.ts';
import { launchChromium } from '../../testing/chromium.ts';
import { freePort } from '../../testing/free-port.ts';
import { startHub, TEST_CLIENT_ID, TEST_REDIRECT_URI } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { loginWithPkce } from '../../testing/oidc-login.ts';
import { startWorkspace, workspaceClient } from '../../testing/portals.ts';
import type { RunningWorkspace } from '../../testing/portals.ts';

const SCREENSHOTS = process.env['SCREENSHOT_DIR'] ?? '/tmp';
/** A tiny real PNG (4×3), as in feedback-photos.test.ts. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAYAAAC09K7GAAAAKklEQVR4AVzIMQ0AAAgDwaaW8IIExKEFNEE6sPDJLU9kjBRshHixvCH3FwAA//8zqKo6AAAABklEQVQDAIimC/+NjOIuAAAAAElFTkSuQmCC', 'base64');
/** Seeded items (subgraphs/feedback/prisma/seed-data.ts). */
const NEW_ITEM = 'PHA261100905342'; // RECEIVED, in P-TAN-DINH: waiting for an operator
const BEN_THANH_ITEM = 'PHA261000729150'; // IN_PROGRESS at UBND-P-BEN-THANH (dung.pham's unit)
const UNIT = 'UBND-P-BEN-THANH';
/** The dashboard's period: the seeded months and today. */
const PERIOD = 'tu=2026-10-01&den=2027-01-31';

let hub: Hub;
let workspace: RunningWorkspace;
let browser: Browser;
const contexts: BrowserContext[] = [];
const tokens: Record<string, string> = {};
/** GraphiQL's context: the network cut off. */
let context: BrowserContext;
/** Requests the page tried to make elsewhere (aborted), and the console's errors (policy violations among them). */
const elsewhere: string[] = [];
const consoleErrors: string[] = [];

before(async () => {
  const port = await freePort();
  hub = await startHub({ extraClients: [workspaceClient(port)] });
  workspace = await startWorkspace(hub, port);
  browser = await launchChromium();
  for (const [who, scope] of [
    ['an.nguyen', 'openid feedback:read feedback:write'],
    ['dung.pham', 'openid feedback:read'],
  ] as const) {
    tokens[who] = (await loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username: who, password: 'demo', scope })).accessToken;
  }
  context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 800 } });
  const hubOrigins = [new URL(hub.gatewayUrl).origin, new URL(hub.idp.issuer).origin, workspace.url];
  // The network is cut off: only the hub's own servers answer.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (hubOrigins.some((origin) => url.startsWith(origin)) || url.startsWith('data:')) return route.continue();
    elsewhere.push(url);
    return route.abort('internetdisconnected');
  });
});

after(async () => {
  await browser?.close().catch(() => {});
  await workspace?.close();
  await hub?.close();
});

const gateway = async (who: string, query: string, variables: Record<string, unknown>) => {
  const { body } = await hub.graphql(query, { token: tokens[who] ?? '', variables });
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data as Record<string, unknown>;
};

/** A signed-in page for `username` in a browser context of its own; every request stays on the hub. */
async function signedIn(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const allowed = [workspace.url, new URL(hub.idp.issuer).origin];
  page.on('request', (request) => assert.ok(allowed.some((origin) => request.url().startsWith(origin)) || request.url().startsWith('data:'), `no request elsewhere: ${request.url()}`));
  await page.goto(`${workspace.url}/auth/login?returnTo=%2F`);
  await page.locator('#password-form').waitFor();
  await page.fill('#username', username);
  await page.fill('#password', 'demo');
  await page.locator('#password-form button[type=submit]').click();
  await page.waitForURL((url) => url.origin === workspace.url && url.pathname !== '/auth/callback');
  return page;
}

/** Zero serious or critical axe findings, and a screenshot. */
async function audited(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  assert.deepEqual(violations, [], describeViolations(name, violations));
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-workspace-${name}.png`, fullPage: true });
}

/** The page's live stream is open (assets/live.js). */
const live = (page: Page) => page.locator('body[data-live-state="open"]').waitFor();

test('queue, desk and dashboard follow the workflow live; a ward drills down to an item; a ward directive is answered; oversight shows no personal data', async () => {
  // The leader's dashboard: the wards drawn with no tile server, their counts in the table too.
  const leader = await signedIn('em.vo');
  await leader.goto(`${workspace.url}/lanh-dao?${PERIOD}`);
  await leader.locator('#map[data-ready="true"]').waitFor();
  assert.ok(Number(await leader.locator('#map').getAttribute('data-wards')) > 0, 'ward boundaries drawn');
  // The trend drawn by Chart.js from the page's data, one point per week of the period.
  await leader.locator('#trend-chart[data-ready]').waitFor();
  assert.equal(Number(await leader.locator('#trend-chart').getAttribute('data-ready')), await leader.locator('#trend-table tbody tr').count());
  // Printed (or saved as PDF): the map with its legend and the figures, without the forms.
  assert.ok(await leader.locator('#print-map').isVisible(), 'the print button, with JavaScript');
  await leader.emulateMedia({ media: 'print' });
  assert.ok((await leader.locator('#map').isVisible()) && (await leader.locator('#map-legend').isVisible()) && !(await leader.locator('#chi-dao').isVisible()));
  const pdf = await leader.pdf({ path: `${SCREENSHOTS}/lien-thong-workspace-dashboard.pdf`, format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await leader.emulateMedia({ media: 'screen' });
  await live(leader);
  await audited(leader, 'dashboard');
  const benThanh = leader.locator('[data-ward-count="P-BEN-THANH"]');
  const before = Number(await benThanh.textContent());

  // The operator's open queue.
  const operator = await signedIn('giang.hoang');
  await operator.goto(`${workspace.url}/hang-doi`);
  await live(operator);
  await audited(operator, 'queue');

  // A citizen's new item: the leader's page lists it and recounts its ward, without a reload.
  const created = await gateway('an.nguyen', 'mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', {
    input: { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm vỉa hè chợ Bến Thành', content: 'Hàng quán bày bán tràn ra hết vỉa hè cửa Tây chợ Bến Thành.', lat: 10.7725, lng: 106.698 },
  });
  const fresh = (created['submitFeedback'] as { code: string }).code;
  await leader.locator(`#live-feed li[data-code="${fresh}"]`).waitFor();
  await leader.locator('[data-ward-count="P-BEN-THANH"]', { hasText: String(before + 1) }).waitFor();

  // A unit returns an item: it joins the operator's open queue, without a reload.
  await gateway('dung.pham', 'mutation($code: String!) { transitionFeedback(code: $code, action: RETURN, input: { reason: "Thuộc thẩm quyền Sở Xây dựng." }) { status } }', { code: BEN_THANH_ITEM });
  await operator.locator(`#queue tbody[data-live-rows] tr[data-code="${BEN_THANH_ITEM}"]`).waitFor();

  // The operator routes the new item from the queue to the ward's unit.
  await operator.locator(`#queue a[href="/phan-anh/${NEW_ITEM}"]`).click();
  await operator.locator('#operator-actions').waitFor();
  await audited(operator, 'item-operator');
  await operator.selectOption('#unitCode', UNIT);
  await operator.getByRole('button', { name: /Chuyển · Route/ }).click();
  await operator.waitForURL(`${workspace.url}/hang-doi`);
  await leader.locator(`#live-feed li[data-code="${NEW_ITEM}"]`, { hasText: 'Đã chuyển xử lý' }).waitFor();

  // The unit's officer finds it on the desk, takes it, resolves it with a photo.
  const officer = await signedIn('dung.pham');
  await officer.goto(`${workspace.url}/don-vi`);
  await audited(officer, 'desk');
  await officer.locator(`a[href="/phan-anh/${NEW_ITEM}"]`).first().click();
  await officer.getByRole('button', { name: /Nhận xử lý/ }).click();
  await officer.locator('#resultText').waitFor();
  await officer.fill('#resultText', 'Đã làm việc với chủ quán karaoke, lập biên bản và yêu cầu giảm âm lượng sau 22 giờ.');
  await officer.locator('#photos').setInputFiles({ name: 'ket-qua.png', mimeType: 'image/png', buffer: PNG });
  await officer.locator('#photo-list li').waitFor();
  await audited(officer, 'item-officer');
  await officer.getByRole('button', { name: /Hoàn thành · Resolve/ }).click();
  await officer.locator('#item-photos img').waitFor();

  // The leader's open page shows it resolved, never reloaded.
  await leader.locator(`#live-feed li[data-code="${NEW_ITEM}"]`, { hasText: 'Đã xử lý' }).waitFor();
  assert.ok((await leader.locator(`#live-feed li[data-code="${fresh}"]`).count()) > 0, 'the same page, not reloaded');
  await leader.screenshot({ path: `${SCREENSHOTS}/lien-thong-workspace-dashboard-live.png`, fullPage: true });

  // A click on a ward: its items; one item: its history and the result photo.
  await leader.locator('path.ward-P-TAN-DINH').dispatchEvent('click');
  await leader.waitForURL(/\/lanh-dao\/phuong\/P-TAN-DINH\?/);
  await audited(leader, 'ward');
  await leader.locator(`#ward-items a[href="/phan-anh/${NEW_ITEM}"]`).click();
  await leader.locator('.timeline li').nth(2).waitFor();
  await leader.locator('#item-photos img').waitFor();
  await audited(leader, 'item-leader');

  // A directive from a ward: the unit's officer reads it and replies; the leader reads the reply.
  await leader.goto(`${workspace.url}/lanh-dao?${PERIOD}`);
  await leader.locator('path.ward-P-BEN-THANH').dispatchEvent('click');
  await leader.waitForURL(/\/lanh-dao\/phuong\/P-BEN-THANH\?/);
  await leader.fill('#directive-ward-content', 'Ra quân lập lại trật tự vỉa hè quanh chợ Bến Thành trong tuần này.');
  await leader.locator('#directive-ward button[type=submit]').click();
  const sent = /Đã gửi chỉ đạo (CD\d+)/.exec((await leader.locator('.flash.ok').textContent()) ?? '')?.[1];
  assert.ok(sent, 'the directive has a code');
  await officer.goto(`${workspace.url}/don-vi#chi-dao`);
  await officer.locator(`#directive-${sent}`, { hasText: 'Ra quân lập lại trật tự vỉa hè' }).waitFor();
  await officer.fill(`#reply-${sent}`, 'Đã ra quân, thu dọn 15 điểm lấn chiếm; sẽ kiểm tra lại hằng ngày.');
  await officer.locator(`#directive-${sent} button[type=submit]`).click();
  await officer.locator('.flash.ok').waitFor();
  await leader.goto(`${workspace.url}/lanh-dao?${PERIOD}`);
  await leader.locator(`#directive-${sent}`, { hasText: 'Đã ra quân, thu dọn 15 điểm lấn chiếm' }).waitFor();
  assert.match((await leader.locator(`#directive-${sent}`).textContent()) ?? '', /Đã trả lời/);

  // Oversight: the public view, with no name, phone or address of anyone.
  const oversight = await signedIn('lan.mai');
  await oversight.goto(`${workspace.url}/giam-sat`);
  await oversight.locator('#oversight tbody tr').first().waitFor();
  await audited(oversight, 'oversight');
  const text = (await oversight.locator('body').innerText()) + (await oversight.content());
  for (const account of DEMO_ACCOUNTS.filter((candidate) => candidate.username !== 'lan.mai')) {
    for (const personal of [account.name, account.phone, account.email, account.cccd]) assert.ok(!text.includes(personal), `no ${account.username} data`);
  }
  assert.doesNotMatch(text, /(\+84|\b0)\d{9}\b/, 'no phone number');
});

/** Wait for GraphiQL, run the default query, and return the result pane's text. */
async function runDefaultQuery(page: Page): Promise<string> {
  await page.locator('.graphiql-container').waitFor();
  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.result-window');
  await result.getByText('"procedures"').waitFor();
  return (await result.textContent()) ?? '';
}

/** The default query answered on `page`, nothing asked of another origin, no error; a screenshot named after `where`. */
async function queryAnswered(page: Page, where: string): Promise<void> {
  assert.match(await runDefaultQuery(page), /"code"/);
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-graphiql-${where}.png` });
  assert.deepEqual(elsewhere, [], 'no request left the hub');
  assert.deepEqual(consoleErrors, [], 'no script error or policy violation');
  await page.close();
}

function watch(page: Page): Page {
  page.setDefaultTimeout(30_000);
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  return page;
}

test("the gateway's GraphiQL loads from the gateway alone and runs a query", async () => {
  const page = watch(await context.newPage());
  await page.goto(`${hub.gatewayUrl}/graphiql`);
  await queryAnswered(page, 'gateway');
});

test("the workspace's GraphiQL: a platform admin signs in, queries through the workspace as themself", async () => {
  const page = watch(await context.newPage());
  await page.goto(`${workspace.url}/graphiql`);
  await page.locator('#password-form').waitFor();
  await page.fill('#username', 'khoa.bui');
  await page.fill('#password', 'demo');
  await page.locator('#password-form button[type=submit]').click();
  await page.waitForURL(`${workspace.url}/graphiql`);
  await queryAnswered(page, 'workspace');
});
