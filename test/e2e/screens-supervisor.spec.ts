import { expect, type Page, test } from '@playwright/test';
import { createI18n } from '../../src/i18n';
import { DEMO_PASSWORD } from '../../sync-server/seed/demo';
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

// Issue 14, "Prove it": every supervisor page, as supervisor-turkestan of the demo district meets it,
// in kk, ru and en at 1366 and 360 px — axe, sideways scroll, broken words, Russian left in kk/en — and
// a screenshot of each (test-results/screenshots/screens-supervisor-*.png).
const LANGUAGES: Language[] = ['kk', 'ru', 'en'];
const PAGES = ['dashboard', 'fairness', 'audit', 'management', 'staff', 'priorities', 'calendar'];

async function settle(page: Page) {
  // The pages keep a live stream open, so the network may never be idle: wait a bounded time.
  await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
  await expect(page.locator('main h1, main h2, .sv-page h1, .sv-page h2').first()).toBeVisible();
}

/**
 * The audit page's search form (issue 14, item 18): operations and roles by their names in the page's
 * language, and each entry a sentence naming who acted, never an account id, with the ids folded away.
 */
async function searchAuditLog(page: Page, lng: Language) {
  const t = createI18n(lng).t;
  const form = page.locator('form.sv-filters');
  await form
    .getByLabel(t('supervisor.audit.kind'))
    .selectOption({ label: t('common.actionKinds.settings.edit') });
  await form
    .getByLabel(t('supervisor.audit.role'))
    .selectOption({ label: t('supervisor.audit.roles.supervisor') });
  await form.getByRole('button', { name: t('common.actions.search') }).click();
  const sentence = page.getByTestId('audit-sentence').first();
  // "<actor>: изменены региональные настройки." — the template without its actor.
  const what = t('supervisor.auditSentences.settings.edit', { actor: '@' }).replace(/^@:?\s*/, '');
  await expect(sentence).toContainText(what);
  await expect(sentence).toContainText(`(${t('supervisor.audit.roles.supervisor')})`);
  await expect(sentence).not.toContainText('user:');
  const ids = page.locator('details.sv-audit-ids').first();
  await expect(ids.locator('code', { hasText: 'user:supervisor-turkestan' })).toBeHidden();
  await ids.locator('summary').click();
  await expect(ids.locator('code', { hasText: 'user:supervisor-turkestan' })).toBeVisible();
}

// One language per test (a browser context each); every screen twice (1366 and 360 px) with axe:
// longer than a journey on this small machine.
test.describe.configure({ timeout: 600_000 });

const all: Finding[] = [];
for (const lng of LANGUAGES) {
  test(`every supervisor page in ${lng}`, async ({ browser, request }) => {
    const extra = lng === 'ru' ? [] : await catalogueNames(request, lng);
    const russian = lng === 'ru' ? [] : russianOnlyTexts(lng, extra);
    const context = await browser.newContext({ viewport: WIDTHS.desktop, timezoneId: 'Asia/Almaty' });
    await context.addInitScript((l) => localStorage.setItem('oryn.supervisor.language', l), lng);
    const page = await context.newPage();
    const findings: Finding[] = [];
    const audit = async (screen: string) => {
      await expect(page.locator('html')).toHaveAttribute('lang', lng);
      for (const size of [WIDTHS.desktop, WIDTHS.phone]) {
        await page.setViewportSize(size);
        findings.push(
          ...(await auditScreen(page, { app: 'supervisor', screen, lng, russian, axe: lng !== 'en' })),
        );
      }
      await page.setViewportSize(WIDTHS.desktop);
    };

    await page.goto('/supervisor/#/dashboard');
    await expect(page.locator('input[name="login"]')).toBeVisible();
    await audit('login');
    await page.locator('input[name="login"]').fill('supervisor-turkestan');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await expect(page.getByTestId('as-of')).toBeVisible();

    // The audit log has at least one entry of this supervisor's own, whatever ran before: the region's
    // settings saved as they are.
    const settings = await page.request.get('/api/supervisor/settings');
    expect((await page.request.put('/api/supervisor/settings', { data: await settings.json() })).ok()).toBe(
      true,
    );

    for (const name of PAGES) {
      await page.goto(`/supervisor/#/${name}`);
      await settle(page);
      await audit(name);
      if (name === 'audit') {
        await searchAuditLog(page, lng);
        await audit('audit-search');
      }
      if (name === 'fairness') {
        // One bulletin's allocation, the first listed.
        const link = page.locator('a[href^="#/fairness/"]').first();
        if (await link.count()) {
          await link.click();
          await settle(page);
          await audit('fairness-bulletin');
        }
      }
    }

    await context.close();
    all.push(...findings);
    writeReport('screens-supervisor', all);
    expectNoFindings(findings);
  });
}
