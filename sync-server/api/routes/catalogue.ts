import { z } from 'zod';
import { catalogueName } from '../../../src/i18n/catalogueName';
import { groupPlaces } from '../../../src/domain';
import type { Group, Kindergarten, Referral } from '../../../src/schema';
import type { ServerContext } from '../../context';
import { collectionOf } from '../../schema';
import { notFound } from '../api-error';
import { placeNames } from '../catalogue-lookup';
import { idParam } from '../fields';
import type { Language } from '../language';
import { kindergartenExtra, kindergartenPageExtra, region } from '../../../src/contract';
import { type RouteSpec, route } from '../route';
import { kindergartenName } from '../views';

interface RegionSettingValue {
  nameKk?: string;
  nameRu?: string;
  nameEn?: string;
  localities?: { id: string; nameKk?: string; nameRu?: string; nameEn?: string }[];
}

const nameIn = (n: { nameKk?: string; nameRu?: string; nameEn?: string }, lng: Language, fallback: string) =>
  catalogueName(n, lng, fallback);

/**
 * Regions and their localities ("Выберите регион"): from the region settings documents
 * (settings 'region:<id>': nameKk, nameRu, localities[{ id, nameKk, nameRu }]); a region or locality
 * that has kindergartens but no settings entry is still listed, by its id.
 */
async function regions(ctx: ServerContext, lng: Language) {
  const settings = await collectionOf(ctx.db, 'settings')
    .find({ selector: { kind: 'region' } })
    .exec();
  const kgs = await collectionOf(ctx.db, 'kindergartens')
    .find({ selector: { status: 'open' } })
    .exec();
  const out = new Map<
    string,
    { id: string; name: string; localities: Map<string, { id: string; name: string }> }
  >();
  for (const s of settings) {
    const id = s.id.slice('region:'.length);
    const v = s.value as RegionSettingValue;
    const localities = new Map(
      (v.localities ?? []).map((l) => [l.id, { id: l.id, name: nameIn(l, lng, l.id) }]),
    );
    out.set(id, { id, name: nameIn(v, lng, id), localities });
  }
  for (const k of kgs) {
    let r = out.get(k.regionId);
    if (!r) {
      r = { id: k.regionId, name: k.regionId, localities: new Map() };
      out.set(k.regionId, r);
    }
    if (!r.localities.has(k.localityId))
      r.localities.set(k.localityId, { id: k.localityId, name: k.localityId });
  }
  return [...out.values()]
    .map((r) => ({
      ...r,
      localities: [...r.localities.values()].sort((a, b) => a.name.localeCompare(b.name, lng)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, lng));
}

/** "Каталог дошкольных организаций": regions, kindergartens and their groups. */
export function catalogueRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/regions',
      operationId: 'listRegions',
      response: z.array(region),
      tag: 'catalogue',
      summary: 'Regions and their localities',
      access: 'public',
      handle: async ({ ctx, lng }) => regions(ctx, lng),
    }),
    route({
      method: 'get',
      path: '/kindergartens',
      operationId: 'listKindergartens',
      response: {
        collection: 'kindergartens',
        array: true,
        extra: kindergartenExtra,
      },
      tag: 'catalogue',
      summary: 'The catalogue, filtered by region, locality, language of instruction or a name',
      access: 'public',
      query: z.object({
        regionId: z.string().max(64).optional(),
        localityId: z.string().max(64).optional(),
        language: z.string().max(8).optional(),
        q: z.string().trim().max(100).optional(),
      }),
      handle: async ({ ctx, query, lng }) => {
        const selector: Record<string, string> = { status: 'open' };
        if (query.regionId) selector.regionId = query.regionId;
        if (query.localityId) selector.localityId = query.localityId;
        const docs = await collectionOf(ctx.db, 'kindergartens').find({ selector }).exec();
        const needle = query.q?.toLocaleLowerCase();
        const places = await placeNames(
          ctx,
          docs.map((d) => d.regionId),
        );
        return docs
          .map((d) => d.toJSON() as Kindergarten)
          .filter((k) => !query.language || k.languages.includes(query.language))
          .filter((k) => !needle || `${k.nameKk} ${k.nameRu}`.toLocaleLowerCase().includes(needle))
          .map((k) => ({
            ...k,
            name: kindergartenName(k, lng),
            localityName: places.locality(k.regionId, k.localityId, lng) ?? undefined,
          }))
          .sort((a, b) => a.name.localeCompare(b.name, lng));
      },
    }),
    route({
      method: 'get',
      path: '/kindergartens/:id',
      operationId: 'getKindergarten',
      response: {
        collection: 'kindergartens',
        extra: kindergartenPageExtra,
      },
      tag: 'catalogue',
      summary:
        'The kindergarten’s page: address, contacts, languages and its open groups, each with its language, age group, birth years and places (capacity, enrolled, free: capacity − enrolled − places held by live referrals)',
      access: 'public',
      params: idParam,
      errors: ['notFound'],
      handle: async ({ ctx, params, lng }) => {
        const doc = await collectionOf(ctx.db, 'kindergartens').findOne(params.id).exec();
        if (doc?.status !== 'open') throw notFound('kindergarten');
        const k = doc.toJSON() as Kindergarten;
        const [groups, held, places] = await Promise.all([
          collectionOf(ctx.db, 'groups')
            .find({ selector: { kindergartenId: k.id, status: 'open' } })
            .exec(),
          // Only live referrals hold a place (places.ts); read by the kindergarten's index.
          collectionOf(ctx.db, 'referrals')
            .find({ selector: { kindergartenId: k.id, status: 'active' } })
            .exec(),
          placeNames(ctx, [k.regionId]),
        ]);
        const referrals = held.map((r) => r.toJSON() as Referral);
        return {
          ...k,
          name: kindergartenName(k, lng),
          regionName: places.region(k.regionId, lng) ?? undefined,
          localityName: places.locality(k.regionId, k.localityId, lng) ?? undefined,
          groups: groups
            .map((g) => g.toJSON() as Group)
            .sort((a, b) => a.name.localeCompare(b.name, lng))
            .map((g) => {
              const { capacity, enrolled, free } = groupPlaces(g, referrals);
              return { ...g, places: { capacity, enrolled, free } };
            }),
        };
      },
    }),
    route({
      method: 'get',
      path: '/kindergartens/:id/groups',
      operationId: 'listKindergartenGroups',
      response: { collection: 'groups', array: true },
      tag: 'catalogue',
      summary: 'The groups of a kindergarten',
      access: 'public',
      params: idParam,
      errors: ['notFound'],
      handle: async ({ ctx, params, lng }) => {
        if (!(await collectionOf(ctx.db, 'kindergartens').findOne(params.id).exec()))
          throw notFound('kindergarten');
        const groups = await collectionOf(ctx.db, 'groups')
          .find({ selector: { kindergartenId: params.id } })
          .exec();
        return groups.map((g) => g.toJSON() as Group).sort((a, b) => a.name.localeCompare(b.name, lng));
      },
    }),
  ];
}
