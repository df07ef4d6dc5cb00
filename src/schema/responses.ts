import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { birthYearField, iinField, idField, priorityField, timestampField, updatedAtField } from './fields';

/**
 * An application's response (отклик) to a bulletin. It copies the queue fields of the application so
 * that staff can rank responders from their replica alone.
 */
export const responseSchema = {
  title: 'responses',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    applicationId: idField,
    bulletinId: idField,
    kindergartenId: idField,
    childIin: iinField,
    childName: { type: 'string', maxLength: 200 },
    birthYear: birthYearField,
    filedAt: timestampField,
    priority: priorityField,
    respondedAt: timestampField,
    status: {
      type: 'string',
      enum: ['active', 'activated', 'skipped', 'withdrawn', 'closed'],
      maxLength: 10,
    },
    /** Set on an out-of-order activation: why staff passed over the higher-ranked responders. */
    skipReason: { type: 'string', maxLength: 500 },
    /** The higher-ranked responders passed over by this activation. */
    skippedResponseIds: { type: 'array', items: idField },
    activatedAt: timestampField,
    activatedBy: idField,
    activatedDeviceId: idField,
    updatedAt: updatedAtField,
  },
  required: [
    'id',
    'applicationId',
    'bulletinId',
    'kindergartenId',
    'childIin',
    'childName',
    'birthYear',
    'filedAt',
    'priority',
    'respondedAt',
    'status',
    'updatedAt',
  ],
  indexes: ['bulletinId', 'kindergartenId', 'applicationId'],
  additionalProperties: false,
} as const;
export type Response = ExtractDocumentTypeFromTypedRxJsonSchema<typeof responseSchema>;
