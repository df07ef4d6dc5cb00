import type { SqlDriver } from './driver';
import { StorageError } from './storage-error';
import { CREATE_REGISTRY, createTableStatements, REGISTRY_TABLE, type TableLayout } from './table-layout';

/** A constant key for pg_advisory_xact_lock: DDL from several processes at once must not collide. */
const DDL_LOCK_KEY = 7_241_117;

/** Tables already created through a given driver: opening a collection again skips the DDL. */
const prepared = new WeakMap<SqlDriver, Set<string>>();

function preparedOf(driver: SqlDriver): Set<string> {
  let set = prepared.get(driver);
  if (!set) {
    set = new Set();
    prepared.set(driver, set);
  }
  return set;
}

/**
 * Creates a collection's tables and its registry row unless they exist. Idempotent and serialised by an
 * advisory lock, so several server processes may start at once.
 */
export async function ensureTables(
  driver: SqlDriver,
  layout: TableLayout,
  owner: { databaseName: string; collectionName: string; version: number; attachments: boolean },
): Promise<void> {
  const done = preparedOf(driver);
  if (done.has(layout.table)) return;
  const signature = JSON.stringify({ indexes: layout.indexes, attachments: owner.attachments });
  await driver.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${DDL_LOCK_KEY})`);
    await tx.query(CREATE_REGISTRY);
    const [known] = await tx.query<{ layout: string }>(
      `SELECT layout FROM ${REGISTRY_TABLE} WHERE name = $1`,
      [layout.table],
    );
    if (known && known.layout !== signature) {
      // Same collection and version but other indexes: rxdb requires a new schema version for that.
      throw new StorageError('storage.layout_mismatch', { collection: owner.collectionName });
    }
    for (const statement of createTableStatements(layout, owner.attachments)) await tx.query(statement);
    if (!known) {
      await tx.query(
        `INSERT INTO ${REGISTRY_TABLE} (name, database_name, collection_name, schema_version, layout)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING`,
        [layout.table, owner.databaseName, owner.collectionName, owner.version, signature],
      );
    }
  });
  done.add(layout.table);
}

/** Drops a collection's tables and registry row (RxStorageInstance.remove). */
export async function dropTables(driver: SqlDriver, layout: TableLayout): Promise<void> {
  await driver.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${DDL_LOCK_KEY})`);
    await tx.query(`DROP TABLE IF EXISTS "${layout.table}"`);
    await tx.query(`DROP TABLE IF EXISTS "${layout.attachmentsTable}"`);
    await tx.query(`DELETE FROM ${REGISTRY_TABLE} WHERE name = $1`, [layout.table]);
  });
  preparedOf(driver).delete(layout.table);
}
