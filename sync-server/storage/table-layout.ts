import { createHash } from 'node:crypto';
import { getIndexableStringMonad, getPrimaryFieldOfPrimaryKey } from 'rxdb';
import type { RxDocumentData, RxJsonSchema } from 'rxdb';

/**
 * How one collection (at one schema version) is laid out in PostgreSQL: one table, the document as
 * JSONB, and one sortable `text COLLATE "C"` column per rxdb index (see index-key.ts) (architecture.md: "documents as JSONB, one
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
  /** Column of rxdb's ['_meta.lwt', primary] index: the order of getChangedDocumentsSince. */
  changesColumn: string;
  indexStrings: ((doc: RxDocumentData<unknown>) => string)[];
  changesIndexString: (doc: RxDocumentData<unknown>) => string;
}

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
  return {
    table,
    attachmentsTable: `${table}_att`,
    primaryPath,
    indexes,
    columnByIndex,
    changesColumn,
    indexStrings,
    changesIndexString:
      indexStrings[indexes.findIndex((i) => indexName(i) === indexName(['_meta.lwt', primaryPath]))],
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
      ${columns}
    )`,
    ...layout.indexes.map((_, i) => `CREATE INDEX IF NOT EXISTS "${layout.table}_ix${i}" ON ${t} (ix${i})`),
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
  last_lwt double precision NOT NULL DEFAULT 0
)`;
