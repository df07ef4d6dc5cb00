import { verificationCode } from '../../src/domain';
import { ru } from '../../src/i18n/ru';
import { expect, goOffline, goOnline, logIn, S, test } from './staff-fixture';

/**
 * The staff workspace's referral check (issue 17): a code from a paper referral is checked with the
 * server while online, and against the workstation's replica (this kindergarten's referrals) offline;
 * an unknown code offline says that only this kindergarten's referrals could be looked at.
 */
const T = ru;

test('staff check a referral’s code online with the server and offline against the replica', async ({
  page,
  context,
  staffServer,
}) => {
  // A referral the staff scenario issued to this kindergarten (its code derives from its seed id).
  const code = verificationCode('seed-st-e2');
  await logIn(page, staffServer, S.staffA);
  await page.getByRole('navigation').getByRole('button').nth(2).click();
  const box = page.getByRole('region', { name: T.staff.referralCheck.title });
  const field = box.getByLabel(T.staff.referralCheck.code);
  const check = box.getByRole('button', { name: T.staff.referralCheck.check, exact: true });
  const answer = page.getByTestId('referral-check-answer');

  await test.step('online: the server answers, typed in lower case without dashes', async () => {
    await field.fill(code.toLowerCase().replaceAll('-', ''));
    await check.click();
    await expect(answer.locator('[data-source="server"]')).toBeVisible();
    await expect(answer).toContainText('ГККП «Балапан» ясли - детский сад');
    await expect(answer).toContainText(T.staff.referralCheck.fromServer);
    await expect(answer).toContainText(/\d{2}\.\d{2}\.\d{4}/);
  });

  await test.step('a code of the wrong length is refused before asking', async () => {
    await field.fill('ABCD-EFG');
    await check.click();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(box.getByText(T.staff.referralCheck.codeFormat)).toBeVisible();
  });

  await test.step('offline: the replica answers for this kindergarten’s referral, not for others', async () => {
    await goOffline(context, page);
    await field.fill(code);
    await check.click();
    await expect(answer.locator('[data-source="replica"]')).toBeVisible();
    await expect(answer).toContainText('ГККП «Балапан» ясли - детский сад');
    await expect(answer).toContainText(T.staff.referralCheck.fromReplica);
    await field.fill('2222-3333-4444');
    await check.click();
    await expect(answer).toContainText(T.staff.referralCheck.notFoundHere);
    await goOnline(context, page);
    await check.click();
    await expect(answer).toContainText(T.api.referralNotFound);
  });
});
