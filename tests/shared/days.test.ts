import { addDays, differenceInCalendarDays, format, getISODay, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayDiff,
  exactWallTimeMs,
  isoWeekday,
  localDay,
  nextDrillDay,
  shiftDay,
  wallTimeMs,
} from '../../src/shared/days.js';

// The fast paths of the day model checked against what they replace: ICU's fields for every
// instant, and date-fns for calendar days.
const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Asia/Kathmandu', // +05:45
  'Australia/Lord_Howe', // a 30-minute DST shift
  'Pacific/Chatham', // +12:45 / +13:45
  'America/St_Johns', // -03:30 with DST
  'Pacific/Apia', // skipped a whole day in 2011
  'Europe/Dublin', // negative DST in ICU's data
];

describe('wallTimeMs', () => {
  it('matches ICU for any instant from 1900 to 2100 in zones with odd offsets and clock changes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }),
        (zone, ms) => {
          expect(wallTimeMs(new Date(ms), zone)).toBe(exactWallTimeMs(new Date(ms), zone));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('is exact to the second around real clock changes, on the hour and in the middle of one', () => {
    const switches = [
      ['Europe/Berlin', Date.UTC(2026, 2, 29, 1)],
      ['Europe/Berlin', Date.UTC(2026, 9, 25, 1)],
      ['America/New_York', Date.UTC(2026, 2, 8, 7)],
      ['America/New_York', Date.UTC(2026, 10, 1, 6)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
      // Switches in the middle of a UTC hour: the offset changes inside the hour kept in the cache.
      ['Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30)],
      ['America/St_Johns', Date.UTC(2026, 2, 8, 5, 30)],
    ] as const;
    for (const [zone, at] of switches)
      for (let ms = at - 2 * 3_600_000; ms <= at + 2 * 3_600_000; ms += 7_001)
        expect(wallTimeMs(new Date(ms), zone), `${zone} ${new Date(ms).toISOString()}`).toBe(
          exactWallTimeMs(new Date(ms), zone),
        );
    // The hour before Berlin's spring switch is +01:00, the hour after is +02:00.
    expect(wallTimeMs(new Date(Date.UTC(2026, 2, 29, 0, 59, 59)), 'Europe/Berlin')).toBe(
      Date.UTC(2026, 2, 29, 1, 59, 59),
    );
    expect(wallTimeMs(new Date(Date.UTC(2026, 2, 29, 1, 0, 0)), 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 3, 0, 0));
  });
});

describe('calendar days', () => {
  // 3000 runs touch more days than the remembered names and numbers hold: the forgetting is
  // exercised too.
  it('shiftDay, dayDiff and isoWeekday agree with date-fns over four centuries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1800, 0, 1) / 86_400_000, max: Date.UTC(2200, 0, 1) / 86_400_000 }),
        fc.integer({ min: -800, max: 800 }),
        (dayNumber, by) => {
          const day = new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
          const shifted = shiftDay(day, by);
          expect(shifted).toBe(format(addDays(parseISO(day), by), 'yyyy-MM-dd'));
          expect(dayDiff(day, shifted)).toBe(differenceInCalendarDays(parseISO(shifted), parseISO(day)));
          expect(isoWeekday(day)).toBe(getISODay(parseISO(day)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('localDay is the calendar day of the wall time less the day-start hour', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 23 }),
        (ms, timeZone, dayStartHour) => {
          const expected = new Date(exactWallTimeMs(new Date(ms), timeZone) - dayStartHour * 3_600_000)
            .toISOString()
            .slice(0, 10);
          expect(localDay(new Date(ms), { timeZone, dayStartHour })).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses what is not a day, as before', () => {
    expect(() => shiftDay('2026-13-45', 1)).toThrow(RangeError);
    expect(isoWeekday('2026-13-45')).toBeNaN();
    expect(dayDiff('2026-01-01', 'not a day')).toBeNaN();
    // Nothing wrong was remembered: the same spelling stays refused.
    expect(() => shiftDay('2026-13-45', 0)).toThrow(RangeError);
  });
});

describe('nextDrillDay', () => {
  // 2026-03-06 is a Friday.
  it.each([
    ['Friday, Monday to Friday: Monday', '2026-03-06', [1, 2, 3, 4, 5], '2026-03-09'],
    ['Thursday, Monday to Friday: Friday', '2026-03-05', [1, 2, 3, 4, 5], '2026-03-06'],
    ['Friday, every day: Saturday', '2026-03-06', [1, 2, 3, 4, 5, 6, 7], '2026-03-07'],
    ['Friday, Fridays only: a week later', '2026-03-06', [5], '2026-03-13'],
    ['Sunday, Mondays only: across the month', '2026-03-29', [1], '2026-03-30'],
    ['no drill days: the next day', '2026-03-06', [], '2026-03-07'],
  ])('%s', (_name, day, drillDays, expected) => {
    expect(nextDrillDay(day, drillDays)).toBe(expected);
  });
});
