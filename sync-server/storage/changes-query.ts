import type { FilledMangoQuery, RxStorageDefaultCheckpoint } from 'rxdb';

/**
 * rxdb-server answers every `/pull` with rxdb's `getChangedDocumentsSinceQuery`: documents after a
 * checkpoint `(lwt, id)` in `(_meta.lwt, id)` order, written as
 * `{ $or: [{ lwt: { $gt: L } }, { lwt: { $eq: L }, id: { $gt: I } }], lwt: { $gte: L } }` plus whatever
 * the endpoint's queryModifier adds. rxdb's query plan cannot express the `$or`, so every row of the
 * range would go through rxdb's general matcher, the most expensive step of a pull. The `$or` is exactly
 * "after (L, I) on the changes index", which SQL answers on its own; only the modifier's extra
 * conditions (if any) are left to the matcher.
 */
export interface ChangesQuery {
  after: RxStorageDefaultCheckpoint;
  /** The selector without the checkpoint condition; `{}` when nothing is left to match. */
  rest: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKey = (o: Record<string, unknown>, key: string) => Object.keys(o).length === 1 && key in o;

export function changesQueryOf(
  query: FilledMangoQuery<unknown>,
  primaryPath: string,
): ChangesQuery | undefined {
  const sort = query.sort as Record<string, string>[];
  if (
    sort.length !== 2 ||
    !onlyKey(sort[0], '_meta.lwt') ||
    sort[0]['_meta.lwt'] !== 'asc' ||
    !onlyKey(sort[1], primaryPath) ||
    sort[1][primaryPath] !== 'asc'
  ) {
    return undefined;
  }
  const { $or, '_meta.lwt': hint, ...rest } = query.selector as Record<string, unknown>;
  if (!Array.isArray($or) || $or.length !== 2 || !isObject(hint) || !onlyKey(hint, '$gte')) return undefined;
  const [later, same] = $or as unknown[];
  if (!isObject(later) || !onlyKey(later, '_meta.lwt') || !isObject(same) || Object.keys(same).length !== 2) {
    return undefined;
  }
  const laterLwt = later['_meta.lwt'];
  const sameLwt = same['_meta.lwt'];
  const sameId = same[primaryPath];
  if (!isObject(laterLwt) || !onlyKey(laterLwt, '$gt') || !isObject(sameLwt) || !onlyKey(sameLwt, '$eq'))
    return undefined;
  if (!isObject(sameId) || !onlyKey(sameId, '$gt')) return undefined;
  const lwt = laterLwt.$gt;
  const id = sameId.$gt;
  if (typeof lwt !== 'number' || lwt !== sameLwt.$eq || lwt !== hint.$gte || typeof id !== 'string')
    return undefined;
  // A modifier that also constrains lwt or the id would interact with the range: leave such queries alone.
  if ('_meta.lwt' in rest || primaryPath in rest || '_meta' in rest) return undefined;
  return { after: { lwt, id }, rest };
}

/** A scope condition of a `/pull` that an index answers (table-layout.ts `scopeIndexStatements`). */
export interface ScopeCondition {
  /** SQL over `doc`, with the value as `$2`. */
  where: string;
  param: string;
}

/**
 * The first condition of `rest` that one of the table's scope indexes can answer: `field: "v"` or
 * `{ $eq: "v" }` on a string field, `{ $elemMatch: { $eq: "v" } }` (or `"v"`, `{ $eq: "v" }`) on an array.
 * It only narrows the rows read: the matcher still runs every condition of `rest` on them, so the SQL
 * needs only to keep every row the selector matches (strings only: numbers' text forms differ).
 */
export function scopeConditionOf(
  rest: Record<string, unknown>,
  scopes: readonly { field: string; array: boolean }[],
): ScopeCondition | undefined {
  for (const { field, array } of scopes) {
    if (!(field in rest)) continue;
    let value = rest[field];
    if (isObject(value) && onlyKey(value, '$eq')) value = value.$eq;
    else if (array && isObject(value) && onlyKey(value, '$elemMatch')) {
      const inner = value.$elemMatch;
      value = isObject(inner) && onlyKey(inner, '$eq') ? inner.$eq : undefined;
    }
    if (typeof value !== 'string') continue;
    return array
      ? { where: `doc->'${field}' @> $2::jsonb`, param: JSON.stringify([value]) }
      : { where: `(doc->>'${field}') COLLATE "C" = $2`, param: value };
  }
  return undefined;
}
