import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { dayField, iinField, idField, timestampField, updatedAtField } from './fields';

/**
 * A referral (направление) and, once signed, its contract (docs/domain.md, Referrals). Version 1 adds
 * `queueNumber` (issue 14, item 17: the public list of referrals issued shows it).
 */
export const referralSchema = {
  title: 'referrals',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    applicationId: idField,
    bulletinId: idField,
    responseId: idField,
    kindergartenId: idField,
    groupId: idField,
    childIin: iinField,
    childName: { type: 'string', maxLength: 200 },
    parentId: idField,
    parentName: { type: 'string', maxLength: 200 },
    activatedAt: timestampField,
    activatedBy: idField,
    /**
     * The application's number in its queue when the referral was issued, counted by the server (the
     * public list of referrals lets parents check that places went in order). Absent on referrals
     * issued before version 1 and until the server has applied the activation.
     */
    queueNumber: { type: 'integer', minimum: 1, maximum: 1e9, multipleOf: 1 },
    /** The last valid day, 5 working days after activation. */
    validUntil: dayField,
    /** The last valid day after the one extension (up to 30 calendar days beyond validUntil). */
    extendedUntil: dayField,
    extension: {
      type: 'object',
      properties: {
        reason: { type: 'string', maxLength: 1000 },
        documents: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              name: { type: 'string', maxLength: 200 },
              description: { type: 'string', maxLength: 500 },
              size: { type: 'integer', minimum: 0 },
            },
            required: ['name'],
          },
        },
        recordedAt: timestampField,
        recordedBy: idField,
      },
      required: ['reason', 'documents', 'recordedAt', 'recordedBy'],
    },
    status: { type: 'string', enum: ['active', 'enrolled', 'expired', 'annulled'], maxLength: 10 },
    verificationCode: { type: 'string', maxLength: 20 },
    contractNumber: { type: 'string', maxLength: 60 },
    contractDate: dayField,
    signedAt: timestampField,
    signedBy: idField,
    closedAt: timestampField,
    updatedAt: updatedAtField,
  },
  required: [
    'id',
    'applicationId',
    'bulletinId',
    'responseId',
    'kindergartenId',
    'groupId',
    'childIin',
    'childName',
    'parentId',
    'activatedAt',
    'activatedBy',
    'validUntil',
    'status',
    'verificationCode',
    'updatedAt',
  ],
  indexes: ['kindergartenId', 'applicationId', ['status', 'validUntil']],
  additionalProperties: false,
} as const;
export type Referral = ExtractDocumentTypeFromTypedRxJsonSchema<typeof referralSchema>;
