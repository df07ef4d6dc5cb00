import { createHash, randomUUID } from 'node:crypto';
import type { RxCollection } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeAction } from '../../../src/domain';
import type { Action } from '../../../src/schema';
import {
  DOCUMENT_FILES,
  type DocumentFile,
  fromBase64,
  openReplica,
  type Replica,
} from '../../../renderer/staff/replica';
import type { PickedFile } from '../../../renderer/staff/workspace';
import { writeAction } from '../../../renderer/staff/workspace/write-action';
import { failingStorage } from './memory-storage';

// StaffRuntime.perform's write: the attached files, then the action, or neither. The replica is the
// staff app's own (openReplica, field encryption on) on rxdb's memory storage.
const NOW = new Date('2026-03-19T05:42:00Z');
const pdf = (text: string): PickedFile => {
  const bytes = new TextEncoder().encode(`%PDF-1.4\n% ${text}\n`);
  return {
    name: `${text}.pdf`,
    contentType: 'application/pdf',
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes,
  };
};

function extension(id: string, attach: readonly PickedFile[]): Action {
  return makeAction(
    'referral.extend',
    {
      referralId: 'ref-a4',
      reason: 'Ребенок болеет',
      documents: attach.map((f) => ({
        name: f.name,
        size: f.size,
        sha256: f.sha256,
        contentType: f.contentType,
      })),
    },
    { id, actor: 'staff-isenova', actorRole: 'staff', kindergartenId: 'kg-1', deviceId: 'desk-1', now: NOW },
  );
}

let replica: Replica;
let target: { files: RxCollection<DocumentFile>; actions: RxCollection<Action> };
/** The storage refuses the next write to `actions` when armed (a full disk, a quota). */
let refusing: ReturnType<typeof failingStorage>;

beforeEach(async () => {
  refusing = failingStorage('actions');
  replica = await openReplica({
    userId: `staff-${randomUUID()}`,
    serverUrl: 'http://127.0.0.1:1',
    key: 'k'.repeat(43),
    storage: refusing.storage as never,
  });
  target = {
    files: replica.collections[DOCUMENT_FILES],
    actions: replica.collections.actions as unknown as RxCollection<Action>,
  };
});

afterEach(async () => {
  await replica.destroy();
});

describe('writing a staff action with its attached files', () => {
  it('keeps the files, waiting, with their bytes, next to the action', async () => {
    const files = [pdf('справка-095'), pdf('заявление')];
    const action = extension(randomUUID(), files);
    await writeAction(target, action, files, 'ref-a4', NOW);
    expect(await target.actions.findOne(action.id).exec()).not.toBeNull();
    const kept = await target.files.find({ selector: { actionId: action.id } }).exec();
    expect(kept.map((d) => [d.index, d.state, d.referralId])).toEqual([
      [0, 'waiting', 'ref-a4'],
      [1, 'waiting', 'ref-a4'],
    ]);
    expect(fromBase64(kept[0]!.content ?? '')).toEqual(files[0]!.bytes);
  });

  it('removes the attached files again when the action cannot be written', async () => {
    const id = randomUUID();
    // The action's id is taken (a retried click): the insert fails with a conflict.
    await writeAction(target, extension(id, []), [], 'ref-a4', NOW);
    const files = [pdf('справка-095')];
    await expect(writeAction(target, extension(id, files), files, 'ref-a4', NOW)).rejects.toThrow();
    expect(await target.files.find().exec()).toEqual([]);
    expect(await target.actions.count().exec()).toBe(1);
  });

  it('removes the attached files again when the storage refuses the action (disk full)', async () => {
    const files = [pdf('справка-095'), pdf('заявление')];
    refusing.failNext();
    await expect(writeAction(target, extension(randomUUID(), files), files, 'ref-a4', NOW)).rejects.toThrow(
      /quota/,
    );
    expect(await target.files.find().exec()).toEqual([]);
    expect(await target.actions.count().exec()).toBe(0);
    // The next try (space freed) writes both.
    const action = extension(randomUUID(), files);
    await writeAction(target, action, files, 'ref-a4', NOW);
    expect(await target.files.count({ selector: { actionId: action.id } }).exec()).toBe(2);
  });
});
