// The console's administration screens end to end: the audit log (filters, a page far past
// the end), partners (listed, at desktop and phone width), the e-mail outbox (platform admins
// only) and organizations (status filter, empty search). Runs in both projects: hydrated (js)
// and plain HTML (nojs); the filters are GET forms, so they work the same without JavaScript.
import { test, expect } from '@playwright/test';
import { DESKTOP, PHONE, screenshot, seedDemo, settle, signIn } from './helpers.mjs';

test.beforeAll(async () => {
  await seedDemo();
});

const sidebar = (page) => page.getByRole('complementary');
const filters = (page) => page.getByRole('search');
const rows = (page) => page.locator('tbody tr');
/** The action codes in the audit table's "What" column. */
const actions = (page) => page.locator('tbody tr td:nth-child(3) code');

/** Signs in through the form as platform staff, who land on the console. */
async function signInToConsole(page, email, javaScriptEnabled) {
  await signIn(page, email, { javaScriptEnabled });
  await expect(page).toHaveURL(/\/cs$/);
}

/** Opens `path`, waits for its heading, and (with JavaScript) for hydration. */
async function open(page, path, heading, javaScriptEnabled) {
  const response = await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await settle(page, javaScriptEnabled);
  return response;
}

test.describe('audit log', () => {
  test('lists the admin\'s sign-in and filters by action, in any case', async ({ page, javaScriptEnabled }) => {
    await signInToConsole(page, 'admin@steward.test', javaScriptEnabled);
    await open(page, '/cs/admin/audit', 'Audit log', javaScriptEnabled);
    const ownSignIn = rows(page).filter({ hasText: 'admin@steward.test' }).filter({ hasText: 'auth.signed_in' });
    await expect(ownSignIn.first()).toBeVisible();

    // The prefix ignores case: "AUTH." finds the auth.* entries.
    await filters(page).getByLabel('Action starts with').fill('AUTH.');
    await filters(page).getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/[?&]action=AUTH\.(&|$)/);
    await expect(filters(page).getByLabel('Action starts with')).toHaveValue('AUTH.');
    await expect(ownSignIn.first()).toBeVisible();
    await expect.poll(async () => (await actions(page).allTextContents()).every((a) => a.trim().startsWith('auth.')))
      .toBe(true);
    await expect(page.getByText('Something went wrong')).toHaveCount(0);

    // A prefix nothing has.
    await settle(page, javaScriptEnabled);
    await filters(page).getByLabel('Action starts with').fill('zzq.no-such-action');
    await filters(page).getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/[?&]action=zzq\.no-such-action(&|$)/);
    await expect(page.getByRole('heading', { name: 'No entries' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
  });

  test('a page far past the end shows the last page', async ({ page, javaScriptEnabled }) => {
    await signInToConsole(page, 'admin@steward.test', javaScriptEnabled);
    const response = await open(page, '/cs/admin/audit?page=9223372036854775807', 'Audit log', javaScriptEnabled);
    expect(response.status()).toBe(200);
    await expect(page.getByRole('table')).toBeVisible();
    await expect(rows(page).first()).toBeVisible();
    await expect(page.getByText('Something went wrong')).toHaveCount(0);
    const pagination = page.getByRole('navigation', { name: 'Pagination' });
    // "Page 1 of 1", or whichever page is the last.
    await expect(pagination.getByText(/^Page (\d+) of \1$/)).toBeVisible();
    await expect(pagination.locator('[data-rel="next"]')).toHaveAttribute('aria-disabled', 'true');
    await expect(pagination.locator('a[rel="next"]')).toHaveCount(0);
  });
});

test.describe('partners', () => {
  test('the demo partners are listed, at desktop and phone width', async ({ page, javaScriptEnabled }, testInfo) => {
    await signInToConsole(page, 'admin@steward.test', javaScriptEnabled);
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      await page.setViewportSize(viewport);
      await open(page, '/cs/admin/partners', 'Partners', javaScriptEnabled);
      for (const name of ['Northwind Resellers', 'Bluebird Cloud', 'Summit Partners']) {
        await expect(page.getByRole('cell').getByText(name, { exact: true })).toBeVisible();
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await screenshot(page, testInfo, `admin-partners-${size}`);
      expect.soft(overflow, `/cs/admin/partners overflows sideways at ${size} width`).toBeLessThanOrEqual(0);
    }
  });
});

test.describe('e-mail outbox', () => {
  test('a platform admin reads it', async ({ page, javaScriptEnabled }) => {
    await signInToConsole(page, 'admin@steward.test', javaScriptEnabled);
    const response = await open(page, '/cs/admin/outbox', 'E-mail outbox', javaScriptEnabled);
    expect(response.status()).toBe(200);
    const link = sidebar(page).getByRole('link', { name: 'E-mail outbox' });
    await expect(link).toBeVisible();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(page.getByText("You don't have access to this page.")).toHaveCount(0);
  });

  test('a customer success manager is refused and has no link to it', async ({ page, javaScriptEnabled }) => {
    await signInToConsole(page, 'csm@steward.test', javaScriptEnabled);
    await expect(sidebar(page).getByRole('link', { name: 'Audit log' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'E-mail outbox' })).toHaveCount(0);

    const response = await page.goto('/cs/admin/outbox');
    expect(response.status()).toBe(403);
    await expect(page.getByRole('main').getByText('Error 403')).toBeVisible();
    await expect(page.getByRole('main').getByText("You don't have access to this page.")).toBeVisible();
    // No message, and no hint of whether there are any.
    await expect(page.locator('pre.outbox-body')).toHaveCount(0);
    await expect(page.getByText('No e-mail yet')).toHaveCount(0);
  });
});

test.describe('organizations', () => {
  test('filtering by status shows only that status', async ({ page, javaScriptEnabled }) => {
    await signInToConsole(page, 'admin@steward.test', javaScriptEnabled);
    await open(page, '/cs/admin/organizations', 'Organizations', javaScriptEnabled);
    // Each row's edit form has a "Status" select too: use the filter bar's.
    await filters(page).getByLabel('Status').selectOption({ label: 'Active' });
    await filters(page).getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/[?&]status=active(&|$)/);
    await expect(filters(page).getByLabel('Status')).toHaveValue('active');
    await expect(rows(page).first()).toBeVisible();
    // The status column's first badge (an "Archived" badge may follow it).
    const badges = page.locator('tbody tr td:nth-child(3) > span:first-child');
    await expect.poll(async () => [...new Set((await badges.allTextContents()).map((t) => t.trim()))])
      .toEqual(['Active']);
    await expect(badges).toHaveCount(await rows(page).count());
  });

  test('a search that matches nothing shows the empty state', async ({ page, javaScriptEnabled }) => {
    await signInToConsole(page, 'admin@steward.test', javaScriptEnabled);
    await open(page, '/cs/admin/organizations', 'Organizations', javaScriptEnabled);
    await filters(page).getByLabel('Search').fill('zzq no such organization');
    await filters(page).getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/[?&]q=zzq/);
    await expect(page.getByRole('heading', { name: 'No organizations' })).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
  });
});

test.describe('organization edit form', () => {
  test('opens from its row, keeps the list filters, saves and closes', async ({ page, javaScriptEnabled }, testInfo) => {
    await signInToConsole(page, 'admin@steward.test', javaScriptEnabled);
    await open(page, '/cs/admin/organizations?status=active', 'Organizations', javaScriptEnabled);
    // The list holds links, not a form per row.
    await expect(page.locator('tbody form')).toHaveCount(0);
    const name = (await rows(page).first().locator('td:first-child span').first().innerText()).trim();
    await rows(page).first().getByRole('link', { name: `Edit ${name}` }).click();
    await expect(page).toHaveURL(/[?&]status=active(&|$)/);
    await expect(page).toHaveURL(/[?&]edit=\d+(&|$)/);
    const card = page.locator('section').filter({ has: page.getByRole('heading', { name: `Edit ${name}` }) });
    await expect(card).toBeVisible();
    await screenshot(page, testInfo, 'admin-organization-edit');

    const renamed = `${name} (${testInfo.project.name})`;
    await card.getByLabel('Name').fill(renamed);
    await card.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').getByText('Saved')).toBeVisible();
    await expect(page.getByRole('cell').getByText(renamed, { exact: true })).toBeVisible();

    // Put the name back for the other tests, then close the form.
    const again = page.locator('section').filter({ has: page.getByRole('heading', { name: `Edit ${renamed}` }) });
    await again.getByLabel('Name').fill(name);
    await again.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('cell').getByText(name, { exact: true })).toBeVisible();
    await page.locator('section').filter({ has: page.getByRole('heading', { name: `Edit ${name}` }) })
      .getByRole('link', { name: 'Close' }).click();
    await expect(page).not.toHaveURL(/[?&]edit=/);
    await expect(page).toHaveURL(/[?&]status=active(&|$)/);
    await expect(page.getByRole('heading', { name: /^Edit / })).toHaveCount(0);
  });
});
