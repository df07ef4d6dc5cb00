import { describe, expect, it } from 'vitest';
import { catalogueName, latinize } from '../../src/i18n';
import { ageGroupCode, placeTypeCode } from '../../src/domain';

describe('catalogue names in the reader’s language', () => {
  const balapan = { nameKk: '«Балапан» бөбекжай-бақшасы МКҚК', nameRu: 'ГККП «Балапан» ясли-сад' };

  it('shows kk and ru names as the registry holds them, and en transliterated from kk', () => {
    expect(catalogueName(balapan, 'kk')).toBe('«Балапан» бөбекжай-бақшасы МКҚК');
    expect(catalogueName(balapan, 'ru')).toBe('ГККП «Балапан» ясли-сад');
    expect(catalogueName(balapan, 'en')).toBe('«Balapan» böbekjai-baqşasy MKQK');
  });

  it('prefers an English name where the catalogue has one, and falls back to the other language', () => {
    const region = {
      nameKk: 'Түркістан облысы',
      nameRu: 'Туркестанская область',
      nameEn: 'Turkistan Region',
    };
    expect(catalogueName(region, 'en')).toBe('Turkistan Region');
    expect(catalogueName({ nameRu: 'г. Арыс' }, 'kk')).toBe('г. Арыс');
    expect(catalogueName({ nameRu: 'г. Арыс' }, 'en')).toBe('г. Арыс');
    expect(catalogueName({}, 'ru', 'arys')).toBe('arys');
  });

  it('transliterates Kazakh and Russian letters, keeping words in capitals and other characters', () => {
    expect(latinize('Шымкент қаласы')).toBe('Şymkent qalasy');
    expect(latinize('ЖШС «Ақбота» №2')).toBe('JŞS «Aqbota» №2');
    expect(latinize('Щучинск')).toBe('Şşuchinsk');
  });

  it('maps the age group and place type texts of version 0 to their codes', () => {
    expect(
      ['Ясельная группа', 'Кіші топ', 'Средняя группа', 'Старшая группа', 'Мектепалды тобы'].map(
        ageGroupCode,
      ),
    ).toEqual(['nursery', 'junior', 'middle', 'senior', 'preschool']);
    expect(ageGroupCode('Разновозрастная группа')).toBe('mixed');
    expect(ageGroupCode('middle')).toBe('middle');
    expect(placeTypeCode('Свободные места')).toBe('free');
    expect(placeTypeCode('Уақытша орындар')).toBe('temporary');
    expect(placeTypeCode('temporary')).toBe('temporary');
  });
});
