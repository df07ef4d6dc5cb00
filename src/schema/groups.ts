import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { birthYearField, groupTypeField, idField, languageField, updatedAtField } from './fields';

/** A group of a kindergarten: its type, language, birth years and places. */
export const groupSchema = {
  title: 'groups',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    kindergartenId: idField,
    name: { type: 'string', maxLength: 200 },
    groupType: groupTypeField,
    language: languageField,
    birthYears: { type: 'array', items: birthYearField },
    /** A code of AGE_GROUPS (src/domain/catalogue-codes.ts) since version 1; shown through i18n. */
    ageGroup: { type: 'string', maxLength: 100 },
    capacity: { type: 'integer', minimum: 0, maximum: 1000 },
    enrolled: { type: 'integer', minimum: 0, maximum: 1000 },
    status: { type: 'string', enum: ['open', 'closed'], maxLength: 10 },
    updatedAt: updatedAtField,
  },
  required: [
    'id',
    'kindergartenId',
    'name',
    'groupType',
    'language',
    'birthYears',
    'ageGroup',
    'capacity',
    'enrolled',
    'status',
    'updatedAt',
  ],
  indexes: ['kindergartenId'],
  additionalProperties: false,
} as const;
export type Group = ExtractDocumentTypeFromTypedRxJsonSchema<typeof groupSchema>;
