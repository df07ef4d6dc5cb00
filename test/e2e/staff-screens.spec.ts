import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, goOffline, logIn, S, test, onServerClock } from './staff-fixture';

// Issue 6: screenshots of the main screens in Kazakh and Russian, kept as test artifacts
// (test-results/screenshots/staff-<screen>-<lng>.png) and looked at by a person.
const DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

test('the main staff screens in Kazakh and Russian', async ({ browser, staffServer }) => {
  mkdirSync(DIR, { recursive: true });
  const context = await onServerClock(
    await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Asia/Almaty' }),
    staffServer,
  );
  const page = await context.newPage();
  const shot = (screen: string, lng: string) =>
    page.screenshot({ path: join(DIR, `staff-${screen}-${lng}.png`), fullPage: true });

  await page.goto(`${staffServer.url}/staff/`);
  await expect(page.getByRole('button', { name: 'Войти' })).toBeVisible();
  await shot('login', 'ru');
  await page.getByRole('button', { name: 'KK', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Кіру' })).toBeVisible();
  await shot('login', 'kk');
  await page.getByRole('button', { name: 'RU', exact: true }).click();

  await logIn(page, staffServer, S.staffA);
  for (const lng of ['ru', 'kk'] as const) {
    await page.getByRole('button', { name: lng.toUpperCase(), exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    const nav = page.getByRole('navigation').getByRole('button');
    await nav.nth(0).click();
    await expect(page.getByRole('cell', { name: 'Балапан тобы' }).first()).toBeVisible();
    await shot('bulletins', lng);
    // The first bulletin that has responders (its button reads "Откликнувшиеся: N" / "Өтінім бергендер: N").
    await page
      .getByRole('button', { name: /: [1-9]\d*$/ })
      .first()
      .click();
    await expect(page.getByTestId('responder-name').first()).toBeVisible();
    await shot('responders', lng);
    await nav.nth(1).click();
    await shot('groups', lng);
    await nav.nth(2).click();
    await expect(page.getByTestId('referral-child').first()).toBeVisible();
    await shot('referrals', lng);
    await nav.nth(3).click();
    await shot('enrolled', lng);
    await nav.nth(5).click();
    await shot('operations', lng);
  }
  await page.getByRole('button', { name: 'RU', exact: true }).click();
  await goOffline(context, page);
  await page.getByRole('navigation').getByRole('button').nth(0).click();
  await shot('offline', 'ru');
  await page.getByRole('button', { name: 'KK', exact: true }).click();
  await shot('offline', 'kk');
  await context.close();
});
