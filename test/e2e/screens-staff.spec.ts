import { expect, type Page, test } from '@playwright/test';
import { DEMO_PASSWORD } from '../../sync-server/seed/demo';
import {
  auditScreen,
  type Finding,
  type Language,
  russianOnlyTexts,
  WIDTHS,
  writeReport,
} from './support/screen-audit';
import { expectNoFindings } from './support/screen-findings';

// Issue 14, "Prove it": every screen of the staff workspace, as staff-tur-01 of the demo district meets
// it, in kk, ru and en at 1366 and 360 px — axe, sideways scroll, broken words, Russian left in kk/en,
// and a screenshot of each (test-results/screenshots/screens-staff-*.png).
const LANGUAGES: Language[] = ['kk', 'ru', 'en'];
const NAV = ['bulletins', 'groups', 'referrals', 'enrolled', 'notifications', 'actions', 'settings'] as const;

async function walk(page: Page, lng: Language, findings: Finding[]) {
  const russian = lng === 'ru' ? [] : russianOnlyTexts(lng);
  const audit = async (screen: string) => {
    for (const size of [WIDTHS.desktop, WIDTHS.phone]) {
      await page.setViewportSize(size);
      findings.push(...(await auditScreen(page, { app: 'staff', screen, lng, russian, axe: lng !== 'en' })));
    }
    await page.setViewportSize(WIDTHS.desktop);
  };

  await page.goto('/staff/');
  await expect(page.locator('input[name="login"]')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', lng);
  await audit('login');
  await page.locator('input[name="login"]').fill('staff-tur-01');
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByTestId('sync-bar')).toBeVisible();
  await expect(page.getByTestId('sync-last')).toBeVisible();

  const nav = page.getByRole('navigation').getByRole('button');
  for (const [i, screen] of NAV.entries()) {
    await nav.nth(i).click();
    await expect(nav.nth(i)).toHaveAttribute('aria-current', 'page');
    if (screen === 'bulletins') await expect(page.locator('table tbody tr').first()).toBeVisible();
    await audit(screen);
    if (screen === 'bulletins') {
      // A bulletin's responders, then the form of a new bulletin.
      await page
        .getByRole('button', { name: /: [1-9]\d*$/ })
        .first()
        .click();
      await expect(page.getByTestId('responder-name').first()).toBeVisible();
      await audit('responders');
      await nav.nth(i).click();
      await page.locator('.staff-title-row button').click();
      await expect(page.locator('form')).toBeVisible();
      await audit('bulletin-form');
      await nav.nth(i).click();
    }
  }
}

// One language per test (a browser context each); every screen twice (1366 and 360 px) with axe:
// longer than a journey on this small machine.
test.describe.configure({ timeout: 600_000 });

const all: Finding[] = [];
for (const lng of LANGUAGES) {
  test(`every staff screen in ${lng}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: WIDTHS.desktop, timezoneId: 'Asia/Almaty' });
    await context.addInitScript((l) => localStorage.setItem('oryn.staffLanguage', l), lng);
    const page = await context.newPage();
    const findings: Finding[] = [];
    await walk(page, lng, findings);
    await context.close();
    all.push(...findings);
    writeReport('screens-staff', all);
    expectNoFindings(findings);
  });
}
