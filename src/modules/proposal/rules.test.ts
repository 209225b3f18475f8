import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { expectedBy } from '../committee/rules.js';
import type { CompetenceRule } from '../competence/rules.js';
import type { PlanInForce } from '../decision/rules.js';
import { proposalRoute, tally, type CastVote } from './rules.js';

const rule = (over: Partial<CompetenceRule>): CompetenceRule => ({
  legalBasisId: null, category: null, decidedBy: 'core_team', role: null, departmentId: null, maxAmountDkk: null, amountPeriod: null, defaultPayerDepartmentId: null, ...over,
});
const plan = (committeeOnly = ['placement']): PlanInForce => ({
  versionId: 'v', versionNo: 1, committeeOnlyCategories: committeeOnly,
  rules: [
    rule({ legalBasisId: 'BL-32', decidedBy: 'core_team', maxAmountDkk: 250_000, amountPeriod: 'year' }),
    rule({ category: 'placement', decidedBy: 'core_team' }),
    rule({ category: 'preventive', decidedBy: 'visitation_committee' }),
    rule({ category: 'compensation', decidedBy: 'role', role: 'coordinator', maxAmountDkk: 5000, amountPeriod: 'month' }),
  ],
});

describe('tally: unanimity grants, one disagreement refers (000:876-881)', () => {
  const agree = (id: string): CastVote => ({ voterUserId: id, vote: 'agree' });
  const disagree = (id: string): CastVote => ({ voterUserId: id, vote: 'disagree' });
  const table: Array<[string, string[], CastVote[], 'voting' | 'granted' | 'referred']> = [
    ['no votes yet', ['a', 'b', 'c'], [], 'voting'],
    ['some agree', ['a', 'b', 'c'], [agree('a'), agree('b')], 'voting'],
    ['all agree → granted', ['a', 'b', 'c'], [agree('a'), agree('b'), agree('c')], 'granted'],
    ['one disagreement → referred at once', ['a', 'b', 'c'], [disagree('b')], 'referred'],
    ['one disagreement among agreements → referred', ['a', 'b', 'c'], [agree('a'), disagree('b'), agree('c')], 'referred'],
    ['a one-member core team agreeing → granted', ['a'], [agree('a')], 'granted'],
    ['a former member\'s vote does not count', ['a', 'b'], [agree('a'), disagree('x')], 'voting'],
    ['a former member\'s agreement does not complete unanimity', ['a'], [agree('x')], 'voting'],
    ['a core team without members never decides', [], [], 'voting'],
  ];
  for (const [name, members, cast, expected] of table) it(name, () => expect(tally(members, cast)).toBe(expected));
});

describe('proposalRoute: where a proposal goes under the plan', () => {
  const route = (p: PlanInForce | null, legalBasisId: string, category: string, amount: { amountDkk: number; period: 'month' | 'year' } | null = null) => {
    try {
      const r = proposalRoute(p, { legalBasisId, category }, amount, legalBasisId);
      return r.to === 'committee' ? `committee:${r.reason}` : r.to;
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return `${(error as AppError).statusCode} ${(error as AppError).code}`;
    }
  };
  const table: Array<[string, string]> = [
    [route(plan(), 'BL-32', 'support_measure'), 'core_team'],
    [route(plan(), 'BL-32', 'support_measure', { amountDkk: 20_000, period: 'month' }), 'core_team'],
    [route(plan(), 'BL-32', 'support_measure', { amountDkk: 21_000, period: 'month' }), 'committee:over_limit'],
    [route(plan(), 'BL-46', 'placement'), 'committee:excepted_category'],
    [route(plan([]), 'BL-46', 'placement'), 'core_team'],
    [route(plan(['support_measure']), 'BL-32', 'support_measure'), 'committee:excepted_category'],
    [route(plan(), 'BL-30', 'preventive'), 'committee:excepted_category'],
    [route(plan(), 'BL-86', 'compensation', { amountDkk: 4000, period: 'month' }), '422 proposal_not_needed'],
    [route(plan(), 'BL-86', 'compensation', { amountDkk: 6000, period: 'month' }), 'committee:over_limit'],
    [route(plan(), 'BL-18', 'triage'), '422 no_competence_rule'],
    [route(null, 'BL-32', 'support_measure'), '422 no_competence_plan'],
  ];
  table.forEach(([actual, expected], i) => it(`case ${i + 1}: ${expected}`, () => expect(actual).toBe(expected)));
});

describe('expectedBy: the next committee meeting on or after the referral, else 14 days', () => {
  it('the next meeting on or after the referral day', () => expect(expectedBy('2026-11-22', ['2026-11-01', '2026-12-03', '2026-11-25'])).toEqual({ expectedBy: '2026-11-25', meetsOn: '2026-11-25' }));
  it('a meeting on the referral day itself counts', () => expect(expectedBy('2026-11-22', ['2026-11-22'])).toEqual({ expectedBy: '2026-11-22', meetsOn: '2026-11-22' }));
  it('no meeting planned → referral + 14 days (across a month end)', () => expect(expectedBy('2026-11-22', ['2026-11-21'])).toEqual({ expectedBy: '2026-12-06', meetsOn: null }));
  it('across a year end', () => expect(expectedBy('2026-12-25', [])).toEqual({ expectedBy: '2027-01-08', meetsOn: null }));
});
