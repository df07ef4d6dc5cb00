import type { Day } from './day';
import { parseIin } from './iin';

/**
 * Whose IIN a parent account may bind (docs/domain.md, Parent account: "A parent's IIN is an adult's (18 or
 * older by the IIN's birth date)"), as a government service would: by the birth date the IIN itself
 * encodes, not by what the person registry says.
 */
export const ADULT_AGE = 18;

/** Full years on `today` of someone born on `birthDate` (both YYYY-MM-DD); a 29 February birthday comes on 1 March. */
export function ageOn(birthDate: Day, today: Day): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** Whether the IIN is an adult's on `today` (false for an IIN that does not parse). */
export function isAdultIin(iin: string, today: Day): boolean {
  const parsed = parseIin(iin);
  return parsed.ok && ageOn(parsed.value.birthDate, today) >= ADULT_AGE;
}
