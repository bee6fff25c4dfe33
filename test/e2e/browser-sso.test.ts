// Single sign-on in a real browser: Debian's Chromium, driven by playwright-core (never a downloaded
// browser). Sign in at the 1022 portal with the form, find the public-service portal signed in without
// one, step up to VNeID level 2 for a dossier's details, sign out everywhere from the second portal,
// and see both portals signed out and the first portal's old access token refused by the gateway. Then, at
// level 2 on a dossier's page, the agency moves the dossier on and the page shows its new status live.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { launchChromium } from '../../testing/chromium.ts';
import type { Hub } from '../../testing/hub.ts';
import { clientCredentialsToken } from '../../testing/oidc-login.ts';
import { startHubWithPortals } from '../../testing/portals.ts';
import type { Portals, RunningPortal } from '../../testing/portals.ts';

const SCREENSHOTS = process.env['SCREENSHOT_DIR'] ?? '/tmp';

let hub: Hub;
let portals: Portals;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Every URL the page navigated to, to prove which steps showed a login form. */
const visited: string[] = [];

before(async () => {
  ({ hub, portals } = await startHubWithPortals());
  browser = await launchChromium();
  context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 1200, height: 860 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });
});

after(async () => {
  await context?.close().catch(() => {});
  await browser?.close().catch(() => {});
  await portals?.close();
  await hub?.close();
});

/** The access token a portal holds for this browser, read from its session store (never from the page). */
async function accessTokenAt(portal: RunningPortal): Promise<string | undefined> {
  const cookie = (await context.cookies(portal.url)).find((candidate) => candidate.name === `lt_session_${portal.clientId}`);
  if (!cookie) return undefined;
  const unsigned = portal.app.unsignCookie(cookie.value);
  if (!unsigned.valid || !unsigned.value) return undefined;
  return (await portal.sessions.get(unsigned.value))?.user?.accessToken;
}

function loginFormsSeenSince(index: number): string[] {
  return visited.slice(index).filter((url) => url.includes('/login-actions/'));
}

test('sign in at portal A, signed in at portal B without a form, step up, sign out everywhere, old token refused', async () => {
  const a = portals.feedback;
  const b = portals.services;

  // Portal A: not signed in anywhere yet, so the silent single sign-on check ends on the signed-out page.
  await page.goto(`${a.url}/`);
  await page.locator('#signed-out').waitFor();
  await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản liên thông' }).click();

  // The realm's login page: the username/password form (VNeID level 1).
  await page.locator('#password-form').waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-idp-login.png`, fullPage: true });
  await page.fill('#username', 'an.nguyen');
  await page.fill('#password', 'demo');
  await page.locator('#password-form button[type=submit]').click();

  await page.waitForURL(`${a.url}/`);
  await page.locator('#my-feedback').waitFor();
  assert.equal(await page.locator('body').getAttribute('data-signed-in'), 'true');
  assert.match((await page.locator('header').textContent()) ?? '', /Nguyễn Văn An/);
  assert.match((await page.locator('header').textContent()) ?? '', /VNeID mức 1/);

  const tokenA = await accessTokenAt(a);
  assert.ok(tokenA, 'portal A holds an access token in its session store');
  assert.ok(!(await page.content()).includes(tokenA), 'the token is not in the page');
  const mine = await hub.graphql('{ me { feedback { code } } }', { token: tokenA });
  assert.equal(mine.status, 200);
  const codes = (mine.body.data?.['me'] as { feedback: { code: string }[] }).feedback.map((item) => item.code);
  assert.ok(codes.length > 0, 'the demo citizen has feedback');
  const table = (await page.locator('#my-feedback').textContent()) ?? '';
  for (const code of codes) assert.ok(table.includes(code), `feedback ${code} is listed`);
  assert.ok((await page.locator('#feedback-form select#categoryCode option').count()) > 1, 'categories in the form');
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-portal-1022.png`, fullPage: true });

  // Portal B: signed in through the realm session, without a form.
  const beforeB = visited.length;
  await page.goto(`${b.url}/`);
  await page.locator('#my-dossiers').waitFor();
  assert.deepEqual(loginFormsSeenSince(beforeB), [], 'no login form on the way to portal B');
  assert.match((await page.locator('header').textContent()) ?? '', /Nguyễn Văn An/);
  assert.ok((await page.locator('#my-dossiers tbody tr').count()) > 0, 'dossiers listed');
  await page.locator('#my-notifications').waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-portal-dvc.png`, fullPage: true });
  const tokenB = await accessTokenAt(b);
  assert.ok(tokenB);

  // Dossier details need VNeID level 2: the realm asks again, and only the VNeID button can give it.
  const dossierCode = ((await page.locator('#my-dossiers tbody tr code').first().textContent()) ?? '').trim();
  await page.locator('#my-dossiers tbody tr').first().getByRole('link', { name: 'Chi tiết' }).click();
  await page.locator('#vneid-form').waitFor();
  assert.match(await page.content(), /Cần xác thực VNeID mức 2/);
  assert.equal(await page.locator('#password-form').count(), 0, 'no password form during step-up');
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-idp-step-up.png`, fullPage: true });
  await page.fill('#vneid-password', 'demo');
  await page.locator('#vneid-form button[type=submit]').click();
  await page.locator('#dossier-detail').waitFor();
  assert.equal(new URL(page.url()).pathname, `/dossiers/${encodeURIComponent(dossierCode)}`, 'back at the dossier after step-up');
  assert.match((await page.locator('#dossier-detail').textContent()) ?? '', new RegExp(dossierCode.replaceAll('.', '\\.')));
  assert.match((await page.locator('header').textContent()) ?? '', /VNeID mức 2/);
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-portal-dvc-dossier.png`, fullPage: true });
  const tokenB2 = await accessTokenAt(b);
  assert.ok(tokenB2);

  // Sign out at portal B, choosing "sign out everywhere" at the realm.
  await page.getByRole('button', { name: /Đăng xuất/ }).click();
  await page.getByRole('button', { name: /Đăng xuất khỏi tất cả/ }).waitFor();
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-idp-logout.png`, fullPage: true });
  await page.getByRole('button', { name: /Đăng xuất khỏi tất cả/ }).click();
  await page.waitForURL(`${b.url}/`);
  await page.locator('#signed-out').waitFor();

  // Portal A's session ended by back-channel logout: it shows signed out too (the silent check finds no realm session).
  await page.goto(`${a.url}/`);
  await page.locator('#signed-out').waitFor();
  assert.equal(await accessTokenAt(a), undefined, "portal A's session is gone");
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-portal-1022-signed-out.png`, fullPage: true });

  // The gateway refuses the old tokens of both portals, although they have not expired.
  for (const [label, token] of [
    ['portal A', tokenA],
    ['portal B', tokenB],
    ['portal B after step-up', tokenB2],
  ] as const) {
    const refused = await hub.graphql('{ me { feedback { code } } }', { token });
    assert.equal(refused.status, 401, `${label}'s token is refused`);
    assert.equal(refused.body.errors?.[0]?.extensions?.['code'], 'UNAUTHENTICATED');
  }

  // Signing in again needs the form (the realm session is gone).
  const beforeAgain = visited.length;
  await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản liên thông' }).click();
  await page.locator('#password-form').waitFor();
  assert.equal(loginFormsSeenSince(beforeAgain).length, 1);
});

test("a dossier's page at VNeID level 2 shows the agency's status change live, without a reload", async () => {
  const agency = await clientCredentialsToken({ issuer: hub.idp.issuer, clientId: 'agency-hcm-stp', clientSecret: 'agency-hcm-stp-demo-secret' });
  const feed = async (events: [string, string][], code?: string) => {
    const { body } = await hub.graphql('mutation($records: [DossierRecordInput!]!) { upsertDossiers(records: $records) { accepted { code } refused { errorCode message } } }', {
      token: agency,
      variables: {
        records: [
          {
            ...(code ? { code } : { agencyCode: '000.00.12.H29' }),
            vendor: 'opencps',
            procedureCode: '2.000488.H29',
            channel: 'ONLINE',
            receivedAt: events[0]![1],
            ownerSubject: DEMO_ACCOUNTS[0]!.sub,
            events: events.map(([status, at]) => ({ id: `e2e-${status}-${at}`, status, occurredAt: at })),
          },
        ],
      },
    });
    const result = body.data?.['upsertDossiers'] as { accepted: { code: string }[]; refused: unknown[] };
    assert.deepEqual(result.refused, [], JSON.stringify(body));
    return result.accepted[0]!.code;
  };
  const received = new Date(Date.now() - 3_600_000).toISOString();
  const code = await feed([
    ['new', received],
    ['receiving', received],
  ]);
  const b = portals.services;
  // Signed out everywhere above: sign in again, straight at level 2 with the VNeID button.
  await page.goto(`${b.url}/auth/login?acr=2&returnTo=${encodeURIComponent(`/dossiers/${code}`)}`);
  await page.locator('#vneid-form').waitFor();
  await page.fill('#vneid-username', 'an.nguyen');
  await page.fill('#vneid-password', 'demo');
  await page.locator('#vneid-form button[type=submit]').click();
  await page.locator('#dossier-detail').waitFor();
  await page.locator('body[data-live-state="open"]').waitFor();
  const status = page.locator(`#dossier-detail [data-status-of="${code}"]`);
  assert.match((await status.textContent()) ?? '', /Đang tiếp nhận/);
  await page.evaluate('window.__sameDocument = true');

  await feed([['processing', new Date().toISOString()]], code);
  await status.filter({ hasText: /Đang xử lý/ }).waitFor();
  assert.equal(await page.evaluate('window.__sameDocument === true'), true, 'no reload');
  await page.locator('#live-announcer', { hasText: new RegExp(code.replaceAll('.', '\\.')) }).waitFor({ state: 'attached' });
  await page.screenshot({ path: `${SCREENSHOTS}/lien-thong-portal-dvc-dossier-live.png`, fullPage: true });
});
