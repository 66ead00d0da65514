import { defineConfig } from '@playwright/test'

/**
 * e2e against the built app (`npm run build` first). The host comes from VOUCH_E2E_HOST
 * (serve | electron, default serve); see e2e/fixtures.ts.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  use: {
    trace: 'on-first-retry',
    screenshot: 'only-on-failure'
  }
})
