// The 1022 portal's feedback flows in a real browser (Debian's Chromium through playwright-core), on a
// 390 px phone and a 1280 px desktop: a citizen sends an item with its location set on the map (the pin
// dragged, then "use my location") and a photo; opens the item's page and sees the photo; after an officer
// resolves it, rates the unit and reopens it with a reason; then, signed in or not alike, finds a public
// item on the map of public reports (a tap on its point, the popup's link) and by its code. Each page fits
// the screen, its controls are big enough to tap, an axe-core audit finds nothing serious or critical, and
// the page talks only to its portal. Screenshots go to SCREENSHOT_DIR (default /tmp).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../testing/chromium.ts';
import { TEST_CLIENT_ID, TEST_REDIRECT_URI } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { loginWithPkce } from '../../testing/oidc-login.ts';
import { startHubWithPortals } from '../../testing/portals.ts';
import type { Portals } from '../../testing/portals.ts';

const SCREENSHOTS = process.env['SCREENSHOT_DIR'] ?? '/tmp';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** A tiny real PNG (4×3), as in feedback-photos.test.ts. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAYAAAC09K7GAAAAKklEQVR4AVzIMQ0AAAgDwaaW8IIExKEFNEE6sPDJLU9kjBRshHixvCH3FwAA//8zqKo6AAAABklEQVQDAIimC/+NjOIuAAAAAElFTkSuQmCC', 'base64');
/** binh.tran's public, closed item with a published result (seed). */
const PUBLIC_ITEM = 'PHA261000618243';
/** Each screen, and where its citizen is (in phường Bến Thành, whose ward committee dung.pham works for). */
const SCREENS = [
  { name: 'phone', viewport: { width: 390, height: 800 }, mobile: true, at: { latitude: 10.77262, longitude: 106.69812 } },
  { name: 'desktop', viewport: { width: 1280, height: 900 }, mobile: false, at: { latitude: 10.7724, longitude: 106.6984 } },
] as const;

let hub: Hub;
let portals: Portals;
let browser: Browser;
let officer = '';

before(async () => {
  ({ hub, portals } = await startHubWithPortals());
  officer = (await loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username: 'dung.pham', password: 'demo', scope: 'openid profile' })).accessToken;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close().catch(() => {});
  await portals?.close();
  await hub?.close();
});

const officerActs = async (code: string, action: string, input?: Record<string, unknown>) => {
  const { body } = await hub.graphql('mutation($code: String!, $action: FeedbackAction!, $input: FeedbackActionInput) { transitionFeedback(code: $code, action: $action, input: $input) { status } }', {
    token: officer,
    variables: { code, action, input },
  });
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
};

/** What every page must be on this screen: no sideways scrolling, touch targets ≥ 44 px, no serious accessibility finding. */
async function assertUsable(page: Page, width: number, what: string): Promise<void> {
  const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
  assert.ok(scrollWidth <= width, `${what}: ${scrollWidth} px wide on a ${width} px screen`);
  const targets = page.locator('main .btn, main input:not([type=hidden]):not([type=radio]):not([type=checkbox]), main select, main .stars label, .sections a, .inbox-link, .user button, a.row-link');
  const small: string[] = [];
  for (const element of await targets.all()) {
    if (!(await element.isVisible())) continue;
    const box = await element.boundingBox();
    if (box && box.height < 44) small.push(`${String(await element.evaluate('(node) => node.outerHTML')).slice(0, 80)}: ${box.height}`);
  }
  assert.deepEqual(small, [], `${what}: touch targets ≥ 44 px`);
  await page.evaluate(AXE);
  const violations = await page.evaluate<string[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((result) => result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  );
  assert.deepEqual(violations, [], `${what}: axe-core, serious or critical`);
}

for (const screen of SCREENS) {
  test(`send with a map pin and a photo, open the item, rate, reopen, find a public item on the map and by code (${screen.name}, ${screen.viewport.width} px)`, async () => {
    const width = screen.viewport.width;
    const context = await browser.newContext({
      locale: 'vi-VN',
      viewport: screen.viewport,
      isMobile: screen.mobile,
      hasTouch: screen.mobile,
      geolocation: screen.at,
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const elsewhere: string[] = [];
    const issuerOrigin = new URL(hub.idp.issuer).origin;
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(portals.feedback.url) && !url.startsWith(issuerOrigin) && !url.startsWith('data:')) elsewhere.push(url);
    });
    const shot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/lien-thong-feedback-${name}-${width}.png`, fullPage: true });
    try {
      // Sign in at the 1022 portal with the realm's form.
      await page.goto(`${portals.feedback.url}/auth/login?returnTo=%2F`);
      await page.locator('#password-form').waitFor();
      await page.fill('#username', 'an.nguyen');
      await page.fill('#password', 'demo');
      await page.locator('#password-form button[type=submit]').click();
      await page.waitForURL(`${portals.feedback.url}/`);

      // The form's map: the wards drawn without tiles, the pin dragged, then the browser's location.
      await page.locator('#map[data-ready="true"][data-wards]').waitFor();
      await page.locator('#map').scrollIntoViewIfNeeded();
      const before = await page.inputValue('#lat');
      const pin = await page.locator('.leaflet-marker-icon').boundingBox();
      assert.ok(pin);
      await page.mouse.move(pin.x + pin.width / 2, pin.y + pin.height - 4);
      await page.mouse.down();
      await page.mouse.move(pin.x + pin.width / 2 + 40, pin.y + pin.height + 30, { steps: 8 });
      await page.mouse.up();
      await page.locator('#map[data-pin]').waitFor({ state: 'attached' });
      assert.notEqual(await page.inputValue('#lat'), before, 'dragging the pin writes the latitude box');
      await page.getByRole('button', { name: /Dùng vị trí của tôi/ }).click();
      await page.locator('#locate-status', { hasText: 'Đã dùng vị trí của bạn' }).waitFor();
      assert.equal(Number(await page.inputValue('#lat')), Number(screen.at.latitude.toFixed(6)));
      assert.equal(Number(await page.inputValue('#lng')), Number(screen.at.longitude.toFixed(6)));

      // The form, and a photo uploaded through the portal.
      await page.selectOption('#categoryCode', 'TRAT_TU_DO_THI');
      await page.fill('#title', `Lấn chiếm vỉa hè (${screen.name})`);
      await page.fill('#content', 'Quán nước bày bàn ghế kín vỉa hè đường Lê Lợi, người đi bộ phải xuống lòng đường.');
      await page.setInputFiles('#photos', { name: 'via-he.png', mimeType: 'image/png', buffer: PNG });
      await page.locator('#photo-list li', { hasText: 'via-he.png' }).waitFor();
      assert.equal(await page.locator('#photo-ids input[name="photoIds"]').count(), 1);
      await assertUsable(page, width, 'the send form');
      await shot('send');
      await page.getByRole('button', { name: /Gửi phản ánh/ }).click();
      const flash = (await page.locator('.flash.ok').textContent()) ?? '';
      const code = /PHA\d{12}/.exec(flash)?.[0];
      assert.ok(code, `the new item's code: ${flash}`);

      // Its page, from its row in "my feedback": the status in words, the photo.
      await page.locator(`a.row-link[href="/phan-anh/${code}"]`).click();
      await page.waitForURL(`${portals.feedback.url}/phan-anh/${code}`);
      await page.locator('#item-status', { hasText: /Đã chuyển xử lý|Đã tiếp nhận/ }).waitFor();
      const photo = page.locator('ul.photos img').first();
      await photo.waitFor();
      assert.ok(Number(await photo.evaluate((image) => (image as { naturalWidth: number }).naturalWidth)) > 0, 'the photo is shown');
      await assertUsable(page, width, 'the item page');
      await shot('item');

      // The officer resolves it: the page offers rating and reopening.
      await officerActs(code, 'START');
      await officerActs(code, 'RESOLVE', { resultText: 'Đội trật tự đô thị phường đã yêu cầu quán dọn bàn ghế, trả lại vỉa hè.' });
      await page.reload();
      await page.locator('#result', { hasText: 'trả lại vỉa hè' }).waitFor();
      // A refused rating keeps the comment and is announced.
      await page.fill('#comment', 'Xử lý nhanh, cảm ơn phường.');
      await page.locator('#rating-form').evaluate((form) => {
        (form as unknown as { noValidate: boolean }).noValidate = true;
      });
      await page.locator('#rating-form button[type=submit]').click();
      await page.locator('#rating [role=alert]', { hasText: '1 đến 5 sao' }).waitFor();
      assert.equal(await page.inputValue('#comment'), 'Xử lý nhanh, cảm ơn phường.');
      await page.locator('#rating-form label', { hasText: '5 ★' }).click();
      await page.locator('#rating-form button[type=submit]').click();
      await page.locator('.flash.ok', { hasText: 'Cảm ơn bạn đã đánh giá' }).waitFor();
      assert.match((await page.locator('#rating').textContent()) ?? '', /5\/5/);
      await page.fill('#reason', 'Sáng nay quán lại bày bàn ghế ra vỉa hè như cũ.');
      await page.locator('#reopen-form button[type=submit]').click();
      await page.locator('.flash.ok', { hasText: 'Đã mở lại phản ánh' }).waitFor();
      await page.locator('#item-status', { hasText: 'Mở lại' }).waitFor();
      await page.locator('#history', { hasText: 'Sáng nay quán lại bày bàn ghế' }).waitFor();
      await assertUsable(page, width, 'the item page, rated and reopened');
      await shot('rated-reopened');

      // Public reports: a public item found on the map by its point and the popup's link.
      await page.goto(`${portals.feedback.url}/cong-khai?phuong=P-CHO-LON&linh-vuc=THOAT_NUOC`);
      await page.locator('#map[data-ready="true"][data-items="1"][data-wards]').waitFor();
      await assertUsable(page, width, 'public reports');
      await shot('public-map');
      await page.locator('#map').scrollIntoViewIfNeeded();
      await page.locator('path.item-point').first().click();
      await page.locator('.leaflet-popup-content a', { hasText: PUBLIC_ITEM }).click();
      await page.waitForURL(`${portals.feedback.url}/cong-khai/${PUBLIC_ITEM}`);
      await page.locator('#result', { hasText: 'nạo vét' }).waitFor();
      await assertUsable(page, width, 'a public item');
      // And by its code, with the lookup form.
      await page.goto(`${portals.feedback.url}/cong-khai/tra-cuu`);
      await page.fill('#ma', 'PHA1');
      await page.getByRole('button', { name: /Tra cứu/ }).click();
      await page.locator('[role=alert]', { hasText: 'BAD_USER_INPUT' }).waitFor();
      assert.equal(await page.inputValue('#ma'), 'PHA1', 'the code typed is kept');
      await assertUsable(page, width, 'the lookup, refused');
      await page.fill('#ma', PUBLIC_ITEM);
      await page.getByRole('button', { name: /Tra cứu/ }).click();
      await page.waitForURL(`${portals.feedback.url}/cong-khai/${PUBLIC_ITEM}`);
      await shot('public-item');
      assert.deepEqual(elsewhere, [], 'nothing from another origin (no CDN, no tiles configured)');
    } finally {
      await context.close();
    }
  });
}
