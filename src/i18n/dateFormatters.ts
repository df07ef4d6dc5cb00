import type { i18n } from 'i18next';
import { DEFAULT_TIME_ZONE, type DateInput, formatDate, formatDateTime } from './dateFormat';

function orRawValue(format: (value: DateInput, timeZone: string) => string) {
  // A malformed date in a stored notification must not break the whole inbox: show the raw value.
  return (value: unknown, timeZone: string = DEFAULT_TIME_ZONE): string => {
    if (value === undefined || value === null || value === '') return '';
    try {
      return format(value as DateInput, timeZone);
    } catch {
      return String(value);
    }
  };
}

/** DD.MM.YYYY for a screen or a text: empty for no value, the value itself when it is not a date. */
export const displayDate = orRawValue(formatDate);
/** DD.MM.YYYY HH:mm (Asia/Almaty unless told), as lenient as displayDate. */
export const displayDateTime = orRawValue(formatDateTime);

/**
 * Teaches an i18next instance the placeholders `{{x, date}}` and `{{x, dateTime}}` (DD.MM.YYYY and
 * DD.MM.YYYY HH:mm in Asia/Almaty; `{{x, date(timeZone: Asia/Aqtobe)}}` picks another zone). Its own
 * file, apart from createI18n, so a bundle that loads one language at a time (the parent web view)
 * can use it without importing all three languages' texts. Call after init (services exist then).
 */
export function addDateFormatters(instance: i18n): void {
  const zone = (options: { timeZone?: string } | undefined) => options?.timeZone ?? DEFAULT_TIME_ZONE;
  instance.services.formatter?.add('date', (value, _lng, options) => displayDate(value, zone(options)));
  instance.services.formatter?.add('dateTime', (value, _lng, options) =>
    displayDateTime(value, zone(options)),
  );
}
