import {
  normalizeMangoQuery,
  prepareQuery,
  type MangoQuerySelector,
  type MangoQuerySortPart,
  type RxCollection,
} from 'rxdb';

/**
 * Authoritative reads and idempotent writes. Reads go to the storage itself, past RxDB's document and
 * query caches: with several server processes on one PostgreSQL another process's write may not have
 * reached this process's caches yet, and the action processor must decide on the committed state.
 */

const STORAGE_FIELDS = new Set(['_meta', '_rev', '_attachments', '_deleted']);

/** A stored document without the storage's own fields (`_meta`, `_rev`, `_attachments`, `_deleted`). */
export function plain<T>(doc: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!STORAGE_FIELDS.has(k)) out[k] = v;
  return out as T;
}

/** The live (not deleted) documents with these ids, in no particular order. */
export async function readByIds<T>(collection: RxCollection<T>, ids: readonly string[]): Promise<T[]> {
  if (ids.length === 0) return [];
  const docs = await collection.storageInstance.findDocumentsById([...new Set(ids)], false);
  return docs.map((d) => plain<T>(d as Record<string, unknown>));
}

export async function readOne<T>(collection: RxCollection<T>, id: string): Promise<T | null> {
  const [doc] = await readByIds(collection, [id]);
  return doc ?? null;
}

export interface ReadOptions {
  sort?: MangoQuerySortPart<Record<string, unknown>>[];
  limit?: number;
}

/** The live documents matching a Mango selector. */
export async function readAll<T>(
  collection: RxCollection<T>,
  selector: MangoQuerySelector<Record<string, unknown>>,
  options: ReadOptions = {},
): Promise<T[]> {
  const schema = collection.schema.jsonSchema;
  const query = normalizeMangoQuery(schema, {
    selector: { ...selector, _deleted: { $eq: false } },
    ...(options.sort ? { sort: options.sort } : {}),
    ...(options.limit ? { limit: options.limit } : {}),
  } as never);
  const result = await collection.storageInstance.query(prepareQuery(schema, query));
  return result.documents.map((d) => plain<T>(d as Record<string, unknown>));
}

/**
 * Writes whole documents: inserts new ones, replaces existing ones. Writing the same documents twice
 * leaves the same state, which is what makes a retried or replayed action idempotent.
 */
export async function writeDocs<T>(collection: RxCollection<T>, docs: readonly T[]): Promise<void> {
  if (docs.length === 0) return;
  const result = await collection.bulkUpsert(docs.map((d) => ({ ...d })) as never);
  if (result.error.length > 0) {
    const first = result.error[0];
    throw new Error(`write to ${collection.name} failed: ${first.status} ${first.documentId}`);
  }
}
