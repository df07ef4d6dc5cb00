import { type CalendarData, KZ_CALENDAR } from './calendar-data';
import { addDays, type Day, isWeekend, parseDay } from './day';
import { fail, ok, type Result } from './result';

/**
 * Working days (docs/domain.md): a 5-day week, public holidays, the weekend shift rule, religious days that
 * never move, and the Ministry's transfers. All of it comes from a CalendarData object.
 */
export interface Calendar {
  /** false for a day off, and also for a malformed day (use parseDay for a typed check). */
  isWorkingDay(date: Day): boolean;
  /**
   * The day n working days after `date` (n ≥ 1; `date` itself is not counted). On a malformed day or
   * n it returns `date` unchanged ('' if it is not a string): a caller can tell by `result === date` or
   * use addWorkingDaysChecked for a typed error.
   */
  addWorkingDays(date: Day, n: number): Day;
  addWorkingDaysChecked(date: unknown, n: unknown): Result<Day>;
  /** Every weekday off (Mon–Fri) of a year, sorted: what the calendar screen lists. */
  nonWorkingWeekdays(year: number): Day[];
}

/** Search no further than this for a moved day off or a working day (a year has far fewer days off). */
const MAX_SCAN = 400;

export function createCalendar(data: CalendarData = KZ_CALENDAR): Calendar {
  const safe = sanitise(data);
  const offByYear = new Map<number, { off: Set<Day>; worked: Set<Day> }>();

  function holidaysOf(year: number): Array<{ date: Day; religious: boolean }> {
    return safe.fixedHolidays
      .filter((h) => (h.fromYear ?? -Infinity) <= year && year <= (h.untilYear ?? Infinity))
      .map((h) => ({
        date: `${year}-${String(h.month).padStart(2, '0')}-${String(h.day).padStart(2, '0')}`,
        religious: h.religious === true,
      }))
      .filter((h) => parseDay(h.date).ok);
  }

  /**
   * The days off of a year. The shift rule: each public holiday on a Saturday or Sunday gives the next
   * weekday after it that is not already off (Nauryz 2026: Sat 21 → Tue 24, Sun 22 → Wed 25, since
   * Mon 23 is itself a holiday). December's holidays may shift into January, so the previous year's
   * holidays are included.
   */
  function daysOff(year: number): { off: Set<Day>; worked: Set<Day> } {
    const cached = offByYear.get(year);
    if (cached) return cached;
    const holidays = [...holidaysOf(year - 1), ...holidaysOf(year)].sort((a, b) =>
      a.date < b.date ? -1 : 1,
    );
    const off = new Set<Day>(holidays.map((h) => h.date));
    for (const r of safe.religiousDays) off.add(r.date);
    const moved = new Set<Day>();
    for (const h of holidays) {
      if (h.religious || !isWeekend(h.date)) continue;
      let d = addDays(h.date, 1);
      for (let i = 0; i < MAX_SCAN && (isWeekend(d) || off.has(d) || moved.has(d)); i++) d = addDays(d, 1);
      moved.add(d);
    }
    for (const d of moved) off.add(d);
    const worked = new Set<Day>();
    for (const t of safe.transfers) {
      if (t.working) {
        worked.add(t.date);
        off.delete(t.date);
      } else {
        off.add(t.date);
        worked.delete(t.date);
      }
    }
    const entry = { off, worked };
    offByYear.set(year, entry);
    return entry;
  }

  function isWorkingDay(date: Day): boolean {
    if (!parseDay(date).ok) return false;
    const { off, worked } = daysOff(Number(date.slice(0, 4)));
    if (worked.has(date)) return true;
    return !isWeekend(date) && !off.has(date);
  }

  function addWorkingDaysChecked(date: unknown, n: unknown): Result<Day> {
    const parsed = parseDay(date);
    if (!parsed.ok) return parsed;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 3660) {
      return fail('invalidCount', { value: typeof n === 'number' ? n : typeof n });
    }
    let d = date as Day;
    for (let left = n; left > 0; ) {
      d = addDays(d, 1);
      if (isWorkingDay(d)) left--;
    }
    return ok(d);
  }

  function addWorkingDays(date: Day, n: number): Day {
    const r = addWorkingDaysChecked(date, n);
    if (r.ok) return r.value;
    return typeof date === 'string' ? date : '';
  }

  function nonWorkingWeekdays(year: number): Day[] {
    const out: Day[] = [];
    if (!Number.isInteger(year) || year < 1 || year > 9999) return out;
    for (
      let d = `${String(year).padStart(4, '0')}-01-01`;
      d.startsWith(String(year).padStart(4, '0'));
      d = addDays(d, 1)
    ) {
      if (!isWeekend(d) && !isWorkingDay(d)) out.push(d);
    }
    return out;
  }

  return { isWorkingDay, addWorkingDays, addWorkingDaysChecked, nonWorkingWeekdays };
}

/** Drops malformed entries of supervisor-edited data instead of failing on them. */
function sanitise(data: unknown): CalendarData {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Partial<CalendarData>;
  const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
  return {
    fixedHolidays: arr<CalendarData['fixedHolidays'][number]>(d.fixedHolidays).filter(
      (h) => typeof h === 'object' && h !== null && Number.isInteger(h.month) && Number.isInteger(h.day),
    ),
    religiousDays: arr<CalendarData['religiousDays'][number]>(d.religiousDays).filter(
      (r) => typeof r === 'object' && r !== null && parseDay(r.date).ok,
    ),
    transfers: arr<CalendarData['transfers'][number]>(d.transfers).filter(
      (t) => typeof t === 'object' && t !== null && parseDay(t.date).ok && typeof t.working === 'boolean',
    ),
  };
}

const defaultCalendar = createCalendar(KZ_CALENDAR);

/** Kazakhstan's calendar (KZ_CALENDAR). false for a day off and for a malformed day. */
export function isWorkingDay(date: Day): boolean {
  return defaultCalendar.isWorkingDay(date);
}

/** n working days after `date` on KZ_CALENDAR; a malformed input returns `date` unchanged ('' if not a string). */
export function addWorkingDays(date: Day, n: number): Day {
  return defaultCalendar.addWorkingDays(date, n);
}

/** The calendar of a region's settings, or Kazakhstan's default one. */
export function calendarOf(data: CalendarData | undefined): Calendar {
  return data === undefined ? defaultCalendar : createCalendar(data);
}
