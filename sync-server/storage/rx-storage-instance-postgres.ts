import {
  categorizeBulkWriteRows,
  getQueryMatcher,
  getSortComparator,
  getStartIndexStringFromLowerBound,
  getHeightOfRevision,
  getStartIndexStringFromUpperBound,
  now,
} from 'rxdb';
import type {
  BulkWriteRow,
  EventBulk,
  FilledMangoQuery,
  PreparedQuery,
  RxConflictResultionTask,
  RxConflictResultionTaskSolution,
  RxDocumentData,
  RxJsonSchema,
  RxStorage,
  RxStorageBulkWriteResponse,
  RxStorageChangeEvent,
  RxStorageCountResult,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
  RxStorageQueryResult,
  RxStorageWriteError,
} from 'rxdb';
import { type Observable, Subject } from 'rxjs';
import { type ChangeBulk, type ChangeFeed, changeFeedOf, type RemoteReader } from './change-feed';
import { type ChangesQuery, changesQueryOf, scopeConditionOf } from './changes-query';
import { documentJson } from './document-json';
import { type SqlDriver, type SqlExecutor, sqlText } from './driver';
import { indexKeyText } from './index-key';
import { StorageError } from './storage-error';
import { dropTables } from './table-setup';
import {
  CHANGES_CHANNEL,
  indexName,
  REGISTRY_TABLE,
  type ScopeIndex,
  type TableLayout,
} from './table-layout';

/** What rxdb may read as `instance.internals`: the driver (for the server's own SQL) and the layout. */
export interface PostgresStorageInternals {
  driver: SqlDriver;
  layout: TableLayout;
  /** The scope indexes this table has (from `options.scopeIndexes`). */
  scopes: readonly ScopeIndex[];
}

/** A collection's options (rxdb's `instanceCreationOptions`). */
export interface PostgresInstanceOptions {
  /**
   * Top-level fields replication scopes select by (`kindergartenId`, or an array such as `visibleTo`):
   * each gets an index, and a `/pull` whose scope names one is answered from it in commit order instead
   * of walking the table (table-layout.ts `scopeIndexStatements`, changes-query.ts).
   */
  scopeIndexes?: string[];
  /**
   * Whether other processes hear of this collection's writes (change-feed.ts: a NOTIFY per commit, read
   * back into their changeStream). `'documents'`, the default, for every collection rxdb reads through
   * its document and query caches or whose changes something follows live; `'none'` for a collection
   * read only through the storage itself and followed by nobody elsewhere (the action processor's
   * journal and entity clocks): its commits send no notice, and none is read back. Every process must
   * open a collection with the same value. Within a process its changeStream is unchanged.
   */
  remoteChanges?: 'documents' | 'none';
}

type Doc = RxDocumentData<Record<string, unknown>>;

/** A row read in commit order: the document as written and its commit lwt (see bulkWrite). */
interface CommitRow {
  clwt: number;
  doc: Doc;
}

/**
 * The bulkWrite context of a write that replaces documents whole, whatever revision of them it was
 * made over (the server's `writeDocs`, store.ts): each row's `previous` is the version stored at the
 * moment of the write, read inside the table's lock, and its revision follows that one. The writer
 * needs no read of its own before writing and never meets a 409.
 */
export const OVERWRITE_CONTEXT = 'oryn-overwrite';

/** One table's part of a write, decided and ready for its SQL (planWrite). */
export interface PlannedWrite {
  table: string;
  categorized: ReturnType<typeof categorizeBulkWriteRows<Doc>>;
  /** The rows for `upsertSql`, as one JSON text. */
  rowsJson: string;
  /** The change notice of the commit (change-feed.ts); empty for a process-local collection. */
  notice: string;
  /** The last row in commit order; undefined when nothing is written. */
  newest: { clwt: number; id: string } | undefined;
}

/**
 * Rows of an overwrite (OVERWRITE_CONTEXT) made over the stored versions: the stored one becomes
 * `previous`, the revision its successor (keeping the writer's token), attachments stay. A deletion of
 * a document that is not there is nothing to write.
 */
function overwriting(
  rows: readonly BulkWriteRow<Doc>[],
  inDb: Map<string, Doc>,
  pp: string,
): BulkWriteRow<Doc>[] {
  const out: BulkWriteRow<Doc>[] = [];
  for (const { document } of rows) {
    const previous = inDb.get(document[pp] as string);
    if (!previous) {
      if (!document._deleted) out.push({ document });
      continue;
    }
    const token = document._rev.slice(document._rev.indexOf('-') + 1);
    out.push({
      previous,
      document: {
        ...document,
        _rev: `${getHeightOfRevision(previous._rev) + 1}-${token}`,
        _attachments: previous._attachments ?? {},
      },
    });
  }
  return out;
}

/** Two decimals, as rxdb's `now()` makes them: index strings encode lwt with exactly two. */
const twoDecimals = (n: number) => Number.parseFloat(n.toFixed(2));

/**
 * One rxdb collection (at one schema version) in one PostgreSQL table. The reference for every
 * behaviour is rxdb's memory storage (node_modules/rxdb/src/plugins/storage-memory); the differences
 * are persistence, SQL index ranges, and the commit order described at bulkWrite.
 */
export class RxStorageInstancePostgres<RxDocType>
  implements
    RxStorageInstance<
      RxDocType,
      PostgresStorageInternals,
      PostgresInstanceOptions,
      RxStorageDefaultCheckpoint
    >
{
  readonly primaryPath: string;
  closed = false;
  private removed = false;
  private readonly driver: SqlDriver;
  private readonly layout: TableLayout;
  private readonly feed: ChangeFeed;
  private readonly t: string;
  /** Rows written since the table's statistics were last refreshed, and the table's size then. */
  private unanalyzed = 0;
  private analyzedRows = 0;

  constructor(
    readonly storage: RxStorage<PostgresStorageInternals, PostgresInstanceOptions>,
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>,
    readonly internals: PostgresStorageInternals,
    readonly options: Readonly<PostgresInstanceOptions>,
    private readonly changes: Subject<ChangeBulk>,
  ) {
    this.driver = internals.driver;
    this.layout = internals.layout;
    this.primaryPath = internals.layout.primaryPath;
    this.feed = changeFeedOf(this.driver);
    this.t = `"${this.layout.table}"`;
  }

  /**
   * One transaction per call. It first locks the table's registry row, so writes to one collection are
   * serialised across every connection and process; inside the lock it reads the stored revisions
   * (conflicts are decided against committed state), then gives each written row a **commit lwt**
   * (`clwt`) strictly above the table's last committed one: the document's own `_meta.lwt` when that is
   * higher, else the last plus 0.01. The document itself is stored exactly as given (rxdb's contract:
   * replication with `keepMeta` keeps `_meta.lwt`). Checkpoints — getChangedDocumentsSince, the `/pull`
   * query, change events — are `(clwt, id)` on the `ckey` column, so a checkpoint handed to a puller can
   * never be overtaken by a commit that lands below it (another process's clock, a slower transaction, a
   * replicated document carrying an old lwt), which is what rxdb-server's `/pull` paging relies on
   * (docs/stack.md, "Checkpoint safety"). Writers in one process hand out increasing lwts, so `clwt` equals
   * `_meta.lwt` unless writers raced or the lwt came from elsewhere.
   */
  bulkWrite(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    this.ensureOpen();
    if (documentWrites.length === 0) return Promise.resolve({ error: [] });
    return this.feed.serialize(this.layout.table, () => this.writeInTransaction(documentWrites, context));
  }

  private async writeInTransaction(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    const pp = this.primaryPath;
    const layout = this.layout;
    const rows = documentWrites as unknown as BulkWriteRow<Doc>[];

    const planned = await this.driver.transaction(async (tx) => {
      // Without parameters (the name is ours, a literal): the driver sends it together with BEGIN.
      const lock = await tx.query<{ last_lwt: number }>(
        `SELECT last_lwt FROM ${REGISTRY_TABLE} WHERE name = ${sqlText(layout.table)} FOR UPDATE`,
      );
      if (lock.length === 0) throw new StorageError('storage.removed', { collection: this.collectionName });
      const inDb = await this.readByIds(
        tx,
        rows.map((r) => r.document[pp] as string),
        true,
      );
      const plan = this.planWrite(rows, context, inDb, lock[0].last_lwt);
      if (!plan.newest) return plan;
      await this.writeAttachments(tx, plan.categorized);
      // The documents, the table's new lwt floor and the notice in one statement: one round trip.
      const bump = `WITH upsert AS (${this.upsertSql(1)}),
           bump AS (UPDATE ${REGISTRY_TABLE} SET last_lwt = $3 WHERE name = $2 RETURNING 1)`;
      // A process-local collection (`remoteChanges: 'none'`) has no notice to send.
      if (plan.notice === '')
        await tx.query(`${bump} SELECT 1 FROM bump`, [plan.rowsJson, layout.table, plan.newest.clwt]);
      else
        await tx.query(`${bump} SELECT pg_notify($4, $5) FROM bump`, [
          plan.rowsJson,
          layout.table,
          plan.newest.clwt,
          CHANGES_CHANNEL,
          plan.notice,
        ]);
      return plan;
    });
    return this.afterCommit(planned);
  }

  /**
   * Decides one write against the stored versions (`inDb`, read inside the table's lock) and the
   * table's last commit lwt: rxdb's categorisation (inserts, updates, 409 conflicts), each written
   * row's commit lwt, and the rows as the upsert's JSON. With OVERWRITE_CONTEXT each row replaces what
   * is stored whatever revision it was made over (see `overwriting`). Shared by bulkWrite and by
   * writes of several tables in one transaction (write-together.ts), which run the SQL themselves.
   */
  planWrite(rows: BulkWriteRow<Doc>[], context: string, inDb: readonly Doc[], floor: number): PlannedWrite {
    const pp = this.primaryPath;
    const layout = this.layout;
    const docsInDb = new Map<string, Doc>();
    for (const doc of inDb) docsInDb.set(doc[pp] as string, doc);
    const writes = context === OVERWRITE_CONTEXT ? overwriting(rows, docsInDb, pp) : rows;
    const categorized = categorizeBulkWriteRows<Doc>(this as never, pp as never, docsInDb, writes, context);
    const written = [...categorized.bulkInsertDocs, ...categorized.bulkUpdateDocs];
    const table = layout.table;
    if (written.length === 0) return { table, categorized, rowsJson: '[]', notice: '', newest: undefined };
    // Remote listeners announce what this write was (change-feed.ts): kept with the row.
    const inserts = new Set(
      categorized.eventBulk.events.filter((e) => e.operation === 'INSERT').map((e) => e.documentId),
    );
    const stamp = twoDecimals(floor + 0.01) > floor ? twoDecimals(floor + 0.01) : floor + 0.01;
    let lo = Number.POSITIVE_INFINITY;
    let newest = { clwt: Number.NEGATIVE_INFINITY, id: '' };
    const parts: string[] = [];
    for (const { document } of written) {
      const id = document[pp] as string;
      const lwt = document._meta.lwt;
      const clwt = lwt > floor ? lwt : stamp;
      if (clwt < lo) lo = clwt;
      if (clwt > newest.clwt || (clwt === newest.clwt && id > newest.id)) newest = { clwt, id };
      let part = `[${JSON.stringify(id)},${lwt},${document._deleted ? 'true' : 'false'},${documentJson(document, id)}`;
      part += `,${clwt},${JSON.stringify(indexKeyText(layout.commitKey(clwt, id)))},${inserts.has(id)}`;
      for (const indexString of layout.indexStrings)
        part += `,${JSON.stringify(indexKeyText(indexString(document)))}`;
      parts.push(`${part}]`);
    }
    return {
      table,
      categorized,
      rowsJson: `[${parts.join(',')}]`,
      notice: this.options?.remoteChanges === 'none' ? '' : this.feed.notice(table, lo, newest.clwt),
      newest,
    };
  }

  /** After the write's transaction committed: the feed's position, statistics, and rxdb's change events. */
  afterCommit(planned: PlannedWrite): RxStorageBulkWriteResponse<RxDocType> {
    const { categorized, newest } = planned;
    if (newest) {
      this.feed.committed(this.layout.table, newest.clwt);
      this.refreshStatisticsAfter(categorized.bulkInsertDocs.length + categorized.bulkUpdateDocs.length);
    }
    // rxdb expects the change events before bulkWrite resolves (docs/stack.md).
    if (newest && categorized.eventBulk.events.length > 0) {
      categorized.eventBulk.checkpoint = { id: newest.id, lwt: newest.clwt };
      categorized.eventBulk.endTime = now();
      this.changes.next(categorized.eventBulk as ChangeBulk);
    }
    return { error: categorized.errors as unknown as RxStorageWriteError<RxDocType>[] };
  }

  /** The stored documents with the ids in JSON parameter `$n` (deleted ones too, or not), as `SELECT doc`. */
  readSql(param: number, withDeleted = true): string {
    const ids = `id = ANY(ARRAY(SELECT jsonb_array_elements_text($${param}::jsonb)))`;
    return `SELECT doc FROM ${this.t} WHERE ${ids}${withDeleted ? '' : ' AND NOT deleted'}`;
  }

  /** The feed this table's writes are serialised and announced on. */
  get changeFeed(): ChangeFeed {
    return this.feed;
  }

  /** The table's name (unquoted), as the registry and the change notices name it. */
  get tableName(): string {
    return this.layout.table;
  }

  /**
   * The planner picks index scans for `ORDER BY ix LIMIT n` only when it knows the table is large. After
   * a bulk load its statistics still say "empty" (PGlite has no autovacuum at all, PostgreSQL's runs
   * later), it chooses a bitmap scan plus a sort of the whole range, and each /pull page costs 30×
   * more. So the table is analysed once the writes since the last time reach a fifth of its size.
   */
  private refreshStatisticsAfter(rows: number): void {
    this.unanalyzed += rows;
    if (this.unanalyzed < Math.max(1_000, this.analyzedRows / 5)) return;
    this.analyzedRows += this.unanalyzed;
    this.unanalyzed = 0;
    this.driver.query(`ANALYZE ${this.t}`).catch(() => {});
  }

  /** The upsert of planned rows given as JSON in parameter `$n` (see planWrite). */
  upsertSql(param: number): string {
    const ix = this.layout.indexes.map((_, i) => `ix${i}`);
    const columns = ['id', 'lwt', 'deleted', 'doc', 'clwt', 'ckey', 'inserted', ...ix].join(', ');
    const values = [
      'r->>0',
      '(r->>1)::float8',
      '(r->>2)::boolean',
      '(r->3)::jsonb',
      '(r->>4)::float8',
      'r->>5',
      '(r->>6)::boolean',
      ...ix.map((_, i) => `r->>${i + 7}`),
    ].join(', ');
    const updates = ['lwt', 'deleted', 'doc', 'clwt', 'ckey', 'inserted', ...ix]
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ');
    return `INSERT INTO ${this.t} (${columns})
      SELECT ${values} FROM json_array_elements($${param}::json) AS r
      ON CONFLICT (id) DO UPDATE SET ${updates}`;
  }

  private async writeAttachments(
    tx: SqlExecutor,
    categorized: ReturnType<typeof categorizeBulkWriteRows<Doc>>,
  ): Promise<void> {
    if (!this.schema.attachments) return;
    const att = `"${this.layout.attachmentsTable}"`;
    const put = [...categorized.attachmentsAdd, ...categorized.attachmentsUpdate].map((a) => [
      a.documentId,
      a.attachmentId,
      a.digest,
      a.attachmentData.data,
    ]);
    if (put.length > 0) {
      await tx.query(
        `INSERT INTO ${att} (doc_id, att_id, digest, data)
         SELECT r->>0, r->>1, r->>2, decode(r->>3, 'base64') FROM jsonb_array_elements($1::jsonb) AS r
         ON CONFLICT (doc_id, att_id) DO UPDATE SET digest = EXCLUDED.digest, data = EXCLUDED.data`,
        [JSON.stringify(put)],
      );
    }
    const drop = categorized.attachmentsRemove.map((a) => [a.documentId, a.attachmentId]);
    if (drop.length > 0) {
      await tx.query(
        `DELETE FROM ${att} WHERE (doc_id, att_id) IN
         (SELECT r->>0, r->>1 FROM jsonb_array_elements($1::jsonb) AS r)`,
        [JSON.stringify(drop)],
      );
    }
  }

  private async readByIds(db: SqlExecutor, ids: string[], withDeleted: boolean): Promise<Doc[]> {
    if (ids.length === 0) return [];
    const rows = await db.query<{ doc: Doc }>(this.readSql(1, withDeleted), [JSON.stringify(ids)]);
    return rows.map((r) => r.doc);
  }

  async findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    this.ensureOpen();
    const docs = await this.readByIds(this.driver, ids, withDeleted);
    // Answer in the order asked, as the memory storage does.
    const byId = new Map(docs.map((d) => [d[this.primaryPath] as string, d]));
    const out: Doc[] = [];
    for (const id of ids) {
      const doc = byId.get(id);
      if (doc) out.push(doc);
    }
    return out as unknown as RxDocumentData<RxDocType>[];
  }

  /**
   * rxdb's query plan picks an index and a key range; that range becomes a SQL range on the index's
   * column, in index order. Whatever the index does not decide is left to rxdb's own matcher and sort
   * comparator, so results equal the memory storage's exactly.
   */
  async query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    this.ensureOpen();
    const { query, queryPlan: plan } = preparedQuery;
    const skip = query.skip ?? 0;
    const limit = query.limit ?? Number.POSITIVE_INFINITY;
    const end = skip + limit;
    const changes = changesQueryOf(query as FilledMangoQuery<unknown>, this.primaryPath);
    if (changes) return this.queryChanges(changes, query, skip, end);
    const matcher = plan.selectorSatisfiedByIndex ? undefined : getQueryMatcher(this.schema, query);
    const range = this.rangeOf(preparedQuery);

    let docs: Doc[];
    if (!range) {
      // An index rxdb was told to use but the table does not have: scan, match and sort in JS.
      docs = (await this.driver.query<{ doc: Doc }>(`SELECT doc FROM ${this.t}`)).map((r) => r.doc);
      if (matcher) docs = docs.filter((d) => matcher(d as never));
      docs.sort(getSortComparator(this.schema, query) as never);
      docs = docs.slice(skip, end);
    } else if (plan.sortSatisfiedByIndex && !matcher) {
      const sqlLimit = Number.isFinite(limit) ? ` LIMIT ${Math.floor(limit)}` : '';
      docs = (
        await this.driver.query<{ doc: Doc }>(
          `SELECT doc FROM ${this.t} WHERE ${range.where} ORDER BY ${range.column}${sqlLimit} OFFSET ${Math.floor(skip)}`,
          range.params,
        )
      ).map((r) => r.doc);
    } else if (plan.sortSatisfiedByIndex && Number.isFinite(end)) {
      // Walk the index in pages until enough documents matched.
      docs = [];
      const indexString = range.indexString;
      let after: string | undefined;
      for (;;) {
        const page = Math.max(Math.floor(end) - docs.length, 64);
        const params = after === undefined ? range.params : [...range.params, after];
        const where = after === undefined ? range.where : `${range.where} AND ${range.column} > $3`;
        const rows = await this.driver.query<{ doc: Doc }>(
          `SELECT doc FROM ${this.t} WHERE ${where} ORDER BY ${range.column} LIMIT ${page}`,
          params,
        );
        for (const { doc } of rows) if (matcher!(doc as never)) docs.push(doc);
        if (docs.length >= end || rows.length < page) break;
        after = indexKeyText(indexString(rows[rows.length - 1].doc));
      }
      docs = docs.slice(skip, end);
    } else {
      docs = (
        await this.driver.query<{ doc: Doc }>(
          `SELECT doc FROM ${this.t} WHERE ${range.where} ORDER BY ${range.column}`,
          range.params,
        )
      ).map((r) => r.doc);
      if (matcher) docs = docs.filter((d) => matcher(d as never));
      if (!plan.sortSatisfiedByIndex) docs.sort(getSortComparator(this.schema, query) as never);
      docs = docs.slice(skip, end);
    }
    return { documents: docs as unknown as RxDocumentData<RxDocType>[] };
  }

  /**
   * A `/pull` (see changes-query.ts): the checkpoint condition is a SQL range on the commit-order key,
   * narrowed by a scope index when the endpoint's scope names one (only that kindergarten's rows are
   * read, whatever the size of the table). rxdb-server makes the next checkpoint from the last
   * document's `_meta.lwt`, so the documents of this answer carry their commit lwt there: it differs
   * from the stored `_meta.lwt` only for a document that was written below the table's last commit.
   */
  private async queryChanges(
    changes: ChangesQuery,
    query: FilledMangoQuery<RxDocType>,
    skip: number,
    end: number,
  ): Promise<RxStorageQueryResult<RxDocType>> {
    const matcher =
      Object.keys(changes.rest).length === 0
        ? undefined
        : getQueryMatcher(this.schema, { ...query, selector: changes.rest } as FilledMangoQuery<RxDocType>);
    const scope = scopeConditionOf(changes.rest, this.internals.scopes);
    let after = this.commitKeyAfter(changes.after);
    const docs: Doc[] = [];
    const limited = Number.isFinite(end);
    for (;;) {
      const page = limited ? Math.max(Math.floor(end) - docs.length, 64) : 0;
      const rows = await this.driver.query<CommitRow & { ckey: string }>(
        `SELECT clwt, ckey, doc FROM ${this.t} WHERE ckey > $1${scope ? ` AND ${scope.where}` : ''}
         ORDER BY ckey${limited ? ` LIMIT ${page}` : ''}`,
        scope ? [after, scope.param] : [after],
      );
      for (const row of rows) if (!matcher || matcher(row.doc as never)) docs.push(withCommitLwt(row));
      if (!limited || docs.length >= end || rows.length < page) break;
      after = rows[rows.length - 1].ckey;
    }
    return { documents: docs.slice(skip, end) as unknown as RxDocumentData<RxDocType>[] };
  }

  /** The commit-order key strictly after which a checkpoint's changes start. */
  private commitKeyAfter(checkpoint: RxStorageDefaultCheckpoint): string {
    return indexKeyText(
      getStartIndexStringFromLowerBound(
        this.schema,
        ['_meta.lwt', this.primaryPath],
        [checkpoint.lwt, checkpoint.id],
      ),
    );
  }

  /**
   * The SQL of a query's index range, for the server's own aggregates over it (a queue's counts
   * instead of its documents): the table, a WHERE clause over the range's column with `$1`/`$2`, and
   * their values. Undefined when the query's index is not a column of the table. Only the index range:
   * conditions the index does not decide are the caller's.
   */
  indexRange(
    preparedQuery: PreparedQuery<RxDocType>,
  ): { table: string; where: string; params: string[] } | undefined {
    this.ensureOpen();
    const range = this.rangeOf(preparedQuery);
    return range && { table: this.t, where: range.where, params: range.params };
  }

  /** The driver under this table (the server's aggregates run on it). */
  get sql(): SqlDriver {
    return this.driver;
  }

  /** The table's quoted name, for the server's own statements over it. */
  get table(): string {
    return this.t;
  }

  private rangeOf(preparedQuery: PreparedQuery<RxDocType>) {
    const plan = preparedQuery.queryPlan;
    const column = this.layout.columnByIndex.get(indexName(plan.index));
    if (!column) return undefined;
    const position = Number(column.slice(2));
    const lower = getStartIndexStringFromLowerBound(this.schema, plan.index, plan.startKeys);
    const upper = getStartIndexStringFromUpperBound(this.schema, plan.index, plan.endKeys);
    return {
      column,
      indexString: this.layout.indexStrings[position],
      where: `${column} ${plan.inclusiveStart ? '>=' : '>'} $1 AND ${column} ${plan.inclusiveEnd ? '<=' : '<'} $2`,
      params: [indexKeyText(lower), indexKeyText(upper)],
    };
  }

  async count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    this.ensureOpen();
    const range = this.rangeOf(preparedQuery);
    if (range && preparedQuery.queryPlan.selectorSatisfiedByIndex) {
      const [row] = await this.driver.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${this.t} WHERE ${range.where}`,
        range.params,
      );
      const skip = preparedQuery.query.skip ?? 0;
      const limit = preparedQuery.query.limit ?? Number.POSITIVE_INFINITY;
      return { count: Math.min(Math.max(row.n - skip, 0), limit), mode: 'fast' };
    }
    const result = await this.query(preparedQuery);
    return { count: result.documents.length, mode: 'fast' };
  }

  /** Pages by the commit order `(clwt, id)`: strictly after the checkpoint, which is in that order too. */
  async getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    this.ensureOpen();
    const lower = checkpoint ? this.commitKeyAfter(checkpoint) : undefined;
    const rows = await this.driver.query<CommitRow>(
      `SELECT clwt, doc FROM ${this.t} ${lower ? 'WHERE ckey > $1' : ''} ORDER BY ckey LIMIT ${Math.floor(limit)}`,
      lower ? [lower] : [],
    );
    const last = rows[rows.length - 1];
    return {
      documents: rows.map((r) => r.doc) as unknown as RxDocumentData<RxDocType>[],
      checkpoint: last
        ? { id: last.doc[this.primaryPath] as string, lwt: last.clwt }
        : (checkpoint ?? { id: '', lwt: 0 }),
    };
  }

  changeStream(): Observable<
    EventBulk<RxStorageChangeEvent<RxDocumentData<RxDocType>>, RxStorageDefaultCheckpoint>
  > {
    this.ensureNotRemoved();
    return this.changes.asObservable() as never;
  }

  /** Deletes documents deleted longer ago than `minimumDeletedTime` ms, with their attachments. */
  async cleanup(minimumDeletedTime: number): Promise<boolean> {
    this.ensureOpen();
    const before = now() - minimumDeletedTime;
    await this.driver.transaction(async (tx) => {
      const gone = await tx.query<{ id: string }>(
        `DELETE FROM ${this.t} WHERE deleted AND lwt < $1 RETURNING id`,
        [before],
      );
      if (this.schema.attachments && gone.length > 0) {
        await tx.query(
          `DELETE FROM "${this.layout.attachmentsTable}"
           WHERE doc_id = ANY(ARRAY(SELECT jsonb_array_elements_text($1::jsonb)))`,
          [JSON.stringify(gone.map((g) => g.id))],
        );
      }
    });
    return true;
  }

  async getAttachmentData(documentId: string, attachmentId: string, digest: string): Promise<string> {
    this.ensureOpen();
    const rows = this.schema.attachments
      ? await this.driver.query<{ data: string }>(
          `SELECT encode(data, 'base64') AS data FROM "${this.layout.attachmentsTable}"
           WHERE doc_id = $1 AND att_id = $2 AND digest = $3`,
          [documentId, attachmentId, digest],
        )
      : [];
    if (!digest || rows.length === 0) {
      throw new StorageError('storage.attachment_missing', { documentId, attachmentId });
    }
    // PostgreSQL wraps base64 output every 76 characters.
    return rows[0].data.replace(/\n/g, '');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.feed.leave(this.layout.table);
  }

  async remove(): Promise<void> {
    // rxdb's contract (and its memory storage): a plain Error, whatever the storage's own error class.
    if (this.closed) {
      throw Object.assign(new Error(`storage.closed: remove() after close() of ${this.collectionName}`), {
        code: 'storage.closed',
      });
    }
    this.ensureOpen();
    await dropTables(this.driver, this.layout);
    this.removed = true;
    await this.close();
  }

  // Conflicts are resolved by rxdb's replication, never inside the storage (as in the memory storage).
  conflictResultionTasks(): Observable<RxConflictResultionTask<RxDocType>> {
    return new Subject<RxConflictResultionTask<RxDocType>>().asObservable();
  }
  async resolveConflictResultionTask(_solution: RxConflictResultionTaskSolution<RxDocType>): Promise<void> {}

  private ensureOpen(): void {
    this.ensureNotRemoved();
    if (this.closed) throw new StorageError('storage.closed', { collection: this.collectionName });
  }

  private ensureNotRemoved(): void {
    if (this.removed) throw new StorageError('storage.removed', { collection: this.collectionName });
  }
}

/** A document as the `/pull` answer carries it: `_meta.lwt` is its commit lwt (see queryChanges). */
function withCommitLwt({ clwt, doc }: CommitRow): Doc {
  return doc._meta.lwt === clwt ? doc : { ...doc, _meta: { ...doc._meta, lwt: clwt } };
}

/** Ranges of one read-back statement (remoteReaderFor). */
const RANGES_PER_READ = 8;

/**
 * Reads remote commits back as change events: their rows, by their commit lwt ranges, in commit order,
 * in one statement for up to 8 commits that waited (change-feed.ts reads whatever arrived meanwhile at
 * once).
 */
export function remoteReaderFor(
  driver: SqlDriver,
  layout: TableLayout,
  schema: RxJsonSchema<RxDocumentData<unknown>>,
): RemoteReader {
  const index = ['_meta.lwt', layout.primaryPath];
  // One index range scan per range, OR-ed (a bitmap scan), sorted. Not a join with the ranges as rows:
  // PostgreSQL then walks the whole table in ckey order for the ORDER BY and matches every row against
  // every range (measured: 5 ms a read-back at 5,000 rows, growing with the table).
  const sqlFor = (n: number) =>
    `SELECT clwt, inserted, doc FROM "${layout.table}" WHERE ${Array.from(
      { length: n },
      (_, i) => `(ckey >= $${2 * i + 1} AND ckey <= $${2 * i + 2})`,
    ).join(' OR ')} ORDER BY ckey`;
  return async (ranges) => {
    const rows: (CommitRow & { inserted: boolean })[] = [];
    // A few statement texts only (each is prepared once per connection): at most 8 ranges a statement,
    // in ascending order, so the rows of consecutive statements stay in commit order.
    for (let at = 0; at < ranges.length; at += RANGES_PER_READ) {
      const chunk = ranges.slice(at, at + RANGES_PER_READ);
      // The commit key spans (clwt, id): from (lo, lowest id) to (hi, highest id) is the commit.
      const keys = chunk.flatMap(([lo, hi]) => [
        indexKeyText(getStartIndexStringFromLowerBound(schema, index, [lo, undefined])),
        indexKeyText(getStartIndexStringFromUpperBound(schema, index, [hi, undefined])),
      ]);
      rows.push(...(await driver.query<CommitRow & { inserted: boolean }>(sqlFor(chunk.length), keys)));
    }
    if (rows.length === 0) return undefined;
    const pp = layout.primaryPath;
    // What the writing process's own event said, kept with the row (`inserted`): an insert arrives as
    // INSERT (rxdb's RxState, for one, applies only those). The previous state is not known here, which
    // rxdb's event-reduce handles (rx-change-event.ts: previous 'UNKNOWN'). A row written again before
    // it was read back lies outside this commit's range and comes with the later commit's notice.
    const events: RxStorageChangeEvent<RxDocumentData<unknown>>[] = rows.map(({ doc, inserted }) => ({
      documentId: doc[pp] as string,
      documentData: doc as RxDocumentData<unknown>,
      previousDocumentData: undefined,
      operation: doc._deleted ? 'DELETE' : inserted ? 'INSERT' : 'UPDATE',
    }));
    const last = rows[rows.length - 1];
    const time = now();
    return {
      id: `remote-${last.clwt}-${last.doc[pp]}`,
      events,
      checkpoint: { id: last.doc[pp] as string, lwt: last.clwt },
      context: 'postgres-notify',
      startTime: time,
      endTime: time,
    };
  };
}
