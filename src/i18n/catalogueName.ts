import type { Language } from './createI18n';

/**
 * A catalogue entity's name (a kindergarten, region or locality) in the reader's language: kk and ru as
 * the official registries hold them; en as given, else the Kazakh name transliterated to the Kazakh
 * Latin alphabet (2021), else the Russian one (issue 14, item 6: kk and en pages showed Russian names).
 */
export interface CatalogueNames {
  nameKk?: string;
  nameRu?: string;
  nameEn?: string;
}

export function catalogueName(names: CatalogueNames, lng: Language | string, fallback = ''): string {
  const { nameKk, nameRu, nameEn } = names;
  if (lng === 'kk') return nameKk || nameRu || fallback;
  if (lng === 'en') return nameEn || (nameKk ? latinize(nameKk) : '') || nameRu || fallback;
  return nameRu || nameKk || fallback;
}

// The Kazakh Latin alphabet of 2021 (Presidential decree of 2021), with the Russian-only letters as
// its rules spell them; lower case, upper case follows the source letter.
const LATIN: Record<string, string> = {
  а: 'a',
  ә: 'ä',
  б: 'b',
  в: 'v',
  г: 'g',
  ғ: 'ğ',
  д: 'd',
  е: 'e',
  ё: 'io',
  ж: 'j',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  қ: 'q',
  л: 'l',
  м: 'm',
  н: 'n',
  ң: 'ñ',
  о: 'o',
  ө: 'ö',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ұ: 'ū',
  ү: 'ü',
  ф: 'f',
  х: 'h',
  һ: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'ş',
  щ: 'şş',
  ъ: '',
  ы: 'y',
  і: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

/** Kazakh (or Russian) Cyrillic in the Kazakh Latin alphabet; other characters are kept. */
export function latinize(text: string): string {
  // A word in capitals (МКҚК, ЖШС, a surname) stays in capitals: Щ is ŞŞ there, not Şş.
  return text.replace(/[\p{L}]+/gu, (word) => {
    const latin = [...word].map(letter).join('');
    return word.length > 1 && word === word.toUpperCase() ? latin.toUpperCase() : latin;
  });
}

function letter(ch: string): string {
  const lower = ch.toLowerCase();
  const latin = LATIN[lower];
  if (latin === undefined) return ch;
  return ch === lower || latin === '' ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
}
