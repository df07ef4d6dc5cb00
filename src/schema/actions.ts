import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { idField, paramsField, timestampField, updatedAtField } from './fields';

/**
 * A supervisor's management of the district (issue 12, item 6: one write path): the catalogue, staff
 * accounts, the working calendar and the region's settings (added in version 1 of this schema), and
 * freeing a parent's IIN for its owner (version 2).
 */
export const SUPERVISOR_ACTION_KINDS = [
  'kindergarten.create',
  'kindergarten.edit',
  'kindergarten.close',
  'group.create',
  'group.edit',
  'group.close',
  'staff.create',
  'staff.edit',
  'staff.assign',
  'staff.resetPassword',
  'staff.disable',
  'staff.enable',
  'calendar.edit',
  'settings.edit',
  'parent.releaseIin',
] as const;
export type SupervisorActionKind = (typeof SUPERVISOR_ACTION_KINDS)[number];

export const ACTION_KINDS = [
  'bulletin.saveDraft',
  'bulletin.publish',
  'bulletin.edit',
  'bulletin.close',
  'bulletin.withdraw',
  'bulletin.openToAll',
  'application.file',
  'application.withdraw',
  'application.confirmInterest',
  'application.suspend',
  'application.respond',
  'application.endStopList',
  'application.confirmPriority',
  'response.activate',
  'referral.extend',
  'referral.noShow',
  'referral.expire',
  'referral.signContract',
  ...SUPERVISOR_ACTION_KINDS,
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/**
 * The intent log (docs/architecture.md): staff never write authoritative documents, they write actions.
 * The device creates the action as `pending`; only the server sets `applied` or `rejected`.
 */
export const actionSchema = {
  title: 'actions',
  // 1: the supervisor's kinds (SUPERVISOR_ACTION_KINDS) joined the enum; 2: `parent.releaseIin` did.
  // Documents are unchanged by either.
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    kind: { type: 'string', enum: ACTION_KINDS, maxLength: 40 },
    payload: paramsField,
    actor: idField,
    actorRole: { type: 'string', enum: ['staff', 'supervisor', 'parent', 'system'], maxLength: 12 },
    kindergartenId: idField,
    deviceId: idField,
    /** Device clock when staff acted: deadlines count from it (docs/domain.md, Offline-specific rules). */
    occurredAt: timestampField,
    status: { type: 'string', enum: ['pending', 'applied', 'rejected'], maxLength: 10 },
    reason: {
      type: 'object',
      properties: { code: { type: 'string', maxLength: 60 }, params: paramsField },
      required: ['code'],
    },
    processedAt: timestampField,
    updatedAt: updatedAtField,
  },
  required: [
    'id',
    'kind',
    'payload',
    'actor',
    'actorRole',
    'kindergartenId',
    'deviceId',
    'occurredAt',
    'status',
    'updatedAt',
  ],
  indexes: [
    ['kindergartenId', 'updatedAt'],
    ['status', 'updatedAt'],
  ],
  additionalProperties: false,
} as const;
export type Action = ExtractDocumentTypeFromTypedRxJsonSchema<typeof actionSchema>;
