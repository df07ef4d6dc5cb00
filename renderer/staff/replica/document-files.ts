import type { RxJsonSchema } from 'rxdb';
import { EXTENSION_DOCUMENTS, type ExtensionDocumentType } from '../../../src/domain';

/** The local collection's name (rxdb: lower-case letters only). Never replicated. */
export const DOCUMENT_FILES = 'documentfiles';

/**
 * Where a file attached on this workstation is:
 * - waiting: kept here until its action is applied on the server, then uploaded;
 * - uploaded: the server has it (same bytes, checked by sha256); the bytes are dropped here;
 * - held: the server will not take it (its action was rejected, or the file was refused); the bytes
 *   stay so the staff member can save them back, until they discard them.
 */
export const DOCUMENT_FILE_STATES = ['waiting', 'uploaded', 'held'] as const;
export type DocumentFileState = (typeof DOCUMENT_FILE_STATES)[number];

export interface DocumentFile {
  /** extensionDocumentId(actionId, index): the server stores it under the same id. */
  id: string;
  actionId: string;
  referralId: string;
  index: number;
  name: string;
  description?: string;
  contentType: ExtensionDocumentType;
  size: number;
  sha256: string;
  /** The bytes, base64; gone once uploaded. */
  content?: string;
  state: DocumentFileState;
  /** Why a held file was not taken: an API error code, or the action's rejection. */
  problem?: string;
  createdAt: string;
  updatedAt: number;
}

/**
 * A supporting document attached offline (issue 6: "record an extension with attached documents").
 * Its name, description and bytes are personal data (a child's medical certificate): encrypted at rest
 * like the children's fields (field-encryption.ts).
 */
export const documentFileSchema: RxJsonSchema<DocumentFile> & { encrypted: string[] } = {
  title: DOCUMENT_FILES,
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 100 },
    actionId: { type: 'string', maxLength: 64 },
    referralId: { type: 'string', maxLength: 64 },
    index: { type: 'integer', minimum: 0, maximum: EXTENSION_DOCUMENTS.maxFiles - 1 },
    name: { type: 'string' },
    description: { type: 'string' },
    contentType: { type: 'string', enum: [...EXTENSION_DOCUMENTS.types] },
    size: { type: 'integer', minimum: 0, maximum: EXTENSION_DOCUMENTS.maxBytes },
    sha256: { type: 'string', maxLength: 64 },
    content: { type: 'string' },
    state: { type: 'string', enum: [...DOCUMENT_FILE_STATES], maxLength: 10 },
    problem: { type: 'string', maxLength: 100 },
    createdAt: { type: 'string', maxLength: 40 },
    updatedAt: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: [
    'id',
    'actionId',
    'referralId',
    'index',
    'name',
    'contentType',
    'size',
    'sha256',
    'state',
    'createdAt',
    'updatedAt',
  ],
  indexes: ['state'],
  additionalProperties: false,
  encrypted: ['name', 'description', 'content'],
};
