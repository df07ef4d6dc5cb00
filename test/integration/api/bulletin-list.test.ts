import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulletinAccess } from '../../../src/domain';
import type { Bulletin } from '../../../src/schema';
import { type BulletinFilter, byVacancy, publishedBulletins } from '../../../sync-server/api/bulletin-list';
import { collection } from '../../../sync-server/database';
import type { Runtime } from '../../../sync-server/runtime';
import { REGION_LOCALITIES, seedRegion } from '../../../sync-server/seed';
import { postgresInstanceOf } from '../../../sync-server/server-sql';
import { readAll } from '../../../sync-server/store';
import { startTestRuntime } from '../server/harness';

// GET /api/bulletins reads its page in one indexed statement (issue 16, item 2) on the real storage
// (PGlite): each filter and page answers what filtering, ordering and slicing every bulletin in memory
// answers, and the unfiltered page is read from the published bulletins' index.
describe('the published bulletins, in SQL', () => {
  let runtime: Runtime;
  let all: Bulletin[];
  beforeAll(async () => {
    ({ runtime } = await startTestRuntime());
    await seedRegion(runtime.ctx, { applications: 2000 });
    all = await readAll(collection(runtime.ctx.db, 'bulletins'), {});
  }, 120_000);
  afterAll(async () => {
    await runtime.close();
  });

  const reference = (filter: BulletinFilter, nowMs: number) =>
    all
      .filter((b) => b.status === 'published')
      .filter((b) => !filter.regionId || b.regionId === filter.regionId)
      .filter((b) => !filter.localityId || b.localityId === filter.localityId)
      .filter((b) => !filter.localities || filter.localities.includes(b.localityId))
      .filter((b) => !filter.kindergartenId || b.kindergartenId === filter.kindergartenId)
      .filter((b) => filter.birthYear === undefined || b.birthYears.includes(filter.birthYear))
      .filter((b) => !filter.access || bulletinAccess(b, nowMs) === filter.access)
      .sort(byVacancy)
      .map((b) => b.id);

  it('answers every filter and page as the in-memory computation', async () => {
    const nowMs = runtime.ctx.now().getTime();
    const published = all.filter((b) => b.status === 'published');
    const stages = new Set(published.map((b) => bulletinAccess(b, nowMs)));
    expect(stages).toEqual(new Set(['priority', 'all']));
    const someKg = published[7].kindergartenId;
    const filters: BulletinFilter[] = [
      {},
      { regionId: 'turkestan' },
      { localityId: REGION_LOCALITIES[0].id },
      { localities: [REGION_LOCALITIES[0].id, REGION_LOCALITIES[2].id], access: 'priority' },
      { kindergartenId: someKg },
      { birthYear: published[3].birthYears[0] },
      { access: 'all' },
      { access: 'priority', birthYear: published[5].birthYears[0] },
    ];
    for (const filter of filters) {
      const expected = reference(filter, nowMs);
      const got = (await publishedBulletins(runtime.ctx, filter, nowMs)).map((b) => b.id);
      expect(got, JSON.stringify(filter)).toEqual(expected);
      const page = await publishedBulletins(runtime.ctx, filter, nowMs, { offset: 2, limit: 3 });
      expect(
        page.map((b) => b.id),
        JSON.stringify(filter),
      ).toEqual(expected.slice(2, 5));
    }
    expect(reference({}, nowMs).length).toBeGreaterThan(5);
  });

  it('reads the unfiltered page from the published bulletins’ index, not every bulletin', async () => {
    const nowMs = runtime.ctx.now().getTime();
    await publishedBulletins(runtime.ctx, {}, nowMs, { offset: 0, limit: 5 });
    const instance = postgresInstanceOf(collection(runtime.ctx.db, 'bulletins'))!;
    await instance.sql.query('SET enable_seqscan = off');
    const plan = await instance.sql.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT doc FROM ${instance.table} WHERE NOT deleted AND doc->>'status' = 'published'
        ORDER BY doc->>'vacancyAt' COLLATE "C" DESC, id COLLATE "C" LIMIT 5`,
    );
    await instance.sql.query('SET enable_seqscan = on');
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Scan using \S*_published/);
  });
});
