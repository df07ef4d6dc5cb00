import { catalogueName } from '../../src/i18n/catalogueName';
import type { Group, Kindergarten } from '../../src/schema';
import type { ServerContext } from '../context';
import { collectionOf } from '../schema';

/** The kindergartens and groups a list of documents refers to, fetched once per request. */
export async function kindergartensById(
  ctx: ServerContext,
  ids: Iterable<string>,
): Promise<Map<string, Kindergarten>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const docs = await collectionOf(ctx.db, 'kindergartens').findByIds(unique).exec();
  return new Map([...docs.values()].map((d) => [d.id, d.toJSON() as Kindergarten]));
}

export async function groupsById(ctx: ServerContext, ids: Iterable<string>): Promise<Map<string, Group>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const docs = await collectionOf(ctx.db, 'groups').findByIds(unique).exec();
  return new Map([...docs.values()].map((d) => [d.id, d.toJSON() as Group]));
}

/** Region and locality names, when the region's settings document has them (`settings` 'region:<id>'). */
export interface PlaceNames {
  region(regionId: string, lng: string): string | null;
  locality(regionId: string, localityId: string, lng: string): string | null;
  /** The region's settings document's value itself (other settings live there too: interest days). */
  settings(regionId: string): Record<string, unknown> | undefined;
}

interface RegionValue {
  nameKk?: string;
  nameRu?: string;
  nameEn?: string;
  localities?: { id: string; nameKk?: string; nameRu?: string; nameEn?: string }[];
}

const pick = (n: { nameKk?: string; nameRu?: string; nameEn?: string } | undefined, lng: string) =>
  n ? catalogueName(n, lng) || null : null;

export async function placeNames(ctx: ServerContext, regionIds: Iterable<string>): Promise<PlaceNames> {
  const ids = [...new Set(regionIds)].map((r) => `region:${r}`);
  const docs = ids.length > 0 ? await collectionOf(ctx.db, 'settings').findByIds(ids).exec() : new Map();
  const regions = new Map<string, RegionValue>();
  for (const d of docs.values()) regions.set(String(d.id).slice('region:'.length), d.value as RegionValue);
  return {
    settings: (regionId) => regions.get(regionId) as Record<string, unknown> | undefined,
    region: (regionId, lng) => pick(regions.get(regionId), lng),
    locality: (regionId, localityId, lng) =>
      pick(
        regions.get(regionId)?.localities?.find((l) => l.id === localityId),
        lng,
      ),
  };
}
