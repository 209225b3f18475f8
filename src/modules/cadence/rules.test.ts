import { describe, expect, it } from 'vitest';
import { addCalendarMonths, cadenceFor, nextFollowUpDue, type LegalBasisCategory } from './rules.js';

/** The legal bases of migrations/0002 with their categories, as the rule sees them. */
const category: Record<string, LegalBasisCategory> = {
  'SEL-11': 'preventive', 'SEL-41': 'compensation', 'SEL-42': 'compensation', 'SEL-44': 'compensation', 'SEL-50': 'assessment',
  'SEL-52': 'support_measure', 'SEL-52a-1-1': 'financial_support', 'SEL-84': 'compensation',
  'BL-18': 'triage', 'BL-19': 'assessment', 'BL-20': 'assessment', 'BL-30': 'preventive', 'BL-32': 'support_measure',
  'BL-35-4-1': 'financial_support', 'BL-46': 'placement', 'BL-47': 'placement', 'BL-86': 'compensation', 'BL-87': 'compensation',
  'BL-90': 'compensation', 'BL-90-2': 'compensation',
};
const cadenceOf = (...ids: string[]) => cadenceFor(ids.map((id) => category[id]!)).kind;

describe('SOF follow-up cadence (001:753-771)', () => {
  it.each([
    // every 3 months: only §41, 42, 44 — or with §11 or §52a stk. 1 nr. 1 (001:753-755)
    [['SEL-41'], 'three_months'], [['SEL-42'], 'three_months'], [['SEL-44'], 'three_months'], [['SEL-41', 'SEL-42', 'SEL-44'], 'three_months'],
    [['SEL-41', 'SEL-11'], 'three_months'], [['SEL-42', 'SEL-52a-1-1'], 'three_months'], [['SEL-44', 'SEL-11', 'SEL-52a-1-1'], 'three_months'],
    [['BL-86'], 'three_months'], [['BL-86', 'BL-87', 'BL-90'], 'three_months'], [['BL-87', 'BL-30'], 'three_months'], [['BL-90-2', 'BL-35-4-1'], 'three_months'],
    [['SEL-41', 'BL-86'], 'three_months'], [['SEL-84'], 'three_months'], [['BL-86', 'BL-18'], 'three_months'],
    // every 6 weeks: §50 and §52, alone or with §41, 42, 44 (001:765-767); Barnets Lov §19, §20, §32, §§46/47
    [['SEL-50'], 'six_weeks'], [['SEL-52'], 'six_weeks'], [['SEL-50', 'SEL-52'], 'six_weeks'], [['SEL-41', 'SEL-50'], 'six_weeks'],
    [['SEL-42', 'SEL-44', 'SEL-52'], 'six_weeks'], [['BL-20'], 'six_weeks'], [['BL-19'], 'six_weeks'], [['BL-32', 'BL-86'], 'six_weeks'],
    [['BL-46'], 'six_weeks'], [['SEL-41', 'BL-32'], 'six_weeks'], [['SEL-11', 'SEL-50'], 'six_weeks'],
    // not named by the seeds: decided explicitly
    [[], 'none'], [['BL-18'], 'none'], [['SEL-11'], 'none'], [['SEL-52a-1-1'], 'none'], [['BL-30', 'BL-35-4-1'], 'none'],
  ])('%j → %s', (ids, expected) => {
    expect(cadenceOf(...(ids as string[]))).toBe(expected);
  });

  it('gives the same answer under SEL, Barnets Lov and a mix', () => {
    expect(cadenceOf('SEL-41', 'SEL-50')).toBe(cadenceOf('BL-86', 'BL-20'));
    expect(cadenceOf('SEL-41', 'SEL-50')).toBe(cadenceOf('SEL-41', 'BL-20'));
    expect(cadenceOf('SEL-42', 'SEL-11')).toBe(cadenceOf('BL-87', 'BL-30'));
  });

  it('names why a case has no cadence', () => {
    expect(cadenceFor([])).toMatchObject({ reason: 'no_active_measure' });
    expect(cadenceFor(['triage'])).toMatchObject({ reason: 'screening_only' });
    expect(cadenceFor(['preventive'])).toMatchObject({ reason: 'no_compensation_or_support' });
  });
});

describe('next follow-up date', () => {
  it('adds 42 days for 6 weeks, across a year end', () => {
    expect(nextFollowUpDue(cadenceFor(['assessment']), '2026-12-01')).toBe('2027-01-12');
  });
  it('adds 3 calendar months, clamping to the month end, in leap and non-leap years', () => {
    expect(nextFollowUpDue(cadenceFor(['compensation']), '2026-08-15')).toBe('2026-11-15');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-10-31', 3)).toBe('2027-01-31');
  });
  it('has no date when the case has no cadence', () => {
    expect(nextFollowUpDue(cadenceFor([]), '2026-01-01')).toBeNull();
  });
});
