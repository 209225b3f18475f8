import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { allowsPlan, checkAgreement, checkGoals, checkLatest, diffVersions, type PlanReferences } from './rules.js';
import type { GoalInput, GoalView } from './schema.js';

const parent = '11111111-1111-4111-8111-111111111111';
const user = '22222222-2222-4222-8222-222222222222';
const refs: PlanReferences = {
  memberIds: new Set([parent]), measureIds: new Set(), departmentIds: new Set(), userIds: new Set([user]), meetingIds: new Set(), baseGoalKeys: new Set(),
};

function goal(overrides: Partial<GoalInput> = {}): GoalInput {
  return {
    title: 'Mål', horizon: 'short', specific: 's', measurable: 'm', accepted: 'a', realistic: 'r', startsOn: '2026-12-01', endsOn: '2027-01-01',
    evaluation: 'e', familyWords: null, professionalAssessment: null, statusNote: null, status: 'not_started',
    owners: [{ kind: 'person', personId: parent }], measureIds: [], departmentIds: [], activities: [], ...overrides,
  };
}

function thrown(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('joint plan rules', () => {
  it('goal_owner_required: every goal has at least one owner (000:783-784)', () => {
    expect(() => checkGoals([goal()], refs)).not.toThrow();
    const error = thrown(() => checkGoals([goal(), goal({ owners: [] })], refs));
    expect([error.statusCode, error.code, error.details[0]!.field]).toEqual([422, 'goal_owner_required', 'goals.1.owners']);
  });

  it('goal_period_invalid: a goal ends on or after its start (SMARTE T); the same day is fine', () => {
    expect(() => checkGoals([goal({ startsOn: '2027-01-01', endsOn: '2027-01-01' })], refs)).not.toThrow();
    const error = thrown(() => checkGoals([goal({ startsOn: '2027-01-02', endsOn: '2027-01-01' })], refs));
    expect([error.code, error.details[0]!.field, error.details[0]!.code]).toEqual(['goal_period_invalid', 'goals.0.endsOn', 'end_before_start']);
  });

  it('a partner owner needs only a name; a staff owner must be a known user', () => {
    expect(() => checkGoals([goal({ owners: [{ kind: 'partner', name: 'PPR-psykolog' }, { kind: 'user', userId: user }] })], refs)).not.toThrow();
    const error = thrown(() => checkGoals([goal({ owners: [{ kind: 'user', userId: parent }] })], refs));
    expect(error.details[0]).toMatchObject({ field: 'goals.0.owners.0.userId', code: 'unknown_user' });
  });

  it('plan_version_superseded: only the latest version is revised or agreed (409)', () => {
    expect(() => checkLatest(3, 3)).not.toThrow();
    const error = thrown(() => checkLatest(2, 3));
    expect([error.statusCode, error.code, error.details[0]!.field]).toEqual([409, 'plan_version_superseded', 'baseVersion']);
  });

  it('plan_agreed_with_family: at least one family member agrees, on a date that has come, once', () => {
    expect(() => checkAgreement({ agreedOn: '2026-11-22', personIds: [parent] }, new Set([parent]), '2026-11-22', false)).not.toThrow();
    expect(thrown(() => checkAgreement({ agreedOn: '2026-11-22', personIds: [] }, new Set([parent]), '2026-11-22', false)).code).toBe('plan_agreed_with_family');
    expect(thrown(() => checkAgreement({ agreedOn: '2026-11-23', personIds: [parent] }, new Set([parent]), '2026-11-22', false)).code).toBe('date_in_future');
    expect(thrown(() => checkAgreement({ agreedOn: '2026-11-22', personIds: [parent] }, new Set([parent]), '2026-11-22', true)).statusCode).toBe(409);
  });

  it('parents read the plan but never change it; core team records statuses; leads revise and agree', () => {
    expect(['read', 'revise', 'update_status', 'agree'].map((a) => allowsPlan('parent', a as 'read'))).toEqual([true, false, false, false]);
    expect(['read', 'revise', 'update_status', 'agree'].map((a) => allowsPlan('core_team', a as 'read'))).toEqual([true, false, true, false]);
    expect(['read', 'revise', 'update_status', 'agree'].map((a) => allowsPlan('family_coordinator', a as 'read'))).toEqual([true, true, true, true]);
    expect(allowsPlan(null, 'read')).toBe(false);
  });
});

describe('comparing two versions', () => {
  const view = (key: string, overrides: Partial<GoalView> = {}): GoalView => ({
    goalKey: key, title: `Mål ${key}`, concernsPersonId: null, concernsName: null, horizon: 'short', specific: 's', measurable: 'm', accepted: 'a',
    realistic: 'r', startsOn: '2026-12-01', endsOn: '2027-01-01', evaluation: 'e', familyWords: null, professionalAssessment: null, status: 'not_started',
    statusNote: null, statusMeetingId: null, visibility: 'family', owners: [{ kind: 'partner', personId: null, userId: null, name: 'Skolen' }], measures: [], departments: [], activities: [],
    ...overrides,
  });

  it('lists goals added, removed and changed with each changed field before and after', () => {
    const diff = diffVersions(
      { number: 1, goals: [view('a'), view('b'), view('c')] },
      { number: 2, goals: [view('a', { status: 'achieved', owners: [{ kind: 'partner', personId: null, userId: null, name: 'PPR' }] }), view('c'), view('d')] },
    );
    expect(diff.added.map((g) => g.goalKey)).toEqual(['d']);
    expect(diff.removed.map((g) => g.goalKey)).toEqual(['b']);
    expect(diff.unchanged.map((g) => g.goalKey)).toEqual(['c']);
    expect(diff.changed).toEqual([{ goalKey: 'a', title: 'Mål a', changes: [
      { field: 'status', before: 'not_started', after: 'achieved' },
      { field: 'owners', before: ['Skolen'], after: ['PPR'] },
    ] }]);
  });
});

describe('one refusal lists every problem', () => {
  it('names the first rule broken (owner) and lists the period problem of another goal too', () => {
    const error = (() => {
      try {
        checkGoals([goal({ owners: [] }), goal({ startsOn: '2027-02-01', endsOn: '2027-01-01' })], refs);
      } catch (e) {
        return e as AppError;
      }
      throw new Error('expected a refusal');
    })();
    expect(error.code).toBe('goal_owner_required');
    expect(error.details.map((d) => d.field)).toEqual(['goals.0.owners', 'goals.1.endsOn']);
  });
});
