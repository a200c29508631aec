import { test, expect } from '@playwright/test';
import { screenshot, waitForHydration } from './helpers.mjs';

async function fill(page, { message = 'We resell to 40 agencies and want a branded portal.', email = 'grace@example.com' } = {}) {
  const form = page.locator('#contact form');
  await form.getByLabel('Your name').fill('Grace Hopper');
  await form.getByLabel('Work e-mail').fill(email);
  await form.getByLabel('Company').fill('Compiler Co');
  await form.getByLabel('Team size').selectOption('51-200');
  await form.getByLabel('How can we help?').fill(message);
  return form;
}

test.describe('without JavaScript', () => {
  test.skip(({ javaScriptEnabled }) => javaScriptEnabled, 'plain HTML form posts');

  test('a valid message posts, redirects back and shows a notice once', async ({ page }, testInfo) => {
    await page.goto('/');
    const form = await fill(page);
    await form.getByRole('button', { name: 'Send message' }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/\??$/);
    await expect(page.getByRole('status')).toContainText('Your message reached our team');
    await screenshot(page, testInfo, 'contact-sent');
    await page.reload();
    await expect(page.getByText('Your message reached our team')).toHaveCount(0);
  });

  test('the browser itself stops a message that is too short', async ({ page }) => {
    await page.goto('/');
    const form = await fill(page, { message: 'Too short' });
    await form.getByRole('button', { name: 'Send message' }).click();
    await expect(page).not.toHaveURL(/__err=/);
    expect(await page.getByLabel('How can we help?').evaluate((el) => el.validity.tooShort)).toBe(true);
  });

  test('a rejected message comes back with the error at the field and the input kept', async ({ page }, testInfo) => {
    await page.goto('/');
    // Browsers accept name@localhost; the server wants a real domain.
    const form = await fill(page, { email: 'grace@localhost' });
    await form.getByRole('button', { name: 'Send message' }).click();
    await expect(page).toHaveURL(/__err=/);
    const email = page.getByLabel('Work e-mail');
    await expect(email).toHaveValue('grace@localhost');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Enter a valid e-mail address, like name@example.com.')).toBeVisible();
    await expect(page.getByLabel('How can we help?')).toHaveValue('We resell to 40 agencies and want a branded portal.');
    await expect(page.getByLabel('Your name')).toHaveValue('Grace Hopper');
    await page.locator('#contact').scrollIntoViewIfNeeded();
    await screenshot(page, testInfo, 'contact-rejected');
  });
});

test.describe('hydrated', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'needs the wasm bundle');

  test('fields are checked when they lose focus', async ({ page }) => {
    await page.goto('/');
    await waitForHydration(page);
    const email = page.getByLabel('Work e-mail');
    await email.fill('grace@');
    await email.blur();
    await expect(page.getByText('Enter a valid e-mail address, like name@example.com.')).toBeVisible();
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await email.fill('grace@example.com');
    await email.blur();
    await expect(page.getByText('Enter a valid e-mail address, like name@example.com.')).toHaveCount(0);
  });

  test('a valid message is sent without a page reload', async ({ page }, testInfo) => {
    await page.goto('/');
    await waitForHydration(page);
    await page.evaluate(() => { window.__samePage = true; });
    const form = await fill(page);
    await form.getByRole('button', { name: 'Send message' }).click();
    const thanks = page.getByRole('heading', { name: 'Thanks, we have your message' });
    await expect(thanks).toBeVisible();
    await expect(thanks).toBeFocused();
    await expect(page.getByText(/Your reference is REQ-\d{6}/)).toBeVisible();
    expect(await page.evaluate(() => window.__samePage)).toBe(true);
    await screenshot(page, testInfo, 'contact-sent-inline');
  });

  // The address passes the browser's own check; the island applies the server's e-mail rule
  // before posting, so the message is the server's and nothing is posted.
  test('an address the server would refuse shows at its field without a reload', async ({ page }) => {
    await page.goto('/');
    await waitForHydration(page);
    await page.evaluate(() => { window.__samePage = true; });
    const form = await fill(page, { email: 'grace@localhost' });
    await form.getByRole('button', { name: 'Send message' }).click();
    await expect(page.getByText('Enter a valid e-mail address, like name@example.com.')).toBeVisible();
    await expect(page.getByLabel('Work e-mail')).toBeFocused();
    expect(page.url()).not.toContain('__err');
    expect(await page.evaluate(() => window.__samePage)).toBe(true);
  });
});
