import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { checkCompetenceRules, competenceFor, type CompetenceRule } from './rules.js';

const rule = (over: Partial<CompetenceRule>): CompetenceRule => ({
  legalBasisId: null, category: null, decidedBy: 'core_team', role: null, departmentId: null, maxAmountDkk: null, amountPeriod: null,
  defaultPayerDepartmentId: null, ...over,
});

const plan = {
  rules: [
    rule({ category: 'compensation', decidedBy: 'role', role: 'coordinator', maxAmountDkk: 5000, amountPeriod: 'month' }),
    rule({ legalBasisId: 'BL-87', decidedBy: 'department_leader', departmentId: 'd1', maxAmountDkk: 300_000, amountPeriod: 'year' }),
    rule({ category: 'placement', decidedBy: 'visitation_committee' }),
  ],
};

describe('competenceFor: who may grant a legal basis under the plan', () => {
  const cases: Array<[string, { legalBasisId: string; category: string }, { amountDkk: number; period: 'month' | 'year' } | undefined, unknown]> = [
    ['a paragraph rule beats its category rule', { legalBasisId: 'BL-87', category: 'compensation' }, undefined,
      { matchedBy: 'paragraph', overLimit: false, rule: expect.objectContaining({ decidedBy: 'department_leader' }) }],
    ['another paragraph of the category falls back to the category rule', { legalBasisId: 'BL-86', category: 'compensation' }, undefined,
      { matchedBy: 'category', overLimit: false, rule: expect.objectContaining({ role: 'coordinator' }) }],
    ['a rule without a limit is never over it', { legalBasisId: 'BL-46', category: 'placement' }, { amountDkk: 1e6, period: 'year' },
      { matchedBy: 'category', overLimit: false, rule: expect.objectContaining({ decidedBy: 'visitation_committee' }) }],
    ['an amount within the limit', { legalBasisId: 'BL-86', category: 'compensation' }, { amountDkk: 5000, period: 'month' }, expect.objectContaining({ overLimit: false })],
    ['an amount over the limit is reported', { legalBasisId: 'BL-86', category: 'compensation' }, { amountDkk: 5000.01, period: 'month' }, expect.objectContaining({ overLimit: true })],
    ['a yearly amount against a monthly limit (×12)', { legalBasisId: 'BL-86', category: 'compensation' }, { amountDkk: 60_001, period: 'year' }, expect.objectContaining({ overLimit: true })],
    ['a monthly amount against a yearly limit', { legalBasisId: 'BL-87', category: 'compensation' }, { amountDkk: 25_000, period: 'month' }, expect.objectContaining({ overLimit: false })],
    ['no rule for the paragraph or its category → null', { legalBasisId: 'BL-32', category: 'support_measure' }, undefined, null],
  ];
  for (const [name, basis, amount, expected] of cases) {
    it(name, () => expect(competenceFor(plan, basis, amount)).toEqual(expected));
  }
  it('an empty plan → null', () => expect(competenceFor({ rules: [] }, { legalBasisId: 'BL-86', category: 'compensation' })).toBeNull());
});

describe('checkCompetenceRules: each problem names the rule', () => {
  const refs = { legalBasisIds: new Set(['BL-86', 'BL-87']), departmentIds: new Set(['d1']) };
  const problems = (rules: CompetenceRule[]) => {
    try {
      checkCompetenceRules(rules, refs);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).details.map((d) => `${d.field} ${d.code}`);
    }
  };
  it('a valid plan passes', () => expect(problems(plan.rules)).toEqual([]));
  const table: Array<[string, CompetenceRule, string]> = [
    ['both paragraph and category', rule({ legalBasisId: 'BL-86', category: 'compensation' }), 'rules.1.legalBasisId basis_or_category'],
    ['neither paragraph nor category', rule({}), 'rules.1.legalBasisId basis_or_category'],
    ['unknown legal basis', rule({ legalBasisId: 'BL-999' }), 'rules.1.legalBasisId unknown_legal_basis'],
    ['unknown department', rule({ legalBasisId: 'BL-86', defaultPayerDepartmentId: 'nope' }), 'rules.1.defaultPayerDepartmentId unknown_department'],
    ["'role' without a role", rule({ legalBasisId: 'BL-86', decidedBy: 'role' }), 'rules.1.role role_missing'],
    ["'department_leader' without a department", rule({ legalBasisId: 'BL-86', decidedBy: 'department_leader' }), 'rules.1.departmentId department_missing'],
    ['an amount without a period', rule({ legalBasisId: 'BL-86', maxAmountDkk: 100 }), 'rules.1.amountPeriod amount_without_period'],
    ['a duplicate category rule', rule({ category: 'compensation' }), 'rules.1.category duplicate_rule'],
  ];
  for (const [name, bad, expected] of table) {
    it(name, () => expect(problems([rule({ category: 'compensation' }), bad])).toEqual([expected]));
  }
});
