import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { almatyDayOfMs, makeIin } from '../../src/domain';
import type { Resources } from '../../src/i18n/en';
import { kk } from '../../src/i18n/kk';
import { ru } from '../../src/i18n/ru';
import type { Referral, Response } from '../../src/schema';
import { E2E_DISTRICT } from './support/e2e-district';
import { screenshot } from './support/screenshots';
import { smsCode } from './support/sms-inbox';
import { StaffDesk } from './support/staff-desk';

/**
 * The seed's whole parent journey (../shared/seed/000_f88ab48ca1a79241.txt), in the browser of a
 * 360 px phone against the real sync server: registration in four steps → profile → "Мои дети" →
 * "Добавить заявление" → the kindergarten publishes a bulletin → "Отправить заявку" → activation →
 * "Скачать направление" (read back with pdftotext) → contract signed → "Результаты" and the inbox.
 * The kindergarten's steps are actions pushed through replication, as a staff workstation does.
 * Every form is first sent with bad input: the message must appear beside the field, in the chosen
 * language, and what the parent typed must still be there. Run in Russian and in Kazakh, with a
 * screenshot of each key screen per language.
 */

/** Texts before the first placeholder: enough to find a rendered message whatever its parameters. */
const lead = (text: string) => text.split('{{')[0].trim();

/** A PNG of one pixel: a real picture for "Изменить фото". */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The message sits beside its field: the field is marked invalid and the message describes it. */
async function expectFieldError(field: Locator, message: string) {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
}

function randomSerial(): number {
  return 1000 + Math.floor(Math.random() * 8000);
}

function iinOf(birthDate: string, sex: 'male' | 'female'): string {
  for (;;) {
    const iin = makeIin({ birthDate, sex, serial: randomSerial() });
    if (iin) return iin;
  }
}

function randomPhone(): { typed: string; e164: string } {
  const n = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  return { typed: `+7 705 ${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5)}`, e164: `+7705${n}` };
}

async function chooseLanguage(page: Page, lng: 'ru' | 'kk') {
  await page.getByRole('button', { name: lng === 'kk' ? 'Қаз' : 'Рус', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lng);
}

for (const lng of ['ru', 'kk'] as const) {
  const T: Resources = lng === 'ru' ? ru : kk;

  test(`a parent goes from registration to enrolment (${lng})`, async ({ page, request }) => {
    const phone = randomPhone();
    const password = 'Balapan-2026';
    // A fresh person each run: the seed's own parent (940225300128) already has the demo account.
    const parentIin = iinOf(lng === 'ru' ? '1994-02-25' : '1991-04-12', lng === 'ru' ? 'male' : 'female');
    // Each language's child in a queue of its own (birth year), so each starts at number 1.
    const childIin = iinOf(lng === 'ru' ? '2022-07-20' : '2023-01-15', 'female');
    const olderChildIin = iinOf('2020-03-02', 'male');

    await test.step('home page, in the chosen language', async () => {
      await page.goto('/');
      await chooseLanguage(page, lng);
      await expect(page.getByRole('heading', { level: 1, name: T.parent.home.title })).toBeVisible();
      await screenshot(page, 'parent', 'home', lng);
    });

    await test.step('registration step 1: phone and consent to the data policy', async () => {
      await page.getByRole('button', { name: T.parent.nav.menu, exact: true }).click();
      const register = page.getByRole('link', { name: T.parent.nav.register, exact: true });
      await expect(register).toBeVisible();
      await register.click();
      await expect(page).toHaveURL(/#\/register/);
      const phoneField = page.getByLabel(T.parent.registration.phone);
      await phoneField.fill('12345');
      await page.getByRole('button', { name: T.parent.registration.requestCode, exact: true }).click();
      await expectFieldError(phoneField, T.api.phoneInvalid);
      await expectFieldError(
        page.getByRole('checkbox', { name: T.parent.registration.consent }),
        T.api.consentRequired,
      );
      await expect(phoneField).toHaveValue('12345');
      await screenshot(page, 'parent', 'register-errors', lng);
      await phoneField.fill(phone.typed);
      await page.getByRole('button', { name: T.parent.registration.consentLink, exact: true }).click();
      await expect(page.getByText(lead(T.parent.policy.text))).toBeVisible();
      await page.getByRole('checkbox', { name: T.parent.registration.consent, exact: true }).check();
      await page.getByRole('button', { name: T.parent.registration.requestCode, exact: true }).click();
    });

    await test.step('step 2: the SMS code, with the 77-second countdown', async () => {
      await expect(
        page.getByText(new RegExp(`${lead(T.parent.registration.codeTimer)}\\s*7\\d`)),
      ).toBeVisible();
      await expect(
        page.getByRole('button', { name: T.parent.registration.resendCode, exact: true }),
      ).toBeDisabled();
      const codeField = page.getByLabel(T.parent.registration.smsCode);
      const code = await smsCode(request, phone.e164);
      const wrong = code === '000000' ? '111111' : '000000';
      await codeField.fill(wrong);
      await page.getByRole('button', { name: T.common.actions.send, exact: true }).click();
      await expectFieldError(codeField, T.api.otpInvalid);
      await expect(codeField).toHaveValue(wrong);
      await screenshot(page, 'parent', 'register-code', lng);
      await codeField.fill(code);
      await page.getByRole('button', { name: T.common.actions.send, exact: true }).click();
    });

    await test.step('step 3: a password of 8–40 characters, twice', async () => {
      const first = page.getByLabel(T.parent.registration.password);
      const second = page.getByLabel(T.parent.registration.passwordConfirm);
      await first.fill('short');
      await second.fill('short');
      await page.getByRole('button', { name: T.common.actions.save, exact: true }).click();
      await expectFieldError(first, T.api.passwordLength);
      await first.fill(password);
      await second.fill(`${password}x`);
      await page.getByRole('button', { name: T.common.actions.save, exact: true }).click();
      await expectFieldError(second, T.api.passwordMismatch);
      await expect(first).toHaveValue(password);
      await second.fill(password);
      await page.getByRole('button', { name: T.common.actions.save, exact: true }).click();
    });

    await test.step("step 4: the parent's IIN shows name and birth date before it is sent", async () => {
      const iinField = page.getByLabel(T.parent.registration.parentIin);
      await iinField.fill(`${parentIin.slice(0, 11)}${(Number(parentIin[11]) + 1) % 10}`);
      await page.getByRole('button', { name: T.parent.children.checkIin, exact: true }).click();
      await expectFieldError(iinField, T.errors.checksum);
      await iinField.fill(parentIin);
      // The seed's «Отправить» first shows the person's data (issue 14, item 12), then sends.
      await expect(
        page.getByText(T.parent.registration.sendShowsData.replace('{{button}}', T.common.actions.send)),
      ).toBeVisible();
      await page.getByRole('button', { name: T.common.actions.send, exact: true }).click();
      await expect(
        page.getByText(T.parent.registration.checkData.replace('{{button}}', T.common.actions.send)),
      ).toBeVisible();
      await screenshot(page, 'parent', 'register-iin', lng);
      await page.getByRole('button', { name: T.common.actions.send, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: T.parent.profile.title })).toBeVisible();
      await expect(page.getByText(T.parent.registration.done)).toBeVisible();
    });

    await test.step('profile: contact phone, address and photo', async () => {
      const contact = page.getByLabel(T.parent.profile.phone).first();
      const address = page.getByLabel(T.parent.profile.address);
      await contact.fill('8 000');
      await address.fill('г. Арысь, ул. Саликбайы, 33а');
      await page.getByRole('button', { name: T.common.actions.save, exact: true }).click();
      await expectFieldError(contact, T.api.phoneInvalid);
      await expect(address).toHaveValue('г. Арысь, ул. Саликбайы, 33а');
      await contact.fill(phone.typed);
      await page.getByRole('button', { name: T.common.actions.save, exact: true }).click();
      await expect(page.getByText(T.parent.profile.saved)).toBeVisible();
      await page
        .locator('#photo-input')
        .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PIXEL_PNG });
      await expect(page.getByRole('img', { name: T.parent.profile.photoAlt })).toBeVisible();
      await screenshot(page, 'parent', 'profile', lng);
    });

    await test.step('"Мои дети": add two children by IIN after "Проверить ИИН"', async () => {
      await page.goto('/#/children');
      for (const [i, iin] of [childIin, olderChildIin].entries()) {
        await page.getByRole('button', { name: T.parent.children.add }).click();
        const field = page.getByLabel(T.parent.children.iin);
        if (i === 0) {
          await field.fill('2207206');
          await page.getByRole('button', { name: T.parent.children.checkIin, exact: true }).click();
          await expectFieldError(field, T.errors.length);
          await expect(field).toHaveValue('2207206');
        }
        await field.fill(iin);
        await page.getByRole('button', { name: T.parent.children.checkIin, exact: true }).click();
        // The child's data, and the button the form really has (issue 14, item 12).
        await expect(
          page.getByText(T.parent.registration.checkChildData.replace('{{button}}', T.common.actions.save)),
        ).toBeVisible();
        if (i === 0) await screenshot(page, 'parent', 'child-check', lng);
        await page.getByRole('button', { name: T.common.actions.save, exact: true }).click();
        await expect(page.getByRole('cell', { name: iin })).toBeVisible();
      }
      await screenshot(page, 'parent', 'children', lng);
    });

    const fileApplication = async (childIndex: number) => {
      await page.goto('/#/applications/new');
      const child = page.getByLabel(T.parent.applications.selectChild);
      await expect(child.locator('option')).toHaveCount(3);
      await child.selectOption({ index: childIndex + 1 });
      await page.getByRole('checkbox', { name: T.common.languages.kk, exact: true }).check();
      await page.getByRole('checkbox', { name: T.common.languages.ru, exact: true }).check();
      await page.getByLabel(T.parent.applications.region).selectOption(E2E_DISTRICT.regionId);
      await page.getByLabel(T.parent.applications.locality).selectOption(E2E_DISTRICT.localityId);
      await page.getByRole('button', { name: T.common.actions.next, exact: true }).click();
      await expect(page.getByText(T.parent.applications.filedNotice)).toBeVisible();
    };

    await test.step('"Добавить заявление": errors beside the fields, then filed with its queue number', async () => {
      await page.goto('/#/applications/new');
      await page.getByRole('button', { name: T.common.actions.next, exact: true }).click();
      await expectFieldError(page.getByLabel(T.parent.applications.selectChild), T.parent.form.required);
      await expectFieldError(page.getByLabel(T.parent.applications.locality), T.parent.form.required);
      await expectFieldError(
        page.getByRole('group', { name: T.parent.applications.languages }),
        T.parent.applications.languagesRequired,
      );
      await screenshot(page, 'parent', 'application-new-errors', lng);
      // Children are listed youngest first: index 0 is the child born in 2022.
      await fileApplication(0);
      await expect(
        page.getByText(T.parent.applications.detail.queueText.replace('{{queueNumber}}', '1')),
      ).toBeVisible();
      await screenshot(page, 'parent', 'application-queue', lng);
      await fileApplication(1);
      // "Заинтересован" is the application's status while the child waits for a place (issue 14, item 14).
      await page.goto('/#/applications');
      await expect(page.getByText(T.parent.applications.interested, { exact: true }).first()).toBeVisible();
      await expect(page.getByRole('checkbox', { name: T.parent.applications.interested })).toHaveCount(0);
    });

    const staff = await StaffDesk.login(request, E2E_DISTRICT.staff.login, E2E_DISTRICT.staff.password);
    const bulletinId = `e2e-${lng}-${Date.now()}`;
    await test.step('the kindergarten publishes a free-place bulletin (replicated action)', async () => {
      await staff.act('bulletin.publish', {
        bulletinId,
        groupId: E2E_DISTRICT.groupId,
        totalPlaces: 2,
        freePlaces: 2,
        placeType: lng === 'ru' ? 'Свободные места' : 'Бос орындар',
        vacancyAt: new Date().toISOString(),
        authorName: E2E_DISTRICT.staff.name,
      });
    });

    await test.step('"Отправить заявку" only for the matching child; the other is told why', async () => {
      await page.goto('/#/bulletins');
      await page.getByLabel(T.parent.bulletins.filters.region).selectOption(E2E_DISTRICT.regionId);
      await expect(page.getByRole('cell', { name: 'Жұлдыз санаторлық тобы' }).first()).toBeVisible();
      await screenshot(page, 'parent', 'bulletins', lng);
      await page.goto(`/#/bulletins/${bulletinId}`);
      await expect(page.getByText(T.errors.birthYear)).toBeVisible();
      await screenshot(page, 'parent', 'bulletin', lng);
      await page.getByRole('button', { name: T.parent.bulletins.respond, exact: true }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: T.parent.bulletins.respondConfirm, exact: true })
        .click();
      await expect(page.getByText(T.parent.applications.detail.respondedText)).toBeVisible();
    });

    await test.step('withdraw the other application: trash icon, confirm, then the archive', async () => {
      await page.goto('/#/applications');
      await page
        .getByRole('button', { name: new RegExp(lead(T.parent.applications.withdrawFor)) })
        .last()
        .click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: T.common.actions.confirm, exact: true })
        .click();
      await expect(page.getByText(T.notifications.applicationWithdrawn)).toBeVisible();
      await page.goto('/#/applications/archive');
      await expect(page.getByRole('cell', { name: T.common.applicationStatuses.withdrawn })).toBeVisible();
    });

    let referral: Referral | undefined;
    await test.step('the kindergarten activates the application; the referral appears live', async () => {
      const responses = await staff.pull<Response>('responses');
      const response = responses.find((r) => r.bulletinId === bulletinId && r.childIin === childIin);
      expect(response, 'the response reached the kindergarten').toBeTruthy();
      await page.goto('/#/applications');
      await page.getByRole('link', { name: T.common.actions.view, exact: true }).first().click();
      await expect(page.getByText(T.parent.applications.detail.respondedText)).toBeVisible();
      await staff.act('response.activate', { responseId: response!.id });
      // No reload: the server's event stream moves the screen to step 3.
      await expect(page.getByRole('button', { name: T.parent.referral.download, exact: true })).toBeVisible();
      referral = (await staff.pull<Referral>('referrals')).find((r) => r.childIin === childIin);
      await expect(page.getByText(new RegExp(lead(T.parent.referral.daysLeft)))).toBeVisible();
      // Extension is offered only on the last valid day, never on the day of activation.
      await expect(page.getByRole('button', { name: T.parent.referral.extend, exact: true })).toHaveCount(0);
      await screenshot(page, 'parent', 'referral', lng);
    });

    await test.step('"Скачать направление": the PDF names the child, the kindergarten and its code', async () => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: T.parent.referral.download, exact: true }).click();
      const dir = join(import.meta.dirname, '..', '..', 'test-results', 'downloads');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `parent-referral-${lng}.pdf`);
      await (await download).saveAs(file);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(referral!.childName.split(' ')[0]);
      expect(text).toContain(
        lng === 'ru' ? 'ГККП «Балапан» ясли - детский сад' : '«Балапан» бөбекжай-бақшасы МКҚК',
      );
      expect(text).toContain(referral!.verificationCode);
    });

    await test.step('the contract is signed: "Результаты" names the kindergarten and group', async () => {
      await staff.act('referral.signContract', {
        referralId: referral!.id,
        contractNumber: `Д-${lng}-17`,
        contractDate: almatyDayOfMs(Date.now()),
      });
      const result = page.getByText(lead(T.parent.applications.detail.enrolledText));
      await expect(result).toContainText('Жұлдыз санаторлық тобы');
      await expect(result).toContainText(lng === 'ru' ? 'ГККП «Балапан»' : '«Балапан» бөбекжай-бақшасы');
      await expect(page.getByText(T.common.applicationStatuses.enrolled, { exact: true })).toBeVisible();
      await screenshot(page, 'parent', 'enrolled', lng);
    });

    await test.step("the inbox has the seed's messages and the unread count", async () => {
      await expect(page.locator('.menu-toggle .badge')).not.toHaveText('0');
      await page.goto('/#/notifications');
      for (const kind of [
        'contractSigned',
        'referralIssued',
        'responded',
        'applicationAccepted',
        'applicationWithdrawn',
      ] as const) {
        await expect(page.getByText(lead(T.notifications[kind])).first()).toBeVisible();
      }
      await screenshot(page, 'parent', 'notifications', lng);
      await page.getByRole('link', { name: T.parent.notifications.journal, exact: true }).click();
      await expect(page.getByText(T.common.actionKinds.application.respond).first()).toBeVisible();
    });

    await test.step('logout, a wrong password, then login again', async () => {
      await page.getByRole('button', { name: T.parent.nav.menu, exact: true }).click();
      await page.getByRole('button', { name: T.common.actions.logout, exact: true }).click();
      // Logout ends on the home page once the server answers; going to login before that races it.
      await expect(page.getByRole('heading', { level: 1, name: T.parent.home.title })).toBeVisible();
      await page.goto('/#/login');
      await page.getByLabel(T.parent.login.phone).fill(phone.typed);
      await page.getByLabel(T.parent.login.password).fill('wrong-password');
      await page.getByRole('button', { name: T.parent.login.submit, exact: true }).click();
      await expectFieldError(page.getByLabel(T.parent.login.password), T.api.invalidCredentials);
      await expect(page.getByLabel(T.parent.login.phone)).toHaveValue(phone.typed);
      await screenshot(page, 'parent', 'login-error', lng);
      await page.getByLabel(T.parent.login.password).fill(password);
      await page.getByRole('button', { name: T.parent.login.submit, exact: true }).click();
      await expect(page.getByRole('cell', { name: T.common.applicationStatuses.enrolled })).toBeVisible();
    });

    await test.step('a review on the main page ("Отзывы пользователей")', async () => {
      await page.goto('/');
      await page.getByRole('button', { name: T.common.actions.send, exact: true }).click();
      await expectFieldError(page.getByLabel(T.parent.home.reviewText), T.parent.form.required);
      // Unique per run: the same server may hold an earlier run's review.
      const text = `${lng === 'ru' ? 'Направление скачали за минуту, спасибо!' : 'Жолдаманы бір минутта жүктедік, рақмет!'} #${phone.e164.slice(-4)}`;
      await page.getByLabel(T.parent.home.reviewText).fill(text);
      await page.getByRole('radio', { name: T.parent.home.reviewStars.replace('{{rating}}', '5') }).check();
      await page.getByRole('button', { name: T.common.actions.send, exact: true }).click();
      await expect(page.getByText(T.parent.home.reviewThanks)).toBeVisible();
      await expect(page.getByRole('listitem').filter({ hasText: text })).toBeVisible();
    });
  });
}
