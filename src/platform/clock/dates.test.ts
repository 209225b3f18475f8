import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths, addDays, addMonthsToMonth, daysBetween, lastDayOfMonth, nextQuarter, previousQuarter, quarterEnd, quarterOf, quartersBetween, quarterStart,
} from './dates.js';

describe('days', () => {
  it('adds days across month, year and leap-day boundaries, and back', () => {
    expect(addDays('2026-12-01', 42)).toBe('2027-01-12');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-01', '2027-01-12')).toBe(42);
    expect(daysBetween('2027-01-12', '2026-12-01')).toBe(-42);
  });
  it('agrees with Date on every day of a 400-year cycle', () => {
    let iso = '2000-01-01';
    for (let day = 0; day < 146097; day += 1) {
      const expected = new Date(Date.UTC(2000, 0, 1 + day)).toISOString().slice(0, 10);
      if (iso !== expected) throw new Error(`day ${day}: ${iso} ≠ ${expected}`);
      iso = addDays(iso, 1);
    }
    expect(daysBetween('2000-01-01', iso)).toBe(146097);
  });
});

describe('months', () => {
  it('adds calendar months, clamping to the month end, in leap and non-leap years', () => {
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-10-31', 3)).toBe('2027-01-31');
    expect(addCalendarMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addCalendarMonths('2026-01-15', -13)).toBe('2024-12-15');
  });
  it('steps a YYYY-MM month across years', () => {
    expect(addMonthsToMonth('2026-11', -11)).toBe('2025-12');
    expect(addMonthsToMonth('2026-01', -1)).toBe('2025-12');
    expect(addMonthsToMonth('2026-12', 1)).toBe('2027-01');
    expect(addMonthsToMonth('2026-05', 0)).toBe('2026-05');
  });
  it('gives the last day of a month, in leap and non-leap years', () => {
    expect(['2026-01-01', '2026-02-01', '2028-02-10', '2100-02', '2000-02', '2026-04', '2026-12-31'].map(lastDayOfMonth)).toEqual([
      '2026-01-31', '2026-02-28', '2028-02-29', '2100-02-28', '2000-02-29', '2026-04-30', '2026-12-31',
    ]);
  });
});

describe('quarters', () => {
  it('labels a date or a month', () => {
    expect(quarterOf('2026-11-22')).toBe('2026-Q4');
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04')).toBe('2026-Q2');
  });
  it('bounds and steps quarters across years', () => {
    expect(nextQuarter('2026-Q4')).toBe('2027-Q1');
    expect(previousQuarter('2027-Q1')).toBe('2026-Q4');
    expect(quarterStart('2027-Q3')).toBe('2027-07-01');
    expect(quarterEnd('2024-Q1')).toBe('2024-03-31');
    expect(['Q1', 'Q2', 'Q3', 'Q4'].map((q) => [quarterStart(`2026-${q}`), quarterEnd(`2026-${q}`)])).toEqual([
      ['2026-01-01', '2026-03-31'], ['2026-04-01', '2026-06-30'], ['2026-07-01', '2026-09-30'], ['2026-10-01', '2026-12-31'],
    ]);
    expect(() => quarterStart('2026-Q5')).toThrow('Not a quarter');
  });
  it('lists the quarters between two, both included', () => {
    expect(quartersBetween('2025-Q3', '2026-Q2')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(quartersBetween(quarterOf('2025-11-01'), quarterOf('2026-04-01'))).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
    expect(quartersBetween('2026-Q2', '2026-Q2')).toEqual(['2026-Q2']);
  });
});
