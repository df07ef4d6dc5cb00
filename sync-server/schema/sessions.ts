import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { idField, timestampField, updatedAtField } from '../../src/schema/fields';

/**
 * One login (a device or browser). Access tokens name their session, so "Выйти" revokes one session
 * while "log out everywhere" bumps the account's tokenVersion. `refreshGeneration` rotates on every
 * refresh: a replayed old refresh token revokes the session (it was stolen or copied).
 */
export const sessionSchema = {
  title: 'sessions',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    accountId: idField,
    role: { type: 'string', enum: ['staff', 'supervisor', 'parent'], maxLength: 12 },
    createdAt: timestampField,
    /** Epoch ms when the refresh token stops working. */
    expiresAt: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
    refreshGeneration: { type: 'integer', minimum: 0, maximum: 1e9, multipleOf: 1 },
    revokedAt: timestampField,
    updatedAt: updatedAtField,
  },
  required: ['id', 'accountId', 'role', 'createdAt', 'expiresAt', 'refreshGeneration', 'updatedAt'],
  indexes: ['accountId'],
  additionalProperties: false,
} as const;
export type Session = ExtractDocumentTypeFromTypedRxJsonSchema<typeof sessionSchema>;
