import { createHash } from 'node:crypto';
import { getIndexableStringMonad, getPrimaryFieldOfPrimaryKey } from 'rxdb';
import type { RxDocumentData, RxJsonSchema } from 'rxdb';

/**
 * How one collection (at one schema version) is laid out in PostgreSQL: one table, the document as
 * JSONB, and one sortable `text COLLATE "C"` column per rxdb index (see index-key.ts) (docs/architecture.md: "documents as JSONB, one
 * sortable column per RxDB index").
 */
export interface TableLayout {
  /** The documents table; `<table>_att` holds attachment bytes. */
  table: string;
  attachmentsTable: string;
  primaryPath: string;
  /** Index field lists, in column order: column `ix<i>` holds index `indexes[i]`. */
  indexes: string[][];
  /** Index column keyed by the index's field list joined with ','. */
  columnByIndex: Map<string, string>;
  /** Column of rxdb's ['_meta.lwt', primary] index over the document's own `_meta.lwt`. */
  changesColumn: string;
  indexStrings: ((doc: RxDocumentData<unknown>) => string)[];
  changesIndexString: (doc: RxDocumentData<unknown>) => string;
  /**
   * The commit-order key `ckey` of a row: rxdb's `(_meta.lwt, id)` index string over the row's commit
   * lwt `clwt` instead of the document's lwt (see rx-storage-instance-postgres.ts, "checkpoints").
   */
  commitKey: (clwt: number, id: string) => string;
}

/**
 * The shape of our tables. 1: the first (checkpoints on the document's stamped `_meta.lwt`); 2: the
 * commit order in its own columns (`clwt`, `ckey`), the document stored as given, `inserted` for remote
 * change events. `ensureTables` upgrades a table of an older format in place.
 */
export const TABLE_FORMAT = 2;

/** The registry of tables: one row per collection table, also the per-table write lock and lwt floor. */
export const REGISTRY_TABLE = 'rxdb_tables';

/** The channel on which every bulkWrite announces itself (payload: see change-feed.ts). */
export const CHANGES_CHANNEL = 'rxdb_changes';

export function indexName(index: readonly string[]): string {
  return index.join(',');
}

/** Identifiers stay below PostgreSQL's 63 bytes, readable, and unique by a hash of the full name. */
export function tableNameFor(databaseName: string, collectionName: string, version: number): string {
  const full = `${databaseName}\u0000${collectionName}\u0000${version}`;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 10);
  const readable = `${databaseName}_${collectionName}`
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 32);
  return `rx_${readable}_v${version}_${hash}`;
}

export function tableLayoutFor(
  schema: Readonly<RxJsonSchema<RxDocumentData<unknown>>>,
  databaseName: string,
  collectionName: string,
): TableLayout {
  const primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string;
  const seen = new Set<string>();
  const indexes: string[][] = [];
  const add = (index: readonly string[]) => {
    const name = indexName(index);
    if (seen.has(name)) return;
    seen.add(name);
    indexes.push([...index]);
  };
  for (const index of schema.indexes ?? []) add(typeof index === 'string' ? [index] : index);
  // rxdb's fillWithDefaultSettings always adds this one; a raw schema may not have it.
  add(['_meta.lwt', primaryPath]);
  const columnByIndex = new Map(indexes.map((index, i) => [indexName(index), `ix${i}`]));
  const changesColumn = columnByIndex.get(indexName(['_meta.lwt', primaryPath]))!;
  const indexStrings = indexes.map((index) =>
    getIndexableStringMonad(schema as RxJsonSchema<RxDocumentData<unknown>>, index),
  );
  const table = tableNameFor(databaseName, collectionName, schema.version);
  const changesIndexString =
    indexStrings[indexes.findIndex((i) => indexName(i) === indexName(['_meta.lwt', primaryPath]))];
  return {
    table,
    attachmentsTable: `${table}_att`,
    primaryPath,
    indexes,
    columnByIndex,
    changesColumn,
    indexStrings,
    changesIndexString,
    commitKey: (clwt, id) =>
      changesIndexString({ [primaryPath]: id, _meta: { lwt: clwt } } as unknown as RxDocumentData<unknown>),
  };
}

/** DDL for a collection's tables; idempotent so any process may run it. */
export function createTableStatements(layout: TableLayout, withAttachments: boolean): string[] {
  const t = `"${layout.table}"`;
  const columns = layout.indexes.map((_, i) => `ix${i} text COLLATE "C" NOT NULL`).join(', ');
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${t} (
      id text COLLATE "C" PRIMARY KEY,
      lwt double precision NOT NULL,
      deleted boolean NOT NULL,
      doc jsonb NOT NULL,
      clwt double precision NOT NULL,
      ckey text COLLATE "C" NOT NULL,
      inserted boolean NOT NULL DEFAULT false,
      ${columns}
    )`,
    ...layout.indexes.map((_, i) => `CREATE INDEX IF NOT EXISTS "${layout.table}_ix${i}" ON ${t} (ix${i})`),
    `CREATE INDEX IF NOT EXISTS "${layout.table}_ckey" ON ${t} (ckey)`,
    // cleanup() walks deleted documents by age; only deleted rows pay for this index.
    `CREATE INDEX IF NOT EXISTS "${layout.table}_deleted_lwt" ON ${t} (lwt) WHERE deleted`,
  ];
  if (withAttachments) {
    statements.push(`CREATE TABLE IF NOT EXISTS "${layout.attachmentsTable}" (
      doc_id text COLLATE "C" NOT NULL,
      att_id text COLLATE "C" NOT NULL,
      digest text NOT NULL,
      data bytea NOT NULL,
      PRIMARY KEY (doc_id, att_id)
    )`);
  }
  return statements;
}

export const CREATE_REGISTRY = `CREATE TABLE IF NOT EXISTS ${REGISTRY_TABLE} (
  name text COLLATE "C" PRIMARY KEY,
  database_name text NOT NULL,
  collection_name text NOT NULL,
  schema_version integer NOT NULL,
  layout text NOT NULL,
  last_lwt double precision NOT NULL DEFAULT 0,
  format integer NOT NULL DEFAULT 1,
  scopes text NOT NULL DEFAULT '[]'
)`;

/**
 * A format-1 table to format 2, in place (PGlite data folders and databases of earlier versions): until
 * now every document's `_meta.lwt` was stamped in commit order, so its lwt and its changes key are
 * exactly the commit order. Idempotent.
 */
export function upgradeTableStatements(layout: TableLayout): string[] {
  const t = `"${layout.table}"`;
  return [
    `ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS clwt double precision`,
    `ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS ckey text COLLATE "C"`,
    `ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS inserted boolean NOT NULL DEFAULT false`,
    `UPDATE ${t} SET clwt = lwt, ckey = ${layout.changesColumn} WHERE clwt IS NULL OR ckey IS NULL`,
    `ALTER TABLE ${t} ALTER COLUMN clwt SET NOT NULL, ALTER COLUMN ckey SET NOT NULL`,
    `CREATE INDEX IF NOT EXISTS "${layout.table}_ckey" ON ${t} (ckey)`,
  ];
}

/** The registry of an earlier version gets the columns it lacks (run under the DDL lock). */
export const UPGRADE_REGISTRY = [
  `ALTER TABLE ${REGISTRY_TABLE} ADD COLUMN IF NOT EXISTS format integer NOT NULL DEFAULT 1`,
  `ALTER TABLE ${REGISTRY_TABLE} ADD COLUMN IF NOT EXISTS scopes text NOT NULL DEFAULT '[]'`,
];

/**
 * A field a replication scope selects by (`queryModifier` of an endpoint: `kindergartenId = kg`, or
 * "`visibleTo` holds kg" for an array), and so the `/pull` query of that scope can be answered from an
 * index in commit order instead of walking the whole table (changes-query.ts).
 */
export interface ScopeIndex {
  field: string;
  /** An array of strings (matched by "contains"); otherwise a string or number compared for equality. */
  array: boolean;
}

export function scopeIndexesOf(
  schema: Readonly<RxJsonSchema<RxDocumentData<unknown>>>,
  fields: readonly string[] = [],
): ScopeIndex[] {
  const properties = schema.properties as Record<string, { type?: string | string[] } | undefined>;
  return fields.map((field) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field) || !properties[field]) {
      throw new Error(`scope index on ${JSON.stringify(field)}: not a top-level field of the schema`);
    }
    return { field, array: properties[field]?.type === 'array' };
  });
}

/**
 * The scope indexes' DDL, idempotent. An equality field gets a btree on (its text, ckey): one kindergarten's
 * documents after a checkpoint are one index range, already in commit order. An array gets a GIN index
 * (`jsonb_path_ops`, for `@>`): the rows holding a value are found without visiting the others, then
 * sorted by ckey — a few thousand rows for one kindergarten whatever the region's size.
 */
export function scopeIndexStatements(layout: TableLayout, scopes: readonly ScopeIndex[]): string[] {
  const t = `"${layout.table}"`;
  return scopes.map(({ field, array }) => {
    // Named by a hash of the field: the table's name plus a long field name would pass 63 bytes.
    const name = `"${layout.table}_s${createHash('sha256').update(field).digest('hex').slice(0, 8)}"`;
    return array
      ? `CREATE INDEX IF NOT EXISTS ${name} ON ${t} USING gin ((doc->'${field}') jsonb_path_ops)`
      : `CREATE INDEX IF NOT EXISTS ${name} ON ${t} ((doc->>'${field}') COLLATE "C", ckey)`;
  });
}
