import type { RxDatabase } from 'rxdb';
import type { AuditEntry } from '../../src/schema';
import { sealEntry } from '../audit';
import { collection } from '../database';
import { ensureServerIndex, postgresInstanceOf } from '../server-sql';
import { plain, readAll, readByIds, writeDocs } from '../store';
import { derivedName } from '../supervisor/region-tables';
import { coordinationOf } from './coordination';

/** An audit entry before it takes its place on the chain. */
export type UnsealedEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>;

/** The one lock of the chain's head (coordination.ts): held only while entries are sealed and written. */
export const AUDIT_LOCK = 'audit';

/**
 * Seals entries onto the audit chain after its current head and writes them, under the audit lock
 * (in this process and every other): the chain's order is the order in which outcomes were written,
 * whichever partition they came from. An entry whose id is already on the chain is skipped, so a
 * replayed journal never adds an action twice. Answers the entries it sealed.
 */
export function appendAudit(db: RxDatabase, entries: readonly UnsealedEntry[]): Promise<AuditEntry[]> {
  if (entries.length === 0) return Promise.resolve([]);
  return coordinationOf(db).exclusive(async () => {
    const audit = collection(db, 'audit');
    const present = new Set(
      (
        await readByIds(
          audit,
          entries.map((e) => e.id),
        )
      ).map((e) => e.id),
    );
    let head = await lastAuditEntry(db);
    const sealed: AuditEntry[] = [];
    for (const entry of entries) {
      if (present.has(entry.id)) continue;
      head = sealEntry(head, entry);
      sealed.push(head);
    }
    await writeDocs(audit, sealed);
    return sealed;
  }, [AUDIT_LOCK]);
}

/**
 * The chain's head: the entry with the highest `seq`. Read under the audit lock before every sealing,
 * so it must not grow with the chain. rxdb's plan cannot answer a descending sort from its `seq` index:
 * it read every entry of the chain and sorted them in JS — at ~10,000 entries half a second of a
 * blocked event loop for each batch of actions (found by the actions bench while a backlog drained).
 * On PostgreSQL the server keeps an index on `seq` next to rxdb's and reads the last entry from it.
 */
export async function lastAuditEntry(db: RxDatabase): Promise<AuditEntry | null> {
  const audit = collection(db, 'audit');
  const instance = postgresInstanceOf(audit);
  if (instance) {
    // Not partial: a partial index on `NOT deleted` is what the planner reaches for to filter any audit
    // query on a small table (every query has that condition), ahead of the trail's GIN index.
    const index = derivedName(instance.table, 'seq');
    await ensureServerIndex(instance.sql, {
      name: index,
      lock: 'index:audit-head',
      ddl: `CREATE INDEX IF NOT EXISTS ${index} ON ${instance.table} (((doc->>'seq')::bigint))`,
    });
    const [row] = await instance.sql.query<{ doc: Record<string, unknown> }>(
      `SELECT doc FROM ${instance.table} WHERE NOT deleted ORDER BY ((doc->>'seq')::bigint) DESC LIMIT 1`,
    );
    return row ? plain<AuditEntry>(row.doc) : null;
  }
  // rxdb's memory storage (quick tests). No range on `seq`: rxdb's index bounds misbehave for a value
  // below the schema's minimum (1).
  const [last] = await readAll(audit, {}, { sort: [{ seq: 'desc' }], limit: 1 });
  return last ?? null;
}
