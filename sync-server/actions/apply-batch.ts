import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { RxDatabase } from 'rxdb';
import {
  type ActionInput,
  applyAction,
  type Change,
  checkOccurredAt,
  type DomainError,
  redactPayload,
  roleAllowed,
} from '../../src/domain';
import type { Action, Application } from '../../src/schema';
import { canonicalJson } from '../audit';
import type { ServerContext } from '../context';
import { collection, type OrynCollectionName } from '../database';
import type { Parent, User } from '../schema';
import { readByIds, writeDocs } from '../store';
import { type Accounts, accountIdsOf, accountsFrom, checkActor } from './actor-rights';
import type { UnsealedEntry } from './audit-writer';
import { earlierPending } from './earlier-pending';
import { clockEntries, type EntityClock, entityClockId } from './entity-clock';
import { type JournalEntry, replayJournal, replayJournals } from './journal';

export { JournalWriteFailed } from './journal';
import type { Partition } from './partition';
import { type LoadedState, loadState, StateReader, storedAs } from './state-loader';

/**
 * One batch of actions of one partition, under its locks (processor.ts): replay what a crash left in
 * this partition, decide each action in order over one StateReader (each sees the changes of those
 * before it, exactly as if they had been applied one at a time), then write the outcome once — one
 * write per collection, the audit entries sealed onto the chain under its own short lock
 * (audit-writer.ts), the actions' final states last.
 */

export type ActionOutcome =
  | {
      status: 'applied';
      /**
       * The documents the action wrote, when this process decided it just now (not when it was applied
       * before): a caller answering with them reads nothing back.
       */
      written?: readonly Change[];
    }
  | { status: 'rejected'; reason: { code: string; params: Record<string, unknown> } };

/** An action to apply: its id, and the document itself when it comes from this process (API, scheduler). */
export interface BatchItem {
  id: string;
  doc?: Action;
}

export function outcomeOf(action: Pick<Action, 'status' | 'reason'>): ActionOutcome {
  if (action.status === 'applied') return { status: 'applied' };
  return {
    status: 'rejected',
    reason: { code: action.reason?.code ?? 'invalidAction', params: action.reason?.params ?? {} },
  };
}

export const notFound = (id: string): ActionOutcome => ({
  status: 'rejected',
  reason: { code: 'notFound', params: { collection: 'actions', id } },
});

export const sameAuthor = (a: Action, b: Action) => a.actor === b.actor && a.kind === b.kind;

/** The action as it is stored once decided: a secret of its payload (a password's hash) redacted. */
const redacted = (action: Action): Action => ({
  ...action,
  payload: redactPayload(action.kind, action.payload) as Action['payload'],
});

export function rejected(action: Action, reason: { code: string; params?: object }, now: Date): Action {
  return {
    ...redacted(action),
    status: 'rejected',
    reason: { code: reason.code, params: (reason.params ?? {}) as Record<string, unknown> },
    processedAt: now.toISOString(),
    updatedAt: now.getTime(),
  };
}

/** Write order: state collections, notifications, clocks, the audit entries, the actions last. */
const RANK: Partial<Record<OrynCollectionName, number>> = {
  notifications: 1,
  entityClock: 2,
  audit: 3,
  actions: 4,
};

/** The documents a batch writes, by collection. */
class BatchWrites {
  private readonly byCollection = new Map<OrynCollectionName, Map<string, Record<string, unknown>>>();

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

  list(): JournalEntry['writes'] {
    return [...this.byCollection.entries()]
      .sort(([a], [b]) => (RANK[a] ?? 0) - (RANK[b] ?? 0))
      .flatMap(([name, docs]) => [...docs.values()].map((doc) => ({ collection: name, doc })));
  }
}

export async function applyBatch(
  ctx: ServerContext,
  batch: readonly BatchItem[],
  partition: Partition,
): Promise<Map<string, ActionOutcome>> {
  const db = ctx.db;
  await replayJournals(db, partition);
  const outcomes = new Map<string, ActionOutcome>();
  const stored = new Map<string, Action>();
  const ids = batch.map((e) => e.id);
  for (const a of await readByIds(collection(db, 'actions'), ids)) stored.set(a.id, a);
  const { earlier, until } = await earlierPending(db, [...stored.values()], partition);
  for (const a of earlier) stored.set(a.id, a);
  // When the workstation has more earlier actions than one batch takes, the batch's own later ones wait
  // (no outcome: the processor queues them again) until those are applied.
  const waits = (item: BatchItem) => {
    const a = stored.get(item.id) ?? item.doc;
    const limit = a && a.actorRole !== 'parent' ? until.get(a.kindergartenId) : undefined;
    return limit !== undefined && a!.updatedAt > limit;
  };
  const items = inOrder([...earlier.map((a) => ({ id: a.id })), ...batch], stored).filter((i) => !waits(i));

  const now = ctx.now();
  const reader = new StateReader(db);
  const clocks = new Map<string, number | null>();
  // What the actions name, their actors and their targets' clocks: read once for the whole batch.
  const toDecide = items
    .map((i) => stored.get(i.id) ?? i.doc)
    .filter((a): a is Action => a !== undefined && a.status === 'pending');
  const wanted = accountIdsOf(toDecide);
  const clockIds = clockIdsOf(toDecide, clocks);
  const [parents, users, clockDocs] = (await reader.prefetch(toDecide, [
    { collection: collection(db, 'parents') as never, ids: wanted.parents },
    { collection: collection(db, 'users') as never, ids: wanted.users },
    { collection: collection(db, 'entityClock') as never, ids: clockIds },
  ])) as [Parent[], User[], EntityClock[]];
  const accounts = accountsFrom(wanted, parents, users);
  for (const id of clockIds) clocks.set(id, null);
  for (const c of clockDocs) clocks.set(c.id, c.occurredAtMs);
  const writes = new BatchWrites();
  const decided: string[] = [];
  let applied = 0;

  for (const item of items) {
    const existing = stored.get(item.id);
    if (existing && item.doc && !sameAuthor(existing, item.doc)) {
      // Someone else's action under this id: its outcome is none of this caller's business.
      outcomes.set(item.id, {
        status: 'rejected',
        reason: { code: 'invalidAction', params: { field: 'id' } },
      });
      continue;
    }
    const action = existing ?? item.doc;
    if (!action) {
      outcomes.set(item.id, notFound(item.id));
      continue;
    }
    if (action.status !== 'pending' || outcomes.has(action.id)) {
      outcomes.set(item.id, outcomes.get(action.id) ?? outcomeOf(action));
      continue;
    }
    decided.push(action.id);
    const decision = await decide(ctx, action, now, reader, clocks, accounts);
    if (!decision.ok) {
      const reason = { code: decision.error.code, params: decision.error.params ?? {} };
      writes.add('actions', rejected(action, reason, now));
      outcomes.set(action.id, { status: 'rejected', reason });
      ctx.log.info(
        { actionId: action.id, kind: action.kind, status: 'rejected', code: reason.code },
        'action rejected',
      );
    } else {
      record(writes, action, decision, now);
      reader.fold(decision.changes);
      for (const c of clockEntries(decision.changes, action, now.getTime())) clocks.set(c.id, c.occurredAtMs);
      outcomes.set(action.id, { status: 'applied', written: decision.changes });
      applied++;
      ctx.log.info({ actionId: action.id, kind: action.kind, status: 'applied' }, 'action applied');
    }
    // Requests, streams and health checks get their turn between two actions.
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
    result: { status: 'batch', actions: decided, partition: [...partition] },
    createdAt: now.toISOString(),
    updatedAt: now.getTime(),
  };
  // Stored with the batch's documents; a failure after that throws JournalWriteFailed.
  await replayJournal(db, journal, { store: true });
  return outcomes;
}

/** Items by the time their action was made (`updatedAt`), then id; unknown ones keep their place last. */
function inOrder(items: readonly BatchItem[], stored: Map<string, Action>): BatchItem[] {
  const seen = new Set<string>();
  const unique = items.filter((i) => !seen.has(i.id) && seen.add(i.id));
  const time = (i: BatchItem) => (stored.get(i.id) ?? i.doc)?.updatedAt ?? Number.POSITIVE_INFINITY;
  return unique
    .map((item, index) => ({ item, index, t: time(item) }))
    .sort((a, b) => a.t - b.t || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : a.index - b.index))
    .map((x) => x.item);
}

type Decision =
  | {
      ok: true;
      changes: Change[];
      notifications: NotificationDraft[];
      loaded: LoadedState;
      related: string[];
    }
  | { ok: false; error: DomainError };
type NotificationDraft = { id: string; recipientId: string; kind: string; params: Record<string, unknown> };

async function decide(
  ctx: ServerContext,
  action: Action,
  now: Date,
  reader: StateReader,
  clocks: Map<string, number | null>,
  accounts: Accounts,
): Promise<Decision> {
  const nowMs = now.getTime();
  const actor = await checkActor(ctx.db, action, accounts);
  if ('code' in actor) return { ok: false, error: actor };
  // More than 5 minutes ahead of the server clock: refused before anything is read (docs/domain.md).
  const ahead = checkOccurredAt(action.occurredAt, { nowMs });
  if (!ahead.ok) return { ok: false, error: ahead.error };

  // A kind the actor's role never makes (a workstation pushing a supervisor's) is refused before its
  // state is read, as the reducer would refuse it: freeing an IIN, say, walks the parent accounts.
  const forbidden = roleAllowed(action);
  if (forbidden) return { ok: false, error: forbidden };
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
    related: result.related ?? [],
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

/** The clocks of every entity the actions' payloads name (a target is one of them) not yet known. */
function clockIdsOf(actions: readonly Action[], clocks: Map<string, number | null>): string[] {
  const fields: [string, string][] = [
    ['referralId', 'referrals'],
    ['responseId', 'responses'],
    ['bulletinId', 'bulletins'],
    ['applicationId', 'applications'],
  ];
  const ids = new Set<string>();
  for (const a of actions) {
    const p = (typeof a.payload === 'object' && a.payload !== null ? a.payload : {}) as Record<
      string,
      unknown
    >;
    for (const [field, name] of fields)
      if (typeof p[field] === 'string' && p[field] !== '') ids.add(entityClockId(name, p[field] as string));
  }
  return [...ids].filter((id) => !clocks.has(id));
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
  now: Date,
): void {
  const nowIso = now.toISOString();
  const nowMs = now.getTime();
  const { changes, notifications, loaded, related } = decision;
  const stored = redacted(action);
  // A region's own action (accounts, settings) names `region:<id>`, no kindergarten.
  const kindergartenId = action.kindergartenId.startsWith('region:') ? '' : action.kindergartenId;
  const audit: UnsealedEntry = {
    id: `aud_${action.id}`,
    actionId: action.id,
    kind: action.kind,
    actor: action.actor,
    actorRole: action.actorRole,
    ...(loaded.regionId ? { districtId: loaded.regionId } : {}),
    ...(kindergartenId ? { kindergartenId } : {}),
    entityIds: [...new Set([...changes.map((c) => c.doc.id), ...related])],
    payload: stored.payload,
    at: nowIso,
    updatedAt: nowMs,
  };
  // Sealed later, under the audit lock: whatever the chain cannot hash must fail here, on this action.
  canonicalJson(audit);
  for (const c of changes) writes.add(storedAs(c.collection), c.doc);
  for (const n of notifications) writes.add('notifications', { ...n, createdAt: nowIso, updatedAt: nowMs });
  for (const c of clockEntries(changes, action, nowMs)) writes.add('entityClock', { ...c });
  writes.add('audit', audit);
  const { reason: _none, ...rest } = stored;
  writes.add('actions', { ...rest, status: 'applied', processedAt: nowIso, updatedAt: nowMs });
}
