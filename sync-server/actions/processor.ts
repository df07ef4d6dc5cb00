import type { RxDatabase } from 'rxdb';
import {
  type ActionInput,
  applyAction,
  type Change,
  checkOccurredAt,
  type DomainError,
} from '../../src/domain';
import type { Action, Application, AuditEntry, Notification } from '../../src/schema';
import { sealEntry } from '../audit';
import type { ServerContext } from '../context';
import { collection, type OrynCollectionName } from '../database';
import { readAll, readOne, writeDocs } from '../store';
import { checkActor } from './actor-rights';
import { clockEntries, entityClockId } from './entity-clock';
import { coordinationOf } from './coordination';
import type { JournalEntry } from './journal';
import { type LoadedState, loadState } from './state-loader';

/**
 * The action processor (architecture.md, "Offline writes: the intent log"; eVaka's shape: check
 * permission, verify the expected status, change, audit). Each pending action is validated, applied
 * with the domain's reducer against the authoritative state and marked `applied` or `rejected` with a
 * code and parameters. Actions run one at a time (coordination.ts), so of two actions on one entity
 * the first applied wins and the second is rejected with the reducer's reason (e.g. `alreadyActivated`
 * with who and when).
 *
 * Crash safety without a cross-collection transaction: the outcome is first stored as one journal
 * document, then the documents, notifications and the audit entry are written from it (ids derived
 * from the action id: rewriting them is harmless), and the action is marked last. A journal left by a
 * crash is replayed, never recomputed, before any other action runs.
 */

export type ActionOutcome =
  | { status: 'applied' }
  | { status: 'rejected'; reason: { code: string; params: Record<string, unknown> } };

/**
 * Stores the action if it is new and applies it now (the parents' API and the scheduler call this
 * and await the outcome). The same id twice is the same action: the recorded outcome comes back.
 */
export async function processAction(ctx: ServerContext, action: Action): Promise<ActionOutcome> {
  const actions = collection(ctx.db, 'actions');
  const stored = await readOne(actions, action.id);
  if (stored && (stored.actor !== action.actor || stored.kind !== action.kind)) {
    // Someone else's action under this id: its outcome is none of this caller's business.
    return { status: 'rejected', reason: { code: 'invalidAction', params: { field: 'id' } } };
  }
  if (!stored) {
    try {
      await actions.insert({ ...action, status: 'pending' });
    } catch (error) {
      const code = (error as { code?: string }).code;
      // 409: stored meanwhile by a replication push or another process; the stored one counts.
      if (code === 'CONFLICT' || (error as { status?: number }).status === 409) {
        // fall through
      } else if (typeof code === 'string' && code.startsWith('VD')) {
        return { status: 'rejected', reason: { code: 'invalidAction', params: { field: 'schema' } } };
      } else if (!(await readOne(actions, action.id))) {
        throw error;
      }
    }
  }
  return processPending(ctx, action.id);
}

/** Applies a stored action if it is still pending; answers its outcome either way. */
export function processPending(ctx: ServerContext, actionId: string): Promise<ActionOutcome> {
  return coordinationOf(ctx.db).exclusive(() => applyPending(ctx, actionId));
}

function outcomeOf(action: Action): ActionOutcome {
  if (action.status === 'applied') return { status: 'applied' };
  return {
    status: 'rejected',
    reason: { code: action.reason?.code ?? 'invalidAction', params: action.reason?.params ?? {} },
  };
}

async function applyPending(ctx: ServerContext, actionId: string): Promise<ActionOutcome> {
  await replayJournals(ctx.db);
  const actions = collection(ctx.db, 'actions');
  const action = await readOne(actions, actionId);
  if (!action)
    return {
      status: 'rejected',
      reason: { code: 'notFound', params: { collection: 'actions', id: actionId } },
    };
  if (action.status !== 'pending') return outcomeOf(action);

  const now = ctx.now();
  const decision = await decide(ctx, action, now);
  if (!decision.ok) {
    const reason = { code: decision.error.code, params: decision.error.params ?? {} };
    await writeDocs(actions, [
      { ...action, status: 'rejected', reason, processedAt: now.toISOString(), updatedAt: now.getTime() },
    ]);
    ctx.log.info({ actionId, kind: action.kind, status: 'rejected', code: reason.code }, 'action rejected');
    return { status: 'rejected', reason };
  }
  const journal = await outcomeJournal(
    ctx.db,
    action,
    decision.changes,
    decision.notifications,
    decision.loaded,
    now,
  );
  await writeDocs(collection(ctx.db, 'actionJournal'), [journal]);
  await replay(ctx.db, journal, action);
  ctx.log.info(
    { actionId, kind: action.kind, status: 'applied', writes: journal.writes.length },
    'action applied',
  );
  return { status: 'applied' };
}

type Decision =
  | {
      ok: true;
      changes: Change[];
      notifications: Omit<Notification, 'createdAt' | 'updatedAt'>[];
      loaded: LoadedState;
    }
  | { ok: false; error: DomainError };

async function decide(ctx: ServerContext, action: Action, now: Date): Promise<Decision> {
  const nowMs = now.getTime();
  const actor = await checkActor(ctx.db, action);
  if ('code' in actor) return { ok: false, error: actor };
  // More than 5 minutes ahead of the server clock: refused before anything is read (domain.md).
  const ahead = checkOccurredAt(action.occurredAt, { nowMs });
  if (!ahead.ok) return { ok: false, error: ahead.error };

  const loaded = await loadState(ctx.db, action);
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
    lastChangeMs: await lastChangeMs(ctx.db, loaded),
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
 * yet (the catalogue, the demo seed) counts from its `updatedAt`.
 */
async function lastChangeMs(db: RxDatabase, loaded: LoadedState): Promise<number | null> {
  const target = loaded.target;
  if (!target) return null;
  const clock = await readOne(collection(db, 'entityClock'), entityClockId(target.collection, target.id));
  return clock ? clock.occurredAtMs : target.updatedAt;
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

async function outcomeJournal(
  db: RxDatabase,
  action: Action,
  changes: Change[],
  notifications: Omit<Notification, 'createdAt' | 'updatedAt'>[],
  loaded: LoadedState,
  now: Date,
): Promise<JournalEntry> {
  const nowIso = now.toISOString();
  const nowMs = now.getTime();
  const audit = sealEntry(await lastAuditEntry(db), {
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
  const writes: JournalEntry['writes'] = [
    ...changes.map((c) => ({ collection: c.collection, doc: c.doc as Record<string, unknown> })),
    ...notifications.map((n) => ({
      collection: 'notifications',
      doc: { ...n, createdAt: nowIso, updatedAt: nowMs } as Record<string, unknown>,
    })),
    ...clockEntries(changes, action, nowMs).map((doc) => ({
      collection: 'entityClock',
      doc: doc as unknown as Record<string, unknown>,
    })),
    // Last, so that an audit entry exists only for an outcome whose documents are all written.
    { collection: 'audit', doc: audit as unknown as Record<string, unknown> },
  ];
  return { id: action.id, writes, result: { status: 'applied' }, createdAt: nowIso, updatedAt: nowMs };
}

/** Writes a journal's documents in order, marks its action applied and drops the journal. */
async function replay(db: RxDatabase, journal: JournalEntry, action: Action): Promise<void> {
  let i = 0;
  while (i < journal.writes.length) {
    const name = journal.writes[i].collection as OrynCollectionName;
    const docs: Record<string, unknown>[] = [];
    while (i < journal.writes.length && journal.writes[i].collection === name)
      docs.push(journal.writes[i++].doc);
    await writeDocs(collection(db, name) as never, docs as never[]);
  }
  const { reason: _none, ...rest } = action;
  await writeDocs(collection(db, 'actions'), [
    { ...rest, status: 'applied', processedAt: journal.createdAt, updatedAt: journal.updatedAt },
  ]);
  await collection(db, 'actionJournal').bulkRemove([journal.id]);
}

/**
 * Completes what a crash interrupted. A journal whose action is no longer pending was fully written
 * (the action is marked last) and is only dropped: replaying it could overwrite later changes.
 */
export async function replayJournals(db: RxDatabase): Promise<number> {
  const journals = await readAll(collection(db, 'actionJournal'), {});
  for (const journal of journals) {
    const action = await readOne(collection(db, 'actions'), journal.id);
    if (action && action.status === 'pending') await replay(db, journal, action);
    else await collection(db, 'actionJournal').bulkRemove([journal.id]);
  }
  return journals.length;
}
