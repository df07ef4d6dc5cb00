import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { RxDatabase } from 'rxdb';
import { getValidator } from 'rxdb/plugins/validate-ajv';
import { type Action, actionSchema } from '../../src/schema';
import type { ServerContext } from '../context';
import { collection } from '../database';
import { readAll, readByIds, writeDocs } from '../store';
import {
  type ActionOutcome,
  applyBatch,
  type BatchItem,
  JournalWriteFailed,
  notFound,
  outcomeOf,
  rejected,
  sameAuthor,
} from './apply-batch';
import { coordinationOf } from './coordination';
import { journalPartition, replayJournals } from './journal';
import { type Partition, partitionKey, partitionsOf } from './partition';

/**
 * The action processor (docs/architecture.md, "Offline writes: the intent log"; eVaka's shape: check
 * permission, verify the expected status, change, audit). Each pending action is validated, applied
 * with the domain's reducer against the authoritative state and marked `applied` or `rejected` with a
 * code and parameters. Of two actions on one entity the first applied wins and the second is rejected
 * with the reducer's reason (e.g. `alreadyActivated` with who and when).
 *
 * Actions are queued by partition (partition.ts: the locality they concern). Each partition's queue is
 * drained in batches — whatever has arrived, up to MAX_BATCH — under that partition's lock
 * (coordination.ts), in this process and across processes; other partitions proceed meanwhile. A batch
 * is decided and written by apply-batch.ts (group commit: one write per collection, one journal).
 * Between actions and batches the processor yields to the event loop, so the server keeps answering
 * while a backlog drains.
 */
export type { ActionOutcome } from './apply-batch';

/** Actions decided and written together at most (one journal document, one write per collection). */
export const MAX_BATCH = 64;
/** Partitions one process drains at the same time (each holds a pooled connection for its lock). */
const PARALLEL_PARTITIONS = 2;
/** Actions whose partition is looked up at once (a few bulk reads). */
const PLACE_AT_ONCE = 500;

const validActionShape = getValidator(actionSchema as never);

/**
 * Applies an action now and answers its outcome (the parents' API, the scheduler, supervisors). The
 * same id twice is the same action: the recorded outcome comes back. The action is stored together
 * with its outcome (its batch's journal covers it), so an action the processor never decided leaves
 * nothing behind — the caller was never told it was saved.
 */
export async function processAction(ctx: ServerContext, action: Action): Promise<ActionOutcome> {
  return withoutWritten(await processActionWritten(ctx, action));
}

/**
 * processAction, answering with an applied action's outcome also the documents it wrote (`written`,
 * when this process decided it just now), so the caller can answer without reading them back.
 */
export async function processActionWritten(ctx: ServerContext, action: Action): Promise<ActionOutcome> {
  const doc: Action = { ...action, status: 'pending' };
  if (validActionShape(doc as never).length > 0)
    return { status: 'rejected', reason: { code: 'invalidAction', params: { field: 'schema' } } };
  return batcherOf(ctx).submit(action.id, doc);
}

/**
 * Applies a stored action if it is still pending; answers its outcome either way. `stored`, when the
 * caller holds the stored document already (a change event, the start-up read), places the action in
 * its partition without reading it back; the batch still decides on what storage holds then.
 */
export async function processPending(
  ctx: ServerContext,
  actionId: string,
  stored?: Action,
): Promise<ActionOutcome> {
  return withoutWritten(await batcherOf(ctx).submit(actionId, stored));
}

const withoutWritten = (outcome: ActionOutcome): ActionOutcome =>
  outcome.status === 'applied' ? { status: 'applied' } : outcome;

/**
 * Replays every journal a crash left, each under its partition's locks (the action loop calls this on
 * start; batches replay their own partition's before they run).
 */
export async function recoverJournals(ctx: ServerContext): Promise<void> {
  const journals = await readAll(collection(ctx.db, 'actionJournal'), {});
  const partitions = new Map<string, string[]>();
  for (const j of journals) {
    const p = journalPartition(j) ?? ['global'];
    partitions.set(p.join('+'), p);
  }
  for (const p of partitions.values())
    await coordinationOf(ctx.db).exclusive(() => replayJournals(ctx.db, p), p);
}

interface Waiter {
  resolve(outcome: ActionOutcome): void;
  reject(error: unknown): void;
}
interface Entry extends BatchItem {
  waiters: Waiter[];
}
interface PartitionQueue {
  partition: Partition;
  entries: Map<string, Entry>;
}

/**
 * The process's queues of actions to apply. One per database: every caller of processAction /
 * processPending in the process shares it, which is what lets concurrent requests share a batch.
 */
class ActionBatcher {
  /** Entries not yet taken into a batch, by action id (a second submit joins the first). */
  private readonly waiting = new Map<string, Entry>();
  private unplaced: Entry[] = [];
  private placing = false;
  private readonly queues = new Map<string, PartitionQueue>();
  private readonly ready: string[] = [];
  private readonly running = new Set<string>();

  constructor(private readonly ctx: ServerContext) {}

  submit(id: string, doc?: Action): Promise<ActionOutcome> {
    return new Promise<ActionOutcome>((resolve, reject) => {
      const entry = this.waiting.get(id);
      if (entry) {
        entry.waiters.push({ resolve, reject });
        entry.doc ??= doc;
        return;
      }
      const fresh: Entry = { id, doc, waiters: [{ resolve, reject }] };
      this.waiting.set(id, fresh);
      this.unplaced.push(fresh);
      void this.place();
    });
  }

  /** Looks up the partitions of new entries (in bulk) and queues them there. */
  private async place(): Promise<void> {
    if (this.placing) return;
    this.placing = true;
    try {
      while (this.unplaced.length > 0) {
        const entries = this.unplaced.slice(0, PLACE_AT_ONCE);
        this.unplaced = this.unplaced.slice(entries.length);
        try {
          await this.queueByPartition(entries);
        } catch (error) {
          // The database did not answer: nothing was decided; the callers hear so.
          this.ctx.log.error({ err: error, actions: entries.length }, 'looking up action partitions failed');
          for (const e of entries) {
            this.waiting.delete(e.id);
            for (const w of e.waiters) w.reject(error);
          }
        }
        this.kick();
      }
    } finally {
      this.placing = false;
    }
  }

  private async queueByPartition(entries: Entry[]): Promise<void> {
    const missing = entries.filter((e) => !e.doc).map((e) => e.id);
    const stored = new Map(
      (await readByIds(collection(this.ctx.db, 'actions'), missing)).map((a) => [a.id, a]),
    );
    const docs = entries.map((e) => e.doc ?? stored.get(e.id));
    const known = docs.filter((d): d is Action => d !== undefined);
    const partitions = await partitionsOf(this.ctx.db, known);
    const byAction = new Map(known.map((d, i) => [d, partitions[i]] as const));
    entries.forEach((entry, i) => {
      const doc = docs[i];
      const partition = (doc && byAction.get(doc)) ?? ['loc:?'];
      const key = partitionKey(partition);
      let queue = this.queues.get(key);
      if (!queue) {
        queue = { partition, entries: new Map() };
        this.queues.set(key, queue);
      }
      queue.entries.set(entry.id, entry);
      if (!this.running.has(key) && !this.ready.includes(key)) this.ready.push(key);
    });
  }

  /** Entries to run again, ahead of what else waits in their partition. */
  private putBack(partition: Partition, entries: Entry[]): void {
    const key = partitionKey(partition);
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { partition, entries: new Map() };
      this.queues.set(key, queue);
    }
    const rest = [...queue.entries.values()];
    queue.entries.clear();
    for (const e of [...entries, ...rest]) queue.entries.set(e.id, e);
    for (const e of entries) if (!this.waiting.has(e.id)) this.waiting.set(e.id, e);
    if (!this.running.has(key) && !this.ready.includes(key)) this.ready.push(key);
  }

  /** Starts draining ready partitions, up to PARALLEL_PARTITIONS at once, in the order they became ready. */
  private kick(): void {
    while (this.running.size < PARALLEL_PARTITIONS && this.ready.length > 0) {
      const key = this.ready.shift()!;
      if (this.running.has(key)) continue;
      void this.drainOnce(key);
    }
  }

  private async drainOnce(key: string): Promise<void> {
    const queue = this.queues.get(key);
    if (!queue) return;
    this.running.add(key);
    try {
      const batch: Entry[] = [];
      for (const entry of queue.entries.values()) {
        batch.push(entry);
        if (batch.length >= MAX_BATCH) break;
      }
      for (const entry of batch) {
        queue.entries.delete(entry.id);
        if (this.waiting.get(entry.id) === entry) this.waiting.delete(entry.id);
      }
      await this.run(batch, queue.partition);
    } finally {
      this.running.delete(key);
      const current = this.queues.get(key);
      if (current && current.entries.size > 0) {
        if (!this.ready.includes(key)) this.ready.push(key);
      } else this.queues.delete(key);
    }
    // Let requests, streams and health checks in between two batches.
    await yieldToLoop();
    this.kick();
  }

  private async run(batch: Entry[], partition: Partition): Promise<void> {
    const coordination = coordinationOf(this.ctx.db);
    try {
      const outcomes = await coordination.exclusive(() => applyBatch(this.ctx, batch, partition), partition);
      // Actions the batch left for later (the workstation's earlier ones go first) queue again.
      const later = batch.filter((entry) => !outcomes.has(entry.id));
      settle(
        batch.filter((entry) => outcomes.has(entry.id)),
        outcomes,
      );
      if (later.length > 0) this.putBack(partition, later);
      return;
    } catch (error) {
      if (error instanceof JournalWriteFailed) {
        this.ctx.log.error({ err: error.cause, actions: batch.length }, 'writing an outcome failed');
        for (const entry of batch) for (const w of entry.waiters) w.reject(error.cause);
        return;
      }
      if (batch.length === 1) {
        await this.failedAlone(batch[0], partition, error);
        return;
      }
      this.ctx.log.warn(
        { err: error, actions: batch.length },
        'batch failed; applying its actions one by one',
      );
    }
    // One bad action must not hold back the others: each alone, so the failure is pinned on its author.
    for (const entry of batch) {
      try {
        settle(
          [entry],
          await coordination.exclusive(() => applyBatch(this.ctx, [entry], partition), partition),
        );
      } catch (error) {
        if (error instanceof JournalWriteFailed) for (const w of entry.waiters) w.reject(error.cause);
        else await this.failedAlone(entry, partition, error);
      }
    }
  }

  /**
   * An action whose processing failed on its own. If the database answers, the failure is the action's
   * (a document the storage refuses, a payload the audit cannot seal): it is rejected with
   * `processingFailed`, so nobody waits for it forever. If the database does not answer, it stays
   * pending and is retried on the next start or change.
   */
  private async failedAlone(entry: Entry, partition: Partition, error: unknown): Promise<void> {
    this.ctx.log.error({ err: error, actionId: entry.id }, 'action processing failed');
    try {
      const db = this.ctx.db;
      const reason = { code: 'processingFailed', params: {} };
      const outcome = await coordinationOf(db).exclusive(async (): Promise<ActionOutcome> => {
        const [stored] = await readByIds(collection(db, 'actions'), [entry.id]);
        const action = stored ?? entry.doc;
        if (action?.status !== 'pending' || (stored && entry.doc && !sameAuthor(stored, entry.doc)))
          return action ? outcomeOf(action) : notFound(entry.id);
        await writeDocs(collection(db, 'actions'), [rejected(action, reason, this.ctx.now())]);
        return { status: 'rejected', reason };
      }, partition);
      settle([entry], new Map([[entry.id, outcome]]));
    } catch (fatal) {
      for (const w of entry.waiters) w.reject(fatal);
    }
  }
}

function settle(batch: readonly Entry[], outcomes: Map<string, ActionOutcome>): void {
  for (const entry of batch) {
    const outcome = outcomes.get(entry.id) ?? notFound(entry.id);
    for (const w of entry.waiters) w.resolve(outcome);
  }
}

const batchers = new WeakMap<RxDatabase, ActionBatcher>();
function batcherOf(ctx: ServerContext): ActionBatcher {
  let b = batchers.get(ctx.db);
  if (!b) {
    b = new ActionBatcher(ctx);
    batchers.set(ctx.db, b);
  }
  return b;
}
