import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Group, Kindergarten } from '../../src/schema';
import { requestLanguage } from '../api/language';
import type { ServerContext } from '../context';
import { refuseUnstorableText } from '../unstorable-request';
import { collectionOf } from '../schema';
import { readAll, readOne } from '../store';
import { verifyAuditChain } from './audit-verification';
import { iinReleaseSchema, releaseParentIin } from './iin-disputes';
import { readRegionSettings, regionSettingsSchema, saveRegionSettings } from './region-settings';
import { decidePriority, priorityDecisionSchema } from './priority-confirmation';
import { describeAuditEntries } from './audit-names';
import { auditQuerySchema, entryTouches, loadRegionAudit, regionAuditPage } from './audit-search';
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
  respondersTable,
  staffTable,
  TABLE_NAMES,
  type TableName,
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
import { errorHandler, notFound, parseInput, route, SupervisorError } from './supervisor-error';
import { requireSupervisor, type SupervisorSession, supervisorOf } from './supervisor-session';
import { type ExportTable, toCsv, writeXlsx } from './table-export';
import {
  calendarDataSchema,
  readWorkingCalendar,
  regionSettingsId,
  saveWorkingCalendar,
} from './working-calendar';

const yearSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/**
 * The district supervisor's REST API (issue 8), mounted at /api/supervisor. Every route needs a
 * supervisor session and reads or changes only the supervisor's region: a document of another region
 * answers 404, exactly as one that does not exist.
 */
export function createSupervisorApi(ctx: ServerContext): Router {
  const router = Router();
  router.use(express.json({ limit: '256kb' }));
  router.use(requireSupervisor(ctx));
  router.use(refuseUnstorableText());
  // Supervisor data is personal data of children and staff: never cached by the browser or a proxy.
  router.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  const regionOf = (res: Response) => supervisorOf(res).regionId;

  /** POST `path` creates one (201), PATCH `path/:id` changes one; both in the supervisor's region. */
  function createAndUpdate<I, P>(
    path: string,
    inputSchema: z.ZodType<I>,
    create: (ctx: ServerContext, session: SupervisorSession, input: I) => Promise<unknown>,
    patchSchema: z.ZodType<P>,
    update: (ctx: ServerContext, session: SupervisorSession, id: string, patch: P) => Promise<unknown>,
  ): void {
    router.post(
      path,
      route(async (req, res) => {
        res.status(201).json(await create(ctx, supervisorOf(res), parseInput(inputSchema, req.body)));
      }),
    );
    router.patch(
      `${path}/:id`,
      route(async (req, res) => {
        res.json(await update(ctx, supervisorOf(res), req.params.id!, parseInput(patchSchema, req.body)));
      }),
    );
  }

  router.get(
    '/me',
    route(async (_req, res) => {
      const session = supervisorOf(res);
      const settings = await readOne(collectionOf(ctx.db, 'settings'), regionSettingsId(session.regionId));
      const kindergartens = await readAll(collectionOf(ctx.db, 'kindergartens'), {
        regionId: session.regionId,
      });
      res.json({
        ...session,
        // The region's names in every language: the header shows the page's (issue 14, item 7).
        region: { id: session.regionId, ...namesOf(settings?.value) },
        localities: localitiesOf(
          settings?.value,
          kindergartens.map((k) => k.localityId),
        ),
        serverTime: ctx.now().toISOString(),
      });
    }),
  );

  router.get(
    '/dashboard',
    route(async (req, res) => {
      const filters = parseInput(dashboardFiltersSchema, req.query);
      res.json(await regionDashboard(ctx.db, regionOf(res), filters, ctx.now()));
    }),
  );

  // Fairness: bulletins with their responders in queue order, and out-of-order allocations.
  router.get(
    '/bulletins',
    route(async (req, res) => {
      const filters = parseInput(dashboardFiltersSchema, req.query);
      res.json({
        asOf: ctx.now().toISOString(),
        bulletins: await regionBulletins(ctx.db, regionOf(res), filters),
      });
    }),
  );
  router.get(
    '/bulletins/:id',
    route(async (req, res) => {
      const fairness = await regionBulletinFairness(ctx.db, regionOf(res), req.params.id);
      if (!fairness) throw notFound('bulletin');
      // The bulletin's trail: what named it, and what happened to each of its responses.
      const ids = [fairness.bulletin.id, ...fairness.responders.map((r) => r.responseId)];
      const trail = await describeAuditEntries(
        ctx.db,
        (await loadRegionAudit(ctx.db, supervisorOf(res).regionId))
          .filter((e) => ids.some((id) => entryTouches(e, id)))
          .sort((a, b) => a.seq - b.seq),
      );
      res.json({ asOf: ctx.now().toISOString(), ...fairness, trail });
    }),
  );
  router.get(
    '/out-of-order',
    route(async (req, res) => {
      const filters = parseInput(dashboardFiltersSchema, req.query);
      res.json({
        asOf: ctx.now().toISOString(),
        allocations: await regionAllocations(ctx.db, regionOf(res), filters),
      });
    }),
  );

  // The audit trail behind any decision (an activation, a bulletin, an application, an action).
  router.get(
    '/decisions/:entityId',
    route(async (req, res) => {
      const found = await regionAuditPage(
        ctx.db,
        regionOf(res),
        parseInput(auditQuerySchema, { entityId: req.params.entityId, limit: 1000 }),
      );
      if (found.total === 0) throw notFound('decision');
      const entries = await describeAuditEntries(
        ctx.db,
        [...found.entries].sort((a, b) => a.seq - b.seq),
      );
      res.json({ asOf: ctx.now().toISOString(), entries });
    }),
  );

  router.get(
    '/audit',
    route(async (req, res) => {
      const query = parseInput(auditQuerySchema, req.query);
      const page = await regionAuditPage(ctx.db, regionOf(res), query);
      // Each entry with the names a person reads it by (audit-names.ts), resolved for the page at once.
      res.json({
        asOf: ctx.now().toISOString(),
        ...page,
        entries: await describeAuditEntries(ctx.db, page.entries),
      });
    }),
  );

  // The people the audit page's filter offers by name: the region's staff and supervisors.
  router.get(
    '/audit/actors',
    route(async (_req, res) => {
      res.json({ actors: await regionActors(ctx, supervisorOf(res)) });
    }),
  );

  router.get(
    '/audit/verify',
    route(async (_req, res) => {
      res.json({
        asOf: ctx.now().toISOString(),
        ...(await verifyAuditChain(ctx.db, supervisorOf(res).regionId)),
      });
    }),
  );

  // Management: priority categories, confirmed by people who checked the documents.
  router.get(
    '/priority',
    route(async (req, res) => {
      const { status } = parseInput(
        z.object({ status: z.enum(['pending', 'all']).default('pending') }),
        req.query,
      );
      res.json({
        asOf: ctx.now().toISOString(),
        claims: await regionPriorityClaims(ctx.db, regionOf(res), status),
      });
    }),
  );
  router.post(
    '/priority/:applicationId',
    route(async (req, res) => {
      const input = parseInput(priorityDecisionSchema, req.body);
      const session = supervisorOf(res);
      const application = await readOne(collectionOf(ctx.db, 'applications'), req.params.applicationId);
      if (!application || application.regionId !== session.regionId) throw notFound('application');
      const outcome = await decidePriority(ctx, session, application, input);
      if (outcome.status === 'rejected')
        throw new SupervisorError(409, outcome.reason.code, outcome.reason.params);
      res.json(outcome);
    }),
  );

  // Management: the catalogue.
  router.get(
    '/kindergartens',
    route(async (_req, res) => {
      res.json({
        kindergartens: withGroupCounts(await regionCatalogue(ctx.db, regionOf(res))),
      });
    }),
  );
  createAndUpdate(
    '/kindergartens',
    kindergartenInputSchema,
    createKindergarten,
    kindergartenPatchSchema,
    updateKindergarten,
  );
  for (const [path, status] of [
    ['close', 'closed'],
    ['reopen', 'open'],
  ] as const) {
    router.post(
      `/kindergartens/:id/${path}`,
      route(async (req, res) => {
        res.json(await updateKindergarten(ctx, supervisorOf(res), req.params.id, { status }));
      }),
    );
    router.post(
      `/groups/:id/${path}`,
      route(async (req, res) => {
        res.json(await updateGroup(ctx, supervisorOf(res), req.params.id, { status }));
      }),
    );
  }
  router.get(
    '/groups',
    route(async (req, res) => {
      const { kindergartenId } = parseInput(
        z.object({ kindergartenId: z.string().max(64).optional() }),
        req.query,
      );
      const { groups } = await regionCatalogue(ctx.db, regionOf(res));
      res.json({ groups: groups.filter((g) => !kindergartenId || g.kindergartenId === kindergartenId) });
    }),
  );
  createAndUpdate('/groups', groupInputSchema, createGroup, groupPatchSchema, updateGroup);

  // Management: staff accounts.
  router.get(
    '/staff',
    route(async (_req, res) => {
      res.json({ staff: await listStaff(ctx, supervisorOf(res)) });
    }),
  );
  createAndUpdate('/staff', staffInputSchema, createStaff, staffPatchSchema, updateStaff);
  router.post(
    '/staff/:id/reset-password',
    route(async (req, res) => {
      res.json(await resetStaffPassword(ctx, supervisorOf(res), req.params.id));
    }),
  );
  router.post(
    '/staff/:id/disable',
    route(async (req, res) => {
      res.json(await setStaffDisabled(ctx, supervisorOf(res), req.params.id, true));
    }),
  );
  router.post(
    '/staff/:id/enable',
    route(async (req, res) => {
      res.json(await setStaffDisabled(ctx, supervisorOf(res), req.params.id, false));
    }),
  );

  // The contact centre: an IIN another parent account holds is freed for its owner (iin-disputes.ts).
  router.post(
    '/iin-disputes/:iin/release',
    route(async (req, res) => {
      const body = parseInput(iinReleaseSchema, req.body);
      res.json(await releaseParentIin(ctx, supervisorOf(res), req.params.iin!, body));
    }),
  );

  // Management: the working-day calendar.
  router.get(
    '/calendar',
    route(async (req, res) => {
      const { year } = parseInput(yearSchema, req.query);
      res.json(
        await readWorkingCalendar(
          ctx,
          supervisorOf(res).regionId,
          year ?? Number(ctx.now().toISOString().slice(0, 4)),
        ),
      );
    }),
  );
  router.put(
    '/calendar',
    route(async (req, res) => {
      const body = parseInput(
        z.object({ data: calendarDataSchema, year: z.number().int().min(2000).max(2100) }),
        req.body,
      );
      res.json(await saveWorkingCalendar(ctx, supervisorOf(res), body.data, body.year));
    }),
  );

  // Management: the regional settings the rules read.
  router.get(
    '/settings',
    route(async (_req, res) => {
      res.json(await readRegionSettings(ctx, supervisorOf(res).regionId));
    }),
  );
  router.put(
    '/settings',
    route(async (req, res) => {
      res.json(await saveRegionSettings(ctx, supervisorOf(res), parseInput(regionSettingsSchema, req.body)));
    }),
  );

  // Export of every table, as CSV or XLSX.
  router.get(
    '/export/:file',
    route(async (req, res) => {
      const match = /^([a-z-]+)\.(csv|xlsx)$/.exec(req.params.file);
      if (!match || !TABLE_NAMES.includes(match[1] as TableName)) throw notFound('table');
      const [, name, format] = match as unknown as [string, TableName, 'csv' | 'xlsx'];
      const table = await exportTable(ctx, res, name, req);
      const stamp = ctx.now().toISOString().slice(0, 10);
      res.set('Content-Disposition', `attachment; filename="oryn-${name}-${stamp}.${format}"`);
      // In the page's language (?lang=, else Accept-Language).
      const lng = requestLanguage(req);
      if (format === 'csv') res.type('text/csv; charset=utf-8').send(toCsv(table, lng));
      else {
        res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        await writeXlsx(table, lng, res);
      }
    }),
  );

  router.get('/live', (req, res) => streamRegionChanges(ctx, supervisorOf(res), req, res));

  router.use((_req: Request, _res: Response, next: (err: unknown) => void) =>
    next(new SupervisorError(404, 'notFound', { what: 'route' })),
  );
  router.use(errorHandler(ctx.log));
  return router;
}

async function exportTable(
  ctx: ServerContext,
  res: Response,
  name: TableName,
  req: Request,
): Promise<ExportTable> {
  const regionId = supervisorOf(res).regionId;
  if (name === 'audit') {
    const query = parseInput(auditQuerySchema, { ...req.query, limit: req.query.limit ?? 1000 });
    const page = await regionAuditPage(ctx.db, regionId, query);
    return auditTable(await describeAuditEntries(ctx.db, page.entries));
  }
  if (name === 'staff') return staffTable(await listStaff(ctx, supervisorOf(res)));
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
    const { kindergartenId } = parseInput(
      z.object({ kindergartenId: z.string().max(64).optional() }),
      req.query,
    );
    const { groups } = await regionCatalogue(ctx.db, regionId);
    return groupsTable(groups.filter((g) => !kindergartenId || g.kindergartenId === kindergartenId));
  }
  if (name === 'priority-claims') {
    const { status } = parseInput(
      z.object({ status: z.enum(['pending', 'all']).default('pending') }),
      req.query,
    );
    return priorityClaimsTable(await regionPriorityClaims(ctx.db, regionId, status));
  }
  if (name === 'bulletins') return bulletinsTable(await regionBulletins(ctx.db, regionId, filters));
  if (name === 'out-of-order') return outOfOrderTable(await regionAllocations(ctx.db, regionId, filters));
  const dashboardName = DASHBOARD_TABLES.find((t) => t === name);
  if (!dashboardName) throw notFound('table');
  return dashboardTable(dashboardName, await regionDashboard(ctx.db, regionId, filters, ctx.now()));
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
