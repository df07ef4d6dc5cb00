import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import {
  birthYearField,
  dayField,
  groupTypeField,
  iinField,
  idField,
  languageField,
  priorityField,
  timestampField,
  updatedAtField,
} from './fields';

export const APPLICATION_STATUSES = [
  'waiting',
  'responded',
  'referred',
  'enrolled',
  'stopListed',
  'inactive',
  'withdrawn',
  'archived',
] as const;

/** A child's place in the queue (docs/domain.md, Applications). */
export const applicationSchema = {
  title: 'applications',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    childId: idField,
    childIin: iinField,
    childName: { type: 'string', maxLength: 200 },
    parentId: idField,
    birthYear: birthYearField,
    /** Filing date and time: ties in the queue are decided by it. */
    filedAt: timestampField,
    groupType: groupTypeField,
    languages: { type: 'array', items: languageField, minItems: 1 },
    regionId: idField,
    localityId: idField,
    /** The category that counts in the queue: 'none' until a supervisor confirms the claimed one. */
    priority: priorityField,
    /** What the parent claimed, waiting for a supervisor's confirmation of the documents. */
    claimedPriority: priorityField,
    priorityConfirmedBy: idField,
    priorityConfirmedAt: timestampField,
    status: { type: 'string', enum: APPLICATION_STATUSES, maxLength: 12 },
    stopListUntil: dayField,
    interestConfirmedAt: timestampField,
    archiveReason: { type: 'string', maxLength: 40 },
    /** Twins and siblings filed together: referrals only when the bulletin has places for all. */
    batchId: idField,
    enrolledKindergartenId: idField,
    enrolledGroupId: idField,
    /**
     * Kindergartens whose staff may see this application: those it responded to or holds a referral or
     * contract at (docs/architecture.md: staff replicas hold only the child data their kindergarten needs).
     * Kept by the server's action processor; a server-only field, never replicated.
     */
    visibleTo: { type: 'array', items: idField },
    updatedAt: updatedAtField,
  },
  required: [
    'id',
    'childId',
    'childIin',
    'childName',
    'parentId',
    'birthYear',
    'filedAt',
    'groupType',
    'languages',
    'regionId',
    'localityId',
    'priority',
    'claimedPriority',
    'status',
    'updatedAt',
  ],
  indexes: [['localityId', 'birthYear', 'groupType'], 'parentId', ['status', 'updatedAt']],
  additionalProperties: false,
} as const;
export type Application = ExtractDocumentTypeFromTypedRxJsonSchema<typeof applicationSchema>;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
