import { getQueryMatcher, normalizeMangoQuery, prepareQuery, type RxJsonSchema } from 'rxdb';

/**
 * Can the storage answer this Mango query of the read-only REST endpoint (the audit log)? rxdb-server
 * only catches errors of its own normalisation; an operator mingo does not know (`{"$gt": ""}` at the top
 * level, `$foo`, `$and: 5`) failed later, inside the query, as a 500 (issue 13). The same normalisation,
 * matcher and query plan are built here first, so such a query is refused with 400 at the boundary.
 */
export function isAnswerableQuery(schema: RxJsonSchema<unknown>, value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const selector = (value as { selector?: unknown }).selector;
  if (
    selector !== undefined &&
    (typeof selector !== 'object' || selector === null || Array.isArray(selector))
  )
    return false;
  try {
    const query = normalizeMangoQuery(schema as never, value as never);
    getQueryMatcher(schema as never, query)({} as never);
    prepareQuery(schema as never, query);
    return true;
  } catch {
    return false;
  }
}
