import type { RxCollection } from 'rxdb';
import { RxStorageInstancePostgres, type SqlDriver } from './storage';

/** The PostgreSQL instance under a collection's rxdb wrappers, if the database runs on our storage. */
export function postgresInstanceOf<T>(target: RxCollection<T>): RxStorageInstancePostgres<T> | undefined {
  let instance: unknown = target.storageInstance;
  while (instance && !(instance instanceof RxStorageInstancePostgres))
    instance = (instance as { originalStorageInstance?: unknown }).originalStorageInstance;
  return instance as RxStorageInstancePostgres<T> | undefined;
}

const made = new WeakMap<SqlDriver, Set<string>>();

/**
 * An index the server keeps next to rxdb's own on a collection's table (an expression over `doc` rxdb's
 * schema does not declare, so no workstation has to migrate): created once per driver, idempotent across
 * processes — two processes starting together take the same advisory lock, and the second finds it made.
 */
export async function ensureServerIndex(
  sql: SqlDriver,
  index: { name: string; lock: string; ddl: string },
): Promise<void> {
  const done = made.get(sql) ?? new Set<string>();
  made.set(sql, done);
  if (done.has(index.name)) return;
  await sql.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(5402, hashtext($1))', [index.lock]);
    await tx.query(index.ddl);
  });
  done.add(index.name);
}
