import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { ExtractDocumentTypeFromTypedRxJsonSchema, RxDatabase } from 'rxdb';
import type { Action } from '../../src/schema';
import { collection, type OrynCollectionName } from '../database';
import { readAll, readByIds, writeDocs } from '../store';
import { appendAudit, type UnsealedEntry } from './audit-writer';

/**
 * The processor's write-ahead record (server only). RxStorage has no transaction across collections,
 * so a batch's outcome (every document to write, the notifications, the audit entries and the actions'
 * final states) is first stored here in one single-document write; the documents are then written
 * from this record and the actions are marked last, in one write. After a crash the record is replayed
 * as is, never recomputed, so a half-done batch completes without duplicates (sync-server/README.md,
 * "Crash safety").
 */
export const journalSchema = {
  title: 'actionJournal',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    /** The first action id of the batch. */
    id: { type: 'string', maxLength: 64 },
    writes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          collection: { type: 'string', maxLength: 40 },
          doc: { type: 'object', additionalProperties: true },
        },
        required: ['collection', 'doc'],
      },
    },
    /** `{ status: 'batch', actions: [ids], partition: [lock names] }` (a single action's: `{ status }`). */
    result: { type: 'object', additionalProperties: true },
    createdAt: { type: 'string', maxLength: 40 },
    updatedAt: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['id', 'writes', 'result', 'createdAt', 'updatedAt'],
  additionalProperties: false,
} as const;
export type JournalEntry = ExtractDocumentTypeFromTypedRxJsonSchema<typeof journalSchema>;

interface BatchResult {
  actions?: unknown;
  partition?: unknown;
}

const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;

/** The lock names a journal was written under; none for a journal of the single-action format. */
export const journalPartition = (journal: JournalEntry): string[] | undefined =>
  strings((journal.result as BatchResult).partition);

/**
 * Writes a journal's documents collection by collection, in order: state, notifications, clocks, then
 * the audit entries onto the chain (skipping those already there), the actions' final states in one
 * write, and drops the journal. A journal of the single-action format (before batches) holds a sealed
 * audit entry and no actions group: its action is marked applied after the writes.
 */
export async function replayJournal(db: RxDatabase, journal: JournalEntry, legacy?: Action): Promise<void> {
  let i = 0;
  while (i < journal.writes.length) {
    const name = journal.writes[i].collection as OrynCollectionName;
    const docs: Record<string, unknown>[] = [];
    while (i < journal.writes.length && journal.writes[i].collection === name)
      docs.push(journal.writes[i++].doc);
    if (name === 'audit' && docs.every((d) => typeof d.hash !== 'string'))
      await appendAudit(db, docs as unknown as UnsealedEntry[]);
    else await writeDocs(collection(db, name) as never, docs as never[]);
    // A batch's writes are checked and serialised in this thread: let requests in between collections.
    await yieldToLoop();
  }
  if (legacy) {
    const { reason: _none, ...rest } = legacy;
    await writeDocs(collection(db, 'actions'), [
      { ...rest, status: 'applied', processedAt: journal.createdAt, updatedAt: journal.updatedAt },
    ]);
  }
  await collection(db, 'actionJournal').bulkRemove([journal.id]);
}

/**
 * Completes what a crash interrupted, for the journals of one partition (the caller holds its locks,
 * so no journal found here is being written by anyone: each is a crash's). Journals of the
 * single-action format belong to every partition. A journal's actions are marked in its last write,
 * all at once; if they are no longer pending the journal was fully written and is only dropped
 * (replaying it could overwrite later changes).
 */
export async function replayJournals(db: RxDatabase, partition?: readonly string[]): Promise<number> {
  const key = partition?.join('+');
  const journals = (await readAll(collection(db, 'actionJournal'), {})).filter((j) => {
    const own = journalPartition(j);
    return own === undefined || key === undefined || own.join('+') === key;
  });
  for (const journal of journals) {
    const auditId = (journal.result as { auditId?: unknown }).auditId;
    if (typeof auditId === 'string') {
      // A direct change (direct-change.ts): its audit entry is written last.
      const done = (await readByIds(collection(db, 'audit'), [auditId])).length > 0;
      if (done) await collection(db, 'actionJournal').bulkRemove([journal.id]);
      else await replayJournal(db, journal);
      continue;
    }
    const ids = strings((journal.result as BatchResult).actions) ?? [journal.id];
    const actions = await readByIds(collection(db, 'actions'), ids);
    const batchFormat = journal.writes.some((w) => w.collection === 'actions');
    // A batch's new actions (from the API) exist only in the journal until it is written.
    const unstored = batchFormat && actions.length < ids.length;
    if (unstored || actions.some((a) => a.status === 'pending')) {
      await replayJournal(db, journal, batchFormat ? undefined : actions.find((a) => a.id === journal.id));
    } else await collection(db, 'actionJournal').bulkRemove([journal.id]);
  }
  return journals.length;
}
