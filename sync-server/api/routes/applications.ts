import { z } from 'zod';
import { almatyDayOfMs, parseInstant, QUEUE_STATUSES } from '../../../src/domain';
import { INTEREST_SETTING } from '../../scheduler';
import type { Application, Referral, Response } from '../../../src/schema';
import { readAll } from '../../store';
import type { ServerContext } from '../../context';
import { type Child, collectionOf, type Parent } from '../../schema';
import { ApiError, notFound } from '../api-error';
import { type ApplicationParts, applicationParts } from '../application-reads';
import { groupsById, kindergartensById, placeNames } from '../catalogue-lookup';
import { referralView } from '../referral-view';
import { idParam, languageCode } from '../fields';
import type { Language } from '../language';
import { runParentAction } from '../parent-action';
import { applicationExtra, result } from '../../../src/contract';
import { type RouteSpec, route } from '../route';
import { fullName, kindergartenName } from '../views';

/** The archive ("Архив заявлений"): withdrawn by the parent or archived by the system. */
const ARCHIVED = new Set(['withdrawn', 'archived']);

type StepState = 'done' | 'current' | 'upcoming' | 'closed';

/**
 * The four steps of the seed's application window: Очередь → Отклик на бюллетень → Получение
 * направления → Результаты.
 */
function steps(status: Application['status']): [StepState, StepState, StepState, StepState] {
  switch (status) {
    case 'waiting':
    case 'stopListed':
    case 'inactive':
      return ['done', 'current', 'upcoming', 'upcoming'];
    case 'responded':
    case 'referred':
      return ['done', 'done', 'current', 'upcoming'];
    case 'enrolled':
      return ['done', 'done', 'done', 'done'];
    default:
      return ['closed', 'closed', 'closed', 'closed'];
  }
}

/** The parent's own application, or 404 (another parent's id is indistinguishable from a missing one). */
export async function ownApplication(ctx: ServerContext, parent: Parent, id: string): Promise<Application> {
  const doc = await collectionOf(ctx.db, 'applications').findOne(id).exec();
  if (!doc || doc.parentId !== parent.id) throw notFound('application');
  return doc.toJSON() as Application;
}

/**
 * An application with what the seed's application window shows: queue number, locality, the four
 * steps, its response, its referral (download, extension) and the result (kindergarten and group).
 */
export async function applicationView(
  ctx: ServerContext,
  app: Application,
  lng: Language,
  known: { latestResponse?: Response } = {},
) {
  const [view] = await applicationViews(ctx, [app], lng, known);
  return view;
}

/**
 * The views of several applications (a parent's list) with one read of their parts (application-reads.ts:
 * responses, referrals and numbers in one statement) and one of each catalogue collection they name.
 * `parts` when the caller has read them already (the one-application page reads its application there).
 */
export async function applicationViews(
  ctx: ServerContext,
  apps: readonly Application[],
  lng: Language,
  known: { latestResponse?: Response } = {},
  parts?: Map<string, ApplicationParts>,
) {
  const read =
    parts ??
    (await applicationParts(
      ctx,
      apps.map((a) => a.id),
    ));
  const latest = <T extends { updatedAt: number }>(list: T[]) =>
    list.length === 0 ? null : list.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
  const referrals = new Map(apps.map((a) => [a.id, latest(read.get(a.id)?.referrals ?? [])]));
  const named = [...referrals.values()].filter((r): r is Referral => r !== null);
  const [places, kgs, groups] = await Promise.all([
    placeNames(
      ctx,
      apps.map((a) => a.regionId),
    ),
    kindergartensById(ctx, [
      ...apps.flatMap((a) => (a.enrolledKindergartenId ? [a.enrolledKindergartenId] : [])),
      ...named.map((r) => r.kindergartenId),
    ]),
    groupsById(ctx, [
      ...apps.flatMap((a) => (a.enrolledGroupId ? [a.enrolledGroupId] : [])),
      ...named.map((r) => r.groupId),
    ]),
  ]);
  return Promise.all(
    apps.map(async (app) => {
      const [s1, s2, s3, s4] = steps(app.status);
      // A respond's answer knows its response, the application's latest.
      const response = known.latestResponse ?? latest(read.get(app.id)?.responses ?? []);
      const referral = referrals.get(app.id) ?? null;
      const enrolled = app.enrolledKindergartenId ? kgs.get(app.enrolledKindergartenId) : undefined;
      const group = app.enrolledGroupId ? groups.get(app.enrolledGroupId) : undefined;
      return {
        ...app,
        // Counted over the queue's index (queue-rank.ts): a parent's page costs the same in any queue.
        queueNumber: read.get(app.id)?.queueNumber ?? null,
        localityName: places.locality(app.regionId, app.localityId, lng) ?? undefined,
        steps: { queue: s1, respond: s2, referral: s3, result: s4 },
        response,
        referral: referral
          ? await referralView(ctx, referral, lng, {
              kindergarten: kgs.get(referral.kindergartenId),
              group: groups.get(referral.groupId),
            })
          : null,
        enrolledKindergartenName: enrolled ? kindergartenName(enrolled, lng) : undefined,
        enrolledGroupName: group?.name,
        ...interestDue(app, interestConfirmationDays(places.settings(app.regionId))),
      };
    }),
  );
}

/** Statuses in which the parent's interest counts (the seed's «Заинтересован»): the child waits for a place. */
const INTEREST_STATUSES = new Set<Application['status']>(['waiting', 'inactive', 'stopListed']);

/** The region's confirmation period in days (settings 'region:<id>'), or null where it sets none. */
function interestConfirmationDays(settings: Record<string, unknown> | undefined): number | null {
  const days = settings?.[INTEREST_SETTING];
  return typeof days === 'number' && Number.isInteger(days) && days >= 1 ? days : null;
}

/**
 * Whether «Заинтересован» applies to the application and the day by which it must be confirmed (the
 * scheduler's rule: the last confirmation, or the filing, plus the region's days; issue 14, item 14).
 */
function interestDue(
  app: Application,
  days: number | null,
): { interestApplies: boolean; interestDueBy?: string } {
  if (!INTEREST_STATUSES.has(app.status)) return { interestApplies: false };
  const since = parseInstant(app.interestConfirmedAt ?? app.filedAt);
  if (days === null || !since.ok) return { interestApplies: true };
  return { interestApplies: true, interestDueBy: almatyDayOfMs(since.value + days * 86_400_000) };
}

/** What the parent fills in on "Добавление заявления" besides the child. */
const applicationFields = {
  groupType: z.string().min(1).max(20).default('ordinary'),
  languages: z.array(languageCode).min(1).max(8),
  regionId: z.string().min(1).max(64),
  localityId: z.string().min(1).max(64),
  claimedPriority: z.enum(['extraordinary', 'primary', 'none']).default('none'),
};
type ApplicationFields = {
  groupType: string;
  languages: string[];
  regionId: string;
  localityId: string;
  claimedPriority: 'extraordinary' | 'primary' | 'none';
};

/** docs/domain.md: twins and siblings "born within a month" may be filed as a batch. */
const BATCH_WITHIN_DAYS = 31;

async function ownChild(ctx: ServerContext, parent: Parent, childId: string): Promise<Child> {
  const child = await collectionOf(ctx.db, 'children').findOne(childId).exec();
  if (!child || child.parentId !== parent.id) throw notFound('child');
  return child.toJSON() as Child;
}

/** The locality must be one the catalogue has in that region. */
async function requireLocality(ctx: ServerContext, f: Pick<ApplicationFields, 'regionId' | 'localityId'>) {
  const inLocality = await collectionOf(ctx.db, 'kindergartens')
    .findOne({ selector: { localityId: f.localityId, regionId: f.regionId } })
    .exec();
  if (!inLocality) throw new ApiError(422, 'unknownLocality', {}, 'localityId');
}

async function refuseActiveIn(ctx: ServerContext, childId: string, localityId: string) {
  const apps = await collectionOf(ctx.db, 'applications').find({ selector: { childId, localityId } }).exec();
  const active = apps.find((a) => QUEUE_STATUSES.includes(a.status));
  if (active) throw new ApiError(409, 'duplicateApplication', { applicationId: active.id });
}

/** Files one application through the action processor; its id derives from the action's id. */
async function fileFor(
  ctx: ServerContext,
  parent: Parent,
  child: Child,
  f: ApplicationFields,
  batchId?: string,
): Promise<string> {
  const actionId = crypto.randomUUID();
  const applicationId = `app_${actionId}`;
  await runParentAction(
    ctx,
    parent,
    'application.file',
    {
      applicationId,
      childId: child.id,
      childIin: child.iin,
      childName: fullName(child),
      parentId: parent.id,
      groupType: f.groupType,
      languages: f.languages,
      regionId: f.regionId,
      localityId: f.localityId,
      claimedPriority: f.claimedPriority,
      ...(batchId ? { batchId } : {}),
    },
    { actionId },
  );
  return applicationId;
}

/** The parent's applications over rxdb's `parentId` index, read from the storage (no RxDocuments made). */
async function parentApplications(ctx: ServerContext, parent: Parent): Promise<Application[]> {
  const apps = await readAll<Application>(collectionOf(ctx.db, 'applications'), { parentId: parent.id });
  return apps.sort((a, b) => a.filedAt.localeCompare(b.filedAt) || a.id.localeCompare(b.id));
}

/** "Заявки": file, list (with queue number, status and the four steps), view, confirm interest, withdraw, archive. */
export function applicationRoutes(): RouteSpec[] {
  return [
    route({
      method: 'post',
      path: '/applications',
      operationId: 'fileApplication',
      response: { collection: 'applications', extra: applicationExtra },
      tag: 'applications',
      summary:
        '"Добавить заявление": child, group type, languages, region and locality (status "В ожидании места")',
      access: 'parent',
      status: 201,
      body: z.object({ ...applicationFields, childId: z.string().min(1).max(64) }),
      errors: ['notFound', 'unknownLocality', 'duplicateApplication', 'invalidPayload'],
      handle: async ({ ctx, body, parent, lng }) => {
        const child = await ownChild(ctx, parent!, body.childId);
        await requireLocality(ctx, body);
        const applicationId = await fileFor(ctx, parent!, child, body);
        return applicationView(ctx, await ownApplication(ctx, parent!, applicationId), lng);
      },
    }),
    route({
      method: 'post',
      path: '/applications/batch',
      operationId: 'fileApplicationBatch',
      response: { collection: 'applications', array: true, extra: applicationExtra },
      tag: 'applications',
      summary:
        'Twins and siblings born within a month, filed together (docs/domain.md): referrals only when a bulletin has places for all',
      access: 'parent',
      status: 201,
      body: z.object({ ...applicationFields, childIds: z.array(z.string().min(1).max(64)).min(2).max(6) }),
      errors: ['notFound', 'unknownLocality', 'duplicateApplication', 'batchNotSiblings'],
      handle: async ({ ctx, body, parent, lng }) => {
        const ids = [...new Set(body.childIds)];
        if (ids.length < 2) throw new ApiError(400, 'validation', { reason: 'too_small' }, 'childIds');
        const children = await Promise.all(ids.map((id) => ownChild(ctx, parent!, id)));
        const days = children.map((c) => Date.parse(`${c.birthDate}T00:00:00Z`) / 86_400_000);
        if (Math.max(...days) - Math.min(...days) > BATCH_WITHIN_DAYS) {
          throw new ApiError(422, 'batchNotSiblings', { days: BATCH_WITHIN_DAYS }, 'childIds');
        }
        await requireLocality(ctx, body);
        // Checked for all before any is filed, so a batch is filed whole or not at all in practice.
        for (const c of children) await refuseActiveIn(ctx, c.id, body.localityId);
        const batchId = `batch_${crypto.randomUUID()}`;
        const filed: string[] = [];
        try {
          for (const c of children) filed.push(await fileFor(ctx, parent!, c, body, batchId));
        } catch (error) {
          // A batch is all or nothing: the ones already filed are withdrawn again.
          for (const applicationId of filed) {
            await runParentAction(ctx, parent!, 'application.withdraw', { applicationId }).catch(
              () => undefined,
            );
          }
          throw error;
        }
        return Promise.all(
          filed.map(async (id) => applicationView(ctx, await ownApplication(ctx, parent!, id), lng)),
        );
      },
    }),
    route({
      method: 'get',
      path: '/applications',
      operationId: 'listApplications',
      response: { collection: 'applications', array: true, extra: applicationExtra },
      tag: 'applications',
      summary: '"Список заявлений": the active applications with queue number, status and steps',
      access: 'parent',
      handle: async ({ ctx, parent, lng }) => {
        const apps = (await parentApplications(ctx, parent!)).filter((a) => !ARCHIVED.has(a.status));
        return applicationViews(ctx, apps, lng);
      },
    }),
    route({
      method: 'get',
      path: '/applications/archive',
      operationId: 'listArchivedApplications',
      response: { collection: 'applications', array: true, extra: applicationExtra },
      tag: 'applications',
      summary: '"Архив заявлений": withdrawn and archived applications',
      access: 'parent',
      handle: async ({ ctx, parent, lng }) => {
        const apps = (await parentApplications(ctx, parent!)).filter((a) => ARCHIVED.has(a.status));
        return applicationViews(ctx, apps, lng);
      },
    }),
    route({
      method: 'get',
      path: '/applications/:id',
      operationId: 'getApplication',
      response: { collection: 'applications', extra: applicationExtra },
      tag: 'applications',
      summary: 'One application ("Посмотреть"): the four steps, responses, referral and result',
      access: 'parent',
      params: idParam,
      errors: ['notFound'],
      handle: async ({ ctx, params, parent, lng }) => {
        // The application itself comes with its parts: one statement for the page (application-reads.ts).
        const parts = await applicationParts(ctx, [params.id]);
        const app = parts.get(params.id)?.app;
        if (!app || app.parentId !== parent!.id) throw notFound('application');
        const [view] = await applicationViews(ctx, [app], lng, {}, parts);
        return view;
      },
    }),
    route({
      method: 'post',
      path: '/applications/:id/interest',
      operationId: 'confirmInterest',
      response: { collection: 'applications', extra: applicationExtra },
      tag: 'applications',
      summary: '"Заинтересован": confirm interest (restores an inactive application within 28 days)',
      access: 'parent',
      params: idParam,
      errors: ['notFound', 'wrongStatus', 'restoreExpired'],
      handle: async ({ ctx, params, parent, lng }) => {
        await ownApplication(ctx, parent!, params.id);
        await runParentAction(ctx, parent!, 'application.confirmInterest', { applicationId: params.id });
        return applicationView(ctx, await ownApplication(ctx, parent!, params.id), lng);
      },
    }),
    route({
      method: 'post',
      path: '/applications/:id/withdraw',
      operationId: 'withdrawApplication',
      response: { collection: 'applications', extra: applicationExtra },
      tag: 'applications',
      summary: 'Withdraw ("Корзина" → "Подтвердить"): the application moves to the archive',
      access: 'parent',
      params: idParam,
      errors: ['notFound', 'wrongStatus'],
      handle: async ({ ctx, params, parent, lng }) => {
        await ownApplication(ctx, parent!, params.id);
        await runParentAction(ctx, parent!, 'application.withdraw', { applicationId: params.id });
        return applicationView(ctx, await ownApplication(ctx, parent!, params.id), lng);
      },
    }),
    route({
      method: 'get',
      path: '/results',
      operationId: 'listResults',
      response: z.array(result),
      tag: 'applications',
      summary: '"Результаты": the kindergarten and group each child is enrolled in',
      access: 'parent',
      handle: async ({ ctx, parent, lng }) => {
        const enrolled = (await parentApplications(ctx, parent!)).filter((a) => a.status === 'enrolled');
        const views = await applicationViews(ctx, enrolled, lng);
        return views.map((v) => ({
          applicationId: v.id,
          childId: v.childId,
          childName: v.childName,
          kindergartenId: v.enrolledKindergartenId,
          kindergartenName: v.enrolledKindergartenName,
          groupId: v.enrolledGroupId,
          groupName: v.enrolledGroupName,
        }));
      },
    }),
  ];
}
