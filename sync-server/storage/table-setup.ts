import type { SqlDriver } from './driver';
import { StorageError } from './storage-error';
import {
  CREATE_REGISTRY,
  createTableStatements,
  REGISTRY_TABLE,
  type ScopeIndex,
  scopeIndexStatements,
  TABLE_FORMAT,
  type TableLayout,
  UPGRADE_REGISTRY,
  upgradeTableStatements,
} from './table-layout';

/** A constant key for pg_advisory_xact_lock: DDL from several processes at once must not collide. */
const DDL_LOCK_KEY = 7_241_117;

interface Owner {
  databaseName: string;
  collectionName: string;
  version: number;
  attachments: boolean;
  scopes: readonly ScopeIndex[];
}

interface RegistryRow {
  layout: string;
  format: number;
  scopes: string;
}

/**
 * Creates a collection's tables and its registry row unless they exist, and brings a table of an older
 * format (TABLE_FORMAT) or without the scope indexes asked for up to date. Idempotent and serialised by
 * an advisory lock, so several server processes may start at once.
 *
 * Whether the table is ready is asked of the database every time, never remembered in the process:
 * another process may have dropped it (its `remove()`, a migration removing an old schema version)
 * since this one last opened it. One indexed read when nothing is to be done.
 */
export async function ensureTables(driver: SqlDriver, layout: TableLayout, owner: Owner): Promise<void> {
  const signature = JSON.stringify({ indexes: layout.indexes, attachments: owner.attachments });
  const scopes = JSON.stringify(owner.scopes.map((s) => s.field));
  const ready = (row: RegistryRow | undefined) =>
    row !== undefined && row.layout === signature && row.format === TABLE_FORMAT && row.scopes === scopes;
  // Before the first collection of a database there is no registry yet: the slow path creates it.
  const [current] = await registryRows(driver, layout).catch(() => []);
  if (ready(current)) return;

  await driver.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${DDL_LOCK_KEY})`);
    await tx.query(CREATE_REGISTRY);
    const [hasFormat] = await tx.query(
      `SELECT 1 FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'scopes'`,
      [REGISTRY_TABLE],
    );
    if (!hasFormat) for (const statement of UPGRADE_REGISTRY) await tx.query(statement);
    const [known] = await registryRows(tx, layout);
    if (known && known.layout !== signature) {
      // Same collection and version but other indexes: rxdb requires a new schema version for that.
      throw new StorageError('storage.layout_mismatch', { collection: owner.collectionName });
    }
    if (known && known.format < TABLE_FORMAT) {
      for (const statement of upgradeTableStatements(layout)) await tx.query(statement);
    }
    for (const statement of createTableStatements(layout, owner.attachments)) await tx.query(statement);
    for (const statement of scopeIndexStatements(layout, owner.scopes)) await tx.query(statement);
    if (known) {
      await tx.query(`UPDATE ${REGISTRY_TABLE} SET format = $2, scopes = $3 WHERE name = $1`, [
        layout.table,
        TABLE_FORMAT,
        scopes,
      ]);
    } else {
      await tx.query(
        `INSERT INTO ${REGISTRY_TABLE} (name, database_name, collection_name, schema_version, layout, format, scopes)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING`,
        [
          layout.table,
          owner.databaseName,
          owner.collectionName,
          owner.version,
          signature,
          TABLE_FORMAT,
          scopes,
        ],
      );
    }
  });
}

function registryRows(db: Pick<SqlDriver, 'query'>, layout: TableLayout): Promise<RegistryRow[]> {
  return db.query<RegistryRow>(`SELECT layout, format, scopes FROM ${REGISTRY_TABLE} WHERE name = $1`, [
    layout.table,
  ]);
}

/** Drops a collection's tables and registry row (RxStorageInstance.remove). */
export async function dropTables(driver: SqlDriver, layout: TableLayout): Promise<void> {
  await driver.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${DDL_LOCK_KEY})`);
    await tx.query(`DROP TABLE IF EXISTS "${layout.table}"`);
    await tx.query(`DROP TABLE IF EXISTS "${layout.attachmentsTable}"`);
    await tx.query(`DELETE FROM ${REGISTRY_TABLE} WHERE name = $1`, [layout.table]);
  });
}
