import type { Application, Bulletin, Kindergarten } from '../schema';
import { bulletinAccess } from './bulletin';
import type { DomainErrorCode } from './errors';
import { almatyDayOfMs, parseInstant } from './instant';
import { rankApplications } from './queue';
import { type Check, checkOf } from './result';

/**
 * Who may see "Отправить заявку" (docs/domain.md, Bulletins → Matching; the seed's step "Отклик на
 * бюллетень"): birth year, language, locality, group type, the access stage, status, stop-list.
 */
export interface RespondContext {
  /**
   * The application's 1-based position in the bulletin's matching queue (see matchingQueue),
   * computed by the caller.
   */
  queuePosition?: number;
  /** Or the applications the caller holds; the position is then computed here. */
  queue?: readonly Application[];
}

type Conditions = Record<
  'birthYear' | 'language' | 'locality' | 'groupType' | 'status' | 'stopList',
  boolean
>;

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;

function conditions(
  app: Application,
  bulletin: Bulletin,
  kindergarten: Kindergarten | undefined,
  today: string,
): Conditions {
  const stopListed =
    app.status === 'stopListed' || (typeof app.stopListUntil === 'string' && app.stopListUntil >= today);
  return {
    birthYear: Array.isArray(bulletin.birthYears) && bulletin.birthYears.includes(app.birthYear),
    language: Array.isArray(app.languages) && app.languages.includes(bulletin.language),
    locality: (kindergarten?.localityId ?? bulletin.localityId) === app.localityId,
    groupType: app.groupType === bulletin.groupType,
    // A stop-listed application fails `stopList` only, not also `status`: one code per condition.
    status: app.status === 'waiting' || app.status === 'stopListed',
    stopList: !stopListed,
  };
}

/**
 * The bulletin's matching queue during its priority window: the applications that match it on
 * everything but access (birth year, language, locality, group type, not stop-listed), and still hold
 * a turn: `waiting`, or `responded` (so a first-N parent who has responded keeps the turn and does not
 * let a later one in), ranked by the queue order.
 */
export function matchingQueue(
  applications: readonly Application[],
  bulletin: Bulletin,
  kindergarten: Kindergarten | undefined,
  nowMs: number,
): Application[] {
  const today = almatyDayOfMs(nowMs);
  const eligible = (Array.isArray(applications) ? applications : []).filter((a) => {
    if (!isObject(a) || (a.status !== 'waiting' && a.status !== 'responded')) return false;
    const c = conditions(a, bulletin, kindergarten, today);
    return c.birthYear && c.language && c.locality && c.groupType && c.stopList;
  });
  return rankApplications(eligible);
}

/**
 * `{ ok: true }` or every failed condition. Access: a bulletin that is not published admits nobody;
 * after the priority window (or access 'all') everyone in the matching queue; during the window only
 * the first N of the matching queue (N = bulletin.freePlaces), which needs `context` — without it a
 * 'priority' bulletin fails `access`. Stop-list: status 'stopListed' or stopListUntil ≥ today (the
 * Asia/Almaty day of `now`). Bad input gives `invalidInput` or `invalidTimestamp`, never an exception.
 */
export function canRespond(
  application: Application,
  bulletin: Bulletin,
  kindergarten: Kindergarten,
  now: string,
  context?: RespondContext,
): Check {
  if (!isObject(application) || !isObject(bulletin)) return { ok: false, reasons: ['invalidInput'] };
  const nowMs = parseInstant(now);
  if (!nowMs.ok) return { ok: false, reasons: ['invalidTimestamp'] };
  const kg = isObject(kindergarten) ? kindergarten : undefined;
  const c = conditions(application, bulletin, kg, almatyDayOfMs(nowMs.value));
  const reasons: DomainErrorCode[] = [];
  for (const key of ['birthYear', 'language', 'locality', 'groupType'] as const)
    if (!c[key]) reasons.push(key);
  if (!hasAccess(application, bulletin, kg, nowMs.value, context)) reasons.push('access');
  if (!c.status) reasons.push('status');
  if (!c.stopList) reasons.push('stopList');
  return checkOf(reasons);
}

function hasAccess(
  app: Application,
  bulletin: Bulletin,
  kindergarten: Kindergarten | undefined,
  nowMs: number,
  context: RespondContext | undefined,
): boolean {
  if (bulletin.status !== 'published') return false;
  if (bulletinAccess(bulletin, nowMs) === 'all') return true;
  const places = typeof bulletin.freePlaces === 'number' ? bulletin.freePlaces : 0;
  if (!isObject(context) || context === undefined) return false;
  if (typeof context.queuePosition === 'number')
    return context.queuePosition >= 1 && context.queuePosition <= places;
  if (!Array.isArray(context.queue)) return false;
  const held = context.queue.some((a) => isObject(a) && a.id === app.id)
    ? context.queue
    : [...context.queue, app];
  const queue = matchingQueue(held, bulletin, kindergarten, nowMs);
  const index = queue.findIndex((a) => a.id === app.id);
  return index >= 0 && index < places;
}
