import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { almatyDayOfMs, groupPlaces, parseIin } from '../../../src/domain';
import { coordinationOf, setCoordination } from '../../../sync-server/actions';
import { interestDue, stopListsOver } from '../../../sync-server/deadlines';
import { collection } from '../../../sync-server/database';
import type { Runtime } from '../../../sync-server/runtime';
import { runSchedulerTick } from '../../../sync-server/scheduler';
import {
  type DemoLogins,
  DUE_PER_KIND,
  isSeeded,
  REGION_INTEREST_DAYS,
  REGION_LOCALITIES,
  seedRegion,
} from '../../../sync-server/seed';
import { readAll } from '../../../sync-server/store';
import { startTestRuntime } from './harness';

// `seed --region N` (issue 16) on the real storage (PGlite): the data is whole and coherent, every
// state is there, and the deadlines due at the seed's "now" are exactly the fixed few a scheduler tick
// then applies, whatever N is.
const DAY_MS = 86_400_000;

describe('a seeded region', () => {
  let runtime: Runtime;
  let logins: DemoLogins;
  const N = 4000;
  const stages: string[] = [];
  beforeAll(async () => {
    ({ runtime } = await startTestRuntime());
    logins = await seedRegion(runtime.ctx, { applications: N, onProgress: (_d, _t, s) => stages.push(s) });
  }, 120_000);
  afterAll(async () => {
    await runtime.close();
  });
  const all = <T>(name: 'applications' | 'referrals' | 'responses' | 'bulletins' | 'kindergartens') =>
    readAll(collection(runtime.ctx.db, name), {}) as Promise<T[]>;

  it('holds N applications with valid, unique IINs, their parents and children, in every locality', async () => {
    expect(await isSeeded(runtime.ctx.db)).toBe(true);
    const apps = await readAll(collection(runtime.ctx.db, 'applications'), {});
    expect(apps).toHaveLength(N);
    expect(new Set(apps.map((a) => a.childIin)).size).toBe(N);
    for (const a of apps) {
      const iin = parseIin(a.childIin);
      expect(iin.ok && Number(iin.value.birthDate.slice(0, 4))).toBe(a.birthYear);
    }
    expect(await collection(runtime.ctx.db, 'parents').count().exec()).toBe(N);
    expect(await collection(runtime.ctx.db, 'children').count().exec()).toBe(N);
    const inRegion = REGION_LOCALITIES.filter((l) => l.weight > 0).map((l) => l.id);
    expect(new Set(apps.map((a) => a.localityId))).toEqual(new Set(inRegion));
    expect(new Set(apps.map((a) => a.status))).toEqual(
      new Set([
        'waiting',
        'responded',
        'referred',
        'enrolled',
        'stopListed',
        'inactive',
        'withdrawn',
        'archived',
      ]),
    );
  });

  it('has kindergartens in every locality with a staff login each, and a supervisor per region', async () => {
    const kgs = await all<{ id: string; localityId: string }>('kindergartens');
    expect(new Set(kgs.map((k) => k.localityId)).size).toBe(REGION_LOCALITIES.length);
    expect(logins.staff.map((s) => s.kindergartenId).sort()).toEqual(kgs.map((k) => k.id).sort());
    expect(new Set(logins.staff.map((s) => s.login)).size).toBe(kgs.length);
    expect(logins.supervisors.map((s) => s.login)).toEqual(['supervisor-turkestan', 'supervisor-shymkent']);
    expect(stages.at(-1)).toBe('done');
  });

  it('has referrals in every state, each matching its application and its bulletin', async () => {
    const apps = new Map(
      (await readAll(collection(runtime.ctx.db, 'applications'), {})).map((a) => [a.id, a]),
    );
    const bulletins = new Map(
      (await readAll(collection(runtime.ctx.db, 'bulletins'), {})).map((b) => [b.id, b]),
    );
    const referrals = await readAll(collection(runtime.ctx.db, 'referrals'), {});
    expect(new Set(referrals.map((r) => r.status))).toEqual(
      new Set(['active', 'enrolled', 'expired', 'annulled']),
    );
    const statusOf = { active: 'referred', enrolled: 'enrolled', expired: 'stopListed', annulled: 'waiting' };
    for (const r of referrals) {
      const app = apps.get(r.applicationId)!;
      const bulletin = bulletins.get(r.bulletinId)!;
      expect(app.status).toBe(statusOf[r.status as keyof typeof statusOf]);
      expect(app.visibleTo).toEqual([r.kindergartenId]);
      expect(bulletin.localityId).toBe(app.localityId);
      expect(bulletin.birthYears).toContain(app.birthYear);
      expect(app.languages).toContain(bulletin.language);
      if (r.status === 'enrolled') {
        expect(app.enrolledKindergartenId).toBe(r.kindergartenId);
        expect(r.contractNumber && r.signedAt).toBeTruthy();
      }
    }
    const responses = await readAll(collection(runtime.ctx.db, 'responses'), {});
    expect(new Set(responses.map((r) => r.status))).toEqual(
      new Set(['active', 'activated', 'closed', 'withdrawn']),
    );
    for (const r of responses.filter((x) => x.status === 'active'))
      expect(apps.get(r.applicationId)?.status).toBe('responded');
  });

  it('adds its places up: no group offers or holds more than it has free (places.ts)', async () => {
    const groups = await readAll(collection(runtime.ctx.db, 'groups'), {});
    const referrals = await readAll(collection(runtime.ctx.db, 'referrals'), {});
    const bulletins = await readAll(collection(runtime.ctx.db, 'bulletins'), {});
    for (const g of groups) {
      const places = groupPlaces(g, referrals, bulletins);
      expect(places.capacity - places.enrolled - places.held).toBeGreaterThanOrEqual(places.offered);
      const signed = referrals.filter((r) => r.groupId === g.id && r.status === 'enrolled').length;
      expect(g.enrolled).toBeGreaterThanOrEqual(signed);
    }
    for (const b of bulletins) {
      const live = referrals.filter((r) => r.bulletinId === b.id && r.status === 'active').length;
      expect(b.totalPlaces).toBeGreaterThanOrEqual(b.freePlaces + live);
    }
  });

  it('finds the deadlines by index: the stop-lists over and the interest confirmations due, not every one', async () => {
    const today = almatyDayOfMs(runtime.ctx.now().getTime());
    const stopListed = await readAll(collection(runtime.ctx.db, 'applications'), { status: 'stopListed' });
    const over = await stopListsOver(runtime.ctx.db, today);
    expect(over).toHaveLength(DUE_PER_KIND);
    expect(stopListed.length).toBeGreaterThan(over.length);
    const waiting = await collection(runtime.ctx.db, 'applications')
      .count({ selector: { status: 'waiting' } })
      .exec();
    const nowMs = runtime.ctx.now().getTime();
    const due = await interestDue(runtime.ctx.db, 'turkestan', nowMs - (REGION_INTEREST_DAYS - 8) * DAY_MS);
    expect(due.length).toBeGreaterThanOrEqual(2 * DUE_PER_KIND);
    expect(due.length).toBeLessThan(waiting / 20);
  });

  it('has the same few deadlines due now at any size, which one tick applies and the next finds done', async () => {
    // The tick's rounds under the processor's locks (issue 16, item 5): its due actions span several
    // localities and are applied in one round holding all their locks, not a round per locality.
    const coordination = coordinationOf(runtime.ctx.db);
    const rounds: string[][] = [];
    setCoordination(runtime.ctx.db, {
      ...coordination,
      exclusive: (work, names) => {
        rounds.push([...(names ?? [])]);
        return coordination.exclusive(work, names);
      },
      ifLeader: (name, work) => coordination.ifLeader(name, work),
    });
    const first = await runSchedulerTick(runtime.ctx);
    setCoordination(runtime.ctx.db, coordination);
    const processorRounds = rounds.filter((names) => names.some((n) => n.startsWith('loc:')));
    expect(processorRounds).toHaveLength(1);
    expect(processorRounds[0].length).toBeGreaterThan(1);
    expect(first).toEqual({
      led: true,
      referralsExpired: DUE_PER_KIND,
      stopListsEnded: DUE_PER_KIND,
      bulletinsOpened: DUE_PER_KIND,
      applicationsSuspended: DUE_PER_KIND,
      remindersSent: DUE_PER_KIND,
      rejected: 0,
    });
    expect(await runSchedulerTick(runtime.ctx)).toEqual({
      led: true,
      referralsExpired: 0,
      stopListsEnded: 0,
      bulletinsOpened: 0,
      applicationsSuspended: 0,
      remindersSent: 0,
      rejected: 0,
    });
  }, 60_000);
});
