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

/** The hydrated contact form turns off native validation once wasm has taken over. */
export async function waitForHydration(page) {
  await page.locator('form[novalidate]').first().waitFor({ state: 'attached' });
}
