import { unprocessable } from '../../platform/http/errors.js';

/**
 * A follow-up or contact is logged after it happened: a date after today is a plan, not a completed follow-up, and
 * would move the next due date (001:753-771) forward without anyone having spoken to the family.
 */
export function checkNotInFuture(occurredOn: string, today: string, field = 'occurredOn'): void {
  if (occurredOn > today) {
    throw unprocessable('in_future', 'A completed follow-up or contact cannot be dated after today.', [
      { field, code: 'in_future', message: `The date must be today (${today}) or earlier.` },
    ]);
  }
}

/** A follow-up of a case happens while the case exists: not before it was opened. */
export function checkNotBeforeCaseStart(occurredOn: string, openedOn: string, field = 'occurredOn'): void {
  if (occurredOn < openedOn) {
    throw unprocessable('before_case_start', 'The date is before the case was opened.', [
      { field, code: 'before_case_start', message: `The date must be on or after ${openedOn}, when the case was opened.` },
    ]);
  }
}

export function checkCaseOpen(status: string): void {
  if (status === 'closed') {
    throw unprocessable('case_closed', 'The case is closed; nothing is followed up on a closed case.', [
      { field: 'caseId', code: 'case_closed', message: 'The case is closed.' },
    ]);
  }
}
