import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { idField, languageField, updatedAtField } from './fields';

/** A preschool organisation (ДДО) of the catalogue. */
export const kindergartenSchema = {
  title: 'kindergartens',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    nameKk: { type: 'string', maxLength: 200 },
    nameRu: { type: 'string', maxLength: 200 },
    ownership: { type: 'string', enum: ['state', 'private'] },
    regionId: idField,
    localityId: idField,
    address: { type: 'string', maxLength: 300 },
    phone: { type: 'string', maxLength: 40 },
    languages: { type: 'array', items: languageField },
    status: { type: 'string', enum: ['open', 'closed'], maxLength: 10 },
    updatedAt: updatedAtField,
  },
  required: [
    'id',
    'nameKk',
    'nameRu',
    'ownership',
    'regionId',
    'localityId',
    'address',
    'languages',
    'status',
    'updatedAt',
  ],
  indexes: ['localityId', ['regionId', 'status']],
  additionalProperties: false,
} as const;
export type Kindergarten = ExtractDocumentTypeFromTypedRxJsonSchema<typeof kindergartenSchema>;
