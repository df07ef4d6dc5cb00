import { expect, type Request, test } from '@playwright/test';
import { almatyDayOfMs } from '../../src/domain';
import { formatDate, formatDateTime } from '../../src/i18n';
import { kk } from '../../src/i18n/kk';
import { ru } from '../../src/i18n/ru';
import type { Referral } from '../../src/schema';
import { E2E_DISTRICT } from './support/e2e-district';
import { fileApplication, iinOf, registerParent, respondAndActivate } from './support/family';
import { StaffDesk } from './support/staff-desk';

/**
 * What the parent sees explains itself (issue 14, items 1, 6, 13, 14, 15, 20): a family of two children
 * reaches a signed contract for one of them — the family through the API, the kindergarten through its
 * workstation's HTTP — and the parent reads the screens in Chromium at 360 px.
 */
const T = ru;

const text = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{\{(\w+)[^}]*\}\}/g, (_, k: string) => String(values[k]));

test('a parent of two reads the queue, the priority window, the contract and the inbox in plain words', async ({
  page,
  request,
  playwright,
  baseURL,
}) => {
  const phone = `+7707${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const password = 'Balapan-exp-1';
  const bulletinId = `e2e-explain-${Date.now()}`;
  let appId = '';
  let childName = '';
  let referral: Referral | undefined;
  const staffRequest = await playwright.request.newContext({ baseURL });
  const staff = await StaffDesk.login(staffRequest, E2E_DISTRICT.staff.login, E2E_DISTRICT.staff.password);

  await test.step('a family with two children, one of them filed in the queue', async () => {
    await registerParent(request, { phone, password, iin: iinOf('1989-04-02', 'male') });
    const child = (await (
      await request.post('/api/children', { data: { iin: iinOf('2022-05-11', 'female') } })
    ).json()) as { id: string; lastName: string; firstName: string; middleName?: string };
    await request.post('/api/children', { data: { iin: iinOf('2023-08-30', 'male') } });
    childName = [child.lastName, child.firstName, child.middleName].filter(Boolean).join(' ');
    appId = await fileApplication(request, child.id);
  });

  await test.step('«Заинтересован» is a status right after filing, not an unticked box', async () => {
    await page.goto('/#/login');
    await page.getByLabel(T.parent.login.phone).fill(phone);
    await page.getByLabel(T.parent.login.password).fill(password);
    await page.getByRole('button', { name: T.parent.login.submit, exact: true }).click();
    await page.goto('/#/applications');
    const row = page.getByRole('row').filter({ hasText: childName });
    await expect(row.getByText(T.parent.applications.interested, { exact: true })).toBeVisible();
    await expect(row.getByRole('checkbox')).toHaveCount(0);
  });

  await test.step('a bulletin in its priority window says when it opens to all', async () => {
    await staff.act('bulletin.publish', {
      bulletinId,
      groupId: E2E_DISTRICT.groupId,
      totalPlaces: 3,
      freePlaces: 1,
      placeType: 'free',
      vacancyAt: new Date().toISOString(),
      authorName: E2E_DISTRICT.staff.name,
    });
    const published = (await staff.pull<{ id: string; priorityUntil?: string }>('bulletins')).find(
      (b) => b.id === bulletinId,
    );
    expect(published?.priorityUntil).toBeTruthy();
    await page.goto(`/#/bulletins/${bulletinId}`);
    const at = formatDateTime(published!.priorityUntil!);
    await expect(page.getByText(text(T.parent.bulletins.opensToAllAt, { at }))).toBeVisible();
    await expect(page.getByText(T.common.placeTypes.free, { exact: true })).toBeVisible();
  });

  await test.step('the kindergarten issues a referral and signs the contract today', async () => {
    referral = await respondAndActivate(request, staff, bulletinId, appId);
    await staff.act('referral.signContract', {
      referralId: referral!.id,
      contractNumber: 'Д-14/1',
      contractDate: almatyDayOfMs(Date.now()),
    });
  });

  await test.step('step 3 shows the day the contract was signed, step 1 that the child left the queue', async () => {
    await page.goto(`/#/applications/${appId}`);
    const today = formatDate(new Date());
    await expect(
      page.getByText(
        `${T.common.referralStatuses.enrolled} · ${today} · ${text(T.parent.referral.contractNumber, { number: 'Д-14/1' })}`,
      ),
    ).toBeVisible();
    // The referral's last valid day is days ahead: it is not what step 3 shows.
    expect(referral!.validUntil).not.toBe(almatyDayOfMs(Date.now()));
    await expect(page.getByText(formatDate(`${referral!.validUntil}T12:00:00+05:00`))).toHaveCount(0);
    await expect(
      page.getByText(text(T.parent.applications.detail.leftQueueEnrolled, { date: today })),
    ).toBeVisible();
    await expect(page.getByText(/—$/)).toHaveCount(0);
  });

  await test.step('the inbox names the child and marks everything read with one request', async () => {
    const reads: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/api/notifications/')) reads.push(r);
    });
    await page.goto('/#/notifications');
    const accepted = T.notifications.applicationAccepted.split('{{')[0];
    await expect(page.getByText(`${childName}: ${accepted}`)).toBeVisible();
    await expect.poll(() => reads.length).toBeGreaterThan(0);
    await page.waitForTimeout(1000);
    expect(reads.map((r) => new URL(r.url()).pathname)).toEqual(['/api/notifications/read-all']);
  });

  await test.step('the journal is sentences naming the child, without «— Применено»', async () => {
    await page.goto('/#/notifications/journal');
    await expect(page.getByText(new RegExp(`^${childName}: `)).first()).toBeVisible();
    await expect(page.getByText(T.common.actionStatuses.applied)).toHaveCount(0);
  });

  await test.step('in Kazakh the children table says ЖСН', async () => {
    await page.goto('/#/children');
    await page.getByRole('button', { name: 'Қаз', exact: true }).click();
    await expect(
      page.getByRole('columnheader', { name: kk.parent.children.iinColumn, exact: true }),
    ).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'ИИН', exact: true })).toHaveCount(0);
  });
  await staffRequest.dispose();
});
