import type { Referral } from '../schema';
import { type Calendar, calendarOf } from './calendar';
import type { CalendarData } from './calendar-data';
import { addDays, type Day, parseDay } from './day';
import type { DomainErrorCode } from './errors';
import { almatyDay } from './instant';
import { type Check, checkOf, fail, ok, type Result } from './result';
import { EXTENSION_CALENDAR_DAYS, REFERRAL_WORKING_DAYS, STOP_LIST_DAYS } from './settings';

/**
 * The referral lifecycle (docs/domain.md, Referrals; the seed's "Ожидание активации"): valid 5 working
 * days, stop-list for 10, one extension of up to 30 calendar days on the last valid day.
 */

/**
 * The last valid day: day 1 is the first working day after the activation day (Asia/Almaty), and
 * the referral is valid to the end of day 5. Thu 19.03.2026 → '2026-03-31'. Error `invalidTimestamp`.
 */
export function referralValidUntilChecked(activatedAt: unknown, calendar?: Calendar): Result<Day> {
  const day = almatyDay(activatedAt);
  if (!day.ok) return day;
  return (calendar ?? calendarOf(undefined)).addWorkingDaysChecked(day.value, REFERRAL_WORKING_DAYS);
}

/** As referralValidUntilChecked, returning '' for a malformed timestamp (never throws). */
export function referralValidUntil(activatedAt: string, calendar?: Calendar): Day {
  const r = referralValidUntilChecked(activatedAt, calendar);
  return r.ok ? r.value : '';
}

/**
 * The last stop-listed day. Convention: `expiredOn` is the day the referral lapsed, i.e. its last
 * valid day (validUntil or extendedUntil); it does not depend on when the expiry job ran. Day 1 is the
 * next working day after it; the application takes part in nothing through the end of day 10, and
 * returns to `waiting` the day after. With unit 'calendar', 10 calendar days likewise.
 */
export function stopListUntilChecked(
  expiredOn: unknown,
  options: { unit?: 'working' | 'calendar'; calendar?: CalendarData } = {},
): Result<Day> {
  const parsed = parseDay(expiredOn);
  if (!parsed.ok) return parsed;
  if (options?.unit === 'calendar') return ok(addDays(expiredOn as Day, STOP_LIST_DAYS));
  return calendarOf(options?.calendar).addWorkingDaysChecked(expiredOn, STOP_LIST_DAYS);
}

/** As stopListUntilChecked; returns '' for a malformed day. */
export function stopListUntil(
  expiredOn: Day,
  options?: { unit?: 'working' | 'calendar'; calendar?: CalendarData },
): Day {
  const r = stopListUntilChecked(expiredOn, options);
  return r.ok ? r.value : '';
}

/** The latest day an extension may reach: 30 calendar days beyond the original last day. '' if malformed. */
export function extensionUntil(referral: Pick<Referral, 'validUntil'>): Day {
  const v = typeof referral === 'object' && referral !== null ? referral.validUntil : undefined;
  return parseDay(v).ok ? addDays(v as Day, EXTENSION_CALENDAR_DAYS) : '';
}

/** The referral's current last valid day: the extension's if any. */
export function lastValidDay(referral: Pick<Referral, 'validUntil' | 'extendedUntil'>): Day {
  return referral.extendedUntil ?? referral.validUntil;
}

/**
 * Whether the referral may be extended at `now`: only an active referral (`status`), only once
 * (`alreadyExtended`), only on its last valid day in Asia/Almaty (`notLastDay`; the seed: "Продлить
 * направление можно в последний день действия направления").
 */
export function canExtend(referral: Referral, now: string): Check {
  if (typeof referral !== 'object' || referral === null || !parseDay(referral.validUntil).ok) {
    return { ok: false, reasons: ['invalidInput'] };
  }
  const today = almatyDay(now);
  if (!today.ok) return { ok: false, reasons: ['invalidTimestamp'] };
  const reasons: DomainErrorCode[] = [];
  if (referral.status !== 'active') reasons.push('status');
  if (referral.extension !== undefined || referral.extendedUntil !== undefined)
    reasons.push('alreadyExtended');
  else if (today.value !== referral.validUntil) reasons.push('notLastDay');
  return checkOf(reasons);
}

/** Whether the referral has lapsed at `now` (the Almaty day is after its last valid day). */
export function hasLapsed(
  referral: Pick<Referral, 'validUntil' | 'extendedUntil'>,
  now: string,
): Result<boolean> {
  const today = almatyDay(now);
  if (!today.ok) return today;
  const last = lastValidDay(referral);
  if (!parseDay(last).ok) return fail('invalidInput', { field: 'validUntil' });
  return ok(today.value > last);
}

/**
 * Working days the parent still has to bring the documents, today included: the days from
 * max(today, day 1) to the last valid day (day 1 is the first working day after activation), so the
 * seed's "в течение 5-ти рабочих дней" reads 5 on the day of activation and 1 on the last day; 0 once
 * lapsed. Thu 19.03.2026 → 5 that day, 1 on 31.03.2026.
 */
export function workingDaysLeft(
  referral: Pick<Referral, 'activatedAt' | 'validUntil' | 'extendedUntil'>,
  now: string,
  calendar?: Calendar,
): Result<number> {
  const today = almatyDay(now);
  if (!today.ok) return today;
  const activated = almatyDay(referral?.activatedAt);
  if (!activated.ok) return activated;
  const last = lastValidDay(referral);
  if (!parseDay(last).ok) return fail('invalidInput', { field: 'validUntil' });
  const cal = calendar ?? calendarOf(undefined);
  const dayAfterActivation = addDays(activated.value, 1);
  let n = 0;
  // biome-ignore lint/complexity/useMathMinMax: days are 'YYYY-MM-DD' strings, Math.max would give NaN
  const first = today.value > dayAfterActivation ? today.value : dayAfterActivation;
  for (let d = first; d <= last; d = addDays(d, 1)) {
    if (cal.isWorkingDay(d)) n += 1;
  }
  return ok(n);
}
