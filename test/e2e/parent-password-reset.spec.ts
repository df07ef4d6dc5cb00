import { expect, type Locator, test } from '@playwright/test';
import { makeIin } from '../../src/domain';
import { ru } from '../../src/i18n/ru';
import { screenshot } from './support/screenshots';
import { smsCode } from './support/sms-inbox';

/**
 * "Забыли пароль?": a parent who registered earlier gets an SMS code, sets a new password (8–40,
 * twice) and logs in with it; the old one stops working (docs/domain.md, Parent account; the seed's
 * registration steps 1–3 on an existing number).
 */
const T = ru;

async function expectFieldError(field: Locator, message: string) {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
}

test('a parent resets a forgotten password by SMS and logs in with the new one', async ({
  page,
  request,
}) => {
  const n = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
  const phone = `+7707${n}`;
  const oldPassword = 'Balapan-old-1';
  const newPassword = 'Balapan-new-2';

  await test.step('an account registered earlier (through the API, as the journey spec does in the UI)', async () => {
    await request.post('/api/auth/otp', { data: { phone, consent: true, purpose: 'register' } });
    const code = await smsCode(request, phone);
    const verified = await request.post('/api/auth/otp/verify', {
      data: { phone, code, purpose: 'register' },
    });
    const { ticket } = (await verified.json()) as { ticket: string };
    const created = await request.post('/api/auth/register', {
      data: { ticket, password: oldPassword, passwordConfirmation: oldPassword },
    });
    expect(created.ok()).toBe(true);
    let serial = 1000 + Math.floor(Math.random() * 8000);
    let iin = makeIin({ birthDate: '1988-09-30', sex: 'male', serial });
    while (!iin) iin = makeIin({ birthDate: '1988-09-30', sex: 'male', serial: ++serial });
    expect((await request.post('/api/me/iin', { data: { iin } })).ok()).toBe(true);
    await request.post('/api/auth/logout');
  });

  const registrationCode = await smsCode(request, phone);
  await test.step('phone, then the SMS code', async () => {
    await page.goto('/#/login');
    await page.getByRole('link', { name: T.parent.login.forgotPassword }).click();
    await page.getByLabel(T.parent.registration.phone).fill(phone);
    await page.getByRole('button', { name: T.parent.registration.requestCode, exact: true }).click();
    const code = await smsCode(request, phone, registrationCode);
    await page.getByLabel(T.parent.registration.smsCode).fill(code);
    await page.getByRole('button', { name: T.common.actions.send, exact: true }).click();
  });

  await test.step('the new password, twice; a mismatch is named beside the field', async () => {
    await page.getByLabel(T.parent.registration.password).fill(newPassword);
    await page.getByLabel(T.parent.registration.passwordConfirm).fill(oldPassword);
    await page.getByRole('button', { name: T.common.actions.save, exact: true }).click();
    await expectFieldError(page.getByLabel(T.parent.registration.passwordConfirm), T.api.passwordMismatch);
    await page.getByLabel(T.parent.registration.passwordConfirm).fill(newPassword);
    await page.getByRole('button', { name: T.common.actions.save, exact: true }).click();
    await expect(page.getByText(T.parent.reset.done)).toBeVisible();
    await screenshot(page, 'parent', 'password-reset', 'ru');
  });

  await test.step('the old password no longer works, the new one does', async () => {
    await page.getByRole('link', { name: T.parent.nav.login, exact: true }).last().click();
    await page.getByLabel(T.parent.login.phone).fill(phone);
    await page.getByLabel(T.parent.login.password).fill(oldPassword);
    await page.getByRole('button', { name: T.parent.login.submit, exact: true }).click();
    await expectFieldError(page.getByLabel(T.parent.login.password), T.api.invalidCredentials);
    await page.getByLabel(T.parent.login.password).fill(newPassword);
    await page.getByRole('button', { name: T.parent.login.submit, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: T.parent.applications.list })).toBeVisible();
  });
});
