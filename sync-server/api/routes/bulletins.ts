import { z } from 'zod';
import { bulletinAccess, canRespond } from '../../../src/domain';
import type { Application, Bulletin, Kindergarten } from '../../../src/schema';
import type { ServerContext } from '../../context';
import { matchingPosition } from '../../queue-rank';
import { collectionOf, type Parent } from '../../schema';
import { ApiError, notFound } from '../api-error';
import { type BulletinFilter, publishedBulletins } from '../bulletin-list';
import { groupsById, kindergartensById, placeNames } from '../catalogue-lookup';
import { idParam, pageQuery } from '../fields';
import { runParentAction, writtenDoc } from '../parent-action';
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

/** The applications that may compete with `app` for this bulletin: its locality, group type, the bulletin's years. */
/**
 * Whether each of the parent's active applications may respond, and if not, every reason (the seed:
 * "Если совпадают год рождения ребенка, язык обучения и населенный пункт … появится кнопка «Отправить заявку»").
 */
async function eligibility(
  ctx: ServerContext,
  parent: Parent,
  bulletin: Bulletin,
  kg: Kindergarten | undefined,
  preloaded?: Application[],
) {
  const apps = preloaded ?? (await activeApplications(ctx, parent));
  if (apps.length === 0) return [];
  const nowMs = ctx.now().getTime();
  const now = new Date(nowMs).toISOString();
  // The queue matters only for the access stage of a priority window: there each application's place
  // in the bulletin's matching queue is counted over the queues' index (queue-rank.ts).
  const window = bulletin.status === 'published' && bulletinAccess(bulletin, nowMs) === 'priority';
  const localityId = kg?.localityId ?? bulletin.localityId;
  return Promise.all(
    apps.map(async (a) => {
      const queuePosition = window ? await matchingPosition(ctx.db, a, bulletin, localityId, nowMs) : 0;
      const check = canRespond(a, bulletin, kg as Kindergarten, now, { queuePosition });
      return {
        applicationId: a.id,
        childName: a.childName,
        ok: check.ok,
        reasons: check.ok ? [] : check.reasons,
      };
    }),
  );
}

/** The parent's applications that may still respond to something (not archived, not enrolled). */
async function activeApplications(ctx: ServerContext, parent: Parent): Promise<Application[]> {
  const docs = await collectionOf(ctx.db, 'applications')
    .find({ selector: { parentId: parent.id } })
    .exec();
  return docs
    .map((d) => d.toJSON() as Application)
    .filter((a) => a.status !== 'withdrawn' && a.status !== 'archived' && a.status !== 'enrolled');
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
        const parent =
          principal?.role === 'parent'
            ? ((await collectionOf(ctx.db, 'parents').findOne(principal.userId).exec())?.toJSON() as
                | Parent
                | undefined)
            : undefined;
        const apps = parent ? await activeApplications(ctx, parent) : [];
        // "Доступные мне": bulletins still in their priority window where one of my applications has its turn.
        const mineIds = principal?.role === 'parent' ? new Set<string>() : null;
        const markMine = async (bulletins: Bulletin[]) => {
          const inWindow =
            apps.length > 0 ? bulletins.filter((b) => bulletinAccess(b, nowMs) === 'priority') : [];
          const kgs = await kindergartensById(
            ctx,
            inWindow.map((b) => b.kindergartenId),
          );
          for (const b of inWindow) {
            const rows = await eligibility(ctx, parent!, b, kgs.get(b.kindergartenId), apps);
            if (rows.some((r) => r.ok)) mineIds!.add(b.id);
          }
        };
        let page: Bulletin[];
        if (query.access === 'mine') {
          // Only bulletins of my applications' localities in their window can be mine (canRespond):
          // those are read and checked, then paged.
          const localities = [...new Set(apps.map((a) => a.localityId))];
          const candidates =
            localities.length === 0
              ? []
              : await publishedBulletins(ctx, { ...filter, localities, access: 'priority' }, nowMs);
          await markMine(candidates);
          page = candidates.filter((b) => mineIds!.has(b.id)).slice(query.offset, query.offset + query.limit);
        } else {
          // The page is read by itself; eligibility is checked for its rows only.
          page = await publishedBulletins(ctx, filter, nowMs, { offset: query.offset, limit: query.limit });
          if (mineIds) await markMine(page);
        }
        const kgs = await kindergartensById(
          ctx,
          page.map((b) => b.kindergartenId),
        );
        const groups = await groupsById(
          ctx,
          page.map((b) => b.groupId),
        );
        const places = await placeNames(
          ctx,
          page.map((b) => b.regionId),
        );
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
