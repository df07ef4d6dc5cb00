import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { idField, timestampField, updatedAtField } from '../../src/schema/fields';

export const UPLOAD_KINDS = ['photo', 'extensionDocument'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/**
 * A parent's file: a profile photo ("Изменить фото") or a supporting document of a referral extension
 * (docs/domain.md, Extension). The bytes are in `content` as base64, not an RxDB attachment: the server's
 * document store and its backup/restore export (sync-server/store.ts) leave `_attachments` out, and
 * a supporting document must survive a restore. The API caps files at 2 MB (photo) and 5 MB (document).
 */
export const uploadSchema = {
  title: 'uploads',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    ownerId: idField,
    kind: { type: 'string', enum: UPLOAD_KINDS, maxLength: 20 },
    name: { type: 'string', maxLength: 200 },
    description: { type: 'string', maxLength: 500 },
    contentType: { type: 'string', maxLength: 100 },
    size: { type: 'integer', minimum: 0, maximum: 1e9, multipleOf: 1 },
    sha256: { type: 'string', maxLength: 64 },
    content: { type: 'string' },
    /** The referral an extension document was attached to (once used). */
    referralId: idField,
    createdAt: timestampField,
    updatedAt: updatedAtField,
  },
  required: [
    'id',
    'ownerId',
    'kind',
    'name',
    'contentType',
    'size',
    'sha256',
    'content',
    'createdAt',
    'updatedAt',
  ],
  indexes: ['ownerId'],
  additionalProperties: false,
} as const;
export type Upload = ExtractDocumentTypeFromTypedRxJsonSchema<typeof uploadSchema>;
