// Dates shown to people are DD.MM.YYYY (and HH:mm) in Asia/Almaty, like the seed's screens
// ("19.06.2019 16:39") and docs/domain.md ("all deadlines in Asia/Almaty"). Western regions may pass
// their own zone (Asia/Qostanay, Asia/Aqtobe, …) for data from before the 2024 unification.
export const DEFAULT_TIME_ZONE = 'Asia/Almaty';

/** A calendar day ('YYYY-MM-DD', src/schema/fields.ts dayField): already a day in Asia/Almaty. */
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DateInput = string | number | Date;

function toInstant(value: DateInput): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return date;
}

// Making an Intl.DateTimeFormat costs far more than using one (~0.2 ms: an export of 1,000 rows spent
// most of its time here), so one is kept per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterIn(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

function parts(
  value: DateInput,
  timeZone: string,
): Record<'day' | 'month' | 'year' | 'hour' | 'minute', string> {
  if (typeof value === 'string') {
    const day = DAY.exec(value);
    if (day) {
      // Validate the day itself (2026-02-30 is not a day) without moving it across zones.
      const check = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
      if (check.toISOString().slice(0, 10) !== value) throw new RangeError(`not a day: ${value}`);
      return { year: day[1], month: day[2], day: day[3], hour: '00', minute: '00' };
    }
  }
  const format = formatterIn(timeZone);
  const out = { day: '', month: '', year: '', hour: '', minute: '' };
  for (const part of format.formatToParts(toInstant(value))) {
    if (part.type in out) out[part.type as keyof typeof out] = part.value;
  }
  return out;
}

/** DD.MM.YYYY of an ISO timestamp (in the zone) or of a 'YYYY-MM-DD' day (as it is). */
export function formatDate(value: DateInput, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = parts(value, timeZone);
  return `${p.day}.${p.month}.${p.year}`;
}

/** DD.MM.YYYY HH:mm of an ISO timestamp in the zone (a bare day reads as its midnight). */
export function formatDateTime(value: DateInput, timeZone: string = DEFAULT_TIME_ZONE): string {
  const p = parts(value, timeZone);
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}`;
}
