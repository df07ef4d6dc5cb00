import {
  type DateInput,
  formatDate as formatDay,
  formatDateTime as formatInstant,
} from '../../../src/i18n/dateFormat';
import type { Translate } from '../../../src/i18n/translateError';

/**
 * i18next's `t` as far as Oryn's texts need it, over one language's resource tree from src/i18n: a
 * dotted key or the first existing of several, `{{x}}`, `{{x, date}}` and `{{x, dateTime}}`
 * (DD.MM.YYYY [HH:mm] in Asia/Almaty, as createI18n formats them), and `defaultValue`. Missing
 * parameters render empty, like src/i18n's own rule. No plurals or nesting: src/i18n uses neither.
 */
export type Tree = { readonly [key: string]: string | Tree };

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

export const formatDate = safely((v) => formatDay(v));
export const formatDateTime = safely((v) => formatInstant(v));

const PLACEHOLDER = /\{\{\s*(\w+)\s*(?:,\s*(\w+)[^}]*)?\}\}/g;

function lookup(tree: Tree | undefined, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function interpolate(text: string, params: Record<string, unknown>): string {
  return text.replace(PLACEHOLDER, (_, name: string, format?: string) => {
    const value = params[name];
    if (value === undefined || value === null) return '';
    if (format === 'date') return formatDate(value);
    if (format === 'dateTime') return formatDateTime(value);
    return String(value);
  });
}

export function createTranslator(tree: () => Tree | undefined): Translate & { exists(key: string): boolean } {
  const t = ((key: string | string[], params: Record<string, unknown> = {}) => {
    const keys = Array.isArray(key) ? key : [key];
    for (const k of keys) {
      const text = lookup(tree(), k);
      if (text !== undefined) return interpolate(text, params);
    }
    return typeof params.defaultValue === 'string' ? params.defaultValue : keys[keys.length - 1];
  }) as Translate & { exists(key: string): boolean };
  t.exists = (key) => lookup(tree(), key) !== undefined;
  return t;
}
