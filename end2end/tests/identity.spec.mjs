// Accounts end to end: signing in and out per role, wrong passwords and the throttle,
// invitations and password resets through the e-mail outbox, switching scope, read-only staff,
// and the cross-site request guard. Runs in both projects: hydrated (js) and plain HTML (nojs).
//
// The server starts on an empty database; the demo data (`seed-demo --orgs 5`) is added by the
// config's webServer command, or here in beforeAll when E2E_DATABASE_URL names the database.
import { test, expect } from '@playwright/test';
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, seedDemo, settle, signIn } from './helpers.mjs';

const NEW_PASSWORD = 'quiet harbor lantern 2048';

test.beforeAll(async ({ playwright }, testInfo) => {
  await seedDemo();
  // Fail early, and say why, when there is nobody to sign in as.
  const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const answer = await api.post('/api/auth/sign-in', {
    headers: { Origin: testInfo.project.use.baseURL },
    form: { email: 'admin@steward.test', password: DEMO_PASSWORD },
    maxRedirects: 0,
  });
  await api.dispose();
  expect(answer.status(), 'the demo data is missing: run `steward seed-demo --orgs 5` on the test database').toBeLessThan(400);
});

const sidebar = (page) => page.getByRole('complementary');

async function signOut(page) {
  await sidebar(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText('You are signed out.')).toBeVisible();
}

/**
 * The link in the newest outbox message to `recipient` (read as a signed-in platform admin).
 * Some mail is written by a background job moments after the request: reload until it is there.
 */
async function linkFromOutbox(page, recipient, path) {
  const message = page.getByRole('listitem').filter({ hasText: `To ${recipient}` }).first();
  await expect(async () => {
    await page.goto('/cs/admin/outbox');
    await expect(message).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15000 });
  const subject = (await message.locator('summary').innerText()).split('\n')[0];
  const body = await message.locator('pre.outbox-body').textContent();
  const line = body.split('\n').map((l) => l.trim()).find((l) => l.includes(`${path}?token=`));
  expect(line, `no ${path} link in:\n${body}`).toBeTruthy();
  return { subject, link: new URL(line) };
}

/**
 * Any organization owner: looked up as the platform admin, since their slugs are generated.
 * Setup only, so always with JavaScript (the nojs project's own pages are what it tests).
 */
async function findOrganizationOwner(browser) {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  await signIn(page, 'admin@steward.test', { javaScriptEnabled: true });
  await expect(page).toHaveURL(/\/cs$/);
  await page.goto('/cs/admin/users?q=owner%40');
  const email = page.locator('tbody tr td').getByText(/^owner@.+\.test$/).first();
  await expect(email).toBeVisible();
  const address = (await email.textContent()).trim();
  await context.close();
  return address;
}

test.describe('signing in and out', () => {
  const roles = [
    { who: 'the platform admin', email: 'admin@steward.test', home: '/cs', heading: 'Portfolio health', name: 'Avery Admin' },
    { who: 'the read-only analyst', email: 'analyst@steward.test', home: '/cs', heading: 'Portfolio health', name: 'Priya Raman' },
    { who: 'a partner admin', email: 'admin@northwind.test', home: '/partner', heading: 'Your customers', name: 'Nadia Whitfield' },
  ];

  for (const { who, email, home, heading, name } of roles) {
    test(`${who} lands on ${home} and signs out`, async ({ page, javaScriptEnabled }) => {
      await signIn(page, email, { javaScriptEnabled });
      await expect(page).toHaveURL(new RegExp(`${home}$`));
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      await expect(sidebar(page).getByText(name, { exact: true })).toBeVisible();
      await expect(sidebar(page).getByText(email, { exact: true })).toBeVisible();
      await expect(sidebar(page).getByRole('link', { name: 'Account settings' })).toBeVisible();
      await signOut(page);
      // The session is really gone.
      await page.goto(home);
      await expect(page).toHaveURL(/\/sign-in\?next=/);
    });
  }

  test('an organization owner lands on /portal and signs out', async ({ page, browser, javaScriptEnabled }) => {
    const owner = await findOrganizationOwner(browser);
    await signIn(page, owner, { javaScriptEnabled });
    await expect(page).toHaveURL(/\/portal$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
    await expect(sidebar(page).getByText(/^Owner · /)).toBeVisible();
    await signOut(page);
  });

  test('an anonymous visit to /cs goes to sign-in, and back to the page wanted after it', async ({ page, javaScriptEnabled }) => {
    await page.goto('/cs/admin/users');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fcs%2Fadmin%2Fusers$/);
    await page.goto('/cs');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fcs$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Steward' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Forgot your password?' })).toBeVisible();
    await page.goto('/sign-in?next=%2Fcs%2Fadmin%2Fusers');
    await signIn(page, 'csm@steward.test', { javaScriptEnabled });
    await expect(page).toHaveURL(/\/cs\/admin\/users$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  });

  test('a wrong password is refused and the page stays on sign-in', async ({ page, javaScriptEnabled }) => {
    await signIn(page, 'csm@steward.test', { password: 'not-the-password', javaScriptEnabled });
    await expect(page.getByRole('alert').filter({ hasText: 'The e-mail address or password is incorrect.' })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
    // Hydrated, the form answers in place (a plain POST comes back through a redirect).
    if (javaScriptEnabled) expect(page.url()).not.toContain('__err');
    await expect(page.getByRole('complementary')).toHaveCount(0);
  });

  test('the hydrated form keeps the typed e-mail after a wrong password', async ({ page, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, 'a plain POST reloads the page; the address is not carried in the URL');
    await signIn(page, 'csm@steward.test', { password: 'not-the-password', javaScriptEnabled });
    await expect(page.getByText('The e-mail address or password is incorrect.')).toBeVisible();
    await expect(page.getByLabel('E-mail')).toHaveValue('csm@steward.test', { timeout: 2_000 });
  });

  test('what is typed before the page hydrates survives hydration', async ({ page, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, 'nothing hydrates without JavaScript');
    // Hold the wasm back so the fields are filled before the page hydrates.
    await page.route('**/*.wasm', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.goto('/sign-in', { waitUntil: 'domcontentloaded' });
    await page.getByLabel('E-mail').fill('csm@steward.test');
    await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
    await page.waitForLoadState('networkidle');
    await expect(page.getByLabel('E-mail')).toHaveValue('csm@steward.test', { timeout: 2_000 });
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue(DEMO_PASSWORD, { timeout: 2_000 });
  });

  test('after five wrong passwords the account is throttled', async ({ page, javaScriptEnabled }) => {
    // The throttle lives in the database and both projects share it: one account each.
    const email = javaScriptEnabled ? 'csm2@steward.test' : 'member@bluebird.test';
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.goto('/sign-in');
      await signIn(page, email, { password: `wrong-password-${attempt}`, javaScriptEnabled });
      await expect(page.getByText('The e-mail address or password is incorrect.')).toBeVisible();
    }
    await page.goto('/sign-in');
    // Even the right password is refused now.
    await signIn(page, email, { javaScriptEnabled });
    await expect(page.getByRole('alert')).toContainText(/Too many attempts\. Try again in \d+ minute/);
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test('an invitation from the outbox becomes a signed-in account', async ({ page, javaScriptEnabled }, testInfo) => {
  const email = `invited-${testInfo.project.name}-${Date.now()}@example.com`;
  const name = `Invited ${testInfo.project.name === 'js' ? 'Ines' : 'Noel'} Tester`;
  await signIn(page, 'admin@steward.test', { javaScriptEnabled });
  await expect(page).toHaveURL(/\/cs$/);

  await page.goto('/cs/admin/users');
  await settle(page, javaScriptEnabled);
  const card = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Invite someone' }) });
  await card.getByLabel('E-mail').fill(email);
  await card.getByLabel('Name').fill(name);
  await card.getByLabel('Role').selectOption({ label: 'Customer success manager' });
  const sent = javaScriptEnabled
    ? page.waitForResponse((r) => r.url().includes('/api/people/invite') && r.request().method() === 'POST')
    : null;
  await card.getByRole('button', { name: 'Send invitation' }).click();
  if (sent) expect((await sent).status()).toBe(200);
  await expect(page.getByText('Invitation sent.')).toBeVisible();
  // Ready for the next invitation.
  await expect(card.getByLabel('E-mail')).toHaveValue('');

  const { subject, link } = await linkFromOutbox(page, email, '/accept-invitation');
  expect(subject).toContain('invited you to');
  expect(link.origin).toBe(testInfo.project.use.baseURL);
  await signOut(page);

  await page.goto(link.href);
  await expect(page.getByRole('heading', { level: 1, name: 'Accept your invitation' })).toBeVisible();
  await expect(page.getByText(`You will sign in as ${email}.`)).toBeVisible();
  await settle(page, javaScriptEnabled);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Create my account' }).click();

  await expect(page).toHaveURL(/\/cs$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Portfolio health' })).toBeVisible();
  await expect(sidebar(page).getByText(name, { exact: true })).toBeVisible();
  await expect(sidebar(page).getByText(/^Customer success manager · /)).toBeVisible();

  // The link works once.
  await signOut(page);
  await page.goto(link.href);
  await expect(page.getByRole('heading', { name: 'This invitation cannot be used' })).toBeVisible();
});

test('a password reset through the outbox', async ({ page, javaScriptEnabled }, testInfo) => {
  const email = javaScriptEnabled ? 'member@summit.test' : 'admin@summit.test';
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await settle(page, javaScriptEnabled);
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByText('a link to choose a new password is on its way').first()).toBeVisible();

  await signIn(page, 'admin@steward.test', { javaScriptEnabled });
  await expect(page).toHaveURL(/\/cs$/);
  const { subject, link } = await linkFromOutbox(page, email, '/reset-password');
  expect(subject.toLowerCase()).toContain('password');
  expect(link.origin).toBe(testInfo.project.use.baseURL);
  await signOut(page);

  await page.goto(link.href);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await settle(page, javaScriptEnabled);
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Repeat the new password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Save the new password' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByText('Your password is changed. Sign in with the new one.')).toBeVisible();

  // The old password no longer works; the new one does.
  await signIn(page, email, { javaScriptEnabled });
  await expect(page.getByText('The e-mail address or password is incorrect.')).toBeVisible();
  await page.goto('/sign-in');
  await signIn(page, email, { password: NEW_PASSWORD, javaScriptEnabled });
  await expect(page).toHaveURL(/\/partner$/);
  await expect(sidebar(page).getByText(email, { exact: true })).toBeVisible();
});

test('a partner admin switches to their organization', async ({ page, javaScriptEnabled }) => {
  await signIn(page, 'admin@northwind.test', { javaScriptEnabled });
  await expect(page).toHaveURL(/\/partner$/);
  await expect(sidebar(page).getByText('Partner admin · Northwind Resellers')).toBeVisible();
  await expect(sidebar(page).getByText('Switch to', { exact: true })).toBeVisible();
  await sidebar(page).getByRole('button', { name: /Member$/ }).click();

  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your account' })).toBeVisible();
  await expect(sidebar(page).getByText(/^Member · /)).toBeVisible();
  // And back again.
  await sidebar(page).getByRole('button', { name: /^Northwind Resellers/ }).click();
  await expect(page).toHaveURL(/\/partner$/);
  await expect(sidebar(page).getByText('Partner admin · Northwind Resellers')).toBeVisible();
});

test('the analyst reads but cannot write', async ({ page, javaScriptEnabled }, testInfo) => {
  await signIn(page, 'analyst@steward.test', { javaScriptEnabled });
  await expect(page).toHaveURL(/\/cs$/);

  await page.goto('/cs/admin/users');
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByText('admin@steward.test')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Invite someone' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send invitation' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Disable' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Change role' })).toHaveCount(0);

  await page.goto('/cs/admin/partners');
  await expect(page.getByText('Northwind Resellers')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add partner' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Suspend' })).toHaveCount(0);

  // A write forged from the analyst's own signed-in page is refused by the server.
  const baseURL = testInfo.project.use.baseURL;
  let status;
  if (javaScriptEnabled) {
    status = await page.evaluate(() => fetch('/api/partners/create', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: 'name=Forged',
    }).then((r) => r.status));
  } else {
    const answer = await page.request.post('/api/partners/create', {
      headers: { Origin: baseURL, accept: 'application/json' },
      form: { name: 'Forged' },
      maxRedirects: 0,
    });
    status = answer.status();
  }
  expect(status).toBe(403);
  await page.reload();
  await expect(page.getByText('Northwind Resellers')).toBeVisible();
  await expect(page.getByText('Forged', { exact: true })).toHaveCount(0);
});

test('a cross-origin POST is refused', async ({ request }, testInfo) => {
  const form = { email: 'csm@steward.test', password: DEMO_PASSWORD };
  const forged = await request.post('/api/auth/sign-in', { headers: { Origin: 'http://evil.example' }, form, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  const noOrigin = await request.post('/api/auth/sign-out', { form: {}, maxRedirects: 0 });
  expect(noOrigin.status()).toBe(403);
  // The same request from our own origin goes through.
  const own = await request.post('/api/auth/sign-in', { headers: { Origin: testInfo.project.use.baseURL }, form, maxRedirects: 0 });
  expect(own.status()).toBeLessThan(400);
});

test.describe('signed-in pages at desktop and phone width', () => {
  const shots = [
    { name: 'sign-in', path: '/sign-in', as: null, heading: 'Sign in to Steward' },
    { name: 'admin-users', path: '/cs/admin/users', as: 'admin@steward.test', heading: 'Users' },
    { name: 'admin-organizations', path: '/cs/admin/organizations', as: 'admin@steward.test', heading: 'Organizations' },
    { name: 'partner-customers', path: '/partner/customers', as: 'admin@northwind.test', heading: 'Customers' },
    { name: 'account', path: '/account', as: 'csm@steward.test', heading: 'Account settings' },
  ];
  for (const { name, path, as, heading } of shots) {
    test(`${name} at desktop and phone width`, async ({ page, javaScriptEnabled }, testInfo) => {
      if (as) {
        await signIn(page, as, { javaScriptEnabled });
        await expect(page).not.toHaveURL(/\/sign-in/);
      }
      for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
        await page.setViewportSize(viewport);
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
        await settle(page, javaScriptEnabled);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        await screenshot(page, testInfo, `identity-${name}-${size}`);
        expect.soft(overflow, `${path} overflows sideways at ${size} width`).toBeLessThanOrEqual(0);
      }
    });
  }
});
