import { z } from 'zod';
import { addDays, almatyDayOfMs, dayNumber, type Day } from '../../src/domain';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The dashboard's filters (issue 8: locality, kindergarten, period). The period is a range of days in
 * Asia/Almaty, both ends included. Every field is optional: no filter means the whole district.
 */
export const dashboardFiltersSchema = z.object({
  localityId: z.string().min(1).max(64).optional(),
  kindergartenId: z.string().min(1).max(64).optional(),
  from: day.optional(),
  to: day.optional(),
  /** Referrals whose last valid day falls within this many calendar days from today. */
  expiringDays: z.coerce.number().int().min(0).max(60).default(3),
});
export type DashboardFilters = z.infer<typeof dashboardFiltersSchema>;

/** The Asia/Almaty calendar day of an instant (docs/domain.md: all deadlines in Asia/Almaty). */
export function almatyDay(at: Date | string): Day {
  return almatyDayOfMs(typeof at === 'string' ? Date.parse(at) : at.getTime());
}

/** Whole calendar days from one day to another (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The period the time series cover: the filter's, or the last twelve months up to today. It is shown
 * by day when it spans at most two months, else by month, so a chart keeps a readable number of bars.
 */
export function resolvePeriod(
  filters: DashboardFilters,
  today: string,
): { from: string; to: string; bucket: 'day' | 'month' } {
  const to = filters.to ?? today;
  const from = filters.from ?? `${addDays(to, -365).slice(0, 7)}-01`;
  return { from, to, bucket: daysBetween(from, to) <= 62 ? 'day' : 'month' };
}

export { addDays };

export function inPeriod(timestamp: string | undefined, period: { from: string; to: string }): boolean {
  if (!timestamp || Number.isNaN(Date.parse(timestamp))) return false;
  const d = almatyDay(timestamp);
  return d >= period.from && d <= period.to;
}

/** The period the supervisor chose, if any (lists of decisions are not cut to a default period). */
export function chosenPeriod(filters: DashboardFilters): { from: string; to: string } | null {
  if (!filters.from && !filters.to) return null;
  return { from: filters.from ?? '0000-01-01', to: filters.to ?? '9999-12-31' };
}
