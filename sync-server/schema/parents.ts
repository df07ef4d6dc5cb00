import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { dayField, idField, iinField, timestampField, updatedAtField } from '../../src/schema/fields';

/**
 * A parent account (docs/domain.md, Parent account; the seed's "Регистрация" steps 1–4 and "Профиль").
 * Created at step 3 (password saved) with the verified phone; the IIN, names, birth date and sex
 * arrive at step 4 from the person registry. Server only.
 */
export const parentSchema = {
  title: 'parents',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    /** The login: +77XXXXXXXXX (E.164), unique. */
    phone: { type: 'string', maxLength: 16 },
    consentVersion: { type: 'string', maxLength: 20 },
    consentAt: timestampField,
    passwordHash: { type: 'string', maxLength: 200 },
    iin: iinField,
    lastName: { type: 'string', maxLength: 100 },
    firstName: { type: 'string', maxLength: 100 },
    middleName: { type: 'string', maxLength: 100 },
    birthDate: dayField,
    sex: { type: 'string', enum: ['male', 'female'], maxLength: 6 },
    /** "Контактный телефон" and "Дополнительный контактный телефон" of the profile. */
    contactPhone: { type: 'string', maxLength: 16 },
    extraPhone: { type: 'string', maxLength: 16 },
    address: { type: 'string', maxLength: 300 },
    /** An `uploads` id (kind 'photo'). */
    photoId: idField,
    tokenVersion: { type: 'integer', minimum: 0, maximum: 1e9, multipleOf: 1 },
    createdAt: timestampField,
    updatedAt: updatedAtField,
  },
  required: [
    'id',
    'phone',
    'consentVersion',
    'consentAt',
    'passwordHash',
    'tokenVersion',
    'createdAt',
    'updatedAt',
  ],
  indexes: ['phone'],
  additionalProperties: false,
} as const;
export type Parent = ExtractDocumentTypeFromTypedRxJsonSchema<typeof parentSchema>;
