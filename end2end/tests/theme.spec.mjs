// Light and dark themes come from the same CSS variables, following the system setting.
import { test, expect } from '@playwright/test';
import { DESKTOP, PHONE, screenshot, signInFor } from './helpers.mjs';

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

for (const [name, path] of [['landing', '/'], ['design-system', '/cs/design'], ['portal', '/portal']]) {
  test(`${name} follows a dark system theme`, async ({ page }, testInfo) => {
    await page.setViewportSize(name === 'portal' ? PHONE : DESKTOP);
    await signInFor(page, path);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    expect(await background(page)).toBe('rgb(245, 246, 248)');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await background(page)).toBe('rgb(11, 15, 23)');
    await screenshot(page, testInfo, `${name}-dark`);
  });
}
