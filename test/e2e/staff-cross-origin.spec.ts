import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { expect, S, test } from './staff-fixture';

// The desktop app loads the workspace from app://oryn and talks to the sync server on another origin
// (main/app-protocol.ts). The same cross-origin shape in Chromium: the built workspace served from a
// second loopback server, pointed at the sync server like the first-run screen does. Login, pull,
// the live event stream and push must all pass CORS with the token in a header.
const DIST = join(import.meta.dirname, '..', '..', 'dist', 'renderer', 'staff');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

let shell: Server;
let shellUrl = '';
test.beforeAll(async () => {
  shell = createServer(async (req, res) => {
    const path = normalize(join(DIST, new URL(req.url ?? '/', 'http://x').pathname));
    const file = path.startsWith(DIST) && extname(path) ? path : join(DIST, 'index.html');
    const body = await readFile(file).catch(() => null);
    res.writeHead(body ? 200 : 404, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((ok) => shell.listen(0, '127.0.0.1', () => ok()));
  shellUrl = `http://127.0.0.1:${(shell.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((ok) => shell.close(() => ok())));

test('the workspace served from another origin (as from app:// in Electron) logs in, syncs and pushes', async ({
  page,
  staffServer,
}) => {
  await page.addInitScript((server) => localStorage.setItem('oryn.serverUrl', server), staffServer.url);
  await page.goto(`${shellUrl}/`);
  await page.getByLabel('Логин').fill(S.staffD.login);
  await page.getByLabel('Пароль').fill(S.staffD.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('cell', { name: 'Айгөлек' }).first()).toBeVisible();
  await expect(page.getByTestId('sync-last')).toContainText('Последняя синхронизация');

  await page.getByRole('button', { name: 'Новый бюллетень' }).click();
  await page.getByLabel('Группа').selectOption({ label: 'Айгөлек' });
  await page.getByLabel('Всего мест').fill('7');
  await page.getByLabel('Свободные места').fill('7');
  await page.getByRole('button', { name: 'Сохранить черновик' }).click();
  // Applied by the server and back through the live stream of `actions`.
  await expect(page.getByTestId('sync-pending')).toHaveText('Не синхронизировано: 0', { timeout: 30_000 });
  await expect(page.getByRole('row').filter({ hasText: '7 из 7' })).toContainText('Черновик');
  await expect(page.getByTestId('not-synced')).toHaveCount(0);
});
