import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIin } from '../../../src/domain';
import { processAction } from '../../../sync-server/actions';
import { verifyChain } from '../../../sync-server/audit';
import { collection } from '../../../sync-server/database';
import type { Runtime } from '../../../sync-server/runtime';
import { readAll, readOne } from '../../../sync-server/store';
import { actionOf, failAuditWrites, loginAs, seedSmallDistrict, startTestRuntime } from './harness';

/**
 * Freeing a parent's IIN is the action parent.releaseIin (issue 12, item 6: one write path), applied by
 * the processor like every supervisor change: the account and the audit entry come from one journal,
 * a workstation cannot make it, and a supervisor frees only an account of their region.
 */
const TAKEN = makeIin({ birthDate: '1987-06-14', sex: 'female', serial: 4321 })!;

describe('parent.releaseIin in the action processor', () => {
  let runtime: Runtime;
  beforeEach(async () => {
    ({ runtime } = await startTestRuntime());
    await seedSmallDistrict(runtime);
    // par-1 (app-1 in turkestan) took the IIN at registration step 4.
    const parents = collection(runtime.ctx.db, 'parents');
    const holder = (await readOne(parents, 'par-1'))!;
    await parents.upsert({ ...holder, iin: TAKEN, lastName: 'ТАКЕНОВА', firstName: 'АЙГУЛЬ' });
  });
  afterEach(async () => {
    await runtime.close();
  });

  /** The action as the supervisor API makes it (a workstation's names its kindergarten instead). */
  const release = (actor: string, over: { regionId?: string; actorRole?: 'staff' | 'supervisor' } = {}) => {
    const regionId = over.regionId ?? 'turkestan';
    return actionOf(
      {
        kind: 'parent.releaseIin',
        actor,
        actorRole: over.actorRole ?? 'supervisor',
        kindergartenId: over.actorRole === 'staff' ? 'kg-a' : `region:${regionId}`,
        payload: {
          regionId,
          iin: TAKEN,
          reason: 'Владелец предъявил удостоверение личности',
        },
      },
      runtime.ctx.now(),
    );
  };

  it('writes the freed account and its audit entry from one journal, whole after a crash between them', async () => {
    const sv = await loginAs(runtime, { login: 'sv-t', role: 'supervisor', regionId: 'turkestan' });
    const audit = collection(runtime.ctx.db, 'audit');
    // The process "dies" after the account is written, before its audit entry is.
    const recover = await failAuditWrites(runtime);
    const action = release(sv.userId);
    await expect(processAction(runtime.ctx, action)).rejects.toThrow();
    expect((await readOne(collection(runtime.ctx.db, 'parents'), 'par-1'))?.iin).toBeUndefined();
    expect(await readAll(audit, { kind: 'parent.releaseIin' })).toHaveLength(0);
    expect(await readAll(collection(runtime.ctx.db, 'actionJournal'), {})).toHaveLength(1);

    recover();
    expect(await processAction(runtime.ctx, action)).toEqual({ status: 'applied' });
    const freed = (await readOne(collection(runtime.ctx.db, 'parents'), 'par-1'))!;
    expect(freed).not.toHaveProperty('lastName');
    expect(freed.tokenVersion).toBe(1);
    const entries = await readAll(audit, { kind: 'parent.releaseIin' });
    expect(entries).toMatchObject([
      { actionId: action.id, districtId: 'turkestan', entityIds: ['par-1'], payload: action.payload },
    ]);
    expect(verifyChain(await readAll(audit, {})).ok).toBe(true);
    expect(await readAll(collection(runtime.ctx.db, 'actionJournal'), {})).toHaveLength(0);
  });

  it('refuses a workstation’s parent.releaseIin before reading any parent account', async () => {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const parents = collection(runtime.ctx.db, 'parents').storageInstance;
    const query = parents.query.bind(parents);
    let walks = 0;
    parents.query = (prepared) => {
      walks++;
      return query(prepared);
    };
    // On PostgreSQL/PGlite the holder is looked up in SQL (parent-iin.ts), not by an rxdb query.
    const driver = runtime.storage.driver ? await runtime.storage.driver() : undefined;
    const sql = driver?.query.bind(driver);
    if (driver && sql)
      driver.query = ((text: string, params?: never) => {
        if (/_parents_/.test(text)) walks++;
        return sql(text, params);
      }) as typeof driver.query;
    expect(await processAction(runtime.ctx, release(staff.userId, { actorRole: 'staff' }))).toEqual({
      status: 'rejected',
      reason: { code: 'forbidden', params: { kind: 'parent.releaseIin', role: 'staff' } },
    });
    expect(walks).toBe(0);
    expect((await readOne(collection(runtime.ctx.db, 'parents'), 'par-1'))?.iin).toBe(TAKEN);
  });

  it('frees an IIN only for the supervisor’s own region', async () => {
    const other = await loginAs(runtime, { login: 'sv-o', role: 'supervisor', regionId: 'other' });
    const outside = {
      status: 'rejected',
      reason: { code: 'forbidden', params: { kind: 'parent.releaseIin', reason: 'region' } },
    };
    // The holder's applications are in turkestan: the other region's supervisor cannot free it…
    expect(await processAction(runtime.ctx, release(other.userId, { regionId: 'other' }))).toEqual(outside);
    // …nor by naming turkestan for their own region.
    expect(await processAction(runtime.ctx, release(other.userId))).toEqual(outside);
    expect((await readOne(collection(runtime.ctx.db, 'parents'), 'par-1'))?.iin).toBe(TAKEN);
    expect(await readAll(collection(runtime.ctx.db, 'audit'), { kind: 'parent.releaseIin' })).toHaveLength(0);
  });
});
