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

/** What the validity check needs to know about a legal basis. */
export interface LegalBasisValidity {
  id: string;
  label: string;
  validFrom: string;
  validTo: string | null;
  /** Labels of the paragraphs that replaced this one (SEL → Barnets Lov), or that it replaced. */
  replacedByLabels: string[];
  replacesLabels: string[];
}

/**
 * A measure is granted under a paragraph in force on its start date. Since 1 January 2024 the child provisions of
 * Serviceloven are in Barnets Lov (current-law.md, "Mapping"): a measure starting on or after that day under a
 * replaced SEL paragraph is refused with the Barnets Lov paragraph to use; one starting before a Barnets Lov paragraph
 * took effect is refused with the SEL paragraph that applied then.
 */
export function checkLegalBasisInForce(basis: LegalBasisValidity, startsOn: string): void {
  if (basis.validTo !== null && startsOn > basis.validTo) {
    const use = basis.replacedByLabels.length > 0 ? ` Use ${basis.replacedByLabels.join(' or ')}.` : '';
    throw unprocessable('legal_basis_repealed', `${basis.label} no longer applied on ${startsOn} (repealed after ${basis.validTo}).${use}`, [
      { field: 'legalBasisId', code: 'legal_basis_repealed', message: `${basis.label} applies only to measures starting on or before ${basis.validTo}.${use}` },
    ]);
  }
  if (startsOn < basis.validFrom) {
    const use = basis.replacesLabels.length > 0 ? ` Use ${basis.replacesLabels.join(' or ')}.` : '';
    throw unprocessable('legal_basis_not_yet_in_force', `${basis.label} took effect on ${basis.validFrom}, after the start date ${startsOn}.${use}`, [
      { field: 'legalBasisId', code: 'legal_basis_not_yet_in_force', message: `${basis.label} applies only to measures starting on or after ${basis.validFrom}.${use}` },
    ]);
  }
}
