import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { SUPERVISOR_ACTION_KINDS } from './actions';
import { idField, paramsField, timestampField, updatedAtField } from './fields';

/**
 * The kinds of a supervisor's change on the audit chain: the supervisor action kinds, which entries
 * written before they were actions carry too, and the one change still made outside the reducer;
 * each has a text under `supervisor.changeKinds` (checked by the i18n tests).
 */
export const SUPERVISOR_CHANGE_KINDS = [...SUPERVISOR_ACTION_KINDS, 'parent.releaseIin'] as const;
export type SupervisorChangeKind = (typeof SUPERVISOR_CHANGE_KINDS)[number];

/** Append-only, hash-chained record of every applied action (server only, never replicated to staff). */
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
