import { addCalendarMonths, addDays } from '../../platform/clock/dates.js';

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

/**
 * Whether a settings key is an attempt to set the SOF follow-up cadence, which is fixed (001:770-771, 002:226). The
 * settings are an allow-list (admin/settings.ts): no key outside it is stored; this only picks the answer for one
 * that names a cadence or a follow-up interval, so the administrator reads why instead of "unknown field".
 */
export function namesFixedCadence(key: string): boolean {
  return key !== 'efeiStatusMeetingWeeks' && /cadence|kadence|follow-?up|interval|opfoelgning|opfølgning|opfolgning/i.test(key);
}

export interface SettingsProblem { field: string; code: string; message: string }

/** The answer for a setting that tries to change the fixed SOF cadence (001:770-771). */
export function fixedCadenceProblem(key: string): SettingsProblem {
  return {
    field: `settings.${key}`, code: 'cadence_fixed',
    message: 'The follow-up cadence is fixed by the model and cannot be set by a municipality (001:770-771): every 6 weeks or every 3 months by the case\'s legal bases.',
  };
}

/**
 * Checks the ranges of the time settings this module owns before they are saved: the EFEI status meeting cadence
 * (003:61-66) and the transition lead time (004:4088-4095) are the municipality's to set. The follow-up cadence is
 * not a setting at all: "Opfølgningskadencerne er faste og kan ikke defineres eller tilpasses af den enkelte kommune"
 * (001:770-771), so admin/settings.ts refuses any key outside its allow-list, a cadence key with fixedCadenceProblem.
 */
export function checkTimeSettings(settings: Record<string, unknown>): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
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
  /** Barnets Lov §95: the case's Barnets Lov support measures active today (absent = none). */
  lawMeasures?: readonly LawFollowUpMeasure[];
}

/** The model's rule for a case (SOF cadence, EFEI status meetings, or nothing for a closed case). */
export type ModelPlan =
  | { rule: 'sof_follow_up'; cadence: Cadence; countsFrom: string; countsFromFollowUp: boolean; dueOn: string | null }
  | { rule: 'efei_status_meeting'; cadence: StatusMeetingCadence; countsFrom: string; countsFromFollowUp: boolean; dueOn: string | null }
  | { rule: 'none'; reason: 'case_closed'; countsFrom: null; countsFromFollowUp: false; dueOn: null };

/**
 * The model's rule and Barnets Lov §95 together: `dueOn` is the stricter (earlier) of the two dates, `source` says
 * which one gave it (the model wins a tie), `modelDueOn` keeps the model's own date and `law` the §95 details.
 */
export type FollowUpPlan = ModelPlan & { source: 'model' | 'law_95'; modelDueOn: string | null; law: LawFollowUp };

// ---------------------------------------------------------------------------------------------------------------
// Barnets Lov §95 (current-law.md, "The SOF cadence rule in both laws"): the law's own follow-up of a support
// measure. The first follow-up of a §32 measure is held within 3 months of its start; at it the municipality decides
// the cadence of the next ones, records it with its reasons and explains it to the child and the parents. The law
// applies to every case, SOF and EFEI alike; where the SOF cadence is stricter, the stricter date wins.
// ---------------------------------------------------------------------------------------------------------------

/**
 * The measures §95 follows up: support measures under Barnets Lov (§32 stk. 1 nr. 1-8; current-law.md "Mapping").
 * Decided by law and category, never by a paragraph string; the facts query (repo.ts) selects by these values.
 * Placed children (§§46/47) are followed up under §96, and SEL §52 measures keep the SOF cadence only.
 */
export const lawFollowUpBasis: { law: 'BL'; category: LegalBasisCategory } = { law: 'BL', category: 'support_measure' };

/** Barnets Lov §95: the first follow-up within 3 months of the measure's start. */
export const lawFirstFollowUpMonths = 3;

/** The cadence the municipality may record at the first follow-up, in months (migration 0010's check). */
export const lawFollowUpMonthsRange = { min: 1, max: 12 } as const;

/** A Barnets Lov support measure active today, as §95 reads it (measures.law_follow_up_*, migration 0010). */
export interface LawFollowUpMeasure {
  measureId: string;
  startsOn: string;
  /** The cadence decided at the first follow-up, in months; null until recorded. */
  months: number | null;
  /** The day that cadence was decided; null until recorded. */
  decidedOn: string | null;
}

/** What §95 asks of a case today. */
export interface LawFollowUp {
  /** The earliest §95 date of the case's measures; null when none gives one. */
  dueOn: string | null;
  /** The measure that gives it, and why: its first follow-up, or the cadence recorded for it. */
  measureId: string | null;
  basis: 'first_follow_up' | 'recorded_cadence' | null;
  /** The strictest recorded cadence in months: the step after each follow-up (the annual wheel's projection). */
  months: number | null;
  /** Measures whose first follow-up was held (`since`: the last follow-up) but whose §95 cadence is not recorded. */
  cadenceMissing: ReadonlyArray<{ measureId: string; since: string }>;
}

/** §95 of a case without a Barnets Lov support measure (shared: nothing ever changes it). */
const noLawFollowUp: LawFollowUp = Object.freeze({ dueOn: null, measureId: null, basis: null, months: null, cadenceMissing: [] });

/**
 * Barnets Lov §95 per measure, the earliest date winning:
 * - a cadence is recorded → the later of its decision day and the last follow-up, plus that many calendar months;
 * - no follow-up after the measure's start yet → start + 3 calendar months (clamped: 30 November → 28/29 February);
 * - a follow-up was held after the start but no cadence recorded → no §95 date (the model's cadence stands until the
 *   municipality decides one), and the measure is listed in `cadenceMissing` so the worklist asks to record it.
 *   Decision: a follow-up on the start day itself does not count as the first follow-up of the measure.
 * The law's alternative start (when a parallel investigation ends) is not modelled: the 3 months count from the start.
 */
export function lawFollowUpOf(measures: readonly LawFollowUpMeasure[], lastFollowUpOn: string | null): LawFollowUp {
  if (measures.length === 0) return noLawFollowUp;
  const cadenceMissing: Array<{ measureId: string; since: string }> = [];
  const law: LawFollowUp = { dueOn: null, measureId: null, basis: null, months: null, cadenceMissing };
  for (const measure of measures) {
    let dueOn: string;
    let basis: 'first_follow_up' | 'recorded_cadence';
    if (measure.months !== null && measure.decidedOn !== null) {
      const from = lastFollowUpOn !== null && lastFollowUpOn > measure.decidedOn ? lastFollowUpOn : measure.decidedOn;
      dueOn = addCalendarMonths(from, measure.months);
      basis = 'recorded_cadence';
      if (law.months === null || measure.months < law.months) law.months = measure.months;
    } else if (lastFollowUpOn === null || lastFollowUpOn <= measure.startsOn) {
      dueOn = addCalendarMonths(measure.startsOn, lawFirstFollowUpMonths);
      basis = 'first_follow_up';
    } else {
      cadenceMissing.push({ measureId: measure.measureId, since: lastFollowUpOn });
      continue;
    }
    // The earliest date wins; on a tie, the smaller measure id (the facts come in no particular order).
    if (law.dueOn === null || dueOn < law.dueOn || (dueOn === law.dueOn && measure.measureId < law.measureId!)) {
      law.dueOn = dueOn;
      law.measureId = measure.measureId;
      law.basis = basis;
    }
  }
  return law;
}

/**
 * The next follow-up of a case (001:753-771, 002:215-226, 003:61-66). Decided per model:
 * - SOF: the fixed cadence from the categories of the measures active *today*, counted from the last completed
 *   follow-up or, before the first, from the case's start. So when the §§ change, the due date is recomputed from
 *   the same last follow-up with the new cadence (a change never resets the count, and never needs a migration).
 * - EFEI: the core team's status meeting at the municipality's cadence (003:61-66), counted from the last held status
 *   meeting or the case's start; while the municipality has not set it, or once the case is in ordinary operation
 *   (close interdisciplinary coordination no longer needed, 000:193-199), there is no due date and the reason says why.
 * - Barnets Lov §95 on top, for every open case of either model: the stricter (earlier) of the model's date and the
 *   §95 date of the case's Barnets Lov support measures (lawFollowUpOf) is the due date, and `source` says which.
 * - A closed case has nothing due.
 */
export function followUpPlan(facts: FollowUpFacts, settings: Pick<TimeSettings, 'efeiStatusMeetingWeeks'>): FollowUpPlan {
  const plan = modelPlan(facts, settings);
  if (plan.rule === 'none') return plan;
  // Barnets Lov §95 next to the model: the stricter (earlier) date wins; a tie is the model's (current-law.md).
  // (The plan is completed in place: an object spread here cost ~2 µs a case, measured on the bench's 5,000 cases.)
  plan.law = lawFollowUpOf(facts.lawMeasures ?? [], facts.lastFollowUpOn);
  if (plan.law.dueOn !== null && (plan.dueOn === null || plan.law.dueOn < plan.dueOn)) {
    plan.dueOn = plan.law.dueOn;
    plan.source = 'law_95';
  }
  return plan;
}

/** The model's own rule (ModelPlan), as a plan whose date is still the model's (followUpPlan then applies §95). */
function modelPlan(facts: FollowUpFacts, settings: Pick<TimeSettings, 'efeiStatusMeetingWeeks'>): FollowUpPlan {
  if (facts.status === 'closed') {
    return { rule: 'none', reason: 'case_closed', countsFrom: null, countsFromFollowUp: false, dueOn: null, source: 'model', modelDueOn: null, law: noLawFollowUp };
  }
  if (facts.model === 'sof') {
    const cadence = cadenceFor(facts.categories);
    const countsFrom = facts.lastFollowUpOn ?? facts.openedOn;
    const dueOn = nextFollowUpDue(cadence, countsFrom);
    return { rule: 'sof_follow_up', cadence, countsFrom, countsFromFollowUp: facts.lastFollowUpOn !== null, dueOn, source: 'model', modelDueOn: dueOn, law: noLawFollowUp };
  }
  const cadence: StatusMeetingCadence = facts.status === 'ordinary_operation' ? { kind: 'none', reason: 'ordinary_operation' }
    : settings.efeiStatusMeetingWeeks === null ? { kind: 'none', reason: 'efei_cadence_not_set' }
    : { kind: 'weeks', weeks: settings.efeiStatusMeetingWeeks, days: settings.efeiStatusMeetingWeeks * 7 };
  const countsFrom = facts.lastStatusMeetingOn ?? facts.openedOn;
  const dueOn = cadence.kind === 'weeks' ? addDays(countsFrom, cadence.days) : null;
  return {
    rule: 'efei_status_meeting', cadence, countsFrom, countsFromFollowUp: facts.lastStatusMeetingOn !== null, dueOn,
    source: 'model', modelDueOn: dueOn, law: noLawFollowUp,
  };
}

/**
 * The step from one due date to the next under a plan, for projecting a year ahead (the annual wheel): the model's
 * cadence, or a stricter §95 cadence recorded for one of the case's measures.
 */
export function nextAfter(plan: FollowUpPlan, dueOn: string): string | null {
  const model = plan.rule === 'sof_follow_up' ? nextFollowUpDue(plan.cadence, dueOn)
    : plan.rule === 'efei_status_meeting' && plan.cadence.kind === 'weeks' ? addDays(dueOn, plan.cadence.days) : null;
  const law = plan.law.months !== null ? addCalendarMonths(dueOn, plan.law.months) : null;
  return model === null ? law : law !== null && law < model ? law : model;
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
  return dueOn <= weekEndOf(today) ? 'this_week' : 'later';
}

/** today + 7 days, remembered for the last `today` asked: a list buckets thousands of items against the same day. */
let weekEnd = { today: '', end: '' };
function weekEndOf(today: string): string {
  if (weekEnd.today !== today) weekEnd = { today, end: addDays(today, 7) };
  return weekEnd.end;
}

/**
 * The day by which the transition to adult services must have started: the 18th birthday minus the municipality's
 * lead time (004:4088-4095). Null without a birth date.
 */
export function transitionStartBy(birthDate: string | null, leadTimeMonths: number): string | null {
  if (!birthDate) return null;
  return addCalendarMonths(eighteenthBirthday(birthDate), -leadTimeMonths);
}

/**
 * The 18th birthday: the first day on which person/rules.ts ageOn gives 18, so the transition and the child's age on a
 * decision never disagree. A child born on 29 February turns 18 on 1 March in a non-leap year (the day after 28 February,
 * when the 29th does not exist).
 */
export function eighteenthBirthday(birthDate: string): string {
  const sameDay = addCalendarMonths(birthDate, 18 * 12);
  return birthDate.endsWith('-02-29') && sameDay.endsWith('-02-28') ? addDays(sameDay, 1) : sameDay;
}
