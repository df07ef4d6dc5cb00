import { describe, expect, it } from 'vitest';
import {
  kindergartenName,
  languageNames,
  placeName,
  regionTitle,
} from '../../../renderer/supervisor/src/catalogue-names';
import { createI18n, type Language } from '../../../src/i18n';

/**
 * Issue 14, items 6 and 7 on the supervisor pages: the header named the supervisor's account
 * («Куратор района: Супервайзер: Туркестанская область») in every language; kindergartens showed their
 * Russian names on kk pages; the catalogue showed language codes «kk, ru».
 */
const tIn = (lng: Language) => {
  const i = createI18n(lng);
  return (key: string, params?: Record<string, unknown>) => i.t(key, params) as string;
};
const me = {
  regionId: 'turkestan',
  name: 'Супервайзер: Туркестанская область',
  region: { id: 'turkestan', kk: 'Түркістан облысы', ru: 'Туркестанская область', en: 'Turkistan Region' },
};

describe('supervisor pages: catalogue names in the page’s language', () => {
  it('heads the pages with the region in the page’s language, not the account’s name', () => {
    expect(regionTitle(tIn('ru'), me, 'ru')).toBe('Куратор района: Туркестанская область');
    expect(regionTitle(tIn('kk'), me, 'kk')).toBe('Аудан кураторы: Түркістан облысы');
    expect(regionTitle(tIn('en'), me, 'en')).toBe('District supervisor: Turkistan Region');
    // No English name: the Kazakh one in Latin letters, never Russian on an English page.
    const withoutEn = { ...me, region: { ...me.region, en: undefined } };
    expect(regionTitle(tIn('en'), withoutEn, 'en')).toMatch(/^District supervisor: T\S+ oblysy$/);
    for (const lng of ['kk', 'ru', 'en'] as const)
      expect(regionTitle(tIn(lng), me, lng)).not.toContain('Супервайзер');
    expect(regionTitle(tIn('ru'), { regionId: 'unnamed' }, 'ru')).toBe('Куратор района: unnamed');
  });

  it('names localities in en from the Kazakh name when no English one is given', () => {
    expect(placeName({ id: 'arys', kk: 'Арыс қ.', ru: 'г. Арысь' }, 'en')).toBe('Arys q.');
    expect(placeName({ id: 'arys', kk: 'Арыс қ.', ru: 'г. Арысь' }, 'kk')).toBe('Арыс қ.');
    expect(placeName(undefined, 'en', 'arys')).toBe('arys');
  });

  it('shows a kindergarten by its kk name on a kk page, the server’s name when unknown', () => {
    const kgs = [{ id: 'kg-1', nameKk: '«Балдырған» бөбекжай-бақшасы', nameRu: 'Ясли-сад «Балдырган»' }];
    expect(kindergartenName(kgs, 'kg-1', 'kk', 'x')).toBe('«Балдырған» бөбекжай-бақшасы');
    expect(kindergartenName(kgs, 'kg-1', 'ru', 'x')).toBe('Ясли-сад «Балдырган»');
    expect(kindergartenName(kgs, 'kg-2', 'kk', 'Детсад 2')).toBe('Детсад 2');
  });

  it('shows languages of instruction by name, not code', () => {
    expect(languageNames(['kk', 'ru'], tIn('ru'))).toBe(
      `${tIn('ru')('common.languages.kk')}, ${tIn('ru')('common.languages.ru')}`,
    );
    expect(languageNames(['kk', 'ru'], tIn('kk'))).not.toMatch(/\bkk\b|\bru\b/);
    expect(languageNames(['xx'], tIn('en'))).toBe('xx');
  });
});
