import Ajv from 'ajv';
import type { ActionResult } from '../../../src/domain';
import { collections } from '../../../src/schema';

// Every document the reducer produces must be valid against its collection's JSON schema (the same
// schemas RxDB enforces). rxdb-only keywords (primaryKey, indexes, version) are not JSON Schema.
const ajv = new Ajv({ strict: false, allErrors: true });
const validators = Object.fromEntries(
  Object.entries(collections).map(([name, c]) => [name, ajv.compile(c.schema as object)]),
);

export function schemaErrors(result: ActionResult): string[] {
  if (!result.ok) return [];
  const errors: string[] = [];
  for (const change of result.changes) {
    const validate = validators[change.collection];
    const doc: unknown = change.doc;
    if (!validate(doc))
      errors.push(`${change.collection}/${change.doc.id}: ${ajv.errorsText(validate.errors)}`);
  }
  for (const n of result.notifications) {
    const doc = { ...n, createdAt: '2026-03-19T10:43:00+05:00', updatedAt: 1 };
    if (!validators.notifications(doc))
      errors.push(`notifications/${n.id}: ${ajv.errorsText(validators.notifications.errors)}`);
  }
  return errors;
}
