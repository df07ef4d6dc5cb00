import type { RxDatabase } from 'rxdb';
import { addDays, endOfAlmatyDay, QUEUE_STATUSES } from '../../src/domain';
import type { Application, Bulletin, Group, Kindergarten, Response } from '../../src/schema';
import { collection } from '../database';
import { storedQueuePositions } from '../queue-rank';
import { ensureServerIndex } from '../server-sql';
import type { SqlParam } from '../storage';
import { plain, readAll, readByIds, readOne } from '../store';
import {
  applyFilters,
  bulletinSeries,
  computeDashboard,
  type Dashboard,
  median,
  ratio,
  sortedRows,
} from './dashboard';
import {
  almatyDay,
  chosenPeriod,
  type DashboardFilters,
  daysBetween,
  inPeriod,
  resolvePeriod,
} from './dashboard-filters';
import { type DistrictData, loadDistrictData } from './district-data';
import {
  type BulletinFairness,
  type BulletinSummary,
  bulletinFairness,
  bulletinSummaries,
  bulletinSummary,
  byNewest,
  type OutOfOrderAllocation,
  outOfOrderAllocations,
} from './fairness';
import { type PriorityClaim, priorityClaims } from './priority-claims';
import { queueCounts } from './queue-counts';
import { derivedName, type RegionTables, regionTables } from './region-tables';

/**
 * What the supervisor's pages show, computed in PostgreSQL over the collections' tables (issue 16:
 * the dashboard, the fairness list and the exports under 500 ms at 200,000 applications). The answers
 * are those of the in-memory computation over the region's documents (dashboard.ts, fairness.ts,
 * priority-claims.ts), which remains the path on rxdb's memory storage; a test holds the two together
 * on the demo district. What is small per region (kindergartens, a few bulletins' responses) is read as
 * documents and decided by the same functions; what grows with the queue is counted in SQL.
 */

/** A JSON array parameter, read in SQL as a set of texts. */
const inList = (param: string) => `IN (SELECT jsonb_array_elements_text(${param}::jsonb))`;

/** Epoch milliseconds of an ISO instant in a document field, NULL when it is not one. */
const msOf = (field: string) =>
  `(CASE WHEN ${field} ~ '^\\d{4}-\\d{2}-\\d{2}T' THEN (extract(epoch FROM (${field})::timestamptz) * 1000)::float8 END)`;

/** The instants a period of Almaty days spans: [start of `from`, end of `to`). */
function periodMs(period: { from: string; to: string }): [number, number] {
  const start = Date.parse(endOfAlmatyDay(addDays(period.from, -1)));
  const end = Date.parse(endOfAlmatyDay(period.to));
  return [Number.isNaN(start) ? -8.64e15 : start, Number.isNaN(end) ? 8.64e15 : end];
}

/** The filters as sets: the region's kindergartens in scope and the queue's localities (null: all). */
function scopeOf(kindergartens: Kindergarten[], filters: DashboardFilters) {
  const kindergarten = filters.kindergartenId
    ? kindergartens.find((k) => k.id === filters.kindergartenId)
    : undefined;
  const unknownKindergarten = filters.kindergartenId !== undefined && kindergarten === undefined;
  const localityOk = (localityId: string) =>
    (!filters.localityId || localityId === filters.localityId) &&
    (!kindergarten || localityId === kindergarten.localityId);
  let localities: string[] | null = null;
  if (unknownKindergarten) localities = [];
  else if (kindergarten || filters.localityId) {
    const localityId = kindergarten?.localityId ?? filters.localityId!;
    localities = localityOk(localityId) ? [localityId] : [];
  }
  const kindergartenIds = kindergartens
    .filter((k) => (!filters.kindergartenId || k.id === filters.kindergartenId) && localityOk(k.localityId))
    .map((k) => k.id);
  return { localities, kindergartenIds };
}

function regionKindergartens(db: RxDatabase, regionId: string): Promise<Kindergarten[]> {
  return readAll(collection(db, 'kindergartens'), { regionId });
}

/** The district at a glance (dashboard.ts), from the queue's counts and aggregates over referrals. */
export async function regionDashboard(
  db: RxDatabase,
  regionId: string,
  filters: DashboardFilters,
  now: Date,
): Promise<Dashboard> {
  const tables = regionTables(db);
  if (!tables) return computeDashboard(await loadDistrictData(db, regionId), filters, now);
  const today = almatyDay(now);
  const period = resolvePeriod(filters, today);
  const [fromMs, toMs] = periodMs(period);
  const kindergartens = await regionKindergartens(db, regionId);
  const { localities, kindergartenIds } = scopeOf(kindergartens, filters);
  const kgs = JSON.stringify(kindergartenIds);
  const expiringUntil = addDays(today, filters.expiringDays);

  const [counts, [referrals], expiring, bulletins] = await Promise.all([
    localities?.length === 0 ? [] : queueCounts(tables, regionId, localities),
    tables.sql.query<{ active: number; enrolments: number; ended: number; noShows: number; days: number[] }>(
      `SELECT count(*) FILTER (WHERE status = 'active')::int AS active,
              count(*) FILTER (WHERE status = 'enrolled' AND signed >= $2 AND signed < $3)::int AS enrolments,
              count(*) FILTER (WHERE status <> 'active' AND ended >= $2 AND ended < $3)::int AS ended,
              count(*) FILTER (WHERE status IN ('expired', 'annulled') AND ended >= $2 AND ended < $3)::int AS "noShows",
              coalesce(array_agg(days) FILTER (WHERE status = 'enrolled' AND signed >= $2 AND signed < $3
                                                 AND days IS NOT NULL), '{}') AS days
         FROM (SELECT r.doc->>'status' AS status, s.signed,
                      CASE WHEN r.doc->>'status' = 'enrolled' THEN s.signed ELSE ${msOf("r.doc->>'closedAt'")} END AS ended,
                      CASE WHEN coalesce(r.doc->>'signedAt', '') <> '' AND a.id IS NOT NULL
                           THEN floor((s.signed - ${msOf("a.doc->>'filedAt'")}) / 86400000 * 10 + 0.5) / 10 END AS days
                 FROM ${tables.referrals} r
                 CROSS JOIN LATERAL (SELECT ${msOf("r.doc->>'signedAt'")} AS signed) s
                 LEFT JOIN ${tables.applications} a
                   ON a.id = r.doc->>'applicationId' AND NOT a.deleted AND a.doc->>'regionId' = $4
                WHERE NOT r.deleted AND r.doc->>'kindergartenId' ${inList('$1')}) x`,
      [kgs, fromMs, toMs, regionId],
    ),
    tables.sql.query<{ id: string; kindergartenId: string; childName: string; lastDay: string }>(
      `SELECT id, doc->>'kindergartenId' AS "kindergartenId", doc->>'childName' AS "childName",
              coalesce(doc->>'extendedUntil', doc->>'validUntil') AS "lastDay"
         FROM ${tables.referrals}
        WHERE NOT deleted AND doc->>'kindergartenId' ${inList('$1')} AND doc->>'status' = 'active'
          AND coalesce(doc->>'extendedUntil', doc->>'validUntil') COLLATE "C" >= $2
          AND coalesce(doc->>'extendedUntil', doc->>'validUntil') COLLATE "C" <= $3`,
      [kgs, today, expiringUntil],
    ),
    tables.sql.query<Pick<Bulletin, 'publishedAt' | 'totalPlaces' | 'freePlaces' | 'status' | 'updatedAt'>>(
      `SELECT doc->>'publishedAt' AS "publishedAt", (doc->>'totalPlaces')::float8 AS "totalPlaces",
              (doc->>'freePlaces')::float8 AS "freePlaces", doc->>'status' AS status,
              (doc->>'updatedAt')::float8 AS "updatedAt"
         FROM ${tables.bulletins}
        WHERE NOT deleted AND doc->>'regionId' = $2 AND doc->>'kindergartenId' ${inList('$1')}`,
      [kgs, regionId],
    ),
  ]);

  const queue = counts.filter((c) => QUEUE_STATUSES.includes(c.status));
  const sum = (rows: typeof queue) => rows.reduce((n, c) => n + c.n, 0);
  const countBy = <K extends string | number>(keysOf: (c: (typeof queue)[number]) => K[]) => {
    const out = new Map<K, number>();
    for (const c of queue) for (const key of keysOf(c)) out.set(key, (out.get(key) ?? 0) + c.n);
    return out;
  };
  const queueTotal = sum(queue);
  const stopListed = sum(queue.filter((c) => c.status === 'stopListed'));
  const published = bulletins.filter((b) => b.status === 'published');
  const kindergartenById = new Map(kindergartens.map((k) => [k.id, k]));
  const expiringReferrals = expiring
    .map((r) => ({
      referralId: r.id,
      kindergartenId: r.kindergartenId,
      kindergartenName: kindergartenById.get(r.kindergartenId)?.nameRu ?? r.kindergartenId,
      childName: r.childName,
      lastDay: r.lastDay,
      daysLeft: daysBetween(today, r.lastDay),
    }))
    .sort((a, b) =>
      a.lastDay < b.lastDay ? -1 : a.lastDay > b.lastDay ? 1 : a.referralId < b.referralId ? -1 : 1,
    );

  return {
    asOf: now.toISOString(),
    period,
    totals: {
      queue: queueTotal,
      pendingPriority: sum(queue.filter((c) => c.pending)),
      stopListed,
      publishedBulletins: published.length,
      freePlaces: published.reduce((n, b) => n + b.freePlaces, 0),
      referralsActive: referrals.active,
      enrolments: referrals.enrolments,
      noShows: referrals.noShows,
      medianDaysToEnrolment: median(referrals.days.map(Number)),
      noShowRate: ratio(referrals.noShows, referrals.ended),
      stopListRate: ratio(stopListed, queueTotal),
    },
    queueByLocality: sortedRows(
      countBy((c) => [c.localityId]),
      'localityId',
    ),
    queueByBirthYear: sortedRows(
      countBy((c) => [Number(c.birthYear)]),
      'birthYear',
    ),
    queueByLanguage: sortedRows(
      countBy((c) => (c.languages === '' ? [] : c.languages.split(','))),
      'language',
    ),
    queueByPriority: sortedRows(
      countBy((c) => [c.priority]),
      'priority',
    ),
    bulletinsOverTime: bulletinSeries(bulletins, period),
    expiringReferrals,
  };
}

/** The fields of a bulletin its row of the fairness list shows: every one bulletinSummary (fairness.ts) reads. */
const SUMMARY_FIELDS = [
  'kindergartenId',
  'groupId',
  'language',
  'birthYears',
  'ageGroup',
  'placeType',
  'status',
  'publishedAt',
  'totalPlaces',
  'freePlaces',
] as const satisfies readonly (keyof Bulletin)[];

/** Bulletins in the filters' scope with their responders counted by the database (fairness list). */
export async function regionBulletins(
  db: RxDatabase,
  regionId: string,
  filters: DashboardFilters,
): Promise<BulletinSummary[]> {
  const tables = regionTables(db);
  if (!tables) {
    const data = await loadDistrictData(db, regionId);
    const period = chosenPeriod(filters);
    const inScope = applyFilters(data, filters).bulletins.filter(
      (b) => !period || inPeriod(b.publishedAt, period),
    );
    return bulletinSummaries(data, inScope);
  }
  const kindergartens = await regionKindergartens(db, regionId);
  const { kindergartenIds } = scopeOf(kindergartens, filters);
  const period = chosenPeriod(filters);
  const [fromMs, toMs] = period ? periodMs(period) : [-8.64e15, 8.64e15];
  const rows = await tables.sql.query<{
    doc: Record<string, unknown>;
    responders: number;
    activated: number;
    outOfOrder: number;
  }>(
    // Only the fields a row of the list shows (bulletinSummary), not the whole document.
    `SELECT jsonb_build_object('id', b.id, ${SUMMARY_FIELDS.map((f) => `'${f}', b.doc->'${f}'`).join(', ')}) AS doc,
            coalesce(c.responders, 0)::int AS responders, coalesce(c.activated, 0)::int AS activated,
            coalesce(c.out_of_order, 0)::int AS "outOfOrder"
       FROM ${tables.bulletins} b
       LEFT JOIN (
         SELECT doc->>'bulletinId' AS bulletin_id,
                count(*) FILTER (WHERE doc->>'status' <> 'withdrawn') AS responders,
                count(*) FILTER (WHERE doc->>'status' = 'activated') AS activated,
                count(*) FILTER (WHERE ${outOfOrderResponse('doc')}) AS out_of_order
           FROM ${tables.responses}
          WHERE NOT deleted AND doc->>'kindergartenId' ${inList('$3')}
          GROUP BY 1) c ON c.bulletin_id = b.id
      WHERE NOT b.deleted AND b.doc->>'regionId' = $1 AND b.doc->>'kindergartenId' ${inList('$2')}
        AND b.doc->>'status' <> 'draft'${period ? ` AND ${msOf("b.doc->>'publishedAt'")} >= $4 AND ${msOf("b.doc->>'publishedAt'")} < $5` : ''}`,
    [
      regionId,
      JSON.stringify(kindergartenIds),
      JSON.stringify(kindergartens.map((k) => k.id)),
      ...(period ? [fromMs, toMs] : []),
    ],
  );
  const nameOf = new Map(kindergartens.map((k) => [k.id, k.nameRu]));
  return rows
    .map(({ doc, responders, activated, outOfOrder }) => {
      const b = doc as unknown as Bulletin;
      return bulletinSummary(b, nameOf.get(b.kindergartenId) ?? b.kindergartenId, {
        responders,
        activated,
        outOfOrder,
      });
    })
    .sort((a, b) => byNewest(a.publishedAt, b.publishedAt, a.bulletinId, b.bulletinId));
}

/**
 * An activation out of ranking order (fairness.ts: activated with a recorded reason or the ids passed
 * over), as a condition on a response document.
 */
function outOfOrderResponse(doc: string): string {
  return `${doc}->>'status' = 'activated' AND (coalesce(${doc}->>'skipReason', '') <> ''
    OR (jsonb_typeof(${doc}->'skippedResponseIds') = 'array' AND jsonb_array_length(${doc}->'skippedResponseIds') > 0))`;
}

/**
 * Out-of-order allocations in the filters' scope: the database finds the bulletins that have any, and
 * only those bulletins' responses are ranked (fairness.ts), not the district's.
 */
export async function regionAllocations(
  db: RxDatabase,
  regionId: string,
  filters: DashboardFilters,
): Promise<OutOfOrderAllocation[]> {
  const period = chosenPeriod(filters);
  const inPeriodOf = (list: OutOfOrderAllocation[]) =>
    list.filter((a) => !period || inPeriod(a.activatedAt, period));
  const tables = regionTables(db);
  if (!tables) {
    const data = await loadDistrictData(db, regionId);
    return inPeriodOf(outOfOrderAllocations(data, applyFilters(data, filters).bulletins));
  }
  const kindergartens = await regionKindergartens(db, regionId);
  const { kindergartenIds } = scopeOf(kindergartens, filters);
  // One pass over the region's responses finds the bulletins; each is then read by its id.
  const rows = await tables.sql.query<{ doc: Record<string, unknown> }>(
    `SELECT b.doc FROM ${tables.bulletins} b
      WHERE b.id IN (SELECT DISTINCT r.doc->>'bulletinId' FROM ${tables.responses} r
                      WHERE NOT r.deleted AND r.doc->>'kindergartenId' ${inList('$3')} AND ${outOfOrderResponse('r.doc')})
        AND NOT b.deleted AND b.doc->>'regionId' = $1 AND b.doc->>'kindergartenId' ${inList('$2')}`,
    [regionId, JSON.stringify(kindergartenIds), JSON.stringify(kindergartens.map((k) => k.id))],
  );
  const bulletins = rows.map((r) => plain<Bulletin>(r.doc)).sort((a, b) => (a.id < b.id ? -1 : 1));
  if (bulletins.length === 0) return [];
  const regionIds = new Set(kindergartens.map((k) => k.id));
  const responses = (
    await readAll<Response>(collection(db, 'responses'), { bulletinId: { $in: bulletins.map((b) => b.id) } })
  ).filter((r) => regionIds.has(r.kindergartenId));
  return inPeriodOf(
    outOfOrderAllocations({ kindergartens, bulletins, responses, applications: [] }, bulletins),
  );
}

/**
 * One bulletin's responders in ranking order (fairness.ts), with the responders' queue numbers counted
 * over their queues' index (queue-rank.ts) in one statement instead of ranking every queue of the
 * district. Null when the bulletin is not in the region.
 */
export async function regionBulletinFairness(
  db: RxDatabase,
  regionId: string,
  bulletinId: string,
): Promise<BulletinFairness | null> {
  const bulletin = await readOne<Bulletin>(collection(db, 'bulletins'), bulletinId);
  if (!bulletin || bulletin.regionId !== regionId) return null;
  const kindergartens = await regionKindergartens(db, regionId);
  const regionIds = new Set(kindergartens.map((k) => k.id));
  const responses = (await readAll<Response>(collection(db, 'responses'), { bulletinId })).filter((r) =>
    regionIds.has(r.kindergartenId),
  );
  const applications = (
    await readByIds<Application>(
      collection(db, 'applications'),
      responses.map((r) => r.applicationId),
    )
  ).filter((a) => a.regionId === regionId);
  const numbers = await storedQueuePositions(db, applications);
  return bulletinFairness(
    { kindergartens, bulletins: [bulletin], responses, applications },
    bulletinId,
    (id) => numbers.get(id) ?? null,
  );
}

/**
 * Priority claims of the region (priority-claims.ts), from a partial expression index over the
 * applications that claim a category — a few percent of the queue — instead of the whole region.
 */
export async function regionPriorityClaims(
  db: RxDatabase,
  regionId: string,
  status: 'pending' | 'all',
): Promise<PriorityClaim[]> {
  const tables = regionTables(db);
  if (!tables) return priorityClaims(await loadDistrictData(db, regionId), status);
  await ensureClaimIndex(tables);
  const params: SqlParam[] = [regionId];
  let pending = '';
  if (status === 'pending') {
    params.push(JSON.stringify(QUEUE_STATUSES));
    pending = ` AND doc->>'status' ${inList('$2')} AND coalesce(doc->>'priorityConfirmedAt', '') = ''
                AND doc->>'priority' IS DISTINCT FROM doc->>'claimedPriority'`;
  }
  const rows = await tables.sql.query<{ doc: Record<string, unknown> }>(
    `SELECT doc FROM ${tables.applications}
      WHERE NOT deleted AND doc->>'claimedPriority' <> 'none' AND doc->>'regionId' = $1${pending}
      ORDER BY doc->>'filedAt' COLLATE "C", id COLLATE "C"`,
    params,
  );
  // Already in order: the in-memory function keeps it (its sort is stable) and shapes the rows.
  const applications = rows.map((r) => plain<Application>(r.doc));
  return priorityClaims({ applications } as DistrictData, status);
}

function ensureClaimIndex(tables: RegionTables): Promise<void> {
  const name = derivedName(tables.applications, 'claims');
  return ensureServerIndex(tables.sql, {
    name,
    lock: 'index:claims',
    ddl: `CREATE INDEX IF NOT EXISTS ${name} ON ${tables.applications} ((doc->>'regionId'), (doc->>'filedAt'))
        WHERE NOT deleted AND doc->>'claimedPriority' <> 'none'`,
  });
}

/** The region's catalogue: kindergartens and their groups (small: read as documents). */
export async function regionCatalogue(
  db: RxDatabase,
  regionId: string,
): Promise<{ kindergartens: Kindergarten[]; groups: Group[] }> {
  const kindergartens = await regionKindergartens(db, regionId);
  const groups =
    kindergartens.length === 0
      ? []
      : await readAll<Group>(collection(db, 'groups'), {
          kindergartenId: { $in: kindergartens.map((k) => k.id) },
        });
  return { kindergartens, groups };
}
