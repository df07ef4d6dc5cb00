import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION_DOCUMENTS, type ExtensionDocumentRef, extensionDocumentId } from '../../../src/domain';
import { resources } from '../../../src/i18n';
import type { Action, Referral } from '../../../src/schema';
import { processAction } from '../../../sync-server/actions';
import { storeStaffExtensionDocument } from '../../../sync-server/api/staff-extension-document';
import { createUser } from '../../../sync-server/auth';
import { collectionOf } from '../../../sync-server/schema';
import {
  GROUP,
  REGION,
  pendingStaffAction,
  referralOnItsLastDay,
  staffAction,
  startApi,
  type TestApi,
  logIn,
} from './harness';

// Issue 6: staff record an extension offline with files attached; the workstation uploads each file
// once its copy of the `referral.extend` action reads `applied`. The server takes exactly the declared
// bytes, once, and shows them to the parent, the kindergarten's staff and the district's supervisors.

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Files as a scanner or a phone makes them: the right first bytes, then content. */
const SPRAVKA = Buffer.concat([Buffer.from('%PDF-1.4\n% Медицинская справка\n'), randomBytes(3000)]);
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2000)]);
/** A third file declared without its digest: its size and type are all there is to check. */
const SCAN_SIZE = 1500;
const SCAN = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(1492),
]);

let api: TestApi;
let staffId: string;
let staffToken: string;
let parentToken: string;
let referralId: string;
/** The applied extension recorded on the workstation, with three files declared. */
const extensionId = randomUUID();
const docId = (i: number, actionId = extensionId) => extensionDocumentId(actionId, i);

async function login(loginName: string, password: string): Promise<string> {
  const res = await logIn(api, { login: loginName, password });
  if (res.status !== 200) throw new Error(`login ${loginName}: ${JSON.stringify(res.body)}`);
  return res.body.token;
}

function put(
  documentId: string,
  bytes: Buffer<ArrayBuffer>,
  options: { token?: string; type?: string; lang?: string; name?: string } = {},
) {
  const form = new FormData();
  form.append(
    'document',
    new Blob([bytes], { type: options.type ?? 'application/pdf' }),
    options.name ?? 'file',
  );
  return api.call('PUT', `/referrals/${referralId}/documents/${documentId}`, {
    token: options.token ?? staffToken,
    raw: form,
    ...(options.lang ? { headers: { 'accept-language': options.lang } } : {}),
  });
}

const storedCount = () => collectionOf(api.ctx.db, 'uploads').count().exec();

/** A `referral.extend` action as the staff workstation writes it into its intent log. */
function extendAction(id: string, documents: ExtensionDocumentRef[]): Action {
  return pendingStaffAction(
    api.ctx,
    staffId,
    'referral.extend',
    { referralId, reason: 'Ребенок болеет', documents },
    id,
  );
}

beforeAll(async () => {
  api = await startApi({
    start: '2026-03-19T10:00:00+05:00',
    config: { accessTokenTtlMs: 60 * 86_400_000 },
    storage: 'pglite',
  });
  ({ staffId, staffToken, parentToken, referralId } = await referralOnItsLastDay(api));
}, 60_000);

afterAll(async () => {
  await api.close();
});

describe('the staff upload of an extension document', () => {
  it('refuses the files of an extension the server has not received yet with 409 extensionNotApplied', async () => {
    const res = await put(docId(0), SPRAVKA);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('extensionNotApplied');
    expect(await storedCount()).toBe(0);
  });

  it('refuses them while the extension is still pending, in the language asked for', async () => {
    // As a replication push leaves it before the processor has run it.
    await collectionOf(api.ctx.db, 'actions').insert(
      extendAction(extensionId, [
        {
          name: 'spravka.pdf',
          size: SPRAVKA.length,
          sha256: sha256(SPRAVKA),
          contentType: 'application/pdf',
          description: 'Медицинская справка',
        },
        { name: 'photo.jpg', size: PHOTO.length, sha256: sha256(PHOTO), contentType: 'image/jpeg' },
        { name: 'scan.png', size: SCAN_SIZE, contentType: 'image/png' },
      ]),
    );
    const res = await put(docId(0), SPRAVKA, { lang: 'kk' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'extensionNotApplied',
      message: resources.kk.translation.api.extensionNotApplied,
    });
    expect(await storedCount()).toBe(0);
  });

  it('stores the declared file once the extension is applied: 201 with its metadata', async () => {
    const outcome = await processAction(api.ctx, extendAction(extensionId, []));
    expect(outcome).toEqual({ status: 'applied' });
    const res = await put(docId(0), SPRAVKA, { name: 'IMG_0042.pdf' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: docId(0),
      // The action's declaration names the file, not the multipart part.
      name: 'spravka.pdf',
      description: 'Медицинская справка',
      contentType: 'application/pdf',
      size: SPRAVKA.length,
      sha256: sha256(SPRAVKA),
      createdAt: '2026-03-31T05:00:00.000Z',
    });
    expect(res.body).not.toHaveProperty('content');
    expect(res.body).not.toHaveProperty('ownerId');
    expect(await storedCount()).toBe(1);
  });

  it('lets the parent list it and download exactly the bytes the staff member picked', async () => {
    const list = await api.call('GET', `/referrals/${referralId}/documents`, { token: parentToken });
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ id: docId(0), name: 'spravka.pdf' })]);
    const file = await api.call('GET', `/referrals/${referralId}/documents/${docId(0)}`, {
      token: parentToken,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(sha256(file.body)).toBe(sha256(SPRAVKA));
  });

  it('lets the kindergarten’s staff and the district’s supervisor list and download it too', async () => {
    await createUser(api.ctx, {
      login: 'supervisor-turkestan',
      password: 'supervisor-password-1',
      role: 'supervisor',
      name: 'Супервайзер',
      regionId: REGION,
    });
    const supervisorToken = await login('supervisor-turkestan', 'supervisor-password-1');
    for (const token of [staffToken, supervisorToken]) {
      const list = await api.call('GET', `/referrals/${referralId}/documents`, { token });
      expect(list.body.map((d: { id: string }) => d.id)).toEqual([docId(0)]);
      const file = await api.call('GET', `/referrals/${referralId}/documents/${docId(0)}`, { token });
      expect(sha256(file.body)).toBe(sha256(SPRAVKA));
    }
  });

  it('answers a repeated upload of the same bytes with 200 and stores no second copy', async () => {
    const first = await api.call('GET', `/referrals/${referralId}/documents`, { token: staffToken });
    const again = await put(docId(0), SPRAVKA);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body[0]);
    expect(await storedCount()).toBe(1);
  });

  it('refuses other bytes for a stored document with 409 documentMismatch and keeps the first', async () => {
    const other = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(100)]);
    const res = await put(docId(0), other);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('documentMismatch');
    const file = await api.call('GET', `/referrals/${referralId}/documents/${docId(0)}`, {
      token: parentToken,
    });
    expect(sha256(file.body)).toBe(sha256(SPRAVKA));
  });

  it('refuses a file whose size or digest differs from the declaration with 422 documentMismatch', async () => {
    const longer = Buffer.concat([PHOTO, Buffer.from([0])]);
    const tampered = Buffer.from(PHOTO);
    tampered[tampered.length - 1] ^= 0xff;
    const bySize = await put(docId(1), longer, { type: 'image/jpeg' });
    expect(bySize.status).toBe(422);
    expect(bySize.body.error).toMatchObject({ code: 'documentMismatch', params: { field: 'size' } });
    const byDigest = await put(docId(1), tampered, { type: 'image/jpeg', lang: 'en' });
    expect(byDigest.status).toBe(422);
    expect(byDigest.body.error).toMatchObject({
      code: 'documentMismatch',
      params: { field: 'sha256' },
      message: 'The file differs from the one attached to the extension.',
    });
    expect(await storedCount()).toBe(1);
  });

  it('judges the type by the bytes: a PDF where a PNG was declared is a 422 documentMismatch', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(SCAN_SIZE - 9)]);
    // The part claims image/png; its first bytes say PDF.
    const res = await put(docId(2), pdf, { type: 'image/png' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'documentMismatch', params: { field: 'contentType' } });
    expect(await storedCount()).toBe(1);
  });

  it('refuses HTML with 415 unsupportedFileType, whatever type the part claims', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    for (const type of ['image/png', 'text/html']) {
      const res = await put(docId(2), html, { type });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('unsupportedFileType');
    }
    expect(await storedCount()).toBe(1);
  });

  it('refuses a file over 5 MB with 413 payloadTooLarge', async () => {
    const big = Buffer.concat([PHOTO.subarray(0, 4), Buffer.alloc(EXTENSION_DOCUMENTS.maxBytes)]);
    const res = await put(docId(1), big, { type: 'image/jpeg' });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payloadTooLarge');
    expect(await storedCount()).toBe(1);
  });

  it('refuses a request without the file with 400 fileRequired, and two files with 400 tooManyFiles', async () => {
    const empty = new FormData();
    empty.append('note', 'no file');
    const none = await api.call('PUT', `/referrals/${referralId}/documents/${docId(1)}`, {
      token: staffToken,
      raw: empty,
    });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: 'fileRequired', field: 'document' });
    const two = new FormData();
    two.append('document', new Blob([PHOTO], { type: 'image/jpeg' }), 'a.jpg');
    two.append('document', new Blob([PHOTO], { type: 'image/jpeg' }), 'b.jpg');
    const both = await api.call('PUT', `/referrals/${referralId}/documents/${docId(1)}`, {
      token: staffToken,
      raw: two,
    });
    expect(both.status).toBe(400);
    expect(both.body.error.code).toBe('tooManyFiles');
    expect(await storedCount()).toBe(1);
  });

  it('answers 404 for an index beyond the declared documents and for ids that are no document ids', async () => {
    for (const id of [docId(3), docId(4), `doc_${extensionId}_9`, 'photo_1', `doc_${randomUUID()}`]) {
      const res = await put(id, SPRAVKA);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('notFound');
    }
    expect(await storedCount()).toBe(1);
  });

  it('answers 404 for documents of an action that is no extension of this referral', async () => {
    const publishId = await staffAction(api.ctx, staffId, 'bulletin.publish', {
      bulletinId: 'bul-2',
      groupId: GROUP,
      totalPlaces: 1,
      freePlaces: 1,
      placeType: 'Свободные места',
      vacancyAt: '2026-03-30T18:00:00+05:00',
      authorName: 'Исенова Гулмира Ибраимовна',
    });
    const res = await put(docId(0, publishId), SPRAVKA);
    expect(res.status).toBe(404);
    expect(await storedCount()).toBe(1);
  });

  it('refuses the files of a rejected extension with 409 extensionRejected', async () => {
    // A second extension of the same referral: the processor rejects it (only once per referral).
    const secondId = randomUUID();
    const outcome = await processAction(
      api.ctx,
      extendAction(secondId, [{ name: 'again.jpg', size: PHOTO.length, sha256: sha256(PHOTO) }]),
    );
    expect(outcome.status).toBe('rejected');
    const res = await put(docId(0, secondId), PHOTO, { type: 'image/jpeg', lang: 'ru' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: 'extensionRejected',
      message: resources.ru.translation.api.extensionRejected,
    });
    expect(await storedCount()).toBe(1);
  });

  it('refuses the staff of another kindergarten with 404 and the parent and supervisor with 403, storing nothing', async () => {
    await createUser(api.ctx, {
      login: 'aruzhan-staff',
      password: 'staff-password-2',
      role: 'staff',
      name: 'Сотрудник Аружан',
      kindergartenId: 'kg-aruzhan',
    });
    const otherStaff = await put(docId(1), PHOTO, {
      type: 'image/jpeg',
      token: await login('aruzhan-staff', 'staff-password-2'),
    });
    expect(otherStaff.status).toBe(404);
    expect(otherStaff.body.error.code).toBe('notFound');
    const parent = await put(docId(1), PHOTO, { type: 'image/jpeg', token: parentToken });
    expect(parent.status).toBe(403);
    expect(parent.body.error.code).toBe('forbidden');
    const supervisor = await put(docId(1), PHOTO, {
      type: 'image/jpeg',
      token: await login('supervisor-turkestan', 'supervisor-password-1'),
    });
    expect(supervisor.status).toBe(403);
    const anonymous = await api.call('PUT', `/referrals/${referralId}/documents/${docId(1)}`, {
      raw: new FormData(),
    });
    expect(anonymous.status).toBe(401);
    expect(await storedCount()).toBe(1);
  });

  it('stores one copy when a retry races its first try (both past the lookup before either insert)', async () => {
    const referral = (await collectionOf(api.ctx.db, 'referrals')
      .findOne(referralId)
      .exec())!.toJSON() as Referral;
    const both = await Promise.all([
      storeStaffExtensionDocument(api.ctx, referral, docId(1), { buffer: PHOTO }),
      storeStaffExtensionDocument(api.ctx, referral, docId(1), { buffer: PHOTO }),
    ]);
    expect(both.map((r) => r.created).sort()).toEqual([false, true]);
    expect(both[0].upload.sha256).toBe(sha256(PHOTO));
    expect(await storedCount()).toBe(2);
    const again = await put(docId(1), PHOTO, { type: 'image/jpeg' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: docId(1), name: 'photo.jpg', contentType: 'image/jpeg' });
    expect(await storedCount()).toBe(2);
  });

  it('takes a file declared without its digest when its size and type match', async () => {
    const res = await put(docId(2), SCAN, { type: 'image/png' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'scan.png', contentType: 'image/png', sha256: sha256(SCAN) });
    const list = await api.call('GET', `/referrals/${referralId}/documents`, { token: parentToken });
    expect(list.body.map((d: { id: string }) => d.id)).toEqual([docId(0), docId(1), docId(2)]);
  });

  it('is described in the OpenAPI document with its refusals', async () => {
    const doc = await api.call('GET', '/openapi.json');
    const op = doc.body.paths['/api/referrals/{id}/documents/{documentId}'].put;
    expect(op.operationId).toBe('uploadStaffReferralDocument');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['201', '4XX']));
    for (const code of ['extensionNotApplied', 'extensionRejected', 'documentMismatch', 'payloadTooLarge']) {
      expect(op.responses['4XX'].description).toContain(code);
    }
    expect(op.requestBody.content['multipart/form-data'].schema.properties.document.maxItems).toBe(1);
  });

  it('logs the stored document without the child’s or the parent’s personal data', () => {
    const log = api.ctx.logLines.join('');
    expect(log).toContain('staff extension document stored');
    for (const secret of ['170720600126', '940225300128', '7012345678']) expect(log).not.toContain(secret);
  });
});
