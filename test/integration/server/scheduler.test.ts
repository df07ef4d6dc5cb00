import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processAction } from '../../../sync-server/actions';
import { verifyChain } from '../../../sync-server/audit';
import { collection } from '../../../sync-server/database';
import type { Runtime } from '../../../sync-server/runtime';
import { runSchedulerTick } from '../../../sync-server/scheduler';
import { readAll, readOne } from '../../../sync-server/store';
import {
  actionOf,
  kgAActivation,
  loginAs,
  seedSmallDistrict,
  startTestRuntime,
  TEST_STORAGE,
  type TestClock,
} from './harness';

const DAY = 86_400_000;

// Rules over the data, on both storages: rxdb's memory storage answers the deadlines by queries, ours
// (PGlite) by the deadline indexes of sync-server/deadlines.ts — the two must decide alike.
describe.each([
  ['memory', { kind: 'memory' } as const],
  ['PGlite', TEST_STORAGE],
])('the scheduler on %s', (_storage, storage) => {
  let runtime: Runtime;
  let clock: TestClock;
  beforeEach(async () => {
    // Thursday 19.03.2026, 10:00 in Туркестан (docs/domain.md's referral example).
    ({ runtime, clock } = await startTestRuntime(storage));
    await seedSmallDistrict(runtime);
  });
  afterEach(async () => {
    await runtime.close();
  });

  const app = async (id: string) => (await readOne(collection(runtime.ctx.db, 'applications'), id))!;

  it('stop-lists an application whose referral lapsed, once, and returns it to the queue after the stop-list', async () => {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const activate = kgAActivation(staff.userId, runtime.ctx.now());
    expect(await processAction(runtime.ctx, activate)).toEqual({ status: 'applied' });
    const referral = (await readOne(collection(runtime.ctx.db, 'referrals'), `ref_${activate.id}`))!;
    expect(referral.validUntil).toBe('2026-03-31');

    clock.ms = Date.parse('2026-03-31T18:00:00Z'); // 23:00 on the last valid day: still valid
    expect(await runSchedulerTick(runtime.ctx)).toMatchObject({ led: true, referralsExpired: 0 });

    clock.ms = Date.parse('2026-03-31T19:30:00Z'); // 00:30 on 01.04 in Asia/Almaty
    expect(await runSchedulerTick(runtime.ctx)).toMatchObject({ referralsExpired: 1, rejected: 0 });
    expect(await runSchedulerTick(runtime.ctx)).toMatchObject({ referralsExpired: 0, rejected: 0 });
    const listed = await app('app-1');
    expect(listed.status).toBe('stopListed');
    expect((await readOne(collection(runtime.ctx.db, 'referrals'), referral.id))?.status).toBe('expired');

    clock.ms = Date.parse(`${listed.stopListUntil}T12:00:00Z`);
    expect(await runSchedulerTick(runtime.ctx)).toMatchObject({ stopListsEnded: 0 });
    clock.advance(DAY);
    expect(await runSchedulerTick(runtime.ctx)).toMatchObject({ stopListsEnded: 1 });
    const back = await app('app-1');
    expect(back.status).toBe('waiting');
    expect(back.filedAt).toBe(listed.filedAt);
    const audit = await readAll(collection(runtime.ctx.db, 'audit'), {});
    const system = audit.filter((e) => e.actorRole === 'system').sort((a, b) => a.seq - b.seq);
    expect(system.map((e) => e.kind)).toEqual(['referral.expire', 'application.endStopList']);
    expect(verifyChain(audit).ok).toBe(true);
  });

  it('opens a bulletin to everyone when its priority window ends', async () => {
    const staff = await loginAs(runtime, { login: 'staff-a', role: 'staff', kindergartenId: 'kg-a' });
    const publish = actionOf(
      {
        kind: 'bulletin.publish',
        actor: staff.userId,
        actorRole: 'staff',
        kindergartenId: 'kg-a',
        payload: {
          bulletinId: 'bul-new',
          groupId: 'grp-a',
          totalPlaces: 3,
          freePlaces: 3,
          placeType: 'free',
          vacancyAt: runtime.ctx.now().toISOString(),
        },
      },
      runtime.ctx.now(),
    );
    expect(await processAction(runtime.ctx, publish)).toEqual({ status: 'applied' });
    const bulletin = (await readOne(collection(runtime.ctx.db, 'bulletins'), 'bul-new'))!;
    expect(bulletin.access).toBe('priority');
    expect(await runSchedulerTick(runtime.ctx)).toMatchObject({ bulletinsOpened: 0 });
    clock.ms = Date.parse(String(bulletin.priorityUntil)) + 1000;
    expect(await runSchedulerTick(runtime.ctx)).toMatchObject({ bulletinsOpened: 1 });
    expect((await readOne(collection(runtime.ctx.db, 'bulletins'), 'bul-new'))?.access).toBe('all');
  });

  it('reminds parents before their interest confirmation is due and suspends the application after', async () => {
    await collection(runtime.ctx.db, 'settings').insert({
      id: 'region:turkestan',
      kind: 'region',
      value: { interestConfirmationDays: 30 },
      updatedAt: clock.ms,
    });
    clock.advance(25 * DAY);
    const first = await runSchedulerTick(runtime.ctx);
    expect(first).toMatchObject({ remindersSent: 1, applicationsSuspended: 0 });
    expect(await runSchedulerTick(runtime.ctx)).toMatchObject({ remindersSent: 0 });
    const reminders = await readAll(collection(runtime.ctx.db, 'notifications'), {
      kind: 'interestReminder',
    });
    expect(reminders.map((n) => n.recipientId)).toEqual(['par-4']);
    clock.advance(6 * DAY);
    expect(await runSchedulerTick(runtime.ctx)).toMatchObject({ applicationsSuspended: 1 });
    expect((await app('app-4')).status).toBe('inactive');
    // Applications of another region follow that region's setting (none here).
    expect((await app('app-5')).status).toBe('responded');
  });
});
