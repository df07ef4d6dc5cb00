import type { RxDatabase } from 'rxdb';
import type { Referral } from '../src/schema';
import { collection } from './database';
import type { RxStorageInstancePostgres } from './storage';
import { ensureServerIndex, postgresInstanceOf } from './server-sql';
import { plain, readAll } from './store';

// The table's storage instance under rxdb's wrappers, when it is ours (PGlite or PostgreSQL).
function postgresInstance(db: RxDatabase): RxStorageInstancePostgres<Referral> | undefined {
  return postgresInstanceOf(collection(db, 'referrals'));
}

/**
 * The referrals printed with `code` (normally one; two only if two 8-character codes of older referrals
 * collided), for the public check (issue 17). On our storage one lookup on an expression index
 * `(doc->>'verificationCode')` the server keeps next to rxdb's own indexes — the replicated schema is
 * left alone, so no workstation has to migrate — created once, idempotent across processes; on rxdb's
 * memory storage a query. A code that matches nothing costs the same single index lookup.
 */
export async function referralsByCode(db: RxDatabase, code: string): Promise<Referral[]> {
  const instance = postgresInstance(db);
  if (!instance) return readAll(collection(db, 'referrals'), { verificationCode: code });
  const table = instance.table;
  const name = `"${table.slice(1, -1).slice(0, 44)}_verification_code"`;
  await ensureServerIndex(instance.sql, {
    name,
    lock: 'index:verification_code',
    ddl: `CREATE INDEX IF NOT EXISTS ${name} ON ${table} ((doc->>'verificationCode')) WHERE NOT deleted`,
  });
  const rows = await instance.sql.query<{ doc: Record<string, unknown> }>(
    `SELECT doc FROM ${table} WHERE doc->>'verificationCode' = $1 AND NOT deleted`,
    [code],
  );
  return rows.map((r) => plain<Referral>(r.doc));
}
