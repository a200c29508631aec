// Shared helpers: screenshots into a git-ignored folder, and the two viewport sizes we check.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 360, height: 740 };

const folder = join(dirname(fileURLToPath(import.meta.url)), '..', 'screenshots');
mkdirSync(folder, { recursive: true });

export async function screenshot(page, testInfo, name) {
  const file = join(folder, `${testInfo.project.name}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Waits until every island of the page has come alive: each counts itself on
 * `<html data-islands-alive>` when it runs in the browser (ui/island.rs).
 */
export async function waitForHydration(page) {
  await page.waitForFunction(
    () => Number(document.documentElement.dataset.islandsAlive || 0) >= document.querySelectorAll('leptos-island').length,
  );
}

/** Every page a user can reach today, for the checks that run on each (axe, script budget). */
export const EVERY_PAGE = [
  '/', '/sign-in', '/forgot-password', '/cs', '/cs/design', '/cs/design?dialog=archive', '/partner', '/partner/customers',
  '/partner/team', '/portal', '/portal/team', '/account', '/missing', '/cs/admin/users', '/cs/admin/partners',
  '/cs/admin/organizations', '/cs/admin/outbox', '/cs/admin/jobs', '/cs/admin/audit',
  '/cs/admin/settings', '/account/notifications',
];

// ---------------------------------------------------------------------------------------------
// Signed-in flows (identity.spec.mjs). Every demo account shares one password.
// ---------------------------------------------------------------------------------------------

export const DEMO_PASSWORD = 'steward-demo-password';

/** The release binary the config serves. */
export const STEWARD_BINARY = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'target', 'release', 'steward');

/**
 * Adds the demo data (`steward seed-demo --orgs 5 --if-empty`) to the database named by
 * E2E_DATABASE_URL, the only database URL a test can know: without it the config picks a fresh
 * temporary SQLite file in each process that loads it, so its webServer command seeds that one.
 * Returns the command's output, or null when there was nothing to do here.
 */
export async function seedDemo() {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) return null;
  const { execFileSync } = await import('node:child_process');
  return execFileSync(STEWARD_BINARY, ['seed-demo', '--orgs', '5', '--if-empty'], {
    env: { ...process.env, DATABASE_URL: url, RUST_LOG: 'warn' },
    encoding: 'utf8',
  });
}

/**
 * With JavaScript on, waits until the page's islands have hydrated, so a click goes through
 * the island's form rather than a plain POST. Does nothing without it.
 */
export async function settle(page, javaScriptEnabled) {
  if (javaScriptEnabled) await waitForHydration(page);
}

/** Fills in and submits the sign-in form (opening /sign-in unless already there). */
export async function signIn(page, email, { password = DEMO_PASSWORD, javaScriptEnabled = false } = {}) {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/sign-in')) await page.goto('/sign-in');
  await settle(page, javaScriptEnabled);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Signs the page's browser context in (through the API, so it is quick) as a demo user who may
 * open `path`: platform admin for /cs and /account, Northwind's admin for /partner, and for /portal the same
 * admin switched to the customer organization they belong to. Public paths stay anonymous.
 */
export async function signInFor(page, path) {
  const surface = ['/cs', '/partner', '/portal', '/account'].find((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}?`));
  if (!surface) return;
  // The account pages belong to whoever is signed in: the platform admin will do.
  const email = ['/cs', '/account'].includes(surface) ? 'admin@steward.test' : 'admin@northwind.test';
  const base = new URL(page.url() === 'about:blank' ? 'http://127.0.0.1:' + (process.env.E2E_PORT || '3107') : page.url()).origin;
  const response = await page.request.post('/api/auth/sign-in', {
    form: { email, password: DEMO_PASSWORD },
    headers: { Origin: base, Accept: 'application/json' },
  });
  if (!response.ok()) throw new Error(`sign-in as ${email} failed: ${response.status()}`);
  if (surface === '/portal') {
    await page.goto('/portal');
    await page.locator('main form button').first().click();
    await page.waitForURL(/\/portal$/);
  }
}

/**
 * The people the platform admin's user list finds for `query` (its first page, in its order:
 * by name), as `{ name, email }`: for demo accounts whose addresses are generated, such as the
 * organization owners (`owner@<slug>.test`). Setup only, so always with JavaScript.
 */
export async function findPeople(browser, query) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  await signIn(page, 'admin@steward.test', { javaScriptEnabled: true });
  await page.waitForURL(/\/cs$/);
  await page.goto(`/cs/admin/users?q=${encodeURIComponent(query)}`);
  await page.locator('tbody tr').first().waitFor();
  const people = await page.locator('tbody tr td:first-child').evaluateAll((cells) => cells.map((cell) => ({
    name: (cell.querySelector('a, span')?.textContent ?? '').trim(),
    email: (cell.querySelector('div')?.textContent ?? '').trim(),
  })));
  await context.close();
  return people;
}
