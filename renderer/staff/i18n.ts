import { useTranslation } from 'react-i18next';
import { createI18n, type Language, LANGUAGES } from '../../src/i18n';
import { formatDate as formatDay, formatDateTime as formatInstant } from '../../src/i18n/dateFormat';
import { translateError, translateNotification } from '../../src/i18n/translateError';

/**
 * The staff workspace works offline, so all three languages are bundled (unlike the parent view).
 * Russian until the staff member picks another; the choice is kept on this workstation.
 */
const LANGUAGE_KEY = 'oryn.staffLanguage';

export function savedLanguage(storage: Storage): Language {
  const saved = storage.getItem(LANGUAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'ru';
}
export function saveLanguage(storage: Storage, language: Language): void {
  storage.setItem(LANGUAGE_KEY, language);
}

export const staffI18n = createI18n(savedLanguage(window.localStorage));

function safely(format: (value: string) => string) {
  // A malformed date must not break a whole screen: show the raw value.
  return (value: string | null | undefined): string => {
    if (!value) return '';
    try {
      return format(value);
    } catch {
      return String(value);
    }
  };
}
/** DD.MM.YYYY and DD.MM.YYYY HH:mm in Asia/Almaty, whatever the workstation's own zone is. */
export const formatDate = safely((v) => formatDay(v));
export const formatDateTime = safely((v) => formatInstant(v));

export interface CodedError {
  code: string;
  params?: Record<string, unknown>;
}

/** `t`, plus the translation of a coded error: a staff-specific text first (what happened, with who and when), then the shared one. */
export function useStaffT() {
  const { t, i18n } = useTranslation();
  const explain = (error: CodedError): string => {
    const specific = `staff.rejections.${error.code}`;
    // User ids are 'user:<login>': the login is what colleagues know each other by.
    const params = Object.fromEntries(
      Object.entries(error.params ?? {}).map(([k, v]) => [
        k,
        typeof v === 'string' ? v.replace(/^user:/, '') : v,
      ]),
    );
    return i18n.exists(specific) ? t(specific, params) : translateError(t, { ...error, params });
  };
  const hint = (error: CodedError): string =>
    t([`staff.rejections.hints.${error.code}`, 'staff.rejections.hints.default']);
  const notification = (n: { kind: string; params?: Record<string, unknown> }) =>
    translateNotification(t, n, i18n.language);
  return { t, i18n, explain, hint, notification, language: i18n.language as Language };
}
