import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { formatDate } from '../../src/i18n';
import { kk } from '../../src/i18n/kk';
import { ru } from '../../src/i18n/ru';
import type { Referral } from '../../src/schema';
import { qrCodesOfPdf } from '../support/pdf-qr';
import { E2E_DISTRICT } from './support/e2e-district';
import { screenshot } from './support/screenshots';
import { fileApplication, iinOf, registerParent, respondAndActivate } from './support/family';
import { StaffDesk } from './support/staff-desk';

/**
 * "Проверка направления" (issue 17) on a 360 px phone: the QR code of the printed referral (the
 * server's PDF, rasterised and decoded as a phone would) opens the check page, which answers in
 * Russian and in Kazakh that the referral is genuine and valid, where it is for and until when; a
 * mistyped or unknown code says so in the page's language.
 */

/** Nothing sticks out of a 360 px screen (no sideways scrolling). */
async function expectFitsPhone(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function expectAccessible(page: Page) {
  const scan = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

test('the QR code on the referral opens its check page, in Russian and in Kazakh', async ({
  page,
  request,
  playwright,
  baseURL,
  browser,
}) => {
  let referral: Referral | undefined;
  let checkUrl = '';

  await test.step('a family with an active referral (through the API and the kindergarten)', async () => {
    const phone = `+7707${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const password = 'Balapan-check-1';
    await registerParent(request, { phone, password, iin: iinOf('1991-04-12', 'male') });
    const child = (await (
      await request.post('/api/children', { data: { iin: iinOf('2022-09-03', 'female') } })
    ).json()) as { id: string };
    const appId = await fileApplication(request, child.id);
    const staffRequest = await playwright.request.newContext({ baseURL });
    const staff = await StaffDesk.login(staffRequest, E2E_DISTRICT.staff.login, E2E_DISTRICT.staff.password);
    const bulletinId = `e2e-check-${Date.now()}`;
    await staff.act('bulletin.publish', {
      bulletinId,
      groupId: E2E_DISTRICT.groupId,
      totalPlaces: 1,
      freePlaces: 1,
      placeType: 'Свободные места',
      vacancyAt: new Date().toISOString(),
      authorName: E2E_DISTRICT.staff.name,
    });
    referral = await respondAndActivate(request, staff, bulletinId, appId);
    expect(referral?.verificationCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  });

  await test.step('the QR code read off the printed PDF is the check page of this referral', async () => {
    const pdf = await request.get(`/api/referrals/${referral!.id}/pdf?lang=ru`);
    expect(pdf.ok()).toBe(true);
    const codes = qrCodesOfPdf(await pdf.body());
    expect(codes).toEqual([`${baseURL}/#/verify/${referral!.verificationCode}`]);
    checkUrl = codes[0]!;
  });

  await test.step('opened on a phone in Russian: valid, with the kindergarten and the dates', async () => {
    await page.goto(checkUrl);
    await expect(page.getByRole('heading', { name: ru.parent.verify.title, level: 1 })).toBeVisible();
    const result = page.getByTestId('verify-result');
    await expect(result).toHaveAttribute('data-status', 'active');
    await expect(
      result.getByRole('heading', { name: ru.common.referralCheck.statuses.active }),
    ).toBeVisible();
    await expect(result).toContainText(ru.common.referralCheck.validToday);
    await expect(result).toContainText('ГККП «Балапан» ясли - детский сад');
    await expect(result).toContainText(formatDate(referral!.validUntil));
    await expect(result).toContainText('2022');
    await expect(result).not.toContainText(referral!.childName);
    await expectFitsPhone(page);
    await expectAccessible(page);
    await screenshot(page, 'parent', 'verify', 'ru');
  });

  await test.step('a mistyped code is refused before asking; an unknown one is not found', async () => {
    const field = page.getByLabel(ru.parent.verify.code);
    await field.fill('JM5N-WW2');
    await page.getByRole('button', { name: ru.parent.verify.check, exact: true }).click();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(ru.parent.verify.codeFormat)).toBeVisible();
    await field.fill('2222 3333 4444');
    await page.getByRole('button', { name: ru.parent.verify.check, exact: true }).click();
    await expect(page.getByText(ru.api.referralNotFound)).toBeVisible();
    await expect(page.getByTestId('verify-result')).toHaveCount(0);
  });

  await test.step('the same page in Kazakh, the code typed by hand in lower case', async () => {
    const context = await browser.newContext({
      baseURL,
      locale: 'kk-KZ',
      timezoneId: 'Asia/Almaty',
      viewport: { width: 360, height: 760 },
      isMobile: true,
      hasTouch: true,
    });
    const phone = await context.newPage();
    await phone.goto('/');
    await phone.getByRole('link', { name: kk.parent.home.sections.verify }).click();
    await expect(phone.getByRole('heading', { name: kk.parent.verify.title, level: 1 })).toBeVisible();
    await phone.getByLabel(kk.parent.verify.code).fill(referral!.verificationCode.toLowerCase());
    await phone.getByRole('button', { name: kk.parent.verify.check, exact: true }).click();
    const result = phone.getByTestId('verify-result');
    await expect(
      result.getByRole('heading', { name: kk.common.referralCheck.statuses.active }),
    ).toBeVisible();
    await expect(result).toContainText(kk.common.referralCheck.validToday);
    await expect(result).toContainText('«Балапан» бөбекжай-бақшасы МКҚК');
    await expect(result).toContainText(formatDate(referral!.validUntil));
    await expect(phone).toHaveURL(new RegExp(`#/verify/${referral!.verificationCode}$`));
    await expectFitsPhone(phone);
    await expectAccessible(phone);
    await screenshot(phone, 'parent', 'verify', 'kk');
    await phone.getByLabel(kk.parent.verify.code).fill('2222-3333-4444');
    await phone.getByRole('button', { name: kk.parent.verify.check, exact: true }).click();
    await expect(phone.getByText(kk.api.referralNotFound)).toBeVisible();
    await context.close();
  });
});
