import type { RxCollection, RxDatabase } from 'rxdb';
import type { SqlExecutor } from '../storage';
import type { AuditEntry } from '../../src/schema';
import { sealEntry } from '../audit';
import { collection } from '../database';
import { ensureServerIndex, postgresInstanceOf } from '../server-sql';
import {
  type CollectionWrite,
  plain,
  readAll,
  readByIds,
  writeDocs,
  writeTogether,
  writesTogether,
} from '../store';
import { derivedName } from '../supervisor/region-tables';
import { coordinationOf } from './coordination';

/** An audit entry before it takes its place on the chain. */
export type UnsealedEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/** The one lock of the chain's head (coordination.ts): held only while entries are sealed and written. */
export const AUDIT_LOCK = 'audit';

/**
 * Seals entries onto the audit chain after its current head and writes them, so that the chain's order
 * is the order in which outcomes were written, whichever partition they came from. On our PostgreSQL
 * storage the head is read once the audit table is locked for the write (its registry row: every writer
 * of the chain, in any process, waits there until the one before it commits), so the write may carry
 * other collections in the same transaction (`with`: a batch's marks and its journal's removal,
 * journal.ts); elsewhere under the audit lock (coordination.ts), and `with` is written after. An entry
 * whose id is already on the chain is skipped, so a replayed journal never adds an action twice.
 * Answers the entries it sealed.
 */
export async function appendAudit(
  db: RxDatabase,
  entries: readonly UnsealedEntry[],
  options: { with?: readonly CollectionWrite[] } = {},
): Promise<AuditEntry[]> {
  const audit = collection(db, 'audit') as unknown as RxCollection<never>;
  const others = options.with ?? [];
  let sealed: AuditEntry[] = [];
  if (writesTogether([audit, ...others.map((w) => w.collection)])) {
    // Inside the write's transaction its reads go through it (PGlite has one connection).
    await auditHeadIndex(db);
    const afterLock = async (tx: SqlExecutor) => (sealed = await seal(db, entries, tx));
    await writeTogether([{ collection: audit, docs: [], afterLock }, ...others]);
    return sealed;
  }
  if (entries.length > 0)
    sealed = await coordinationOf(db).exclusive(async () => {
      const next = await seal(db, entries);
      await writeDocs(collection(db, 'audit'), next);
      return next;
    }, [AUDIT_LOCK]);
  await writeTogether(others);
  return sealed;
}

/**
 * The entries not yet on the chain, sealed after its head (the caller holds the chain still); read
 * through `via`, the caller's transaction, when it has one.
 */
async function seal(
  db: RxDatabase,
  entries: readonly UnsealedEntry[],
  via?: SqlExecutor,
): Promise<AuditEntry[]> {
  if (entries.length === 0) return [];
  const audit = collection(db, 'audit');
  const instance = postgresInstanceOf(audit);
  const ids = entries.map((e) => e.id);
  const found =
    via && instance
      ? (
          await via.query<{ doc: Record<string, unknown> }>(instance.readSql(1, false), [JSON.stringify(ids)])
        ).map((r) => plain<AuditEntry>(r.doc))
      : await readByIds(audit, ids);
  const last = await lastAuditEntry(db, via);
  const present = new Set(found.map((e) => e.id));
  let head = last;
  const sealed: AuditEntry[] = [];
  for (const entry of entries) {
    if (present.has(entry.id)) continue;
    head = sealEntry(head, entry);
    sealed.push(head);
  }
  return sealed;
}

/**
 * The chain's head: the entry with the highest `seq`. Read under the audit lock before every sealing,
 * so it must not grow with the chain. rxdb's plan cannot answer a descending sort from its `seq` index:
 * it read every entry of the chain and sorted them in JS — at ~10,000 entries half a second of a
 * blocked event loop for each batch of actions (found by the actions bench while a backlog drained).
 * On PostgreSQL the server keeps an index on `seq` next to rxdb's and reads the last entry from it.
 */
export async function lastAuditEntry(db: RxDatabase, via?: SqlExecutor): Promise<AuditEntry | null> {
  const audit = collection(db, 'audit');
  const instance = postgresInstanceOf(audit);
  if (instance) {
    await auditHeadIndex(db);
    const [row] = await (via ?? instance.sql).query<{ doc: Record<string, unknown> }>(
      `SELECT doc FROM ${instance.table} WHERE NOT deleted ORDER BY ((doc->>'seq')::bigint) DESC LIMIT 1`,
    );
    return row ? plain<AuditEntry>(row.doc) : null;
  }
  // rxdb's memory storage (quick tests). No range on `seq`: rxdb's index bounds misbehave for a value
  // below the schema's minimum (1).
  const [last] = await readAll(audit, {}, { sort: [{ seq: 'desc' }], limit: 1 });
  return last ?? null;
}

/** The server's index on the chain's `seq` (see lastAuditEntry), made once per database. */
async function auditHeadIndex(db: RxDatabase): Promise<void> {
  const instance = postgresInstanceOf(collection(db, 'audit'));
  if (!instance) return;
  // Not partial: a partial index on `NOT deleted` is what the planner reaches for to filter any audit
  // query on a small table (every query has that condition), ahead of the trail's GIN index.
  const index = derivedName(instance.table, 'seq');
  await ensureServerIndex(instance.sql, {
    name: index,
    lock: 'index:audit-head',
    ddl: `CREATE INDEX IF NOT EXISTS ${index} ON ${instance.table} (((doc->>'seq')::bigint))`,
  });
}
