import { describe, expect, it } from 'vitest';
import {
  caseWeight, checkLeadershipSettings, defaultCaseloadTarget, episodeOutcome, escalationDay, lastMonths, leadershipSettingsOf, loadStatus, monthEnd,
  monthReadingDay, shouldEscalate, suggestNext,
} from './rules.js';

describe('leadership rules', () => {
  it('defaults to the 20-25 target (000:255-261), neutral model weights, complex 1.5, 14 days', () => {
    expect(leadershipSettingsOf(null)).toEqual({ caseloadTarget: defaultCaseloadTarget, caseloadWeights: { efei: 1, sof: 1, complex: 1.5 }, escalationAfterDays: 14 });
    expect(leadershipSettingsOf({ caseloadTarget: { min: 30, max: 10 }, escalationAfterDays: 0 }).caseloadTarget).toEqual({ min: 20, max: 25 });
    expect(leadershipSettingsOf({ caseloadWeights: { sof: 1.2 }, escalationAfterDays: 7 })).toMatchObject({ caseloadWeights: { efei: 1, sof: 1.2, complex: 1.5 }, escalationAfterDays: 7 });
  });

  it('validates the settings by field', () => {
    expect(checkLeadershipSettings({ caseloadTarget: { min: 25, max: 20 }, caseloadWeights: { complex: 0 }, escalationAfterDays: 91 }).map((p) => p.field))
      .toEqual(['settings.caseloadTarget', 'settings.caseloadWeights.complex', 'settings.escalationAfterDays']);
    expect(checkLeadershipSettings({ caseloadTarget: { min: 20, max: 25 }, escalationAfterDays: 14 })).toEqual([]);
  });

  it('weights and compares with the target', () => {
    const w = { efei: 1, sof: 1.2, complex: 1.5 };
    expect(caseWeight('sof', true, w)).toBeCloseTo(1.8);
    expect(loadStatus(19.9, { min: 20, max: 25 })).toBe('under');
    expect(loadStatus(25, { min: 20, max: 25 })).toBe('within');
    expect(loadStatus(25.1, { min: 20, max: 25 })).toBe('over');
  });

  it('suggests the lowest weighted load with authority for SOF, ties by name', () => {
    const people = [
      { userId: 'b', name: 'Bo', hasAuthority: true, weighted: 10 },
      { userId: 'a', name: 'Ane', hasAuthority: true, weighted: 10 },
      { userId: 'c', name: 'Cai', hasAuthority: false, weighted: 3 },
    ];
    expect(suggestNext('efei', people)?.userId).toBe('c');
    expect(suggestNext('sof', people)?.userId).toBe('a');
    expect(suggestNext('sof', [people[2]!])).toBeNull();
  });

  it('classifies a due date: held on the day is on time, a day later is late, unheld and past is overdue', () => {
    expect(episodeOutcome('2026-06-02', '2026-06-02', '2026-11-22')).toBe('on_time');
    expect(episodeOutcome('2026-06-02', '2026-06-03', '2026-11-22')).toBe('late');
    expect(episodeOutcome('2026-11-21', null, '2026-11-22')).toBe('overdue');
    expect(episodeOutcome('2026-11-22', null, '2026-11-22')).toBe('pending');
  });

  it('escalates on due + N days, not a day earlier, across month and leap-year ends', () => {
    expect(escalationDay('2028-02-20', 14)).toBe('2028-03-05');
    expect(shouldEscalate('2028-02-20', '2028-03-04', 14)).toBe(false);
    expect(shouldEscalate('2028-02-20', '2028-03-05', 14)).toBe(true);
    expect(shouldEscalate(null, '2028-03-05', 14)).toBe(false);
  });

  it('months: the last 12 months end with this one; a month is read on its last day, this month today', () => {
    expect(lastMonths('2026-02-10', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(monthEnd('2028-02')).toBe('2028-02-29');
    expect(monthReadingDay('2026-10', '2026-11-22')).toBe('2026-10-31');
    expect(monthReadingDay('2026-11', '2026-11-22')).toBe('2026-11-22');
  });
});
