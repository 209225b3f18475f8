import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import {
  bisidderWarning, changeGrantsMore, checkAmountGiven, checkChildViews, checkYearlyAmount, childIsParty, grantAuthority, grantStatus, needsCompetence, outsideCompetenceError, partyStatus,
  type AmountPeriod, type ChildViews, type DecisionBasis, type DecisionOutcome, type PlanInForce,
} from './rules.js';
import type { CompetenceRule } from '../competence/rules.js';

function refusal(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const views: ChildViews = { method: 'conversation', on: '2026-11-01', said: 'Jeg vil gerne i aflastning hos Bente.', notObtainedReason: null };
const none: ChildViews = { method: null, on: null, said: null, notObtainedReason: null };

describe("Barnets Lov §5 stk. 3-4: the child's views before every decision", () => {
  it("passes with the child's views (method, date, what the child said) or with the reason they were not obtained", () => {
    expect(() => checkChildViews(views, '2026-11-10', '2026-11-22')).not.toThrow();
    expect(() => checkChildViews({ ...none, notObtainedReason: 'Barnet er 2 år og har intet sprog; observeret i hjemmet.' }, '2026-11-10', '2026-11-22')).not.toThrow();
  });

  it("refuses a decision with neither, naming every field and §5", () => {
    const error = refusal(() => checkChildViews(none, '2026-11-10', '2026-11-22'));
    expect(error.statusCode).toBe(422);
    expect(error.code).toBe('child_views_missing');
    expect(error.message).toMatch(/§5/);
    expect(error.details.map((d) => d.field)).toEqual(['childViewsMethod', 'childViewsOn', 'childViews', 'childViewsNotObtainedReason']);
    expect(error.details.every((d) => /Barnets Lov §5/.test(d.message))).toBe(true);
  });

  it('refuses partial views (blank text counts as missing), naming only what is missing', () => {
    const error = refusal(() => checkChildViews({ ...views, said: '   ' }, '2026-11-10', '2026-11-22'));
    expect(error.code).toBe('child_views_missing');
    expect(error.details.map((d) => d.field)).toEqual(['childViews']);
    expect(refusal(() => checkChildViews({ ...views, method: null, on: null }, '2026-11-10', '2026-11-22')).details.map((d) => d.field))
      .toEqual(['childViewsMethod', 'childViewsOn']);
  });

  it('refuses views and a not-obtained reason together', () => {
    expect(refusal(() => checkChildViews({ ...views, notObtainedReason: 'Ville ikke' }, '2026-11-10', '2026-11-22')).code).toBe('child_views_conflicting');
  });

  it('the views are obtained on or before the decision date, and never in the future', () => {
    expect(() => checkChildViews({ ...views, on: '2026-11-10' }, '2026-11-10', '2026-11-22')).not.toThrow();
    expect(refusal(() => checkChildViews({ ...views, on: '2026-11-11' }, '2026-11-10', '2026-11-22')).code).toBe('child_views_after_decision');
    expect(refusal(() => checkChildViews({ ...views, on: '2026-11-23' }, '2026-11-30', '2026-11-22')).code).toBe('date_in_future');
  });
});

const basis = (law: string, category: string): DecisionBasis => ({ law, category, label: `${law} test`, yearlyAmountKind: null });

describe("Barnets Lov §3: the child's age on the decision date and party status from 10", () => {
  it.each([
    ['support measure (§32)', 'BL', 'support_measure', 9, false],
    ['support measure (§32)', 'BL', 'support_measure', 10, true],
    ['placement (§§46/47)', 'BL', 'placement', 9, false],
    ['placement (§§46/47)', 'BL', 'placement', 10, true],
    ['compensation (§§86, 87, 90)', 'BL', 'compensation', 10, false],
    ['financial support (§35)', 'BL', 'financial_support', 14, false],
    ['preventive (§30)', 'BL', 'preventive', 14, false],
    ['assessment (§§19-20: not listed in §3)', 'BL', 'assessment', 14, false],
    ['triage (§18)', 'BL', 'triage', 14, false],
    ['Serviceloven support measure (before 2024, not under §3)', 'SEL', 'support_measure', 14, false],
  ] as const)('%s at age %i → party %s', (_title, law, category, age, expected) => {
    expect(childIsParty(basis(law, category), age)).toBe(expected);
  });

  it('an unknown birth date leaves party status unknown where the age would decide', () => {
    expect(childIsParty(basis('BL', 'support_measure'), null)).toBeNull();
    expect(childIsParty(basis('BL', 'compensation'), null)).toBe(false);
  });

  it.each([
    ['2016-11-10', '2026-11-09', 9, false],
    ['2016-11-10', '2026-11-10', 10, true],
    // Born on 29 February: in a year without 29 February the birthday is 1 March (person/rules.ts ageOn).
    ['2016-02-29', '2026-02-28', 9, false],
    ['2016-02-29', '2026-03-01', 10, true],
    ['2016-02-29', '2028-02-29', 12, true],
    ['2018-02-28', '2028-02-28', 10, true],
  ])('born %s, decided %s → age %i, party %s (support measure)', (birthDate, decidedOn, age, party) => {
    expect(partyStatus(basis('BL', 'support_measure'), birthDate, decidedOn)).toEqual({ childAgeOnDecision: age, childIsParty: party });
  });

  it('§6: a party without a "told of the right to a bisidder" date gets a warning', () => {
    expect(bisidderWarning(true, null)).toBe(true);
    expect(bisidderWarning(true, '2026-10-01')).toBe(false);
    expect(bisidderWarning(false, null)).toBe(false);
    expect(bisidderWarning(null, null)).toBe(false);
  });
});

const bl86: DecisionBasis = { law: 'BL', category: 'compensation', label: 'BL §86', yearlyAmountKind: 'bl86_threshold_per_year' };
const bl87: DecisionBasis = { law: 'BL', category: 'compensation', label: 'BL §87', yearlyAmountKind: 'bl87_cap_per_month' };
const check = (b: DecisionBasis, amountDkk: number, period: AmountPeriod, configuredDkk: number | null, outcome: DecisionOutcome = 'granted') =>
  () => checkYearlyAmount({ basis: b, outcome, amountDkk, period, decidedOn: '2027-03-01', configuredDkk });

describe('Barnets Lov §86 threshold and §87 cap: yearly configuration, checked for the year of the decision', () => {
  // Test figures only: the real amounts are configuration, entered by an administrator each year.
  const threshold = 1200;
  const cap = 30000;

  it.each([
    ['100 kr. a month = 1,200 a year: reaches the threshold', 100, 'month', true],
    ['99.99 kr. a month = 1,199.88 a year: below', 99.99, 'month', false],
    ['1,200 kr. a year: reaches it', 1200, 'year', true],
    ['1,199.99 kr. a year: below', 1199.99, 'year', false],
    ['a one-off 1,200 kr. counts as that year\'s cost', 1200, 'once', true],
    ['a one-off 500 kr.: below', 500, 'once', false],
  ] as const)('§86: %s', (_title, amount, period, ok) => {
    if (ok) expect(check(bl86, amount, period, threshold)).not.toThrow();
    else {
      const error = refusal(check(bl86, amount, period, threshold));
      expect(error.code).toBe('below_yearly_threshold');
      expect(error.message).toMatch(/2027/);
      expect(error.details[0]!.field).toBe('amountDkk');
    }
  });

  it.each([
    ['30,000 kr. a month: at the cap', 30000, 'month', true],
    ['30,000.01 kr. a month: above', 30000.01, 'month', false],
    ['360,000 kr. a year = 30,000 a month: at the cap', 360000, 'year', true],
    ['360,000.12 kr. a year: above', 360000.12, 'year', false],
    ['a one-off 30,000 kr. counts as one month', 30000, 'once', true],
  ] as const)('§87: %s', (_title, amount, period, ok) => {
    if (ok) expect(check(bl87, amount, period, cap)).not.toThrow();
    else expect(refusal(check(bl87, amount, period, cap)).code).toBe('above_yearly_cap');
  });

  it('no configuration for the year: refused, telling an administrator to configure it', () => {
    const error = refusal(check(bl86, 5000, 'year', null));
    expect(error.code).toBe('yearly_amount_not_configured');
    expect(error.message).toMatch(/2027.*administrator/);
  });

  it('only grants and changes are checked, and only under a basis with a yearly amount', () => {
    expect(check(bl86, 1, 'year', threshold, 'refused')).not.toThrow();
    expect(check(bl86, 1, 'year', null, 'ended')).not.toThrow();
    expect(refusal(check(bl86, 1, 'year', threshold, 'changed')).code).toBe('below_yearly_threshold');
    expect(check(basis('BL', 'support_measure'), 1, 'year', null)).not.toThrow();
  });

  it('an amount comes with its period, and a §86/§87 grant states its amount', () => {
    expect(refusal(() => checkAmountGiven(bl86, 'granted', 100, null)).code).toBe('amount_period_required');
    expect(refusal(() => checkAmountGiven(bl86, 'granted', null, 'month')).code).toBe('amount_required');
    expect(refusal(() => checkAmountGiven(bl87, 'granted', null, null)).details[0]).toMatchObject({ field: 'amountDkk', code: 'amount_required' });
    expect(() => checkAmountGiven(bl86, 'refused', null, null)).not.toThrow();
    expect(() => checkAmountGiven(basis('BL', 'support_measure'), 'granted', null, null)).not.toThrow();
  });
});

describe('grantAuthority: who may grant under the plan in force (issue 8 item 2)', () => {
  const r = (over: Partial<CompetenceRule>): CompetenceRule => ({
    legalBasisId: null, category: null, decidedBy: 'core_team', role: null, departmentId: null, maxAmountDkk: null, amountPeriod: null, defaultPayerDepartmentId: null, ...over,
  });
  const plan: PlanInForce = {
    versionId: 'v1', versionNo: 1, committeeOnlyCategories: ['placement'],
    rules: [
      r({ legalBasisId: 'BL-86', decidedBy: 'role', role: 'coordinator', maxAmountDkk: 60_000, amountPeriod: 'year' }),
      r({ category: 'compensation', decidedBy: 'department_leader', departmentId: 'dis' }),
      r({ legalBasisId: 'BL-32', decidedBy: 'core_team' }),
      r({ category: 'placement', decidedBy: 'visitation_committee' }),
      r({ category: 'preventive', decidedBy: 'role', role: 'team_leader' }),
    ],
  };
  const actor = (roles: string[], departmentId: string | null = null) => ({ roles, departmentId });
  const coordinator = actor(['coordinator']);
  const basis = (legalBasisId: string, category: string) => ({ legalBasisId, category });
  const outcome = (p: PlanInForce | null, b: { legalBasisId: string; category: string }, amount: { amountDkk: number; period: 'month' | 'year' } | null, a: { roles: string[]; departmentId: string | null }) => {
    const result = grantAuthority(p, b, amount, a);
    return result.allowed ? `allowed ${result.decidedByKind} #${result.position}` : `${result.status} ${result.code}`;
  };
  const table: Array<[string, string, string]> = [
    ['a coordinator within the limit', outcome(plan, basis('BL-86', 'compensation'), { amountDkk: 5000, period: 'month' }, coordinator), 'allowed role #0'],
    ['a coordinator over the limit (month × 12)', outcome(plan, basis('BL-86', 'compensation'), { amountDkk: 5000.01, period: 'month' }, coordinator), '422 over_competence_limit'],
    ['a team leader may decide what a coordinator may', outcome(plan, basis('BL-86', 'compensation'), null, actor(['team_leader'], 'x')), 'allowed role #0'],
    ['a department head may too', outcome(plan, basis('BL-86', 'compensation'), null, actor(['department_head'], 'x')), 'allowed role #0'],
    ['a core-team member may not', outcome(plan, basis('BL-86', 'compensation'), null, actor(['core_team_member'])), '403 outside_competence'],
    ['a coordinator may not decide a team leader\'s rule', outcome(plan, basis('BL-30', 'preventive'), null, coordinator), '403 outside_competence'],
    ['a department head may decide a team leader\'s rule', outcome(plan, basis('BL-30', 'preventive'), null, actor(['department_head'])), 'allowed role #4'],
    ['the leader of the named department', outcome(plan, basis('BL-87', 'compensation'), null, actor(['team_leader'], 'dis')), 'allowed department_leader #1'],
    ['a leader of another department', outcome(plan, basis('BL-87', 'compensation'), null, actor(['department_head'], 'other')), '403 outside_competence'],
    ['a coordinator in the named department is no leader', outcome(plan, basis('BL-87', 'compensation'), null, actor(['coordinator'], 'dis')), '403 outside_competence'],
    ['core team → a proposal, never directly', outcome(plan, basis('BL-32', 'support_measure'), null, actor(['department_head'], 'dis')), '422 decided_by_core_team'],
    ['committee → never directly', outcome(plan, basis('BL-46', 'placement'), null, actor(['department_head'], 'dis')), '422 decided_by_committee'],
    ['no rule for the paragraph or category', outcome(plan, basis('BL-18', 'triage'), null, actor(['department_head'], 'dis')), '422 no_competence_rule'],
    ['no plan', outcome(null, basis('BL-86', 'compensation'), null, coordinator), '422 no_competence_plan'],
  ];
  for (const [name, actual, expected] of table) it(name, () => expect(actual).toBe(expected));

  it('needsCompetence: a grant, and a change only when it grants more', () => {
    expect([needsCompetence('granted', false), needsCompetence('changed', false), needsCompetence('changed', true), needsCompetence('refused', true), needsCompetence('ended', true)])
      .toEqual([true, false, true, false, false]);
    expect(changeGrantsMore(null, { amountDkk: 1, period: 'month' })).toBe(true);
    expect(changeGrantsMore({ amountDkk: 1000, period: 'month' }, { amountDkk: 12000, period: 'year' })).toBe(false);
    expect(changeGrantsMore({ amountDkk: 1000, period: 'month' }, { amountDkk: 12000.01, period: 'year' })).toBe(true);
  });

  it('the refusal names who can, by code and status', () => {
    const refusal = grantAuthority(plan, basis('BL-87', 'compensation'), null, coordinator);
    expect(refusal.allowed).toBe(false);
    if (refusal.allowed) return;
    const error = outsideCompetenceError({ ...refusal, rule: refusal.rule ? { ...refusal.rule, departmentName: 'Børnehandicap' } : null }, 'BL §87');
    expect([error.statusCode, error.code, error.message]).toEqual([403, 'outside_competence', 'Only the leader of Børnehandicap may grant BL §87.']);
  });
});

describe('grantStatus: a measure is granted only through a decision the plan allowed', () => {
  const table: Array<[Parameters<typeof grantStatus>[0], Parameters<typeof grantStatus>[1], string]> = [
    [null, null, 'not_decided'],
    [null, 'voting', 'proposed'],
    [null, 'referred', 'with_committee'],
    [{ outcome: 'granted', underPlan: true }, null, 'granted'],
    [{ outcome: 'changed', underPlan: true }, null, 'granted'],
    [{ outcome: 'granted', underPlan: false }, null, 'not_decided'],
    [{ outcome: 'refused', underPlan: false }, null, 'refused'],
    [{ outcome: 'ended', underPlan: false }, null, 'ended'],
    [{ outcome: 'refused', underPlan: false }, 'referred', 'with_committee'],
  ];
  table.forEach(([latest, open, expected], i) => it(`case ${i + 1}: ${expected}`, () => expect(grantStatus(latest, open)).toBe(expected)));
});
