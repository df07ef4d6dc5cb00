import type { RxDatabase } from 'rxdb';
import type { Application, Bulletin, Referral } from '../src/schema';
import { collection } from './database';
import type { RxStorageInstancePostgres, SqlParam } from './storage';
import { ensureServerIndex, postgresInstanceOf } from './server-sql';
import { plain, readAll, readByIds } from './store';

/**
 * What the scheduler may have to act on, read by deadline (issue 16: a tick at 200,000 applications
 * touches what is due, not the region). On our storage each kind is one range over an index on its
 * deadline: rxdb's own `['status', 'validUntil']` for referrals, and partial expression indexes the
 * server keeps next to rxdb's (as queue-rank.ts keeps the child-IIN one; created once, under an
 * advisory lock, so processes may start together) for stop-lists, priority windows and interest
 * confirmations. On rxdb's memory storage (quick tests) the same questions are answered by queries.
 *
 * Every answer is a superset of what is due (instants are compared as ISO text with a margin of two
 * days for offsets other than Z); the scheduler decides each candidate with the domain's own rule.
 */

const DAY_MS = 86_400_000;
/** Instants stored as ISO text are compared as text; this margin covers any real UTC offset. */
const MARGIN_MS = 2 * DAY_MS;

const iso = (ms: number) => new Date(ms).toISOString();

/** The deadline indexes: name suffix, indexed expression, partial predicate (constants only). */
const INDEXES = {
  stopListUntil: {
    on: `(doc->>'stopListUntil') COLLATE "C"`,
    where: `NOT deleted AND (doc->>'status') = 'stopListed'`,
  },
  priorityUntil: {
    on: `(doc->>'priorityUntil') COLLATE "C"`,
    where: `NOT deleted AND (doc->>'status') = 'published' AND (doc->>'access') = 'priority'`,
  },
  interestSince: {
    on: `(doc->>'regionId') COLLATE "C", (COALESCE(doc->>'interestConfirmedAt', doc->>'filedAt')) COLLATE "C"`,
    where: `NOT deleted AND (doc->>'status') = 'waiting'`,
  },
} as const;
type IndexName = keyof typeof INDEXES;

function ensureIndex<T>(instance: RxStorageInstancePostgres<T>, name: IndexName): Promise<void> {
  const table = instance.table;
  const index = `"${table.slice(1, -1).slice(0, 40)}_due_${name.toLowerCase()}"`;
  const { on, where } = INDEXES[name];
  return ensureServerIndex(instance.sql, {
    name: index,
    lock: `index:due:${name}`,
    ddl: `CREATE INDEX IF NOT EXISTS ${index} ON ${table} (${on}) WHERE ${where}`,
  });
}

async function docsWhere<T>(
  instance: RxStorageInstancePostgres<T>,
  name: IndexName,
  condition: string,
  params: SqlParam[],
): Promise<T[]> {
  await ensureIndex(instance, name);
  const rows = await instance.sql.query<{ doc: Record<string, unknown> }>(
    `SELECT doc FROM ${instance.table} WHERE ${INDEXES[name].where} AND ${condition}`,
    params,
  );
  return rows.map((r) => plain<T>(r.doc));
}

/** Creates the deadline indexes now (the scheduler's start), so the first tick does not build them. */
export async function prepareDeadlineIndexes(db: RxDatabase): Promise<void> {
  const apps = postgresInstanceOf(collection(db, 'applications'));
  const bulletins = postgresInstanceOf(collection(db, 'bulletins'));
  if (apps) {
    await ensureIndex(apps, 'stopListUntil');
    await ensureIndex(apps, 'interestSince');
  }
  if (bulletins) await ensureIndex(bulletins, 'priorityUntil');
}

/** Active referrals whose first valid period is over (`validUntil` before today): lapsed or extended. */
export function referralsPastValidity(db: RxDatabase, today: string): Promise<Referral[]> {
  // rxdb's own index ['status', 'validUntil'] answers this as one range on every storage.
  return readAll(collection(db, 'referrals'), { status: 'active', validUntil: { $lt: today } });
}

/** Stop-listed applications whose stop-list ended before today. */
export async function stopListsOver(db: RxDatabase, today: string): Promise<Application[]> {
  const target = collection(db, 'applications');
  const instance = postgresInstanceOf(target);
  if (!instance) {
    const listed = await readAll(target, { status: 'stopListed' });
    return listed.filter((a) => typeof a.stopListUntil === 'string' && a.stopListUntil < today);
  }
  return docsWhere(instance, 'stopListUntil', `(doc->>'stopListUntil') COLLATE "C" < $1`, [today]);
}

/** Published bulletins still marked `priority` whose window may have ended (`priorityUntil` ≲ now). */
export async function priorityWindowsOver(db: RxDatabase, nowMs: number): Promise<Bulletin[]> {
  const target = collection(db, 'bulletins');
  const instance = postgresInstanceOf(target);
  if (!instance) return readAll(target, { status: 'published', access: 'priority' });
  return docsWhere(instance, 'priorityUntil', `(doc->>'priorityUntil') COLLATE "C" <= $1`, [
    iso(nowMs + MARGIN_MS),
  ]);
}

/** What the interest rules need of a waiting application. */
export type InterestCandidate = Pick<
  Application,
  'id' | 'parentId' | 'childName' | 'filedAt' | 'interestConfirmedAt'
>;

/**
 * Waiting applications of a region whose interest was last confirmed (or, never confirmed, filed) at
 * or before `sinceBefore` (plus the margin): those whose confirmation is due within the reminder
 * window or overdue. Only the fields the rules read.
 */
export async function interestDue(
  db: RxDatabase,
  regionId: string,
  sinceBeforeMs: number,
): Promise<InterestCandidate[]> {
  const target = collection(db, 'applications');
  const instance = postgresInstanceOf(target);
  if (!instance) return readAll(target, { status: 'waiting', regionId });
  await ensureIndex(instance, 'interestSince');
  const rows = await instance.sql.query<InterestCandidate & { interestConfirmedAt: string | null }>(
    `SELECT id, doc->>'parentId' AS "parentId", doc->>'childName' AS "childName",
            doc->>'filedAt' AS "filedAt", doc->>'interestConfirmedAt' AS "interestConfirmedAt"
       FROM ${instance.table}
      WHERE ${INDEXES.interestSince.where}
        AND (doc->>'regionId') COLLATE "C" = $1
        AND (COALESCE(doc->>'interestConfirmedAt', doc->>'filedAt')) COLLATE "C" <= $2`,
    [regionId, iso(sinceBeforeMs + MARGIN_MS)],
  );
  return rows.map(({ interestConfirmedAt, ...row }) =>
    interestConfirmedAt === null ? row : { ...row, interestConfirmedAt },
  );
}

/** Which of these notification ids exist already (ids only: nothing else is read). */
export async function existingNotifications(db: RxDatabase, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const target = collection(db, 'notifications');
  const instance = postgresInstanceOf(target);
  if (!instance) return new Set((await readByIds(target, ids)).map((n) => n.id));
  const rows = await instance.sql.query<{ id: string }>(
    `SELECT id FROM ${instance.table}
      WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb) COLLATE "C") AND NOT deleted`,
    [JSON.stringify(ids)],
  );
  return new Set(rows.map((r) => r.id));
}
