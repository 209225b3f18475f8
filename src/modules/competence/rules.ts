import { unprocessable, type ErrorDetail } from '../../platform/http/errors.js';

/**
 * The decision-competence plan (beslutningskompetenceplan, issue 8 item 1; EFEI 000:810-881, 003:68-74): for each
 * legal-basis paragraph or category, who may grant it, up to which amount, and which department pays by default.
 * Pure rules: the lookup later work uses to check decisions and core-team votes, and the checks of a new version.
 */

export const competenceDeciders = ['role', 'department_leader', 'core_team', 'visitation_committee'] as const;
export type CompetenceDecider = (typeof competenceDeciders)[number];
/** The work roles a rule may name (policy roles that decide; not partners, controllers, administrators or parents). */
export const competenceRoles = ['coordinator', 'core_team_member', 'team_leader', 'department_head'] as const;
export type CompetenceRole = (typeof competenceRoles)[number];
export const competencePeriods = ['month', 'year'] as const;
export type CompetencePeriod = (typeof competencePeriods)[number];

export interface CompetenceRule {
  legalBasisId: string | null;
  category: string | null;
  decidedBy: CompetenceDecider;
  role: CompetenceRole | null;
  departmentId: string | null;
  maxAmountDkk: number | null;
  amountPeriod: CompetencePeriod | null;
  defaultPayerDepartmentId: string | null;
}

export interface CompetencePlanRules { rules: CompetenceRule[] }
export interface CompetenceBasis { legalBasisId: string; category: string }
export interface CompetenceAmount { amountDkk: number; period: CompetencePeriod }
export interface CompetenceMatch<R extends CompetenceRule = CompetenceRule> {
  rule: R;
  /** Whether the rule matched the paragraph itself or only its category. */
  matchedBy: 'paragraph' | 'category';
  /** Set when an amount was given and the rule has a limit: whether the amount is above it (compared per the same period). */
  overLimit: boolean;
}

/**
 * Who may grant a legal basis under a plan: the rule for the paragraph itself, else the rule for its category, else
 * null (the plan says nothing; later work decides what that means). With an amount, reports whether it is over the
 * rule's limit; a yearly amount is compared with a monthly limit ×12 and a monthly amount with a yearly limit ÷12.
 */
export function competenceFor<R extends CompetenceRule>(plan: { rules: R[] }, basis: CompetenceBasis, amount?: CompetenceAmount): CompetenceMatch<R> | null {
  const byParagraph = plan.rules.find((r) => r.legalBasisId === basis.legalBasisId);
  const byCategory = byParagraph ? undefined : plan.rules.find((r) => r.legalBasisId === null && r.category === basis.category);
  const rule = byParagraph ?? byCategory;
  if (!rule) return null;
  return { rule, matchedBy: byParagraph ? 'paragraph' : 'category', overLimit: amount ? isOverLimit(rule, amount) : false };
}

function isOverLimit(rule: CompetenceRule, amount: CompetenceAmount): boolean {
  if (rule.maxAmountDkk === null || rule.amountPeriod === null) return false;
  const perYear = (value: number, period: CompetencePeriod) => (period === 'month' ? value * 12 : value);
  return perYear(amount.amountDkk, amount.period) > perYear(rule.maxAmountDkk, rule.amountPeriod) + 1e-9;
}

/** What the checks of a new version need to know: the legal bases and departments that exist. */
export interface CompetenceReferences { legalBasisIds: Set<string>; departmentIds: Set<string> }

/**
 * The checks of a new version, each problem naming the rule by its index (`rules.3.role`), all reported at once
 * (422 `competence_plan_invalid`): exactly one of paragraph and category; a known legal basis and department;
 * 'role' names a role, 'department_leader' names a department; an amount has a period; no two rules for the same
 * paragraph or the same category.
 */
export function checkCompetenceRules(rules: CompetenceRule[], refs: CompetenceReferences): void {
  const details: ErrorDetail[] = [];
  const add = (index: number, field: string, code: string, message: string) =>
    details.push({ field: `rules.${index}.${field}`, code, message: `Rule ${index + 1}: ${message}` });
  const seen = new Map<string, number>();
  rules.forEach((rule, index) => {
    if ((rule.legalBasisId === null) === (rule.category === null)) {
      add(index, 'legalBasisId', 'basis_or_category', 'give either a paragraph or a category, not both or neither.');
    }
    if (rule.legalBasisId !== null && !refs.legalBasisIds.has(rule.legalBasisId)) add(index, 'legalBasisId', 'unknown_legal_basis', 'the paragraph is unknown.');
    for (const field of ['departmentId', 'defaultPayerDepartmentId'] as const) {
      const id = rule[field];
      if (id !== null && !refs.departmentIds.has(id)) add(index, field, 'unknown_department', 'the department is unknown.');
    }
    if (rule.decidedBy === 'role' && rule.role === null) add(index, 'role', 'role_missing', 'say which role may grant it.');
    if (rule.decidedBy !== 'role' && rule.role !== null) add(index, 'role', 'role_not_expected', 'a role is given only when a role decides.');
    if (rule.decidedBy === 'department_leader' && rule.departmentId === null) add(index, 'departmentId', 'department_missing', "say which department's leader may grant it.");
    if (rule.decidedBy !== 'department_leader' && rule.departmentId !== null) add(index, 'departmentId', 'department_not_expected', "a department is given only when its leader decides.");
    if ((rule.maxAmountDkk === null) !== (rule.amountPeriod === null)) add(index, 'amountPeriod', 'amount_without_period', 'an amount limit needs its period (month or year), and a period its amount.');
    const key = rule.legalBasisId !== null ? `basis:${rule.legalBasisId}` : rule.category !== null ? `category:${rule.category}` : null;
    if (key !== null) {
      const first = seen.get(key);
      if (first !== undefined) add(index, rule.legalBasisId !== null ? 'legalBasisId' : 'category', 'duplicate_rule', `rule ${first + 1} already covers the same paragraph or category.`);
      else seen.set(key, index);
    }
  });
  if (details.length > 0) throw unprocessable('competence_plan_invalid', 'The competence plan has rules that cannot be published.', details);
}
