import type { RxDatabase } from 'rxdb';
import { collection, type OrynCollectionName } from '../database';
import { RxStorageInstancePostgres, type SqlDriver } from '../storage';

/**
 * The PostgreSQL tables under the collections a supervisor's aggregates read (issue 16: computed in
 * SQL, not over every document of the region in memory). Undefined when the database does not run on
 * our storage (rxdb's memory storage in quick tests): the callers then compute in memory, as before.
 */
export interface RegionTables {
  sql: SqlDriver;
  applications: string;
  bulletins: string;
  referrals: string;
  responses: string;
  kindergartens: string;
}

function instanceOf(
  db: RxDatabase,
  name: OrynCollectionName,
): RxStorageInstancePostgres<unknown> | undefined {
  let instance: unknown = collection(db, name).storageInstance;
  while (instance && !(instance instanceof RxStorageInstancePostgres))
    instance = (instance as { originalStorageInstance?: unknown }).originalStorageInstance;
  return instance as RxStorageInstancePostgres<unknown> | undefined;
}

export function regionTables(db: RxDatabase): RegionTables | undefined {
  const applications = instanceOf(db, 'applications');
  if (!applications) return undefined;
  const table = (name: OrynCollectionName) => instanceOf(db, name)!.table;
  return {
    sql: applications.sql,
    applications: applications.table,
    bulletins: table('bulletins'),
    referrals: table('referrals'),
    responses: table('responses'),
    kindergartens: table('kindergartens'),
  };
}

/** A quoted identifier derived from a quoted table name, within PostgreSQL's 63 bytes. */
export function derivedName(table: string, suffix: string): string {
  return `"${table.slice(1, -1).slice(0, 63 - suffix.length - 1)}_${suffix}"`;
}
