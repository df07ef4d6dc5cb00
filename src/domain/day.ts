import { fail, ok, type Result } from './result';

/** A calendar day 'YYYY-MM-DD' (Asia/Almaty when it stands for a deadline; docs/domain.md, Working days). */
export type Day = string;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Checks a day string: well formed and a real date (no 2026-02-30). Error code `invalidDay`. */
export function parseDay(text: unknown): Result<{ year: number; month: number; day: number }> {
  if (typeof text !== 'string') return fail('invalidDay', { value: typeof text });
  const m = DAY_RE.exec(text);
  if (!m) return fail('invalidDay', { value: text.slice(0, 20) });
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const t = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) {
    return fail('invalidDay', { value: text });
  }
  return ok({ year, month, day });
}

/** Days since 1970-01-01 for a valid day (callers check with parseDay first). */
export function dayNumber(day: Day): number {
  const [y, m, d] = day.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function dayFromNumber(n: number): Day {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(day: Day, n: number): Day {
  return dayFromNumber(dayNumber(day) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

export function isWeekend(day: Day): boolean {
  const w = weekday(day);
  return w === 0 || w === 6;
}
