// axe-core on every page: no serious or critical violations (WCAG 2.1 AA rules).
import { test, expect } from '@playwright/test';
import { createRequire } from 'node:module';
import { EVERY_PAGE, signInFor } from './helpers.mjs';

const axeSource = createRequire(import.meta.url)('axe-core').source;

for (const path of EVERY_PAGE) {
  test(`axe finds no serious violations on ${path}`, async ({ browser }, testInfo) => {
    test.skip(testInfo.project.name === 'nojs', 'axe runs as a script; once per page is enough');
    // axe is injected as an inline script, which our CSP rightly forbids to everyone else.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await signInFor(page, path);
    await page.goto(path);
    await page.addScriptTag({ content: axeSource });
    const results = await page.evaluate(() =>
      window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } }));
    const serious = results.violations
      .filter((v) => ['serious', 'critical'].includes(v.impact))
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious, serious.join('\n')).toEqual([]);
    await context.close();
  });
}
