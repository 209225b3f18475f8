import { describe, expect, it } from 'vitest';
import { MovableClock, todayIn } from '../../platform/clock/clock.js';
import { checkAwareOn, checkProvisionalAssessment, investigationClock, investigationDueOn, type InvestigationFacts } from './investigation.js';

const facts = (over: Partial<InvestigationFacts> = {}): InvestigationFacts => ({
  completionMonths: 4, awareOn: '2026-07-22', endsOn: null, provisionalAssessmentOn: null, ...over,
});

/** An error's code and the field and code of its first detail, for compact expectations. */
function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    const e = error as { statusCode: number; code: string; details: Array<{ field: string; code: string }> };
    return `${e.statusCode} ${e.code} ${e.details[0]?.field}:${e.details[0]?.code}`;
  }
  return 'accepted';
}

describe('the §20 4-month clock (Barnets Lov §20 stk. 3): calendar months from the day the municipality became aware', () => {
  it.each([
    ['an ordinary date', '2026-07-22', '2026-11-22'],
    ['31 October → 28 February in a common year', '2026-10-31', '2027-02-28'],
    ['31 October → 29 February in a leap year', '2027-10-31', '2028-02-29'],
    ['30 October → 29 February in a leap year', '2027-10-30', '2028-02-29'],
    ['29 October → 28 February in a common year', '2026-10-29', '2027-02-28'],
    ['30 November → 30 March (March has 31 days)', '2026-11-30', '2027-03-30'],
    ['31 December → 30 April (April has 30 days)', '2026-12-31', '2027-04-30'],
    ['29 February of a leap year → 29 June', '2028-02-29', '2028-06-29'],
    ['31 August → 31 December, across no year end', '2026-08-31', '2026-12-31'],
    ['30 September → 30 January, across the year end', '2026-09-30', '2027-01-30'],
    ['century rule: 31 October 2099 → 28 February 2100 (not a leap year)', '2099-10-31', '2100-02-28'],
    ['century rule: 31 October 2399 → 29 February 2400 (a leap year)', '2399-10-31', '2400-02-29'],
  ])('%s', (_title, awareOn, dueOn) => {
    expect(investigationDueOn(awareOn, 4)).toBe(dueOn);
  });

  it('counts the days left with the injectable clock as time moves: 7, then 0 on the due date, then overdue', () => {
    // Aware 31 October 2027: due 29 February 2028 (leap year); the clock starts a week before in Danish time.
    const clock = new MovableClock('2028-02-22T10:00:00Z');
    const at = () => investigationClock(facts({ awareOn: '2027-10-31' }), todayIn(clock))!;
    expect(at()).toMatchObject({ dueOn: '2028-02-29', daysLeft: 7, provisionalAssessmentRequired: false, provisionalAssessmentAllowed: false });
    clock.advanceDays(7);
    expect(at()).toMatchObject({ daysLeft: 0, provisionalAssessmentRequired: false, provisionalAssessmentAllowed: true });
    clock.advanceDays(1);
    expect(todayIn(clock)).toBe('2028-03-01');
    expect(at()).toMatchObject({ daysLeft: -1, provisionalAssessmentRequired: true, provisionalAssessmentAllowed: true });
  });

  it('the day turns at midnight in Denmark, not in UTC (23:30 UTC on 28 Feb is already 29 Feb in Copenhagen)', () => {
    const clock = new MovableClock('2028-02-28T23:30:00Z');
    expect(investigationClock(facts({ awareOn: '2027-10-31' }), todayIn(clock))!.daysLeft).toBe(0);
  });

  it('a recorded provisional assessment ends the request for one; an ended investigation stops the clock', () => {
    const today = '2026-12-01';
    expect(investigationClock(facts(), today)).toMatchObject({ dueOn: '2026-11-22', provisionalAssessmentRequired: true, completed: false });
    expect(investigationClock(facts({ provisionalAssessmentOn: '2026-11-25' }), today)).toMatchObject({ provisionalAssessmentRequired: false, daysLeft: -9 });
    expect(investigationClock(facts({ endsOn: '2026-11-30' }), today)).toMatchObject({ completed: true, provisionalAssessmentRequired: false, provisionalAssessmentAllowed: false });
    // An end date still ahead is planned, not finished.
    expect(investigationClock(facts({ endsOn: '2026-12-15' }), today)).toMatchObject({ completed: false, provisionalAssessmentRequired: true });
  });

  it('no clock without a deadline on the legal basis or without the day of awareness', () => {
    expect(investigationClock(facts({ completionMonths: null }), '2026-12-01')).toBeNull();
    expect(investigationClock(facts({ awareOn: null }), '2026-12-01')).toBeNull();
  });
});

describe('the day of awareness on a measure (Barnets Lov §20 stk. 3)', () => {
  it('is required for a legal basis with a deadline, on or before the start, not in the future; ignored otherwise', () => {
    expect(checkAwareOn(4, '2026-11-01', '2026-11-10', '2026-11-22')).toBe('2026-11-01');
    expect(checkAwareOn(4, '2026-11-10', '2026-11-10', '2026-11-22')).toBe('2026-11-10');
    expect(checkAwareOn(null, '2026-11-01', '2026-11-10', '2026-11-22')).toBeNull();
    expect(refusal(() => checkAwareOn(4, null, '2026-11-10', '2026-11-22'))).toBe('422 aware_on_required awareOn:aware_on_required');
    expect(refusal(() => checkAwareOn(4, '2026-11-11', '2026-11-10', '2026-11-22'))).toBe('422 aware_after_start awareOn:aware_after_start');
    expect(refusal(() => checkAwareOn(4, '2026-11-23', '2026-12-01', '2026-11-22'))).toBe('422 date_in_future awareOn:date_in_future');
  });
});

describe('the provisional assessment (foreløbig vurdering, Barnets Lov §20 stk. 3)', () => {
  // Aware 22 July: due 22 November.
  it('may be recorded from the due date, not before, not dated in the future, not once the investigation ended', () => {
    expect(refusal(() => checkProvisionalAssessment(facts(), '2026-11-22', '2026-11-22'))).toBe('accepted');
    expect(refusal(() => checkProvisionalAssessment(facts(), '2026-11-23', '2026-11-25'))).toBe('accepted');
    expect(refusal(() => checkProvisionalAssessment(facts(), '2026-11-21', '2026-11-25'))).toBe('422 not_yet_due on:not_yet_due');
    expect(refusal(() => checkProvisionalAssessment(facts(), '2026-11-21', '2026-11-21'))).toBe('422 not_yet_due on:not_yet_due');
    expect(refusal(() => checkProvisionalAssessment(facts(), '2026-11-26', '2026-11-25'))).toBe('422 date_in_future on:date_in_future');
    expect(refusal(() => checkProvisionalAssessment(facts({ endsOn: '2026-11-24' }), '2026-11-25', '2026-11-25'))).toBe('422 investigation_completed on:investigation_completed');
  });

  it('is refused for a legal basis without a deadline and before the day of awareness is known', () => {
    expect(refusal(() => checkProvisionalAssessment(facts({ completionMonths: null }), '2026-11-25', '2026-11-25'))).toBe('422 no_completion_deadline legalBasisId:no_completion_deadline');
    expect(refusal(() => checkProvisionalAssessment(facts({ awareOn: null }), '2026-11-25', '2026-11-25'))).toBe('422 aware_on_required awareOn:aware_on_required');
  });
});
