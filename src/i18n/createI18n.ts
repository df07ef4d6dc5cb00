import i18next, { type i18n } from 'i18next';
import { addDateFormatters } from './dateFormatters';
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
  addDateFormatters(instance);
  return instance;
}
