import { parseDay } from './day';
import { fail, ok, type Result } from './result';

/**
 * The IIN (ИИН), docs/domain.md "People and identity": digits 1–6 are the birth date YYMMDD, digit 7 the
 * century and sex (1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s; odd = male), 8–11 a serial, 12 a check digit.
 */
export type Sex = 'male' | 'female';
export interface IinData {
  birthDate: string;
  sex: Sex;
}

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/**
 * The check digit of the first 11 digits, or null when both passes give 10: such a number is never
 * issued (docs/domain.md: any number starting 20011550008).
 */
export function iinCheckDigit(first11: readonly number[]): number | null {
  const pass = (weights: number[]) => first11.reduce((s, d, i) => s + d * weights[i], 0) % 11;
  const first = pass(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = pass(SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

const CENTURIES: Record<string, number> = {
  '1': 1800,
  '2': 1800,
  '3': 1900,
  '4': 1900,
  '5': 2000,
  '6': 2000,
};

/** Parses an IIN; spaces around the digits are tolerated. Never throws. */
export function parseIin(text: unknown): Result<IinData> {
  if (typeof text !== 'string') return fail('digits');
  const s = text.trim();
  if (s.length !== 12) return fail('length', { length: s.length });
  if (!/^\d{12}$/.test(s)) return fail('digits');
  const century = CENTURIES[s[6]];
  if (century === undefined) return fail('century', { digit: s[6] });
  const birthDate = `${century + Number(s.slice(0, 2))}-${s.slice(2, 4)}-${s.slice(4, 6)}`;
  if (!parseDay(birthDate).ok) return fail('date');
  const digits = [...s].map(Number);
  if (iinCheckDigit(digits.slice(0, 11)) !== digits[11]) return fail('checksum');
  return ok({ birthDate, sex: Number(s[6]) % 2 === 1 ? 'male' : 'female' });
}

/**
 * Builds a valid IIN for tests and the demo seed, or null when the input is out of range or the
 * serial (0–9999) has no check digit.
 */
export function makeIin(input: { birthDate: string; sex: Sex; serial: number }): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const { birthDate, sex, serial } = input;
  if (!parseDay(birthDate).ok || (sex !== 'male' && sex !== 'female')) return null;
  if (!Number.isInteger(serial) || serial < 0 || serial > 9999) return null;
  const year = Number(birthDate.slice(0, 4));
  if (year < 1800 || year > 2099) return null;
  const centuryDigit = (Math.floor(year / 100) - 18) * 2 + (sex === 'male' ? 1 : 2);
  const first11 = `${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${centuryDigit}${String(serial).padStart(4, '0')}`;
  const check = iinCheckDigit([...first11].map(Number));
  return check === null ? null : `${first11}${check}`;
}

/** The birth year an IIN encodes, or null. */
export function iinBirthYear(text: unknown): number | null {
  const r = parseIin(text);
  return r.ok ? Number(r.value.birthDate.slice(0, 4)) : null;
}

/** For logs: never print an IIN in full (preamble). */
export function maskIin(iin: string): string {
  return typeof iin === 'string' && iin.length >= 4 ? `********${iin.slice(-4)}` : '****';
}
