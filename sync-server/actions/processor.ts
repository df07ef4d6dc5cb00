import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { RxDatabase } from 'rxdb';
import { getValidator } from 'rxdb/plugins/validate-ajv';
import {
  type ActionInput,
  applyAction,
  type Change,
  checkOccurredAt,
  type DomainError,
} from '../../src/domain';
import { type Action, type Application, type AuditEntry, actionSchema } from '../../src/schema';
import { sealEntry } from '../audit';
import type { ServerContext } from '../context';
import { collection, type OrynCollectionName } from '../database';
import { readAll, readByIds, writeDocs } from '../store';
import { checkActor } from './actor-rights';
import { coordinationOf } from './coordination';
import { clockEntries, entityClockId } from './entity-clock';
import type { JournalEntry } from './journal';
import { type LoadedState, loadState, StateReader } from './state-loader';

/**
 * The action processor (architecture.md, "Offline writes: the intent log"; eVaka's shape: check
 * permission, verify the expected status, change, audit). Each pending action is validated, applied
 * with the domain's reducer against the authoritative state and marked `applied` or `rejected` with a
 * code and parameters. Of two actions on one entity the first applied wins and the second is rejected
 * with the reducer's reason (e.g. `alreadyActivated` with who and when).
 *
 * Group commit: actions are applied in batches (up to MAX_BATCH, whatever has arrived while the
 * previous batch was being written) under one hold of the processor's lock (coordination.ts). Inside a
 * batch the actions are decided one after another over one StateReader, each seeing the changes of
 * those before it, exactly as if they had been applied one at a time; the batch's outcome is then
 * written with one write per collection instead of a handful per action. Between actions the processor
 * yields to the event loop, so the server keeps answering while a backlog drains.
 *
 * Crash safety without a cross-collection transaction: the batch's outcome (every document, the
 * notifications, the audit entries and the actions' final states) is first stored as one journal
 * document, then written from it (ids derived from the action ids: rewriting them is harmless) with
 * the actions marked last. A journal left by a crash is replayed, never recomputed, before anything
 * else runs.
 */

export type ActionOutcome =
  | { status: 'applied' }
  | { status: 'rejected'; reason: { code: string; params: Record<string, unknown> } };

/** Actions decided and written together at most (one journal document, one write per collection). */
export const MAX_BATCH = 64;

const validActionShape = getValidator(actionSchema as never);

/**
 * Applies an action now and answers its outcome (the parents' API, the scheduler, supervisors). The
 * same id twice is the same action: the recorded outcome comes back. The action is stored together
 * with its outcome (its batch's journal covers it), so an action the processor never decided leaves
 * nothing behind — the caller was never told it was saved.
 */
export async function processAction(ctx: ServerContext, action: Action): Promise<ActionOutcome> {
  if (validActionShape({ ...action, status: 'pending' } as never).length > 0)
    return { status: 'rejected', reason: { code: 'invalidAction', params: { field: 'schema' } } };
  return batcherOf(ctx).submit(action.id, { ...action, status: 'pending' });
}

/** Applies a stored action if it is still pending; answers its outcome either way. */
export function processPending(ctx: ServerContext, actionId: string): Promise<ActionOutcome> {
  return batcherOf(ctx).submit(actionId);
}

/** How many actions wait for the processor in this process (the loop's backpressure, tests). */
export function pendingInProcess(ctx: ServerContext): number {
  return batcherOf(ctx).size;
}

function outcomeOf(action: Pick<Action, 'status' | 'reason'>): ActionOutcome {
  if (action.status === 'applied') return { status: 'applied' };
  return {
    status: 'rejected',
    reason: { code: action.reason?.code ?? 'invalidAction', params: action.reason?.params ?? {} },
  };
}

interface Waiter {
  resolve(outcome: ActionOutcome): void;
  reject(error: unknown): void;
}
interface Entry {
  id: string;
  /** A new action from this process (API, scheduler): stored with its outcome. */
  doc?: Action;
  waiters: Waiter[];
}

/**
 * The process's queue of actions to apply, drained batch by batch. One per database: every caller of
 * processAction/processPending in the process shares it, which is what lets concurrent requests share
 * a batch.
 */
class ActionBatcher {
  private readonly queue = new Map<string, Entry>();
  private draining = false;

  constructor(private readonly ctx: ServerContext) {}

  get size(): number {
    return this.queue.size;
  }

  submit(id: string, doc?: Action): Promise<ActionOutcome> {
    return new Promise<ActionOutcome>((resolve, reject) => {
      const entry = this.queue.get(id);
      if (entry) {
        entry.waiters.push({ resolve, reject });
        entry.doc ??= doc;
      } else this.queue.set(id, { id, doc, waiters: [{ resolve, reject }] });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.size > 0) {
        const batch: Entry[] = [];
        for (const entry of this.queue.values()) {
          batch.push(entry);
          if (batch.length >= MAX_BATCH) break;
        }
        for (const entry of batch) this.queue.delete(entry.id);
        await this.run(batch);
        // Let requests, streams and health checks in between two batches.
        await yieldToLoop();
      }
    } finally {
      this.draining = false;
    }
  }

  private async run(batch: Entry[]): Promise<void> {
    const coordination = coordinationOf(this.ctx.db);
    try {
      const outcomes = await coordination.exclusive(() => applyBatch(this.ctx, batch));
      settle(batch, outcomes);
      return;
    } catch (error) {
      if (error instanceof JournalWriteFailed) {
        this.ctx.log.error({ err: error.cause, actions: batch.length }, 'writing an outcome failed');
        for (const entry of batch) for (const w of entry.waiters) w.reject(error.cause);
        return;
      }
      if (batch.length === 1) {
        await this.failedAlone(batch[0], error);
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
        settle([entry], await coordination.exclusive(() => applyBatch(this.ctx, [entry])));
      } catch (error) {
        if (error instanceof JournalWriteFailed) for (const w of entry.waiters) w.reject(error.cause);
        else await this.failedAlone(entry, error);
      }
    }
  }

  /**
   * An action whose processing failed on its own. If the database answers, the failure is the action's
   * (a document the storage refuses, a payload the audit cannot seal): it is rejected with
   * `processingFailed`, so nobody waits for it forever. If the database does not answer, it stays
   * pending and is retried on the next start or change.
   */
  private async failedAlone(entry: Entry, error: unknown): Promise<void> {
    this.ctx.log.error({ err: error, actionId: entry.id }, 'action processing failed');
    try {
      const db = this.ctx.db;
      const stored = (await readByIds(collection(db, 'actions'), [entry.id]))[0];
      const action = stored ?? entry.doc;
      if (action?.status !== 'pending' || (stored && entry.doc && !sameAuthor(stored, entry.doc))) {
        settle([entry], new Map([[entry.id, action ? outcomeOf(action) : notFound(entry.id)]]));
        return;
      }
      const now = this.ctx.now();
      const reason = { code: 'processingFailed', params: {} };
      await coordinationOf(db).exclusive(() =>
        writeDocs(collection(db, 'actions'), [rejected(action, reason, now)]),
      );
      settle([entry], new Map([[entry.id, { status: 'rejected', reason }]]));
    } catch (fatal) {
      for (const w of entry.waiters) w.reject(fatal);
    }
  }
}

function settle(batch: Entry[], outcomes: Map<string, ActionOutcome>): void {
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

const notFound = (id: string): ActionOutcome => ({
  status: 'rejected',
  reason: { code: 'notFound', params: { collection: 'actions', id } },
});

const sameAuthor = (a: Action, b: Action) => a.actor === b.actor && a.kind === b.kind;

function rejected(action: Action, reason: DomainError | { code: string; params: object }, now: Date): Action {
  return {
    ...action,
    status: 'rejected',
    reason: { code: reason.code, params: (reason.params ?? {}) as Record<string, unknown> },
    processedAt: now.toISOString(),
    updatedAt: now.getTime(),
  };
}

/** The documents a batch writes, by collection, in the order they are to be written. */
class BatchWrites {
  private readonly byCollection = new Map<string, Map<string, Record<string, unknown>>>();

  add(name: OrynCollectionName, doc: { id: string; [field: string]: unknown }): void {
    let docs = this.byCollection.get(name);
    if (!docs) {
      docs = new Map();
      this.byCollection.set(name, docs);
    }
    // A later write of the same document (two actions of the batch on one entity) replaces the earlier.
    docs.delete(doc.id);
    docs.set(doc.id, doc);
  }

  /** State collections first, then notifications and clocks, the audit entries, the actions last. */
  list(): JournalEntry['writes'] {
    const rank = (name: string) =>
      name === 'actions'
        ? 4
        : name === 'audit'
          ? 3
          : name === 'entityClock'
            ? 2
            : name === 'notifications'
              ? 1
              : 0;
    return [...this.byCollection.entries()]
      .sort(([a], [b]) => rank(a) - rank(b))
      .flatMap(([name, docs]) => [...docs.values()].map((doc) => ({ collection: name, doc })));
  }
}

/** One batch under the lock: replay what a crash left, decide each action, write the outcome once. */
async function applyBatch(ctx: ServerContext, batch: Entry[]): Promise<Map<string, ActionOutcome>> {
  const db = ctx.db;
  await replayJournals(db);
  const outcomes = new Map<string, ActionOutcome>();
  const stored = new Map<string, Action>();
  for (const a of await readByIds(
    collection(db, 'actions'),
    batch.map((e) => e.id),
  ))
    stored.set(a.id, a);

  const now = ctx.now();
  const reader = new StateReader(db);
  const clocks = new Map<string, number | null>();
  let head = await lastAuditEntry(db);
  const writes = new BatchWrites();
  const decided: string[] = [];
  let applied = 0;

  for (const entry of batch) {
    const existing = stored.get(entry.id);
    if (existing && entry.doc && !sameAuthor(existing, entry.doc)) {
      // Someone else's action under this id: its outcome is none of this caller's business.
      outcomes.set(entry.id, {
        status: 'rejected',
        reason: { code: 'invalidAction', params: { field: 'id' } },
      });
      continue;
    }
    const action = existing ?? entry.doc;
    if (!action) {
      outcomes.set(entry.id, notFound(entry.id));
      continue;
    }
    if (action.status !== 'pending') {
      outcomes.set(entry.id, outcomeOf(action));
      continue;
    }
    decided.push(action.id);
    const decision = await decide(ctx, action, now, reader, clocks);
    if (!decision.ok) {
      const reason = { code: decision.error.code, params: decision.error.params ?? {} };
      writes.add('actions', rejected(action, reason, now));
      outcomes.set(action.id, { status: 'rejected', reason });
      ctx.log.info(
        { actionId: action.id, kind: action.kind, status: 'rejected', code: reason.code },
        'action rejected',
      );
    } else {
      head = record(writes, action, decision, head, now);
      reader.fold(decision.changes);
      for (const c of clockEntries(decision.changes, action, now.getTime())) clocks.set(c.id, c.occurredAtMs);
      outcomes.set(action.id, { status: 'applied' });
      applied++;
      ctx.log.info({ actionId: action.id, kind: action.kind, status: 'applied' }, 'action applied');
    }
    await yieldToLoop();
  }
  if (decided.length === 0) return outcomes;
  const list = writes.list();
  if (applied === 0) {
    // Only rejections: one write of the actions, atomic by itself.
    await writeDocs(collection(db, 'actions'), list.map((w) => w.doc) as never[]);
    return outcomes;
  }
  const journal: JournalEntry = {
    id: decided[0],
    writes: list,
    result: { status: 'batch', actions: decided },
    createdAt: now.toISOString(),
    updatedAt: now.getTime(),
  };
  await writeDocs(collection(db, 'actionJournal'), [journal]);
  try {
    await replay(db, journal);
  } catch (error) {
    throw new JournalWriteFailed(error);
  }
  return outcomes;
}

/**
 * The outcome is decided and journaled, but writing it failed part-way: the journal completes it
 * before anything else runs (replayJournals). Never a reason to reject the actions.
 */
class JournalWriteFailed extends Error {
  constructor(override readonly cause: unknown) {
    super('writing a journaled outcome failed; it is replayed before the next action');
  }
}

type Decision =
  | { ok: true; changes: Change[]; notifications: NotificationDraft[]; loaded: LoadedState }
  | { ok: false; error: DomainError };
type NotificationDraft = { id: string; recipientId: string; kind: string; params: Record<string, unknown> };

async function decide(
  ctx: ServerContext,
  action: Action,
  now: Date,
  reader: StateReader,
  clocks: Map<string, number | null>,
): Promise<Decision> {
  const nowMs = now.getTime();
  const actor = await checkActor(ctx.db, action);
  if ('code' in actor) return { ok: false, error: actor };
  // More than 5 minutes ahead of the server clock: refused before anything is read (domain.md).
  const ahead = checkOccurredAt(action.occurredAt, { nowMs });
  if (!ahead.ok) return { ok: false, error: ahead.error };

  const loaded = await loadState(ctx.db, action, reader);
  if (action.actorRole === 'supervisor' && loaded.regionId && loaded.regionId !== actor.regionId) {
    return { ok: false, error: { code: 'forbidden', params: { kind: action.kind, reason: 'region' } } };
  }
  const input: ActionInput = {
    id: action.id,
    kind: action.kind,
    payload: action.payload,
    actor: action.actor,
    actorRole: action.actorRole,
    kindergartenId: action.kindergartenId,
    deviceId: action.deviceId,
    occurredAt: action.occurredAt,
  };
  const result = applyAction(loaded.state, input, now.toISOString());
  // The reducer's reason comes first: "already activated by another workstation at 10:42" says more
  // than "acted before the last change" about the same race.
  if (!result.ok) return { ok: false, error: result.error };
  const stale = checkOccurredAt(action.occurredAt, {
    nowMs,
    lastChangeMs: await lastChangeMs(ctx.db, loaded, clocks),
  });
  if (!stale.ok) return { ok: false, error: stale.error };
  return {
    ok: true,
    changes: withVisibility(result.changes, loaded, nowMs),
    notifications: result.notifications,
    loaded,
  };
}

/**
 * The target's last change on the actions' clock (entity-clock.ts); a document no action has changed
 * yet (the catalogue, the demo seed) counts from its `updatedAt`. Earlier actions of the batch count.
 */
async function lastChangeMs(
  db: RxDatabase,
  loaded: LoadedState,
  clocks: Map<string, number | null>,
): Promise<number | null> {
  const target = loaded.target;
  if (!target) return null;
  const id = entityClockId(target.collection, target.id);
  if (!clocks.has(id)) {
    const [clock] = await readByIds(collection(db, 'entityClock'), [id]);
    clocks.set(id, clock ? clock.occurredAtMs : null);
  }
  return clocks.get(id) ?? target.updatedAt;
}

/**
 * Keeps `applications.visibleTo`: a kindergarten may see an application once it responded to one of
 * its bulletins or holds a referral (or contract) there (the replication scope of staff).
 */
export function withVisibility(changes: Change[], loaded: LoadedState, nowMs: number): Change[] {
  const apps = new Map<string, Application>();
  for (const c of changes) if (c.collection === 'applications') apps.set(c.doc.id, c.doc);
  const grants: [string, string][] = [];
  for (const c of changes) {
    if (c.collection === 'responses' || c.collection === 'referrals')
      grants.push([c.doc.applicationId, c.doc.kindergartenId]);
  }
  const extra: Change[] = [];
  for (const [applicationId, kindergartenId] of grants) {
    const app = apps.get(applicationId) ?? loaded.state.applications[applicationId];
    if (!app || (app.visibleTo ?? []).includes(kindergartenId)) continue;
    const next = { ...app, visibleTo: [...(app.visibleTo ?? []), kindergartenId], updatedAt: nowMs };
    if (!apps.has(applicationId)) extra.push({ collection: 'applications', doc: next });
    apps.set(applicationId, next);
  }
  return [
    ...changes.map((c) =>
      c.collection === 'applications' ? { collection: c.collection, doc: apps.get(c.doc.id)! } : c,
    ),
    ...extra.map((c) => ({ collection: c.collection, doc: apps.get(c.doc.id)! }) as Change),
  ];
}

/** Adds an applied action's documents, notifications, clocks, audit entry and mark to the batch. */
function record(
  writes: BatchWrites,
  action: Action,
  decision: Extract<Decision, { ok: true }>,
  head: AuditEntry | null,
  now: Date,
): AuditEntry {
  const nowIso = now.toISOString();
  const nowMs = now.getTime();
  const { changes, notifications, loaded } = decision;
  const audit = sealEntry(head, {
    id: `aud_${action.id}`,
    actionId: action.id,
    kind: action.kind,
    actor: action.actor,
    actorRole: action.actorRole,
    ...(loaded.regionId ? { districtId: loaded.regionId } : {}),
    ...(action.kindergartenId ? { kindergartenId: action.kindergartenId } : {}),
    entityIds: changes.map((c) => c.doc.id),
    payload: action.payload,
    at: nowIso,
    updatedAt: nowMs,
  });
  for (const c of changes) writes.add(c.collection, c.doc);
  for (const n of notifications) writes.add('notifications', { ...n, createdAt: nowIso, updatedAt: nowMs });
  for (const c of clockEntries(changes, action, nowMs)) writes.add('entityClock', c);
  writes.add('audit', audit);
  const { reason: _none, ...rest } = action;
  writes.add('actions', { ...rest, status: 'applied', processedAt: nowIso, updatedAt: nowMs });
  return audit;
}

/**
 * Seals one entry onto the audit chain after its current head and writes it (supervisor changes made
 * outside the reducer). Call it inside `coordinationOf(db).exclusive(…)`, after `replayJournals`, so
 * the chain keeps one writer.
 */
export async function appendAudit(
  db: RxDatabase,
  entry: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>,
): Promise<AuditEntry> {
  const sealed = sealEntry(await lastAuditEntry(db), entry);
  await writeDocs(collection(db, 'audit'), [sealed]);
  return sealed;
}

export async function lastAuditEntry(db: RxDatabase): Promise<AuditEntry | null> {
  // No range on `seq`: rxdb's index bounds misbehave for a value below the schema's minimum (1).
  const [last] = await readAll(collection(db, 'audit'), {}, { sort: [{ seq: 'desc' }], limit: 1 });
  return last ?? null;
}

/**
 * Writes a journal's documents collection by collection, in order (the actions' final states are the
 * last group, one write), and drops the journal. A journal of the single-action format (before batches)
 * has no actions group: its action is marked applied after the writes.
 */
async function replay(db: RxDatabase, journal: JournalEntry, legacy?: Action): Promise<void> {
  let i = 0;
  while (i < journal.writes.length) {
    const name = journal.writes[i].collection as OrynCollectionName;
    const docs: Record<string, unknown>[] = [];
    while (i < journal.writes.length && journal.writes[i].collection === name)
      docs.push(journal.writes[i++].doc);
    await writeDocs(collection(db, name) as never, docs as never[]);
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
 * Completes what a crash interrupted. The actions of a journal are marked in its last write, all at
 * once; if they are no longer pending the journal was fully written and is only dropped (replaying it
 * could overwrite later changes).
 */
export async function replayJournals(db: RxDatabase): Promise<number> {
  const journals = await readAll(collection(db, 'actionJournal'), {});
  for (const journal of journals) {
    const ids = journalActions(journal);
    const actions = await readByIds(collection(db, 'actions'), ids);
    const pending = actions.some((a) => a.status === 'pending');
    const batchFormat = journal.writes.some((w) => w.collection === 'actions');
    // A batch's new actions (from the API) exist only in the journal until it is written.
    const unstored = batchFormat && actions.length < ids.length;
    if (pending || unstored) {
      const legacy = batchFormat ? undefined : actions.find((a) => a.id === journal.id);
      await replay(db, journal, legacy);
    } else await collection(db, 'actionJournal').bulkRemove([journal.id]);
  }
  return journals.length;
}

function journalActions(journal: JournalEntry): string[] {
  const listed = (journal.result as { actions?: unknown }).actions;
  return Array.isArray(listed) ? listed.filter((x): x is string => typeof x === 'string') : [journal.id];
}
