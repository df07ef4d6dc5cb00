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
import { getValidator } from 'rxdb/plugins/validate-ajv';
import { RxStorageInstancePostgres, type SqlExecutor } from './storage';
import { OVERWRITE_CONTEXT } from './storage/rx-storage-instance-postgres';
import { type TablePart, writeTablesTogether } from './storage/write-together';
import { findUnstorable } from './unstorable-text';

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

/** Ids to read from one collection (readTogether). */
export interface CollectionRead {
  collection: RxCollection<never>;
  ids: readonly string[];
}

/**
 * The live documents with these ids from several collections, one list per read in the order given:
 * one statement on our PostgreSQL storage (each statement a round trip), parallel reads elsewhere.
 */
export async function readTogether(reads: readonly CollectionRead[]): Promise<unknown[][]> {
  const todo = reads.map((r) => ({ ...r, ids: [...new Set(r.ids)] }));
  const instances = todo.map((r) => postgresInstanceOf(r.collection));
  const shared = instances[0]?.sql;
  const asked = todo.filter((r) => r.ids.length > 0).length;
  if (asked < 2 || instances.some((i) => !i || i.sql !== shared))
    return Promise.all(todo.map((r) => readByIds(r.collection, r.ids) as Promise<unknown[]>));
  const parts = todo.map((r, k) => ({ ...r, instance: instances[k]!, k })).filter((r) => r.ids.length > 0);
  const rows = await shared!.query<{ k: number; doc: Record<string, unknown> }>(
    parts
      .map((p, i) => `SELECT ${p.k} AS k, doc FROM (${p.instance.readSql(i + 1, false)}) AS s${i}`)
      .join(' UNION ALL '),
    parts.map((p) => JSON.stringify(p.ids)),
  );
  const out: unknown[][] = todo.map(() => []);
  for (const row of rows) out[row.k].push(plain(row.doc));
  return out;
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
  const instance = collection.storageInstance;
  const pending = docs.map(
    (d) => fillObjectDataBeforeInsert(collection.schema, { ...d }) as RxDocumentData<T>,
  );
  if (postgresInstanceOf(collection)) {
    // Our PostgreSQL storage replaces them over whatever it holds, inside its lock: no read first.
    const result = await instance.bulkWrite(
      pending.map((data) => ({ document: storedForm(collection, data, false) })),
      OVERWRITE_CONTEXT,
    );
    const failed = result.error[0];
    if (failed) throw new Error(`write to ${collection.name} failed: ${failed.status} ${failed.documentId}`);
    return;
  }
  await writeOverRevisions(collection, pending);
}

/**
 * Other storages (rxdb's memory storage in tests): one read of the stored versions and one write for
 * the whole list, straight to the storage (under RxDB's validation; the collection's change stream
 * still hears it). RxDB's bulkUpsert made a separate write — a transaction — for every document that
 * existed already.
 */
async function writeOverRevisions<T>(collection: RxCollection<T>, docs: RxDocumentData<T>[]): Promise<void> {
  const instance = collection.storageInstance;
  const primary = collection.schema.primaryPath as string;
  const token = collection.database.token;
  const idOf = (d: unknown) => (d as Record<string, string>)[primary];
  let pending = docs;
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

/** Documents to write to one collection (whole), or to delete (`remove`: the documents as stored). */
export interface CollectionWrite {
  collection: RxCollection<never>;
  docs: readonly object[];
  remove?: boolean;
  /**
   * Documents decided once the collection is locked for this write, on our PostgreSQL storage (the
   * audit chain's next entries: no other writer can move its head until this write commits), in
   * place of `docs`. Only where `writesTogether` says so.
   */
  afterLock?: (tx: SqlExecutor) => Promise<readonly object[]>;
}

/** Whether writeTogether writes these collections in one transaction (our storage, one database). */
export function writesTogether(collections: readonly RxCollection<never>[]): boolean {
  const instances = collections.map((c) => postgresInstanceOf(c));
  const shared = instances[0]?.sql;
  return instances.every((i) => i !== undefined && i.sql === shared && !i.schema.attachments);
}

/**
 * Writes to several collections as one: on our PostgreSQL storage in one transaction (all or nothing,
 * four round trips — storage/write-together.ts), each document validated first as the collection's own
 * writes are (its schema; text PostgreSQL cannot store). Elsewhere one collection after another, in
 * the order given. One entry per collection.
 */
export async function writeTogether(writes: readonly CollectionWrite[]): Promise<void> {
  const todo = writes.filter((w) => w.docs.length > 0 || w.afterLock);
  if (todo.length === 0) return;
  const instances = todo.map((w) => postgresInstanceOf(w.collection));
  const together = writesTogether(todo.map((w) => w.collection));
  if (!together && todo.some((w) => w.afterLock))
    throw new Error('writeTogether: afterLock needs one transaction');
  if (!together || (todo.length === 1 && !todo[0].afterLock)) {
    for (const w of todo) {
      if (w.remove) await removeDocs(w.collection, w.docs as never[]);
      else await writeDocs(w.collection, w.docs as never[]);
    }
    return;
  }
  const parts: TablePart[] = todo.map((w, k) => ({
    instance: instances[k]!,
    context: OVERWRITE_CONTEXT,
    rows: w.afterLock ? async (tx: SqlExecutor) => rowsOf(w, await w.afterLock!(tx)) : rowsOf(w, w.docs),
  }));
  const results = await writeTablesTogether(parts);
  results.forEach((result, k) => {
    const failed = result.error[0];
    if (failed)
      throw new Error(`write to ${todo[k].collection.name} failed: ${failed.status} ${failed.documentId}`);
  });
}

/** A collection's documents as the rows of an overwrite, each checked as the collection's own writes are. */
function rowsOf(
  w: CollectionWrite,
  docs: readonly object[],
): BulkWriteRow<RxDocumentData<Record<string, unknown>>>[] {
  return docs.map((d) => {
    const data = fillObjectDataBeforeInsert(w.collection.schema, { ...d } as never) as RxDocumentData<never>;
    const document = storedForm(w.collection, data, !!w.remove);
    refuseInvalid(w.collection, document);
    return { document } as BulkWriteRow<RxDocumentData<Record<string, unknown>>>;
  });
}

/** Deletes documents (given whole, as stored): the storage keeps them as deleted until its cleanup. */
export async function removeDocs<T>(collection: RxCollection<T>, docs: readonly T[]): Promise<void> {
  if (docs.length === 0) return;
  if (!postgresInstanceOf(collection)) {
    await collection.bulkRemove(
      docs.map((d) => (d as Record<string, string>)[collection.schema.primaryPath]),
    );
    return;
  }
  const result = await collection.storageInstance.bulkWrite(
    docs.map((d) => ({
      document: storedForm(collection, fillObjectDataBeforeInsert(collection.schema, { ...d }), true),
    })),
    OVERWRITE_CONTEXT,
  );
  const failed = result.error[0];
  if (failed)
    throw new Error(`removal from ${collection.name} failed: ${failed.status} ${failed.documentId}`);
}

/** A document as an overwrite hands it to the storage, which gives it the revision after the stored one. */
function storedForm<T>(
  collection: RxCollection<T>,
  data: RxDocumentData<T>,
  deleted: boolean,
): RxDocumentData<T> {
  return {
    ...data,
    _deleted: deleted,
    _attachments: {},
    _meta: { lwt: now() },
    _rev: createRevision(collection.database.token),
  };
}

/** Our PostgreSQL storage under a collection (past rxdb's and our wrappers, which patch its bulkWrite). */
function postgresInstanceOf(collection: { storageInstance: object }) {
  const original = (collection.storageInstance as { originalStorageInstance?: unknown })
    .originalStorageInstance;
  return original instanceof RxStorageInstancePostgres
    ? (original as RxStorageInstancePostgres<unknown>)
    : undefined;
}

const validators = new WeakMap<RxCollection<never>, (doc: unknown) => unknown[]>();

/** What the collection's own writes check (database.ts): its schema (ajv) and text PostgreSQL can store. */
function refuseInvalid(collection: RxCollection<never>, document: Record<string, unknown>): void {
  let validate = validators.get(collection);
  if (!validate) {
    validate = getValidator(collection.schema.jsonSchema as never) as (doc: unknown) => unknown[];
    validators.set(collection, validate);
  }
  const id = String(document[collection.schema.primaryPath as string]);
  if (validate(document).length > 0) throw new Error(`write to ${collection.name} failed: 422 ${id}`);
  const unstorable = findUnstorable(document);
  if (unstorable) throw new Error(`write to ${collection.name} failed: 422 ${id} (${unstorable.field})`);
}
