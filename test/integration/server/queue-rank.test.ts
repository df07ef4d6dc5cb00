import { afterEach, describe, expect, it } from 'vitest';
import { matchingQueue, queueNumber } from '../../../src/domain';
import type { Application } from '../../../src/schema';
import { collection } from '../../../sync-server/database';
import { applicationsOfChild, matchingPosition, queuePosition } from '../../../sync-server/queue-rank';
import type { Runtime } from '../../../sync-server/runtime';
import { SeededRandom } from '../../../sync-server/seed';
import { application, bulletin as bulletinFixture, kindergarten } from '../../unit/domain/fixtures';
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
