import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action, AuditEntry } from '../../../src/schema';
import { processAction, processPending } from '../../../sync-server/actions';
import { sealEntry, verifyChain } from '../../../sync-server/audit';
import { collection } from '../../../sync-server/database';
import type { Runtime } from '../../../sync-server/runtime';
import { postgresInstanceOf } from '../../../sync-server/server-sql';
import { startServer } from '../../../sync-server/server';
import { readAll, readByIds } from '../../../sync-server/store';
import { recordTransactions } from '../../support/sql-recording';
import { updateGroup } from '../../../sync-server/supervisor/catalogue';
import {
  actionOf,
  failAuditWrites,
  loginAs,
  seedSmallDistrict,
  startTestRuntime,
  type TestClock,
} from './harness';

/** A staff member of kg-a activating a response, as their workstation writes it. */
function activation(actor: string, responseId: string, at: Date, fields: Partial<Action> = {}): Action {
  return actionOf(
    {
      kind: 'response.activate',
      actor,
      actorRole: 'staff',
      kindergartenId: 'kg-a',
      payload: { responseId },
      ...fields,
    },
    at,
  );
}

describe('the action processor', () => {
  let runtime: Runtime;
  let clock: TestClock;
  beforeEach(async () => {
    ({ runtime, clock } = await startTestRuntime());
    await seedSmallDistrict(runtime);
  });
  afterEach(async () => {
    await runtime.close();
  });

  /** What a workstation of kg-a does offline: activate app-1's response, then sign its contract a minute later. */
  async function offlineChain(contractNumber: string) {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const [r] = await readAll(collection(runtime.ctx.db, 'responses'), { applicationId: 'app-1' });
    const t0 = clock.now();
    const offline = { actor: staff.userId, actorRole: 'staff' as const, kindergartenId: 'kg-a' };
    const activate = actionOf({ ...offline, kind: 'response.activate', payload: { responseId: r.id } }, t0);
    const sign = actionOf(
      {
        ...offline,
        kind: 'referral.signContract',
        payload: { referralId: `ref_${activate.id}`, contractNumber, contractDate: '2026-03-19' },
      },
      new Date(t0.getTime() + 60_000),
    );
    return { activate, sign };
  }

  it('files, responds and audits every applied action in one unbroken chain', async () => {
    const apps = await readAll(collection(runtime.ctx.db, 'applications'), {});
    expect(apps.map((a) => a.status).sort()).toEqual([
      'responded',
      'responded',
      'responded',
      'responded',
      'waiting',
    ]);
    const audit = await readAll(collection(runtime.ctx.db, 'audit'), {});
    expect(audit).toHaveLength(9);
    expect(verifyChain(audit)).toMatchObject({ ok: true, length: 9 });
  });

  it('lets a kindergarten see an application once the child responded to its bulletin', async () => {
    const app1 = (await readAll(collection(runtime.ctx.db, 'applications'), { id: 'app-1' }))[0];
    const app4 = (await readAll(collection(runtime.ctx.db, 'applications'), { id: 'app-4' }))[0];
    expect(app1.visibleTo).toEqual(['kg-a']);
    expect(app4.visibleTo).toBeUndefined();
  });

  it('applies a retried action once: the same id gives the same outcome and no second audit entry', async () => {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const responses = await readAll(collection(runtime.ctx.db, 'responses'), { bulletinId: 'bul-a' });
    const first = responses.find((r) => r.applicationId === 'app-1')!;
    const action = activation(staff.userId, first.id, runtime.ctx.now());
    expect(await processAction(runtime.ctx, action)).toEqual({ status: 'applied' });
    expect(await processAction(runtime.ctx, action)).toEqual({ status: 'applied' });
    const referrals = await readAll(collection(runtime.ctx.db, 'referrals'), {});
    expect(referrals).toHaveLength(1);
    expect(referrals[0].id).toBe(`ref_${action.id}`);
    const audit = await readAll(collection(runtime.ctx.db, 'audit'), { actionId: action.id });
    expect(audit).toHaveLength(1);
  });

  it("does not answer another actor's outcome for a reused action id", async () => {
    const reused = actionOf(
      {
        id: 'respond-1',
        kind: 'application.respond',
        actor: 'par-2',
        actorRole: 'parent',
        payload: { applicationId: 'app-2', bulletinId: 'bul-a' },
      },
      runtime.ctx.now(),
    );
    expect(await processAction(runtime.ctx, reused)).toEqual({
      status: 'rejected',
      reason: { code: 'invalidAction', params: { field: 'id' } },
    });
  });

  it('rejects the second of two activations of one response with who activated it and when', async () => {
    const a = await loginAs(runtime, { login: 'staff-a1', role: 'staff', kindergartenId: 'kg-a' });
    const b = await loginAs(runtime, { login: 'staff-a2', role: 'staff', kindergartenId: 'kg-a' });
    const [r] = await readAll(collection(runtime.ctx.db, 'responses'), { applicationId: 'app-1' });
    const at = runtime.ctx.now();
    const one = activation(a.userId, r.id, at, { deviceId: 'ws-1' });
    const two = activation(b.userId, r.id, at, { deviceId: 'ws-2' });
    const [first, second] = await Promise.all([
      processAction(runtime.ctx, one),
      processAction(runtime.ctx, two),
    ]);
    expect(first).toEqual({ status: 'applied' });
    expect(second).toMatchObject({
      status: 'rejected',
      reason: { code: 'alreadyActivated', params: { by: a.userId, deviceId: 'ws-1', at: at.toISOString() } },
    });
    const stored = (await readAll(collection(runtime.ctx.db, 'actions'), { id: two.id }))[0];
    expect(stored.status).toBe('rejected');
    expect(stored.reason?.code).toBe('alreadyActivated');
  });

  it("rejects staff acting on another kindergarten: by the action's kindergarten, and by the account's", async () => {
    const staff = await loginAs(runtime, { login: 'staff-b', role: 'staff', kindergartenId: 'kg-b' });
    const [r] = await readAll(collection(runtime.ctx.db, 'responses'), { applicationId: 'app-1' });
    const foreign = await processAction(
      runtime.ctx,
      activation(staff.userId, r.id, runtime.ctx.now(), { kindergartenId: 'kg-b' }),
    );
    expect(foreign).toMatchObject({ status: 'rejected', reason: { code: 'forbidden' } });
    const impostor = await processAction(runtime.ctx, activation(staff.userId, r.id, runtime.ctx.now()));
    expect(impostor).toMatchObject({
      status: 'rejected',
      reason: { code: 'forbidden', params: { reason: 'kindergarten' } },
    });
  });

  it('rejects an action still queued on a workstation after its account was disabled, and one whose actor is no account', async () => {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const [r] = await readAll(collection(runtime.ctx.db, 'responses'), { applicationId: 'app-1' });
    // Written offline while the account was enabled; the supervisor disables it before the push.
    const queued = activation(staff.userId, r.id, runtime.ctx.now());
    const account = await collection(runtime.ctx.db, 'users').findOne(staff.userId).exec();
    await account!.incrementalPatch({ disabled: true, updatedAt: Date.now() });
    clock.advance(60_000);
    expect(await processAction(runtime.ctx, queued)).toMatchObject({
      status: 'rejected',
      reason: { code: 'forbidden', params: { reason: 'actor' } },
    });
    const ghost = activation('staff-nobody', r.id, runtime.ctx.now());
    expect(await processAction(runtime.ctx, ghost)).toMatchObject({
      status: 'rejected',
      reason: { code: 'forbidden', params: { reason: 'actor' } },
    });
    // Nothing was activated: the response still waits for a workstation that may act.
    const [after] = await readAll(collection(runtime.ctx.db, 'responses'), { id: r.id });
    expect(after.status).toBe(r.status);
  });

  it('rejects an action timed more than 5 minutes ahead of the server clock, and one made before the last change', async () => {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const [r] = await readAll(collection(runtime.ctx.db, 'responses'), { applicationId: 'app-1' });
    const ahead = new Date(runtime.ctx.now().getTime() + 6 * 60_000);
    expect(await processAction(runtime.ctx, activation(staff.userId, r.id, ahead))).toMatchObject({
      status: 'rejected',
      reason: { code: 'clockAhead' },
    });
    const before = new Date(r.updatedAt - 60_000);
    expect(await processAction(runtime.ctx, activation(staff.userId, r.id, before))).toMatchObject({
      status: 'rejected',
      reason: { code: 'beforeLastChange' },
    });
  });

  it('applies a chain of offline actions on what the first one created (activate, then sign), pushed later', async () => {
    const { activate, sign } = await offlineChain('Д-17');
    // The workstation reconnects ten minutes later: the referral is written at the server's time, after
    // the contract's occurredAt, yet the contract came after the activation on the workstation's clock.
    clock.advance(10 * 60_000);
    expect(await processAction(runtime.ctx, activate)).toEqual({ status: 'applied' });
    expect(await processAction(runtime.ctx, sign)).toEqual({ status: 'applied' });
    const [referral] = await readAll(collection(runtime.ctx.db, 'referrals'), { id: `ref_${activate.id}` });
    expect(referral.status).toBe('enrolled');
  });

  it("applies a workstation's actions in the order it made them, even when the later one is handed over first", async () => {
    const { activate, sign } = await offlineChain('Д-19');
    // Both pushed by the workstation, but this process hears of the contract first (another process
    // stored the activation's push, and its notice is still on the way).
    await collection(runtime.ctx.db, 'actions').bulkInsert([sign, activate]);
    expect(await processPending(runtime.ctx, sign.id)).toEqual({ status: 'applied' });
    const marked = await readAll(collection(runtime.ctx.db, 'actions'), {
      id: { $in: [activate.id, sign.id] },
    });
    expect(marked.map((a) => a.status)).toEqual(['applied', 'applied']);
    const [referral] = await readAll(collection(runtime.ctx.db, 'referrals'), { id: `ref_${activate.id}` });
    expect(referral.status).toBe('enrolled');
  });

  it('applies a long offline backlog in order when its last action is handed over first', async () => {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    clock.advance(10 * 60_000);
    const base = clock.now().getTime() - 5 * 60_000;
    // 100 edits made one after another on the workstation (more than a batch takes at once).
    const edits = Array.from({ length: 100 }, (_, i) => ({
      ...actionOf(
        {
          kind: 'bulletin.edit',
          actor: staff.userId,
          actorRole: 'staff',
          kindergartenId: 'kg-a',
          payload: { bulletinId: 'bul-a', placeType: `Места ${i}` },
        },
        new Date(base + i * 1000),
      ),
    }));
    await collection(runtime.ctx.db, 'actions').bulkInsert(edits);
    expect(await processPending(runtime.ctx, edits[99].id)).toEqual({ status: 'applied' });
    const audit = await readAll(collection(runtime.ctx.db, 'audit'), {
      actionId: { $in: edits.map((e) => e.id) },
    });
    expect(audit.sort((a, b) => a.seq - b.seq).map((e) => e.actionId)).toEqual(edits.map((e) => e.id));
    const [bulletin] = await readAll(collection(runtime.ctx.db, 'bulletins'), { id: 'bul-a' });
    expect(bulletin.placeType).toBe('Места 99');
  });

  it('answers requests before it has drained a backlog left pending, then applies it in the order it was made', async () => {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    clock.advance(10 * 60_000);
    const base = clock.now().getTime() - 5 * 60_000;
    // A workstation's 150 edits, pushed before the process went down: pending when it starts.
    const edits = Array.from({ length: 150 }, (_, i) =>
      actionOf(
        {
          kind: 'bulletin.edit',
          actor: staff.userId,
          actorRole: 'staff',
          kindergartenId: 'kg-a',
          payload: { bulletinId: 'bul-a', placeType: `Места ${i}` },
        },
        new Date(base + i * 1000),
      ),
    );
    const actions = collection(runtime.ctx.db, 'actions');
    await actions.bulkInsert(edits);
    const server = await startServer(runtime.ctx, {
      port: 0,
      host: '127.0.0.1',
      storage: runtime.storage.kind,
    });
    try {
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      const pending = await readAll(actions, { status: 'pending' });
      expect(pending.length).toBeGreaterThan(0);
      await server.idle();
    } finally {
      await server.close();
    }
    const stored = await readByIds(
      actions,
      edits.map((e) => e.id),
    );
    expect(stored.filter((a) => a.status === 'applied')).toHaveLength(edits.length);
    const audit = await readAll(collection(runtime.ctx.db, 'audit'), {
      actionId: { $in: edits.map((e) => e.id) },
    });
    expect(audit.sort((a, b) => a.seq - b.seq).map((e) => e.actionId)).toEqual(edits.map((e) => e.id));
  });

  it("reads a workstation's earlier pending actions from its pending ones alone, however long its history", async () => {
    const actions = collection(runtime.ctx.db, 'actions');
    const instance = postgresInstanceOf(actions);
    if (!instance) return; // rxdb's memory storage (ORYN_TEST_STORAGE=memory): nothing to count
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    clock.advance(10 * 60_000);
    const base = clock.now().getTime() - 5 * 60_000;
    const edit = (i: number, at: number) =>
      actionOf(
        {
          kind: 'bulletin.edit',
          actor: staff.userId,
          actorRole: 'staff',
          kindergartenId: 'kg-a',
          payload: { bulletinId: 'bul-a', placeType: `Места ${i}` },
        },
        new Date(at),
      );
    // What the workstation did before (applied long ago), then 10 edits made offline since.
    const history = Array.from({ length: 300 }, (_, i) => ({
      ...edit(i, base - 86_400_000 + i),
      status: 'applied' as const,
      processedAt: new Date(base - 86_400_000 + i).toISOString(),
    }));
    const backlog = Array.from({ length: 10 }, (_, i) => edit(i, base + i * 1000));
    await actions.bulkInsert([...history, ...backlog]);
    // Rows the storage reads from the actions table while the backlog is applied.
    const sql = instance.sql;
    const query = sql.query.bind(sql);
    let rows = 0;
    sql.query = (async (text: string, params?: never[]) => {
      const found = await query(text, params);
      if (text.includes(instance.table)) rows += found.length;
      return found;
    }) as typeof sql.query;
    try {
      expect(await processPending(runtime.ctx, backlog[9].id)).toEqual({ status: 'applied' });
    } finally {
      sql.query = query;
    }
    const [bulletin] = await readAll(collection(runtime.ctx.db, 'bulletins'), { id: 'bul-a' });
    expect(bulletin.placeType).toBe('Места 9');
    // The ten pending ones, read a few times over — never the 300 already applied.
    expect(rows).toBeGreaterThanOrEqual(10);
    expect(rows).toBeLessThan(history.length);
  });

  it("seals an action's entry after the chain's head, read alone however long the chain", async () => {
    const audit = collection(runtime.ctx.db, 'audit');
    const instance = postgresInstanceOf(audit);
    if (!instance) return; // rxdb's memory storage (ORYN_TEST_STORAGE=memory): nothing to count
    // The seed's entries, then 300 more, stored in another order than their positions.
    const seeded = (await readAll(audit, {})).sort((a, b) => a.seq - b.seq);
    const chain: AuditEntry[] = [];
    for (let i = 0; i < 300; i++)
      chain.push(
        sealEntry(chain.at(-1) ?? seeded.at(-1) ?? null, {
          id: `aud_old-${i}`,
          actionId: `old-${i}`,
          kind: 'bulletin.edit',
          actor: 'staff-old',
          actorRole: 'staff',
          entityIds: ['bul-a'],
          payload: { bulletinId: 'bul-a' },
          at: new Date(clock.now().getTime() - 86_400_000 + i).toISOString(),
          updatedAt: clock.now().getTime() - 86_400_000 + i,
        }),
      );
    await audit.bulkInsert([...chain.slice(150), ...chain.slice(0, 150)]);
    const sql = instance.sql;
    const query = sql.query.bind(sql);
    let rows = 0;
    sql.query = (async (text: string, params?: never[]) => {
      const found = await query(text, params);
      if (text.includes(instance.table)) rows += found.length;
      return found;
    }) as typeof sql.query;
    try {
      const { activate } = await offlineChain('Д-1');
      expect(await processAction(runtime.ctx, activate)).toEqual({ status: 'applied' });
    } finally {
      sql.query = query;
    }
    const entries = await readAll(audit, {});
    expect(verifyChain(entries)).toMatchObject({ ok: true, length: seeded.length + 301 });
    // The head alone, not the 300 entries before it.
    expect(rows).toBeLessThan(10);
  });

  it("decides activations and bulletin edits over index ranges of their bulletin's referrals and responders, never a walk of the table", async () => {
    // The first field of each read's index range after `_deleted`: its lowest and highest key.
    const ranges: unknown[][] = [];
    for (const name of ['referrals', 'responses'] as const) {
      const instance = collection(runtime.ctx.db, name).storageInstance;
      const query = instance.query.bind(instance);
      instance.query = (prepared: Parameters<typeof query>[0]) => {
        const { index, startKeys, endKeys } = prepared.queryPlan;
        ranges.push([index[1], startKeys[1], endKeys[1]]);
        return query(prepared);
      };
    }
    const { activate } = await offlineChain('Д-1');
    expect(await processAction(runtime.ctx, activate)).toEqual({ status: 'applied' });
    const edit = actionOf(
      {
        kind: 'bulletin.edit',
        actor: activate.actor,
        actorRole: 'staff',
        kindergartenId: 'kg-a',
        payload: { bulletinId: 'bul-a', placeType: 'Свободные места' },
      },
      new Date(clock.now().getTime() + 1000),
    );
    expect(await processAction(runtime.ctx, edit)).toEqual({ status: 'applied' });
    expect(ranges.length).toBeGreaterThan(0);
    // One value of an indexed field (the kindergarten, an application): not the whole index, a walk.
    for (const [field, lowest, highest] of ranges) {
      expect(field).not.toBe('id');
      expect(typeof lowest).toBe('string');
      expect(highest).toBe(lowest);
    }
  });

  it('loses neither a group edit nor a contract signed while the edit is being decided', async () => {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const supervisor = await loginAs(runtime, { login: 'sv-t', role: 'supervisor', regionId: 'turkestan' });
    const [r] = await readAll(collection(runtime.ctx.db, 'responses'), { applicationId: 'app-1' });
    const at = runtime.ctx.now();
    const activate = activation(staff.userId, r.id, at);
    expect(await processAction(runtime.ctx, activate)).toEqual({ status: 'applied' });
    const groups = collection(runtime.ctx.db, 'groups');
    const [before] = await readAll(groups, { id: 'grp-a' });
    // The edit reads the group (once to find its kindergarten, once more to decide), and while its
    // second read is on the wire the contract is sent. Decided outside the locality's lock, the edit
    // would write the `enrolled` it read and undo the contract's place.
    const signContract = activation(staff.userId, '', at, {
      kind: 'referral.signContract',
      payload: { referralId: `ref_${activate.id}`, contractNumber: 'Д-18', contractDate: '2026-03-19' },
    });
    const instance = groups.storageInstance;
    const find = instance.findDocumentsById.bind(instance);
    let reads = 0;
    let sign: Promise<unknown> | undefined;
    instance.findDocumentsById = async (ids, deleted) => {
      const found = await find(ids, deleted);
      if (ids.includes('grp-a') && ++reads === 2) {
        sign = processAction(runtime.ctx, signContract);
        await new Promise((ok) => setTimeout(ok, 300));
      }
      return found;
    };
    const session = { userId: supervisor.userId, name: 'Супервайзер', regionId: 'turkestan' };
    await updateGroup(runtime.ctx, session, 'grp-a', { capacity: before.capacity + 5 });
    expect(await sign).toEqual({ status: 'applied' });
    const [after] = await readAll(groups, { id: 'grp-a' });
    expect(after).toMatchObject({ capacity: before.capacity + 5, enrolled: before.enrolled + 1 });
    const audit = await readAll(collection(runtime.ctx.db, 'audit'), {});
    expect(audit.filter((e) => e.kind === 'group.edit')).toHaveLength(1);
    expect(verifyChain(audit).ok).toBe(true);
  });

  it("writes a batch's outcome in two transactions: the documents with the journal, then the audit entries with the marks and the journal's removal", async () => {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const [r] = await readAll(collection(runtime.ctx.db, 'responses'), { applicationId: 'app-1' });
    if (!runtime.storage.driver) return; // rxdb's memory storage (ORYN_TEST_STORAGE=memory): no transactions
    const recorder = recordTransactions(await runtime.storage.driver());
    const { transactions } = recorder;
    try {
      // An activation writes the response, a referral, the application, the group, a notification,
      // clocks, its audit entry and its mark.
      expect(await processAction(runtime.ctx, activation(staff.userId, r.id, runtime.ctx.now()))).toEqual({
        status: 'applied',
      });
    } finally {
      recorder.stop();
    }
    // Each: the tables' locks (with BEGIN), their stored versions, their rows — never a read before;
    // the second also the chain's head and which entries are on it, read once the audit table is locked.
    expect(transactions.map((t) => t.length)).toEqual([3, 5]);
    const locked = transactions.map((t) => t[0]);
    expect(locked[0]).toMatch(/actionjournal/i);
    expect(locked[0]).toMatch(/referrals/i);
    expect(locked[1]).toMatch(/_audit_/i);
    expect(locked[1]).toMatch(/actionjournal/i);
    expect(locked[1]).toMatch(/_actions_/i);
    expect(await readAll(collection(runtime.ctx.db, 'actionJournal'), {})).toHaveLength(0);
    expect(verifyChain(await readAll(collection(runtime.ctx.db, 'audit'), {})).ok).toBe(true);
  });

  it('completes a half-done action after a crash without duplicates', async () => {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const [r] = await readAll(collection(runtime.ctx.db, 'responses'), { applicationId: 'app-1' });
    const audit = collection(runtime.ctx.db, 'audit');
    // The process "dies" just before the audit entry is written: documents and notifications are in.
    const recover = await failAuditWrites(runtime);
    const action = activation(staff.userId, r.id, runtime.ctx.now());
    await expect(processAction(runtime.ctx, action)).rejects.toThrow();
    // Not marked: an action from the API is stored with its outcome, which the journal still holds.
    const marked = await readAll(collection(runtime.ctx.db, 'actions'), { id: action.id });
    expect(marked.filter((a) => a.status !== 'pending')).toEqual([]);
    expect(await readAll(collection(runtime.ctx.db, 'actionJournal'), {})).toHaveLength(1);
    expect(await readAll(collection(runtime.ctx.db, 'referrals'), {})).toHaveLength(1);
    recover();
    expect(await processAction(runtime.ctx, action)).toEqual({ status: 'applied' });
    expect(await readAll(collection(runtime.ctx.db, 'referrals'), {})).toHaveLength(1);
    const notes = await readAll(collection(runtime.ctx.db, 'notifications'), { kind: 'referralIssued' });
    expect(notes).toHaveLength(1);
    expect(await readAll(collection(runtime.ctx.db, 'actionJournal'), {})).toHaveLength(0);
    expect(verifyChain(await readAll(audit, {}))).toMatchObject({ ok: true, length: 10 });
  });
});
