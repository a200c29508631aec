import { test, expect } from '@playwright/test';
import { PHONE, signInFor } from './helpers.mjs';

test('through the console as a signed-in admin', async ({ page }) => {
  await signInFor(page, '/cs');
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Success console' }).click();
  await expect(page).toHaveURL(/\/cs$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Portfolio health' })).toBeVisible();

  const sidebar = page.getByRole('complementary');
  await sidebar.getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/\/cs\/admin\/audit$/);
  await expect(sidebar.getByRole('link', { name: 'Audit log' })).toHaveAttribute('aria-current', 'page');

  await sidebar.getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(/\/cs\/admin\/users$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();

  await page.getByRole('complementary').getByRole('link', { name: 'Steward' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('the phone menu opens and navigates', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signInFor(page, '/cs');
  await page.goto('/cs');
  await expect(page.getByRole('complementary')).toBeHidden();
  await page.getByText('Menu', { exact: true }).click();
  await page.getByRole('navigation', { name: 'Success console (menu)' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page).toHaveURL(/\/cs\/admin\/audit$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
});

test('sorting, paging and the confirm dialog work through links', async ({ page }) => {
  await signInFor(page, '/cs');
  await page.goto('/cs/design');
  await page.getByRole('link', { name: /^Health/ }).click();
  await expect(page).toHaveURL(/sort=health&dir=asc/);
  await expect(page.locator('tbody tr').first()).toContainText('Soylent Foods');
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByText('Showing 6–10 of 12')).toBeVisible();

  await page.getByRole('link', { name: 'Open a confirm dialog' }).click();
  const dialog = page.getByRole('dialog', { name: 'Archive Northwind Traders?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('link', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('Escape closes the confirm dialog once hydrated', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name === 'nojs', 'keyboard handling needs JavaScript');
  await signInFor(page, '/cs');
  await page.goto('/cs/design?dialog=archive');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/\/cs\/design$/);
});
