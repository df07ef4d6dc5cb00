import type { Kindergarten } from '../../../src/schema';
import { catalogueName } from '../../../src/i18n/catalogueName';
import type { Locality } from './api';

/**
 * Names of the catalogue in the page's language (issue 14, item 6): kk and ru as the registries hold
 * them, en as given or the Kazakh name in the Kazakh Latin alphabet (src/i18n/catalogueName), and
 * language codes as language names. The server sends the names in every language; the page picks.
 */
type Translate = (key: string, params?: Record<string, unknown>) => string;

/** A region or locality ({ id, kk, ru, en }) in the page's language, else its id. */
export function placeName(place: Locality | undefined, language: string, fallback = ''): string {
  if (!place) return fallback;
  return catalogueName(
    { nameKk: place.kk, nameRu: place.ru, nameEn: place.en },
    language,
    place.id || fallback,
  );
}

/** A kindergarten of the region by its id in the page's language; `fallback` (the server's name) else. */
export function kindergartenName(
  kindergartens: readonly Pick<Kindergarten, 'id' | 'nameKk' | 'nameRu'>[],
  id: string,
  language: string,
  fallback: string,
): string {
  const kindergarten = kindergartens.find((k) => k.id === id);
  return kindergarten ? catalogueName(kindergarten, language, fallback) : fallback;
}

/** «kk, ru» as «Казахский, Русский» (a code without a text stays a code). */
export function languageNames(codes: readonly string[], t: Translate): string {
  return codes
    .map((code) => {
      const name = t(`common.languages.${code}`);
      return name === `common.languages.${code}` || name === '' ? code : name;
    })
    .join(', ');
}

/** The header: «Куратор района: Туркестанская область», the region in the page's language. */
export function regionTitle(
  t: Translate,
  me: { regionId: string; region?: Locality },
  language: string,
): string {
  return t('supervisor.header.region', { name: placeName(me.region, language, me.regionId) });
}
