import { expect, goOffline, goOnline, logIn, S, test } from './staff-fixture';

// Offline, staff often act twice on the same child: activate, and when the parent comes with the
// papers the same day, sign the contract — both before the connection returns.
test('an activation and the contract on its new referral, both made offline, are both applied', async ({
  page,
  context,
  staffServer,
}) => {
  await logIn(page, staffServer, S.staffD);
  await goOffline(context, page);
  await page
    .getByRole('row')
    .filter({ hasText: 'Айгөлек' })
    .getByRole('button', { name: /Откликнувшиеся/ })
    .click();
  const child = S.chainChild;
  await expect(page.getByTestId('responder-name').first()).toHaveText(child);
  await page.getByRole('row').nth(1).getByRole('button', { name: 'Активировать' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Активировать' }).click();
  await page.getByRole('button', { name: 'Направления' }).click();
  const row = page.getByRole('row').filter({ hasText: child });
  await row.getByRole('button', { name: 'Подписать договор' }).click();
  await page.getByLabel('Номер договора').fill('Д-2026/501');
  await page.getByRole('button', { name: 'Подписать' }).click();
  await expect(page.getByTestId('sync-pending')).toHaveText('Не синхронизировано: 2');
  await goOnline(context, page);
  await expect(page.getByTestId('sync-pending')).toHaveText('Не синхронизировано: 0', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Журнал операций' }).click();
  await expect(page.getByTestId('action-applied')).toHaveCount(2);
});
