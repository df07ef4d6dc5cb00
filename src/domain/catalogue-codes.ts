/**
 * Codes of the catalogue's enumerations that groups and bulletins store: the text a reader sees comes
 * from i18n (`common.ageGroups.<code>`, `common.placeTypes.<code>`) in their language (issue 14, item 6:
 * «Младшая группа» and «Свободные места» stayed Russian on kk and en pages when the text was stored).
 */

/** Age groups of the kindergartens' usual structure (ясельная … предшкольная), and a mixed-age group. */
export const AGE_GROUPS = ['nursery', 'junior', 'middle', 'senior', 'preschool', 'mixed'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** «Вид места» of the seed's bulletins: free places, or places free for a time (a child on leave). */
export const PLACE_TYPES = ['free', 'temporary'] as const;
export type PlaceType = (typeof PLACE_TYPES)[number];

// Texts the catalogue stored before version 1 (the seed's and staff's own words in ru and kk).
const AGE_GROUP_TEXTS: [RegExp, AgeGroup][] = [
  [/разновозраст|аралас|mixed/i, 'mixed'],
  [/ясел|бөбек|nursery/i, 'nursery'],
  [/младш|кіші|junior|younger/i, 'junior'],
  [/средн|ортаңғы|middle/i, 'middle'],
  [/предшкол|мектепалды|preschool/i, 'preschool'],
  [/старш|ересек|senior|older/i, 'senior'],
];

/** The code of an age group given as a code or as a text of version 0; an unknown text stays as it is. */
export function ageGroupCode(value: string): string {
  if ((AGE_GROUPS as readonly string[]).includes(value)) return value;
  return AGE_GROUP_TEXTS.find(([re]) => re.test(value))?.[1] ?? value;
}

/** The code of a place type given as a code or as a text of version 0; an unknown text stays as it is. */
export function placeTypeCode(value: string): string {
  if ((PLACE_TYPES as readonly string[]).includes(value)) return value;
  if (/временн|уақытша|temporary/i.test(value)) return 'temporary';
  if (/свободн|бос|free/i.test(value)) return 'free';
  return value;
}
