import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { idField, timestampField, updatedAtField } from '../../src/schema/fields';

/**
 * Staff and supervisor accounts (issue 5, Auth): login + argon2id hash. Server only, never replicated:
 * the hash must not leave the server. `tokenVersion` is bumped by "log out everywhere", which voids
 * every token signed with an older version.
 */
export const userSchema = {
  title: 'users',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    /** Lower-cased, unique (enforced by the id: 'user:<login>'). */
    login: { type: 'string', maxLength: 64 },
    passwordHash: { type: 'string', maxLength: 200 },
    role: { type: 'string', enum: ['staff', 'supervisor'], maxLength: 12 },
    name: { type: 'string', maxLength: 200 },
    kindergartenId: idField,
    regionId: idField,
    disabled: { type: 'boolean' },
    tokenVersion: { type: 'integer', minimum: 0, maximum: 1e9, multipleOf: 1 },
    createdAt: timestampField,
    updatedAt: updatedAtField,
  },
  required: [
    'id',
    'login',
    'passwordHash',
    'role',
    'name',
    'disabled',
    'tokenVersion',
    'createdAt',
    'updatedAt',
  ],
  indexes: ['login'],
  additionalProperties: false,
} as const;
export type User = ExtractDocumentTypeFromTypedRxJsonSchema<typeof userSchema>;
