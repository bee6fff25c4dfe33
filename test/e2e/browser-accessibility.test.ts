// The accessibility audit of every existing page of both portals (testing/accessibility.ts: axe-core in
// the test Chromium), signed out and signed in, on a 390 px phone and a 1280 px desktop: zero serious or
// critical violations. Signed out: both home pages, tracking, the catalogue and a procedure, the answers,
// the statistics and the planning map; signed in: both home pages, the inbox and a dossier's page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, seriousViolations } from '../../testing/accessibility.ts';
import { launchChromium } from '../../testing/chromium.ts';
import type { Hub } from '../../testing/hub.ts';
import { startHubWithPortals } from '../../testing/portals.ts';
import type { Portals } from '../../testing/portals.ts';

const SCREENSHOTS = process.env['SCREENSHOT_DIR'] ?? '/tmp';
const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

let hub: Hub;
let portals: Portals;
let browser: Browser;

before(async () => {
  ({ hub, portals } = await startHubWithPortals());
  browser = await launchChromium();
});

after(async () => {
  await browser?.close().catch(() => {});
  await portals?.close();
  await hub?.close();
});

/** Audit the page now shown; returns the problems as lines (none: an empty list). */
async function audit(page: Page, label: string, viewport: string): Promise<string[]> {
  const violations = await seriousViolations(page);
  if (violations.length > 0) await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-a11y-${viewport}-${label}.png`, fullPage: true });
  return violations.length > 0 ? [describeViolations(`${viewport} ${label} (${page.url()})`, violations)] : [];
}

for (const viewport of VIEWPORTS) {
  test(`every portal page, signed out and signed in, at ${viewport.width} px: no serious accessibility violation`, async () => {
    const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: viewport.width, height: viewport.height } });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems: string[] = [];
    try {
      const dvc = portals.services.url;
      const signedOut: [string, string, string][] = [
        ['1022-home', `${portals.feedback.url}/`, '#signed-out'],
        ['dvc-home', `${dvc}/`, '#signed-out'],
        ['tracking', `${dvc}/tra-cuu`, 'main'],
        ['catalogue', `${dvc}/thu-tuc?q=dang+ky+khai+sinh`, '#procedure-results'],
        ['answers', `${dvc}/hoi-dap?q=lam+so+do+can+giay+to+gi`, '#answers, #answer-unknown'],
        ['statistics', `${dvc}/thong-ke?tu=2026-01-01&den=2026-12-31`, '#agency-statistics'],
        ['planning', `${dvc}/quy-hoach?phuong=P-BAN-CO&to=204&thua=7`, '#map[data-ready="true"]'],
      ];
      for (const [label, url, ready] of signedOut) {
        await page.goto(url);
        await page.waitForSelector(ready);
        problems.push(...(await audit(page, label, viewport.name)));
      }
      await page.goto(`${dvc}/thu-tuc?q=dang+ky+khai+sinh`);
      await page.locator('#procedure-results a').first().click();
      await page.waitForSelector('#procedure');
      problems.push(...(await audit(page, 'procedure', viewport.name)));

      // Signed in (VNeID level 2 from the start, so the dossier page opens without a step-up).
      await page.goto(`${dvc}/auth/login?acr=2&returnTo=%2F`);
      await page.fill('#vneid-username', 'an.nguyen');
      await page.fill('#vneid-password', 'demo');
      await page.locator('#vneid-form button[type=submit]').click();
      await page.waitForSelector('#my-dossiers');
      problems.push(...(await audit(page, 'dvc-home-signed-in', viewport.name)));
      const dossier = page.locator('#my-dossiers tbody tr a').first();
      await dossier.click();
      await page.waitForSelector('#dossier-detail');
      problems.push(...(await audit(page, 'dossier', viewport.name)));
      await page.goto(`${dvc}/thong-bao`);
      await page.waitForSelector('#inbox-list, main');
      problems.push(...(await audit(page, 'inbox', viewport.name)));
      await page.goto(`${portals.feedback.url}/`);
      await page.waitForSelector('body[data-signed-in]');
      problems.push(...(await audit(page, '1022-home-signed-in', viewport.name)));
      await page.goto(`${portals.feedback.url}/thong-bao`);
      await page.waitForSelector('main');
      problems.push(...(await audit(page, '1022-inbox', viewport.name)));
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, [], problems.join('\n'));
  });
}
