import { request } from '@playwright/test';
import type { Bulletin } from '../../src/schema';
import { expect, goOffline, goOnline, logIn, S, test } from './staff-fixture';
import { StaffDesk } from './support/staff-desk';

/** The bulletin as the server stores it, pulled the way a workstation pulls it. */
async function serverBulletin(url: string, id: string): Promise<Bulletin | undefined> {
  const api = await request.newContext({ baseURL: url });
  try {
    const desk = await StaffDesk.login(api, S.staffA.login, S.staffA.password);
    return (await desk.pull<Bulletin>('bulletins')).find((b) => b.id === id);
  } finally {
    await api.dispose();
  }
}

// docs/domain.md, Bulletins: a published bulletin is open to priority categories for its window, then to
// everyone. The scheduler's bulletin.openToAll does not reach an offline workstation, so staff open it
// themselves once the window is over. The worker's server is shared: only this spec's bulletins and
// staff account (its operations log) are looked at.
test('staff open a bulletin to everyone once its priority window is over, offline, and it syncs', async ({
  page,
  context,
  staffServer,
}) => {
  const over = S.bulletins.windowOver;
  expect((await serverBulletin(staffServer.url, over))?.access).toBe('priority');

  await logIn(page, staffServer, S.staffE);
  const openToAll = page.getByRole('button', { name: 'Открыть для всех' });
  const row = (id: string) =>
    page.getByRole('row').filter({ has: page.getByTestId(`bulletin-access-${id}`) });

  // While the window runs the button is not offered; the list says until when priority lasts.
  await expect(page.getByTestId(`bulletin-access-${S.bulletins.windowOpen}`)).toHaveText(
    /^Приоритетный доступ до \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/,
  );
  await expect(row(S.bulletins.windowOpen).getByRole('button', { name: 'Изменить' })).toBeVisible();
  await expect(row(S.bulletins.windowOpen).getByRole('button', { name: 'Открыть для всех' })).toHaveCount(0);
  // The window that is over: still 'priority' as stored, and the button is there (for this one only).
  await expect(page.getByTestId(`bulletin-access-${over}`)).toHaveText(
    /^Приоритетный доступ до \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/,
  );
  await expect(openToAll).toHaveCount(1);

  await goOffline(context, page);
  // Cancelling the confirmation changes nothing.
  await row(over).getByRole('button', { name: 'Открыть для всех' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Приоритетный период закончился');
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  await expect(page.getByTestId('sync-pending')).toHaveText('Не синхронизировано: 0');

  await row(over).getByRole('button', { name: 'Открыть для всех' }).click();
  await dialog.getByRole('button', { name: 'Подтвердить' }).click();
  // At once, on this workstation: open to all, marked as not yet synced, the button gone.
  await expect(page.getByTestId(`bulletin-access-${over}`)).toHaveText('Доступ для всех');
  await expect(row(over).getByTestId('not-synced')).toBeVisible();
  await expect(openToAll).toHaveCount(0);
  await expect(page.getByTestId('sync-pending')).toHaveText('Не синхронизировано: 1');
  expect((await serverBulletin(staffServer.url, over))?.access).toBe('priority');

  await goOnline(context, page);
  await expect(page.getByTestId('sync-pending')).toHaveText('Не синхронизировано: 0', { timeout: 60_000 });
  await expect(row(over).getByTestId('not-synced')).toHaveCount(0);
  await expect(page.getByTestId(`bulletin-access-${over}`)).toHaveText('Доступ для всех');
  await expect(page.getByTestId('sync-rejected')).toHaveCount(0);
  expect((await serverBulletin(staffServer.url, over))?.access).toBe('all');
  // The window still running was left alone.
  expect((await serverBulletin(staffServer.url, S.bulletins.windowOpen))?.access).toBe('priority');

  await page.getByRole('button', { name: 'Журнал операций' }).click();
  await expect(page.getByTestId('action-applied')).toHaveCount(1);
  await expect(page.getByRole('row').filter({ has: page.getByTestId('action-applied') })).toContainText(
    'Открытие бюллетеня для всех',
  );
});
