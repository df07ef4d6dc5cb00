import i18next, { type i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../src/i18n/createI18n';
import { formatDateTime } from '../../../src/i18n/dateFormat';
import { addDateFormatters, displayDate, displayDateTime } from '../../../src/i18n/dateFormatters';
import type { Resources } from '../../../src/i18n/en';
import { type Translate, translateError } from '../../../src/i18n/translateError';
import { ApiError } from './http';

/** The supervisor pages show kk, ru and en (issue 8); the choice is kept in this browser. */
const LANGUAGE_KEY = 'oryn.supervisor.language';

/**
 * Only the chosen language's texts are fetched, each its own chunk (as the parent view does): the three
 * resources were a third of this bundle. Nothing here imports src/i18n/createI18n's values, which
 * bundle all three statically (src/i18n/dateFormatters is apart for this reason). The kk/ru/en files
 * have the same keys (test/unit/i18n.test.ts), so no fallback language is loaded beside the chosen one.
 */
const loaders: Record<Language, () => Promise<Resources>> = {
  kk: () => import('../../../src/i18n/kk').then((m) => m.kk),
  ru: () => import('../../../src/i18n/ru').then((m) => m.ru),
  en: () => import('../../../src/i18n/en').then((m) => m.en),
};
export const LANGUAGES = Object.keys(loaders) as Language[];
export type { Language };

export function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(location.search).get('lng');
  const stored = fromUrl ?? localStorage.getItem(LANGUAGE_KEY);
  return LANGUAGES.includes(stored as Language) ? (stored as Language) : 'ru';
}

/** DD.MM.YYYY (HH:mm) in Asia/Almaty for a table cell; a value that is not a date is shown as it is. */
export { displayDate as showDate, displayDateTime as showDateTime };

async function loadLanguage(i18n: I18n, language: Language): Promise<void> {
  if (!i18n.hasResourceBundle(language, 'translation')) {
    i18n.addResourceBundle(language, 'translation', await loaders[language]());
  }
}

/** An i18next instance with the chosen language's texts loaded before the first render. */
export async function startI18n(language: Language): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    fallbackLng: 'ru',
    supportedLngs: LANGUAGES,
    resources: { [language]: { translation: await loaders[language]() } },
    initAsync: false,
    // React escapes on its own; a missing parameter shows as nothing rather than a raw {{placeholder}}.
    interpolation: { escapeValue: false },
    missingInterpolationHandler: () => '',
    returnNull: false,
  });
  addDateFormatters(instance);
  document.documentElement.lang = language;
  return instance;
}

export async function changeLanguage(i18n: I18n, language: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, language);
  await loadLanguage(i18n, language);
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

const SECONDS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Almaty', second: '2-digit' });
/** DD.MM.YYYY HH:mm:ss in Asia/Almaty: the "as of" time moves with every live update. */
export function showDateTimeSeconds(value: string | undefined | null): string {
  if (!value) return '';
  try {
    return `${formatDateTime(value)}:${SECONDS.format(new Date(value)).padStart(2, '0')}`;
  } catch {
    return value;
  }
}

/** `t`, plus the translation of an error (a server code, translated at the edge: docs/style.md). */
export function useT() {
  const { t, i18n } = useTranslation();
  const tt = t as unknown as (key: string, params?: Record<string, unknown>) => string;
  const errorText = (error: unknown): string => {
    if (error instanceof ApiError) {
      const own = `supervisor.errors.${error.code}`;
      if (i18n.exists(own)) return tt(own, error.params);
      return translateError(t as Translate, { code: error.code, params: error.params });
    }
    return tt('supervisor.errors.internal');
  };
  return { t: tt, i18n, language: i18n.language as Language, errorText };
}
