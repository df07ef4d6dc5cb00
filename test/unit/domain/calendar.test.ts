import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  type CalendarData,
  createCalendar,
  isWorkingDay,
  KZ_CALENDAR,
  parseDay,
  weekday,
} from '../../../src/domain';

describe('working-day calendar', () => {
  it('lists exactly the non-working weekdays of 2026 given in docs/domain.md', () => {
    expect(createCalendar(KZ_CALENDAR).nonWorkingWeekdays(2026)).toEqual([
      '2026-01-01',
      '2026-01-02',
      '2026-01-07',
      '2026-03-09',
      '2026-03-23',
      '2026-03-24',
      '2026-03-25',
      '2026-05-01',
      '2026-05-07',
      '2026-05-11',
      '2026-05-27',
      '2026-07-06',
      '2026-10-26',
      '2026-12-16',
    ]);
  });

  it('moves each weekend day of Nauryz 2026 to the next free weekday: Mar 24 and 25 off', () => {
    expect(isWorkingDay('2026-03-23')).toBe(false);
    expect(isWorkingDay('2026-03-24')).toBe(false);
    expect(isWorkingDay('2026-03-25')).toBe(false);
    expect(isWorkingDay('2026-03-26')).toBe(true);
  });

  it('never moves a religious day off: Jan 7 2024 and Kurban Ait 2024 fell on Sundays', () => {
    expect(isWorkingDay('2024-01-08')).toBe(true);
    expect(isWorkingDay('2024-06-17')).toBe(true);
    expect(isWorkingDay('2025-06-06')).toBe(false);
    expect(isWorkingDay('2026-05-27')).toBe(false);
    expect(weekday('2027-05-16')).toBe(0);
    expect(isWorkingDay('2027-05-17')).toBe(true);
  });

  it('applies the 2025 transfer: Friday Jan 3 off, Sunday Jan 5 worked', () => {
    expect(isWorkingDay('2025-01-03')).toBe(false);
    expect(isWorkingDay('2025-01-05')).toBe(true);
    expect(isWorkingDay('2025-01-04')).toBe(false);
  });

  it('keeps Aug 30 a holiday until 2025 and Mar 15 one from 2027', () => {
    expect(isWorkingDay('2024-08-30')).toBe(false);
    expect(isWorkingDay('2025-09-01')).toBe(false); // Sat Aug 30 2025 moved to Monday
    expect(isWorkingDay('2026-08-31')).toBe(true);
    expect(isWorkingDay('2026-03-16')).toBe(true);
    expect(isWorkingDay('2027-03-15')).toBe(false);
  });

  it('moves Capital Day 2024 (Saturday Jul 6) to Monday Jul 8', () => {
    expect(isWorkingDay('2024-07-08')).toBe(false);
  });

  it('moves a December holiday on a weekend into the next year when needed', () => {
    const cal = createCalendar({
      fixedHolidays: [{ month: 12, day: 31, name: 'x' }],
      religiousDays: [],
      transfers: [],
    });
    // 31.12.2028 is a Sunday: the day off moves to Monday 01.01.2029.
    expect(cal.isWorkingDay('2029-01-01')).toBe(false);
    expect(cal.isWorkingDay('2029-01-02')).toBe(true);
  });

  it('counts 5 working days from Thu 19.03.2026 to Tue 31.03.2026 (the referral example)', () => {
    expect(addWorkingDays('2026-03-19', 1)).toBe('2026-03-20');
    expect(addWorkingDays('2026-03-19', 2)).toBe('2026-03-26');
    expect(addWorkingDays('2026-03-19', 5)).toBe('2026-03-31');
  });

  it('follows a supervisor-edited calendar without a release', () => {
    const edited: CalendarData = {
      ...KZ_CALENDAR,
      transfers: [...KZ_CALENDAR.transfers, { date: '2026-03-20', working: false, note: 'test order' }],
    };
    const cal = createCalendar(edited);
    expect(cal.isWorkingDay('2026-03-20')).toBe(false);
    expect(cal.addWorkingDays('2026-03-19', 1)).toBe('2026-03-26');
    expect(isWorkingDay('2026-03-20')).toBe(true);
  });

  it('ignores malformed entries of edited data instead of failing', () => {
    const cal = createCalendar({
      fixedHolidays: [null, { month: 'x' }, { month: 1, day: 1, name: 'ny' }],
      religiousDays: [{ date: 'bad' }],
      transfers: [{ date: '2026-01-05', working: 'yes' }],
    } as unknown as CalendarData);
    expect(cal.isWorkingDay('2026-01-01')).toBe(false);
    expect(cal.isWorkingDay('2026-01-05')).toBe(true);
    expect(createCalendar(null as unknown as CalendarData).isWorkingDay('2026-01-01')).toBe(true);
  });

  it('answers a malformed day without throwing: isWorkingDay is false, addWorkingDays returns the input', () => {
    expect(isWorkingDay('2026-02-30')).toBe(false);
    expect(isWorkingDay(42 as unknown as string)).toBe(false);
    expect(addWorkingDays('2026-13-01', 3)).toBe('2026-13-01');
    expect(addWorkingDays('2026-03-19', 0)).toBe('2026-03-19');
    const cal = createCalendar();
    expect(cal.addWorkingDaysChecked('nope', 1)).toMatchObject({ ok: false, error: { code: 'invalidDay' } });
    expect(cal.addWorkingDaysChecked('2026-03-19', -1)).toMatchObject({
      ok: false,
      error: { code: 'invalidCount' },
    });
    expect(cal.addWorkingDaysChecked('2026-03-19', '2')).toMatchObject({
      ok: false,
      error: { code: 'invalidCount' },
    });
    expect(cal.nonWorkingWeekdays(Number.NaN)).toEqual([]);
    expect(parseDay('2026-02-28')).toEqual({ ok: true, value: { year: 2026, month: 2, day: 28 } });
    expect(parseDay({})).toMatchObject({ ok: false, error: { code: 'invalidDay' } });
  });

  const day = fc
    .date({
      min: new Date('2024-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));

  it('never lands on a non-working day, and always lands after the start', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), (d, n) => {
        const r = addWorkingDays(d, n);
        expect(isWorkingDay(r)).toBe(true);
        expect(r > d).toBe(true);
      }),
    );
  });

  it('is monotonic in the start day and in n', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 5 }),
        (d, shift, n, more) => {
          const later = addDays(d, shift);
          expect(addWorkingDays(later, n) >= addWorkingDays(d, n)).toBe(true);
          expect(addWorkingDays(d, n + more) > addWorkingDays(d, n)).toBe(true);
        },
      ),
    );
  });

  it('composes: n + m working days equal n then m', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), (d, n, m) => {
        expect(addWorkingDays(addWorkingDays(d, n), m)).toBe(addWorkingDays(d, n + m));
      }),
    );
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        expect(typeof isWorkingDay(a as string)).toBe('boolean');
        expect(typeof addWorkingDays(a as string, b as number)).toBe('string');
        expect(createCalendar(a as CalendarData).addWorkingDaysChecked(a, b).ok).toBeTypeOf('boolean');
      }),
    );
  });
});
