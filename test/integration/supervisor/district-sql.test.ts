import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain';
import type { Application, Referral, Response } from '../../../src/schema';
import { collection } from '../../../sync-server/database';
import type { Runtime } from '../../../sync-server/runtime';
import { seedDemo, seedRegion } from '../../../sync-server/seed';
import { postgresInstanceOf } from '../../../sync-server/server-sql';
import { readAll } from '../../../sync-server/store';
import { computeDashboard } from '../../../sync-server/supervisor/dashboard';
import type { DashboardFilters } from '../../../sync-server/supervisor/dashboard-filters';
import { dashboardFiltersSchema } from '../../../sync-server/supervisor/dashboard-filters';
import { loadDistrictData } from '../../../sync-server/supervisor/district-data';
import {
  regionAllocations,
  regionBulletinFairness,
  regionBulletins,
  regionDashboard,
  regionPriorityClaims,
} from '../../../sync-server/supervisor/district-sql';
import {
  bulletinFairness,
  bulletinSummaries,
  outOfOrderAllocations,
} from '../../../sync-server/supervisor/fairness';
import { applyFilters } from '../../../sync-server/supervisor/dashboard';
import { chosenPeriod, inPeriod } from '../../../sync-server/supervisor/dashboard-filters';
import { priorityClaims } from '../../../sync-server/supervisor/priority-claims';
import { regionTables } from '../../../sync-server/supervisor/region-tables';
import { startPostgres, type PostgresServer } from '../storage/postgres-server';
import { startTestRuntime, TestClock } from '../server/harness';

/**
 * Issue 16: the supervisor's aggregates computed in PostgreSQL give exactly the answers of the
 * in-memory computation over the region's documents (the previous implementation, kept for rxdb's
 * memory storage) — on the demo district, with referrals in every state and out-of-order activations
 * added, on PGlite and on a real PostgreSQL, before and after further writes (the queue's counts are
 * kept by triggers).
 */
const REGION = 'turkestan';

/** What the in-memory path answers for the same question (the reference). */
async function reference(runtime: Runtime, filters: DashboardFilters) {
  const data = await loadDistrictData(runtime.ctx.db, REGION);
  const period = chosenPeriod(filters);
  const scoped = applyFilters(data, filters).bulletins;
  return {
    dashboard: computeDashboard(data, filters, runtime.ctx.now()),
    bulletins: bulletinSummaries(
      data,
      scoped.filter((b) => !period || inPeriod(b.publishedAt, period)),
    ),
    allocations: outOfOrderAllocations(data, scoped).filter(
      (a) => !period || inPeriod(a.activatedAt, period),
    ),
    data,
  };
}

/** Referrals in every state over demo applications, and activations out of order with a reason. */
async function addDecisions(runtime: Runtime, clock: TestClock): Promise<void> {
  const db = runtime.ctx.db;
  const now = clock.now();
  const today = now.toISOString().slice(0, 10);
  const responses = await readAll<Response>(collection(db, 'responses'), {});
  const apps = new Map(
    (await readAll<Application>(collection(db, 'applications'), { regionId: REGION })).map((a) => [a.id, a]),
  );
  const statuses = ['active', 'enrolled', 'expired', 'annulled'] as const;
  const referrals: Referral[] = [];
  const activated: Response[] = [];
  responses.slice(0, 60).forEach((r, i) => {
    const app = apps.get(r.applicationId);
    if (!app) return;
    const status = statuses[i % 4];
    const at = new Date(now.getTime() - (i % 9) * 86_400_000 * 7 - i * 3_600_000).toISOString();
    referrals.push({
      id: `ref-sql-${i}`,
      applicationId: r.applicationId,
      bulletinId: r.bulletinId,
      responseId: r.id,
      kindergartenId: r.kindergartenId,
      groupId: 'group-sql',
      childIin: app.childIin,
      childName: app.childName,
      parentId: app.parentId,
      parentName: 'Родитель',
      activatedAt: at,
      activatedBy: 'staff-sql',
      validUntil: addDays(today, (i % 7) - 2),
      ...(i % 5 === 0 ? { extendedUntil: addDays(today, (i % 7) + 1) } : {}),
      status,
      verificationCode: `V${i}`,
      ...(status === 'enrolled' ? { signedAt: at, contractNumber: `C-${i}`, contractDate: today } : {}),
      ...(status === 'expired' || status === 'annulled' ? { closedAt: at } : {}),
      updatedAt: now.getTime(),
    } as Referral);
    if (i % 3 === 0)
      activated.push({
        ...r,
        status: 'activated',
        activatedAt: at,
        activatedBy: 'staff-sql',
        ...(i % 2 === 0 ? { skipReason: 'Первый не отвечает на звонки' } : { skippedResponseIds: [] }),
        updatedAt: now.getTime(),
      } as Response);
  });
  for (const written of [
    await collection(db, 'referrals').bulkUpsert(referrals),
    await collection(db, 'responses').bulkUpsert(activated),
  ])
    expect(written.error).toEqual([]);
}

/** Changes after the counts exist: statuses, a confirmed priority, languages, a deleted application. */
async function changeApplications(runtime: Runtime, clock: TestClock): Promise<void> {
  const db = runtime.ctx.db;
  const apps = await readAll<Application>(collection(db, 'applications'), { regionId: REGION });
  const changed = apps.slice(0, 120).map((a, i) => {
    const next: Application = { ...a, updatedAt: clock.now().getTime() };
    if (i % 4 === 0) next.status = 'enrolled';
    if (i % 4 === 1) next.status = 'stopListed';
    if (i % 4 === 2) next.languages = ['ru', 'kk', 'ru'];
    if (i % 4 === 3 && a.claimedPriority !== 'none') {
      next.priority = a.claimedPriority;
      next.priorityConfirmedAt = clock.now().toISOString();
    }
    return next;
  });
  expect((await collection(db, 'applications').bulkUpsert(changed)).error).toEqual([]);
  const gone = await collection(db, 'applications').findOne(apps[200].id).exec();
  await gone?.remove();
}

function filterSets(
  runtime: Runtime,
  data: Awaited<ReturnType<typeof loadDistrictData>>,
): DashboardFilters[] {
  const today = runtime.ctx.now().toISOString().slice(0, 10);
  const kg = data.kindergartens[3];
  const parse = (q: Record<string, unknown>) => dashboardFiltersSchema.parse(q);
  return [
    parse({}),
    parse({ localityId: kg.localityId }),
    parse({ kindergartenId: kg.id }),
    parse({ kindergartenId: kg.id, localityId: 'arys' }),
    parse({ kindergartenId: 'no-such-kindergarten' }),
    parse({ from: addDays(today, -30), to: today }),
    parse({ from: addDays(today, -400), to: addDays(today, -20), expiringDays: 7 }),
    parse({ expiringDays: 10 }),
  ];
}

async function expectSameAnswers(runtime: Runtime): Promise<void> {
  const db = runtime.ctx.db;
  const base = await reference(runtime, dashboardFiltersSchema.parse({}));
  for (const filters of filterSets(runtime, base.data)) {
    const ref = await reference(runtime, filters);
    expect(await regionDashboard(db, REGION, filters, runtime.ctx.now()), JSON.stringify(filters)).toEqual(
      ref.dashboard,
    );
    expect(await regionBulletins(db, REGION, filters), JSON.stringify(filters)).toEqual(ref.bulletins);
    expect(await regionAllocations(db, REGION, filters), JSON.stringify(filters)).toEqual(ref.allocations);
  }
  for (const status of ['pending', 'all'] as const)
    expect(await regionPriorityClaims(db, REGION, status)).toEqual(priorityClaims(base.data, status));
  const withResponders = [...new Set(base.data.responses.map((r) => r.bulletinId))];
  for (const id of withResponders)
    expect(await regionBulletinFairness(db, REGION, id)).toEqual(bulletinFairness(base.data, id));
  expect(await regionBulletinFairness(db, 'shymkent', withResponders[0])).toBeNull();
}

const storages: { name: string; url: () => Promise<string | null> }[] = [
  { name: 'PGlite', url: async () => null },
  {
    name: 'PostgreSQL 15',
    url: async () => {
      postgres ??= await startPostgres();
      return postgres.url;
    },
  },
];
let postgres: PostgresServer | undefined;
afterAll(async () => {
  await postgres?.stop();
});

describe.each(storages)('supervisor aggregates in SQL on $name', ({ url }) => {
  let runtime: Runtime;
  let clock: TestClock;
  beforeAll(async () => {
    const pgUrl = await url();
    clock = new TestClock(Date.parse('2026-12-06T10:00:00Z'));
    ({ runtime } = await startTestRuntime(pgUrl ? { kind: 'postgres', url: pgUrl } : 'shared-pglite', clock));
    await seedDemo(runtime.ctx, { applications: 900 });
    await addDecisions(runtime, clock);
  }, 240_000);
  afterAll(async () => {
    await runtime?.close();
  });

  it('runs on the storage’s tables (not the in-memory fallback)', () => {
    expect(regionTables(runtime.ctx.db)).toBeDefined();
  });

  it('answers the dashboard, fairness list, allocations, claims and responders as the in-memory computation', async () => {
    await expectSameAnswers(runtime);
    const dashboard = await regionDashboard(
      runtime.ctx.db,
      REGION,
      dashboardFiltersSchema.parse({}),
      clock.now(),
    );
    // The demo district is not empty in any of the figures compared.
    expect(dashboard.totals.queue).toBeGreaterThan(500);
    expect(dashboard.totals.enrolments).toBeGreaterThan(0);
    expect(dashboard.expiringReferrals.length).toBeGreaterThan(0);
    expect(dashboard.totals.pendingPriority).toBeGreaterThan(0);
    expect(
      (await regionAllocations(runtime.ctx.db, REGION, dashboardFiltersSchema.parse({}))).length,
    ).toBeGreaterThan(0);
  }, 120_000);

  it('keeps the queue counts right through later writes and a deletion (triggers)', async () => {
    const before = await regionDashboard(
      runtime.ctx.db,
      REGION,
      dashboardFiltersSchema.parse({}),
      clock.now(),
    );
    await changeApplications(runtime, clock);
    const after = await regionDashboard(
      runtime.ctx.db,
      REGION,
      dashboardFiltersSchema.parse({}),
      clock.now(),
    );
    // The writes moved the figures (whichever way the demo's statuses make them go)…
    expect(after.queueByLanguage).not.toEqual(before.queueByLanguage);
    // …and the kept counts still answer as a count over the documents does.
    await expectSameAnswers(runtime);
  }, 120_000);
});

/**
 * A bulletin's responders still in the queue (about twenty per published bulletin at 200,000
 * applications, a handful in the small seeds: the test adds some) have their numbers counted in one
 * statement, not one count per responder, and they are the numbers ranking the region's queues in
 * memory gives.
 */
describe('a bulletin’s responders’ queue numbers (PGlite)', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    ({ runtime } = await startTestRuntime('shared-pglite'));
    await seedRegion(runtime.ctx, { applications: 600 });
  }, 240_000);
  afterAll(async () => {
    await runtime?.close();
  });

  it('numbers a bulletin’s responders in one statement, not one count per responder', async () => {
    const db = runtime.ctx.db;
    const responses = await readAll<Response>(collection(db, 'responses'), {});
    const sample = responses.find((r) => r.status === 'active')!;
    const responded = new Set(responses.map((r) => r.applicationId));
    // Forty waiting children of the region respond to that bulletin too.
    const waiting = (await readAll<Application>(collection(db, 'applications'), { regionId: REGION }))
      .filter((a) => a.status === 'waiting' && !responded.has(a.id))
      .slice(0, 40);
    expect(waiting).toHaveLength(40);
    await collection(db, 'responses').bulkInsert(
      waiting.map((a, i) => ({
        ...sample,
        id: `resp-many-${i}`,
        applicationId: a.id,
        childIin: a.childIin,
        childName: a.childName,
        birthYear: a.birthYear,
        filedAt: a.filedAt,
        priority: a.priority,
      })),
    );
    await collection(db, 'applications').bulkUpsert(waiting.map((a) => ({ ...a, status: 'responded' })));
    const data = await loadDistrictData(db, REGION);

    const sql = postgresInstanceOf(collection(db, 'applications'))!.sql;
    const query = sql.query;
    let statements = 0;
    sql.query = ((...args: Parameters<typeof query>) => {
      statements++;
      return query.apply(sql, args);
    }) as typeof query;
    let fairness: Awaited<ReturnType<typeof regionBulletinFairness>>;
    try {
      fairness = await regionBulletinFairness(db, REGION, sample.bulletinId);
    } finally {
      sql.query = query;
    }
    // The bulletin, the region's kindergartens, its responses, their applications, their numbers.
    expect(statements).toBeLessThanOrEqual(6);
    expect(fairness?.responders.filter((r) => r.queueNumber !== null).length).toBeGreaterThan(40);
    expect(fairness).toEqual(bulletinFairness(data, sample.bulletinId));
  });
});
