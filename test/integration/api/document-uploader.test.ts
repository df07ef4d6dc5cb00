import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { RxCollection } from 'rxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionDocumentId } from '../../../src/domain';
import type { Action } from '../../../src/schema';
import { processAction } from '../../../sync-server/actions';
import { collectionOf } from '../../../sync-server/schema';
import {
  DOCUMENT_FILES,
  type DocumentFile,
  openReplica,
  type Replica,
  toBase64,
} from '../../../renderer/staff/replica';
import {
  DocumentUploader,
  httpSendDocument,
  type SendDocument,
} from '../../../renderer/staff/workspace/document-uploader';
import { recordingStorage } from '../../unit/staff/memory-storage';
import { pendingStaffAction, referralOnItsLastDay, startApi, type TestApi } from './harness';

// Issue 6: the workstation's uploader against the real API. Files attached offline wait in the
// replica until the server has applied their extension, then go up once; refused ones are held with
// their bytes. The replica here is the staff app's own (openReplica, field encryption on) on rxdb's
// memory storage; the action's status is what replication pulls back (staff-offline.spec.ts runs the
// same path with real replication in Chromium).

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const CERTIFICATE = Buffer.concat([Buffer.from('%PDF-1.4\n% справка 095/у\n'), randomBytes(200_000)]);
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(5000)]);

let api: TestApi;
let server: string;
let staffId: string;
let staffToken: string;
let parentToken: string;
let referralId: string;
let replica: Replica;
let files: RxCollection<DocumentFile>;
let actions: RxCollection<Action>;
/** Every document as it reached the storage, i.e. as it is kept at rest. */
const written: Record<string, unknown>[] = [];

function extension(id: string, documents: Array<{ name: string; bytes: Buffer; declaredSha?: string }>) {
  const now = api.ctx.now();
  const action = pendingStaffAction(
    api.ctx,
    staffId,
    'referral.extend',
    {
      referralId,
      reason: 'Ребенок болеет',
      documents: documents.map((d) => ({
        name: d.name,
        size: d.bytes.length,
        sha256: d.declaredSha ?? sha256(d.bytes),
        contentType: d.bytes[0] === 0xff ? 'image/jpeg' : 'application/pdf',
      })),
    },
    id,
  );
  const attached = documents.map(
    (d, index): DocumentFile => ({
      id: extensionDocumentId(id, index),
      actionId: id,
      referralId,
      index,
      name: d.name,
      contentType: d.bytes[0] === 0xff ? 'image/jpeg' : 'application/pdf',
      size: d.bytes.length,
      sha256: d.declaredSha ?? sha256(d.bytes),
      content: toBase64(d.bytes),
      state: 'waiting',
      createdAt: now.toISOString(),
      updatedAt: now.getTime(),
    }),
  );
  return { action, attached };
}

/** As the workstation records it (StaffRuntime.perform): files first, then the pending action. */
async function recordOffline(x: ReturnType<typeof extension>) {
  await files.bulkInsert(x.attached);
  await actions.insert(x.action);
}

/** The server applies (or rejects) the pushed action; replication brings its status back. */
async function syncAction(action: Action) {
  await processAction(api.ctx, action);
  const onServer = await collectionOf(api.ctx.db, 'actions').findOne(action.id).exec();
  await actions.upsert(onServer!.toJSON() as Action);
}

const fileState = async (id: string) =>
  (await files.findOne(id).exec())?.toJSON() as DocumentFile | undefined;

beforeAll(async () => {
  api = await startApi({
    start: '2026-03-19T10:00:00+05:00',
    config: { accessTokenTtlMs: 60 * 86_400_000 },
    storage: 'pglite',
  });
  server = api.base.replace(/\/api$/, '');
  ({ staffId, staffToken, parentToken, referralId } = await referralOnItsLastDay(api));
  replica = await openReplica({
    userId: staffId,
    serverUrl: server,
    key: 'k'.repeat(43),
    storage: recordingStorage(written) as never,
  });
  files = replica.collections[DOCUMENT_FILES];
  actions = replica.collections.actions as unknown as RxCollection<Action>;
}, 60_000);

afterAll(async () => {
  await replica?.destroy();
  await api?.close();
});

describe('the workstation’s document uploader', () => {
  let first: ReturnType<typeof extension>;
  let sent: string[] = [];
  const counting =
    (send: SendDocument): SendDocument =>
    async (file) => {
      sent.push(file.id);
      return send(file);
    };
  let unauthorized = 0;
  const uploader = () =>
    new DocumentUploader(
      files,
      actions,
      counting(
        httpSendDocument(
          () => server,
          () => staffToken,
        ),
      ),
      () => unauthorized++,
    );

  it('keeps the files while their action is pending: nothing is sent', async () => {
    first = extension(randomUUID(), [
      { name: 'справка-095у.pdf', bytes: CERTIFICATE },
      // Declared with another digest than its bytes have (e.g. the file changed on disk between picking
      // and reading): the server refuses it, the workstation holds it.
      { name: 'фото.jpg', bytes: PHOTO, declaredSha: sha256(Buffer.from('something else')) },
    ]);
    await recordOffline(first);
    await uploader().kick();
    expect(sent).toEqual([]);
    expect((await fileState(first.attached[0]!.id))?.state).toBe('waiting');
    // At rest the bytes and the name are ciphertext (a child's medical certificate is personal data).
    const atRest = JSON.stringify(written.filter((d) => d.id === first.attached[0]!.id));
    expect(atRest).toContain(first.attached[0]!.sha256);
    expect(atRest).not.toContain('справка');
    expect(atRest).not.toContain(toBase64(CERTIFICATE).slice(0, 40));
  });

  it('uploads once the server has applied the extension, drops the bytes here, holds a refused file', async () => {
    await syncAction(first.action);
    expect((await actions.findOne(first.action.id).exec())?.status).toBe('applied');
    await uploader().kick();
    expect(sent).toEqual(first.attached.map((f) => f.id));
    const certificate = await fileState(first.attached[0]!.id);
    expect(certificate).toMatchObject({ state: 'uploaded', sha256: sha256(CERTIFICATE) });
    expect(certificate).not.toHaveProperty('content');
    const photo = await fileState(first.attached[1]!.id);
    expect(photo).toMatchObject({ state: 'held', problem: 'documentMismatch' });
    expect(Buffer.from(photo!.content!, 'base64').equals(PHOTO)).toBe(true);
    // The parent downloads exactly the certificate the staff member picked; the photo is not there.
    const list = await api.call('GET', `/referrals/${referralId}/documents`, { token: parentToken });
    expect(list.body).toEqual([
      expect.objectContaining({ id: first.attached[0]!.id, name: 'справка-095у.pdf' }),
    ]);
    const bytes = await api.call('GET', `/referrals/${referralId}/documents/${first.attached[0]!.id}`, {
      token: parentToken,
    });
    expect(sha256(bytes.body)).toBe(sha256(CERTIFICATE));
  });

  it('sends nothing twice: an uploaded file is not looked at again', async () => {
    sent = [];
    await uploader().kick();
    expect(sent).toEqual([]);
  });

  it('holds the files of a rejected extension with their bytes, never sending them', async () => {
    const again = extension(randomUUID(), [{ name: 'вторая-справка.pdf', bytes: CERTIFICATE }]);
    await recordOffline(again);
    await syncAction(again.action);
    expect((await actions.findOne(again.action.id).exec())?.status).toBe('rejected');
    sent = [];
    await uploader().kick();
    expect(sent).toEqual([]);
    const held = await fileState(again.attached[0]!.id);
    expect(held).toMatchObject({ state: 'held', problem: 'actionRejected' });
    expect(held?.content).toBe(toBase64(CERTIFICATE));
  });

  it('drops files whose action was never written (a crash between the two writes), once they are old', async () => {
    const lost = extension(randomUUID(), [{ name: 'lost.pdf', bytes: CERTIFICATE }]);
    const fresh = extension(randomUUID(), [{ name: 'fresh.pdf', bytes: CERTIFICATE }]);
    await files.bulkInsert([
      { ...lost.attached[0]!, createdAt: new Date(Date.now() - 5 * 60_000).toISOString() },
      { ...fresh.attached[0]!, createdAt: new Date().toISOString() },
    ]);
    await uploader().kick();
    expect(await fileState(lost.attached[0]!.id)).toBeUndefined();
    expect((await fileState(fresh.attached[0]!.id))?.state).toBe('waiting');
    await files.findOne(fresh.attached[0]!.id).remove();
  });

  it('stops at the first unreachable server or expired token, and keeps everything waiting', async () => {
    const later = extension(randomUUID(), [
      { name: 'a.pdf', bytes: CERTIFICATE },
      { name: 'b.pdf', bytes: CERTIFICATE },
    ]);
    await files.bulkInsert(later.attached);
    // An applied action as replication would show it (the server's copy is not needed for this).
    await actions.insert({ ...later.action, status: 'applied' });
    sent = [];
    const closedPort = 'http://127.0.0.1:9';
    await new DocumentUploader(
      files,
      actions,
      counting(
        httpSendDocument(
          () => closedPort,
          () => staffToken,
        ),
      ),
      () => unauthorized++,
    ).kick();
    expect(sent).toEqual([later.attached[0]!.id]);
    sent = [];
    await new DocumentUploader(
      files,
      actions,
      counting(
        httpSendDocument(
          () => server,
          () => null,
        ),
      ),
      () => unauthorized++,
    ).kick();
    expect(unauthorized).toBe(1);
    expect(sent).toEqual([later.attached[0]!.id]);
    for (const f of later.attached) expect((await fileState(f.id))?.state).toBe('waiting');
  });
});
