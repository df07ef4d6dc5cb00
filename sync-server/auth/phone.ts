/**
 * Kazakhstan mobile numbers, as parents type them ("+7 701 234 56 78", "8 701 234-56-78"), normalised to
 * E.164 "+77012345678" (domain.md, Parent account). Null when it is not a +7 7XX number.
 */
export function normalisePhone(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null;
  const digits = input.replace(/[\s\-()]/g, '');
  let national: string | null = null;
  if (/^\+7\d{10}$/.test(digits)) national = digits.slice(2);
  else if (/^[78]\d{10}$/.test(digits)) national = digits.slice(1);
  else if (/^\d{10}$/.test(digits)) national = digits;
  if (national === null || !national.startsWith('7')) return null;
  return `+7${national}`;
}
