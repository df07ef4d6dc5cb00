import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import {
  birthYearField,
  groupTypeField,
  idField,
  languageField,
  timestampField,
  updatedAtField,
} from './fields';

/** A free-place announcement (бюллетень свободных мест) for one group (docs/domain.md, Bulletins). */
export const bulletinSchema = {
  title: 'bulletins',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    kindergartenId: idField,
    groupId: idField,
    regionId: idField,
    localityId: idField,
    groupType: groupTypeField,
    language: languageField,
    birthYears: { type: 'array', items: birthYearField },
    /** Codes of AGE_GROUPS and PLACE_TYPES (src/domain/catalogue-codes.ts) since version 1; shown through i18n. */
    ageGroup: { type: 'string', maxLength: 100 },
    placeType: { type: 'string', maxLength: 40 },
    totalPlaces: { type: 'integer', minimum: 0, maximum: 1000 },
    freePlaces: { type: 'integer', minimum: 0, maximum: 1000 },
    /** Actual vacancy date and time (Дата фактического освобождения места). */
    vacancyAt: timestampField,
    publishedAt: timestampField,
    /** End of the priority window; after it, access becomes 'all'. */
    priorityUntil: timestampField,
    access: { type: 'string', enum: ['priority', 'all'], maxLength: 10 },
    status: { type: 'string', enum: ['draft', 'published', 'closed', 'withdrawn'], maxLength: 10 },
    authorId: idField,
    authorName: { type: 'string', maxLength: 200 },
    updatedAt: updatedAtField,
  },
  required: [
    'id',
    'kindergartenId',
    'groupId',
    'regionId',
    'localityId',
    'groupType',
    'language',
    'birthYears',
    'ageGroup',
    'placeType',
    'totalPlaces',
    'freePlaces',
    'vacancyAt',
    'access',
    'status',
    'authorId',
    'authorName',
    'updatedAt',
  ],
  indexes: ['kindergartenId', ['localityId', 'status'], ['status', 'updatedAt']],
  additionalProperties: false,
} as const;
export type Bulletin = ExtractDocumentTypeFromTypedRxJsonSchema<typeof bulletinSchema>;
