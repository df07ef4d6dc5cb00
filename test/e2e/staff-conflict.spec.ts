import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, goOffline, goOnline, logIn, S, test, onServerClock } from './staff-fixture';

const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

// docs/domain.md, Offline-specific rules: "Two offline devices acting on the same thing: the first applied
// wins; the second is rejected with a reason that names what happened."
test('two offline workstations activate the same application: one applies, the other shows who won, nothing else is lost', async ({
  browser,
  staffServer,
}) => {
  const workstation = async () =>
    onServerClock(
      await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Asia/Almaty' }),
      staffServer,
    );
  const first = await workstation();
  const second = await workstation();
  const a = await first.newPage();
  const b = await second.newPage();
  await logIn(a, staffServer, S.staffC);
  await logIn(b, staffServer, S.staffB);
  await goOffline(first, a);
  await goOffline(second, b);

  const activateTop = async (page: typeof a) => {
    await page.getByRole('button', { name: 'Откликнувшиеся: 2' }).click();
    await expect(page.getByTestId('responder-name').first()).toHaveText(S.raceChildren[0]);
    await page.getByRole('row').nth(1).getByRole('button', { name: 'Активировать' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Активировать' }).click();
    await expect(page.getByTestId('decided-activated')).toContainText(S.raceChildren[0]);
    await page.getByRole('button', { name: 'Назад' }).click();
  };
  await activateTop(a);
  await activateTop(b);
  // The second workstation also saves a draft bulletin offline: it must survive the lost race.
  await b.getByRole('button', { name: 'Новый бюллетень' }).click();
  await b.getByLabel('Группа').selectOption({ label: 'Балапан тобы' });
  await b.getByLabel('Всего мест').fill('4');
  await b.getByLabel('Свободные места').fill('4');
  await b.getByRole('button', { name: 'Сохранить черновик' }).click();
  await expect(b.getByTestId('sync-pending')).toHaveText('Не синхронизировано: 2');

  // The first workstation comes online first and wins.
  await goOnline(first, a);
  await expect(a.getByTestId('sync-pending')).toHaveText('Не синхронизировано: 0', { timeout: 60_000 });
  await a.getByRole('button', { name: 'Журнал операций' }).click();
  await expect(a.getByTestId('action-applied')).toHaveCount(1);

  // The second: its activation is rejected, naming the other workstation's user and time; its draft applies.
  await goOnline(second, b);
  await expect(b.getByTestId('sync-pending')).toHaveText('Не синхронизировано: 0', { timeout: 60_000 });
  const rejected = b.getByTestId('sync-rejected');
  await expect(rejected).toContainText('Отклонено: 1');
  await expect(rejected).toContainText('Уже активировано на другом рабочем месте');
  await expect(rejected).toContainText(`пользователем ${S.staffC.login} в`);
  await rejected.click();
  await expect(b.getByTestId('action-rejected')).toHaveCount(1);
  await expect(b.getByTestId('action-applied')).toHaveCount(1);
  await expect(b.getByTestId('action-reason')).toContainText('ребенку уже выдано направление');
  mkdirSync(SCREENSHOTS, { recursive: true });
  await b.screenshot({ path: join(SCREENSHOTS, 'staff-rejected-ru.png'), fullPage: true });
  await b.getByRole('button', { name: 'KK', exact: true }).click();
  await b.screenshot({ path: join(SCREENSHOTS, 'staff-rejected-kk.png'), fullPage: true });
  await b.getByRole('button', { name: 'RU', exact: true }).click();
  await b.getByRole('button', { name: 'Бюллетени' }).click();
  await expect(b.getByRole('row').filter({ hasText: '4 из 4' })).toContainText('Черновик');
  // Exactly one referral was issued for the child, the first workstation's.
  await b.getByRole('button', { name: 'Направления' }).click();
  await expect(b.getByRole('row').filter({ hasText: S.raceChildren[0] })).toHaveCount(1);
  await expect(b.getByTestId('not-synced')).toHaveCount(0);

  await first.close();
  await second.close();
});
