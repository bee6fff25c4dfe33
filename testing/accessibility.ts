// The accessibility audit of a page in the test browser: axe-core (node_modules/axe-core/axe.min.js, read
// from disk and injected through playwright-core, never fetched) run against WCAG 2.x A/AA rules, returning
// the serious and critical violations in a form an assertion message can show.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** One violation: the rule, its impact, and where (a few CSS selectors). */
export interface AccessibilityViolation {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  readonly targets: readonly string[];
}

let axeSource: string | undefined;

/** Run axe-core on `page` as it is now; serious and critical violations only. */
export async function seriousViolations(page: Page): Promise<AccessibilityViolation[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Injected as a script evaluated in the page (the portals' CSP allows no inline scripts: evaluate is not subject to it).
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }
    ).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'unknown',
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')),
    }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** The violations as lines for an assertion message. */
export function describeViolations(where: string, violations: readonly AccessibilityViolation[]): string {
  return violations.map((violation) => `${where}: ${violation.rule} (${violation.impact}) ${violation.help} — ${violation.targets.join(', ')}`).join('\n');
}
