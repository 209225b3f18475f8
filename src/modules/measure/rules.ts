import { unprocessable } from '../../platform/http/errors.js';

/** A measure is active on a day when it has started and not yet ended. */
export function isActiveOn(measure: { startsOn: string; endsOn: string | null }, day: string): boolean {
  return measure.startsOn <= day && (measure.endsOn === null || measure.endsOn >= day);
}

export function checkPeriod(startsOn: string, endsOn: string | null | undefined): void {
  if (endsOn && endsOn < startsOn) {
    throw unprocessable('period_invalid', 'The end date is before the start date.', [
      { field: 'endsOn', code: 'end_before_start', message: 'The end date must be on or after the start date.' },
    ]);
  }
}

export const unknownLegalBasis = (id: string) =>
  unprocessable('unknown_legal_basis', `Unknown legal basis "${id.slice(0, 40)}".`, [
    { field: 'legalBasisId', code: 'unknown_legal_basis', message: 'Choose a legal basis from the list (GET /api/legal-bases).' },
  ]);
