import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { updatedAtField } from '../../src/schema/fields';

/**
 * Settings a supervisor edits without a release (docs/domain.md: "the calendar is data"; the priority
 * window, stop-list unit and interest-confirmation period are regional settings). One document per
 * key, e.g. 'region:<regionId>' (region settings and locality names) or 'calendar' (holidays, religious
 * days off and transfers per year). `value` is validated by whoever reads the key.
 */
export const settingSchema = {
  title: 'settings',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 80 },
    kind: { type: 'string', enum: ['region', 'calendar', 'system'], maxLength: 10 },
    value: { type: 'object', additionalProperties: true },
    updatedBy: { type: 'string', maxLength: 64 },
    updatedAt: updatedAtField,
  },
  required: ['id', 'kind', 'value', 'updatedAt'],
  indexes: ['kind'],
  additionalProperties: false,
} as const;
export type Setting = ExtractDocumentTypeFromTypedRxJsonSchema<typeof settingSchema>;
