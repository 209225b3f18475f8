import { unprocessable } from '../../platform/http/errors.js';
import { addCalendarMonths, daysBetween } from '../../platform/clock/dates.js';

/**
 * The 4-month clock of a børnefaglig undersøgelse (Barnets Lov §20 stk. 3; SEL §50 stk. 7 had the same limit). The
 * investigation is recorded as a measure under its legal basis; the deadline is data on the legal basis
 * (`legal_bases.completion_months`, migration 0009), so the rule reads "a measure whose legal basis has a completion
 * deadline is due that many calendar months after the day the municipality became aware of the need" and never names
 * a paragraph. Pure: the day is passed in (the injectable clock's today), so tests move time freely.
 */

/** What the clock reads of a measure and its legal basis. */
export interface InvestigationFacts {
  /** From the legal basis: months until the deadline, or null when the law sets none. */
  completionMonths: number | null;
  /** The day the municipality became aware of the need. */
  awareOn: string | null;
  endsOn: string | null;
  provisionalAssessmentOn: string | null;
}

export interface InvestigationClock {
  dueOn: string;
  /** Calendar days from today to the due date: 0 on the due date, negative once past due. */
  daysLeft: number;
  /** Finished: the measure has ended (its end date is today or earlier). */
  completed: boolean;
  /** Past due, not finished and no provisional assessment recorded yet: the worklist asks for one. */
  provisionalAssessmentRequired: boolean;
  /** A provisional assessment may be recorded today (see checkProvisionalAssessment). */
  provisionalAssessmentAllowed: boolean;
}

/** Barnets Lov §20 stk. 3 (current-law.md): finished within N (= 4) months of the day the municipality became aware. */
export function investigationDueOn(awareOn: string, completionMonths: number): string {
  // Calendar months with the month-end clamp: aware 31 October → due 28 February (29 in a leap year).
  return addCalendarMonths(awareOn, completionMonths);
}

/** The clock of a measure on a day; null when its legal basis has no deadline or the day of awareness is unknown. */
export function investigationClock(facts: InvestigationFacts, today: string): InvestigationClock | null {
  if (facts.completionMonths === null || facts.awareOn === null) return null;
  const dueOn = investigationDueOn(facts.awareOn, facts.completionMonths);
  const completed = facts.endsOn !== null && facts.endsOn <= today;
  return {
    dueOn,
    daysLeft: daysBetween(today, dueOn),
    completed,
    // Barnets Lov §20 stk. 3: "if that fails, a provisional assessment is recorded and the work finished promptly".
    provisionalAssessmentRequired: !completed && dueOn < today && facts.provisionalAssessmentOn === null,
    provisionalAssessmentAllowed: !completed && today >= dueOn,
  };
}

/**
 * A measure whose legal basis has a completion deadline needs the day the municipality became aware of the need (its
 * clock starts there, Barnets Lov §20 stk. 3): on or before the start of the investigation and not in the future.
 * Returns what to store: the day, or null for a legal basis without a deadline (the field does not apply there).
 */
export function checkAwareOn(completionMonths: number | null, awareOn: string | null, startsOn: string, today: string): string | null {
  if (completionMonths === null) return null;
  if (awareOn === null) {
    throw unprocessable('aware_on_required', 'Barnets Lov §20 stk. 3: the investigation is due 4 months after the day the municipality became aware of the need; record that day.', [
      { field: 'awareOn', code: 'aware_on_required', message: 'Barnets Lov §20 stk. 3: record the day the municipality became aware of the need.' },
    ]);
  }
  if (awareOn > startsOn) {
    throw unprocessable('aware_after_start', 'The municipality became aware of the need before the investigation started (Barnets Lov §20 stk. 3).', [
      { field: 'awareOn', code: 'aware_after_start', message: 'Barnets Lov §20 stk. 3: the day of awareness is on or before the start date.' },
    ]);
  }
  if (awareOn > today) {
    throw unprocessable('date_in_future', 'The day the municipality became aware of the need is in the future.', [
      { field: 'awareOn', code: 'date_in_future', message: 'The date cannot be in the future.' },
    ]);
  }
  return awareOn;
}

/**
 * Barnets Lov §20 stk. 3: when the investigation is not finished by its deadline, a provisional assessment (foreløbig
 * vurdering) is recorded. Decision: it may be recorded from the due date itself (on the last day it is known that the
 * work will not be finished in time), never earlier — an assessment made months ahead would empty the deadline —
 * and not once the investigation is finished. The worklist asks for it from the day after the due date.
 */
export function checkProvisionalAssessment(facts: InvestigationFacts, on: string, today: string): void {
  if (facts.completionMonths === null) {
    throw unprocessable('no_completion_deadline', 'Only an investigation with a deadline (Barnets Lov §20 stk. 3) has a provisional assessment.', [
      { field: 'legalBasisId', code: 'no_completion_deadline', message: 'Barnets Lov §20 stk. 3: the legal basis of this measure has no completion deadline.' },
    ]);
  }
  const clock = investigationClock(facts, today);
  if (clock === null) {
    throw unprocessable('aware_on_required', 'Record the day the municipality became aware of the need first (Barnets Lov §20 stk. 3).', [
      { field: 'awareOn', code: 'aware_on_required', message: 'Barnets Lov §20 stk. 3: record the day the municipality became aware of the need.' },
    ]);
  }
  if (on > today) {
    throw unprocessable('date_in_future', 'The provisional assessment is dated in the future.', [
      { field: 'on', code: 'date_in_future', message: 'The date cannot be in the future.' },
    ]);
  }
  if (clock.completed) {
    throw unprocessable('investigation_completed', 'The investigation is finished; a provisional assessment is only made while it is overdue (Barnets Lov §20 stk. 3).', [
      { field: 'on', code: 'investigation_completed', message: 'Barnets Lov §20 stk. 3: the investigation has ended.' },
    ]);
  }
  if (on < clock.dueOn) {
    throw unprocessable('not_yet_due', `The investigation is due ${clock.dueOn}; a provisional assessment is made when that deadline fails (Barnets Lov §20 stk. 3).`, [
      { field: 'on', code: 'not_yet_due', message: `Barnets Lov §20 stk. 3: record the provisional assessment on or after the due date ${clock.dueOn}.` },
    ]);
  }
}
