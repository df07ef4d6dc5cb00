import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { ExtractDocumentTypeFromTypedRxJsonSchema, RxCollection, RxDatabase } from 'rxdb';
import type { Action } from '../../src/schema';
import { collection, type OrynCollectionName } from '../database';
import { type CollectionWrite, readAll, readByIds, removeDocs, writeTogether } from '../store';
import { appendAudit, type UnsealedEntry } from './audit-writer';

/**
 * The processor's write-ahead record (server only). A batch's outcome (every document to write, the
 * notifications, the audit entries and the actions' final states) is written in three steps — the
 * documents, the audit entries under the chain's lock, the actions' marks — so it is first stored here,
 * in the same transaction as the documents (store.ts writeTogether; on storages without one, just
 * before them); the rest is then written from this record, the actions marked last together with the
 * record's removal. After a crash the record is replayed
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
 * The outcome is decided and journaled, but writing it failed part-way: the journal completes it
 * before anything else of the partition runs. Never a reason to reject the actions.
 */
export class JournalWriteFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('writing a journaled outcome failed; it is replayed before the next action');
  }
}

type Group = { name: OrynCollectionName; docs: Record<string, unknown>[] };
/** What one step writes: collections in one transaction (store.ts writeTogether), or audit entries. */
type Step = { writes: CollectionWrite[] } | { audit: UnsealedEntry[] };

/**
 * Writes a journal's documents in its order: state, notifications and clocks in one transaction, the
 * audit entries onto the chain under its own lock (skipping those already there), then the actions'
 * final states and the journal's removal in one transaction. `store`: the journal is new, and is stored
 * in the first transaction together with the first documents — before that commits nothing of the
 * outcome exists, after it the journal is there to complete it (a failure after it throws
 * JournalWriteFailed); an outcome without audit entries is one transaction and needs no journal. A
 * journal of the single-action format (before batches) holds a sealed audit entry and no actions
 * group: its action (`legacy`) is marked applied after the writes.
 */
export async function replayJournal(
  db: RxDatabase,
  journal: JournalEntry,
  options: { legacy?: Action; store?: boolean } = {},
): Promise<void> {
  const journals = collection(db, 'actionJournal') as unknown as RxCollection<never>;
  const steps = stepsOf(db, groupsOf(journal));
  const single = steps.length <= 1 && steps.every((s) => 'writes' in s);
  if (options.store && !single) {
    const first = steps[0];
    const entry: CollectionWrite = { collection: journals, docs: [journal] };
    if (first && 'writes' in first) first.writes.unshift(entry);
    else steps.unshift({ writes: [entry] });
  }
  const closing: CollectionWrite[] = [];
  if (options.legacy) {
    const { reason: _none, ...rest } = options.legacy;
    const marked = {
      ...rest,
      status: 'applied',
      processedAt: journal.createdAt,
      updatedAt: journal.updatedAt,
    };
    closing.push({ collection: collection(db, 'actions') as unknown as RxCollection<never>, docs: [marked] });
  }
  if (!(options.store && single)) closing.push({ collection: journals, docs: [journal], remove: true });
  const last = steps[steps.length - 1];
  for (const write of closing) {
    if (last && 'writes' in last && !last.writes.some((w) => w.collection === write.collection))
      last.writes.push(write);
    else steps.push({ writes: [write] });
  }
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const next = steps[i + 1];
    try {
      if ('audit' in step && next && 'writes' in next) {
        // The entries and what follows them (the marks, the journal's removal) in one transaction
        // where the storage has one (audit-writer.ts).
        await appendAudit(db, step.audit, { with: next.writes });
        i++;
      } else if ('audit' in step) await appendAudit(db, step.audit);
      else await writeTogether(step.writes);
    } catch (error) {
      throw options.store && i > 0 ? new JournalWriteFailed(error) : error;
    }
    // A batch's writes are checked and serialised in this thread: let requests in between steps.
    await yieldToLoop();
  }
}

/** The journal's writes as runs of one collection, in order. */
function groupsOf(journal: JournalEntry): Group[] {
  const groups: Group[] = [];
  for (const w of journal.writes) {
    const last = groups[groups.length - 1];
    if (last && last.name === w.collection) last.docs.push(w.doc);
    else groups.push({ name: w.collection as OrynCollectionName, docs: [w.doc] });
  }
  return groups;
}

/**
 * Runs of groups written together, split at unsealed audit entries (they are sealed onto the chain
 * under its lock) and where a collection would come twice in one run.
 */
function stepsOf(db: RxDatabase, groups: readonly Group[]): Step[] {
  const steps: Step[] = [];
  for (const g of groups) {
    if (g.name === 'audit' && g.docs.every((d) => typeof d.hash !== 'string')) {
      steps.push({ audit: g.docs as unknown as UnsealedEntry[] });
      continue;
    }
    const write: CollectionWrite = {
      collection: collection(db, g.name) as unknown as RxCollection<never>,
      docs: g.docs,
    };
    const last = steps[steps.length - 1];
    if (last && 'writes' in last && !last.writes.some((w) => w.collection === write.collection))
      last.writes.push(write);
    else steps.push({ writes: [write] });
  }
  return steps;
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
      // A direct change's journal (freeing an IIN before it became the action parent.releaseIin), left
      // by a crash of an older release: its audit entry was written last.
      const done = (await readByIds(collection(db, 'audit'), [auditId])).length > 0;
      if (done) await removeDocs(collection(db, 'actionJournal'), [journal]);
      else await replayJournal(db, journal);
      continue;
    }
    const ids = strings((journal.result as BatchResult).actions) ?? [journal.id];
    const actions = await readByIds(collection(db, 'actions'), ids);
    const batchFormat = journal.writes.some((w) => w.collection === 'actions');
    // A batch's new actions (from the API) exist only in the journal until it is written.
    const unstored = batchFormat && actions.length < ids.length;
    if (unstored || actions.some((a) => a.status === 'pending')) {
      await replayJournal(db, journal, {
        legacy: batchFormat ? undefined : actions.find((a) => a.id === journal.id),
      });
    } else await removeDocs(collection(db, 'actionJournal'), [journal]);
  }
  return journals.length;
}
