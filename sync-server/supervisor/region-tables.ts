import type { RxCollection, RxDatabase } from 'rxdb';
import { collection, type OrynCollectionName } from '../database';
import { postgresInstanceOf } from '../server-sql';
import type { RxStorageInstancePostgres, SqlDriver } from '../storage';

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
  return postgresInstanceOf(collection(db, name) as RxCollection<unknown>);
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
