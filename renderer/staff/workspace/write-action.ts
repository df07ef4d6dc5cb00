import type { RxCollection } from 'rxdb';
import { extensionDocumentId } from '../../../src/domain';
import type { Action } from '../../../src/schema';
import { type DocumentFile, toBase64 } from '../replica';
import type { PickedFile } from './staff-runtime';

/**
 * Writes an action and the files attached to it into the replica: the files first, the action second,
 * so an action is never pushed without its files on disk here; if the action cannot be written the
 * files are removed again (files without an action — a crash in between — are dropped by the
 * uploader). The one place this order is kept, for StaffRuntime.perform and its tests.
 */
export async function writeAction(
  replica: { files: RxCollection<DocumentFile>; actions: RxCollection<Action> },
  action: Action,
  attach: readonly PickedFile[],
  referralId: string,
  now: Date,
): Promise<void> {
  const files = attach.map(
    (f, index): DocumentFile => ({
      id: extensionDocumentId(action.id, index),
      actionId: action.id,
      referralId,
      index,
      name: f.name,
      ...(f.description ? { description: f.description } : {}),
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
      content: toBase64(f.bytes),
      state: 'waiting',
      createdAt: now.toISOString(),
      updatedAt: now.getTime(),
    }),
  );
  if (files.length > 0) await replica.files.bulkInsert(files);
  try {
    await replica.actions.insert(action);
  } catch (err) {
    if (files.length > 0) await replica.files.bulkRemove(files.map((f) => f.id));
    throw err;
  }
}
