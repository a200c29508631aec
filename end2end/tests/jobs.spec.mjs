// The console's background jobs page end to end (platform admins only): the tabs by state, the
// server's hourly clean-up listed as a recurring job that cannot be cancelled, at desktop and
// phone width; the way to it from the sidebar; and the refusal for other console staff. Runs in
// both projects: hydrated (js) and plain HTML (nojs); the tabs are links, so they work the same
// without JavaScript. Nothing here writes to the jobs table: the only job a test can count on is
// the recurring one every server schedules at start.
import { test, expect } from '@playwright/test';
import { DESKTOP, PHONE, screenshot, seedDemo, settle, signIn } from './helpers.mjs';

test.beforeAll(async () => {
  await seedDemo();
});

const sidebar = (page) => page.getByRole('complementary');
const tabs = (page) => page.getByRole('navigation', { name: 'Job states' });
const rows = (page) => page.locator('tbody tr');
/** The row of the job of `kind` (its kind is the `<code>` in the "Job" column). */
const jobRow = (page, kind) =>
  rows(page).filter({ has: page.locator('td:first-child code', { hasText: new RegExp(`^${kind.replace(/\./g, '\\.')}$`) }) });

/** The tabs, in order, as the page labels them (each followed by its count). */
const STATES = ['Queued', 'Running', 'Failed, will retry', 'Dead', 'Succeeded', 'Cancelled'];
const tab = (page, state) => tabs(page).getByRole('link', { name: new RegExp(`^${state} \\(\\d+\\)$`) });

/** The recurring clean-up every server schedules at start (and runs at once, then hourly). */
const CLEANUP = 'sign_in.cleanup';

/** Signs in through the form as platform staff, who land on the console. */
async function signInToConsole(page, email, javaScriptEnabled) {
  await signIn(page, email, { javaScriptEnabled });
  await expect(page).toHaveURL(/\/cs$/);
}

/** Opens `path`, waits for its heading, and (with JavaScript) for hydration. */
async function open(page, path, javaScriptEnabled) {
  const response = await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: 'Background jobs' })).toBeVisible();
  await settle(page, javaScriptEnabled);
  return response;
}

test.describe('background jobs', () => {
  test('a platform admin sees the tabs and the recurring clean-up, at desktop and phone width', async ({ page, javaScriptEnabled }, testInfo) => {
    await signInToConsole(page, 'admin@steward.test', javaScriptEnabled);
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      await page.setViewportSize(viewport);
      const response = await open(page, '/cs/admin/jobs', javaScriptEnabled);
      expect(response.status()).toBe(200);
      await expect(page.getByText("You don't have access to this page.")).toHaveCount(0);

      // Six tabs, each with its count; without ?status= the queued jobs are shown.
      await expect(tabs(page).getByRole('link')).toHaveCount(STATES.length);
      for (const state of STATES) await expect(tab(page, state)).toBeVisible();
      await expect(tab(page, 'Queued')).toHaveAttribute('aria-current', 'page');
      await expect(tabs(page).locator('a[aria-current="page"]')).toHaveCount(1);

      // The clean-up waits for its next run: recurring, so it has no Cancel (and, queued, no Retry).
      const cleanup = jobRow(page, CLEANUP);
      await expect(cleanup).toHaveCount(1);
      await expect(cleanup.getByText('Recurring, every hour', { exact: true })).toBeVisible();
      await expect(cleanup.getByText(/^#\d+$/)).toBeVisible();
      await expect(cleanup.locator('td').nth(1)).toContainText('Queued');
      await expect(cleanup.locator('td').nth(2)).toHaveText(/^\d+ of \d+$/);
      await expect(cleanup.locator('td').nth(3)).toHaveText(/^Next run \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
      await expect(cleanup.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
      await expect(cleanup.getByRole('button', { name: 'Retry now' })).toHaveCount(0);
      await expect(page.getByText('Something went wrong')).toHaveCount(0);

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await screenshot(page, testInfo, `jobs-${size}`);
      expect.soft(overflow, `/cs/admin/jobs overflows sideways at ${size} width`).toBeLessThanOrEqual(0);
    }
  });

  test('a tab is a link to its state', async ({ page, javaScriptEnabled }) => {
    await signInToConsole(page, 'admin@steward.test', javaScriptEnabled);
    await open(page, '/cs/admin/jobs', javaScriptEnabled);
    await expect(jobRow(page, CLEANUP)).toHaveCount(1);

    await tab(page, 'Succeeded').click();
    await expect(page).toHaveURL(/\/cs\/admin\/jobs\?status=succeeded$/);
    await expect(tab(page, 'Succeeded')).toHaveAttribute('aria-current', 'page');
    await expect(tab(page, 'Queued')).not.toHaveAttribute('aria-current', 'page');
    await expect(tabs(page).locator('a[aria-current="page"]')).toHaveCount(1);
    // A recurring job never ends up here: after each run it is queued for the next.
    await expect(jobRow(page, CLEANUP)).toHaveCount(0);
    // Whatever is listed (likely nothing) succeeded.
    const badges = page.locator('tbody tr td:nth-child(2) > span:first-child');
    await expect.poll(async () => [...new Set((await badges.allTextContents()).map((t) => t.trim()))]
      .every((t) => t === 'Succeeded')).toBe(true);
    await expect(page.getByText('Something went wrong')).toHaveCount(0);

    // And back, through the tab as well.
    await settle(page, javaScriptEnabled);
    await tab(page, 'Queued').click();
    await expect(page).toHaveURL(/\/cs\/admin\/jobs\?status=queued$/);
    await expect(tab(page, 'Queued')).toHaveAttribute('aria-current', 'page');
    await expect(jobRow(page, CLEANUP)).toHaveCount(1);
  });

  test('the sidebar leads a platform admin to it', async ({ page, javaScriptEnabled }) => {
    await signInToConsole(page, 'admin@steward.test', javaScriptEnabled);
    await settle(page, javaScriptEnabled);
    const link = sidebar(page).getByRole('link', { name: 'Background jobs' });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('href', '/cs/admin/jobs');
    await expect(link).not.toHaveAttribute('aria-current', 'page');

    await link.click();
    await expect(page).toHaveURL(/\/cs\/admin\/jobs$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Background jobs' })).toBeVisible();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(tabs(page)).toBeVisible();
    await expect(jobRow(page, CLEANUP)).toHaveCount(1);
  });

  test('a customer success manager is refused and has no link to it', async ({ page, javaScriptEnabled }) => {
    await signInToConsole(page, 'csm@steward.test', javaScriptEnabled);
    await expect(sidebar(page).getByRole('link', { name: 'Audit log' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Background jobs' })).toHaveCount(0);

    const response = await page.goto('/cs/admin/jobs');
    expect(response.status()).toBe(403);
    await expect(page.getByRole('main').getByText('Error 403')).toBeVisible();
    await expect(page.getByRole('main').getByText("You don't have access to this page.")).toBeVisible();
    await settle(page, javaScriptEnabled);
    // No jobs, and no hint of whether there are any.
    await expect(page.getByRole('heading', { name: 'Background jobs' })).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Job states' })).toHaveCount(0);
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.getByText(CLEANUP)).toHaveCount(0);
    await expect(page.getByText('No jobs here')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Background jobs' })).toHaveCount(0);
  });
});
