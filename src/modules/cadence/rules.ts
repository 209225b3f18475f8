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
      return addDays(lastFollowUpOrStart, cadence.days);
    case 'three_months':
      return addCalendarMonths(lastFollowUpOrStart, cadence.months);
    case 'none':
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Due dates, EFEI status meetings and the municipality's settings. Everything that decides *when* something is due
// lives below, next to the cadence, so the worklist, "Mine familier", the follow-up page and the annual wheel agree.
// ---------------------------------------------------------------------------------------------------------------

/** One day in milliseconds; dates are calendar dates (YYYY-MM-DD) computed in UTC so no DST hour is ever lost. */
const dayMs = 86_400_000;

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(isoDate + 'T00:00:00Z') + days * dayMs).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to + 'T00:00:00Z') - Date.parse(from + 'T00:00:00Z')) / dayMs);
}

/**
 * Which held meetings count as a completed follow-up (decision, documented in docs/glossary.md): a closed meeting of
 * type follow_up, status_meeting or network_meeting is a follow-up with the family on its date — SOF's follow-up may be
 * a phone call or a physical meeting (001:811-813) and network meetings are where the family and network follow up on
 * shared goals (001:525-530). Start conversations, home visits logged as meetings etc. do not reset the cadence; a
 * caseworker who used them as a follow-up records the follow-up in the log.
 */
export const followUpMeetingTypes = ['follow_up', 'status_meeting', 'network_meeting'] as const;

/** EFEI: the core team's status meetings run at a fixed cadence that the municipality sets (003:61-66). */
export type StatusMeetingCadence =
  | { kind: 'weeks'; weeks: number; days: number }
  | { kind: 'none'; reason: 'efei_cadence_not_set' | 'ordinary_operation' };

/** The settings of a municipality that time-based rules read (municipalities.settings). */
export interface TimeSettings {
  /** EFEI status meetings every N weeks (003:61-66); null = the municipality has not set it. */
  efeiStatusMeetingWeeks: number | null;
  /** How many months before the 18th birthday the transition to adult services must have started (004:4088-4095). */
  transitionLeadTimeMonths: number;
}

/**
 * The transition lead time when a municipality has not set one: 12 months. A documented default, not a silent one —
 * the evaluation asks only that the transition starts "i tide" (004:4092-4093); a year gives adult services one full
 * annual wheel to plan with the family. The administrator changes it in the municipality's settings.
 */
export const defaultTransitionLeadTimeMonths = 12;

/** Reads the time settings from the municipality's settings object (already validated when it was saved). */
export function timeSettingsOf(settings: Record<string, unknown> | null | undefined): TimeSettings {
  const weeks = settings?.efeiStatusMeetingWeeks;
  const months = settings?.transitionLeadTimeMonths;
  return {
    efeiStatusMeetingWeeks: typeof weeks === 'number' && Number.isInteger(weeks) && weeks > 0 ? weeks : null,
    transitionLeadTimeMonths: typeof months === 'number' && Number.isInteger(months) && months >= 0 ? months : defaultTransitionLeadTimeMonths,
  };
}

/** Keys an administrator may not set: the SOF cadence is fixed (001:770-771, 002:226). */
const fixedCadenceKey = /cadence|kadence|followupweeks|followupmonths|opfoelgning|opfølgning/i;

export interface SettingsProblem { field: string; code: string; message: string }

/**
 * Validates a municipality's settings before they are saved. The follow-up cadence is refused outright: "Opfølgnings-
 * kadencerne er faste og kan ikke defineres eller tilpasses af den enkelte kommune" (001:770-771). The EFEI status
 * meeting cadence (003:61-66) and the transition lead time (004:4088-4095) are the municipality's to set.
 */
export function checkTimeSettings(settings: Record<string, unknown>): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  for (const key of Object.keys(settings)) {
    if (key !== 'efeiStatusMeetingWeeks' && fixedCadenceKey.test(key)) {
      problems.push({
        field: `settings.${key}`, code: 'cadence_fixed',
        message: 'The follow-up cadence is fixed by the model and cannot be set by a municipality (001:770-771): every 6 weeks or every 3 months by the case\'s legal bases.',
      });
    }
  }
  const weeks = settings.efeiStatusMeetingWeeks;
  if (weeks !== undefined && weeks !== null && !(typeof weeks === 'number' && Number.isInteger(weeks) && weeks >= 1 && weeks <= 26)) {
    problems.push({ field: 'settings.efeiStatusMeetingWeeks', code: 'out_of_range', message: 'Give the status meeting cadence as a whole number of weeks, 1-26.' });
  }
  const months = settings.transitionLeadTimeMonths;
  if (months !== undefined && months !== null && !(typeof months === 'number' && Number.isInteger(months) && months >= 1 && months <= 60)) {
    problems.push({ field: 'settings.transitionLeadTimeMonths', code: 'out_of_range', message: 'Give the transition lead time as a whole number of months, 1-60.' });
  }
  return problems;
}

/** What a case needs to know its next follow-up: the facts the worklist query returns per case. */
export interface FollowUpFacts {
  model: 'efei' | 'sof';
  status: 'open' | 'in_operation' | 'ordinary_operation' | 'closed';
  openedOn: string;
  /** Categories of the measures active today. */
  categories: LegalBasisCategory[];
  /** Last completed follow-up (log entry or held follow-up/status/network meeting), on or before today. */
  lastFollowUpOn: string | null;
  /** EFEI: last held status meeting, on or before today. */
  lastStatusMeetingOn: string | null;
}

export type FollowUpPlan =
  | { rule: 'sof_follow_up'; cadence: Cadence; countsFrom: string; countsFromFollowUp: boolean; dueOn: string | null }
  | { rule: 'efei_status_meeting'; cadence: StatusMeetingCadence; countsFrom: string; countsFromFollowUp: boolean; dueOn: string | null }
  | { rule: 'none'; reason: 'case_closed'; countsFrom: null; countsFromFollowUp: false; dueOn: null };

/**
 * The next follow-up of a case (001:753-771, 002:215-226, 003:61-66). Decided per model:
 * - SOF: the fixed cadence from the categories of the measures active *today*, counted from the last completed
 *   follow-up or, before the first, from the case's start. So when the §§ change, the due date is recomputed from
 *   the same last follow-up with the new cadence (a change never resets the count, and never needs a migration).
 * - EFEI: the core team's status meeting at the municipality's cadence (003:61-66), counted from the last held status
 *   meeting or the case's start; while the municipality has not set it, or once the case is in ordinary operation
 *   (close interdisciplinary coordination no longer needed, 000:193-199), there is no due date and the reason says why.
 * - A closed case has nothing due.
 */
export function followUpPlan(facts: FollowUpFacts, settings: Pick<TimeSettings, 'efeiStatusMeetingWeeks'>): FollowUpPlan {
  if (facts.status === 'closed') return { rule: 'none', reason: 'case_closed', countsFrom: null, countsFromFollowUp: false, dueOn: null };
  if (facts.model === 'sof') {
    const cadence = cadenceFor(facts.categories);
    const countsFrom = facts.lastFollowUpOn ?? facts.openedOn;
    return { rule: 'sof_follow_up', cadence, countsFrom, countsFromFollowUp: facts.lastFollowUpOn !== null, dueOn: nextFollowUpDue(cadence, countsFrom) };
  }
  const cadence: StatusMeetingCadence = facts.status === 'ordinary_operation' ? { kind: 'none', reason: 'ordinary_operation' }
    : settings.efeiStatusMeetingWeeks === null ? { kind: 'none', reason: 'efei_cadence_not_set' }
    : { kind: 'weeks', weeks: settings.efeiStatusMeetingWeeks, days: settings.efeiStatusMeetingWeeks * 7 };
  const countsFrom = facts.lastStatusMeetingOn ?? facts.openedOn;
  return {
    rule: 'efei_status_meeting', cadence, countsFrom, countsFromFollowUp: facts.lastStatusMeetingOn !== null,
    dueOn: cadence.kind === 'weeks' ? addDays(countsFrom, cadence.days) : null,
  };
}

/** The step from one due date to the next under a plan, for projecting a year ahead (the annual wheel). */
export function nextAfter(plan: FollowUpPlan, dueOn: string): string | null {
  if (plan.rule === 'sof_follow_up') return nextFollowUpDue(plan.cadence, dueOn);
  if (plan.rule === 'efei_status_meeting' && plan.cadence.kind === 'weeks') return addDays(dueOn, plan.cadence.days);
  return null;
}

/** Due dates of a plan that fall in a calendar year, assuming each is held on its due date (001:862-864). */
export function dueDatesInYear(plan: FollowUpPlan, year: number, from: string): string[] {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const dates: string[] = [];
  let due: string | null = plan.dueOn;
  // An overdue follow-up is planned for today ("from"): it is not skipped in the wheel, nor placed in the past.
  if (due !== null && due < from) due = from;
  for (let guard = 0; due !== null && due <= last && guard < 400; guard++) {
    if (due >= first) dates.push(due);
    due = nextAfter(plan, due);
  }
  return dates;
}

/** Where an item with a due date stands today: the worklist's three groups, or later. "This week" = the next 7 days. */
export type DueBucket = 'overdue' | 'today' | 'this_week' | 'later';
export function bucketOf(dueOn: string, today: string): DueBucket {
  if (dueOn < today) return 'overdue';
  if (dueOn === today) return 'today';
  return dueOn <= addDays(today, 7) ? 'this_week' : 'later';
}

/**
 * The day by which the transition to adult services must have started: the 18th birthday minus the municipality's
 * lead time (004:4088-4095). Null without a birth date.
 */
export function transitionStartBy(birthDate: string | null, leadTimeMonths: number): string | null {
  if (!birthDate) return null;
  return addCalendarMonths(eighteenthBirthday(birthDate), -leadTimeMonths);
}

/** The 18th birthday; a child born on 29 February turns 18 on 28 February in a non-leap year. */
export function eighteenthBirthday(birthDate: string): string {
  return addCalendarMonths(birthDate, 18 * 12);
}
