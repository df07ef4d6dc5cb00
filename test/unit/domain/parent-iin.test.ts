import { describe, expect, it } from 'vitest';
import { ageOn, isAdultIin } from '../../../src/domain';

describe('a parent’s IIN is an adult’s', () => {
  it('counts full years by the birth date, the birthday itself included', () => {
    expect(ageOn('2008-03-19', '2026-03-18')).toBe(17);
    expect(ageOn('2008-03-19', '2026-03-19')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('takes the birth date the IIN encodes: 940225300128 is an adult, the seed’s child 170720600126 is not', () => {
    expect(isAdultIin('940225300128', '2026-03-19')).toBe(true);
    expect(isAdultIin('170720600126', '2026-03-19')).toBe(false);
    expect(isAdultIin('170720600121', '2026-03-19')).toBe(false);
  });
});
