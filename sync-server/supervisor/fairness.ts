import { explainRank, holdsQueuePlace, maskIin, rankApplications } from '../../src/domain';
import type { Application } from '../../src/schema';
import type { Bulletin } from '../../src/schema';
import type { DistrictData } from './district-data';
import type {
  BulletinFairness,
  BulletinSummary,
  OutOfOrderAllocation,
  RankedResponder,
} from '../../src/contract';

// The answers' shapes are the HTTP contract's (src/contract/supervisor-api.ts).
export type { BulletinFairness, BulletinSummary, OutOfOrderAllocation, RankedResponder };

/**
 * Fairness (issue 8): who responded to a bulletin, in which queue order, who was activated, and every
 * allocation made out of order with the reason staff recorded. Ranking is the domain's own
 * (`explainRank`, docs/domain.md Queue order), so the page shows the order the staff app enforced.
 */
/**
 * Every application's current queue number, each queue (locality, birth year, group type) ranked once
 * with the domain's rule: the same numbers as the domain's queueNumber, without ranking a queue again
 * for every responder of every bulletin.
 */
const queueNumbersCache = new WeakMap<Application[], Map<string, number>>();
export function queueNumbers(applications: Application[]): Map<string, number> {
  const cached = queueNumbersCache.get(applications);
  if (cached) return cached;
  const queues = new Map<string, Application[]>();
  for (const a of applications) {
    if (!holdsQueuePlace(a.status)) continue;
    const key = `${a.localityId}\u0000${a.birthYear}\u0000${a.groupType}`;
    const queue = queues.get(key);
    if (queue) queue.push(a);
    else queues.set(key, [a]);
  }
  const numbers = new Map<string, number>();
  for (const queue of queues.values())
    rankApplications(queue).forEach((a, i) => {
      numbers.set(a.id, i + 1);
    });
  queueNumbersCache.set(applications, numbers);
  return numbers;
}

function kindergartenName(data: Pick<DistrictData, 'kindergartens'>, id: string): string {
  return data.kindergartens.find((k) => k.id === id)?.nameRu ?? id;
}

/** An application's current queue number, or null once it left the queue. */
export type QueueNumberOf = (applicationId: string) => number | null;

/** Queue numbers from ranking the district's applications in memory (what the SQL path avoids). */
function rankedNumbers(data: DistrictData): QueueNumberOf {
  return (id) => queueNumbers(data.applications).get(id) ?? null;
}

export function rankResponders(
  data: Pick<DistrictData, 'responses' | 'applications'>,
  bulletinId: string,
  queueNumberOf: QueueNumberOf = rankedNumbers(data as DistrictData),
): RankedResponder[] {
  // A withdrawn response took no part in the allocation: it is not ranked.
  const responses = data.responses.filter((r) => r.bulletinId === bulletinId && r.status !== 'withdrawn');
  const byId = new Map(responses.map((r) => [r.id, r]));
  const ranked = explainRank(responses);
  const rankOf = new Map(ranked.map((r) => [r.id, r.position]));
  return ranked.map((why) => {
    const r = byId.get(why.id)!;
    const activated = r.status === 'activated';
    const recordedSkip = Boolean(r.skipReason) || (r.skippedResponseIds?.length ?? 0) > 0;
    // The processor lets staff activate out of ranking order only with a recorded reason and the ids
    // passed over (docs/domain.md, Allocation), so the record itself says which activations were out of order.
    const outOfOrder = activated && recordedSkip;
    return {
      rank: rankOf.get(r.id)!,
      why: { slot: why.slot, round: why.round, tieBrokenByIin: why.tieBrokenByIin },
      responseId: r.id,
      applicationId: r.applicationId,
      childName: r.childName,
      childIin: maskIin(r.childIin),
      birthYear: r.birthYear,
      priority: r.priority,
      filedAt: r.filedAt,
      respondedAt: r.respondedAt,
      status: r.status,
      queueNumber: queueNumberOf(r.applicationId),
      ...(r.activatedAt ? { activatedAt: r.activatedAt } : {}),
      ...(r.activatedBy ? { activatedBy: r.activatedBy } : {}),
      ...(r.skipReason ? { skipReason: r.skipReason } : {}),
      ...(r.skippedResponseIds ? { skippedResponseIds: r.skippedResponseIds } : {}),
      outOfOrder,
    };
  });
}

export function bulletinFairness(
  data: Pick<DistrictData, 'kindergartens' | 'bulletins' | 'responses' | 'applications'>,
  bulletinId: string,
  queueNumberOf?: QueueNumberOf,
): BulletinFairness | null {
  const bulletin = data.bulletins.find((b) => b.id === bulletinId);
  if (!bulletin) return null;
  return {
    bulletin: { ...bulletin, kindergartenName: kindergartenName(data, bulletin.kindergartenId) },
    responders: rankResponders(data, bulletinId, queueNumberOf),
  };
}

/** One bulletin's row of the fairness list from its counts (the in-memory and the SQL answers alike). */
export function bulletinSummary(
  b: Bulletin,
  kindergartenName: string,
  counts: Pick<BulletinSummary, 'responders' | 'activated' | 'outOfOrder'>,
): BulletinSummary {
  return {
    bulletinId: b.id,
    kindergartenId: b.kindergartenId,
    kindergartenName,
    groupId: b.groupId,
    language: b.language,
    birthYears: b.birthYears,
    ageGroup: b.ageGroup,
    placeType: b.placeType,
    status: b.status,
    ...(b.publishedAt ? { publishedAt: b.publishedAt } : {}),
    totalPlaces: b.totalPlaces,
    freePlaces: b.freePlaces,
    ...counts,
  };
}

export function bulletinSummaries(
  data: DistrictData,
  bulletins: Bulletin[] = data.bulletins,
): BulletinSummary[] {
  return (
    bulletins
      .filter((b) => b.status !== 'draft')
      .map((b) => {
        const responders = rankResponders(data, b.id);
        return bulletinSummary(b, kindergartenName(data, b.kindergartenId), {
          responders: responders.length,
          activated: responders.filter((r) => r.status === 'activated').length,
          outOfOrder: responders.filter((r) => r.outOfOrder).length,
        });
      })
      // Newest first; the id decides between bulletins published at the same moment (a total order, so
      // the list and its export come out the same however the documents were read).
      .sort((a, b) => byNewest(a.publishedAt, b.publishedAt, a.bulletinId, b.bulletinId))
  );
}

/** The district-wide list of allocations made out of queue order, newest first. */
export function outOfOrderAllocations(
  data: Pick<DistrictData, 'kindergartens' | 'bulletins' | 'responses' | 'applications'>,
  bulletins: Bulletin[] = data.bulletins,
): OutOfOrderAllocation[] {
  // The list shows no queue numbers: the district's queues are not ranked for it.
  const noNumbers: QueueNumberOf = () => null;
  return bulletins
    .flatMap((b) => {
      const responders = rankResponders(data, b.id, noNumbers);
      return responders
        .filter((r) => r.outOfOrder)
        .map((r) => {
          const skipped = new Set(r.skippedResponseIds ?? []);
          const passedOver = responders
            .filter((o) =>
              skipped.size > 0 ? skipped.has(o.responseId) : o.rank < r.rank && o.status !== 'activated',
            )
            .map((o) => ({ responseId: o.responseId, childName: o.childName, rank: o.rank }));
          return {
            responseId: r.responseId,
            applicationId: r.applicationId,
            bulletinId: b.id,
            kindergartenId: b.kindergartenId,
            kindergartenName: kindergartenName(data, b.kindergartenId),
            childName: r.childName,
            rank: r.rank,
            ...(r.activatedAt ? { activatedAt: r.activatedAt } : {}),
            ...(r.activatedBy ? { activatedBy: r.activatedBy } : {}),
            reason: r.skipReason ?? null,
            passedOver,
          };
        });
    })
    .sort((a, b) => byNewest(a.activatedAt, b.activatedAt, a.responseId, b.responseId));
}

/** Newest first by an ISO time (missing ones last), then by id. */
export function byNewest(
  at: string | undefined,
  other: string | undefined,
  id: string,
  otherId: string,
): number {
  const a = at ?? '';
  const b = other ?? '';
  if (a !== b) return a < b ? 1 : -1;
  return id < otherId ? -1 : id > otherId ? 1 : 0;
}
