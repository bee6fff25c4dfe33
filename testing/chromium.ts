// The Chromium every browser test drives through playwright-core, found without a manual step so that
// `npm ci && npm test` passes on a machine with only Node 22: CHROMIUM_PATH when set, else Debian's
// /usr/bin/chromium (or chromium-browser), else the Chromium shipped inside the npm package
// @sparticuz/chromium (a brotli-packed binary, unpacked into the temporary folder on first use).
// When none is found the tests fail with what to do: never a silent skip.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Flags of every test browser: headless, no sandbox (containers), nothing reaching out on its own. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where a distribution installs Chromium. */
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
/** The npm package with a Chromium inside (a devDependency; imported by name so the code stands without it). */
const PACKAGED_CHROMIUM = '@sparticuz/chromium';

/** The Chromium to drive, and where it came from; throws with the remedy when there is none. */
export async function findChromium(env: Record<string, string | undefined> = process.env): Promise<{ path: string; source: 'CHROMIUM_PATH' | 'system' | 'npm' }> {
  const configured = env['CHROMIUM_PATH'];
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
    return { path: configured, source: 'CHROMIUM_PATH' };
  }
  const system = SYSTEM_CHROMIUM.find((candidate) => existsSync(candidate));
  if (system) return { path: system, source: 'system' };
  let packaged: { default: { executablePath(): Promise<string> } };
  try {
    packaged = (await import(PACKAGED_CHROMIUM)) as typeof packaged;
  } catch {
    throw new Error(
      `no Chromium: none at ${SYSTEM_CHROMIUM.join(' or ')}, and the npm package ${PACKAGED_CHROMIUM} is not installed (run \`npm ci\`, or apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  }
  return { path: await packaged.default.executablePath(), source: 'npm' };
}

/** Launch the test Chromium (headless). */
export async function launchChromium(): Promise<Browser> {
  const { path } = await findChromium();
  return chromium.launch({ executablePath: path, headless: true, args: CHROMIUM_ARGS });
}
