import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { type Download, request } from '@playwright/test';
import { expect, goOffline, goOnline, logIn, S, test } from './staff-fixture';

/** A PNG as a phone photographs a certificate (8 × 8 grey pixels, but a real, decodable PNG). */
function photoPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(8, 0); // width
  header.writeUInt32BE(8, 4); // height
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  // Each row: filter byte 0, then 8 pixels.
  const rows = Buffer.concat(
    Array.from({ length: 8 }, (_, y) => Buffer.from([0, ...Array(8).fill(40 + y * 20)])),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** What the staff member attached: a photo of the certificate. */
const STAFF_PHOTO = photoPng();
/** What the parent uploaded: the clinic's PDF. */
const PARENT_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%% выписка из стационара\n%%EOF\n',
);

/** Screenshots of the operations log with the held photo (test-results/screenshots), looked at by a person. */
const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

async function savedBytes(download: Promise<Download>): Promise<{ name: string; bytes: Buffer }> {
  const saved = await download;
  return { name: saved.suggestedFilename(), bytes: await readFile((await saved.path())!) };
}

// Issue 6, "nothing a user entered is lost; a rejected action says why". A referral on its last valid
// day: the kindergarten records the extension offline with a photo of the certificate, while the parent
// extends the same referral through the parents' API. Once online the workstation's extension is
// rejected (a referral is extended once); its photo stays on this computer, held, until the staff member
// has saved it and deletes it. The server only ever has the parent's document. The worker's server is
// shared with the other staff specs: this spec has its own referral, parent and staff account.
test('a rejected extension keeps its attached file until it is saved back and discarded', async ({
  page,
  context,
  staffServer,
}) => {
  expect(staffServer.lastDayReferral).toBe(true);
  await logIn(page, staffServer, S.staffF);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const referrals = page.getByRole('button', { name: 'Направления' });
  const row = page.getByRole('row').filter({ hasText: S.heldChild });

  await test.step('offline, the kindergarten records the extension with a photo attached', async () => {
    await goOffline(context, page);
    await referrals.click();
    await row.getByRole('button', { name: 'Оформить продление' }).click();
    await page.getByLabel('Причина').fill('Ребенок в стационаре, справка от врача');
    await page.getByLabel('Подтверждающие документы').setInputFiles({
      name: 'справка-фото.png',
      mimeType: 'image/png',
      buffer: STAFF_PHOTO,
    });
    await page.getByLabel(/справка-фото\.png — описание/).fill('Фото справки из стационара');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    const saved = page.getByRole('status').filter({ hasText: 'Сохранено на этом компьютере: продление' });
    await expect(saved).toBeVisible();
    await saved.getByRole('button', { name: 'Закрыть' }).click();
    await expect(row.getByTestId('referral-extended')).toBeVisible();
    await expect(row.getByTestId('not-synced')).toBeVisible();
    await expect(page.getByTestId('sync-pending')).toHaveText('Не синхронизировано: 1');
    await expect(page.getByTestId('sync-files')).toHaveText('Файлы ждут отправки: 1');
  });

  const api = await request.newContext({ baseURL: staffServer.url });
  const login = await api.post('/api/auth/login', {
    data: { phone: S.heldParent.phone, password: S.heldParent.password },
  });
  expect(login.ok(), await login.text()).toBe(true);
  const headers = { Authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  const serverDocuments = async () => {
    const listed = await api.get(`/api/referrals/${S.heldReferral}/documents`, { headers });
    expect(listed.ok(), await listed.text()).toBe(true);
    return (await listed.json()) as Array<{ id: string; name: string; description?: string; sha256: string }>;
  };

  await test.step('meanwhile the parent extends the same referral through the parents’ API', async () => {
    const extended = await api.post(`/api/referrals/${S.heldReferral}/extend`, {
      headers,
      multipart: {
        reason: 'Ребенок в больнице',
        descriptions: 'Выписка из стационара',
        documents: { name: 'выписка.pdf', mimeType: 'application/pdf', buffer: PARENT_PDF },
      },
    });
    expect(extended.status(), await extended.text()).toBe(201);
    expect(((await extended.json()) as { extendedUntil?: string }).extendedUntil).toBeTruthy();
  });

  await test.step('online, the workstation’s extension is rejected and says why', async () => {
    await goOnline(context, page);
    await expect(page.getByTestId('sync-pending')).toHaveText('Не синхронизировано: 0', { timeout: 60_000 });
    await expect(page.getByTestId('sync-rejected')).toHaveText(
      'Отклонено: 1: Направление нельзя продлить: Направление уже продлевалось: продлить можно только один раз.',
    );
    // The photo is no longer "waiting": the server will never take it.
    await expect(page.getByTestId('sync-files')).toHaveCount(0, { timeout: 60_000 });
    // The referral now carries the parent's extension, synced.
    await expect(row.getByTestId('referral-extended')).toBeVisible();
    await expect(row.getByTestId('not-synced')).toHaveCount(0);
    await expect(row.getByRole('button', { name: 'Оформить продление' })).toHaveCount(0);
  });

  await test.step('the referral’s documents: the held photo here and the parent’s on the server', async () => {
    await row.getByRole('button', { name: 'Документы: 2' }).click();
    const documents = page.getByTestId('document');
    await expect(documents).toHaveCount(2);
    const held = documents.filter({ hasText: 'справка-фото.png' });
    await expect(held).toHaveAttribute('data-state', 'held');
    await expect(held.getByTestId('document-state')).toHaveText('Не принят сервером');
    const parents = documents.filter({ hasText: 'выписка.pdf' });
    await expect(parents).toHaveAttribute('data-state', 'server');
    await expect(parents.getByTestId('document-state')).toHaveText('На сервере');
    await page.getByRole('button', { name: 'Закрыть' }).filter({ hasText: 'Закрыть' }).click();
  });

  await test.step('the operations log names why and offers the held photo', async () => {
    await page.getByTestId('sync-rejected').click();
    await expect(page.getByRole('heading', { name: 'Журнал операций' })).toBeVisible();
    const rejected = page.getByRole('row').filter({ has: page.getByTestId('action-rejected') });
    await expect(rejected).toHaveCount(1);
    await expect(rejected).toContainText('Продление направления');
    const reason = rejected.getByTestId('action-reason');
    await expect(reason).toContainText(
      'Направление нельзя продлить: Направление уже продлевалось: продлить можно только один раз.',
    );
    await expect(reason).toContainText(
      'Продление записывается один раз и только в последний день действия направления.',
    );
    const heldFiles = rejected.getByTestId('held-files');
    const photo = heldFiles.getByTestId('document');
    await expect(photo).toHaveCount(1);
    await expect(photo).toHaveAttribute('data-state', 'held');
    await expect(photo).toContainText('справка-фото.png');
    await expect(photo).toContainText('Фото справки из стационара');

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'staff-held-ru.png'), fullPage: true });
    await page.getByRole('button', { name: 'KK', exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
    await page.screenshot({ path: join(SCREENSHOTS, 'staff-held-kk.png'), fullPage: true });
    await page.getByRole('button', { name: 'RU', exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');

    // Saved back byte for byte, from this computer (the server never had it).
    const download = page.waitForEvent('download');
    await photo.getByRole('button', { name: 'Сохранить файл' }).click();
    const saved = await savedBytes(download);
    expect(saved.name).toBe('справка-фото.png');
    expect(saved.bytes).toEqual(STAFF_PHOTO);
  });

  await test.step('discarded, the photo is gone from this computer, also after a reload', async () => {
    const rejected = page.getByRole('row').filter({ has: page.getByTestId('action-rejected') });
    await rejected.getByRole('button', { name: 'Удалить файлы с этого компьютера' }).click();
    await expect(rejected.getByTestId('held-files')).toHaveCount(0);
    // The rejection itself stays in the log, with its reason.
    await expect(rejected.getByTestId('action-reason')).toContainText('Направление уже продлевалось');

    await page.reload();
    await expect(page.getByTestId('sync-bar')).toBeVisible();
    await page.getByRole('button', { name: 'Журнал операций' }).click();
    const after = page.getByRole('row').filter({ has: page.getByTestId('action-rejected') });
    await expect(after).toHaveCount(1);
    await expect(after.getByTestId('action-reason')).toContainText('Направление уже продлевалось');
    await expect(page.getByTestId('held-files')).toHaveCount(0);
    await expect(page.getByTestId('sync-files')).toHaveCount(0);
  });

  await test.step('the server has only the parent’s document, and staff can download it', async () => {
    const listed = await serverDocuments();
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      name: 'выписка.pdf',
      description: 'Выписка из стационара',
      sha256: createHash('sha256').update(PARENT_PDF).digest('hex'),
    });

    await referrals.click();
    await row.getByRole('button', { name: 'Документы: 1' }).click();
    const documents = page.getByTestId('document');
    await expect(documents).toHaveCount(1);
    await expect(documents).toHaveAttribute('data-state', 'server');
    await expect(documents.getByTestId('document-state')).toHaveText('На сервере');
    await expect(documents).toContainText('Выписка из стационара');
    const download = page.waitForEvent('download');
    await documents.getByRole('button', { name: 'Сохранить файл' }).click();
    const saved = await savedBytes(download);
    expect(saved.name).toBe('выписка.pdf');
    expect(saved.bytes).toEqual(PARENT_PDF);
  });
  await api.dispose();
});
