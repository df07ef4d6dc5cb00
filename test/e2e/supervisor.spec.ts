import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { holdsQueuePlace } from '../../src/domain';
import type { Application, AuditEntry, Bulletin } from '../../src/schema';
import { collection } from '../../sync-server/database';
import { readAll } from '../../sync-server/store';
import { fileApplication, startSupervisorServer, SV, type SupervisorServer } from './supervisor-district';

// issue 8, Tests: the supervisor pages in Debian's Chromium against a real server with the demo district.
test.describe.configure({ mode: 'serial' });

let s: SupervisorServer;
test.beforeAll(async () => {
  s = await startSupervisorServer();
});
test.afterAll(async () => {
  await s?.stop();
});

async function signIn(page: Page, who: { login: string; password: string }, lng = 'ru') {
  await page.goto(`${s.server.url}/supervisor/?lng=${lng}#/dashboard`);
  await page.locator('input[name="login"]').fill(who.login);
  await page.locator('input[name="password"]').fill(who.password);
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByTestId('as-of')).toBeVisible();
}

async function kpi(page: Page, id: string): Promise<string> {
  return (await page.getByTestId(`kpi-${id}`).locator('.sv-kpi__value').getAttribute('data-value')) ?? '';
}

test('the dashboard shows the numbers a direct count over the database gives', async ({ page }) => {
  await signIn(page, SV.supervisor);
  const db = s.runtime.ctx.db;
  const apps = (await readAll(collection(db, 'applications'), { regionId: SV.regionId })) as Application[];
  const bulletins = (await readAll(collection(db, 'bulletins'), {
    regionId: SV.regionId,
    status: 'published',
  })) as Bulletin[];
  const queue = apps.filter((a) => holdsQueuePlace(a.status));
  await expect.poll(() => kpi(page, 'queue')).toBe(String(queue.length));
  expect(await kpi(page, 'publishedBulletins')).toBe(String(bulletins.length));
  expect(await kpi(page, 'freePlaces')).toBe(String(bulletins.reduce((n, b) => n + b.freePlaces, 0)));
  expect(await kpi(page, 'stopListed')).toBe(String(queue.filter((a) => a.status === 'stopListed').length));

  // The queue by locality table: one row per locality with its count.
  const byLocality = new Map<string, number>();
  for (const a of queue) byLocality.set(a.localityId, (byLocality.get(a.localityId) ?? 0) + 1);
  const rows = page.getByTestId('queue-by-locality').locator('tbody tr');
  await expect(rows).toHaveCount(byLocality.size);
  const shown = (await rows.locator('td:nth-child(2)').allTextContents()).map(Number);
  expect(shown.sort((a, b) => a - b)).toEqual([...byLocality.values()].sort((a, b) => a - b));
  await expect(page.getByTestId('queue-by-locality').locator('canvas')).toBeVisible();

  // A filter by kindergarten narrows the bulletins to its own.
  await page.getByLabel('Детский сад').selectOption(SV.kindergartenId);
  await expect.poll(() => kpi(page, 'publishedBulletins')).toBe('1');
});

test('the dashboard updates by itself when a parent files an application in the district', async ({
  page,
}) => {
  await signIn(page, SV.supervisor);
  const before = Number(await kpi(page, 'queue'));
  const asOf = await page.getByTestId('as-of').getAttribute('data-at');
  await expect(page.getByTestId('as-of')).toContainText('обновляется');
  await fileApplication(s, 'sv-e2e-live');
  await expect.poll(() => kpi(page, 'queue')).toBe(String(before + 1));
  await expect(page.getByTestId('as-of')).not.toHaveAttribute('data-at', asOf ?? '');
});

test('screenshots of the dashboard in kk and ru', async ({ page }) => {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.setViewportSize({ width: 1360, height: 1000 });
  await signIn(page, SV.supervisor, 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Сводка по району');
  await page.screenshot({ path: 'test-results/screenshots/supervisor-dashboard-ru.png', fullPage: true });
  await page.getByRole('button', { name: 'KK' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Аудан бойынша жиынтық');
  await page.screenshot({ path: 'test-results/screenshots/supervisor-dashboard-kk.png', fullPage: true });
});

test('an out-of-order activation appears in the fairness list with its reason and audit trail', async ({
  page,
}) => {
  await signIn(page, SV.supervisor);
  await page.goto(`${s.server.url}/supervisor/#/fairness`);
  const list = page.getByTestId('out-of-order');
  await expect(list.getByTestId('skip-reason')).toHaveText(SV.skipReason);
  await expect(list).toContainText('КАМЕНОВА ДАНИЯ');
  await expect(list).toContainText('АХМЕТОВА АЙЛИН');
  await list.getByRole('link', { name: 'Журнал аудита' }).click();
  const trail = page.locator('main table');
  // The trail reads as sentences (issue 14, item 18): who activated, for which child, and why out of order.
  await expect(trail).toContainText('активирован отклик, выдано направление для ребёнка');
  await expect(trail).toContainText(`Вне очереди, причина: «${SV.skipReason}»`);
  await expect(trail).not.toContainText('user:');
});

test('editing an audit row in the database makes verification fail at that row', async ({ page }) => {
  await signIn(page, SV.supervisor);
  await page.goto(`${s.server.url}/supervisor/#/audit`);
  await page.getByRole('button', { name: 'Проверить цепочку' }).click();
  await expect(page.getByTestId('audit-verification')).toContainText('Цепочка аудита не нарушена');

  const [target] = (await readAll(collection(s.runtime.ctx.db, 'audit'), {
    kind: 'response.activate',
    districtId: SV.regionId,
  })) as AuditEntry[];
  const [{ name: table }] = await s.sql<{ name: string }>(
    `SELECT name FROM rxdb_tables WHERE collection_name = 'audit' ORDER BY schema_version DESC LIMIT 1`,
  );
  await s.sql(
    `UPDATE "${table}" SET doc = jsonb_set(doc, '{payload,skipReason}', to_jsonb($1::text)) WHERE id = $2`,
    ['Так решила заведующая', target.id],
  );

  await page.getByRole('button', { name: 'Проверить цепочку' }).click();
  const broken = page.getByTestId('audit-verification').locator('[data-broken-seq]');
  await expect(broken).toHaveAttribute('data-broken-seq', String(target.seq));
  await expect(page.getByTestId('audit-verification')).toContainText(`нарушена на записи ${target.seq}`);
});

test('a supervisor of another district sees none of this district’s data, in the API or the pages', async ({
  page,
  request,
}) => {
  await signIn(page, SV.otherSupervisor);
  await expect(page.getByTestId('kpi-queue')).toBeVisible();
  await page.goto(`${s.server.url}/supervisor/#/fairness`);
  await expect(page.getByTestId('out-of-order')).toContainText(
    'Распределений не по порядку очереди не было.',
  );
  await expect(page.locator('body')).not.toContainText('КАМЕНОВА ДАНИЯ');
  await page.goto(`${s.server.url}/supervisor/#/fairness/${SV.bulletinId}`);
  await expect(page.getByRole('alert')).toContainText('Не найдено в вашем районе');
  await page.goto(`${s.server.url}/supervisor/#/management`);
  await expect(page.getByTestId('kindergartens')).not.toContainText('Шугыла');

  const login = await request.post(`${s.server.url}/api/auth/login`, { data: SV.otherSupervisor });
  const token = (await login.json()).token as string;
  const headers = { authorization: `Bearer ${token}` };
  expect(
    (await request.get(`${s.server.url}/api/supervisor/bulletins/${SV.bulletinId}`, { headers })).status(),
  ).toBe(404);
  const dashboard = await (await request.get(`${s.server.url}/api/supervisor/dashboard`, { headers })).json();
  expect(dashboard.queueByLocality.map((r: { localityId: string }) => r.localityId)).not.toContain(
    SV.localityId,
  );
  const audit = await (
    await request.get(`${s.server.url}/api/supervisor/audit?q=${SV.bulletinId}`, { headers })
  ).json();
  expect(audit.total).toBe(0);
  const csv = await (
    await request.get(`${s.server.url}/api/supervisor/export/out-of-order.csv`, { headers })
  ).text();
  expect(csv).not.toContain(SV.skipReason);
});
