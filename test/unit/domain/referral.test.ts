import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canExtend,
  createCalendar,
  extensionUntil,
  hasLapsed,
  KZ_CALENDAR,
  referralValidUntil,
  referralValidUntilChecked,
  stopListUntil,
  stopListUntilChecked,
  workingDaysLeft,
} from '../../../src/domain';
import type { Referral } from '../../../src/schema';
import { application, referralOf } from './fixtures';

describe('referral validity', () => {
  it('is valid to the end of 31.03.2026 when activated on Thu 19.03.2026 (Nauryz and its moved days skipped)', () => {
    expect(referralValidUntil('2026-03-19T10:42:00+05:00')).toBe('2026-03-31');
  });

  it('takes the activation day in Asia/Almaty (UTC+5): 19:30Z on 18.03 is already 19.03 there', () => {
    expect(referralValidUntil('2026-03-18T19:30:00Z')).toBe('2026-03-31');
    expect(referralValidUntil('2026-03-18T18:59:00+00:00')).toBe('2026-03-30');
  });

  it('uses the Almaty offset of the time: UTC+6 before 1 March 2024', () => {
    // 2024-02-20T18:30Z is 00:30 on 21.02 at UTC+6 (Wednesday), so day 1 is Thursday 22.02.
    expect(referralValidUntil('2024-02-20T18:30:00Z')).toBe(referralValidUntil('2024-02-21T12:00:00+06:00'));
  });

  it('answers a malformed activation time with `invalidTimestamp` (or "" from the plain form)', () => {
    expect(referralValidUntilChecked('19.03.2026')).toMatchObject({
      ok: false,
      error: { code: 'invalidTimestamp' },
    });
    expect(referralValidUntil(undefined as unknown as string)).toBe('');
  });
});

describe('stop-list', () => {
  it('lasts 10 working days after the last valid day (31.03.2026 → 14.04.2026)', () => {
    expect(stopListUntil('2026-03-31')).toBe('2026-04-14');
  });

  it('counts calendar days where the region says so', () => {
    expect(stopListUntil('2026-03-31', { unit: 'calendar' })).toBe('2026-04-10');
  });

  it('follows an edited calendar', () => {
    const data = { ...KZ_CALENDAR, transfers: [{ date: '2026-04-01', working: false, note: 'x' }] };
    expect(stopListUntil('2026-03-31', { calendar: data })).toBe('2026-04-15');
  });

  it('answers a malformed day with `invalidDay`', () => {
    expect(stopListUntilChecked('31.03.2026')).toMatchObject({ ok: false, error: { code: 'invalidDay' } });
    expect(stopListUntil('x')).toBe('');
  });
});

describe('extension', () => {
  const ref = referralOf(application());

  it('may be asked for only on the last valid day (Asia/Almaty)', () => {
    expect(canExtend(ref, '2026-03-31T17:00:00+05:00')).toEqual({ ok: true });
    expect(canExtend(ref, '2026-03-30T17:00:00+05:00')).toEqual({ ok: false, reasons: ['notLastDay'] });
    expect(canExtend(ref, '2026-03-31T19:30:00Z')).toEqual({ ok: false, reasons: ['notLastDay'] });
  });

  it('may be granted once per referral', () => {
    const extended: Referral = {
      ...ref,
      extendedUntil: '2026-04-30',
      extension: {
        reason: 'hospital',
        documents: [{ name: 'справка.pdf' }],
        recordedAt: '2026-03-31T10:00:00+05:00',
        recordedBy: 'p',
      },
    };
    expect(canExtend(extended, '2026-03-31T17:00:00+05:00')).toEqual({
      ok: false,
      reasons: ['alreadyExtended'],
    });
  });

  it('needs an active referral', () => {
    expect(canExtend({ ...ref, status: 'enrolled' }, '2026-03-31T17:00:00+05:00')).toEqual({
      ok: false,
      reasons: ['status'],
    });
  });

  it('reaches at most 30 calendar days beyond the original last day', () => {
    expect(extensionUntil(ref)).toBe('2026-04-30');
    expect(extensionUntil({ validUntil: 'x' })).toBe('');
    expect(extensionUntil(null as unknown as Referral)).toBe('');
  });

  it('answers bad input with a code', () => {
    expect(canExtend(null as unknown as Referral, '2026-03-31T17:00:00+05:00')).toEqual({
      ok: false,
      reasons: ['invalidInput'],
    });
    expect(canExtend(ref, 'x')).toEqual({ ok: false, reasons: ['invalidTimestamp'] });
  });
});

describe('lapse', () => {
  const ref = referralOf(application());
  it('lapses after the end of the last valid day, or of the extension', () => {
    expect(hasLapsed(ref, '2026-03-31T23:59:00+05:00')).toEqual({ ok: true, value: false });
    expect(hasLapsed(ref, '2026-04-01T00:00:00+05:00')).toEqual({ ok: true, value: true });
    expect(hasLapsed({ ...ref, extendedUntil: '2026-04-30' }, '2026-04-01T00:00:00+05:00')).toEqual({
      ok: true,
      value: false,
    });
    expect(hasLapsed(ref, 'x')).toMatchObject({ ok: false });
    expect(hasLapsed({ ...ref, validUntil: 'x' }, '2026-04-01T00:00:00+05:00')).toMatchObject({
      ok: false,
      error: { code: 'invalidInput' },
    });
  });
});

describe('working days left', () => {
  const ref = referralOf(application());
  it('reads 5 on the day of activation (Thu 19.03.2026), 4 over Nauryz, and 1 on the last valid day', () => {
    expect(workingDaysLeft(ref, '2026-03-19T12:00:00+05:00')).toEqual({ ok: true, value: 5 });
    expect(workingDaysLeft(ref, '2026-03-23T09:00:00+05:00')).toEqual({ ok: true, value: 4 });
    expect(workingDaysLeft(ref, '2026-03-31T17:00:00+05:00')).toEqual({ ok: true, value: 1 });
    expect(workingDaysLeft(ref, '2026-04-01T09:00:00+05:00')).toEqual({ ok: true, value: 0 });
  });

  it('counts to the end of the extension once extended, and answers bad input with an error', () => {
    const extended = { ...ref, extendedUntil: '2026-04-03' };
    expect(workingDaysLeft(extended, '2026-03-31T17:00:00+05:00')).toEqual({ ok: true, value: 4 });
    expect(workingDaysLeft(ref, 'soon')).toMatchObject({ ok: false });
    expect(workingDaysLeft({ ...ref, activatedAt: 'x' }, '2026-03-19T12:00:00+05:00')).toMatchObject({
      ok: false,
    });
  });
});

describe('bad input', () => {
  it('never throws from the referral rules', () => {
    const cal = createCalendar();
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        referralValidUntil(a as string, cal);
        stopListUntil(a as string, b as { unit: 'working' });
        extensionUntil(a as Referral);
        expect(typeof canExtend(a as Referral, b as string).ok).toBe('boolean');
      }),
    );
  });
});
