import { afterEach, describe, expect, it } from 'vitest';
import { matchingQueue, queueNumber } from '../../../src/domain';
import type { Application } from '../../../src/schema';
import { collection } from '../../../sync-server/database';
import { applicationParts } from '../../../sync-server/api/application-reads';
import {
  applicationsOfChild,
  matchingPosition,
  numberedApplicationsOfChild,
  placesWithinFreePlaces,
  queuePosition,
} from '../../../sync-server/queue-rank';
import type { Runtime } from '../../../sync-server/runtime';
import { SeededRandom } from '../../../sync-server/seed';
import {
  application,
  bulletin as bulletinFixture,
  kindergarten,
  referralOf,
  responseOf,
} from '../../unit/domain/fixtures';
import { startTestRuntime, TEST_STORAGE } from './harness';

/**
 * The queue number counted in SQL over the queue's index (PGlite, and PostgreSQL in the bench) is the
 * number ranking the queue gives, for every member of a queue with every category, ties in filing time
 * and IIN, members without a number, other queues around it — and with a batch's unwritten changes.
 */
describe.each([
  ['pglite', TEST_STORAGE],
  ['memory', { kind: 'memory' as const }],
])('queue numbers from counts (%s)', (_name, storage) => {
  let runtime: Runtime;
  afterEach(async () => {
    await runtime?.close();
  });

  it('equals the ranked number for every member', async () => {
    ({ runtime } = await startTestRuntime(storage));
    const rnd = new SeededRandom(7);
    const times = [
      '2026-01-05T04:00:00.000Z',
      '2026-01-05T09:00:00+05:00',
      '2026-01-05T04:00:01.000Z',
      '2026-02-01T10:00:00.000Z',
    ];
    const apps: Application[] = [];
    for (let i = 0; i < 160; i++) {
      const sameQueue = i % 8 !== 0;
      apps.push(
        application({
          id: `app-${String(i).padStart(3, '0')}`,
          priority: rnd.pick([
            'extraordinary',
            'primary',
            'primary',
            'none',
            'none',
            'none',
            'none',
          ] as const),
          filedAt: rnd.pick(times),
          status: rnd.pick(['waiting', 'waiting', 'responded', 'referred', 'enrolled', 'withdrawn'] as const),
          ...(sameQueue ? {} : { groupType: 'special' }),
        }),
      );
    }
    await collection(runtime.ctx.db, 'applications').bulkInsert(apps);
    for (const app of apps) expect(await queuePosition(runtime.ctx.db, app)).toBe(queueNumber(app.id, apps));

    // A batch has withdrawn one member and filed a new one, not yet written: both count as changed.
    const withdrawn = {
      ...apps.find((a) => a.status === 'waiting' && a.groupType === 'ordinary')!,
      status: 'withdrawn' as const,
    };
    const filed = application({ id: 'app-new', filedAt: '2026-01-05T04:00:00.000Z', priority: 'none' });
    const after = apps.map((a) => (a.id === withdrawn.id ? withdrawn : a)).concat(filed);
    for (const app of after.slice(0, 40))
      expect(await queuePosition(runtime.ctx.db, app, [withdrawn, filed])).toBe(queueNumber(app.id, after));
  });

  it('keeps counting right as applications are filed, change and are removed after the first count', async () => {
    ({ runtime } = await startTestRuntime(storage));
    const rnd = new SeededRandom(23);
    const apps = collection(runtime.ctx.db, 'applications');
    const make = (i: number) =>
      application({
        id: `k-${String(i).padStart(3, '0')}`,
        childIin: `200514${String(600000 + i).slice(-6)}`,
        priority: rnd.pick(['extraordinary', 'primary', 'none', 'none'] as const),
        filedAt: rnd.pick([
          '2026-01-05T04:00:00.000Z',
          '2026-01-06T04:00:00.000Z',
          '2026-01-07T10:00:00+05:00',
        ]),
        status: rnd.pick(['waiting', 'responded', 'referred'] as const),
      });
    const first = Array.from({ length: 60 }, (_, i) => make(i));
    await apps.bulkInsert(first);
    // The first count (on our storage: the queue's companion table is made and filled here).
    expect(await queuePosition(runtime.ctx.db, first[0])).toBe(queueNumber(first[0].id, first));
    // Then the queue changes under it: new members, statuses and priorities changed, members removed.
    const later = Array.from({ length: 40 }, (_, i) => make(60 + i));
    await apps.bulkInsert(later);
    const changed = first.slice(0, 30).map((a, i) => ({
      ...a,
      status: i % 3 === 0 ? ('withdrawn' as const) : ('waiting' as const),
      priority: i % 2 === 0 ? ('primary' as const) : a.priority,
      updatedAt: a.updatedAt + 1,
    }));
    await apps.bulkUpsert(changed);
    const removed = later.slice(0, 10).map((a) => a.id);
    await apps.find({ selector: { id: { $in: removed } } }).remove();
    const now = [...changed, ...first.slice(30), ...later.slice(10)];
    for (const app of now) expect(await queuePosition(runtime.ctx.db, app)).toBe(queueNumber(app.id, now));
  });

  it('counts a bulletin’s matching queue over two birth years as matchingQueue ranks it', async () => {
    ({ runtime } = await startTestRuntime(storage));
    const rnd = new SeededRandom(11);
    const apps: Application[] = [];
    for (let i = 0; i < 140; i++) {
      const birthYear = rnd.pick([2020, 2021, 2022]);
      apps.push(
        application({
          id: `m-${String(i).padStart(3, '0')}`,
          birthYear,
          childIin: `${String(birthYear).slice(2)}0514${String(500000 + i).slice(-6)}`,
          priority: rnd.pick(['extraordinary', 'primary', 'none', 'none', 'none'] as const),
          filedAt: rnd.pick([
            '2026-01-05T04:00:00.000Z',
            '2026-01-05T04:00:00.000Z',
            '2026-03-01T10:00:00+05:00',
          ]),
          languages: rnd.pick([['kk'], ['ru'], ['kk', 'ru']]),
          status: rnd.pick(['waiting', 'waiting', 'responded', 'stopListed', 'referred'] as const),
          ...(rnd.next() < 0.1 ? { stopListUntil: rnd.pick(['2026-03-01', '2026-03-30']) } : {}),
        }),
      );
    }
    await collection(runtime.ctx.db, 'applications').bulkInsert(apps);
    const bulletin = bulletinFixture({ birthYears: [2020, 2021], language: 'kk' });
    const nowMs = Date.parse('2026-03-19T05:00:00Z');
    const ranked = matchingQueue(apps, bulletin, kindergarten, nowMs).map((a) => a.id);
    for (const app of apps) {
      const position = await matchingPosition(runtime.ctx.db, app, bulletin, kindergarten.localityId, nowMs);
      expect(position).toBe(ranked.indexOf(app.id) + 1);
    }
  });

  it('answers a place within a bulletin’s free places as the full count does, for every member and number of places', async () => {
    ({ runtime } = await startTestRuntime(storage));
    const rnd = new SeededRandom(31);
    const apps: Application[] = [];
    for (let i = 0; i < 120; i++) {
      const birthYear = rnd.pick([2020, 2021, 2022]);
      apps.push(
        application({
          id: `w-${String(i).padStart(3, '0')}`,
          birthYear,
          childIin: `${String(birthYear).slice(2)}0514${String(700000 + i).slice(-6)}`,
          priority: rnd.pick(['extraordinary', 'primary', 'primary', 'none', 'none', 'none'] as const),
          filedAt: rnd.pick([
            '2026-01-05T04:00:00.000Z',
            '2026-01-05T04:00:00.000Z',
            '2026-02-01T10:00:00+05:00',
          ]),
          languages: rnd.pick([['kk'], ['ru'], ['kk', 'ru']]),
          status: rnd.pick(['waiting', 'waiting', 'responded', 'stopListed', 'referred'] as const),
          ...(rnd.next() < 0.1 ? { stopListUntil: rnd.pick(['2026-03-01', '2026-03-30']) } : {}),
        }),
      );
    }
    await collection(runtime.ctx.db, 'applications').bulkInsert(apps);
    const nowMs = Date.parse('2026-03-19T05:00:00Z');
    const questions = [0, 1, 2, 3, 5, 8, 13, 40].flatMap((freePlaces) =>
      apps.map((app) => ({
        app,
        bulletin: bulletinFixture({ birthYears: [2020, 2021], language: 'kk', freePlaces }),
        localityId: kindergarten.localityId,
      })),
    );
    const answers = await placesWithinFreePlaces(runtime.ctx.db, questions, nowMs);
    const expected: (number | null)[] = [];
    for (const q of questions) {
      const position = await matchingPosition(runtime.ctx.db, q.app, q.bulletin, q.localityId, nowMs);
      expected.push(position >= 1 && position <= (q.bulletin.freePlaces ?? 0) ? position : null);
    }
    expect(answers).toEqual(expected);
    // Within places and past them both occur, so the test can tell a wrong cut-off.
    expect(answers.some((a) => a !== null)).toBe(true);
    expect(answers.some((a, i) => a === null && expected[i] === null)).toBe(true);
  });

  it('reads a child’s applications with their numbers, and applications with their parts, as the single reads do', async () => {
    ({ runtime } = await startTestRuntime(storage));
    const rnd = new SeededRandom(5);
    const twin = '200514700017';
    const apps: Application[] = [];
    for (let i = 0; i < 50; i++)
      apps.push(
        application({
          id: `p-${String(i).padStart(3, '0')}`,
          childIin: i < 3 ? twin : `200514${String(710000 + i).slice(-6)}`,
          localityId: i === 1 ? 'arys' : kindergarten.localityId,
          priority: rnd.pick(['extraordinary', 'primary', 'none', 'none'] as const),
          filedAt: rnd.pick(['2026-01-05T04:00:00.000Z', '2026-01-06T04:00:00.000Z']),
          status: i === 2 ? 'enrolled' : rnd.pick(['waiting', 'responded', 'referred', 'withdrawn'] as const),
        }),
      );
    await collection(runtime.ctx.db, 'applications').bulkInsert(apps);
    await collection(runtime.ctx.db, 'responses').bulkInsert([
      responseOf(apps[0]),
      responseOf(apps[0], { id: 'resp-second', status: 'closed' }),
      responseOf(apps[5]),
    ]);
    await collection(runtime.ctx.db, 'referrals').bulkInsert([referralOf(apps[5]), referralOf(apps[6])]);

    const numbered = await numberedApplicationsOfChild(runtime.ctx.db, twin);
    expect(numbered.map((n) => n.app.id).sort()).toEqual(['p-000', 'p-001', 'p-002']);
    for (const n of numbered) {
      expect(Object.keys(n.app).some((k) => k.startsWith('_'))).toBe(false);
      expect(n.queueNumber).toBe(await queuePosition(runtime.ctx.db, n.app));
    }
    expect(numbered.find((n) => n.app.id === 'p-002')?.queueNumber).toBeNull();

    const ids = [...apps.slice(0, 10).map((a) => a.id), 'p-missing'];
    const parts = await applicationParts(runtime.ctx, ids);
    for (const app of apps.slice(0, 10)) {
      const part = parts.get(app.id)!;
      expect(part.app).toEqual(app);
      expect(part.queueNumber).toBe(await queuePosition(runtime.ctx.db, app));
      const ids = (docs: { id: string }[]) => docs.map((d) => d.id).sort();
      expect(ids(part.responses)).toEqual(
        ids(
          (
            await collection(runtime.ctx.db, 'responses')
              .find({ selector: { applicationId: app.id } })
              .exec()
          ).map((d) => d.toJSON()),
        ),
      );
      expect(ids(part.referrals)).toEqual(
        ids(
          (
            await collection(runtime.ctx.db, 'referrals')
              .find({ selector: { applicationId: app.id } })
              .exec()
          ).map((d) => d.toJSON()),
        ),
      );
    }
    expect(
      parts
        .get('p-000')!
        .responses.map((r) => r.id)
        .sort(),
    ).toEqual(['resp-p-000', 'resp-second']);
    expect(parts.get('p-005')!.referrals.map((r) => r.id)).toEqual(['ref-p-005']);
    expect(parts.get('p-missing')).toEqual({
      app: undefined,
      responses: [],
      referrals: [],
      queueNumber: null,
    });
  });

  it('finds a child’s applications in every locality by the IIN, and only theirs', async () => {
    ({ runtime } = await startTestRuntime(storage));
    const twin = '170720500017';
    await collection(runtime.ctx.db, 'applications').bulkInsert([
      application({ id: 'c-1', childIin: twin }),
      application({ id: 'c-2', childIin: twin, localityId: 'arys', status: 'withdrawn' }),
      application({ id: 'c-3' }),
    ]);
    const found = await applicationsOfChild(runtime.ctx.db, twin);
    expect(found.map((a) => a.id).sort()).toEqual(['c-1', 'c-2']);
    expect(Object.keys(found[0]).some((k) => k.startsWith('_'))).toBe(false);
    // Asked again (the index exists by now), the same answer.
    expect((await applicationsOfChild(runtime.ctx.db, twin)).length).toBe(2);
  });
});
