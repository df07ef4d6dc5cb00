import i18next, { type i18n } from 'i18next';
import { DEFAULT_TIME_ZONE, formatDate, formatDateTime } from './dateFormat';
import { en } from './en';
import { kk } from './kk';
import { ru } from './ru';

/** The interface languages; Russian is the fallback because the seed (the reference wording) is Russian. */
export const LANGUAGES = ['kk', 'ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const FALLBACK_LANGUAGE: Language = 'ru';

export const resources = {
  kk: { translation: kk },
  ru: { translation: ru },
  en: { translation: en },
} as const;

function formatSafely(format: (value: string, timeZone: string) => string) {
  // A malformed date in a stored notification must not break the whole inbox: show the raw value.
  return (value: unknown, _lng: string | undefined, options: { timeZone?: string }) => {
    if (value === undefined || value === null || value === '') return '';
    try {
      return format(value as string, options?.timeZone ?? DEFAULT_TIME_ZONE);
    } catch {
      return String(value);
    }
  };
}

/**
 * A fresh i18next instance with all three languages, initialised synchronously (the resources are
 * bundled, so nothing is awaited). Placeholders `{{x, date}}` and `{{x, dateTime}}` render DD.MM.YYYY
 * and DD.MM.YYYY HH:mm in Asia/Almaty; `{{x, date(timeZone: Asia/Aqtobe)}}` picks another zone.
 */
export function createI18n(lng: Language = FALLBACK_LANGUAGE): i18n {
  const instance = i18next.createInstance();
  instance.init({
    lng,
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources,
    initAsync: false,
    // React and pdfkit escape on their own; HTML-escaping here would print &quot; in a PDF. A missing
    // parameter shows as nothing rather than as a raw {{placeholder}} to a parent.
    interpolation: { escapeValue: false },
    missingInterpolationHandler: () => '',
    returnNull: false,
  });
  instance.services.formatter?.add('date', formatSafely(formatDate));
  instance.services.formatter?.add('dateTime', formatSafely(formatDateTime));
  return instance;
}
