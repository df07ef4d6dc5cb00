import { expect, type Locator, test } from '@playwright/test';
import { ru } from '../../src/i18n/ru';
import type { Referral } from '../../src/schema';
import { E2E_DISTRICT } from './support/e2e-district';
import { screenshot } from './support/screenshots';
import { resetServerClock, setServerClock } from './support/server-clock';
import { fileApplication, iinOf, registerParent, respondAndActivate } from './support/family';
import { StaffDesk } from './support/staff-desk';

/**
 * "Продлить направление" (docs/domain.md, Extension; the seed: "Продлить направление можно в последний день
 * действия направления", once, up to 30 calendar days, with supporting documents). The family reaches
 * an active referral through the API (the journey spec does it in the browser); then the server's clock
 * stands on the referral's last valid day and the parent extends it in the browser.
 */
const T = ru;

/** A PDF as the server checks it (its magic bytes): a scanned certificate stands in. */
const CERTIFICATE_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function expectFieldError(field: Locator, message: string) {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
}

test.afterEach(async () => {
  await resetServerClock();
});

test('a referral is extended once, on its last valid day, with a supporting document', async ({
  page,
  request,
  playwright,
  baseURL,
}) => {
  const phone = `+7708${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const password = 'Balapan-ext-1';
  let referral: Referral | undefined;

  await test.step('a family with an active referral (through the API and the kindergarten)', async () => {
    await registerParent(request, { phone, password, iin: iinOf('1990-11-05', 'female') });
    const child = (await (
      await request.post('/api/children', { data: { iin: iinOf('2022-02-14', 'male') } })
    ).json()) as {
      id: string;
    };
    const appId = await fileApplication(request, child.id);
    // The kindergarten on its own connection: its login must not replace the parent's session cookie.
    const staffRequest = await playwright.request.newContext({ baseURL });
    const staff = await StaffDesk.login(staffRequest, E2E_DISTRICT.staff.login, E2E_DISTRICT.staff.password);
    const bulletinId = `e2e-ext-${Date.now()}`;
    await staff.act('bulletin.publish', {
      bulletinId,
      groupId: E2E_DISTRICT.groupId,
      totalPlaces: 3,
      freePlaces: 3,
      placeType: 'Свободные места',
      vacancyAt: new Date().toISOString(),
      authorName: E2E_DISTRICT.staff.name,
    });
    referral = await respondAndActivate(request, staff, bulletinId, appId);
    expect(referral?.status).toBe('active');
  });

  await test.step('on the last valid day the parent sees "Продлить направление"', async () => {
    // 11:00 in Almaty (UTC+5) on the last valid day.
    await setServerClock(new Date(`${referral!.validUntil}T06:00:00Z`));
    await page.goto('/#/login');
    await page.getByLabel(T.parent.login.phone).fill(phone);
    await page.getByLabel(T.parent.login.password).fill(password);
    await page.getByRole('button', { name: T.parent.login.submit, exact: true }).click();
    await page.getByRole('link', { name: T.common.actions.view, exact: true }).first().click();
    await page.getByRole('button', { name: T.parent.referral.extend, exact: true }).click();
  });

  await test.step('documents and a reason are required; then the referral is extended', async () => {
    await page.getByRole('button', { name: T.parent.extension.submit, exact: true }).click();
    await expectFieldError(page.getByLabel(T.parent.extension.reason), T.parent.form.required);
    await expectFieldError(
      page.getByLabel(T.parent.extension.documents),
      T.parent.extension.documentsRequired,
    );
    await page.getByLabel(T.parent.extension.reason).fill('Ребенок в больнице, справка прилагается');
    await page.getByLabel(T.parent.extension.documentDescription).fill('Справка из больницы');
    await page.getByLabel(T.parent.extension.documents).setInputFiles({
      name: 'spravka.pdf',
      mimeType: 'application/pdf',
      buffer: CERTIFICATE_PDF,
    });
    await expect(page.getByLabel(T.parent.extension.reason)).toHaveValue(
      'Ребенок в больнице, справка прилагается',
    );
    await screenshot(page, 'parent', 'extension', 'ru');
    await page.getByRole('button', { name: T.parent.extension.submit, exact: true }).click();
    await expect(page.getByText(T.parent.referral.extendedNotice)).toBeVisible();
    await expect(
      page.getByText(new RegExp(T.parent.referral.extendedUntil.split('{{')[0].trim())),
    ).toBeVisible();
    // Once only: the button is gone.
    await expect(page.getByRole('button', { name: T.parent.referral.extend, exact: true })).toHaveCount(0);
  });
});
