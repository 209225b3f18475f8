import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { forbidden, notFound, staleVersion } from '../../platform/http/errors.js';
import { hasRole } from '../../platform/auth/actor.js';
import { activeStaffOfDepartment, goalQuery, userFacts, type GoalRow } from './repo.js';
import { checkBuddy, checkFollowUpDate, checkGoalPair, leads, relationTo, requireGoal, requireGoalsRole, type GoalRelation } from './rules.js';
import type { LearningGoalInput, LearningGoalList, LearningGoalPeople, LearningGoalUpdate, LearningGoalView } from './schema.js';

/** Individual learning goals (issue 9 item 6, 001:247-251): visible only to the employee, their leader and the buddy. */

function view(row: GoalRow, relation: GoalRelation, today: string): LearningGoalView {
  return {
    id: row.id,
    employee: { userId: row.employee_user_id, name: row.employee_name },
    leader: { userId: row.leader_user_id, name: row.leader_name },
    buddy: row.buddy_user_id ? { userId: row.buddy_user_id, name: row.buddy_name ?? '' } : null,
    goal: row.goal, followUpOn: row.follow_up_on, status: row.status as LearningGoalView['status'], notes: row.notes, relation,
    followUpDue: row.status === 'active' && row.follow_up_on <= today, version: row.version,
    abilities: { canEdit: relation !== 'buddy' },
  };
}

async function loadGoal(trx: Trx, ctx: RequestContext, id: string, action: 'read' | 'edit') {
  const row = await goalQuery(trx).where('g.id', '=', id).executeTakeFirst();
  // Unknown ids are 404 for everyone; an existing goal is refused to administrators and controllers by role (403).
  if (!row) throw notFound('The learning goal');
  requireGoalsRole(ctx.actor);
  const relation = requireGoal(row ? relationTo(ctx.actor.userId, row) : null, action);
  return { row: row!, relation };
}

/**
 * The caller's goals: their own, those they lead and those they are buddy on. With employeeUserId: that employee's
 * goals, for the employee and their leader (403 for anyone else — the list itself says whether goals exist).
 */
export async function listGoals(trx: Trx, ctx: RequestContext, employeeUserId?: string): Promise<LearningGoalList> {
  requireGoalsRole(ctx.actor);
  const me = ctx.actor.userId;
  let query = goalQuery(trx);
  if (employeeUserId && employeeUserId !== me) {
    const employee = await userFacts(trx, employeeUserId);
    const mine = await userFacts(trx, me);
    if (!employee || !mine || !leads(mine, employee)) throw forbidden('Only the employee and their leader see the employee\'s learning goals.');
    query = query.where('g.employee_user_id', '=', employeeUserId);
  } else if (employeeUserId === me) {
    query = query.where('g.employee_user_id', '=', me);
  } else {
    query = query.where((eb) => eb.or([eb('g.employee_user_id', '=', me), eb('g.leader_user_id', '=', me), eb('g.buddy_user_id', '=', me)]));
  }
  const rows = await query.orderBy('g.follow_up_on').execute();
  const today = todayIn(ctx.clock);
  // A leader listing an employee sees goals set with a predecessor too (they lead the employee now).
  const goals = rows.map((r) => view(r, relationTo(me, r) ?? 'leader', today));
  await audit(trx, ctx, { action: 'read', entityType: 'learning_goals', entityId: employeeUserId ?? me, reason: 'learning_goal' });
  return { goals };
}

export async function getGoal(trx: Trx, ctx: RequestContext, id: string): Promise<LearningGoalView> {
  const { row, relation } = await loadGoal(trx, ctx, id, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'learning_goal', entityId: id, reason: relation });
  return view(row, relation, todayIn(ctx.clock));
}

export async function createGoal(trx: Trx, ctx: RequestContext, input: LearningGoalInput): Promise<LearningGoalView> {
  requireGoalsRole(ctx.actor);
  const me = ctx.actor.userId;
  const employeeId = input.employeeUserId ?? me;
  const callerIsLeader = employeeId !== me;
  const leaderId = callerIsLeader ? me : input.leaderUserId;
  if (callerIsLeader && !hasRole(ctx.actor, 'team_leader', 'department_head')) {
    throw forbidden('Only the employee and their leader set a learning goal.');
  }
  if (callerIsLeader && input.leaderUserId && input.leaderUserId !== me) throw forbidden('A leader sets goals as themselves.');
  const [employee, leader] = await Promise.all([userFacts(trx, employeeId), leaderId ? userFacts(trx, leaderId) : Promise.resolve(undefined)]);
  checkGoalPair(employee, leader, callerIsLeader);
  if (input.buddyUserId) checkBuddy(await userFacts(trx, input.buddyUserId), employeeId);
  checkFollowUpDate(input.followUpOn, todayIn(ctx.clock));
  const created = await trx.insertInto('learning_goals').values({
    municipality_id: ctx.actor.municipalityId, employee_user_id: employeeId, leader_user_id: leaderId!, buddy_user_id: input.buddyUserId ?? null,
    goal: input.goal, follow_up_on: input.followUpOn, notes: input.notes ?? null, created_by: me, created_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'learning_goal', entityId: created.id, reason: callerIsLeader ? 'leader' : 'employee' });
  const row = await goalQuery(trx).where('g.id', '=', created.id).executeTakeFirstOrThrow();
  return view(row, callerIsLeader ? 'leader' : 'employee', todayIn(ctx.clock));
}

export async function updateGoal(trx: Trx, ctx: RequestContext, id: string, input: LearningGoalUpdate): Promise<LearningGoalView> {
  const { row, relation } = await loadGoal(trx, ctx, id, 'edit');
  if (input.buddyUserId) checkBuddy(await userFacts(trx, input.buddyUserId), row.employee_user_id);
  if (input.followUpOn && input.followUpOn !== row.follow_up_on) checkFollowUpDate(input.followUpOn, todayIn(ctx.clock));
  const updated = await trx.updateTable('learning_goals').set({
    goal: input.goal ?? row.goal, follow_up_on: input.followUpOn ?? row.follow_up_on, status: input.status ?? row.status,
    notes: input.notes !== undefined ? input.notes : row.notes,
    buddy_user_id: input.buddyUserId !== undefined ? input.buddyUserId : row.buddy_user_id,
    version: input.version + 1,
  }).where('id', '=', id).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The learning goal');
  await audit(trx, ctx, { action: 'update', entityType: 'learning_goal', entityId: id, reason: relation });
  const fresh = await goalQuery(trx).where('g.id', '=', id).executeTakeFirst();
  if (!fresh) throw notFound('The learning goal');
  return view(fresh, relation, todayIn(ctx.clock));
}

/** Who the caller may pick on the form: leaders of their department, the employees they lead, colleagues as buddies. */
export async function goalPeople(trx: Trx, ctx: RequestContext): Promise<LearningGoalPeople> {
  requireGoalsRole(ctx.actor);
  const department = ctx.actor.departmentId;
  const staff = department ? await activeStaffOfDepartment(trx, department) : [];
  const isLeader = hasRole(ctx.actor, 'team_leader', 'department_head');
  const person = (u: { id: string; name: string }) => ({ userId: u.id, name: u.name });
  const others = staff.filter((u) => u.id !== ctx.actor.userId && !u.roles.includes('parent'));
  return {
    leaders: others.filter((u) => u.roles.some((r) => r === 'team_leader' || r === 'department_head')).map(person),
    employees: isLeader ? others.map(person) : [],
    colleagues: others.map(person),
  };
}
