import { expect, type Page, test } from '@playwright/test';
import { DEMO_PARENT_PHONE, DEMO_PASSWORD } from '../../sync-server/seed/demo';
import {
  auditScreen,
  type Finding,
  type Language,
  russianOnlyTexts,
  WIDTHS,
  writeReport,
} from './support/screen-audit';
import { catalogueNames } from './support/screen-catalogue';
import { expectNoFindings } from './support/screen-findings';

// Issue 14, "Prove it": every page of the parents' web view, public and the demo parent's cabinet
// (+77010000001, КАМЕНОВ ЕРМЕК), in kk, ru and en at 1366 and 360 px — axe, sideways scroll, broken
// words, Russian left in kk/en — and a screenshot of each (test-results/screenshots/screens-parent-*.png).
const LANGUAGES: Language[] = ['kk', 'ru', 'en'];

const PUBLIC = [
  '',
  'login',
  'register',
  'reset',
  'policy',
  'contact',
  'bulletins',
  'catalogue',
  // A kindergarten's page and the list of the referrals it issued (issue 14, item 17).
  'catalogue/kg-tur-01',
  'referrals?kindergartenId=kg-tur-01',
];
const CABINET = [
  'profile',
  'children',
  'applications',
  'applications/new',
  'applications/archive',
  'applications/app-demo',
  'notifications',
  'notifications/journal',
];

const screenName = (path: string) => path.split('?')[0]!.replaceAll('/', '-') || 'home';

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  // The lazy screens show "loading…" first: wait for the page's heading.
  await expect(page.locator('main h1, main h2').first()).toBeVisible();
}

// One language per test (a browser context each); every screen twice (1366 and 360 px) with axe:
// longer than a journey on this small machine.
test.describe.configure({ timeout: 600_000 });

const all: Finding[] = [];
for (const lng of LANGUAGES) {
  test(`every parent page in ${lng}`, async ({ browser, request }) => {
    const extra = lng === 'ru' ? [] : await catalogueNames(request, lng);
    const russian = lng === 'ru' ? [] : russianOnlyTexts(lng, extra);
    const context = await browser.newContext({ viewport: WIDTHS.desktop, timezoneId: 'Asia/Almaty' });
    await context.addInitScript(
      (l) => localStorage.setItem('oryn.parent.preferences', JSON.stringify({ language: l })),
      lng,
    );
    const page = await context.newPage();
    const findings: Finding[] = [];
    const audit = async (path: string) => {
      await page.goto(`/#/${path}`);
      await settle(page);
      await expect(page.locator('html')).toHaveAttribute('lang', lng);
      for (const size of [WIDTHS.desktop, WIDTHS.phone]) {
        await page.setViewportSize(size);
        findings.push(
          ...(await auditScreen(page, {
            app: 'parent',
            screen: screenName(path),
            lng,
            russian,
            axe: lng !== 'en',
          })),
        );
      }
      await page.setViewportSize(WIDTHS.desktop);
    };

    for (const path of PUBLIC) await audit(path);
    // A bulletin's own page: the first one listed.
    await page.goto('/#/bulletins');
    await settle(page);
    const first = page.locator('main a[href^="#/bulletins/"]').first();
    await expect(first).toBeVisible();
    await audit(((await first.getAttribute('href')) ?? '').replace('#/', ''));

    await page.goto('/#/login');
    await page.locator('input[autocomplete="username"]').fill(DEMO_PARENT_PHONE.replace('+7', ''));
    await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
    await page.locator('main button[type="submit"]').click();
    await expect(page).not.toHaveURL(/#\/login/);
    for (const path of CABINET) await audit(path);

    await context.close();
    all.push(...findings);
    writeReport('screens-parent', all);
    expectNoFindings(findings);
  });
}
