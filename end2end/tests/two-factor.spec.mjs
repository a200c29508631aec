// Two-factor sign-in end to end: set up from the account page (a QR code, the key, a first code
// computed here as an authenticator app would), the recovery codes shown once, signing in with
// the password and then a code (a wrong one refused, each code accepted once), a recovery code
// that works once, and turning it off again. Also the platform setting that would require it of
// platform staff, refused to an admin who has not turned it on. Runs in both projects:
// hydrated (js) and plain HTML forms (nojs).
//
// Both projects share one database, so each changes its own organization owner (found through
// the admin's user list; the first by name is identity.spec's, the next two notifications.spec's)
// and turns two-factor sign-in off at the end, through the API if a test failed halfway.
import { test, expect } from '@playwright/test';
import { createHmac } from 'node:crypto';
import { DEMO_PASSWORD, DESKTOP, PHONE, findPeople, screenshot, seedDemo, settle, signIn } from './helpers.mjs';

// ---------------------------------------------------------------------------------------------
// TOTP as an authenticator app computes it: RFC 6238 over RFC 4226, HMAC-SHA1, 30 s, 6 digits.
// ---------------------------------------------------------------------------------------------

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The bytes of an unpadded base32 key (spaces, as the page groups it, are ignored). */
function base32Decode(text) {
  let bits = 0;
  let value = 0;
  const bytes = [];
  for (const char of text.replace(/[\s=]/g, '').toUpperCase()) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${JSON.stringify(char)}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >>> bits) & 0xff);
      value &= (1 << bits) - 1;
    }
  }
  return Buffer.from(bytes);
}

/** The 6-digit code of `key` for time step `step` (30-second steps since the epoch). */
function totp(key, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hash = createHmac('sha1', key).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  const binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
  return String(binary % 1_000_000).padStart(6, '0');
}

const stepNow = () => Math.floor(Date.now() / 30_000);

test('the TOTP helper agrees with RFC 6238', () => {
  const key = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  expect(key.toString()).toBe('12345678901234567890');
  // The RFC's SHA-1 vectors, last six digits.
  for (const [time, code] of [[59, '287082'], [1111111109, '081804'], [1111111111, '050471'], [1234567890, '005924'], [2000000000, '279037']]) {
    expect(totp(key, Math.floor(time / 30))).toBe(code);
  }
});

// ---------------------------------------------------------------------------------------------

test.beforeAll(async () => {
  await seedDemo();
});

const WRONG_CODE = 'That code is not right. Enter the 6 digits your app shows now, or a recovery code.';
const TURNED_ON = 'Two-factor sign-in is on. Keep your recovery codes somewhere safe.';
const TURNED_OFF = 'Two-factor sign-in is off.';
const OFF = 'Off. Anyone with your password can sign in.';
const RECOVERY_CODE = /^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/;

const sidebar = (page) => page.getByRole('complementary');
const toast = (page, text) => page.getByRole('status').getByText(text, { exact: true });
const card = (page, title) => page.locator('section.card')
  .filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
const twoFactorCard = (page) => card(page, 'Two-factor sign-in');

async function openAccount(page, javaScriptEnabled) {
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Account settings' })).toBeVisible();
  await settle(page, javaScriptEnabled);
}

async function signOut(page) {
  await sidebar(page).getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
}

/** Signs in with the password, which leads to the code page. */
async function signInToCodePage(page, email, javaScriptEnabled) {
  await signIn(page, email, { javaScriptEnabled });
  await expect(page).toHaveURL(/\/sign-in\/two-factor$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toBeVisible();
  await settle(page, javaScriptEnabled);
}

async function enterCode(page, code) {
  await page.getByLabel('Code', { exact: true }).fill(code);
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
}

/** Where this project's account stands, shared by the steps below (run in order). */
const state = {
  email: null,
  key: null,
  /** The last TOTP step the server accepted (each is accepted once). */
  lastStep: -Infinity,
  codes: [],
  used: new Set(),
  on: false,
};

/**
 * The code an app shows for the first step the server will still accept: the current one, or
 * the next when the current one was used (the server allows one step either side).
 */
async function freshCode() {
  const step = Math.max(state.lastStep + 1, stepNow());
  while (step > stepNow() + 1) await new Promise((resolve) => setTimeout(resolve, 500));
  state.lastStep = step;
  return totp(state.key, step);
}

/** A six-digit code no nearby step has. */
function wrongCode() {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => totp(state.key, stepNow() + d)));
  return ['000000', '111111', '222222', '333333'].find((c) => !near.has(c));
}

/** An unused recovery code, now counted as used. */
function recoveryCode() {
  const code = state.codes.find((c) => !state.used.has(c));
  state.used.add(code);
  return code;
}

test.describe.serial('two-factor sign-in', () => {
  test.beforeAll(async ({ browser }, testInfo) => {
    const owners = (await findPeople(browser, 'owner@')).filter((p) => /^owner@.+\.test$/.test(p.email));
    expect(owners.length, 'the demo data has fewer than five organizations').toBeGreaterThanOrEqual(5);
    Object.assign(state, {
      email: owners[testInfo.project.name === 'js' ? 3 : 4].email,
      key: null, lastStep: -Infinity, codes: [], used: new Set(), on: false,
    });
  });

  test.afterAll(async ({ playwright }, testInfo) => {
    if (!state.on) return;
    // A step failed with two-factor sign-in on: turn it off, so the next run starts clean.
    const baseURL = testInfo.project.use.baseURL;
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL, Accept: 'application/json' } });
    const code = () => (state.codes.some((c) => !state.used.has(c)) ? recoveryCode() : freshCode());
    await api.post('/api/auth/sign-in', { form: { email: state.email, password: DEMO_PASSWORD } });
    await api.post('/api/auth/two-factor', { form: { code: await code() } });
    const off = await api.post('/api/two-factor/turn-off', { form: { current: DEMO_PASSWORD, code: await code() } });
    await api.dispose();
    expect(off.ok(), `could not turn two-factor sign-in off for ${state.email}`).toBe(true);
  });

  test('is set up on the account page with a QR code, the key and a first code', async ({ page, browser, javaScriptEnabled }, testInfo) => {
    test.setTimeout(60_000);
    await signIn(page, state.email, { javaScriptEnabled });
    await expect(page, `${state.email} already has two-factor sign-in on: a previous run left it`).toHaveURL(/\/portal$/);
    // Another browser signed in to the same account (turning it on signs that one out).
    const other = await browser.newContext({ javaScriptEnabled });
    const second = await other.newPage();
    await signIn(second, state.email, { javaScriptEnabled });
    await expect(second).toHaveURL(/\/portal$/);
    await openAccount(page, javaScriptEnabled);
    const panel = twoFactorCard(page);
    await expect(panel.getByText(OFF, { exact: true })).toBeVisible();
    await panel.getByRole('button', { name: 'Set up two-factor sign-in' }).click();

    const qr = panel.getByRole('img', { name: 'QR code to add Steward to your authenticator app' });
    await expect(qr).toBeVisible();
    await expect(qr.locator('svg')).toHaveCount(1);
    const key = panel.locator('code');
    await expect(panel.getByText(/^Key:/)).toBeVisible();
    // 20 random bytes: 32 base32 characters, in eight groups of four.
    await expect(key).toHaveText(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    state.key = base32Decode(await key.textContent());
    expect(state.key).toHaveLength(20);
    await expect(panel.getByLabel('Code from the app')).toBeVisible();

    // The set-up card at both widths (it stays until turned on or started again).
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      await page.setViewportSize(viewport);
      await openAccount(page, javaScriptEnabled);
      await expect(qr).toBeVisible();
      await expect(key).toHaveText(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await screenshot(page, testInfo, `two-factor-setup-${size}`);
      expect.soft(overflow, `/account overflows sideways at ${size} width`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize(DESKTOP);
    await openAccount(page, javaScriptEnabled);
    // The same key after the reloads.
    expect(base32Decode(await key.textContent()).equals(state.key)).toBe(true);

    // Turning it on takes a code from the app and the password: a wrong code is refused at
    // its field.
    await panel.getByLabel('Code from the app').fill(wrongCode());
    await panel.getByLabel('Current password').fill(DEMO_PASSWORD);
    await panel.getByRole('button', { name: 'Turn on' }).click();
    await expect(panel.getByText(WRONG_CODE, { exact: true })).toBeVisible();
    await expect(panel.getByLabel('Code from the app')).toHaveAttribute('aria-invalid', 'true');
    await expect(panel.getByText(OFF)).toHaveCount(0);

    await openAccount(page, javaScriptEnabled);
    await panel.getByLabel('Code from the app').fill(await freshCode());
    await panel.getByLabel('Current password').fill(DEMO_PASSWORD);
    await panel.getByRole('button', { name: 'Turn on' }).click();
    await expect(toast(page, TURNED_ON)).toBeVisible();
    state.on = true;
    // The recovery codes, shown this once.
    await expect(panel.getByText('Your recovery codes', { exact: true })).toBeVisible();
    const items = panel.getByRole('listitem');
    await expect(items).toHaveCount(10);
    state.codes = (await items.allTextContents()).map((c) => c.trim());
    for (const code of state.codes) expect(code).toMatch(RECOVERY_CODE);
    expect(new Set(state.codes).size).toBe(10);
    await expect(panel.getByText('On', { exact: true })).toBeVisible();
    await expect(panel.getByText(/Since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\. 10 of 10 recovery codes left\./)).toBeVisible();
    await expect(panel.getByRole('img', { name: /QR code/ })).toHaveCount(0);

    // The other browser is signed out.
    await second.goto('/account');
    await expect(second).toHaveURL(/\/sign-in/);
    await other.close();

    // Not shown again.
    await openAccount(page, javaScriptEnabled);
    await expect(panel.getByText('On', { exact: true })).toBeVisible();
    await expect(panel.getByText('Your recovery codes')).toHaveCount(0);
    await expect(panel.getByRole('listitem')).toHaveCount(0);
    for (const code of state.codes) await expect(page.getByText(code)).toHaveCount(0);
    await expect(toast(page, TURNED_ON)).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'Turn off two-factor sign-in' })).toBeVisible();
  });

  test('signing in then asks for a code: a wrong one is refused, the next one signs in, once', async ({ page, javaScriptEnabled }, testInfo) => {
    test.setTimeout(90_000);
    await signInToCodePage(page, state.email, javaScriptEnabled);
    // No session yet: nothing signed in shows.
    await expect(page.getByRole('complementary')).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Start over' })).toHaveAttribute('href', '/sign-in');

    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      await page.setViewportSize(viewport);
      await page.goto('/sign-in/two-factor');
      await expect(page.getByRole('heading', { level: 1, name: 'Enter your sign-in code' })).toBeVisible();
      await settle(page, javaScriptEnabled);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await screenshot(page, testInfo, `two-factor-sign-in-${size}`);
      expect.soft(overflow, `/sign-in/two-factor overflows sideways at ${size} width`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize(DESKTOP);

    await enterCode(page, wrongCode());
    await expect(page.getByText(WRONG_CODE, { exact: true })).toBeVisible();
    await expect(page.getByLabel('Code', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page).toHaveURL(/\/sign-in\/two-factor/);
    if (javaScriptEnabled) expect(page.url()).not.toContain('__err');

    // The enrolment used the current step: the app's next code signs in.
    await settle(page, javaScriptEnabled);
    const code = await freshCode();
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect(page).toHaveURL(/\/portal$/);
    await expect(sidebar(page).getByText(state.email, { exact: true })).toBeVisible();

    // The wrong code told the owner that someone knows their password.
    await page.goto('/account/notifications');
    await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await expect(page.getByRole('button', { name: /A sign-in to your account stopped at the code$/ }).first()).toBeVisible();
    await expect(page.getByRole('button', { name: /Two-factor sign-in is on$/ }).first()).toBeVisible();

    // The same code does not sign in a second time.
    await signOut(page);
    await signInToCodePage(page, state.email, javaScriptEnabled);
    await enterCode(page, code);
    await expect(page.getByText(WRONG_CODE, { exact: true })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\/two-factor/);
    // Nor does the password alone open anything.
    await page.goto('/portal');
    await expect(page).toHaveURL(/\/sign-in\?next=/);
  });

  test('a recovery code signs in once', async ({ page, javaScriptEnabled }) => {
    test.setTimeout(60_000);
    const code = recoveryCode();
    await signInToCodePage(page, state.email, javaScriptEnabled);
    await enterCode(page, code);
    await expect(page).toHaveURL(/\/portal$/);
    await expect(sidebar(page).getByText(state.email, { exact: true })).toBeVisible();
    await signOut(page);

    await signInToCodePage(page, state.email, javaScriptEnabled);
    await enterCode(page, code);
    await expect(page.getByText(WRONG_CODE, { exact: true })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\/two-factor/);
    // Typed in capitals and without its dash, another one works.
    await settle(page, javaScriptEnabled);
    await enterCode(page, recoveryCode().replace('-', '').toUpperCase());
    await expect(page).toHaveURL(/\/portal$/);

    await openAccount(page, javaScriptEnabled);
    await expect(twoFactorCard(page).getByText(/\. 8 of 10 recovery codes left\./)).toBeVisible();
  });

  test('three wrong codes end the sign-in: the password is asked for again', async ({ page, javaScriptEnabled }) => {
    test.setTimeout(90_000);
    await signInToCodePage(page, state.email, javaScriptEnabled);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await enterCode(page, wrongCode());
      await expect(page.getByText(WRONG_CODE, { exact: true })).toBeVisible();
      await page.goto('/sign-in/two-factor');
      await settle(page, javaScriptEnabled);
    }
    // Even the right code is too late now (it is not checked, so the step stays unused).
    await enterCode(page, totp(state.key, Math.max(state.lastStep + 1, stepNow())));
    await expect(page.getByRole('alert').filter({ hasText: 'Your sign-in timed out. Sign in with your password again.' })).toBeVisible();
    await page.goto('/portal');
    await expect(page).toHaveURL(/\/sign-in\?next=/);

    // The password again, then a code, signs in.
    await signInToCodePage(page, state.email, javaScriptEnabled);
    await enterCode(page, await freshCode());
    await expect(page).toHaveURL(/\/portal$/);
  });

  test('is turned off with the password and a recovery code', async ({ page, javaScriptEnabled }) => {
    test.setTimeout(60_000);
    await signInToCodePage(page, state.email, javaScriptEnabled);
    await enterCode(page, await freshCode());
    await expect(page).toHaveURL(/\/portal$/);
    await openAccount(page, javaScriptEnabled);
    const panel = twoFactorCard(page);
    await expect(panel.getByText('On', { exact: true })).toBeVisible();
    await panel.getByLabel('Current password').fill(DEMO_PASSWORD);
    await panel.getByLabel('Code from the app, or a recovery code').fill(recoveryCode());
    await panel.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await expect(toast(page, TURNED_OFF)).toBeVisible();
    state.on = false;
    await expect(panel.getByText(OFF, { exact: true })).toBeVisible();
    await openAccount(page, javaScriptEnabled);
    await expect(panel.getByText(OFF, { exact: true })).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Set up two-factor sign-in' })).toBeVisible();

    // The password alone signs in again.
    await signOut(page);
    await signIn(page, state.email, { javaScriptEnabled });
    await expect(page).toHaveURL(/\/portal$/);
  });
});

test.describe('platform settings', () => {
  const REQUIRE = 'Require two-factor sign-in for platform staff';

  test('requiring two-factor sign-in is refused to an admin without it, at desktop and phone width', async ({ page, javaScriptEnabled }, testInfo) => {
    await signIn(page, 'admin@steward.test', { javaScriptEnabled });
    await expect(page).toHaveURL(/\/cs$/);
    await settle(page, javaScriptEnabled);
    const link = sidebar(page).getByRole('link', { name: 'Settings', exact: true });
    await expect(link).toHaveAttribute('href', '/cs/admin/settings');
    await link.click();
    await expect(page).toHaveURL(/\/cs\/admin\/settings$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Platform settings' })).toBeVisible();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await settle(page, javaScriptEnabled);
    const box = page.getByLabel(REQUIRE);
    await expect(box).not.toBeChecked();

    await box.check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Turn on two-factor sign-in for your own account first' })).toBeVisible();
    await expect(toast(page, 'Saved.')).toHaveCount(0);

    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      await page.setViewportSize(viewport);
      const response = await page.goto('/cs/admin/settings');
      expect(response.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1, name: 'Platform settings' })).toBeVisible();
      await settle(page, javaScriptEnabled);
      // Still not required.
      await expect(box).not.toBeChecked();
      await expect(page.getByText(/^Admins, customer-success managers and analysts then reach the console only/)).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await screenshot(page, testInfo, `platform-settings-${size}`);
      expect.soft(overflow, `/cs/admin/settings overflows sideways at ${size} width`).toBeLessThanOrEqual(0);
    }
  });

  test('other console staff are refused and have no link to it', async ({ page, javaScriptEnabled }) => {
    await signIn(page, 'csm@steward.test', { javaScriptEnabled });
    await expect(page).toHaveURL(/\/cs$/);
    await expect(sidebar(page).getByRole('link', { name: 'Audit log' })).toBeVisible();
    await expect(sidebar(page).getByRole('link', { name: 'Settings', exact: true })).toHaveCount(0);
    const response = await page.goto('/cs/admin/settings');
    expect.soft(response.status(), 'the refusal is not answered with 403').toBe(403);
    await expect(page.getByRole('main').getByText("You don't have access to this page.")).toBeVisible();
    await expect(page.getByLabel(REQUIRE)).toHaveCount(0);
  });
});
