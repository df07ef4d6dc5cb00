import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { idField, paramsField, timestampField, updatedAtField } from './fields';

export const NOTIFICATION_KINDS = [
  'applicationAccepted',
  'applicationWithdrawn',
  'responded',
  'referralIssued',
  'referralExtended',
  'referralExpired',
  'stopListEnded',
  'contractSigned',
  'bulletinAvailable',
  'interestReminder',
  'applicationSuspended',
  'actionRejected',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A message to one recipient, stored as kind + parameters and rendered by i18n (never as text). */
export const notificationSchema = {
  title: 'notifications',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    recipientId: idField,
    kind: { type: 'string', enum: NOTIFICATION_KINDS, maxLength: 40 },
    params: paramsField,
    createdAt: timestampField,
    readAt: timestampField,
    updatedAt: updatedAtField,
  },
  required: ['id', 'recipientId', 'kind', 'params', 'createdAt', 'updatedAt'],
  indexes: [['recipientId', 'updatedAt']],
  additionalProperties: false,
} as const;
export type Notification = ExtractDocumentTypeFromTypedRxJsonSchema<typeof notificationSchema>;
