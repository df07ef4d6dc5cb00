import type { RxDatabase } from 'rxdb';
import { collection } from './database';
import type { Parent } from './schema/parents';
import { ensureServerIndex, postgresInstanceOf } from './server-sql';
import { plain, readAll } from './store';

/**
 * The parent accounts holding `iin` (none or one: binding refuses an IIN another account holds), for
 * the IIN-binding check at registration step 4 and the state of a supervisor's `parent.releaseIin`.
 * rxdb's schema of `parents` indexes only the phone, and adding `iin` there would be a schema bump;
 * so on our storage (PGlite or PostgreSQL) one lookup on an expression index `(doc->>'iin')` the server
 * keeps next to rxdb's own (created once, idempotent across processes), instead of a walk of every
 * parent account of the region (~200,000 at issue 16's scale) per request; on rxdb's memory storage
 * a query.
 */
export async function parentsByIin(db: RxDatabase, iin: string): Promise<Parent[]> {
  const instance = postgresInstanceOf(collection(db, 'parents'));
  if (!instance) return readAll(collection(db, 'parents'), { iin });
  const table = instance.table;
  const name = `"${table.slice(1, -1).slice(0, 50)}_iin"`;
  await ensureServerIndex(instance.sql, {
    name,
    lock: 'index:parent_iin',
    ddl: `CREATE INDEX IF NOT EXISTS ${name} ON ${table} ((doc->>'iin')) WHERE NOT deleted`,
  });
  const rows = await instance.sql.query<{ doc: Record<string, unknown> }>(
    `SELECT doc FROM ${table} WHERE doc->>'iin' = $1 AND NOT deleted`,
    [iin],
  );
  return rows.map((r) => plain<Parent>(r.doc));
}
