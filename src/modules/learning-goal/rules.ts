import type { Actor } from '../../platform/auth/actor.js';
import { hasRole } from '../../platform/auth/actor.js';
import { forbidden, notFound, unprocessable } from '../../platform/http/errors.js';

/**
 * Individual learning goals (issue 9 item 6; SOF 001:247-251: "individuelle læringsmål … i samarbejde med lederen …
 * makkerskaber"). The goal belongs to the employee, is set with their leader — a team leader or department head of the
 * employee's own department — and may be followed up with a buddy. Only these three may see it: it is personal data
 * about an employee, not management information, so administrators and controllers are refused too.
 */

export type GoalRelation = 'employee' | 'leader' | 'buddy';

export interface UserFacts { id: string; roles: string[]; departmentId: string | null; active: boolean }

/** Staff who have learning goals at all (external partners, parents, administrators and controllers do not). */
export function requireGoalsRole(actor: Actor): void {
  if (!hasRole(actor, 'coordinator', 'core_team_member', 'team_leader', 'department_head')) throw forbidden('Your role does not allow learning goals.');
}

/** A leader of the employee: team leader or department head of the employee's department. */
export function leads(leader: Pick<UserFacts, 'roles' | 'departmentId' | 'active'>, employee: Pick<UserFacts, 'departmentId'>): boolean {
  return leader.active && employee.departmentId !== null && leader.departmentId === employee.departmentId
    && leader.roles.some((r) => r === 'team_leader' || r === 'department_head');
}

/** The caller's relation to a goal, strongest first; null when they have none. */
export function relationTo(actorId: string, goal: { employee_user_id: string; leader_user_id: string; buddy_user_id: string | null }): GoalRelation | null {
  if (goal.employee_user_id === actorId) return 'employee';
  if (goal.leader_user_id === actorId) return 'leader';
  if (goal.buddy_user_id === actorId) return 'buddy';
  return null;
}

/** Records the caller may not read are 404; the buddy reads but does not change the goal (403). */
export function requireGoal(relation: GoalRelation | null, action: 'read' | 'edit'): GoalRelation {
  if (relation === null) throw notFound('The learning goal');
  if (action === 'edit' && relation === 'buddy') throw forbidden('The buddy follows the goal but does not change it.');
  return relation;
}

/**
 * Who sets the goal: the employee with their leader. Returns the field at fault when the pair is not an employee and
 * a leader of the employee's department.
 */
export function checkGoalPair(employee: UserFacts | undefined, leader: UserFacts | undefined, callerIsLeader: boolean): void {
  if (!employee || !employee.active) {
    throw unprocessable('not_staff', 'Choose an active employee.', [{ field: 'employeeUserId', code: 'not_staff', message: 'Choose an active employee.' }]);
  }
  if (!leader || !leads(leader, employee)) {
    // A leader naming someone outside their department: the employee is at fault; an employee naming a non-leader: the leader.
    const field = callerIsLeader ? 'employeeUserId' : 'leaderUserId';
    throw unprocessable('outside_leaders_department', 'A learning goal is set by the employee with a leader of the employee\'s own department (001:247-251).', [
      { field, code: 'outside_leaders_department', message: callerIsLeader ? 'Choose an employee of your own department.' : 'Choose a team leader or department head of your department.' },
    ]);
  }
}

export function checkBuddy(buddy: UserFacts | undefined, employeeId: string): void {
  if (!buddy || !buddy.active || buddy.id === employeeId || !buddy.roles.some((r) => ['coordinator', 'core_team_member', 'team_leader', 'department_head'].includes(r))) {
    throw unprocessable('buddy_invalid', 'The buddy is an active colleague other than the employee.', [
      { field: 'buddyUserId', code: 'buddy_invalid', message: 'Choose an active colleague other than the employee.' },
    ]);
  }
}

/** A follow-up is set on today or later when the goal is written. */
export function checkFollowUpDate(on: string, today: string): void {
  if (on < today) {
    throw unprocessable('date_in_past', 'The follow-up date is in the past.', [{ field: 'followUpOn', code: 'date_in_past', message: 'Choose today or a later day.' }]);
  }
}
