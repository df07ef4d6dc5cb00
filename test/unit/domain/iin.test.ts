import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iinBirthYear, iinCheckDigit, makeIin, maskIin, parseIin } from '../../../src/domain';

describe('IIN', () => {
  it('reads 170720600126 as a girl born 20.07.2017', () => {
    expect(parseIin('170720600126')).toEqual({ ok: true, value: { birthDate: '2017-07-20', sex: 'female' } });
  });

  it('reads 940225300128 as a man born 25.02.1994 (the seed’s parent)', () => {
    expect(parseIin('940225300128')).toEqual({ ok: true, value: { birthDate: '1994-02-25', sex: 'male' } });
  });

  it('accepts 200115500005, whose check digit needs the second pass', () => {
    expect(parseIin('200115500005')).toEqual({ ok: true, value: { birthDate: '2020-01-15', sex: 'male' } });
  });

  it('tolerates spaces around the digits', () => {
    expect(parseIin('  170720600126 ').ok).toBe(true);
  });

  it('rejects a wrong check digit, month 13, and a 7th digit of 7', () => {
    expect(parseIin('170720600121')).toEqual({ ok: false, error: { code: 'checksum' } });
    expect(parseIin('171320600125')).toEqual({ ok: false, error: { code: 'date' } });
    expect(parseIin('170720700129')).toMatchObject({ ok: false, error: { code: 'century' } });
  });

  it('rejects every number starting 20011550008: both passes give 10, so it is never issued', () => {
    for (let d = 0; d <= 9; d++)
      expect(parseIin(`20011550008${d}`)).toEqual({ ok: false, error: { code: 'checksum' } });
    expect(iinCheckDigit([2, 0, 0, 1, 1, 5, 5, 0, 0, 0, 8])).toBeNull();
  });

  it('says `length` for too short or too long, `digits` for letters or a non-string', () => {
    expect(parseIin('17072060012')).toMatchObject({ ok: false, error: { code: 'length' } });
    expect(parseIin('1707206001260')).toMatchObject({ ok: false, error: { code: 'length' } });
    expect(parseIin('17072060012a')).toEqual({ ok: false, error: { code: 'digits' } });
    expect(parseIin(170720600126 as unknown as string)).toEqual({ ok: false, error: { code: 'digits' } });
    expect(parseIin(null as unknown as string)).toEqual({ ok: false, error: { code: 'digits' } });
  });

  it('rejects 29 February of a year that is not leap (2019), accepts it in 2020', () => {
    expect(parseIin('190229600012')).toEqual({ ok: false, error: { code: 'date' } });
    expect(makeIin({ birthDate: '2019-02-29', sex: 'female', serial: 1 })).toBeNull();
    const leap = makeIin({ birthDate: '2020-02-29', sex: 'female', serial: 1 });
    expect(leap && parseIin(leap)).toEqual({ ok: true, value: { birthDate: '2020-02-29', sex: 'female' } });
  });

  it('makes 170720600126 again from its birth date, sex and serial 0012', () => {
    expect(makeIin({ birthDate: '2017-07-20', sex: 'female', serial: 12 })).toBe('170720600126');
    expect(makeIin({ birthDate: '1994-02-25', sex: 'male', serial: 12 })).toBe('940225300128');
  });

  it('makes no IIN for an impossible input', () => {
    expect(makeIin({ birthDate: '2001-15-50', sex: 'male', serial: 1 })).toBeNull();
    expect(makeIin({ birthDate: '2001-01-01', sex: 'x' as 'male', serial: 1 })).toBeNull();
    expect(makeIin({ birthDate: '2001-01-01', sex: 'male', serial: 10_000 })).toBeNull();
    expect(makeIin({ birthDate: '1799-01-01', sex: 'male', serial: 1 })).toBeNull();
    expect(makeIin({ birthDate: '2001-01-01', sex: 'male', serial: 1.5 })).toBeNull();
    expect(makeIin(null as unknown as { birthDate: string; sex: 'male'; serial: number })).toBeNull();
    expect(makeIin({ birthDate: '2020-01-15', sex: 'male', serial: 8 })).toBeNull();
  });

  it('gives the birth year and masks all but the last four digits for logs', () => {
    expect(iinBirthYear('170720600126')).toBe(2017);
    expect(iinBirthYear('170720600121')).toBeNull();
    expect(maskIin('170720600126')).toBe('********0126');
    expect(maskIin('12')).toBe('****');
  });

  const birthDate = fc
    .date({
      min: new Date('1800-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const person = fc.record({
    birthDate,
    sex: fc.constantFrom('male' as const, 'female' as const),
    serial: fc.integer({ min: 0, max: 9999 }),
  });

  it('round-trips the birth date and sex of every generated IIN with a valid check digit', () => {
    fc.assert(
      fc.property(person, (p) => {
        const made = makeIin(p);
        if (made === null) return true;
        expect(parseIin(made)).toEqual({ ok: true, value: { birthDate: p.birthDate, sex: p.sex } });
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects any 12-digit string whose check digit is wrong', () => {
    fc.assert(
      fc.property(person, fc.integer({ min: 1, max: 9 }), (p, delta) => {
        const made = makeIin(p);
        if (made === null) return true;
        const wrong = `${made.slice(0, 11)}${(Number(made[11]) + delta) % 10}`;
        expect(parseIin(wrong)).toEqual({ ok: false, error: { code: 'checksum' } });
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws and always answers a code for arbitrary input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.stringMatching(/^\d{12}$/)), (v) => {
        const r = parseIin(v as string);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(['length', 'digits', 'century', 'date', 'checksum']).toContain(r.error.code);
      }),
    );
  });
});
