import { test, expect } from '@playwright/test';
import { DESKTOP, PHONE, screenshot, signInFor } from './helpers.mjs';

const pages = [
  { path: '/', name: 'landing', heading: 'Keep every customer healthy, under your own brand.' },
  { path: '/sign-in', name: 'sign-in', heading: 'Sign in to Steward' },
  { path: '/cs', name: 'console', heading: 'Portfolio health' },
  { path: '/cs/design', name: 'design-system', heading: 'Design system' },
  { path: '/partner', name: 'partner', heading: 'Your customers' },
  { path: '/portal', name: 'portal', heading: 'Your account' },
];

for (const { path, name, heading } of pages) {
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    test(`${name} renders at ${size} width`, async ({ page }, testInfo) => {
      await page.setViewportSize(viewport);
      await signInFor(page, path);
      const response = await page.goto(path);
      expect(response.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      // Nothing may overflow sideways at phone width.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, testInfo, `${name}-${size}`);
    });
  }
}

test('unknown pages answer 404 with the error page', async ({ page }, testInfo) => {
  const response = await page.goto('/no/such/page');
  expect(response.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('Error 404')).toBeVisible();
  await screenshot(page, testInfo, 'not-found');
});

test('the skip link is the first stop for keyboard users', async ({ page }) => {
  await signInFor(page, '/cs');
  await page.goto('/cs');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
});
