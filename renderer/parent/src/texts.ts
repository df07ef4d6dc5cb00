import i18next, { type i18n } from 'i18next';
import { addDateFormatters } from '../../../src/i18n/dateFormatters';
import type { ParentTexts } from '../../../src/i18n/parentSections';
import type { Translate } from '../../../src/i18n/translateError';
import type { Language } from './preferences';

/**
 * The parent view's i18next: of src/i18n's kk/ru/en, only the sections this view shows (its parentTexts:
 * src/i18n/parentSections.ts), and only the chosen language's, fetched when that language is chosen
 * (each is its own chunk; issue 7's first-load budget, slow 3G). Imports src/i18n's files one by one:
 * its index (createI18n) would bundle all three languages whole. The texts are added to i18next here
 * rather than through an i18next backend: a language whose chunk cannot be fetched (a phone offline)
 * must leave the view in its current language and be fetched again on the next tap, while i18next
 * switches anyway and remembers the failure.
 */
const loaders: Record<Language, () => Promise<ParentTexts>> = {
  en: () => import('../../../src/i18n/en/parentTexts').then((m) => m.parentTexts),
  ru: () => import('../../../src/i18n/ru/parentTexts').then((m) => m.parentTexts),
  kk: () => import('../../../src/i18n/kk/parentTexts').then((m) => m.parentTexts),
};

/** `t` as src/i18n's translateError expects it, and `t.exists` for optional texts. */
export type Texts = Translate & { exists(key: string): boolean };

/**
 * An i18next instance with the `lng` texts loaded. The options match createI18n's (no HTML escaping:
 * Preact escapes; a missing parameter renders empty; `{{x, date}}`/`{{x, dateTime}}` in Asia/Almaty),
 * except that a text missing in one language is not looked up in Russian, which may not be loaded,
 * and `:` is no namespace separator (one namespace; a server's code is used in a key as it is).
 */
export async function loadTexts(lng: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  instance.init({
    lng,
    resources: { [lng]: { translation: await loaders[lng]() } },
    initAsync: false,
    fallbackLng: false,
    supportedLngs: Object.keys(loaders),
    nsSeparator: false,
    interpolation: { escapeValue: false },
    missingInterpolationHandler: () => '',
    returnNull: false,
  });
  addDateFormatters(instance);
  return instance;
}

/** Fetches `lng`'s texts (once), then switches; rejects, in the current language, if they cannot be fetched. */
export async function switchTexts(instance: i18n, lng: Language): Promise<void> {
  if (!instance.hasResourceBundle(lng, 'translation')) {
    instance.addResourceBundle(lng, 'translation', await loaders[lng]());
  }
  await instance.changeLanguage(lng);
}

/** The instance's `t` in the current language; `exists` is true for a text, not for a group of texts. */
export function textsOf(instance: i18n): Texts {
  // i18next's TFunction types keys against declared resources; src/i18n declares none, texts are strings.
  const t = ((key: string | string[], options?: Record<string, unknown>) =>
    instance.t(key, options as never) as unknown as string) as Texts;
  t.exists = (key) => typeof instance.getResource(instance.language, 'translation', key) === 'string';
  return t;
}
