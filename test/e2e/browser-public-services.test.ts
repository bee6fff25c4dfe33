// Cổng dịch vụ công's public pages in a real browser (Debian's Chromium through playwright-core) on a
// 360 px phone: track a dossier by typing its code and PIN with the keyboard only, search the catalogue
// and open a procedure, ask a question, read the agencies' results — and no page scrolls sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../testing/chromium.ts';
import type { Hub } from '../../testing/hub.ts';
import { startHubWithPortals } from '../../testing/portals.ts';
import type { Portals } from '../../testing/portals.ts';

const PHONE = { width: 360, height: 740 };

let hub: Hub;
let portals: Portals;
let browser: Browser;
let page: Page;

before(async () => {
  ({ hub, portals } = await startHubWithPortals());
  browser = await launchChromium();
  const context = await browser.newContext({ locale: 'vi-VN', viewport: PHONE, isMobile: true, hasTouch: true });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});

after(async () => {
  await browser?.close().catch(() => {});
  await portals?.close();
  await hub?.close();
});

/** The page is no wider than the phone: nothing to scroll sideways. */
async function assertFitsPhone(what: string): Promise<void> {
  const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
  assert.ok(width <= PHONE.width, `${what}: ${width} px wide on a ${PHONE.width} px phone`);
}

test('track a dossier with the keyboard only, on a phone', async () => {
  await page.goto(`${portals.services.url}/tra-cuu`);
  await assertFitsPhone('the tracking form');
  await page.getByLabel('Mã hồ sơ').focus();
  await page.keyboard.type('000.00.12.H29-260915-0187');
  await page.keyboard.press('Tab'); // past the hint to the PIN field
  if ((await page.evaluate('document.activeElement && document.activeElement.id')) !== 'verifier') await page.getByLabel(/Mã tra cứu/).focus();
  await page.keyboard.type('481926');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#tracking-result');
  assert.match((await page.textContent('#tracking-result')) ?? '', /Đã trả kết quả/);
  assert.ok((await page.locator('#tracking-result .timeline li').count()) >= 5, 'the public timeline');
  await assertFitsPhone('the tracking result');
  assert.ok(!page.url().includes('481926'), 'the PIN never goes into the address bar');
});

test('search the catalogue without diacritics, open the procedure, ask a question, read the results', async () => {
  await page.goto(`${portals.services.url}/thu-tuc`);
  await page.getByLabel(/Tìm thủ tục/).fill('dang ky khai sinh');
  await page.getByRole('button', { name: /Tìm/ }).click();
  await page.waitForSelector('#procedure-results');
  await assertFitsPhone('the search results');
  await page.locator('#procedure-results a').first().click();
  await page.waitForSelector('#procedure');
  assert.match((await page.textContent('#procedure h1')) ?? '', /khai sinh/i);
  await assertFitsPhone('a procedure');

  await page.goto(`${portals.services.url}/hoi-dap`);
  await page.getByLabel(/Câu hỏi/).fill('cap lai cccd bi mat');
  await page.getByRole('button', { name: /Hỏi/ }).click();
  await page.waitForSelector('#answers, #answer-unknown');
  await assertFitsPhone('the answers');

  await page.goto(`${portals.services.url}/thong-ke?tu=2026-01-01&den=2026-12-31`);
  await page.waitForSelector('#agency-statistics');
  await assertFitsPhone("the agencies' results (the table scrolls inside its box)");
  // Every link and button of the sections bar is big enough to tap.
  const heights = await Promise.all((await page.locator('.sections a, .btn').all()).map(async (element) => (await element.boundingBox())?.height ?? 0));
  const small = heights.filter((height) => height < 44).length;
  assert.equal(small, 0, 'touch targets ≥ 44 px');
});

test('the planning map on a phone: boundaries drawn without a tile server, a tap looks the point up, nothing from another origin', async () => {
  const elsewhere: string[] = [];
  const watch = (request: { url(): string }) => {
    if (!request.url().startsWith(portals.services.url) && !request.url().startsWith('data:')) elsewhere.push(request.url());
  };
  page.on('request', watch);
  try {
    await page.goto(`${portals.services.url}/quy-hoach?phuong=P-BAN-CO&to=204&thua=7`);
    await page.waitForSelector('#map[data-ready="true"][data-wards]');
    await page.waitForSelector('#map[data-parcels]');
    assert.ok(Number(await page.getAttribute('#map', 'data-wards')) > 10, 'the ward boundaries');
    assert.ok(Number(await page.getAttribute('#map', 'data-parcels')) > 10, 'the parcels around');
    assert.ok((await page.locator('#map .leaflet-overlay-pane path').count()) > 20, 'drawn as vector shapes');
    assert.equal(await page.locator('#map .leaflet-tile').count(), 0, 'no tiles without a tile server');
    assert.match((await page.textContent('#zone')) ?? '', /Tầng cao tối đa/);
    await assertFitsPhone('the planning page with its map');

    // The looked-up point is the map's centre: tapping there answers the same parcel, by GPS.
    const box = await page.locator('#map').boundingBox();
    assert.ok(box);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForURL(/\/quy-hoach\?lat=/);
    await page.waitForSelector('#planning-result');
    assert.match((await page.textContent('#parcel')) ?? '', /Thửa số 7, tờ bản đồ số 204/);
    await assertFitsPhone('the answer to a tap');
  } finally {
    page.off('request', watch);
  }
  assert.deepEqual(elsewhere, [], 'Leaflet and the data come from the portal, never a CDN');
});
