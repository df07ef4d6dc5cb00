import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { timestampField, updatedAtField } from '../../src/schema/fields';

export const OTP_PURPOSES = ['register', 'reset'] as const;
export type OtpPurpose = (typeof OTP_PURPOSES)[number];

/**
 * A one-time SMS code (docs/domain.md, Parent account: 6 digits, valid 5 minutes, at most 5 attempts,
 * resend after 77 seconds). One document per phone and purpose (id '<purpose>:<phone>'); the code is
 * stored only as an HMAC, never in clear.
 */
export const otpSchema = {
  title: 'otps',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    phone: { type: 'string', maxLength: 16 },
    purpose: { type: 'string', enum: OTP_PURPOSES, maxLength: 10 },
    codeHash: { type: 'string', maxLength: 64 },
    sentAt: timestampField,
    expiresAt: timestampField,
    attempts: { type: 'integer', minimum: 0, maximum: 1000, multipleOf: 1 },
    /** Registration step 1: the data policy version the parent accepted with this request, and when. */
    consentVersion: { type: 'string', maxLength: 20 },
    consentAt: timestampField,
    /** Set when the right code was entered; the code cannot be used twice. */
    verifiedAt: timestampField,
    updatedAt: updatedAtField,
  },
  required: ['id', 'phone', 'purpose', 'codeHash', 'sentAt', 'expiresAt', 'attempts', 'updatedAt'],
  indexes: ['phone'],
  additionalProperties: false,
} as const;
export type Otp = ExtractDocumentTypeFromTypedRxJsonSchema<typeof otpSchema>;
