import type { i18n } from 'i18next';
import { useSyncExternalStore } from 'react';
import { displayDate, displayDateTime } from '../../../src/i18n/dateFormatters';
import { translateError, translateNotification } from '../../../src/i18n/translateError';
import { setRequestLanguage } from './http';
import type { Language } from './preferences';
import { loadTexts, switchTexts, type Texts, textsOf } from './texts';
import type { FieldError } from './use-form';

/** DD.MM.YYYY (HH:mm) in Asia/Almaty for a screen; a malformed date shows as it is. */
export const formatDate = (value: unknown): string => displayDate(value);
export const formatDateTime = (value: unknown): string => displayDateTime(value);

// Set by startI18n before the first render (main.tsx awaits it).
let texts: i18n;
let t: Texts;

export async function startI18n(initial: Language): Promise<void> {
  texts = await loadTexts(initial);
  t = textsOf(texts);
  texts.on('languageChanged', follow);
  follow(initial);
}

/** The server's messages, the referral PDF and the page's lang follow the interface language. */
function follow(lng: string): void {
  setRequestLanguage(lng);
  document.documentElement.lang = lng;
}

/** Fetches the language's texts (once) and re-renders the screens in it. */
export async function changeLanguage(next: Language): Promise<void> {
  await switchTexts(texts, next);
}

function subscribe(listener: () => void): () => void {
  texts.on('languageChanged', listener);
  return () => texts.off('languageChanged', listener);
}

/**
 * `t` for components (they re-render when the language changes), `tr` for an error value (an i18n
 * key, or a server problem's code), `note` for a stored notification.
 */
export function useT() {
  const lng = useSyncExternalStore(subscribe, () => texts.language as Language);
  const tr = (e: FieldError | undefined | null): string | null => {
    if (!e) return null;
    if (!e.key.startsWith('problem:')) return t(e.key, e.params ?? {});
    return translateError(t, { code: e.key.slice('problem:'.length), params: e.params });
  };
  const note = (n: { kind: string; params?: Record<string, unknown> }) =>
    translateNotification(t, { kind: n.kind, params: n.params ?? {} }, lng);
  return { t: t as (key: string, params?: Record<string, unknown>) => string, tr, note, language: lng };
}
