import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import { STAFF_SCENARIO } from './staff-scenario';

/**
 * The staff specs' own real sync server (staff-server.ts: PGlite in memory, the staff scenario), one per
 * worker, on a free 127.0.0.1 port. Its own server because the journey needs data only a seed can
 * make (a referral activated a week ago, on its last valid day today).
 */
export interface StaffServer {
  url: string;
  lastDayReferral: boolean;
  /** How far the server's clock is moved from the real one (staff-server.ts); browsers follow it. */
  clockOffsetMs: number;
}

function startStaffServer(): Promise<{ server: StaffServer; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'staff-server.ts')], {
    cwd: join(import.meta.dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => fail(new Error(`the staff server did not start:\n${out}`)), 180_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /STAFF_E2E_URL=(\S+) LAST_DAY_REFERRAL=(\w+) CLOCK_OFFSET_MS=(-?\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        ok({ server: { url: m[1]!, lastDayReferral: m[2] === 'true', clockOffsetMs: Number(m[3]) }, child });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => fail(new Error(`the staff server exited with ${code}:\n${out}`)));
  });
}

/** A browser context on the staff server's clock (it moves the clock back on days off). */
export async function onServerClock(context: BrowserContext, server: StaffServer): Promise<BrowserContext> {
  if (server.clockOffsetMs !== 0) await context.clock.setSystemTime(Date.now() + server.clockOffsetMs);
  return context;
}

export const test = base.extend<object, { staffServer: StaffServer }>({
  context: async ({ context, staffServer }, use) => {
    await use(await onServerClock(context, staffServer));
  },
  staffServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's dependencies from this pattern
    async ({}, use) => {
      const { server, child } = await startStaffServer();
      await use(server);
      child.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],
});
export { expect };

export async function logIn(page: Page, server: StaffServer, who: { login: string; password: string }) {
  await page.goto(`${server.url}/staff/`);
  await page.getByLabel('Логин').fill(who.login);
  await page.getByLabel('Пароль').fill(who.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByTestId('sync-bar')).toBeVisible();
  // The first sync is done when the kindergarten's bulletins are there.
  await expect(page.getByRole('cell', { name: 'Балапан тобы' }).first()).toBeVisible();
  await expect(page.getByTestId('sync-last')).toContainText('Последняя синхронизация');
}

export async function goOffline(context: BrowserContext, page: Page) {
  await context.setOffline(true);
  await expect(page.getByTestId('sync-online')).toContainText('Нет связи');
}

export async function goOnline(context: BrowserContext, page: Page) {
  await context.setOffline(false);
  await expect(page.getByTestId('sync-online')).not.toContainText('Нет связи');
}

export const S = STAFF_SCENARIO;
