import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, goOffline, logIn, S, test, onServerClock } from './staff-fixture';

// Issue 6: screenshots of the main screens in Kazakh and Russian, kept as test artifacts
// (test-results/screenshots/staff-<screen>-<lng>.png) and looked at by a person.
const DIR = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

/** Two small but real PDFs (the form sniffs their type and keys each description field by sha256). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PDF_2 = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Lang (ru) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

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

  // The extension form with two files picked, then the referral's documents panel. Still offline, and
  // this context is closed before it ever goes online: the extension never reaches the shared server
  // (S.screensChild is this spec's own referral on its last valid day).
  await page.getByRole('button', { name: 'RU', exact: true }).click();
  await page.getByRole('navigation').getByRole('button').nth(2).click();
  const row = page.getByRole('row').filter({ hasText: S.screensChild });
  await row.getByRole('button', { name: 'Оформить продление' }).click();
  await page.getByLabel('Причина').fill('Ребенок болеет, справка из поликлиники');
  await page.getByLabel('Подтверждающие документы').setInputFiles([
    { name: 'справка-095у.pdf', mimeType: 'application/pdf', buffer: PDF },
    { name: 'выписка из стационара, стр. 1.pdf', mimeType: 'application/pdf', buffer: PDF_2 },
  ]);
  await page.getByLabel(/справка-095у\.pdf — описание/).fill('Справка 095/у');
  // The workspace scrolls inside its main area, so a full-page shot is the viewport: make it tall
  // enough for the whole form, buttons included.
  await page.setViewportSize({ width: 1280, height: 1000 });
  for (const lng of ['ru', 'kk'] as const) {
    await page.getByRole('button', { name: lng.toUpperCase(), exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    await expect(page.locator('#extension-files-hint')).toBeVisible();
    await shot('extension', lng);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'RU', exact: true }).click();
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await row.getByRole('button', { name: 'Документы: 2' }).click();
  await expect(page.getByTestId('document')).toHaveCount(2);
  // The "saved on this computer" toast was written in Russian; it is not part of the panel.
  await page.getByRole('status').getByRole('button', { name: 'Закрыть' }).click();
  await expect(page.getByRole('status')).toHaveCount(0);
  for (const lng of ['ru', 'kk'] as const) {
    await page.getByRole('button', { name: lng.toUpperCase(), exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', lng);
    await shot('documents', lng);
  }
  await context.close();
});
