import { holdsQueuePlace, QUEUE_STATUSES } from '../../src/domain';
import type { ServerContext } from '../context';
import { collectionOf } from '../schema';

export interface QueueSize {
  regionId: string;
  localityId: string;
  birthYear: number;
  groupType: string;
  size: number;
}

export interface RegionStatistics {
  waiting: number;
  enrolled: number;
  kindergartens: number;
  freePlaces: number;
  queues: QueueSize[];
}

/**
 * The main page's statistics read every application of a region; every visitor asks for them, and
 * they change only when an application, a bulletin or a kindergarten does. So each region's figures
 * are computed once and dropped on the next change of those collections (the change stream also
 * carries other server processes' writes on PostgreSQL).
 */
export class StatisticsCache {
  private readonly entries = new Map<string, Promise<RegionStatistics>>();

  constructor(private readonly ctx: ServerContext) {
    for (const name of ['applications', 'bulletins', 'kindergartens'] as const) {
      collectionOf(ctx.db, name).$.subscribe(() => this.entries.clear());
    }
  }

  get(regionId: string | undefined): Promise<RegionStatistics> {
    const key = regionId ?? '*';
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.compute(regionId);
      entry.catch(() => this.entries.delete(key));
      this.entries.set(key, entry);
    }
    return entry;
  }

  private async compute(regionId: string | undefined): Promise<RegionStatistics> {
    const region = regionId ? { regionId } : {};
    const db = this.ctx.db;
    const [apps, kgs, bulletins] = await Promise.all([
      collectionOf(db, 'applications')
        .find({ selector: { ...region, status: { $in: [...QUEUE_STATUSES, 'enrolled'] } } })
        .exec(),
      collectionOf(db, 'kindergartens')
        .find({ selector: { ...region, status: 'open' } })
        .exec(),
      collectionOf(db, 'bulletins')
        .find({ selector: { ...region, status: 'published' } })
        .exec(),
    ]);
    const queues = new Map<string, QueueSize>();
    let waiting = 0;
    let enrolled = 0;
    for (const a of apps) {
      if (a.status === 'enrolled') {
        enrolled += 1;
        continue;
      }
      if (!holdsQueuePlace(a.status)) continue;
      waiting += 1;
      const key = `${a.localityId}|${a.birthYear}|${a.groupType}`;
      const q = queues.get(key) ?? {
        regionId: a.regionId,
        localityId: a.localityId,
        birthYear: a.birthYear,
        groupType: a.groupType,
        size: 0,
      };
      q.size += 1;
      queues.set(key, q);
    }
    return {
      waiting,
      enrolled,
      kindergartens: kgs.length,
      freePlaces: bulletins.reduce((sum, b) => sum + b.freePlaces, 0),
      queues: [...queues.values()].sort(
        (a, b) =>
          a.localityId.localeCompare(b.localityId) ||
          a.birthYear - b.birthYear ||
          a.groupType.localeCompare(b.groupType),
      ),
    };
  }
}
