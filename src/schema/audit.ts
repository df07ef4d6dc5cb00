import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { idField, paramsField, timestampField, updatedAtField } from './fields';

/**
 * Append-only, hash-chained record of every applied action (server only, never replicated to staff).
 * Its kinds are the action kinds (ACTION_KINDS), named under `common.actionKinds`: entries written
 * before the supervisor's changes became actions carry the same kinds.
 */
export const auditSchema = {
  title: 'audit',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    /** Position in the chain, from 1. */
    seq: { type: 'integer', minimum: 1, maximum: 1e15, multipleOf: 1 },
    actionId: idField,
    kind: { type: 'string', maxLength: 40 },
    actor: idField,
    actorRole: { type: 'string', maxLength: 12 },
    districtId: idField,
    kindergartenId: idField,
    entityIds: { type: 'array', items: idField },
    payload: paramsField,
    at: timestampField,
    prevHash: { type: 'string', maxLength: 64 },
    hash: { type: 'string', maxLength: 64 },
    updatedAt: updatedAtField,
  },
  required: [
    'id',
    'seq',
    'actionId',
    'kind',
    'actor',
    'actorRole',
    'entityIds',
    'payload',
    'at',
    'prevHash',
    'hash',
    'updatedAt',
  ],
  indexes: ['seq', 'actionId'],
  additionalProperties: false,
} as const;
export type AuditEntry = ExtractDocumentTypeFromTypedRxJsonSchema<typeof auditSchema>;
