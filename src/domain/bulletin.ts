import type { Bulletin } from '../schema';
import type { Calendar } from './calendar';
import { almatyDay, endOfAlmatyDay, parseInstant } from './instant';
import type { Result } from './result';

/**
 * The priority window (docs/domain.md, Bulletins): publication opens it; it lasts `days` working days
 * after the publication day and ends at the end of the last of them (Asia/Almaty). Published on
 * Thu 19.03.2026 with 3 days → 20.03, 26.03, 27.03 → open to all from 28.03.2026 00:00 (+05:00).
 */
export function priorityWindowEnd(publishedAt: unknown, days: number, calendar: Calendar): Result<string> {
  const day = almatyDay(publishedAt);
  if (!day.ok) return day;
  const last = calendar.addWorkingDaysChecked(day.value, days);
  if (!last.ok) return last;
  return { ok: true, value: endOfAlmatyDay(last.value) };
}

/**
 * The access stage a bulletin is in at `now`. The stored `access` is flipped to 'all' by the
 * scheduler (bulletin.openToAll), but a window whose `priorityUntil` has passed is open already, so
 * the rule does not depend on when the scheduler ran.
 */
export function bulletinAccess(
  bulletin: Pick<Bulletin, 'access' | 'priorityUntil'>,
  nowMs: number,
): 'priority' | 'all' {
  if (bulletin.access === 'all') return 'all';
  const until = parseInstant(bulletin.priorityUntil);
  return until.ok && nowMs >= until.value ? 'all' : 'priority';
}
