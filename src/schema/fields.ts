// Field shapes shared by several collections' JSON schemas (not a grab-bag: only JSON-schema fragments).
export const idField = { type: 'string', maxLength: 64 } as const;
/** Milliseconds since the epoch of the last authoritative change. */
export const updatedAtField = { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 } as const;
/** An ISO 8601 timestamp with offset, e.g. 2026-03-19T10:42:00+05:00. */
export const timestampField = { type: 'string', maxLength: 40 } as const;
/** A calendar day in Asia/Almaty, 'YYYY-MM-DD'. */
export const dayField = { type: 'string', maxLength: 10, pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
export const iinField = { type: 'string', maxLength: 12, pattern: '^\\d{12}$' } as const;
export const birthYearField = { type: 'integer', minimum: 2000, maximum: 2100, multipleOf: 1 } as const;
export const languageField = { type: 'string', maxLength: 8 } as const;
export const groupTypeField = { type: 'string', maxLength: 20 } as const;
export const priorityField = {
  type: 'string',
  enum: ['extraordinary', 'primary', 'none'],
  maxLength: 14,
} as const;
export const paramsField = { type: 'object', additionalProperties: true } as const;
