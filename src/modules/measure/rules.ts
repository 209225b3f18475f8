import { unprocessable, type ErrorDetail } from '../../platform/http/errors.js';
import { addCalendarMonths } from '../../platform/clock/dates.js';

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

/** The Barnets Lov details of a measure, as the duties below read them. */
export interface MeasureDuties {
  purpose: string | null;
  expectedDuration: string | null;
  custodyConsentOn: string | null;
  childPlanDecision: 'made' | 'not_made' | null;
  childPlanDecidedOn: string | null;
  childPlanReason: string | null;
}

/** The legal basis of a measure, as the duties below read it: decided by law and category, never by paragraph text. */
export interface DutyBasis { id: string; law: string; category: string }

/** Barnets Lov §47 is placement *without* consent; every other support measure and placement needs it (§32 stk. 3). */
const placementWithoutConsent = (basis: DutyBasis) => basis.id === 'BL-47';

/**
 * Today's duties for a measure under Barnets Lov (current-law.md, "Other rules of today's law"):
 * - §32 stk. 2-3: a support measure (and a placement) states its purpose and expected duration, and the custody
 *   holder's consent is recorded (not for §47, placement without consent);
 * - §91: the decision whether to make barnets plan is recorded for a support measure; for a placement (§§46/47) the
 *   plan is mandatory, so the decision must be "made".
 * Measures under Serviceloven (before 2024) keep the record they were made with.
 */
export function checkMeasureDuties(basis: DutyBasis, duties: MeasureDuties): void {
  if (basis.law !== 'BL' || (basis.category !== 'support_measure' && basis.category !== 'placement')) return;
  const missing: ErrorDetail[] = [];
  const need = (field: keyof MeasureDuties, message: string) => {
    if (duties[field] === null || duties[field] === '') missing.push({ field, code: 'required', message });
  };
  need('purpose', 'Barnets Lov §32 stk. 2: state the purpose of the measure.');
  need('expectedDuration', 'Barnets Lov §32 stk. 2: state the expected duration of the measure.');
  if (!placementWithoutConsent(basis)) need('custodyConsentOn', 'Barnets Lov §32 stk. 3: record the day the custody holder consented.');
  need('childPlanDecision', 'Barnets Lov §91: record whether barnets plan is made.');
  if (duties.childPlanDecision !== null) need('childPlanDecidedOn', 'Barnets Lov §91: record the day barnets plan was decided.');
  if (basis.category === 'placement' && duties.childPlanDecision === 'not_made') {
    missing.push({ field: 'childPlanDecision', code: 'child_plan_required', message: 'Barnets Lov §91: barnets plan is mandatory for a placement.' });
  }
  if (duties.childPlanDecision === 'not_made') need('childPlanReason', 'Barnets Lov §91: give the reason barnets plan is not made.');
  if (missing.length > 0) {
    throw unprocessable('measure_duties_missing', `A measure under ${basis.id.replace('BL-', 'Barnets Lov §')} needs what Barnets Lov §§32 and 91 require.`, missing);
  }
}

/** §91: when barnets plan is made, it is due within 3 months of that decision; null when not made or already done. */
export function childPlanDueOn(duties: Pick<MeasureDuties, 'childPlanDecision' | 'childPlanDecidedOn'> & { childPlanCompletedOn: string | null }): string | null {
  if (duties.childPlanDecision !== 'made' || !duties.childPlanDecidedOn || duties.childPlanCompletedOn) return null;
  return addCalendarMonths(duties.childPlanDecidedOn, 3);
}
