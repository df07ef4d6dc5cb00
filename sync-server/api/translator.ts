import type { i18n } from 'i18next';
import {
  type CodedError,
  createI18n,
  type Language,
  translateError,
  translateNotification,
} from '../../src/i18n';

// One i18next instance per language for the whole process: they are read-only after init.
const instances = new Map<Language, i18n>();

function instance(lng: Language): i18n {
  let i = instances.get(lng);
  if (!i) {
    i = createI18n(lng);
    instances.set(lng, i);
  }
  return i;
}

/**
 * The text of an error code in the caller's language (src/i18n: errors.* then api.*); with a
 * `section`, that section's own `<section>.errors.*` first, as its pages translate it.
 */
export function errorText(lng: Language, error: CodedError, section?: string): string {
  const i = instance(lng);
  const own = section ? `${section}.errors.${error.code}` : undefined;
  if (own && i.exists(own)) return i.t(own, textParams(error.params)) as string;
  return translateError((key, options) => i.t(key, options) as string, error);
}

/** Lists in a text read "a, b" (the supervisor's invalid `fields`). */
function textParams(params: Record<string, unknown> = {}): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
}

/** The text of a stored notification (kind + params), rendered at read time (docs/architecture.md). */
export function notificationText(
  lng: Language,
  n: { kind: string; params?: Record<string, unknown> },
): string {
  const i = instance(lng);
  return translateNotification((key, options) => i.t(key, options) as string, n, lng);
}

/** Any other key of the resources (e.g. enum labels), for documents such as the referral PDF. */
export function text(lng: Language, key: string, options?: Record<string, unknown>): string {
  return instance(lng).t(key, options) as string;
}
