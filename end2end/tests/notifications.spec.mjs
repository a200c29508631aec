// Invitations to existing accounts and the notification centre end to end: an organization
// owner invites someone who already has an account; the owner's team list shows only what the
// owner typed until the invitation is accepted; the invitee is told in the notification centre
// (an unread count in the menu), opens the notification (marked read, on to the account page)
// and accepts or declines it there. Also the e-mail preferences, and the centre at desktop and
// phone width. Runs in both projects: hydrated (js) and plain HTML forms (nojs).
//
// Both projects share one database: every test starts by taking the invitee out of the owner's
// team (a failed run may have left them in it) and ends the same way. The two owners used here
// are neither the one identity.spec signs in with (the first by name) nor those of
// two-factor.spec.
import { test, expect } from '@playwright/test';
import { DESKTOP, PHONE, findPeople, screenshot, seedDemo, settle, signIn } from './helpers.mjs';

test.beforeAll(async () => {
  await seedDemo();
});

const INVITATION_SENT = 'Invitation sent.';
const ACCEPTED = 'Invitation accepted. Find it under "Switch to" in your menu.';
const DECLINED = 'Invitation declined.';
const SAVED = 'Saved.';
const INVITATIONS_BY_EMAIL = 'Invitations to join a partner or organization';
const SECURITY_BY_EMAIL = 'Changes to how you sign in (password, two-factor sign-in)';

const sidebar = (page) => page.getByRole('complementary');
const toast = (page, text) => page.getByRole('status').getByText(text, { exact: true });
const card = (page, title) => page.locator('section.card')
  .filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) });
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The menu's link to the centre, and the unread count on it. */
const notificationsLink = (page) => sidebar(page).getByRole('link', { name: /^Notifications/ });
const unreadBadge = (page) => notificationsLink(page).locator('.badge');
const invitations = (page) => page.getByRole('region', { name: 'Invitations' });
const teamRow = (page, email) => page.locator('tbody tr').filter({ hasText: email });

let cast;
/** The inviting owner and the invitee: organization owners found through the admin's list. */
async function people(browser) {
  if (!cast) {
    const owners = (await findPeople(browser, 'owner@')).filter((p) => /^owner@.+\.test$/.test(p.email));
    expect(owners.length, 'the demo data has fewer than five organizations').toBeGreaterThanOrEqual(5);
    cast = { inviter: owners[1], invitee: owners[2] };
  }
  return cast;
}

/** A browser of its own, signed in as `email` through the form, on its home page. */
async function signedIn(browser, email, javaScriptEnabled) {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, email, { javaScriptEnabled });
  await expect(page).toHaveURL(/\/portal$/);
  return { context, page };
}

/** The organization the owner acts in, as their menu names it ("Owner · <name>"). */
async function organizationOf(page) {
  const line = await sidebar(page).getByText(/^Owner · /).textContent();
  return line.replace(/^Owner · /, '').trim();
}

async function openTeam(page, javaScriptEnabled) {
  await page.goto('/portal/team');
  await expect(page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
  await settle(page, javaScriptEnabled);
}

/** Takes `email` out of the owner's team, whether invited or accepted, if they are in it. */
async function removeFromTeam(page, email, javaScriptEnabled) {
  await openTeam(page, javaScriptEnabled);
  for (let tries = 0; tries < 3 && await teamRow(page, email).count(); tries += 1) {
    await teamRow(page, email).first().getByRole('button', { name: 'Remove' }).click();
    await expect(toast(page, SAVED)).toBeVisible();
    await openTeam(page, javaScriptEnabled);
  }
  await expect(teamRow(page, email)).toHaveCount(0);
}

async function invite(page, email, name, javaScriptEnabled) {
  await openTeam(page, javaScriptEnabled);
  const form = card(page, 'Invite someone');
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Role').selectOption({ label: 'Member' });
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await expect(toast(page, INVITATION_SENT)).toBeVisible();
  await expect(form.getByRole('alert')).toHaveCount(0);
}

async function openCentre(page, javaScriptEnabled) {
  await page.goto('/account/notifications');
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  await settle(page, javaScriptEnabled);
}

/** Starts from nothing unread: earlier runs leave their notifications behind. */
async function markAllRead(page, javaScriptEnabled) {
  await openCentre(page, javaScriptEnabled);
  const button = page.getByRole('button', { name: 'Mark all as read' });
  if (await button.count()) {
    await button.click();
    await expect(toast(page, SAVED)).toBeVisible();
    await expect(button).toHaveCount(0);
    await openCentre(page, javaScriptEnabled);
  }
  await expect(page.getByText('New', { exact: true })).toHaveCount(0);
  await expect(unreadBadge(page)).toHaveCount(0);
}

async function openAccount(page, javaScriptEnabled) {
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Account settings' })).toBeVisible();
  await settle(page, javaScriptEnabled);
}

/** A name for the owner to type that is not the invitee's own. */
const typedName = (testInfo, what) => `${what} ${testInfo.project.name === 'js' ? 'Juniper' : 'Nolan'} Typed`;

test('an invitation to an existing account is accepted through the notification centre', async ({ browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(90_000);
  const { inviter, invitee } = await people(browser);
  const typed = typedName(testInfo, 'Accepting');
  const owner = await signedIn(browser, inviter.email, javaScriptEnabled);
  const guest = await signedIn(browser, invitee.email, javaScriptEnabled);
  try {
    const org = await organizationOf(owner.page);
    await removeFromTeam(owner.page, invitee.email, javaScriptEnabled);
    await markAllRead(guest.page, javaScriptEnabled);

    await invite(owner.page, invitee.email, typed, javaScriptEnabled);
    // The owner's team shows what they typed, as invited and never signed in: not the account.
    for (let pass = 0; pass < 2; pass += 1) {
      const row = teamRow(owner.page, invitee.email);
      await expect(row).toHaveCount(1);
      await expect(row.getByText(typed, { exact: true })).toBeVisible();
      await expect(row.getByText('Invited', { exact: true })).toBeVisible();
      await expect(row.locator('td').nth(2)).toHaveText('Member');
      await expect(row.locator('td').nth(3)).toHaveText('Never');
      await expect(owner.page.getByRole('main').getByText(invitee.name)).toHaveCount(0);
      // And the same from a fresh page.
      await openTeam(owner.page, javaScriptEnabled);
    }
    // Searching by the account's real name does not find it either.
    await owner.page.goto(`/portal/team?q=${encodeURIComponent(invitee.name)}`);
    await expect(owner.page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
    await expect(teamRow(owner.page, invitee.email)).toHaveCount(0);

    // The invitee's menu counts one unread notification.
    const guestPage = guest.page;
    await guestPage.goto('/portal');
    await expect(unreadBadge(guestPage)).toHaveText(/^1\s*unread notifications$/);
    await settle(guestPage, javaScriptEnabled);
    await notificationsLink(guestPage).click();
    await expect(guestPage).toHaveURL(/\/account\/notifications$/);
    await expect(guestPage.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
    await settle(guestPage, javaScriptEnabled);
    const title = `${inviter.name} invited you to ${org}`;
    const entry = guestPage.getByRole('button', { name: `New ${title}`, exact: true });
    await expect(entry).toHaveCount(1);
    await expect(guestPage.getByText(`You are invited to ${org} with the role Member.`, { exact: false }).first()).toBeVisible();

    // Opening it marks it read and leads to the account page, where the invitation waits.
    await entry.click();
    await expect(guestPage).toHaveURL(/\/account$/);
    await expect(guestPage.getByRole('heading', { level: 1, name: 'Account settings' })).toBeVisible();
    await expect(invitations(guestPage)).toBeVisible();
    await expect(invitations(guestPage).getByText(`${org} as Member`, { exact: true })).toBeVisible();
    await expect(invitations(guestPage).getByText(new RegExp(`^Invited by ${escape(inviter.name)} on \\d{4}-\\d{2}-\\d{2}$`))).toBeVisible();
    await expect(unreadBadge(guestPage)).toHaveCount(0);
    await openCentre(guestPage, javaScriptEnabled);
    await expect(guestPage.getByRole('button', { name: title, exact: true }).first()).toBeVisible();
    await expect(guestPage.getByRole('button', { name: `New ${title}`, exact: true })).toHaveCount(0);

    // Accepting: the page loads again and the organization is one to switch to.
    await openAccount(guestPage, javaScriptEnabled);
    await expect(sidebar(guestPage).getByRole('button', { name: new RegExp(`^${escape(org)}\\s*Member$`) })).toHaveCount(0);
    await invitations(guestPage).getByRole('button', { name: `Accept ${org} as Member`, exact: true }).click();
    await expect(toast(guestPage, ACCEPTED)).toBeVisible();
    await expect(guestPage).toHaveURL(/\/account$/);
    await expect(invitations(guestPage)).toHaveCount(0);
    await expect(sidebar(guestPage).getByText('Switch to', { exact: true })).toBeVisible();
    await expect(sidebar(guestPage).getByRole('button', { name: new RegExp(`^${escape(org)}\\s*Member$`) })).toBeVisible();

    // The owner now sees the account itself, active; what they typed is forgotten.
    await openTeam(owner.page, javaScriptEnabled);
    const row = teamRow(owner.page, invitee.email);
    await expect(row).toHaveCount(1);
    await expect(row.getByText(invitee.name, { exact: true })).toBeVisible();
    await expect(row.getByText('Active', { exact: true })).toBeVisible();
    await expect(owner.page.getByText(typed)).toHaveCount(0);
  } finally {
    await removeFromTeam(owner.page, invitee.email, javaScriptEnabled).catch(() => {});
    await owner.context.close();
    await guest.context.close();
  }
});

test('an invitation is declined and is gone on both sides', async ({ browser, javaScriptEnabled }, testInfo) => {
  test.setTimeout(60_000);
  const { inviter, invitee } = await people(browser);
  const typed = typedName(testInfo, 'Declining');
  const owner = await signedIn(browser, inviter.email, javaScriptEnabled);
  const guest = await signedIn(browser, invitee.email, javaScriptEnabled);
  try {
    const org = await organizationOf(owner.page);
    await removeFromTeam(owner.page, invitee.email, javaScriptEnabled);
    await invite(owner.page, invitee.email, typed, javaScriptEnabled);
    await expect(teamRow(owner.page, invitee.email).getByText('Invited', { exact: true })).toBeVisible();

    await openAccount(guest.page, javaScriptEnabled);
    await expect(invitations(guest.page).getByText(`${org} as Member`, { exact: true })).toBeVisible();
    await invitations(guest.page).getByRole('button', { name: `Decline ${org} as Member`, exact: true }).click();
    await expect(toast(guest.page, DECLINED)).toBeVisible();
    await expect(guest.page).toHaveURL(/\/account$/);
    await expect(invitations(guest.page)).toHaveCount(0);
    await expect(sidebar(guest.page).getByRole('button', { name: new RegExp(`^${escape(org)}\\s*Member$`) })).toHaveCount(0);
    // Still gone after a reload.
    await openAccount(guest.page, javaScriptEnabled);
    await expect(invitations(guest.page)).toHaveCount(0);

    await openTeam(owner.page, javaScriptEnabled);
    await expect(teamRow(owner.page, invitee.email)).toHaveCount(0);
    await expect(owner.page.getByText(typed)).toHaveCount(0);
  } finally {
    await removeFromTeam(owner.page, invitee.email, javaScriptEnabled).catch(() => {});
    await owner.context.close();
    await guest.context.close();
  }
});

test('the e-mail preferences are saved', async ({ browser, javaScriptEnabled }) => {
  const { invitee } = await people(browser);
  const { context, page } = await signedIn(browser, invitee.email, javaScriptEnabled);
  const form = () => card(page, 'E-mail');
  const box = () => form().getByLabel(INVITATIONS_BY_EMAIL);
  const save = async () => {
    await form().getByRole('button', { name: 'Save e-mail settings' }).click();
    await expect(toast(page, SAVED)).toBeVisible();
  };
  try {
    await openCentre(page, javaScriptEnabled);
    // Changes to how one signs in always come by e-mail: there is no box to turn them off.
    await expect(form().getByText(/Changes to how you sign in always come by e-mail\./)).toBeVisible();
    await expect(form().getByRole('checkbox')).toHaveCount(1);
    await expect(page.getByLabel(SECURITY_BY_EMAIL)).toHaveCount(0);
    // On unless turned off (a failed run may have left it off).
    if (!(await box().isChecked())) {
      await box().check();
      await save();
      await openCentre(page, javaScriptEnabled);
    }
    await expect(box()).toBeChecked();

    await box().uncheck();
    await save();
    await openCentre(page, javaScriptEnabled);
    await expect(box()).not.toBeChecked();
    await expect(toast(page, SAVED)).toHaveCount(0);

    // And back on, as the other project expects to find it.
    await box().check();
    await save();
    await openCentre(page, javaScriptEnabled);
    await expect(box()).toBeChecked();
  } finally {
    await context.close();
  }
});

test('the notification centre at desktop and phone width', async ({ browser, javaScriptEnabled }, testInfo) => {
  const { invitee } = await people(browser);
  const { context, page } = await signedIn(browser, invitee.email, javaScriptEnabled);
  try {
    for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      await page.setViewportSize(viewport);
      await openCentre(page, javaScriptEnabled);
      await expect(card(page, 'E-mail')).toBeVisible();
      await expect(page.getByText('Something went wrong')).toHaveCount(0);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      await screenshot(page, testInfo, `notifications-${size}`);
      expect.soft(overflow, `/account/notifications overflows sideways at ${size} width`).toBeLessThanOrEqual(0);
    }
  } finally {
    await context.close();
  }
});
