import { expect, test } from '@playwright/test';
import { makeIin } from '../../src/domain';
import { collection } from '../../sync-server/database';
import { readAll, readOne } from '../../sync-server/store';
import { startSupervisorServer, SV, type SupervisorServer } from './supervisor-district';

// Issue 13, point 3: the contact centre frees an IIN another parent account holds — the supervisor's
// form on the accounts page, confirmed once, audited.
let s: SupervisorServer;
test.beforeAll(async () => {
  s = await startSupervisorServer();
});
test.afterAll(async () => {
  await s?.stop();
});

test('a supervisor frees a wrongly taken IIN with the reason, and the audit log keeps both', async ({
  page,
}) => {
  const iin = makeIin({ birthDate: '1987-06-14', sex: 'female', serial: 4321 })!;
  const ctx = s.runtime.ctx;
  const now = ctx.now();
  await collection(ctx.db, 'parents').upsert({
    id: 'sv-e2e-iin-holder',
    phone: '+77015559999',
    consentVersion: '2026-01',
    consentAt: now.toISOString(),
    passwordHash: 'not-a-login',
    iin,
    lastName: 'ТАКЕНОВА',
    firstName: 'АЙГУЛЬ',
    birthDate: '1987-06-14',
    sex: 'female',
    tokenVersion: 0,
    createdAt: now.toISOString(),
    updatedAt: now.getTime(),
  });

  await page.goto(`${s.server.url}/supervisor/?lng=ru#/staff`);
  await page.locator('input[name="login"]').fill(SV.supervisor.login);
  await page.locator('input[name="password"]').fill(SV.supervisor.password);
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const card = page.getByTestId('iin-dispute');
  await card.getByRole('textbox').nth(0).fill(iin);
  await card.getByRole('textbox').nth(1).fill('Владелец предъявил удостоверение личности');
  await card.getByRole('button', { name: 'Освободить ИИН' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Освободить ИИН' }).click();
  await expect(page.getByText(`ИИН ${iin} свободен`)).toBeVisible();

  const holder = await readOne(collection(ctx.db, 'parents'), 'sv-e2e-iin-holder');
  expect(holder?.iin).toBeUndefined();
  expect(holder?.tokenVersion).toBe(1);
  const audit = await readAll(collection(ctx.db, 'audit'), { kind: 'parent.releaseIin' });
  expect(audit.map((e) => e.payload)).toContainEqual({
    regionId: SV.regionId,
    iin,
    reason: 'Владелец предъявил удостоверение личности',
  });
});
