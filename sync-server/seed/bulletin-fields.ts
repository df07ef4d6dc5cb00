import type { Bulletin, Group, Kindergarten } from '../../src/schema';

/** What a seeded bulletin takes from its kindergarten and group (the demo, region and intake seeds alike). */
export function bulletinFieldsOf(
  kg: Pick<Kindergarten, 'id' | 'regionId' | 'localityId'>,
  group: Group,
): Pick<
  Bulletin,
  | 'kindergartenId'
  | 'groupId'
  | 'regionId'
  | 'localityId'
  | 'groupType'
  | 'language'
  | 'birthYears'
  | 'ageGroup'
  | 'placeType'
> {
  return {
    kindergartenId: kg.id,
    groupId: group.id,
    regionId: kg.regionId,
    localityId: kg.localityId,
    groupType: group.groupType,
    language: group.language,
    birthYears: [...group.birthYears],
    ageGroup: group.ageGroup,
    placeType: 'free',
  };
}
