import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { idField, timestampField, updatedAtField } from '../../src/schema/fields';

export const UPLOAD_KINDS = ['photo', 'extensionDocument'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

/**
 * A parent's file: a profile photo ("Изменить фото") or a supporting document of a referral extension
 * (domain.md, Extension). Metadata here; the bytes in `content` as base64 — attachments need a storage
 * that supports them, and the memory storage used in early tests and PGlite storage differ there, so
 * the content stays in the document (uploads are capped at a few MB by the API).
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
