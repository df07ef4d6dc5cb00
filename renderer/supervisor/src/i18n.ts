import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { createI18n, formatDate, formatDateTime, LANGUAGES, type Language } from '../../../src/i18n';
import { type Translate, translateError } from '../../../src/i18n/translateError';
import { ApiError } from './http';

/** The supervisor pages show kk, ru and en (issue 8); the choice is kept in this browser. */
const LANGUAGE_KEY = 'oryn.supervisor.language';

export function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(location.search).get('lng');
  const stored = fromUrl ?? localStorage.getItem(LANGUAGE_KEY);
  return LANGUAGES.includes(stored as Language) ? (stored as Language) : 'ru';
}

export function startI18n(language: Language): I18n {
  document.documentElement.lang = language;
  return createI18n(language);
}

export async function changeLanguage(i18n: I18n, language: Language): Promise<void> {
  localStorage.setItem(LANGUAGE_KEY, language);
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
}

function safely(format: (value: string) => string) {
  return (value: string | undefined | null): string => {
    if (!value) return '';
    try {
      return format(value);
    } catch {
      return value;
    }
  };
}
export const showDate = safely((v) => formatDate(v));
export const showDateTime = safely((v) => formatDateTime(v));

const SECONDS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Almaty', second: '2-digit' });
/** DD.MM.YYYY HH:mm:ss in Asia/Almaty: the "as of" time moves with every live update. */
export const showDateTimeSeconds = safely(
  (v) => `${formatDateTime(v)}:${SECONDS.format(new Date(v)).padStart(2, '0')}`,
);

/** `t`, plus the translation of an error (a server code, translated at the edge: style.md). */
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
