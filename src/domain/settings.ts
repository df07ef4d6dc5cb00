import type { CalendarData } from './calendar-data';

/** Region settings the rules depend on (docs/domain.md: "a regional setting"). All optional. */
export interface RegionSettings {
  /** Length of a bulletin's priority window in working days (docs/domain.md: 3 by default). */
  priorityWindowWorkingDays?: number;
  /** How the 10 stop-list days are counted: working days (the seed) or calendar days (some cities). */
  stopListUnit?: 'working' | 'calendar';
  /** A supervisor-edited calendar; KZ_CALENDAR when absent. */
  calendar?: CalendarData;
}

export const DEFAULT_PRIORITY_WINDOW_WORKING_DAYS = 3;
export const REFERRAL_WORKING_DAYS = 5;
export const STOP_LIST_DAYS = 10;
export const EXTENSION_CALENDAR_DAYS = 30;
/** An inactive application can be restored within 28 days (docs/domain.md, "Заинтересован"). */
export const RESTORE_WITHIN_DAYS = 28;

export function priorityWindowDays(settings: RegionSettings | undefined): number {
  const n = settings?.priorityWindowWorkingDays;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 60
    ? n
    : DEFAULT_PRIORITY_WINDOW_WORKING_DAYS;
}
