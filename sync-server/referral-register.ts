import type { RxDatabase } from 'rxdb';
import type { Referral } from '../src/schema';
import { collection } from './database';
import { ensureServerIndex, postgresInstanceOf } from './server-sql';
import { plain, readAll } from './store';

/** What the public list of a kindergarten's referrals reads of each: never the IIN or the full name leaves here. */
export type RegisterEntry = Pick<
  Referral,
  'id' | 'groupId' | 'childName' | 'activatedAt' | 'queueNumber' | 'status'
>;

export interface RegisterPage {
  total: number;
  entries: RegisterEntry[];
}

const pick = (r: Referral): RegisterEntry => ({
  id: r.id,
  groupId: r.groupId,
  childName: r.childName,
  activatedAt: r.activatedAt,
  ...(r.queueNumber !== undefined ? { queueNumber: r.queueNumber } : {}),
  status: r.status,
});

/** Newest first; ties (one workstation's batch) by id, so pages never overlap or skip. */
const newestFirst = (a: Referral, b: Referral) =>
  b.activatedAt.localeCompare(a.activatedAt) || b.id.localeCompare(a.id);

/** The two statements, over the index's expressions (a test reads their plans). */
export function registerSql(table: string): { count: string; page: string } {
  const where = `doc->>'kindergartenId' = $1 AND NOT deleted`;
  return {
    count: `SELECT count(*) AS n FROM ${table} WHERE ${where}`,
    page: `SELECT doc FROM ${table} WHERE ${where} ORDER BY doc->>'activatedAt' DESC, id DESC LIMIT $2 OFFSET $3`,
  };
}

/**
 * One page of a kindergarten's referrals, newest first, and how many there are (issue 14, item 17: the
 * «Список всех направлений в детский сад»). On our storage an index `(kindergartenId, activatedAt,
 * id)` the server keeps next to rxdb's own (the replicated schema is left alone) answers both the page
 * and the count without reading the kindergarten's other referrals; on rxdb's memory storage a query.
 */
export async function referralRegister(
  db: RxDatabase,
  kindergartenId: string,
  page: { limit: number; offset: number },
): Promise<RegisterPage> {
  const referrals = collection(db, 'referrals');
  const instance = postgresInstanceOf(referrals);
  if (!instance) {
    const all = (await readAll<Referral>(referrals, { kindergartenId })).sort(newestFirst);
    return { total: all.length, entries: all.slice(page.offset, page.offset + page.limit).map(pick) };
  }
  const table = instance.table;
  const name = `"${table.slice(1, -1).slice(0, 44)}_kg_issued"`;
  await ensureServerIndex(instance.sql, {
    name,
    lock: 'index:referral_register',
    ddl: `CREATE INDEX IF NOT EXISTS ${name} ON ${table} ((doc->>'kindergartenId'), (doc->>'activatedAt') DESC, id DESC) WHERE NOT deleted`,
  });
  const sql = registerSql(table);
  const [count] = await instance.sql.query<{ n: number | string }>(sql.count, [kindergartenId]);
  const rows = await instance.sql.query<{ doc: Record<string, unknown> }>(sql.page, [
    kindergartenId,
    page.limit,
    page.offset,
  ]);
  return { total: Number(count?.n ?? 0), entries: rows.map((r) => pick(plain<Referral>(r.doc))) };
}
