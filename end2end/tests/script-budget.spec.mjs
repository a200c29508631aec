// The script budget (issue 10): all JS and wasm a page transfers, gzip'd as served, is at most
// 200 KB on every page. `make size` prints the same figures beside the budget.
import { test, expect } from '@playwright/test';
import { EVERY_PAGE, signInFor, waitForHydration } from './helpers.mjs';

const BUDGET = 200 * 1024;

for (const path of EVERY_PAGE) {
  test(`script budget on ${path}`, async ({ browser }, testInfo) => {
    test.skip(testInfo.project.name === 'nojs', 'scripts are what is measured');
    // Sign in on one page, then measure a fresh context with its cookies and an empty cache.
    const signing = await browser.newContext();
    await signInFor(await signing.newPage(), path);
    const context = await browser.newContext({ storageState: await signing.storageState() });
    await signing.close();
    const page = await context.newPage();
    const scripts = [];
    page.on('requestfinished', (request) => {
      const url = request.url().split('?')[0];
      if (request.resourceType() === 'script' || url.endsWith('.js') || url.endsWith('.wasm')) scripts.push(request);
    });
    await page.goto(path);
    await waitForHydration(page);
    await page.waitForLoadState('networkidle');
    let bytes = 0;
    for (const request of scripts) bytes += (await request.sizes()).responseBodySize;
    console.log(`script budget: ${path} ${bytes} B of ${BUDGET}`);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(BUDGET);
    await context.close();
  });
}
