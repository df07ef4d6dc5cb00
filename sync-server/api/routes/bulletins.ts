import { z } from 'zod';
import { bulletinAccess, canRespond } from '../../../src/domain';
import type { Application, Bulletin, Kindergarten } from '../../../src/schema';
import type { ServerContext } from '../../context';
import { placesWithinFreePlaces } from '../../queue-rank';
import { collectionOf, type Parent } from '../../schema';
import { ApiError, notFound } from '../api-error';
import { type BulletinFilter, publishedBulletins } from '../bulletin-list';
import { groupsById, kindergartensById, placeNames } from '../catalogue-lookup';
import { idParam, pageQuery } from '../fields';
import { runParentAction, writtenDoc } from '../parent-action';
import { readAll } from '../../store';
import { applicationExtra, bulletinExtra, eligibilityRow } from '../../../src/contract';
import { type RouteSpec, route } from '../route';
import { kindergartenName } from '../views';
import { applicationView, ownApplication } from './applications';

/** Bulletins parents may see: published ones, and closed ones (for the record); never drafts or withdrawn. */
const VISIBLE = ['published', 'closed'];

async function visibleBulletin(ctx: ServerContext, id: string): Promise<Bulletin> {
  const doc = await collectionOf(ctx.db, 'bulletins').findOne(id).exec();
  if (!doc || !VISIBLE.includes(doc.status)) throw notFound('bulletin');
  return doc.toJSON() as Bulletin;
}

/**
 * A bulletin as anyone may read it: the author by the name printed on it, never by the staff account's
 * login (issue 13: anonymous answers carry no staff login names).
 */
function publicBulletin(b: Bulletin): Omit<Bulletin, 'authorId'> {
  const { authorId: _login, ...shown } = b;
  return shown;
}

/**
 * Whether each of the parent's active applications may respond to each bulletin, and if not, every
 * reason (the seed: "Если совпадают год рождения ребенка, язык обучения и населенный пункт … появится
 * кнопка «Отправить заявку»"). The queue matters only for the access stage of a priority window: there
 * each application's place in the bulletin's matching queue is asked for all bulletins at once, and
 * only as far as the bulletin's free places (queue-rank.ts, `placesWithinFreePlaces`).
 */
async function eligibilities(
  ctx: ServerContext,
  apps: Application[],
  bulletins: { bulletin: Bulletin; kg: Kindergarten | undefined }[],
) {
  const nowMs = ctx.now().getTime();
  const now = new Date(nowMs).toISOString();
  const pairs = bulletins.flatMap(({ bulletin, kg }) => apps.map((app) => ({ app, bulletin, kg })));
  const inWindow = (b: Bulletin) => b.status === 'published' && bulletinAccess(b, nowMs) === 'priority';
  const asked = pairs.filter((p) => inWindow(p.bulletin));
  const positions = await placesWithinFreePlaces(
    ctx.db,
    asked.map(({ app, bulletin, kg }) => ({
      app,
      bulletin,
      localityId: kg?.localityId ?? bulletin.localityId,
    })),
    nowMs,
  );
  const positionOf = new Map(asked.map((p, i) => [p, positions[i]]));
  return bulletins.map(({ bulletin }, b) =>
    pairs.slice(b * apps.length, (b + 1) * apps.length).map((p) => {
      const check = canRespond(p.app, bulletin, p.kg as Kindergarten, now, {
        queuePosition: positionOf.get(p) ?? 0,
      });
      return {
        applicationId: p.app.id,
        childName: p.app.childName,
        ok: check.ok,
        reasons: check.ok ? [] : check.reasons,
      };
    }),
  );
}

/** One bulletin's eligibility rows for the parent's active applications. */
async function eligibility(
  ctx: ServerContext,
  parent: Parent,
  bulletin: Bulletin,
  kg: Kindergarten | undefined,
) {
  const apps = await activeApplications(ctx, parent.id);
  if (apps.length === 0) return [];
  const [rows] = await eligibilities(ctx, apps, [{ bulletin, kg }]);
  return rows;
}

/** The parent's applications that may still respond to something (not archived, not enrolled). */
async function activeApplications(ctx: ServerContext, parentId: string): Promise<Application[]> {
  // Straight from the storage over rxdb's parentId index: no RxDocuments made for a list's check.
  const apps = await readAll<Application>(collectionOf(ctx.db, 'applications'), { parentId });
  return apps.filter((a) => a.status !== 'withdrawn' && a.status !== 'archived' && a.status !== 'enrolled');
}

export function bulletinRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/bulletins',
      operationId: 'listBulletins',
      response: { collection: 'bulletins', array: true, extra: bulletinExtra },
      tag: 'bulletins',
      summary:
        '"Бюллетень свободных мест": filters region/locality, birth year, kindergarten, "Доступные мне" (access=mine) / "Доступные всем" (access=all)',
      access: 'public',
      query: z.object({
        regionId: z.string().max(64).optional(),
        localityId: z.string().max(64).optional(),
        birthYear: z.coerce.number().int().min(2000).max(2100).optional(),
        kindergartenId: z.string().max(64).optional(),
        access: z.enum(['mine', 'all']).optional(),
        ...pageQuery,
      }),
      errors: ['unauthorized'],
      handle: async ({ ctx, query, lng, principal }) => {
        const nowMs = ctx.now().getTime();
        if (query.access === 'mine' && principal?.role !== 'parent') throw new ApiError(401, 'unauthorized');
        const filter: BulletinFilter = {
          ...(query.regionId ? { regionId: query.regionId } : {}),
          ...(query.localityId ? { localityId: query.localityId } : {}),
          ...(query.kindergartenId ? { kindergartenId: query.kindergartenId } : {}),
          ...(query.birthYear !== undefined ? { birthYear: query.birthYear } : {}),
          ...(query.access === 'all' ? { access: 'all' as const } : {}),
        };
        // A parent's session was checked with their account (verifySession): their id is all the list needs.
        const apps = principal?.role === 'parent' ? await activeApplications(ctx, principal.userId) : [];
        // "Доступные мне": bulletins still in their priority window where one of my applications has its turn.
        const mineIds = principal?.role === 'parent' ? new Set<string>() : null;
        const markMine = async (bulletins: Bulletin[], kgs: Map<string, Kindergarten>) => {
          const inWindow =
            apps.length > 0 ? bulletins.filter((b) => bulletinAccess(b, nowMs) === 'priority') : [];
          const rows = await eligibilities(
            ctx,
            apps,
            inWindow.map((b) => ({ bulletin: b, kg: kgs.get(b.kindergartenId) })),
          );
          inWindow.forEach((b, i) => {
            if (rows[i].some((r) => r.ok)) mineIds!.add(b.id);
          });
        };
        let page: Bulletin[];
        let kgs: Map<string, Kindergarten>;
        if (query.access === 'mine') {
          // Only bulletins of my applications' localities in their window can be mine (canRespond):
          // those are read and checked, then paged.
          const localities = [...new Set(apps.map((a) => a.localityId))];
          const candidates =
            localities.length === 0
              ? []
              : await publishedBulletins(ctx, { ...filter, localities, access: 'priority' }, nowMs);
          kgs = await kindergartensById(
            ctx,
            candidates.map((b) => b.kindergartenId),
          );
          await markMine(candidates, kgs);
          page = candidates.filter((b) => mineIds!.has(b.id)).slice(query.offset, query.offset + query.limit);
        } else {
          // The page is read by itself; eligibility is checked for its rows only.
          page = await publishedBulletins(ctx, filter, nowMs, { offset: query.offset, limit: query.limit });
          kgs = await kindergartensById(
            ctx,
            page.map((b) => b.kindergartenId),
          );
          if (mineIds) await markMine(page, kgs);
        }
        const [groups, places] = await Promise.all([
          groupsById(
            ctx,
            page.map((b) => b.groupId),
          ),
          placeNames(
            ctx,
            page.map((b) => b.regionId),
          ),
        ]);
        return page.map((b) => {
          const kg = kgs.get(b.kindergartenId);
          return {
            ...publicBulletin(b),
            kindergartenName: kg ? kindergartenName(kg, lng) : b.kindergartenId,
            groupName: groups.get(b.groupId)?.name ?? '',
            ownership: kg?.ownership,
            address: kg?.address,
            localityName: places.locality(b.regionId, b.localityId, lng) ?? undefined,
            /** The stage now ("Доступ для всех" once the priority window is over), not only the stored flag. */
            access: bulletinAccess(b, nowMs),
            ...(mineIds ? { availableToMe: mineIds.has(b.id) } : {}),
          };
        });
      },
    }),
    route({
      method: 'get',
      path: '/bulletins/:id',
      operationId: 'getBulletin',
      response: { collection: 'bulletins', extra: bulletinExtra },
      tag: 'bulletins',
      summary:
        'A bulletin in full: kindergarten, type, group type, address, group, places, language, years, author, dates, access',
      access: 'public',
      params: idParam,
      errors: ['notFound'],
      handle: async ({ ctx, params, lng, principal }) => {
        const b = await visibleBulletin(ctx, params.id);
        const kg = (await kindergartensById(ctx, [b.kindergartenId])).get(b.kindergartenId);
        const group = (await groupsById(ctx, [b.groupId])).get(b.groupId);
        const places = await placeNames(ctx, [b.regionId]);
        const parent =
          principal?.role === 'parent'
            ? ((await collectionOf(ctx.db, 'parents').findOne(principal.userId).exec())?.toJSON() as
                | Parent
                | undefined)
            : undefined;
        return {
          ...publicBulletin(b),
          kindergartenName: kg ? kindergartenName(kg, lng) : b.kindergartenId,
          ownership: kg?.ownership,
          address: kg?.address,
          regionName: places.region(b.regionId, lng) ?? undefined,
          localityName: places.locality(b.regionId, b.localityId, lng) ?? undefined,
          groupName: group?.name ?? '',
          access: bulletinAccess(b, ctx.now().getTime()),
          ...(parent?.iin ? { eligibility: await eligibility(ctx, parent, b, kg) } : {}),
        };
      },
    }),
    route({
      method: 'get',
      path: '/bulletins/:id/eligibility',
      operationId: 'bulletinEligibility',
      response: z.array(eligibilityRow),
      tag: 'bulletins',
      summary: 'For each of my applications: may it respond ("Отправить заявку"), and if not, every reason',
      access: 'parent',
      params: idParam,
      errors: ['notFound'],
      handle: async ({ ctx, params, parent }) => {
        const b = await visibleBulletin(ctx, params.id);
        const kg = (await kindergartensById(ctx, [b.kindergartenId])).get(b.kindergartenId);
        return eligibility(ctx, parent!, b, kg);
      },
    }),
    route({
      method: 'post',
      path: '/bulletins/:id/responses',
      operationId: 'respondToBulletin',
      response: { collection: 'applications', extra: applicationExtra },
      tag: 'bulletins',
      summary: '"Отправить заявку" → choose the child → "Подтвердить"',
      access: 'parent',
      status: 201,
      params: idParam,
      body: z.object({ applicationId: z.string().min(1).max(64) }),
      errors: ['notFound', 'cannotRespond', 'wrongStatus'],
      handle: async ({ ctx, params, body, parent, lng }) => {
        await ownApplication(ctx, parent!, body.applicationId);
        const b = await visibleBulletin(ctx, params.id);
        const { id, written } = await runParentAction(
          ctx,
          parent!,
          'application.respond',
          { applicationId: body.applicationId, bulletinId: b.id },
          { kindergartenId: b.kindergartenId },
        );
        // Answered from what the action wrote (the application and its new response, the latest one);
        // an action applied earlier under this id (a retry) reads them back.
        const app = writtenDoc(written, 'applications', body.applicationId);
        const response = writtenDoc(written, 'responses', `resp_${id}`);
        if (!app || !response)
          return applicationView(ctx, await ownApplication(ctx, parent!, body.applicationId), lng);
        return applicationView(ctx, app, lng, { latestResponse: response });
      },
    }),
  ];
}
