import { expect, type Page, test } from '@playwright/test';
import { startSupervisorServer, SV, type SupervisorServer } from './supervisor-district';

// issue 8, Management: the supervisor's forms in Debian's Chromium against a real server with the demo
// district — a kindergarten and a staff account created, a calendar year's transfer and religious day
// off added and removed (docs/domain.md, Working days: the calendar is data, edited without a release).
test.describe.configure({ mode: 'serial' });

let s: SupervisorServer;
test.beforeAll(async () => {
  s = await startSupervisorServer();
});
test.afterAll(async () => {
  await s?.stop();
});

async function signIn(page: Page, hash: string) {
  await page.goto(`${s.server.url}/supervisor/?lng=ru#/${hash}`);
  await page.locator('input[name="login"]').fill(SV.supervisor.login);
  await page.locator('input[name="password"]').fill(SV.supervisor.password);
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('a supervisor adds a kindergarten to the catalogue, and a cancelled form saves nothing', async ({
  page,
}) => {
  await signIn(page, 'management');
  const card = page.getByTestId('kindergartens');
  await card.getByRole('button', { name: 'Добавить детский сад' }).click();
  await card.getByRole('button', { name: 'Отмена' }).click();
  await expect(card.getByLabel('Название на русском')).toHaveCount(0);

  await card.getByRole('button', { name: 'Добавить детский сад' }).click();
  await card.getByLabel('Название на казахском').fill('«Балапан» бөбекжайы');
  await card.getByLabel('Название на русском').fill('Ясли-сад «Балапан»');
  await card.getByLabel('Адрес').fill('г. Туркестан, ул. Тауке хана, 12');
  await card.getByLabel('Языки обучения').fill('kk, ru');
  await card.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Сохранено.')).toBeVisible();
  await expect(card.locator('tbody')).toContainText('Ясли-сад «Балапан»');
  await expect(card.getByLabel('Название на русском')).toHaveCount(0);
  // Languages by name, not code; the header names the region, not the account (issue 14, items 6, 7).
  await expect(card.locator('tbody tr', { hasText: 'Ясли-сад «Балапан»' })).toContainText(
    'Казахский, Русский',
  );
  await expect(page.locator('.sv-header')).toContainText('Куратор района: Туркестанская область');
  await expect(page.locator('.sv-header')).not.toContainText('Супервайзер');
});

test('a supervisor creates a staff account with an initial password', async ({ page }) => {
  await signIn(page, 'staff');
  const card = page.getByTestId('staff');
  await card.getByRole('button', { name: 'Добавить сотрудника' }).click();
  await card.getByLabel('Логин').fill('sv-e2e-methodist');
  await card.getByLabel('ФИО').fill('Оспанова Гульнара');
  await card.getByLabel('Начальный пароль').fill('nachalnyi-parol-1');
  await card.getByRole('button', { name: 'Сохранить' }).click();
  await expect(page.getByText('Сохранено.')).toBeVisible();
  await expect(card.locator('tbody')).toContainText('sv-e2e-methodist');
  await expect(card.locator('tbody')).toContainText('Оспанова Гульнара');
});

test('a supervisor adds and removes a transfer and a religious day off of the shown year', async ({
  page,
}) => {
  await signIn(page, 'calendar');
  const year = await page.getByLabel('Год', { exact: true }).inputValue();

  const transfers = page.getByTestId('transfers');
  await transfers.getByLabel('Дата').fill(`${year}-12-26`);
  await transfers.getByLabel('Становится').selectOption({ label: 'Рабочий день' });
  await transfers.getByLabel('Основание (приказ)').fill('Постановление № 1');
  await transfers.getByRole('button', { name: 'Добавить перенос' }).click();
  const transfer = transfers.locator('tbody tr', { hasText: `26.12.${year}` });
  await expect(transfer).toContainText('Рабочий день');
  await expect(transfer).toContainText('Постановление № 1');
  await transfer.getByRole('button', { name: 'Удалить' }).click();
  await expect(transfers.locator('tbody tr', { hasText: `26.12.${year}` })).toHaveCount(0);

  const religious = page.getByTestId('religious');
  await religious.getByLabel('Дата').fill(`${year}-06-16`);
  await religious.getByRole('button', { name: 'Добавить религиозный выходной' }).click();
  const day = religious.locator('tbody tr', { hasText: `16.06.${year}` });
  await expect(day).toContainText('Курбан айт');
  await day.getByRole('button', { name: 'Удалить' }).click();
  await expect(religious.locator('tbody tr', { hasText: `16.06.${year}` })).toHaveCount(0);
});
