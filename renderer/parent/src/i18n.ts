import { useSyncExternalStore } from 'react';
import type { Resources } from '../../../src/i18n/en';
import { translateError, translateNotification } from '../../../src/i18n/translateError';
import { setRequestLanguage } from './http';
import type { Language } from './preferences';
import { createTranslator, type Tree } from './translator';
import type { FieldError } from './use-form';

export { formatDate, formatDateTime } from './translator';

/**
 * The parent view's texts: src/i18n's kk/ru/en resources through a small translator (translator.ts).
 * Why not i18next here: measured, i18next + react-i18next add 23.5 KB gzip to the first load and push
 * it past the 100 KB budget of issue 7; the resources use only plain and date placeholders, which the
 * translator covers. Only the chosen language's resources are fetched (each is its own chunk).
 */
const loaders: Record<Language, () => Promise<Resources>> = {
  en: () => import('../../../src/i18n/en').then((m) => m.en),
  ru: () => import('../../../src/i18n/ru').then((m) => m.ru),
  kk: () => import('../../../src/i18n/kk').then((m) => m.kk),
};

let language: Language = 'ru';
const bundles: Partial<Record<Language, Tree>> = {};
const listeners = new Set<() => void>();

export const t = createTranslator(() => bundles[language]);

export async function startI18n(initial: Language): Promise<void> {
  await changeLanguage(initial);
}

export async function changeLanguage(next: Language): Promise<void> {
  bundles[next] ??= (await loaders[next]()) as unknown as Tree;
  language = next;
  setRequestLanguage(next);
  document.documentElement.lang = next;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * `t` for components (they re-render when the language changes), `tr` for an error value (an i18n
 * key, or a server problem's code), `note` for a stored notification.
 */
export function useT() {
  const lng = useSyncExternalStore(subscribe, () => language);
  const tr = (e: FieldError | undefined | null): string | null => {
    if (!e) return null;
    if (!e.key.startsWith('problem:')) return t(e.key, e.params ?? {});
    return translateError(t, { code: e.key.slice('problem:'.length), params: e.params });
  };
  const note = (n: { kind: string; params?: Record<string, unknown> }) =>
    translateNotification(t, { kind: n.kind, params: n.params ?? {} }, lng);
  return { t: t as (key: string, params?: Record<string, unknown>) => string, tr, note, language: lng };
}
