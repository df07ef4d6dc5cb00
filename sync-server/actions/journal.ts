import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';

/**
 * The processor's write-ahead record (server only). RxStorage has no transaction across collections,
 * so an applied action's outcome (every document to write, the notifications and the audit entry) is
 * first stored here in one single-document write; the documents are then written from this record and
 * the action is marked last. After a crash the record is replayed as is, never recomputed, so a
 * half-done action completes without duplicates (sync-server/README.md, "Crash safety").
 */
export const journalSchema = {
  title: 'actionJournal',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    /** The action id. */
    id: { type: 'string', maxLength: 64 },
    writes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          collection: { type: 'string', maxLength: 40 },
          doc: { type: 'object', additionalProperties: true },
        },
        required: ['collection', 'doc'],
      },
    },
    result: { type: 'object', additionalProperties: true },
    createdAt: { type: 'string', maxLength: 40 },
    updatedAt: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['id', 'writes', 'result', 'createdAt', 'updatedAt'],
  additionalProperties: false,
} as const;
export type JournalEntry = ExtractDocumentTypeFromTypedRxJsonSchema<typeof journalSchema>;
