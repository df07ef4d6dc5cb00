import { useSyncExternalStore } from 'react';
import {
  type DateInput,
  formatDate as formatDay,
  formatDateTime as formatInstant,
} from '../../../src/i18n/dateFormat';
import type { Resources } from '../../../src/i18n/en';
import { type Translate, translateError, translateNotification } from '../../../src/i18n/translateError';
import { setRequestLanguage } from './http';
import type { Language } from './preferences';
import type { FieldError } from './use-form';

/**
 * The parent view's translator over src/i18n's resources (the same kk/ru/en trees, the same
 * `{{x}}`, `{{x, date}}` and `{{x, dateTime}}` placeholders that createI18n gives i18next).
 * Why not i18next here: measured, i18next + react-i18next add 23.5 KB gzip to the first load and push
 * it past the 100 KB budget of issue 7; the resources use only plain and date placeholders (no plurals,
 * no nesting, by src/i18n's own rule), which these few lines cover. Only the chosen language's
 * resources are fetched (each is its own chunk).
 */
const loaders: Record<Language, () => Promise<Resources>> = {
  en: () => import('../../../src/i18n/en').then((m) => m.en),
  ru: () => import('../../../src/i18n/ru').then((m) => m.ru),
  kk: () => import('../../../src/i18n/kk').then((m) => m.kk),
};

type Tree = { readonly [key: string]: string | Tree };

function safely(format: (value: DateInput) => string) {
  // A malformed date must not break a whole screen: show the raw value.
  return (value: unknown): string => {
    if (value === undefined || value === null || value === '') return '';
    try {
      return format(value as DateInput);
    } catch {
      return String(value);
    }
  };
}

/** DD.MM.YYYY (and HH:mm) in Asia/Almaty, whatever the phone's own time zone is. */
export const formatDate = safely((v) => formatDay(v));
export const formatDateTime = safely((v) => formatInstant(v));

let language: Language = 'ru';
const bundles: Partial<Record<Language, Tree>> = {};
const listeners = new Set<() => void>();

function lookup(key: string): string | undefined {
  let node: string | Tree | undefined = bundles[language];
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*(?:,\s*(\w+)[^}]*)?\}\}/g;

function interpolate(text: string, params: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (_, name: string, format?: string) => {
    const value = params[name];
    if (value === undefined || value === null) return '';
    if (format === 'date') return formatDate(value);
    if (format === 'dateTime') return formatDateTime(value);
    return String(value);
  });
}

/** i18next's `t` as far as Oryn uses it: a key or the first existing of several, params, defaultValue. */
export const t: Translate = (key, params = {}) => {
  const keys = Array.isArray(key) ? key : [key];
  for (const k of keys) {
    const text = lookup(k);
    if (text !== undefined) return interpolate(text, params);
  }
  return typeof params.defaultValue === 'string' ? params.defaultValue : keys[keys.length - 1];
};

export const exists = (key: string) => lookup(key) !== undefined;

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

/**
 * The placeholders the texts use ({{child}}, {{kindergarten}}, {{group}}) from what the domain stores
 * (childName, kindergartenNameKk/Ru, groupName); parameters already under the texts' names win.
 */
function notificationParams(p: Record<string, unknown>, lng: string): Record<string, unknown> {
  const kindergarten =
    lng === 'kk'
      ? (p.kindergartenNameKk ?? p.kindergartenNameRu)
      : (p.kindergartenNameRu ?? p.kindergartenNameKk);
  return { child: p.childName, kindergarten, group: p.groupName, ...p };
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
    translateNotification(t, { kind: n.kind, params: notificationParams(n.params ?? {}, lng) });
  return { t: t as (key: string, params?: Record<string, unknown>) => string, tr, note, language: lng };
}
