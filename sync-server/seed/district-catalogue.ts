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
  streets: string[];
  /** Share of the district's applications. */
  weight: number;
  kindergartens: number;
}

export const DEMO_REGIONS = [
  { id: 'turkestan', nameRu: 'Туркестанская область', nameKk: 'Түркістан облысы' },
  { id: 'shymkent', nameRu: 'город Шымкент', nameKk: 'Шымкент қаласы' },
] as const;

export const DEMO_LOCALITIES: DemoLocality[] = [
  {
    id: 'turkestan-city',
    regionId: 'turkestan',
    nameRu: 'г. Туркестан',
    nameKk: 'Түркістан қ.',
    streets: ['ул. Тауке хана', 'ул. Б. Саттарханова', 'пр. Тауке хана', 'ул. Есим хана', 'мкр. Жаңа қала'],
    weight: 50,
    kindergartens: 12,
  },
  {
    id: 'arys',
    regionId: 'turkestan',
    nameRu: 'г. Арыс',
    nameKk: 'Арыс қ.',
    streets: ['ул. Саликбая', 'ул. Жібек жолы', 'ул. Абая', 'ул. Казыбек би'],
    weight: 25,
    kindergartens: 9,
  },
  {
    id: 'kentau',
    regionId: 'turkestan',
    nameRu: 'г. Кентау',
    nameKk: 'Кентау қ.',
    streets: ['ул. Яссауи', 'ул. Байтурсынова', 'пр. Абылай хана', 'ул. Момышулы'],
    weight: 25,
    kindergartens: 9,
  },
  {
    id: 'shymkent-city',
    regionId: 'shymkent',
    nameRu: 'г. Шымкент',
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

/** The age groups of a kindergarten (kk name, ru name, birth years), youngest first. */
export const AGE_GROUPS = [
  { kk: 'Бөбектер тобы', ru: 'Ясельная группа', years: [2024, 2023] },
  { kk: 'Кіші топ', ru: 'Младшая группа', years: [2022] },
  { kk: 'Ортаңғы топ', ru: 'Средняя группа', years: [2021] },
  { kk: 'Ересек топ', ru: 'Старшая группа', years: [2020] },
  { kk: 'Мектепалды тобы', ru: 'Предшкольная группа', years: [2019] },
] as const;
