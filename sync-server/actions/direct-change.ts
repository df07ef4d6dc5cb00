import { randomUUID } from 'node:crypto';
import type { ServerContext } from '../context';
import type { OrynCollectionName } from '../database';
import type { UnsealedEntry } from './audit-writer';
import { coordinationOf } from './coordination';
import { type JournalEntry, JournalWriteFailed, replayJournal, replayJournals } from './journal';
import type { Partition } from './partition';

/**
 * A change that is not a reducer action — since the catalogue, staff accounts, calendar and settings
 * became action kinds (issue 12, item 6), only freeing a parent's IIN (supervisor/iin-disputes.ts),
 * which writes a parent account the reducer does not hold — on the processor's write path: under the
 * same partition locks as the actions that touch the same documents, read and decided inside the lock,
 * and written through a journal together with its audit entry — the documents and the entry both, or
 * after a crash both on replay.
 */
export interface DirectChange<T> {
  writes: { collection: OrynCollectionName; doc: { id: string; [field: string]: unknown } }[];
  audit: Omit<UnsealedEntry, 'id' | 'actionId' | 'at' | 'updatedAt'>;
  /** What the caller answers (the written document, say). */
  result: T;
}

/** The journal result of a direct change: its audit entry is written last and marks it done. */
export interface ChangeJournalResult {
  status: 'change';
  auditId: string;
  partition: string[];
}

/**
 * Runs `decide` under the partition's locks, after replaying what a crash left there, and writes its
 * change. `decide` reads the current documents itself and throws to refuse (nothing is written).
 */
export async function applyDirectChange<T>(
  ctx: ServerContext,
  partition: Partition,
  decide: () => Promise<DirectChange<T>>,
): Promise<{ result: T; auditId: string; changeId: string }> {
  const db = ctx.db;
  return coordinationOf(db).exclusive(async () => {
    await replayJournals(db, partition);
    const change = await decide();
    const now = ctx.now();
    const changeId = `sv_${randomUUID()}`;
    const audit: UnsealedEntry = {
      ...change.audit,
      id: `aud_${changeId}`,
      actionId: changeId,
      at: now.toISOString(),
      updatedAt: now.getTime(),
    };
    const result: ChangeJournalResult = { status: 'change', auditId: audit.id, partition: [...partition] };
    const journal: JournalEntry = {
      id: changeId,
      writes: [
        ...change.writes.map((w) => ({ collection: w.collection, doc: w.doc as Record<string, unknown> })),
        { collection: 'audit', doc: audit as unknown as Record<string, unknown> },
      ],
      result: result as unknown as Record<string, unknown>,
      createdAt: now.toISOString(),
      updatedAt: now.getTime(),
    };
    try {
      await replayJournal(db, journal, { store: true });
    } catch (error) {
      // Stored but not written through: the journal completes it; the caller hears the cause.
      throw error instanceof JournalWriteFailed ? error.cause : error;
    }
    return { result: change.result, auditId: audit.id, changeId };
  }, partition);
}
