import { AppError, unprocessable, type ErrorDetail } from '../../platform/http/errors.js';
import { competenceFor, type CompetenceAmount, type CompetenceBasis, type CompetenceDecider, type CompetenceRole, type CompetenceRule } from '../competence/rules.js';
import { ageOn } from '../person/rules.js';

/**
 * The rules of a decision (afgørelse) under today's law (issue 7 §3, current-law.md "Other rules of today's law"). Each
 * rule is here once, citing its paragraph; they decide by the legal basis's law and category, never by paragraph text.
 */

export const decisionOutcomes = ['granted', 'refused', 'changed', 'ended'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];
export const amountPeriods = ['month', 'year', 'once'] as const;
export type AmountPeriod = (typeof amountPeriods)[number];
/** How the child's views were obtained: by conversation, Dialoglinealen, drawing, observation or another way (§5 stk. 3-4). */
export const childViewsMethods = ['conversation', 'dialoglinealen', 'drawing', 'observation', 'other'] as const;
export type ChildViewsMethod = (typeof childViewsMethods)[number];
/** The yearly indexed amounts (legal_bases.yearly_amount_kind, yearly_legal_amounts.kind). */
export const yearlyAmountKinds = ['bl86_threshold_per_year', 'bl87_cap_per_month'] as const;
export type YearlyAmountKind = (typeof yearlyAmountKinds)[number];

/** What the rules need to know about a decision's legal basis. */
export interface DecisionBasis { law: string; category: string; label: string; yearlyAmountKind: YearlyAmountKind | null }

// ---- Barnets Lov §5: the child's views before the decision ----

export interface ChildViews {
  method: ChildViewsMethod | null;
  on: string | null;
  said: string | null;
  notObtainedReason: string | null;
}

const blank = (value: string | null | undefined) => value === null || value === undefined || value.trim() === '';

/**
 * Barnets Lov §5 stk. 3-4 (current-law.md): before a decision, the child's views are obtained and recorded — how
 * (method), when (date) and what the child said — or, where they were not obtained, the reason. A decision with
 * neither is refused (422 `child_views_missing`, naming each missing field); both at once is refused too, so the
 * record says plainly which of the two happened. The views are obtained before the decision and never in the future.
 */
export function checkChildViews(views: ChildViews, decidedOn: string, today: string): void {
  const hasReason = !blank(views.notObtainedReason);
  const given = { childViewsMethod: views.method !== null, childViewsOn: views.on !== null, childViews: !blank(views.said) };
  const anyViews = Object.values(given).some(Boolean);
  if (hasReason && anyViews) {
    throw unprocessable('child_views_conflicting', "Record either the child's views or the reason they were not obtained, not both (Barnets Lov §5 stk. 3-4).", [
      { field: 'childViewsNotObtainedReason', code: 'child_views_conflicting', message: "Barnets Lov §5 stk. 4: a reason is given only when the child's views were not obtained." },
    ]);
  }
  if (hasReason) return;
  const texts: Record<keyof typeof given, string> = {
    childViewsMethod: "Barnets Lov §5 stk. 3: say how the child's views were obtained.",
    childViewsOn: "Barnets Lov §5 stk. 3: give the date the child's views were obtained.",
    childViews: 'Barnets Lov §5 stk. 3: record what the child said.',
  };
  const missing: ErrorDetail[] = (Object.keys(given) as Array<keyof typeof given>)
    .filter((field) => !given[field]).map((field) => ({ field, code: 'child_views_missing', message: texts[field] }));
  if (missing.length > 0) {
    if (!anyViews) {
      missing.push({ field: 'childViewsNotObtainedReason', code: 'child_views_missing', message: "Barnets Lov §5 stk. 4: or give the reason the child's views were not obtained." });
    }
    throw unprocessable('child_views_missing',
      "Barnets Lov §5 stk. 3-4: before a decision is recorded, record the child's views (method, date and what the child said) or the reason they were not obtained.", missing);
  }
  if (views.on! > decidedOn) {
    throw unprocessable('child_views_after_decision', "The child's views are obtained before the decision (Barnets Lov §5 stk. 3).", [
      { field: 'childViewsOn', code: 'child_views_after_decision', message: 'Barnets Lov §5 stk. 3: the date must be on or before the decision date.' },
    ]);
  }
  checkNotInFuture(views.on!, today, 'childViewsOn');
}

/** A decision, the child's views and the bisidder information are recorded after they happened, never ahead of time. */
export function checkNotInFuture(date: string | null, today: string, field: string): void {
  if (date !== null && date > today) {
    throw unprocessable('date_in_future', `The ${field} is in the future; record it after it happened.`, [
      { field, code: 'date_in_future', message: 'The date cannot be in the future.' },
    ]);
  }
}

// ---- Barnets Lov §3: the child's age on the decision date and party status ----

/** From this age the child exercises party rights in the cases Barnets Lov §3 lists. */
export const partyAge = 10;

/**
 * Barnets Lov §3 (current-law.md: "from age 10 a child is a party in listed case types (incl. §32, placement; not
 * §§86, 87, 90)"). §3 lists nr. 1 support measures (§32 stk. 1), nr. 4-5 placement (§46) and choice of placement, and
 * nr. 10 the børn og unge-udvalg procedure (§§142 ff.) under which placement without consent (§47) is decided: the
 * categories support_measure and placement. Not listed, so not a party: compensation (§§86, 87, 90), financial
 * support (§35), preventive (§30), triage (§18 screening) and assessment (§19 afdækning, §20 børnefaglig undersøgelse —
 * the child is heard under §5 there, but §3 does not name these decisions). Serviceloven decisions (before 2024) are
 * not under §3: no party status is derived for them.
 * Returns null when the child's birth date is unknown for a category where the age would decide.
 */
export function childIsParty(basis: Pick<DecisionBasis, 'law' | 'category'>, ageOnDecision: number | null): boolean | null {
  if (basis.law !== 'BL' || (basis.category !== 'support_measure' && basis.category !== 'placement')) return false;
  if (ageOnDecision === null) return null;
  return ageOnDecision >= partyAge;
}

/**
 * The child's age on the decision date (whole years, person/rules.ts ageOn: a child born on 29 February has its
 * birthday on 1 March in other years, so turns 10 on 1 March) and whether the child is a party (§3).
 */
export function partyStatus(basis: Pick<DecisionBasis, 'law' | 'category'>, birthDate: string | null, decidedOn: string) {
  const childAgeOnDecision = ageOn(birthDate, decidedOn);
  return { childAgeOnDecision, childIsParty: childIsParty(basis, childAgeOnDecision) };
}

/**
 * Barnets Lov §6 (current-law.md): the child is told of the right to a bisidder. Shown as a warning on a decision where
 * the child is a party (§3) and no date is recorded; not a refusal, since the date may be recorded afterwards.
 */
export function bisidderWarning(childIsPartyOnDecision: boolean | null, bisidderToldOn: string | null): boolean {
  return childIsPartyOnDecision === true && bisidderToldOn === null;
}

// ---- Amounts: the yearly §86 threshold and §87 cap ----

/** How each yearly amount bounds a granted amount; one line per kind. */
const yearlyAmountRules: Record<YearlyAmountKind, { bound: 'minimum' | 'maximum'; per: 'year' | 'month'; paragraph: string }> = {
  // Barnets Lov §86: necessary extra costs are covered when they reach the yearly threshold (indexed yearly).
  bl86_threshold_per_year: { bound: 'minimum', per: 'year', paragraph: 'Barnets Lov §86' },
  // Barnets Lov §87: lost earnings are covered up to a cap per month (indexed yearly).
  bl87_cap_per_month: { bound: 'maximum', per: 'month', paragraph: 'Barnets Lov §87' },
};

/** Outcomes that set an amount: a grant and a change of a grant. A refusal or an ending sets none. */
const outcomesWithAmount: readonly DecisionOutcome[] = ['granted', 'changed'];

/** Whole øre, so the comparisons below are exact (amounts have at most two decimals). */
const ore = (dkk: number) => Math.round(dkk * 100);

/**
 * An amount and its period are given together (`amount_dkk` per `month`, `year` or `once`). A grant or change under a
 * basis with a yearly amount (§86, §87) needs one, since it is checked against that amount.
 */
export function checkAmountGiven(basis: DecisionBasis, outcome: DecisionOutcome, amountDkk: number | null, period: AmountPeriod | null): void {
  if (amountDkk !== null && period === null) {
    throw unprocessable('amount_period_required', 'Say whether the amount is per month, per year or once.', [
      { field: 'amountPeriod', code: 'amount_period_required', message: 'Choose month, year or once for the amount.' },
    ]);
  }
  if (amountDkk === null && period !== null) {
    throw unprocessable('amount_required', 'A period is given without an amount.', [{ field: 'amountDkk', code: 'required', message: 'Give the amount.' }]);
  }
  if (basis.yearlyAmountKind && outcomesWithAmount.includes(outcome) && amountDkk === null) {
    const rule = yearlyAmountRules[basis.yearlyAmountKind];
    throw unprocessable('amount_required', `A decision under ${basis.label} states the amount (checked against ${rule.paragraph}'s yearly amount).`, [
      { field: 'amountDkk', code: 'amount_required', message: `${rule.paragraph}: give the amount and its period.` },
    ]);
  }
}

/**
 * Barnets Lov §86 threshold and §87 cap (current-law.md: "indexed yearly: configuration, never constants"). A grant or
 * change under a basis with a yearly amount is checked against that amount for the year of the decision date:
 * - §86, threshold per year: the amount per year must reach it; a monthly amount counts 12 times, a one-off amount
 *   once (it is that year's extra cost);
 * - §87, cap per month: the amount per month must not exceed it; a yearly amount is compared with 12 × the cap
 *   (the same as dividing by 12, without rounding), a one-off amount as one month's payment.
 * No configured amount for that year → refused until an administrator configures it.
 */
export function checkYearlyAmount(input: {
  basis: DecisionBasis; outcome: DecisionOutcome; amountDkk: number | null; period: AmountPeriod | null; decidedOn: string;
  /** The configured amount of the basis's kind for the year of decidedOn; null when none is configured. */
  configuredDkk: number | null;
}): void {
  const { basis, outcome, amountDkk, period, decidedOn, configuredDkk } = input;
  if (!basis.yearlyAmountKind || !outcomesWithAmount.includes(outcome) || amountDkk === null || period === null) return;
  const rule = yearlyAmountRules[basis.yearlyAmountKind];
  const year = Number(decidedOn.slice(0, 4));
  if (configuredDkk === null) {
    throw unprocessable('yearly_amount_not_configured',
      `No ${rule.paragraph} ${rule.bound === 'minimum' ? 'threshold' : 'cap'} is configured for ${year}: an administrator configures it under Administration → yearly amounts.`, [
        { field: 'amountDkk', code: 'yearly_amount_not_configured', message: `${rule.paragraph}: the amount for ${year} is not configured yet; ask an administrator.` },
      ]);
  }
  const granted = ore(amountDkk);
  const configured = ore(configuredDkk);
  // Both sides in the configured amount's period, by multiplication only.
  const [left, right] = rule.per === 'year'
    ? [period === 'month' ? granted * 12 : granted, configured]
    : [granted, period === 'year' ? configured * 12 : configured];
  if (rule.bound === 'minimum' && left < right) {
    throw unprocessable('below_yearly_threshold',
      `${rule.paragraph}: ${amountDkk} kr. per ${period} is below the threshold of ${configuredDkk} kr. per year for ${year}.`, [
        { field: 'amountDkk', code: 'below_yearly_threshold', message: `${rule.paragraph}: below the ${year} threshold of ${configuredDkk} kr. per year.` },
      ]);
  }
  if (rule.bound === 'maximum' && left > right) {
    throw unprocessable('above_yearly_cap',
      `${rule.paragraph}: ${amountDkk} kr. per ${period} is above the cap of ${configuredDkk} kr. per month for ${year}.`, [
        { field: 'amountDkk', code: 'above_yearly_cap', message: `${rule.paragraph}: above the ${year} cap of ${configuredDkk} kr. per month.` },
      ]);
  }
}

// ---- Issue 8 item 2: who may grant under the decision-competence plan (EFEI 000:810-881, 003:68-74) ----

/** The plan in force, as the authority rule reads it (competence/rules.ts holds the lookup). */
export interface PlanInForce<R extends CompetenceRule = CompetenceRule> {
  versionId: string;
  versionNo: number;
  rules: R[];
  /** Categories a core-team proposal always refers to the visitation committee (000:876-881; placement by default). */
  committeeOnlyCategories: string[];
}

/** Who is deciding: their roles and department. */
export interface DecidingActor { roles: readonly string[]; departmentId: string | null }

/**
 * Which roles may decide what a rule gives a role: the role itself and the leaders above it — a team leader and a
 * department head may decide what a coordinator or a core-team member may, a department head what a team leader may
 * (issue 8 item 2: "a leader above may too").
 */
export const mayActForRole: Record<CompetenceRole, readonly string[]> = {
  coordinator: ['coordinator', 'team_leader', 'department_head'],
  core_team_member: ['core_team_member', 'team_leader', 'department_head'],
  team_leader: ['team_leader', 'department_head'],
  department_head: ['department_head'],
};

/** Outcomes that grant and so need the plan's permission: a grant, and a change that grants more (grantsMore). */
export function needsCompetence(outcome: DecisionOutcome, grantsMore: boolean): boolean {
  return outcome === 'granted' || (outcome === 'changed' && grantsMore);
}

/** Whether a change grants more than the grant it changes: a higher amount per year, or no earlier grant at all. */
export function changeGrantsMore(previous: { amountDkk: number | null; period: AmountPeriod | null } | null, next: { amountDkk: number | null; period: AmountPeriod | null }): boolean {
  if (previous === null) return true;
  const perYear = (a: number | null, p: AmountPeriod | null) => (a === null ? 0 : p === 'month' ? ore(a) * 12 : ore(a));
  return perYear(next.amountDkk, next.period) > perYear(previous.amountDkk, previous.period);
}

export type GrantAuthority<R extends CompetenceRule = CompetenceRule> =
  | { allowed: true; rule: R; position: number; decidedByKind: CompetenceDecider }
  | { allowed: false; status: 403 | 422; code: 'no_competence_plan' | 'no_competence_rule' | 'outside_competence' | 'over_competence_limit' | 'decided_by_core_team' | 'decided_by_committee'; rule: R | null };

/**
 * Issue 8 item 2: a measure is granted only through a decision the plan in force allows (000:810-881, "Skab klarhed
 * over, hvem der har kompetencen til at bevilge hvilke indsatser"). For a direct decision by the actor:
 * - no plan, or no rule for the paragraph or its category → refused (422 `no_competence_plan` / `no_competence_rule`);
 * - 'role' → the actor has the role or a leader role above it (mayActForRole), else 403 `outside_competence`;
 * - 'department_leader' → the actor is team leader or department head of that department, else 403;
 * - 'core_team' → never directly: a core-team proposal, voted unanimously (000:876-881) → 422 `decided_by_core_team`;
 * - 'visitation_committee' → the committee's decision record → 422 `decided_by_committee`;
 * - over the rule's amount limit → 422 `over_competence_limit`: only the visitation committee grants beyond the plan.
 */
export function grantAuthority<R extends CompetenceRule>(plan: PlanInForce<R> | null, basis: CompetenceBasis, amount: CompetenceAmount | null, actor: DecidingActor): GrantAuthority<R> {
  if (plan === null) return { allowed: false, status: 422, code: 'no_competence_plan', rule: null };
  const match = competenceFor(plan, basis, amount ?? undefined);
  if (!match) return { allowed: false, status: 422, code: 'no_competence_rule', rule: null };
  const { rule } = match;
  if (rule.decidedBy === 'core_team') return { allowed: false, status: 422, code: 'decided_by_core_team', rule };
  if (rule.decidedBy === 'visitation_committee') return { allowed: false, status: 422, code: 'decided_by_committee', rule };
  const mayDecide = rule.decidedBy === 'role'
    ? actor.roles.some((r) => mayActForRole[rule.role!].includes(r))
    : actor.departmentId === rule.departmentId && actor.roles.some((r) => r === 'team_leader' || r === 'department_head');
  if (!mayDecide) return { allowed: false, status: 403, code: 'outside_competence', rule };
  if (match.overLimit) return { allowed: false, status: 422, code: 'over_competence_limit', rule };
  return { allowed: true, rule, position: plan.rules.indexOf(rule), decidedByKind: rule.decidedBy };
}

/** A decision's amount as the plan compares it: a one-off amount counts as that year's amount. */
export function competenceAmount(amountDkk: number | null, period: AmountPeriod | null): CompetenceAmount | null {
  if (amountDkk === null || period === null) return null;
  return { amountDkk, period: period === 'month' ? 'month' : 'year' };
}

const roleNames: Record<CompetenceRole, string> = {
  coordinator: 'a coordinator (or a team leader or department head)', core_team_member: 'a core-team member (or a team leader or department head)',
  team_leader: 'a team leader (or a department head)', department_head: 'a department head',
};

/** Who may grant under a rule, in words for the API message (the UI translates by code and the rule's fields). */
export function whoMayGrant(rule: CompetenceRule & { departmentName?: string | null }): string {
  switch (rule.decidedBy) {
    case 'role': return roleNames[rule.role!];
    case 'department_leader': return `the leader of ${rule.departmentName ?? 'the named department'}`;
    case 'core_team': return "the case's core team, unanimously, through a proposal";
    case 'visitation_committee': return 'the visitation committee';
  }
}

const limitText = (rule: CompetenceRule) => (rule.maxAmountDkk === null ? '' : ` up to ${rule.maxAmountDkk} kr. per ${rule.amountPeriod}`);

/** The refusal of a decision the plan does not allow the actor to make: 403 or 422, naming who can. */
export function outsideCompetenceError(refusal: Extract<GrantAuthority<CompetenceRule & { departmentName?: string | null }>, { allowed: false }>, basisLabel: string) {
  const { rule, code } = refusal;
  const messages: Record<typeof code, string> = {
    no_competence_plan: 'No decision-competence plan is published: nobody may grant yet. A leader publishes it under "What may I decide?".',
    no_competence_rule: `The decision-competence plan does not say who may grant ${basisLabel}; a leader adds a rule for it before anyone grants it.`,
    outside_competence: rule ? `Only ${whoMayGrant(rule)} may grant ${basisLabel}${limitText(rule)}.` : '',
    over_competence_limit: rule ? `The amount is over the limit of ${rule.maxAmountDkk} kr. per ${rule.amountPeriod} for ${basisLabel}: only the visitation committee can grant it (refer it through a core-team proposal or ask a leader).` : '',
    decided_by_core_team: `${basisLabel} is granted by the case's core team, unanimously: make a proposal for the core team to vote on.`,
    decided_by_committee: `${basisLabel} is granted by the visitation committee: make a proposal, which is referred to the committee.`,
  };
  const details: ErrorDetail[] = [{ field: code === 'over_competence_limit' ? 'amountDkk' : 'legalBasisId', code, message: messages[code] }];
  return new AppError(refusal.status, code, messages[code], details);
}

export const grantStatuses = ['not_decided', 'proposed', 'with_committee', 'granted', 'refused', 'ended'] as const;
export type GrantStatus = (typeof grantStatuses)[number];

/**
 * A measure's grant status (issue 8 item 2: "a measure becomes granted only through a decision that the plan
 * allows"): an open core-team proposal naming it shows where it is (being voted on / with the visitation committee);
 * otherwise the newest decision naming it — granted (or changed) only when the plan allowed it (a decision recorded
 * with a plan rule), refused, or ended; with none, not decided.
 */
export function grantStatus(latest: { outcome: DecisionOutcome; underPlan: boolean } | null, openProposal: 'voting' | 'referred' | null): GrantStatus {
  if (openProposal === 'voting') return 'proposed';
  if (openProposal === 'referred') return 'with_committee';
  if (latest === null) return 'not_decided';
  if (latest.outcome === 'refused') return 'refused';
  if (latest.outcome === 'ended') return 'ended';
  return latest.underPlan ? 'granted' : 'not_decided';
}
