import type { RxDatabase } from 'rxdb';
import type { Action } from '../../src/schema';
import { collection } from '../database';
import { ensureServerIndex, postgresInstanceOf } from '../server-sql';
import { plain, readAll } from '../store';
import { derivedName } from '../supervisor/region-tables';
import { type Partition, partitionKey, partitionsOf } from './partition';

/**
 * A workstation's actions are applied in the order it made them, whichever process stored them: with
 * several processes behind a balancer, one push may reach this process after a later push reached
 * another, and each process hears of the other's rows only later. So a batch first takes the
 * workstation's earlier pending actions (by its `updatedAt`, the device's clock when it made them; at
 * most one batch's worth, of this partition only) and sorts what it holds by that clock.
 *
 * Asked before every batch, so it must cost the same whatever the kindergarten's history: rxdb's
 * `['kindergartenId', 'updatedAt']` index holds every action the kindergarten ever made, and the
 * pending ones had to be picked out of that range in JS — a workstation with a few thousand applied
 * actions behind it held the event loop 100–450 ms per batch while a backlog drained (a CPU profile of
 * the actions bench's restart). On PostgreSQL the server keeps a partial index of pending actions only
 * (kindergarten, device time), next to rxdb's, so the read is a range of what is still to apply.
 */
export async function earlierPending(
  db: RxDatabase,
  actions: readonly Action[],
  partition: Partition,
): Promise<{ earlier: Action[]; until: Map<string, number> }> {
  const latest = new Map<string, number>();
  for (const a of actions) {
    if (a.status !== 'pending' || a.actorRole === 'parent' || a.kindergartenId === '') continue;
    latest.set(a.kindergartenId, Math.max(latest.get(a.kindergartenId) ?? 0, a.updatedAt));
  }
  const have = new Set(actions.map((a) => a.id));
  const found: Action[] = [];
  const until = new Map<string, number>();
  for (const [kindergartenId, before] of latest) {
    const pending = await pendingBefore(db, kindergartenId, before);
    // A full page: there may be more, so nothing made after its last one runs in this batch.
    if (pending.length === MAX_EARLIER) until.set(kindergartenId, pending[pending.length - 1].updatedAt);
    found.push(...pending.filter((a) => !have.has(a.id)));
  }
  if (found.length === 0) return { earlier: [], until };
  // Only those this partition's locks cover (a workstation's action naming another locality waits for its own).
  const key = partitionKey(partition);
  const partitions = await partitionsOf(db, found);
  return { earlier: found.filter((_, i) => partitionKey(partitions[i]) === key), until };
}

/** At most this many earlier actions join a batch (the rest come with the next ones). */
export const MAX_EARLIER = 64;

/** What the partial index holds: pending actions, by kindergarten and device time. */
const PENDING_WHERE = `NOT deleted AND (doc->>'status') = 'pending'`;
const PENDING_ON = `(doc->>'kindergartenId') COLLATE "C", ((doc->>'updatedAt')::float8), id`;

/** A kindergarten's pending actions made before `before`, oldest first, at most MAX_EARLIER. */
async function pendingBefore(db: RxDatabase, kindergartenId: string, before: number): Promise<Action[]> {
  const actions = collection(db, 'actions');
  const instance = postgresInstanceOf(actions);
  if (!instance) {
    // rxdb's memory storage (quick tests): the same question as a query.
    return readAll(
      actions,
      { kindergartenId, updatedAt: { $lt: before }, status: 'pending' },
      { sort: [{ kindergartenId: 'asc' }, { updatedAt: 'asc' }], limit: MAX_EARLIER },
    );
  }
  const table = instance.table;
  const index = derivedName(table, 'pending_kg');
  await ensureServerIndex(instance.sql, {
    name: index,
    lock: 'index:actions:pending',
    ddl: `CREATE INDEX IF NOT EXISTS ${index} ON ${table} (${PENDING_ON}) WHERE ${PENDING_WHERE}`,
  });
  const rows = await instance.sql.query<{ doc: Record<string, unknown> }>(
    `SELECT doc FROM ${table}
      WHERE ${PENDING_WHERE}
        AND (doc->>'kindergartenId') COLLATE "C" = $1 AND ((doc->>'updatedAt')::float8) < $2
      ORDER BY (doc->>'kindergartenId') COLLATE "C", ((doc->>'updatedAt')::float8), id
      LIMIT ${MAX_EARLIER}`,
    [kindergartenId, before],
  );
  return rows.map((r) => plain<Action>(r.doc));
}
