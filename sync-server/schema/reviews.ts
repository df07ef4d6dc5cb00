import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { idField, timestampField, updatedAtField } from '../../src/schema/fields';

/** "Отзывы пользователей" of the seed's main page: a parent's rating and text, optionally about one kindergarten. */
export const reviewSchema = {
  title: 'reviews',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    authorId: idField,
    /** Shown publicly: first name and the initial of the last name only. */
    authorName: { type: 'string', maxLength: 120 },
    kindergartenId: idField,
    rating: { type: 'integer', minimum: 1, maximum: 5, multipleOf: 1 },
    text: { type: 'string', maxLength: 2000 },
    createdAt: timestampField,
    updatedAt: updatedAtField,
  },
  required: ['id', 'authorId', 'authorName', 'rating', 'text', 'createdAt', 'updatedAt'],
  indexes: ['createdAt'],
  additionalProperties: false,
} as const;
export type Review = ExtractDocumentTypeFromTypedRxJsonSchema<typeof reviewSchema>;
