import { parseInstant } from './instant';
import { fail, ok, type Result } from './result';

/** docs/domain.md, Offline-specific rules: at most 5 minutes ahead of the server clock. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

/**
 * Accepts a device's `occurredAt` only if it is not more than 5 minutes after the server clock
 * (`clockAhead`) and not earlier than the last change of the entity acted on (`beforeLastChange`),
 * so an offline device cannot act "in the past" on a document it has not seen.
 */
export function checkOccurredAt(
  occurredAt: unknown,
  clock: { nowMs: number; lastChangeMs?: number | null },
): Result<number> {
  const at = parseInstant(occurredAt);
  if (!at.ok) return at;
  if (
    typeof clock !== 'object' ||
    clock === null ||
    typeof clock.nowMs !== 'number' ||
    !Number.isFinite(clock.nowMs)
  ) {
    return fail('invalidInput', { field: 'nowMs' });
  }
  if (at.value > clock.nowMs + MAX_CLOCK_AHEAD_MS) {
    return fail('clockAhead', { aheadMs: at.value - clock.nowMs, maxMs: MAX_CLOCK_AHEAD_MS });
  }
  const last = clock.lastChangeMs;
  if (typeof last === 'number' && Number.isFinite(last) && at.value < last) {
    return fail('beforeLastChange', { lastChangeMs: last });
  }
  return ok(at.value);
}
