import { describe, expect, it } from 'vitest';
import { roles, type Actor, type Role } from '../auth/actor.js';
import { AppError } from '../http/errors.js';
import { allows, allowsCase, caseAccessReasons, isExternalPartner, requireCase, type CaseAccessReason, type CaseAction, type GeneralAction } from './policy.js';

/**
 * The need-to-know rules as pure tables (style.md §6 rules tests). The database-backed matrix with real personas is
 * test/need-to-know.test.ts; this file pins down every reason × action so a changed rule is a visible diff.
 */

const actions: CaseAction[] = ['read', 'edit', 'manage_team', 'view_access_log'];

// reason → [read, edit, manage_team, view_access_log]
const expected: Record<CaseAccessReason, [boolean, boolean, boolean, boolean]> = {
  family_coordinator: [true, true, true, true], // EFEI's one contact (000:97-99)
  primary_caseworker: [true, true, true, true], // SOF's one contact (001:160-187)
  caseworker: [true, true, true, false], // the child's caseworker with authority (000:556-561)
  buddy: [true, true, false, false], // SOF makker (001:182-187): stands in, does not staff the case
  deputy: [true, true, false, false], // stedfortræder during an absence (issue 9 item 3): time-bound, does not staff the case
  department_leader: [true, true, true, true], // leaders of the responsible department
  core_team: [true, false, false, false], // core team: reads to take part, does not change the case (000:563-603)
  family_creator: [true, true, true, false], // registered the family, no case yet
  parent: [false, false, false, false], // parents see their family through the portal (/api/me/family), never staff pages
};

describe('allowsCase: every access reason × every case action', () => {
  it('the table names every reason there is', () => {
    expect(Object.keys(expected).sort()).toEqual([...caseAccessReasons].sort());
  });

  for (const reason of caseAccessReasons) {
    for (const [i, action] of actions.entries()) {
      const allowed = expected[reason][i];
      it(`${reason} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        expect(allowsCase(reason, action)).toBe(allowed);
      });
    }
  }

  it('no relation to the case (null) allows nothing', () => {
    for (const action of actions) expect(allowsCase(null, action)).toBe(false);
  });

  it('whoever may do anything with a case may also read it (no write-only access)', () => {
    for (const reason of caseAccessReasons) {
      if (actions.some((a) => allowsCase(reason, a))) expect(allowsCase(reason, 'read')).toBe(true);
    }
  });
});

describe('record_meeting: who writes a meeting\'s points, minutes, decisions and agreements', () => {
  // Everyone who may edit the case, plus the core team: one of its members takes the minutes (000:586-589).
  const allowed: CaseAccessReason[] = ['family_coordinator', 'primary_caseworker', 'caseworker', 'buddy', 'deputy', 'department_leader', 'family_creator', 'core_team'];
  for (const reason of caseAccessReasons) {
    it(`${reason} ${allowed.includes(reason) ? 'may' : 'may not'} record meetings`, () => {
      expect(allowsCase(reason, 'record_meeting')).toBe(allowed.includes(reason));
    });
  }
});

describe('requireCase: 404 for what the caller may not read, 403 for what they may read but not do', () => {
  const statusOf = (reason: CaseAccessReason | null, action: CaseAction): number | CaseAccessReason => {
    try {
      return requireCase(reason, action);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).statusCode;
    }
  };

  it('no relation → 404 for every action, so the record\'s existence is not revealed', () => {
    for (const action of actions) expect(statusOf(null, action)).toBe(404);
  });

  it('a parent → 404 on staff routes too', () => {
    for (const action of actions) expect(statusOf('parent', action)).toBe(404);
  });

  it('core team → may read (returns the reason for the audit row) but gets 403 for edit, manage_team and the access log', () => {
    expect(statusOf('core_team', 'read')).toBe('core_team');
    expect(statusOf('core_team', 'edit')).toBe(403);
    expect(statusOf('core_team', 'manage_team')).toBe(403);
    expect(statusOf('core_team', 'view_access_log')).toBe(403);
  });

  it('buddy → 403 for managing the team and the access log, the reason otherwise', () => {
    expect(statusOf('buddy', 'edit')).toBe('buddy');
    expect(statusOf('buddy', 'manage_team')).toBe(403);
    expect(statusOf('buddy', 'view_access_log')).toBe(403);
  });
});

describe('allows: role × role-level action', () => {
  const actor = (role: Role): Actor => ({ userId: 'u', municipalityId: 'm', roles: [role], departmentId: null, personId: null, name: 'n' });
  const table: Record<GeneralAction, Role[]> = {
    create_family: ['coordinator', 'team_leader', 'department_head'],
    create_case: ['coordinator', 'team_leader', 'department_head'],
    manage_users: ['administrator'],
    manage_municipality: ['administrator'],
    list_staff: ['coordinator', 'core_team_member', 'team_leader', 'department_head', 'administrator', 'controller'],
    // Issue 5 item 4: external partners use the partner API only, not search.
    search: ['coordinator', 'core_team_member', 'team_leader', 'department_head'],
    view_own_family: ['parent'],
    // Issue 8 item 1: the competence plan is read by all staff, edited by leaders and administrators.
    read_competence_plan: ['coordinator', 'core_team_member', 'team_leader', 'department_head', 'administrator', 'controller'],
    edit_competence_plan: ['team_leader', 'department_head', 'administrator'],
    read_fidelity_results: ['team_leader', 'department_head'],
    // Issue 8 item 3: the visitation committee's record is kept by department heads and team leaders.
    decide_in_committee: ['team_leader', 'department_head'],
    // Issue 10: surveys kept by leaders, results read by leaders and controllers, the staff survey answered by staff.
    manage_surveys: ['team_leader', 'department_head', 'administrator'],
    read_survey_results: ['team_leader', 'department_head', 'administrator', 'controller'],
    answer_staff_survey: ['coordinator', 'core_team_member', 'team_leader', 'department_head'],
    // Issue 8 items 4-6: money and aggregates for leaders and controllers; any family's costs for controllers only.
    read_cost_reports: ['team_leader', 'department_head', 'controller'],
    enter_cost_postings: ['team_leader', 'department_head', 'controller'],
    read_any_family_costs: ['controller'],
  };
  for (const [action, allowed] of Object.entries(table) as Array<[GeneralAction, Role[]]>) {
    it(`${action}: only ${allowed.join(', ')}`, () => {
      for (const role of roles) expect(allows(actor(role), action), role).toBe(allowed.includes(role));
    });
  }

  it('parents, administrators, controllers and external partners cannot search case data', () => {
    for (const role of ['parent', 'administrator', 'controller', 'external_partner'] as const) expect(allows(actor(role), 'search')).toBe(false);
  });
});

describe('isExternalPartner: who works through the partner API (issue 5 item 4)', () => {
  const actor = (roles: Role[]): Actor => ({ userId: 'u', municipalityId: 'm', roles, departmentId: 'd', personId: null, name: 'n' });
  it('a user with only the external_partner role is a partner; one who is also municipal staff keeps the staff rules', () => {
    expect(isExternalPartner(actor(['external_partner']))).toBe(true);
    expect(isExternalPartner(actor(['external_partner', 'core_team_member']))).toBe(false);
    expect(isExternalPartner(actor(['coordinator']))).toBe(false);
    expect(isExternalPartner(actor(['parent']))).toBe(false);
  });
});
