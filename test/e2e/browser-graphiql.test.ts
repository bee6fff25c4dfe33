// GraphiQL in Chromium with the network cut off (every request to another origin aborted): the gateway's
// /graphiql and the staff workspace's, for a platform admin signed in through the realm, load from the
// hub itself, render, and run a query — no script, style or font from a CDN, no policy violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../testing/chromium.ts';
import { freePort } from '../../testing/free-port.ts';
import { startHub } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { startWorkspace, workspaceClient } from '../../testing/portals.ts';
import type { RunningWorkspace } from '../../testing/portals.ts';

const SCREENSHOTS = process.env['SCREENSHOT_DIR'] ?? '/tmp';

let hub: Hub;
let workspace: RunningWorkspace;
let browser: Browser;
let context: BrowserContext;
/** Requests the page tried to make elsewhere (aborted), and the console's errors (policy violations among them). */
const elsewhere: string[] = [];
const consoleErrors: string[] = [];

before(async () => {
  const port = await freePort();
  hub = await startHub({ extraClients: [workspaceClient(port)] });
  workspace = await startWorkspace(hub, port);
  browser = await launchChromium();
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
