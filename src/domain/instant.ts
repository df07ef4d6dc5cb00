import { addDays, type Day } from './day';
import { fail, ok, type Result } from './result';

/**
 * Instants are ISO 8601 timestamps with an offset (fields.ts timestampField). They are compared as
 * instants, never as strings: '2026-03-19T10:00:00+05:00' is before '2026-03-19T06:00:00Z'.
 */
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export function parseInstant(text: unknown): Result<number> {
  if (typeof text !== 'string' || !ISO_RE.test(text)) {
    return fail('invalidTimestamp', { value: typeof text === 'string' ? text.slice(0, 40) : typeof text });
  }
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ok(ms) : fail('invalidTimestamp', { value: text.slice(0, 40) });
}

/** Milliseconds of an instant, or NaN when it does not parse (for sorting: NaN sorts last). */
export function instantMs(text: unknown): number {
  const r = parseInstant(text);
  return r.ok ? r.value : Number.NaN;
}

/**
 * Asia/Almaty's offset, as data rather than the runtime's time-zone database, so that the desktop and
 * the server agree: UTC+6 until Kazakhstan moved to one zone, UTC+5 from 2024-03-01 00:00 local time
 * (clocks went back at 2024-02-29T18:00Z).
 */
const ALMATY_UTC5_FROM_MS = Date.UTC(2024, 1, 29, 18, 0, 0);

export function almatyOffsetMinutes(ms: number): number {
  return ms >= ALMATY_UTC5_FROM_MS ? 300 : 360;
}

/** The Asia/Almaty calendar day of an instant (ms). */
export function almatyDayOfMs(ms: number): Day {
  return new Date(ms + almatyOffsetMinutes(ms) * 60_000).toISOString().slice(0, 10);
}

/** The Asia/Almaty calendar day of an ISO instant; error `invalidTimestamp`. */
export function almatyDay(text: unknown): Result<Day> {
  const r = parseInstant(text);
  return r.ok ? ok(almatyDayOfMs(r.value)) : r;
}

/** The instant the Almaty day after `day` begins, i.e. the end of `day`, as ISO with the Almaty offset. */
export function endOfAlmatyDay(day: Day): string {
  const next = addDays(day, 1);
  const guessMs = Date.parse(`${next}T00:00:00Z`);
  const offset = almatyOffsetMinutes(guessMs - 360 * 60_000);
  const sign = '+';
  const hh = String(Math.floor(offset / 60)).padStart(2, '0');
  const mm = String(offset % 60).padStart(2, '0');
  return `${next}T00:00:00${sign}${hh}:${mm}`;
}
