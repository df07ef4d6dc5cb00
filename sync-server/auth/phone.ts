// Mobile operator codes (Kcell/activ 700–708, 747, 771, 775–778; Beeline; Tele2/Altel); 7XX codes such as
// 727 (Almaty) or 717 (Astana) are landlines, which cannot receive the SMS code.
const MOBILE_CODE = /^7(0[0-8]|47|7[1-8])/;

/**
 * Kazakhstan mobile numbers, as parents type them ("+7 701 234 56 78", "8 701 234-56-78"), normalised to
 * E.164 "+77012345678" (docs/domain.md, Parent account). Null when it is not a +7 7XX number.
 */
export function normalisePhone(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const digits = input.replace(/[\s\-()]/g, '');
  let national: string | null = null;
  if (/^\+7\d{10}$/.test(digits)) national = digits.slice(2);
  else if (/^[78]\d{10}$/.test(digits)) national = digits.slice(1);
  else if (/^\d{10}$/.test(digits)) national = digits;
  if (national === null || !MOBILE_CODE.test(national)) return null;
  return `+7${national}`;
}
