/**
 * The demo district's real geography (issue 5): Туркестанская область with the seed's towns —
 * Туркестан, Арыс (the seed's "ГККП «Балапан» ясли - детский сад, город Арыс"), Кентау — and a
 * second region, город Шымкент, with one kindergarten for the "other supervisor" cases.
 */
export interface DemoLocality {
  id: string;
  regionId: string;
  nameRu: string;
  nameKk: string;
  /** The English name as the region's own English pages write it (else en transliterates nameKk). */
  nameEn?: string;
  streets: string[];
  /** Share of the district's applications. */
  weight: number;
  kindergartens: number;
}

export const DEMO_REGIONS = [
  {
    id: 'turkestan',
    nameRu: 'Туркестанская область',
    nameKk: 'Түркістан облысы',
    nameEn: 'Turkistan Region',
  },
  { id: 'shymkent', nameRu: 'город Шымкент', nameKk: 'Шымкент қаласы', nameEn: 'Shymkent city' },
] as const;

export const DEMO_LOCALITIES: DemoLocality[] = [
  {
    id: 'turkestan-city',
    regionId: 'turkestan',
    nameRu: 'г. Туркестан',
    nameEn: 'Turkistan',
    nameKk: 'Түркістан қ.',
    streets: ['ул. Тауке хана', 'ул. Б. Саттарханова', 'пр. Тауке хана', 'ул. Есим хана', 'мкр. Жаңа қала'],
    weight: 50,
    kindergartens: 12,
  },
  {
    id: 'arys',
    regionId: 'turkestan',
    nameRu: 'г. Арыс',
    nameEn: 'Arys',
    nameKk: 'Арыс қ.',
    streets: ['ул. Саликбая', 'ул. Жібек жолы', 'ул. Абая', 'ул. Казыбек би'],
    weight: 25,
    kindergartens: 9,
  },
  {
    id: 'kentau',
    regionId: 'turkestan',
    nameRu: 'г. Кентау',
    nameEn: 'Kentau',
    nameKk: 'Кентау қ.',
    streets: ['ул. Яссауи', 'ул. Байтурсынова', 'пр. Абылай хана', 'ул. Момышулы'],
    weight: 25,
    kindergartens: 9,
  },
  {
    id: 'shymkent-city',
    regionId: 'shymkent',
    nameRu: 'г. Шымкент',
    nameEn: 'Shymkent',
    nameKk: 'Шымкент қ.',
    streets: ['пр. Тауке хана'],
    weight: 0,
    kindergartens: 1,
  },
];

/** Kindergarten names (kk spelling; the ru name uses the same proper name). */
export const KINDERGARTEN_NAMES = [
  'Балапан',
  'Алия',
  'Айгөлек',
  'Еркетай',
  'Бөбек',
  'Күншуақ',
  'Ақбота',
  'Жұлдыз',
  'Қарлығаш',
  'Балдырған',
  'Шұғыла',
  'Нұрсәт',
  'Айжан',
  'Ақниет',
  'Мөлдір',
  'Бәйтерек',
  'Сәуле',
  'Арай',
  'Гүлдер',
  'Таңшолпан',
  'Ботагөз',
  'Құлыншақ',
  'Ертегі',
  'Әлем',
  'Достық',
  'Нұрлы жол',
  'Ақжелкен',
  'Самал',
  'Көктем',
  'Аружан',
  'Ақсұңқар',
];

/**
 * The age groups of a kindergarten (code of src/schema AGE_GROUPS, kk and ru names for the group's own
 * name, birth years), youngest first; the nursery takes two birth years, so it is a mixed-age group.
 */
export const AGE_GROUPS = [
  { code: 'mixed', kk: 'Бөбектер тобы', ru: 'Ясельная группа', years: [2024, 2023] },
  { code: 'junior', kk: 'Кіші топ', ru: 'Младшая группа', years: [2022] },
  { code: 'middle', kk: 'Ортаңғы топ', ru: 'Средняя группа', years: [2021] },
  { code: 'senior', kk: 'Ересек топ', ru: 'Старшая группа', years: [2020] },
  { code: 'preschool', kk: 'Мектепалды тобы', ru: 'Предшкольная группа', years: [2019] },
] as const;
