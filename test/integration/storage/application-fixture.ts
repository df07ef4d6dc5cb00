import { createRevision, fillWithDefaultSettings, now, randomCouchString } from 'rxdb';
import type { RxDocumentData, RxJsonSchema } from 'rxdb';

/**
 * A small collection of our own for the storage tests: a child's place in the queue, shaped like the
 * seed's (queue number 402, birth year, the kindergarten languages kk/ru, a priority category).
 */
export interface QueuedChild {
  id: string;
  childName: string;
  queueNumber: number;
  birthYear: number;
  status: string;
  languages: string[];
  priority: boolean;
  district?: string;
  note?: string;
}

/** The collection schema as an app declares it (rxdb fills in _rev, _meta and the default indexes). */
export const queuedChildJsonSchema: RxJsonSchema<QueuedChild> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    childName: { type: 'string', maxLength: 60 },
    queueNumber: { type: 'integer', minimum: 0, maximum: 1_000_000, multipleOf: 1 },
    birthYear: { type: 'integer', minimum: 2000, maximum: 2100, multipleOf: 1 },
    status: { type: 'string', maxLength: 20 },
    languages: { type: 'array', items: { type: 'string' } },
    priority: { type: 'boolean' },
    district: { type: 'string' },
    note: { type: 'string' },
  },
  required: ['id', 'childName', 'queueNumber', 'birthYear', 'status', 'languages', 'priority'],
  indexes: [['status', 'queueNumber'], 'birthYear', 'childName'],
};

/** The schema as a storage receives it. */
export const queuedChildSchema: RxJsonSchema<RxDocumentData<QueuedChild>> =
  fillWithDefaultSettings(queuedChildJsonSchema);

export const attachmentSchema: RxJsonSchema<RxDocumentData<QueuedChild>> = {
  ...queuedChildSchema,
  attachments: {},
};

/** A stored document as rxdb hands it to a storage: revision, lwt, no attachments. */
export function queued(
  fields: Partial<QueuedChild> & { id: string },
  meta: { rev?: string; lwt?: number; deleted?: boolean } = {},
): RxDocumentData<QueuedChild> {
  const doc = {
    childName: `Child ${fields.id}`,
    queueNumber: 1,
    birthYear: 2021,
    status: 'queued',
    languages: ['kk'],
    priority: false,
    ...fields,
  };
  return {
    ...doc,
    _deleted: meta.deleted ?? false,
    _rev: meta.rev ?? createRevision(randomCouchString(8), undefined),
    _meta: { lwt: meta.lwt ?? now() },
    _attachments: {},
  };
}

/** The next revision of a stored document, with some fields changed. */
export function edited(
  previous: RxDocumentData<QueuedChild>,
  change: Partial<RxDocumentData<QueuedChild>> = {},
): RxDocumentData<QueuedChild> {
  return {
    ...previous,
    ...change,
    _rev: createRevision(randomCouchString(8), previous),
    _meta: { lwt: now() },
  };
}
