import { z } from 'zod';
import { KZ_CALENDAR, calendarOf, type CalendarData, regionSettingsId } from '../../src/domain';
import type { ServerContext } from '../context';
import { collectionOf } from '../schema';
import { readOne } from '../store';
import { regionScope, supervisorAction } from './supervisor-change';
import type { SupervisorSession } from './supervisor-session';
import type { WorkingCalendarView } from '../../src/contract';

// The answers' shapes are the HTTP contract's (src/contract/supervisor-api.ts).
export type { WorkingCalendarView };

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The shape of src/domain's CalendarData, checked at the HTTP boundary (docs/style.md: validate at every boundary). */
export const calendarDataSchema = z.object({
  fixedHolidays: z
    .array(
      z.object({
        month: z.number().int().min(1).max(12),
        day: z.number().int().min(1).max(31),
        name: z.string().trim().min(1).max(100),
        fromYear: z.number().int().min(2000).max(2100).optional(),
        untilYear: z.number().int().min(2000).max(2100).optional(),
        religious: z.boolean().optional(),
      }),
    )
    .max(60),
  religiousDays: z.array(z.object({ date: day, name: z.string().trim().min(1).max(100) })).max(200),
  transfers: z
    .array(z.object({ date: day, working: z.boolean(), note: z.string().trim().max(300) }))
    .max(400),
}) satisfies z.ZodType<CalendarData>;

/** The region's settings document (sync-server/schema/settings.ts: one document per 'region:<id>'). */
export { regionSettingsId };

/**
 * The working-day calendar is data (docs/domain.md, Working days): holidays, the per-year religious dates
 * and the Ministry's transfers, edited by a supervisor without a release. Stored under the region's
 * settings as `calendar` (src/domain RegionSettings), where the deadline rules read it.
 */
export async function readWorkingCalendar(
  ctx: ServerContext,
  regionId: string,
  year: number,
): Promise<WorkingCalendarView> {
  const doc = await readOne(collectionOf(ctx.db, 'settings'), regionSettingsId(regionId));
  const stored = doc?.value?.calendar as CalendarData | undefined;
  const data = stored ?? KZ_CALENDAR;
  const calendar = calendarOf(data);
  return {
    year,
    data,
    isDefault: stored === undefined,
    nonWorkingWeekdays: calendar.nonWorkingWeekdays(year),
    workingWeekends: data.transfers
      .filter((t) => t.working && t.date.startsWith(`${year}-`) && calendar.isWorkingDay(t.date))
      .map((t) => t.date)
      .sort(),
    ...(stored && doc
      ? { updatedAt: doc.updatedAt, ...(doc.updatedBy ? { updatedBy: doc.updatedBy } : {}) }
      : {}),
  };
}

/** The region's calendar as a `calendar.edit` action (supervisor-change.ts), under the region's lock. */
export async function saveWorkingCalendar(
  ctx: ServerContext,
  session: SupervisorSession,
  data: CalendarData,
  year: number,
): Promise<WorkingCalendarView> {
  await supervisorAction(
    ctx,
    session,
    'calendar.edit',
    { regionId: session.regionId, calendar: data },
    regionScope(session.regionId),
    'calendar',
  );
  return readWorkingCalendar(ctx, session.regionId, year);
}
