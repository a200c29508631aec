// End-to-end tests in real headless Chromium against the release build.
// .ci/test runs this once per database: E2E_DATABASE_URL picks it (SQLite by default).
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = process.env.E2E_PORT || '3107';
const databaseUrl = process.env.E2E_DATABASE_URL
  || `sqlite://${join(mkdtempSync(join(tmpdir(), 'steward-e2e-')), 'steward.db')}`;
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const launchOptions = {
  executablePath: chromium,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

export default defineConfig({
  testDir: './tests',
  // One folder per port: .ci/test runs the SQLite and PostgreSQL suites side by side, and
  // each run empties its output folder when it starts.
  outputDir: `test-results/${port}`,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions,
    trace: 'off',
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    { name: 'nojs', use: { javaScriptEnabled: false } },
  ],
  webServer: {
    // A fresh database gets the demo data first (signed-in tests use its accounts); one that
    // already has users is left alone. Tests cannot seed it themselves: each process that loads
    // this file picks its own temporary path.
    command: "sh -c '../target/release/steward seed-demo --orgs 5 --if-empty && exec ../target/release/steward'",
    url: `http://127.0.0.1:${port}/readyz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      BIND_ADDRESS: `127.0.0.1:${port}`,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: databaseUrl,
      SITE_ROOT: '../target/site',
      RUST_LOG: 'warn',
    },
  },
});
