import { defineConfig } from '@playwright/test';

/**
 * E2E in Debian's Chromium (docs/stack.md: `npx playwright install` fails here, so the system browser is
 * driven with these flags) against a real sync server that globalSetup starts on a free loopback port
 * with a fresh PGlite and the demo data; its URL reaches the tests as ORYN_E2E_URL. Specs for the staff
 * app and the supervisor pages go next to the parent's in test/e2e and share the same server.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/artifacts',
  globalSetup: './test/e2e/support/global-setup.ts',
  // The machine is small and shared: one browser at a time; journeys are long, not flaky.
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { outputFolder: 'test-results/html', open: 'never' }]],
  use: {
    baseURL: process.env.ORYN_E2E_URL,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    locale: 'ru-RU',
    timezoneId: 'Asia/Almaty',
  },
  projects: [
    // Parents meet Oryn on a phone (issue 7): a 360 px wide screen.
    {
      name: 'phone',
      testMatch: '**/parent*.spec.ts',
      use: { viewport: { width: 360, height: 760 }, isMobile: true, hasTouch: true },
    },
    { name: 'desktop', testIgnore: '**/parent*.spec.ts', use: { viewport: { width: 1280, height: 800 } } },
  ],
});
