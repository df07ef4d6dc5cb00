/**
 * Kazakhstan's working-day calendar as DATA (docs/domain.md, Working days): a supervisor can edit it
 * without a release (createCalendar takes any object of this shape).
 */
export interface FixedHoliday {
  /** 1–12 */
  month: number;
  day: number;
  name: string;
  /** First year the holiday applies (inclusive); absent = always. */
  fromYear?: number;
  /** Last year the holiday applies (inclusive); absent = still in force. */
  untilYear?: number;
  /** Religious days off are never moved when they fall on a weekend (Law "On holidays"). */
  religious?: boolean;
}

export interface DatedDayOff {
  date: string;
  name: string;
}

/** A Ministry of Labour transfer: a weekday made a day off, or a weekend day made a working day. */
export interface DayTransfer {
  date: string;
  working: boolean;
  note: string;
}

export interface CalendarData {
  /** Public holidays on the same date every year; non-religious ones move off a weekend. */
  fixedHolidays: FixedHoliday[];
  /** Religious days off whose date is set each year (Kurban Ait's first day); never moved. */
  religiousDays: DatedDayOff[];
  transfers: DayTransfer[];
}

export const KZ_CALENDAR: CalendarData = {
  fixedHolidays: [
    { month: 1, day: 1, name: 'newYear' },
    { month: 1, day: 2, name: 'newYear' },
    { month: 1, day: 7, name: 'orthodoxChristmas', religious: true },
    { month: 3, day: 8, name: 'womensDay' },
    { month: 3, day: 15, name: 'constitutionDay', fromYear: 2027 },
    { month: 3, day: 21, name: 'nauryz' },
    { month: 3, day: 22, name: 'nauryz' },
    { month: 3, day: 23, name: 'nauryz' },
    { month: 5, day: 1, name: 'unityDay' },
    { month: 5, day: 7, name: 'defenderDay' },
    { month: 5, day: 9, name: 'victoryDay' },
    { month: 7, day: 6, name: 'capitalDay' },
    // Constitution Day (Aug 30) was a public holiday until 2025 (docs/domain.md).
    { month: 8, day: 30, name: 'constitutionDayOld', untilYear: 2025 },
    { month: 10, day: 25, name: 'republicDay' },
    { month: 12, day: 16, name: 'independenceDay' },
  ],
  // Kurban Ait's first day: 2024 fell on a Sunday and was not moved; 2026 and 2027 are expected dates
  // until the government confirms them (a supervisor corrects them here if they change).
  religiousDays: [
    { date: '2024-06-16', name: 'kurbanAit' },
    { date: '2025-06-06', name: 'kurbanAit' },
    { date: '2026-05-27', name: 'kurbanAit' },
    { date: '2027-05-16', name: 'kurbanAit' },
  ],
  // Only the transfers we are sure of (docs/domain.md's example). Other years' government orders, if any,
  // must be added here by a supervisor once published; none are guessed.
  transfers: [
    {
      date: '2025-01-03',
      working: false,
      note: 'Government order: day off moved from Sunday 5 January 2025',
    },
    { date: '2025-01-05', working: true, note: 'Government order: worked instead of Friday 3 January 2025' },
  ],
};
