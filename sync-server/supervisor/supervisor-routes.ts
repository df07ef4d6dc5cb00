import type { Request } from 'express';
import { z } from 'zod';
import type { Group, Kindergarten } from '../../src/schema';
import { supervisorResponses as answers } from '../../src/contract';
import { notFound } from '../api/api-error';
import { requestLanguage } from '../api/language';
import { type RouteSpec, route } from '../api/route';
import type { ServerContext } from '../context';
import { collectionOf } from '../schema';
import { readAll, readOne } from '../store';
import { verifyAuditChain } from './audit-verification';
import { iinReleaseSchema, releaseParentIin } from './iin-disputes';
import { readRegionSettings, regionSettingsSchema, saveRegionSettings } from './region-settings';
import { decidePriority, priorityDecisionSchema } from './priority-confirmation';
import { describeAuditEntries } from './audit-names';
import { auditQuerySchema, regionAuditPage, regionAuditTrail } from './audit-search';
import {
  createGroup,
  createKindergarten,
  groupInputSchema,
  groupPatchSchema,
  kindergartenInputSchema,
  kindergartenPatchSchema,
  updateGroup,
  updateKindergarten,
} from './catalogue';
import { dashboardFiltersSchema } from './dashboard-filters';
import {
  regionAllocations,
  regionBulletinFairness,
  regionBulletins,
  regionCatalogue,
  regionDashboard,
  regionPriorityClaims,
} from './district-sql';
import {
  auditTable,
  bulletinsTable,
  DASHBOARD_TABLES,
  dashboardTable,
  groupsTable,
  kindergartensTable,
  outOfOrderTable,
  priorityClaimsTable,
  type RegionNames,
  respondersTable,
  staffTable,
  TABLE_NAMES,
  type TableName,
  withRegionNames,
} from './export-tables';
import { streamRegionChanges } from './live-stream';
import {
  createStaff,
  listStaff,
  regionActors,
  resetStaffPassword,
  setStaffDisabled,
  staffInputSchema,
  staffPatchSchema,
  updateStaff,
} from './staff-accounts';
import { parseInput, SupervisorError } from './supervisor-error';
import type { SupervisorSession } from './supervisor-session';
import { type ExportTable, toCsv, writeXlsx } from './table-export';
import {
  calendarDataSchema,
  readWorkingCalendar,
  regionSettingsId,
  saveWorkingCalendar,
} from './working-calendar';

const yearSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const idParam = z.object({ id: z.string().min(1).max(64) });
const claimStatus = z.object({ status: z.enum(['pending', 'all']).default('pending') });
const kindergartenFilter = z.object({ kindergartenId: z.string().max(64).optional() });
/** The calendar's full year of dates and notes is larger than the API's default JSON body. */
const CALENDAR_JSON_BYTES = 256 * 1024;

/** Every supervisor route is in their region only: a document of another answers 404 (notFound). */
const NOT_IN_REGION = ['notSignedIn', 'supervisorsOnly', 'invalidInput', 'notFound'] as const;

/** The supervisor of a 'supervisor' route (the route table let only them in). */
const who = (supervisor: SupervisorSession | null): SupervisorSession => supervisor!;

/**
 * The district supervisor's routes (issue 8), in the API's one route table under /supervisor (issue
 * 15): dashboards, fairness, audit, management, calendar, exports and live updates. Every route needs
 * a supervisor session (access 'supervisor') and reads or changes only the supervisor's region: a
 * document of another region answers 404, exactly as one that does not exist.
 */
export function supervisorRoutes(): RouteSpec[] {
  const tag = 'supervisor';
  return [
    route({
      method: 'get',
      path: '/supervisor/me',
      operationId: 'supervisorMe',
      tag,
      summary: 'The supervisor, their region and its localities in kk/ru/en, and the server time',
      access: 'supervisor',
      response: answers.supervisorMe,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor }) => {
        const session = who(supervisor);
        const settings = await readOne(collectionOf(ctx.db, 'settings'), regionSettingsId(session.regionId));
        const kindergartens = await readAll(collectionOf(ctx.db, 'kindergartens'), {
          regionId: session.regionId,
        });
        return {
          ...session,
          // The region's names in every language: the header shows the page's (issue 14, item 7).
          region: { id: session.regionId, ...namesOf(settings?.value) },
          localities: localitiesOf(
            settings?.value,
            kindergartens.map((k) => k.localityId),
          ),
          serverTime: ctx.now().toISOString(),
        };
      },
    }),
    route({
      method: 'get',
      path: '/supervisor/dashboard',
      operationId: 'supervisorDashboard',
      tag,
      summary: "The district's dashboard: queue, priority, stop-list, bulletins, referrals, enrolments",
      access: 'supervisor',
      query: dashboardFiltersSchema,
      response: answers.supervisorDashboard,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, query }) =>
        regionDashboard(ctx.db, who(supervisor).regionId, query, ctx.now()),
    }),
    // Fairness: bulletins with their responders in queue order, and out-of-order allocations.
    route({
      method: 'get',
      path: '/supervisor/bulletins',
      operationId: 'supervisorBulletins',
      tag,
      summary: 'Bulletins of the district with their responders, activations and out-of-order ones',
      access: 'supervisor',
      query: dashboardFiltersSchema,
      response: answers.supervisorBulletins,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, query }) => ({
        asOf: ctx.now().toISOString(),
        bulletins: await regionBulletins(ctx.db, who(supervisor).regionId, query),
      }),
    }),
    route({
      method: 'get',
      path: '/supervisor/bulletins/:id',
      operationId: 'supervisorBulletin',
      tag,
      summary: "A bulletin's responders in queue order, why, what became of each, and its audit trail",
      access: 'supervisor',
      params: idParam,
      response: answers.supervisorBulletin,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, params }) => {
        const regionId = who(supervisor).regionId;
        const fairness = await regionBulletinFairness(ctx.db, regionId, params.id);
        if (!fairness) throw notFound('bulletin');
        // The bulletin's trail: what named it, and what happened to each of its responses.
        const ids = [fairness.bulletin.id, ...fairness.responders.map((r) => r.responseId)];
        const trail = await describeAuditEntries(ctx.db, await regionAuditTrail(ctx.db, regionId, ids));
        return { asOf: ctx.now().toISOString(), ...fairness, trail };
      },
    }),
    route({
      method: 'get',
      path: '/supervisor/out-of-order',
      operationId: 'supervisorOutOfOrder',
      tag,
      summary: 'Allocations made out of queue order, with the reason staff recorded',
      access: 'supervisor',
      query: dashboardFiltersSchema,
      response: answers.supervisorOutOfOrder,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, query }) => ({
        asOf: ctx.now().toISOString(),
        allocations: await regionAllocations(ctx.db, who(supervisor).regionId, query),
      }),
    }),
    // The audit trail behind any decision (an activation, a bulletin, an application, an action).
    route({
      method: 'get',
      path: '/supervisor/decisions/:entityId',
      operationId: 'supervisorDecision',
      tag,
      summary: 'The audit entries behind a decision about one entity, in order',
      access: 'supervisor',
      params: z.object({ entityId: z.string().min(1).max(64) }),
      response: answers.supervisorDecision,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, params }) => {
        const found = await regionAuditPage(
          ctx.db,
          who(supervisor).regionId,
          parseInput(auditQuerySchema, { entityId: params.entityId, limit: 1000 }),
        );
        if (found.total === 0) throw notFound('decision');
        const entries = await describeAuditEntries(
          ctx.db,
          [...found.entries].sort((a, b) => a.seq - b.seq),
        );
        return { asOf: ctx.now().toISOString(), entries };
      },
    }),
    route({
      method: 'get',
      path: '/supervisor/audit',
      operationId: 'supervisorAudit',
      tag,
      summary: "The district's audit log, searched",
      access: 'supervisor',
      query: auditQuerySchema,
      response: answers.supervisorAudit,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, query }) => {
        const page = await regionAuditPage(ctx.db, who(supervisor).regionId, query);
        // Each entry with the names a person reads it by (audit-names.ts), resolved for the page at once.
        return {
          asOf: ctx.now().toISOString(),
          ...page,
          entries: await describeAuditEntries(ctx.db, page.entries),
        };
      },
    }),
    // The people the audit page's filter offers by name: the region's staff and supervisors.
    route({
      method: 'get',
      path: '/supervisor/audit/actors',
      operationId: 'supervisorAuditActors',
      tag,
      summary: "The district's staff and supervisors by name, for the audit log's filter",
      access: 'supervisor',
      response: answers.supervisorAuditActors,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor }) => ({ actors: await regionActors(ctx, who(supervisor)) }),
    }),
    route({
      method: 'get',
      path: '/supervisor/audit/verify',
      operationId: 'supervisorAuditVerify',
      tag,
      summary: 'Verifies the whole hash chain of the audit log and tells where it first breaks',
      access: 'supervisor',
      response: answers.supervisorAuditVerify,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor }) => ({
        asOf: ctx.now().toISOString(),
        ...(await verifyAuditChain(ctx.db, who(supervisor).regionId)),
      }),
    }),
    // Management: priority categories, confirmed by people who checked the documents.
    route({
      method: 'get',
      path: '/supervisor/priority',
      operationId: 'supervisorPriorityClaims',
      tag,
      summary: 'Claimed priority categories, awaiting confirmation or all',
      access: 'supervisor',
      query: claimStatus,
      response: answers.supervisorPriorityClaims,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, query }) => ({
        asOf: ctx.now().toISOString(),
        claims: await regionPriorityClaims(ctx.db, who(supervisor).regionId, query.status),
      }),
    }),
    route({
      method: 'post',
      path: '/supervisor/priority/:applicationId',
      operationId: 'supervisorDecidePriority',
      tag,
      summary: "Confirms or rejects an application's claimed priority category (an audited action)",
      access: 'supervisor',
      params: z.object({ applicationId: z.string().min(1).max(64) }),
      body: priorityDecisionSchema,
      response: answers.supervisorDecidePriority,
      errors: [...NOT_IN_REGION, 'rejected action codes (409)'],
      handle: async ({ ctx, supervisor, params, body }) => {
        const session = who(supervisor);
        const application = await readOne(collectionOf(ctx.db, 'applications'), params.applicationId);
        if (!application || application.regionId !== session.regionId) throw notFound('application');
        const outcome = await decidePriority(ctx, session, application, body);
        if (outcome.status === 'rejected')
          throw new SupervisorError(409, outcome.reason.code, outcome.reason.params);
        return outcome;
      },
    }),
    // Management: the catalogue.
    route({
      method: 'get',
      path: '/supervisor/kindergartens',
      operationId: 'supervisorKindergartens',
      tag,
      summary: "The district's kindergartens, each with its number of groups",
      access: 'supervisor',
      response: answers.supervisorKindergartens,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor }) => ({
        kindergartens: withGroupCounts(await regionCatalogue(ctx.db, who(supervisor).regionId)),
      }),
    }),
    route({
      method: 'post',
      path: '/supervisor/kindergartens',
      operationId: 'supervisorCreateKindergarten',
      tag,
      summary: 'Adds a kindergarten to the district',
      access: 'supervisor',
      status: 201,
      body: kindergartenInputSchema,
      response: answers.kindergarten,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, body }) => createKindergarten(ctx, who(supervisor), body),
    }),
    route({
      method: 'patch',
      path: '/supervisor/kindergartens/:id',
      operationId: 'supervisorUpdateKindergarten',
      tag,
      summary: 'Changes a kindergarten of the district',
      access: 'supervisor',
      params: idParam,
      body: kindergartenPatchSchema,
      response: answers.kindergarten,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, params, body }) =>
        updateKindergarten(ctx, who(supervisor), params.id, body),
    }),
    ...(['close', 'reopen'] as const).flatMap((verb) => {
      const status = verb === 'close' ? 'closed' : 'open';
      const Verb = verb === 'close' ? 'Close' : 'Reopen';
      return [
        route({
          method: 'post',
          path: `/supervisor/kindergartens/:id/${verb}`,
          operationId: `supervisor${Verb}Kindergarten`,
          tag,
          summary: `${Verb}s a kindergarten of the district`,
          access: 'supervisor',
          params: idParam,
          response: answers.kindergarten,
          errors: NOT_IN_REGION,
          handle: async ({ ctx, supervisor, params }) =>
            updateKindergarten(ctx, who(supervisor), params.id, { status }),
        }),
        route({
          method: 'post',
          path: `/supervisor/groups/:id/${verb}`,
          operationId: `supervisor${Verb}Group`,
          tag,
          summary: `${Verb}s a group of the district`,
          access: 'supervisor',
          params: idParam,
          response: answers.group,
          errors: NOT_IN_REGION,
          handle: async ({ ctx, supervisor, params }) =>
            updateGroup(ctx, who(supervisor), params.id, { status }),
        }),
      ];
    }),
    route({
      method: 'get',
      path: '/supervisor/groups',
      operationId: 'supervisorGroups',
      tag,
      summary: "The district's groups, or one kindergarten's",
      access: 'supervisor',
      query: kindergartenFilter,
      response: answers.supervisorGroups,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, query }) => {
        const { groups } = await regionCatalogue(ctx.db, who(supervisor).regionId);
        return {
          groups: groups.filter((g) => !query.kindergartenId || g.kindergartenId === query.kindergartenId),
        };
      },
    }),
    route({
      method: 'post',
      path: '/supervisor/groups',
      operationId: 'supervisorCreateGroup',
      tag,
      summary: 'Adds a group to a kindergarten of the district',
      access: 'supervisor',
      status: 201,
      body: groupInputSchema,
      response: answers.group,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, body }) => createGroup(ctx, who(supervisor), body),
    }),
    route({
      method: 'patch',
      path: '/supervisor/groups/:id',
      operationId: 'supervisorUpdateGroup',
      tag,
      summary: 'Changes a group of the district',
      access: 'supervisor',
      params: idParam,
      body: groupPatchSchema,
      response: answers.group,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, params, body }) => updateGroup(ctx, who(supervisor), params.id, body),
    }),
    // Management: staff accounts.
    route({
      method: 'get',
      path: '/supervisor/staff',
      operationId: 'supervisorStaff',
      tag,
      summary: "The district's staff accounts",
      access: 'supervisor',
      response: answers.supervisorStaff,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor }) => ({ staff: await listStaff(ctx, who(supervisor)) }),
    }),
    route({
      method: 'post',
      path: '/supervisor/staff',
      operationId: 'supervisorCreateStaff',
      tag,
      summary: 'Creates a staff account for a kindergarten of the district',
      access: 'supervisor',
      status: 201,
      body: staffInputSchema,
      response: answers.staffAccount,
      errors: [...NOT_IN_REGION, 'loginTaken', 'invalidLogin'],
      handle: async ({ ctx, supervisor, body }) => createStaff(ctx, who(supervisor), body),
    }),
    route({
      method: 'patch',
      path: '/supervisor/staff/:id',
      operationId: 'supervisorUpdateStaff',
      tag,
      summary: 'Renames a staff account or moves it to another kindergarten of the district',
      access: 'supervisor',
      params: idParam,
      body: staffPatchSchema,
      response: answers.staffAccount,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, params, body }) => updateStaff(ctx, who(supervisor), params.id, body),
    }),
    route({
      method: 'post',
      path: '/supervisor/staff/:id/reset-password',
      operationId: 'supervisorResetStaffPassword',
      tag,
      summary: "Gives a staff account a temporary password (shown once) and ends the account's sessions",
      access: 'supervisor',
      params: idParam,
      response: answers.supervisorResetPassword,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, params }) => resetStaffPassword(ctx, who(supervisor), params.id),
    }),
    ...([true, false] as const).map((disabled) =>
      route({
        method: 'post',
        path: `/supervisor/staff/:id/${disabled ? 'disable' : 'enable'}`,
        operationId: disabled ? 'supervisorDisableStaff' : 'supervisorEnableStaff',
        tag,
        summary: disabled ? 'Disables a staff account (its sessions end)' : 'Enables a staff account again',
        access: 'supervisor',
        params: idParam,
        response: answers.staffAccount,
        errors: NOT_IN_REGION,
        handle: async ({ ctx, supervisor, params }) =>
          setStaffDisabled(ctx, who(supervisor), params.id, disabled),
      }),
    ),
    // The contact centre: an IIN another parent account holds is freed for its owner (iin-disputes.ts).
    route({
      method: 'post',
      path: '/supervisor/iin-disputes/:iin/release',
      operationId: 'supervisorReleaseIin',
      tag,
      summary: 'Frees an IIN a parent account holds wrongly, for its owner to confirm (audited)',
      access: 'supervisor',
      params: z.object({ iin: z.string().min(1).max(64) }),
      body: iinReleaseSchema,
      response: answers.supervisorReleaseIin,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, params, body }) =>
        releaseParentIin(ctx, who(supervisor), params.iin, body),
    }),
    // Management: the working-day calendar.
    route({
      method: 'get',
      path: '/supervisor/calendar',
      operationId: 'supervisorCalendar',
      tag,
      summary: "The district's working-day calendar of a year (this year by default)",
      access: 'supervisor',
      query: yearSchema,
      response: answers.workingCalendar,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, query }) =>
        readWorkingCalendar(
          ctx,
          who(supervisor).regionId,
          query.year ?? Number(ctx.now().toISOString().slice(0, 4)),
        ),
    }),
    route({
      method: 'put',
      path: '/supervisor/calendar',
      operationId: 'supervisorSaveCalendar',
      tag,
      summary: "Saves the district's working-day calendar of a year",
      access: 'supervisor',
      body: z.object({ data: calendarDataSchema, year: z.number().int().min(2000).max(2100) }),
      jsonBytes: CALENDAR_JSON_BYTES,
      response: answers.workingCalendar,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, body }) =>
        saveWorkingCalendar(ctx, who(supervisor), body.data, body.year),
    }),
    // Management: the regional settings the rules read.
    route({
      method: 'get',
      path: '/supervisor/settings',
      operationId: 'supervisorSettings',
      tag,
      summary: "The district's settings the rules read",
      access: 'supervisor',
      response: answers.regionSettings,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor }) => readRegionSettings(ctx, who(supervisor).regionId),
    }),
    route({
      method: 'put',
      path: '/supervisor/settings',
      operationId: 'supervisorSaveSettings',
      tag,
      summary: "Saves the district's settings the rules read",
      access: 'supervisor',
      body: regionSettingsSchema,
      response: answers.regionSettings,
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, body }) => saveRegionSettings(ctx, who(supervisor), body),
    }),
    // Export of every table, as CSV or XLSX.
    route({
      method: 'get',
      path: '/supervisor/export/:file',
      operationId: 'supervisorExport',
      tag,
      summary: `A table as CSV or XLSX in the page's language (?lang=): file = <table>.csv|xlsx, table one of ${TABLE_NAMES.join(', ')}; the page's filters as the table's`,
      access: 'supervisor',
      params: z.object({ file: z.string().min(1).max(64) }),
      response: {
        contentType: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, params, req, res }) => {
        const match = /^([a-z-]+)\.(csv|xlsx)$/.exec(params.file);
        if (!match || !TABLE_NAMES.includes(match[1] as TableName)) throw notFound('table');
        const [, name, format] = match as unknown as [string, TableName, 'csv' | 'xlsx'];
        const session = who(supervisor);
        const table = withRegionNames(
          await exportTable(ctx, session, name, req),
          await regionNames(ctx, session),
        );
        const stamp = ctx.now().toISOString().slice(0, 10);
        res.set('Content-Disposition', `attachment; filename="oryn-${name}-${stamp}.${format}"`);
        // In the page's language (?lang=, else Accept-Language).
        const lng = requestLanguage(req);
        if (format === 'csv') res.type('text/csv; charset=utf-8').send(toCsv(table, lng));
        else {
          res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
          await writeXlsx(table, lng, res);
        }
      },
    }),
    route({
      method: 'get',
      path: '/supervisor/live',
      operationId: 'supervisorLive',
      tag,
      summary:
        'Server-Sent Events: a `change` event for every staff action and supervisor change of the district; `expired` when the session ends',
      access: 'supervisor',
      response: { contentType: 'text/event-stream' },
      errors: NOT_IN_REGION,
      handle: async ({ ctx, supervisor, token, req, res }) => {
        streamRegionChanges(ctx, who(supervisor), token ?? '', req, res);
      },
    }),
  ];
}

async function exportTable(
  ctx: ServerContext,
  session: SupervisorSession,
  name: TableName,
  req: Request,
): Promise<ExportTable> {
  const regionId = session.regionId;
  if (name === 'audit') {
    const query = parseInput(auditQuerySchema, { ...req.query, limit: req.query.limit ?? 1000 });
    const page = await regionAuditPage(ctx.db, regionId, query);
    return auditTable(await describeAuditEntries(ctx.db, page.entries));
  }
  if (name === 'staff') return staffTable(await listStaff(ctx, session));
  const filters = parseInput(dashboardFiltersSchema, req.query);
  if (name === 'responders') {
    const { bulletinId } = parseInput(z.object({ bulletinId: z.string().min(1).max(64) }), req.query);
    const fairness = await regionBulletinFairness(ctx.db, regionId, bulletinId);
    if (!fairness) throw notFound('bulletin');
    return respondersTable(fairness.responders);
  }
  if (name === 'kindergartens')
    return kindergartensTable(withGroupCounts(await regionCatalogue(ctx.db, regionId)));
  if (name === 'groups') {
    const { kindergartenId } = parseInput(kindergartenFilter, req.query);
    const { groups } = await regionCatalogue(ctx.db, regionId);
    return groupsTable(groups.filter((g) => !kindergartenId || g.kindergartenId === kindergartenId));
  }
  if (name === 'priority-claims') {
    const { status } = parseInput(claimStatus, req.query);
    return priorityClaimsTable(await regionPriorityClaims(ctx.db, regionId, status));
  }
  if (name === 'bulletins') return bulletinsTable(await regionBulletins(ctx.db, regionId, filters));
  if (name === 'out-of-order') return outOfOrderTable(await regionAllocations(ctx.db, regionId, filters));
  const dashboardName = DASHBOARD_TABLES.find((t) => t === name);
  if (!dashboardName) throw notFound('table');
  return dashboardTable(dashboardName, await regionDashboard(ctx.db, regionId, filters, ctx.now()));
}

/** What an export's cells name — kindergartens, localities — in every language the region holds. */
async function regionNames(ctx: ServerContext, session: SupervisorSession): Promise<RegionNames> {
  const [settings, kindergartens] = await Promise.all([
    readOne(collectionOf(ctx.db, 'settings'), regionSettingsId(session.regionId)),
    readAll(collectionOf(ctx.db, 'kindergartens'), { regionId: session.regionId }),
  ]);
  const localities = localitiesOf(
    settings?.value,
    kindergartens.map((k) => k.localityId),
  );
  return {
    kindergartens: new Map(kindergartens.map((k) => [k.id, k])),
    localities: new Map(localities.map((l) => [l.id, { nameKk: l.kk, nameRu: l.ru, nameEn: l.en }])),
  };
}

/** The region's kindergartens, each with its number of groups, by Russian name. */
function withGroupCounts(data: {
  kindergartens: Kindergarten[];
  groups: Group[];
}): (Kindergarten & { groups: number })[] {
  return data.kindergartens
    .map((k) => ({ ...k, groups: data.groups.filter((g) => g.kindergartenId === k.id).length }))
    .sort((a, b) => a.nameRu.localeCompare(b.nameRu, 'ru'));
}

/** kk/ru/en names of a settings entry ({ nameKk, nameRu, nameEn }), those it has. */
function namesOf(entry: Record<string, unknown> | undefined): { kk?: string; ru?: string; en?: string } {
  const text = (k: string) => (typeof entry?.[k] === 'string' && entry[k] ? (entry[k] as string) : undefined);
  const [kk, ru, en] = [text('nameKk'), text('nameRu'), text('nameEn')];
  return { ...(kk ? { kk } : {}), ...(ru ? { ru } : {}), ...(en ? { en } : {}) };
}

/**
 * Locality names from the region's settings (`localities`: [{ id, nameKk, nameRu }], the demo seed's
 * shape) and every locality the region's kindergartens name, so a filter never misses one.
 */
function localitiesOf(
  value: Record<string, unknown> | undefined,
  ids: string[],
): { id: string; kk?: string; ru?: string; en?: string }[] {
  const named = new Map<string, { kk?: string; ru?: string; en?: string }>();
  const list = Array.isArray(value?.localities) ? (value.localities as Record<string, unknown>[]) : [];
  for (const l of list) if (typeof l?.id === 'string') named.set(l.id, namesOf(l));
  return [...new Set([...ids, ...named.keys()])].sort().map((id) => ({ id, ...named.get(id) }));
}
