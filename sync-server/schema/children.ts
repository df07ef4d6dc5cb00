import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { dayField, idField, iinField, timestampField, updatedAtField } from '../../src/schema/fields';

/**
 * A child added by IIN ("Мои дети" → "Проверить ИИН" → "Сохранить"). A child belongs to one parent
 * account (docs/domain.md): the id is derived from the IIN, so a second account cannot add the same child.
 */
export const childSchema = {
  title: 'children',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: idField,
    iin: iinField,
    lastName: { type: 'string', maxLength: 100 },
    firstName: { type: 'string', maxLength: 100 },
    middleName: { type: 'string', maxLength: 100 },
    birthDate: dayField,
    sex: { type: 'string', enum: ['male', 'female'], maxLength: 6 },
    parentId: idField,
    createdAt: timestampField,
    updatedAt: updatedAtField,
  },
  required: ['id', 'iin', 'lastName', 'firstName', 'birthDate', 'sex', 'parentId', 'createdAt', 'updatedAt'],
  indexes: ['parentId', 'iin'],
  additionalProperties: false,
} as const;
export type Child = ExtractDocumentTypeFromTypedRxJsonSchema<typeof childSchema>;
