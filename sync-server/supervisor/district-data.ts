import type { RxCollection, RxDatabase } from 'rxdb';
import type {
  Application,
  Bulletin,
  CollectionName,
  DocOf,
  Group,
  Kindergarten,
  Referral,
  Response,
} from '../../src/schema';
import { collectionOf } from '../schema';
import { readAll, readOne } from '../store';

/**
 * Documents as stored, read past RxDB's query caches (sync-server/store.ts): with several server
 * processes, or a row changed in the database directly, the cache could answer with older data.
 */
function plain<C extends CollectionName>(
  db: RxDatabase,
  name: C,
  selector: Record<string, unknown>,
): Promise<DocOf<C>[]> {
  return readAll(collectionOf(db, name) as unknown as RxCollection<DocOf<C>>, selector as never);
}

/**
 * Everything a supervisor's pages read, limited to one region (district). A supervisor of another
 * region reads none of it (issue 8): every supervisor route starts from this snapshot, never from a
 * whole-database query. Responses and referrals carry no region of their own, so they are scoped
 * through their kindergarten.
 */
export interface DistrictData {
  regionId: string;
  kindergartens: Kindergarten[];
  groups: Group[];
  applications: Application[];
  bulletins: Bulletin[];
  responses: Response[];
  referrals: Referral[];
}

export async function loadDistrictData(db: RxDatabase, regionId: string): Promise<DistrictData> {
  const [kindergartens, applications, bulletins] = await Promise.all([
    plain(db, 'kindergartens', { regionId }),
    plain(db, 'applications', { regionId }),
    plain(db, 'bulletins', { regionId }),
  ]);
  const kindergartenIds = kindergartens.map((k) => k.id);
  const byKindergarten = { kindergartenId: { $in: kindergartenIds } };
  const [groups, responses, referrals] =
    kindergartenIds.length === 0
      ? [[], [], []]
      : await Promise.all([
          plain(db, 'groups', byKindergarten),
          plain(db, 'responses', byKindergarten),
          plain(db, 'referrals', byKindergarten),
        ]);
  return { regionId, kindergartens, groups, applications, bulletins, responses, referrals };
}

/** Whether a kindergarten belongs to the supervisor's region (404 otherwise: no hint it exists). */
export async function kindergartenInRegion(
  db: RxDatabase,
  regionId: string,
  kindergartenId: string,
): Promise<Kindergarten | null> {
  const kindergarten = await readOne(collectionOf(db, 'kindergartens'), kindergartenId);
  return kindergarten && kindergarten.regionId === regionId ? kindergarten : null;
}
