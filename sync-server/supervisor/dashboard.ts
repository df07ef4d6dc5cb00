import { holdsQueuePlace, lastValidDay } from '../../src/domain';
import type { Application, Bulletin } from '../../src/schema';
import {
  addDays,
  almatyDay,
  type DashboardFilters,
  daysBetween,
  inPeriod,
  resolvePeriod,
} from './dashboard-filters';
import type { DistrictData } from './district-data';
import { awaitsConfirmation } from './priority-claims';
import type { Dashboard } from '../../src/contract';

// The answers' shapes are the HTTP contract's (src/contract/supervisor-api.ts).
export type { Dashboard };

/** In the queue: holds a queue number (docs/domain.md; the domain's own rule, not a copy of it). */
export function isInQueue(application: Application): boolean {
  return holdsQueuePlace(application.status);
}

function countBy<T, K extends string | number>(items: T[], keysOf: (item: T) => K[]): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) for (const key of keysOf(item)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

export function sortedRows<K extends string | number, N extends string>(counts: Map<K, number>, name: N) {
  return [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, count]) => ({ [name]: key, count }) as { [P in N]: K } & { count: number });
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * Narrows the district to the filters. The queue is per locality (docs/domain.md), so a kindergarten
 * filter narrows the queue to that kindergarten's locality, and bulletins and referrals to that
 * kindergarten itself.
 */
export function applyFilters(data: DistrictData, filters: DashboardFilters) {
  const kindergarten = filters.kindergartenId
    ? data.kindergartens.find((k) => k.id === filters.kindergartenId)
    : undefined;
  const localityOk = (localityId: string) =>
    (!filters.localityId || localityId === filters.localityId) &&
    (!kindergarten || localityId === kindergarten.localityId);
  const kindergartenLocality = new Map(data.kindergartens.map((k) => [k.id, k.localityId]));
  const kindergartenOk = (kindergartenId: string) =>
    (!filters.kindergartenId || kindergartenId === filters.kindergartenId) &&
    localityOk(kindergartenLocality.get(kindergartenId) ?? '');
  // A kindergarten filter naming a kindergarten outside the district matches nothing.
  const unknownKindergarten = filters.kindergartenId !== undefined && kindergarten === undefined;
  return {
    applications: unknownKindergarten ? [] : data.applications.filter((a) => localityOk(a.localityId)),
    bulletins: data.bulletins.filter((b) => kindergartenOk(b.kindergartenId)),
    referrals: data.referrals.filter((r) => kindergartenOk(r.kindergartenId)),
    responses: data.responses.filter((r) => kindergartenOk(r.kindergartenId)),
  };
}

export function bulletinSeries(
  bulletins: Pick<Bulletin, 'publishedAt' | 'totalPlaces' | 'status' | 'updatedAt'>[],
  period: Dashboard['period'],
): Dashboard['bulletinsOverTime'] {
  const keyOf = (timestamp: string) => {
    const d = almatyDay(timestamp);
    return period.bucket === 'day' ? d : d.slice(0, 7);
  };
  const buckets = new Map<string, { published: number; closed: number; placesPublished: number }>();
  if (period.bucket === 'day') {
    for (let d = period.from; d <= period.to; d = addDays(d, 1))
      buckets.set(d, { published: 0, closed: 0, placesPublished: 0 });
  } else {
    for (let m = period.from.slice(0, 7); m <= period.to.slice(0, 7); m = addDays(`${m}-28`, 7).slice(0, 7)) {
      buckets.set(m, { published: 0, closed: 0, placesPublished: 0 });
    }
  }
  for (const b of bulletins) {
    if (b.publishedAt && inPeriod(b.publishedAt, period)) {
      const bucket = buckets.get(keyOf(b.publishedAt));
      if (bucket) {
        bucket.published += 1;
        bucket.placesPublished += b.totalPlaces;
      }
    }
    // A bulletin records no closing time of its own; its last change is when it was closed.
    const closedAt = new Date(b.updatedAt).toISOString();
    if (b.status === 'closed' && inPeriod(closedAt, period)) {
      const bucket = buckets.get(keyOf(closedAt));
      if (bucket) bucket.closed += 1;
    }
  }
  return [...buckets.entries()].map(([key, v]) => ({ period: key, ...v }));
}

/** The district at a glance (issue 8): every number here is a plain count over the district's documents. */
export function computeDashboard(data: DistrictData, filters: DashboardFilters, now: Date): Dashboard {
  const today = almatyDay(now);
  const period = resolvePeriod(filters, today);
  const scoped = applyFilters(data, filters);
  const queue = scoped.applications.filter(isInQueue);
  const applicationById = new Map(data.applications.map((a) => [a.id, a]));
  const kindergartenById = new Map(data.kindergartens.map((k) => [k.id, k]));

  const published = scoped.bulletins.filter((b) => b.status === 'published');
  const enrolledInPeriod = scoped.referrals.filter(
    (r) => r.status === 'enrolled' && inPeriod(r.signedAt, period),
  );
  const daysToEnrolment = enrolledInPeriod.flatMap((r) => {
    const application = applicationById.get(r.applicationId);
    if (!application || !r.signedAt) return [];
    return [Math.round(((Date.parse(r.signedAt) - Date.parse(application.filedAt)) / 86_400_000) * 10) / 10];
  });
  const endedInPeriod = scoped.referrals.filter(
    (r) => r.status !== 'active' && inPeriod(r.status === 'enrolled' ? r.signedAt : r.closedAt, period),
  );
  const noShows = endedInPeriod.filter((r) => r.status === 'expired' || r.status === 'annulled').length;
  const stopListed = queue.filter((a) => a.status === 'stopListed').length;

  const expiringUntil = addDays(today, filters.expiringDays);
  const expiringReferrals = scoped.referrals
    .filter((r) => r.status === 'active' && lastValidDay(r) >= today && lastValidDay(r) <= expiringUntil)
    .map((r) => ({
      referralId: r.id,
      kindergartenId: r.kindergartenId,
      kindergartenName: kindergartenById.get(r.kindergartenId)?.nameRu ?? r.kindergartenId,
      childName: r.childName,
      lastDay: lastValidDay(r),
      daysLeft: daysBetween(today, lastValidDay(r)),
    }))
    .sort((a, b) =>
      a.lastDay < b.lastDay ? -1 : a.lastDay > b.lastDay ? 1 : a.referralId < b.referralId ? -1 : 1,
    );

  return {
    asOf: now.toISOString(),
    period,
    totals: {
      queue: queue.length,
      pendingPriority: queue.filter(awaitsConfirmation).length,
      stopListed,
      publishedBulletins: published.length,
      freePlaces: published.reduce((sum, b) => sum + b.freePlaces, 0),
      referralsActive: scoped.referrals.filter((r) => r.status === 'active').length,
      enrolments: enrolledInPeriod.length,
      noShows,
      medianDaysToEnrolment: median(daysToEnrolment),
      noShowRate: ratio(noShows, endedInPeriod.length),
      stopListRate: ratio(stopListed, queue.length),
    },
    queueByLocality: sortedRows(
      countBy(queue, (a) => [a.localityId]),
      'localityId',
    ),
    queueByBirthYear: sortedRows(
      countBy(queue, (a) => [a.birthYear]),
      'birthYear',
    ),
    queueByLanguage: sortedRows(
      countBy(queue, (a) => [...new Set(a.languages)]),
      'language',
    ),
    queueByPriority: sortedRows(
      countBy(queue, (a) => [a.priority]),
      'priority',
    ),
    bulletinsOverTime: bulletinSeries(scoped.bulletins, period),
    expiringReferrals,
  };
}
