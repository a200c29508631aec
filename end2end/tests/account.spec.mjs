// Account settings (/account) end to end: the name, the password (changed and changed back),
// the signed-in browsers, and asking for a new e-mail address. Runs in both projects: hydrated
// (js) and plain HTML forms that POST and redirect (nojs).
//
// Both projects share one database, and wrong passwords count against a per-account limit, so
// each project changes its own demo account: nobody else's tests rely on these two.
import { test, expect } from '@playwright/test';
import { DEMO_PASSWORD, DESKTOP, PHONE, screenshot, seedDemo, settle, signIn } from './helpers.mjs';

const TEMPORARY_PASSWORD = 'amber meadow compass 7391';

const PROFILE_SAVED = 'Your profile is saved.';
const PASSWORD_CHANGED = 'Your password is changed. Other browsers were signed out.';
const OTHERS_SIGNED_OUT = 'Every other browser is signed out.';
const EMAIL_CHANGE_SENT = 'We sent a confirmation link to the new address. The change takes effect when you open it.';

/** The account this project may change. */
const accountOf = (testInfo) => (testInfo.project.name === 'js' ? 'admin@bluebird.test' : 'member@northwind.test');

test.beforeAll(async () => {
  await seedDemo();
});

const sidebar = (page) => page.getByRole('complementary');
const toast = (page, text) => page.getByRole('status').getByText(text, { exact: true });
const card = (page, title) => page.locator('section.card')
  .filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });

/** Signs `page` in as `email` and opens the settings page (hydrated, with JavaScript). */
async function openAccount(page, email, javaScriptEnabled) {
  await signIn(page, email, { javaScriptEnabled });
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Account settings' })).toBeVisible();
  await settle(page, javaScriptEnabled);
}

/** Reloads the settings page and waits until it is ready to use again. */
async function reopen(page, javaScriptEnabled) {
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Account settings' })).toBeVisible();
  await settle(page, javaScriptEnabled);
}

/** The password card's "Current password" input (the e-mail card has one too). */
const passwordCurrent = (page) => card(page, 'Password').getByLabel('Current password');

async function changePassword(page, current, next) {
  const form = card(page, 'Password');
  await passwordCurrent(page).fill(current);
  await form.getByLabel('New password', { exact: true }).fill(next);
  await form.getByLabel('Repeat the new password').fill(next);
  await form.getByRole('button', { name: 'Change password' }).click();
}

test('the name is saved, shows in the sidebar, and cannot be blank', async ({ page, javaScriptEnabled }, testInfo) => {
  const email = accountOf(testInfo);
  const name = `Renamed ${testInfo.project.name} ${Date.now().toString(36)}`;
  await openAccount(page, email, javaScriptEnabled);
  const profile = card(page, 'Profile');
  const field = profile.getByLabel('Name', { exact: true });
  // It starts with the name the sidebar shows.
  const before = await field.inputValue();
  expect(before.trim()).not.toBe('');
  await expect(sidebar(page).getByText(before, { exact: true })).toBeVisible();

  await field.fill(name);
  await profile.getByRole('button', { name: 'Save name' }).click();
  await expect(toast(page, PROFILE_SAVED)).toBeVisible();
  await expect(profile.getByText('Enter a name.')).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Account settings' })).toBeVisible();
  await expect(sidebar(page).getByText(name, { exact: true })).toBeVisible();
  await expect(sidebar(page).getByText(email, { exact: true })).toBeVisible();
  await expect(field).toHaveValue(name);
  await settle(page, javaScriptEnabled);

  // Only spaces get past the browser's `required`, and the server refuses them at the field.
  await field.fill('   ');
  await profile.getByRole('button', { name: 'Save name' }).click();
  await expect(profile.getByText('Enter a name.', { exact: true })).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription('Enter a name.');
  // Hydrated, the form answers in place (a plain POST comes back through a redirect).
  if (javaScriptEnabled) expect(page.url()).not.toContain('__err');
  await expect(toast(page, PROFILE_SAVED)).toHaveCount(0);

  // The saved name is untouched.
  await reopen(page, javaScriptEnabled);
  await expect(sidebar(page).getByText(name, { exact: true })).toBeVisible();
  await expect(profile.getByLabel('Name', { exact: true })).toHaveValue(name);
});

test('the password is changed, after a wrong current one, and changed back', async ({ page, browser, javaScriptEnabled }, testInfo) => {
  const email = accountOf(testInfo);
  await openAccount(page, email, javaScriptEnabled);
  const form = card(page, 'Password');
  await expect(form.getByText('Changing it signs out every other browser.')).toBeVisible();

  // A wrong current password (one of the few per account the sign-in limit allows).
  await changePassword(page, 'not my current password', TEMPORARY_PASSWORD);
  await expect(form.getByText('That is not your current password.', { exact: true })).toBeVisible();
  await expect(passwordCurrent(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(toast(page, PASSWORD_CHANGED)).toHaveCount(0);
  // The e-mail card, which has a current-password field too, shows nothing.
  await expect(card(page, 'E-mail address').getByText('That is not your current password.')).toHaveCount(0);

  let changed = false;
  try {
    await reopen(page, javaScriptEnabled);
    await changePassword(page, DEMO_PASSWORD, TEMPORARY_PASSWORD);
    await expect(toast(page, PASSWORD_CHANGED)).toBeVisible();
    changed = true;
    await expect(form.getByText('That is not your current password.')).toHaveCount(0);
    // Hydrated, the form is emptied for the next entry; a plain POST gets a fresh page.
    await expect(passwordCurrent(page)).toHaveValue('');
    await expect(form.getByLabel('New password', { exact: true })).toHaveValue('');

    // This browser stays signed in, and the notice is not shown twice.
    await reopen(page, javaScriptEnabled);
    await expect(sidebar(page).getByText(email, { exact: true })).toBeVisible();
    await expect(toast(page, PASSWORD_CHANGED)).toHaveCount(0);

    // Back to the demo password, so the account stays usable.
    await changePassword(page, TEMPORARY_PASSWORD, DEMO_PASSWORD);
    await expect(toast(page, PASSWORD_CHANGED)).toBeVisible();
    changed = false;
  } finally {
    if (changed) {
      // Put the demo password back even when the test failed halfway.
      await page.request.post('/api/account/password', {
        headers: { Origin: testInfo.project.use.baseURL, Accept: 'application/json' },
        form: { current: TEMPORARY_PASSWORD, password: DEMO_PASSWORD, confirm: DEMO_PASSWORD },
      }).catch(() => {});
    }
  }

  // The demo password signs in again elsewhere.
  const other = await browser.newContext({ javaScriptEnabled });
  const second = await other.newPage();
  await signIn(second, email, { javaScriptEnabled });
  await expect(second).not.toHaveURL(/\/sign-in/);
  await expect(sidebar(second).getByText(email, { exact: true })).toBeVisible();
  await other.close();
});

test('signing out the other browsers', async ({ page, browser, javaScriptEnabled }, testInfo) => {
  const email = accountOf(testInfo);
  await openAccount(page, email, javaScriptEnabled);
  const browsers = card(page, 'Signed-in browsers');
  const signOutOthers = browsers.getByRole('button', { name: 'Sign out other browsers' });
  // Start from this browser alone: earlier tests leave their own sign-ins behind.
  await expect(browsers.getByRole('listitem').first()).toBeVisible();
  if (await signOutOthers.count()) {
    await signOutOthers.click();
    await expect(toast(page, OTHERS_SIGNED_OUT)).toBeVisible();
    await reopen(page, javaScriptEnabled);
  }
  await expect(browsers.getByRole('listitem')).toHaveCount(1);
  await expect(signOutOthers).toHaveCount(0);

  // A second browser signs in to the same account.
  const other = await browser.newContext({ javaScriptEnabled });
  const second = await other.newPage();
  await openAccount(second, email, javaScriptEnabled);

  await reopen(page, javaScriptEnabled);
  const entries = browsers.getByRole('listitem');
  await expect(entries).toHaveCount(2);
  for (const entry of await entries.all()) {
    await expect(entry).toContainText(/Signed in \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC from .+ · last active /);
  }
  await expect(entries.filter({ hasText: 'This browser' })).toHaveCount(1);
  await expect(browsers.getByText('This browser', { exact: true })).toHaveCount(1);
  await expect(entries.first()).toContainText('Headless Chrome');

  await signOutOthers.click();
  await expect(toast(page, OTHERS_SIGNED_OUT)).toBeVisible();
  await expect(browsers.getByRole('listitem')).toHaveCount(1);
  await expect(browsers.getByRole('listitem')).toContainText('This browser');
  await expect(signOutOthers).toHaveCount(0);

  // The second browser's session is gone; this one's is not.
  await second.goto('/account');
  await expect(second).toHaveURL(/\/sign-in/);
  await other.close();
  await reopen(page, javaScriptEnabled);
  await expect(sidebar(page).getByText(email, { exact: true })).toBeVisible();
});

test('a new e-mail address is confirmed through a link sent to it', async ({ page, javaScriptEnabled }, testInfo) => {
  const email = accountOf(testInfo);
  const wanted = `changed-${testInfo.project.name}-${Date.now()}@example.com`;
  await openAccount(page, email, javaScriptEnabled);
  const form = card(page, 'E-mail address');
  await expect(form.getByText(`You sign in as ${email}.`)).toBeVisible();

  // The address it already has is refused at the field, before the password is checked.
  await form.getByLabel('New e-mail address').fill(email);
  await form.getByLabel('Current password').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(form.getByText('That is already your address.', { exact: true })).toBeVisible();
  await expect(form.getByLabel('New e-mail address')).toHaveAttribute('aria-invalid', 'true');
  await expect(toast(page, EMAIL_CHANGE_SENT)).toHaveCount(0);

  await reopen(page, javaScriptEnabled);
  await form.getByLabel('New e-mail address').fill(wanted);
  await form.getByLabel('Current password').fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(toast(page, EMAIL_CHANGE_SENT)).toBeVisible();
  await expect(form.getByText('That is already your address.')).toHaveCount(0);
  await expect(form.getByLabel('New e-mail address')).toHaveValue('');

  // Nothing changes until the link is opened.
  await reopen(page, javaScriptEnabled);
  await expect(form.getByText(`You sign in as ${email}.`)).toBeVisible();
  await expect(sidebar(page).getByText(email, { exact: true })).toBeVisible();
});

test('account settings at desktop and phone width', async ({ page, javaScriptEnabled }, testInfo) => {
  await openAccount(page, accountOf(testInfo), javaScriptEnabled);
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
    await page.setViewportSize(viewport);
    await reopen(page, javaScriptEnabled);
    for (const title of ['Profile', 'E-mail address', 'Password', 'Signed-in browsers']) {
      await expect(card(page, title)).toBeVisible();
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await screenshot(page, testInfo, `account-settings-${size}`);
    expect.soft(overflow, `/account overflows sideways at ${size} width`).toBeLessThanOrEqual(0);
  }
});

test('each current-password field has its own label and error', async ({ page, javaScriptEnabled }, testInfo) => {
  // Both cards have a field named "current": each must have its own id, label and error.
  await openAccount(page, accountOf(testInfo), javaScriptEnabled);
  const ids = await page.locator('input[name="current"]').evaluateAll((inputs) => inputs.map((i) => i.id));
  expect(ids).toHaveLength(2);
  expect(new Set(ids).size).toBe(2);
  await expect(card(page, 'Password').getByLabel('Current password')).toHaveCount(1);
  await expect(card(page, 'E-mail address').getByLabel('Current password')).toHaveCount(1);
});
