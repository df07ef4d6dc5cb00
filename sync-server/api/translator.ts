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

/** The text of an error code in the caller's language (src/i18n: errors.* then api.*). */
export function errorText(lng: Language, error: CodedError): string {
  const i = instance(lng);
  return translateError((key, options) => i.t(key, options) as string, error);
}

/** The text of a stored notification (kind + params), rendered at read time (architecture.md). */
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
