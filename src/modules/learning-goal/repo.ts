import type { Trx } from '../../platform/db/tenant.js';
import type { UserFacts } from './rules.js';

export async function userFacts(trx: Trx, userId: string): Promise<UserFacts | undefined> {
  const row = await trx.selectFrom('users').select(['id', 'roles', 'department_id', 'active']).where('id', '=', userId).executeTakeFirst();
  return row ? { id: row.id, roles: row.roles, departmentId: row.department_id, active: row.active } : undefined;
}

export function goalQuery(trx: Trx) {
  return trx.selectFrom('learning_goals as g')
    .innerJoin('users as e', (j) => j.onRef('e.municipality_id', '=', 'g.municipality_id').onRef('e.id', '=', 'g.employee_user_id'))
    .innerJoin('users as l', (j) => j.onRef('l.municipality_id', '=', 'g.municipality_id').onRef('l.id', '=', 'g.leader_user_id'))
    .leftJoin('users as b', (j) => j.onRef('b.municipality_id', '=', 'g.municipality_id').onRef('b.id', '=', 'g.buddy_user_id'))
    .select(['g.id', 'g.employee_user_id', 'g.leader_user_id', 'g.buddy_user_id', 'g.goal', 'g.follow_up_on', 'g.status', 'g.notes', 'g.version',
      'e.name as employee_name', 'l.name as leader_name', 'b.name as buddy_name']);
}
export type GoalRow = Awaited<ReturnType<ReturnType<typeof goalQuery>['executeTakeFirstOrThrow']>>;

export async function activeStaffOfDepartment(trx: Trx, departmentId: string) {
  return trx.selectFrom('users').select(['id', 'name', 'roles']).where('department_id', '=', departmentId).where('active', '=', true).orderBy('name').execute();
}
