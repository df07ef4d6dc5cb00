import type { DemoLocality } from './district-catalogue';

/**
 * A whole region for `seed --region N` (issue 16): Туркестанская область with the demo's three towns
 * and the oblast's districts (their centres' streets), and город Шымкент with one kindergarten for the
 * "other supervisor" cases, as in the demo. Weights are each locality's share of the applications;
 * `kindergartens` here is a share too (the seed spreads ~N/400 kindergartens by it). The first three
 * letters of every id differ: they make the kindergarten ids and staff logins (`staff-sai-01`).
 */
export const REGION_LOCALITIES: DemoLocality[] = [
  locality('turkestan-city', 'г. Туркестан', 'Түркістан қ.', ['ул. Тауке хана', 'ул. Есим хана'], 16),
  locality('arys', 'г. Арыс', 'Арыс қ.', ['ул. Саликбая', 'ул. Жібек жолы'], 5),
  locality('kentau', 'г. Кентау', 'Кентау қ.', ['ул. Яссауи', 'ул. Момышулы'], 6),
  locality('sairam', 'Сайрамский район', 'Сайрам ауданы', ['ул. Амира Темура', 'ул. Бабура'], 11),
  locality('saryagash', 'Сарыагашский район', 'Сарыағаш ауданы', ['ул. Исмаилова', 'ул. Абая'], 10),
  locality('maktaaral', 'Мактааральский район', 'Мақтаарал ауданы', ['ул. Жибек жолы', 'ул. Толе би'], 9),
  locality('tolebi', 'Толебийский район', 'Төлеби ауданы', ['ул. Толе би', 'ул. Сейфуллина'], 7),
  locality('kazygurt', 'Казыгуртский район', 'Қазығұрт ауданы', ['ул. Конаева', 'ул. Абылай хана'], 6),
  locality('ordabasy', 'Ордабасинский район', 'Ордабасы ауданы', ['ул. Кажымукана', 'ул. Абая'], 6),
  locality('zhetysai', 'Жетысайский район', 'Жетісай ауданы', ['ул. Кунаева', 'ул. Айтеке би'], 6),
  locality('keles', 'Келесский район', 'Келес ауданы', ['ул. Абылай хана', 'ул. Мамбетова'], 5),
  locality('tulkubas', 'Тюлькубасский район', 'Түлкібас ауданы', ['ул. Рыскулова', 'ул. Абая'], 4),
  locality('baidibek', 'Байдибекский район', 'Бәйдібек ауданы', ['ул. Байдибек би', 'ул. Абая'], 3),
  locality('otyrar', 'Отырарский район', 'Отырар ауданы', ['ул. Аль-Фараби', 'ул. Абая'], 2),
  locality('suzak', 'Сузакский район', 'Созақ ауданы', ['ул. Жибек жолы', 'ул. Абая'], 2),
  locality('shardara', 'Шардаринский район', 'Шардара ауданы', ['ул. Толе би', 'ул. Сырдарьи'], 2),
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

function locality(
  id: string,
  nameRu: string,
  nameKk: string,
  streets: string[],
  weight: number,
): DemoLocality {
  return { id, regionId: 'turkestan', nameRu, nameKk, streets, weight, kindergartens: weight };
}
