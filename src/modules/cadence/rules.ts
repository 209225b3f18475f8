/**
 * SOF's follow-up cadence (001:753-771, 002:215-226, current-law.md "The SOF cadence rule in both laws").
 * The rule decides by the *category* of the case's active measures, so SEL and Barnets Lov measures (or a mix)
 * give the same answer. The cadences are fixed: no municipality can change them (001:770-771), so they are
 * constants here and nothing else in the code decides a cadence.
 */
export type LegalBasisCategory = 'preventive' | 'compensation' | 'assessment' | 'triage' | 'support_measure' | 'placement' | 'financial_support';

export type Cadence =
  | { kind: 'six_weeks'; days: 42; reason: 'assessment_or_support' }
  | { kind: 'three_months'; months: 3; reason: 'compensation_only' }
  | { kind: 'none'; reason: 'no_active_measure' | 'screening_only' | 'no_compensation_or_support' };

/** Every 6 weeks: a child-expert investigation or support measures, alone or with §41/42/44 (001:765-767). */
const sixWeekCategories: ReadonlySet<LegalBasisCategory> = new Set(['assessment', 'support_measure', 'placement']);
/** What may accompany compensation in a 3-month case: §11 / §52a stk. 1 nr. 1 and their Barnets Lov successors (001:753-755). */
const threeMonthCompanions: ReadonlySet<LegalBasisCategory> = new Set(['preventive', 'financial_support']);

/**
 * The cadence for a case from the categories of its active measures.
 * Combinations the seeds do not name are decided explicitly, never by a silent default:
 * - no active measure → none ('no_active_measure'): there is nothing to follow up under the rule; the worklist shows it.
 * - only §18 screening (triage) → none ('screening_only'): screening is not an assessment (current-law.md).
 * - only preventive and/or financial support (e.g. only §11) → none ('no_compensation_or_support'): the 3-month
 *   rule names these only *together with* §41/42/44 (001:753-755).
 * - only SEL §84 (relief, applied to children through §44) → 3 months: it is compensation, like §44 and BL §90 nr. 2.
 * - compensation with triage → 3 months: screening adds no assessment.
 */
export function cadenceFor(categories: Iterable<LegalBasisCategory>): Cadence {
  const present = new Set(categories);
  if (present.size === 0) return { kind: 'none', reason: 'no_active_measure' };
  if ([...present].some((c) => sixWeekCategories.has(c))) return { kind: 'six_weeks', days: 42, reason: 'assessment_or_support' };
  if (present.has('compensation') && [...present].every((c) => c === 'compensation' || c === 'triage' || threeMonthCompanions.has(c))) {
    return { kind: 'three_months', months: 3, reason: 'compensation_only' };
  }
  if ([...present].every((c) => c === 'triage')) return { kind: 'none', reason: 'screening_only' };
  return { kind: 'none', reason: 'no_compensation_or_support' };
}

/** Adds calendar months to a date, clamping to the month's last day (30 November + 3 months = 28/29 February). */
export function addCalendarMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Next follow-up: the last completed follow-up (or the case start) plus the cadence; null when the case has none. */
export function nextFollowUpDue(cadence: Cadence, lastFollowUpOrStart: string): string | null {
  switch (cadence.kind) {
    case 'six_weeks':
      return new Date(Date.parse(lastFollowUpOrStart + 'T00:00:00Z') + cadence.days * 86_400_000).toISOString().slice(0, 10);
    case 'three_months':
      return addCalendarMonths(lastFollowUpOrStart, cadence.months);
    case 'none':
      return null;
  }
}
