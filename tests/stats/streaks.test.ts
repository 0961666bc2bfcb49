import { describe, expect, it } from 'vitest';
import type { DayOptions } from '../../src/shared/days.js';
import type { Track } from '../../src/shared/validation.js';
import { memberStreaks } from '../../src/stats/streaks.js';

// 2026-03-02 is a Monday. Weekdays 1..5 are Monday..Friday.
const WEEKDAYS = [1, 2, 3, 4, 5];
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const UTC: DayOptions = { timeZone: 'UTC', dayStartHour: 0 };

const days = (track: Track, ...list: string[]) => list.map((localDay) => ({ track, localDay }));

type Row = {
  name: string;
  now: string;
  day?: DayOptions;
  active: { track: Track; localDay: string }[];
  drillDays?: Record<Track, number[]>;
  today: string;
  overall: { current: number; longest: number; doneToday: boolean };
};

const table: Row[] = [
  {
    name: 'no history at all',
    now: '2026-03-04T12:00:00Z',
    active: [],
    today: '2026-03-04',
    overall: { current: 0, longest: 0, doneToday: false },
  },
  {
    name: 'three days in a row, today drilled',
    now: '2026-03-04T12:00:00Z',
    active: days('scripting', '2026-03-02', '2026-03-03', '2026-03-04'),
    today: '2026-03-04',
    overall: { current: 3, longest: 3, doneToday: true },
  },
  {
    name: 'today not yet drilled does not break the streak',
    now: '2026-03-05T08:00:00Z',
    active: days('scripting', '2026-03-02', '2026-03-03', '2026-03-04'),
    today: '2026-03-05',
    overall: { current: 3, longest: 3, doneToday: false },
  },
  {
    name: 'a missed drill day before today breaks it',
    now: '2026-03-06T08:00:00Z',
    active: days('scripting', '2026-03-02', '2026-03-03', '2026-03-04'),
    today: '2026-03-06',
    overall: { current: 0, longest: 3, doneToday: false },
  },
  {
    name: 'a weekend that is not a drill day neither breaks nor extends it',
    now: '2026-03-09T12:00:00Z',
    active: days('scripting', '2026-03-05', '2026-03-06', '2026-03-09'),
    drillDays: { scripting: WEEKDAYS, algorithm: WEEKDAYS },
    today: '2026-03-09',
    overall: { current: 3, longest: 3, doneToday: true },
  },
  {
    name: 'the same weekend breaks it when every day is a drill day',
    now: '2026-03-09T12:00:00Z',
    active: days('scripting', '2026-03-05', '2026-03-06', '2026-03-09'),
    drillDays: { scripting: EVERY_DAY, algorithm: EVERY_DAY },
    today: '2026-03-09',
    overall: { current: 1, longest: 2, doneToday: true },
  },
  {
    name: 'drilling on a rest day still counts',
    now: '2026-03-09T12:00:00Z',
    active: days('scripting', '2026-03-06', '2026-03-07', '2026-03-09'),
    drillDays: { scripting: WEEKDAYS, algorithm: WEEKDAYS },
    today: '2026-03-09',
    overall: { current: 3, longest: 3, doneToday: true },
  },
  {
    name: 'overall: a day is a drill day when either track drills then',
    now: '2026-03-09T12:00:00Z',
    active: [...days('scripting', '2026-03-05', '2026-03-06'), ...days('algorithm', '2026-03-09')],
    drillDays: { scripting: WEEKDAYS, algorithm: [6, 7] },
    today: '2026-03-09',
    overall: { current: 1, longest: 2, doneToday: true },
  },
  {
    name: 'both tracks on one day count that day once',
    now: '2026-03-03T12:00:00Z',
    active: [...days('scripting', '2026-03-02', '2026-03-03'), ...days('algorithm', '2026-03-03')],
    today: '2026-03-03',
    overall: { current: 2, longest: 2, doneToday: true },
  },
  {
    name: 'a gap long ago leaves the longest run and the current one apart',
    now: '2026-03-20T12:00:00Z',
    active: days(
      'scripting',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-18',
      '2026-03-19',
    ),
    today: '2026-03-20',
    overall: { current: 2, longest: 5, doneToday: false },
  },
  {
    name: 'days after today (a time zone change) are not counted',
    now: '2026-03-03T12:00:00Z',
    active: days('scripting', '2026-03-02', '2026-03-03', '2026-03-04'),
    today: '2026-03-03',
    overall: { current: 2, longest: 2, doneToday: true },
  },
  {
    name: 'time zone: 23:30 UTC on the 3rd is already the 4th in Tokyo, not yet drilled',
    now: '2026-03-03T23:30:00Z',
    day: { timeZone: 'Asia/Tokyo', dayStartHour: 0 },
    active: days('scripting', '2026-03-02', '2026-03-03'),
    today: '2026-03-04',
    overall: { current: 2, longest: 2, doneToday: false },
  },
  {
    name: 'time zone: the same instant is still the 3rd in Los Angeles, drilled',
    now: '2026-03-03T23:30:00Z',
    day: { timeZone: 'America/Los_Angeles', dayStartHour: 0 },
    active: days('scripting', '2026-03-02', '2026-03-03'),
    today: '2026-03-03',
    overall: { current: 2, longest: 2, doneToday: true },
  },
  {
    name: 'time zone: in Tokyo two days on, the 4th was missed and the streak is over',
    now: '2026-03-04T23:30:00Z',
    day: { timeZone: 'Asia/Tokyo', dayStartHour: 0 },
    active: days('scripting', '2026-03-02', '2026-03-03'),
    today: '2026-03-05',
    overall: { current: 0, longest: 2, doneToday: false },
  },
  {
    name: 'day start hour: 03:00 with a 4 a.m. start is still the day before',
    now: '2026-03-05T03:00:00Z',
    day: { timeZone: 'UTC', dayStartHour: 4 },
    active: days('algorithm', '2026-03-02', '2026-03-03'),
    today: '2026-03-04',
    overall: { current: 2, longest: 2, doneToday: false },
  },
];

describe('memberStreaks, the one streak rule', () => {
  it.each(table)('$name', ({ now, day, active, drillDays, today, overall }) => {
    const result = memberStreaks({
      now: new Date(now),
      day: day ?? UTC,
      activeDays: active,
      drillDays: drillDays ?? { scripting: EVERY_DAY, algorithm: EVERY_DAY },
    });
    expect(result.today).toBe(today);
    expect(result.overall).toEqual(overall);
  });

  it('counts each track on its own drill days', () => {
    const result = memberStreaks({
      now: new Date('2026-03-09T12:00:00Z'),
      day: UTC,
      activeDays: [...days('scripting', '2026-03-05', '2026-03-06', '2026-03-09'), ...days('algorithm', '2026-03-08')],
      drillDays: { scripting: WEEKDAYS, algorithm: [7] },
    });
    expect(result.tracks.scripting).toEqual({ current: 3, longest: 3, doneToday: true });
    // Sunday the 8th is the algorithm track's only drill day; Monday the 9th is still open.
    expect(result.tracks.algorithm).toEqual({ current: 1, longest: 1, doneToday: false });
  });
});
