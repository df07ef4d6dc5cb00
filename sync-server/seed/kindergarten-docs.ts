import type { Group, Kindergarten } from '../../src/schema';
import { AGE_GROUPS, DEMO_REGIONS, type DemoLocality } from './district-catalogue';
import type { SeededRandom } from './random';

/**
 * A seeded kindergarten of a locality and its five age groups (the demo and region seeds alike): state or
 * private, its languages, address and phone drawn from `rnd` in a fixed order so a seed stays reproducible.
 * `shown` is the proper name as printed («Балапан», «Балапан №2»); `index` spreads sanatorium and special
 * groups over the kindergartens.
 */
export function kindergartenDocs(
  rnd: SeededRandom,
  o: { id: string; shown: string; locality: DemoLocality; index: number; nowMs: number },
): { kindergarten: Kindergarten; groups: Group[] } {
  const { id, shown, locality, index, nowMs } = o;
  const state = rnd.next() < 0.8;
  const languages = rnd.weighted<string[]>([
    [['kk'], 45],
    [['kk', 'ru'], 45],
    [['ru'], 10],
  ]);
  const regionName = DEMO_REGIONS.find((r) => r.id === locality.regionId)?.nameRu;
  const kindergarten: Kindergarten = {
    id,
    nameRu: state ? `ГККП «${shown}» ясли-сад` : `ТОО «${shown}» детский сад`,
    nameKk: state ? `«${shown}» бөбекжай-бақшасы МКҚК` : `«${shown}» балабақшасы ЖШС`,
    ownership: state ? 'state' : 'private',
    regionId: locality.regionId,
    localityId: locality.id,
    address: `${regionName}, ${locality.nameRu}, ${rnd.pick(locality.streets)}, ${rnd.int(1, 120)}`,
    phone: `8 (72533) ${rnd.int(20, 79)}-${rnd.int(10, 99)}-${rnd.int(10, 99)}`,
    languages,
    status: 'open',
    updatedAt: nowMs,
  };
  const groups = AGE_GROUPS.map((age, g): Group => {
    const language = languages[g % languages.length];
    const capacity = rnd.int(20, 25);
    return {
      id: `${id}-g${g + 1}`,
      kindergartenId: id,
      name: language === 'kk' ? `«${shown}» ${age.kk}` : `«${shown}» ${age.ru}`,
      groupType:
        g === 3 && index % 4 === 1 ? 'sanatorium' : g === 2 && index % 5 === 2 ? 'special' : 'ordinary',
      language,
      birthYears: [...age.years],
      ageGroup: age.code,
      capacity,
      enrolled: capacity - rnd.int(0, 3),
      status: 'open',
      updatedAt: nowMs,
    };
  });
  return { kindergarten, groups };
}
