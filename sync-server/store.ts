import {
  type BulkWriteRow,
  createRevision,
  fillObjectDataBeforeInsert,
  normalizeMangoQuery,
  now,
  prepareQuery,
  type MangoQuerySelector,
  type MangoQuerySortPart,
  type RxCollection,
  type RxDocumentData,
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
  // One read of the stored versions and one write for the whole list, straight to the storage (under
  // RxDB's validation; the collection's change stream still hears it). RxDB's bulkUpsert made a
  // separate write — a transaction — for every document that existed already.
  const instance = collection.storageInstance;
  const primary = collection.schema.primaryPath as string;
  const token = collection.database.token;
  const idOf = (d: unknown) => (d as Record<string, string>)[primary];
  let pending = docs.map((d) => fillObjectDataBeforeInsert(collection.schema, { ...d }) as RxDocumentData<T>);
  for (let attempt = 1; ; attempt++) {
    const stored = new Map(
      (await instance.findDocumentsById(pending.map(idOf), true)).map((d) => [idOf(d), d] as const),
    );
    const rows: BulkWriteRow<T>[] = pending.map((data) => {
      const previous = stored.get(idOf(data));
      const document: RxDocumentData<T> = {
        ...data,
        _deleted: false,
        _attachments: previous?._attachments ?? {},
        _meta: { lwt: now() },
        _rev: createRevision(token, previous),
      };
      return previous ? { previous, document } : { document };
    });
    const result = await instance.bulkWrite(rows, 'oryn-write-docs');
    const failed = result.error.find((e) => e.status !== 409);
    if (failed) throw new Error(`write to ${collection.name} failed: ${failed.status} ${failed.documentId}`);
    if (result.error.length === 0) return;
    // Another writer changed some of them between the read and the write: those again, over the new version.
    if (attempt >= WRITE_ATTEMPTS)
      throw new Error(`write to ${collection.name} failed: 409 ${result.error[0].documentId}`);
    const again = new Set(result.error.map((e) => e.documentId));
    pending = pending.filter((d) => again.has(idOf(d)));
  }
}

/** Times writeDocs reads and writes again when another writer got in between. */
const WRITE_ATTEMPTS = 5;
