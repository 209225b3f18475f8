import { audit } from '../../platform/audit/audit.js';
import { listCaseAccess } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { allowsCase, requireCase, requireRole } from '../../platform/policy/policy.js';
import { findFamilyWithReason } from '../family/index.js';
import { measuresOfCases } from '../measure/index.js';
import { allocateCaseNumber, assignmentsOf, casesOfFamily, findCase, teamMembersOf, type CaseRow } from './repo.js';
import { checkCaseworkerAuthority, checkCoordinator, checkHandoverGiven, checkLeadRole, checkStatusChange, leadRoleOf } from './rules.js';
import type { AssignmentInput, CaseInput, CaseSummary, CaseUpdate, TeamMemberInput } from './schema.js';

/** Builds the full views of some cases the actor may read: assignments, core team, measures, abilities. */
export async function summarize(trx: Trx, ctx: RequestContext, rows: CaseRow[]): Promise<CaseSummary[]> {
  const today = todayIn(ctx.clock);
  const readable = rows.filter((r) => allowsCase(r.reason, 'read'));
  const ids = readable.map((r) => r.id);
  const [assignments, team, measures] = await Promise.all([assignmentsOf(trx, ids), teamMembersOf(trx, ids), measuresOfCases(trx, ids, today)]);
  return readable.map((r) => {
    const own = assignments.filter((a) => a.caseId === r.id).map(({ caseId: _c, ...a }) => a);
    const current = own.filter((a) => a.startsOn <= today && (a.endsOn === null || a.endsOn >= today));
    return {
      id: r.id, familyId: r.family_id, caseNumber: r.case_number, childId: r.child_id, childName: `${r.child_first_name} ${r.child_last_name}`,
      model: r.model, status: r.status, statusReason: r.status_reason, openedOn: r.opened_on, closedOn: r.closed_on,
      responsibleDepartmentId: r.responsible_department_id, responsibleDepartmentName: r.department_name,
      lead: current.find((a) => a.role === leadRoleOf[r.model]) ?? null,
      assignments: own,
      teamMembers: team.filter((t) => t.caseId === r.id).map(({ caseId: _c, ...t }) => t),
      measures: measures.filter((m) => m.caseId === r.id),
      version: r.version,
      accessReason: r.reason!,
      abilities: {
        canEdit: allowsCase(r.reason, 'edit') && r.status !== 'closed',
        canManageTeam: allowsCase(r.reason, 'manage_team'),
        canViewAccessLog: allowsCase(r.reason, 'view_access_log'),
      },
    };
  });
}

export async function caseSummariesOfFamily(trx: Trx, ctx: RequestContext, familyId: string): Promise<CaseSummary[]> {
  return summarize(trx, ctx, await casesOfFamily(trx, ctx.actor, todayIn(ctx.clock), familyId));
}

async function loadCase(trx: Trx, ctx: RequestContext, caseId: string, action: Parameters<typeof requireCase>[1]) {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, action);
  return { row: row!, reason };
}

export async function getCase(trx: Trx, ctx: RequestContext, caseId: string): Promise<CaseSummary> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'case', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return (await summarize(trx, ctx, [row]))[0]!;
}

export async function createCase(trx: Trx, ctx: RequestContext, input: CaseInput): Promise<CaseSummary> {
  requireRole(ctx.actor, 'create_case');
  const today = todayIn(ctx.clock);
  const family = await findFamilyWithReason(trx, ctx.actor, today, input.familyId);
  requireCase(family?.reason ?? null, 'edit', 'The family');
  const child = await trx.selectFrom('family_members').select('relation')
    .where('family_id', '=', input.familyId).where('person_id', '=', input.childId).executeTakeFirst();
  if (!child || child.relation !== 'child') {
    throw unprocessable('not_a_child_of_family', 'A case is opened for a child of the family.', [
      { field: 'childId', code: 'not_a_child_of_family', message: 'Choose a child who is a member of this family.' },
    ]);
  }
  const leadUserId = input.leadUserId ?? ctx.actor.userId;
  await requireStaff(trx, leadUserId, 'leadUserId');
  if (input.model === 'efei') {
    // A new case has no caseworker yet, so only the department half of 000:556-561 can be enforced here; a coordinator
    // without authority shows the warning until the child's caseworker is assigned.
    checkCoordinator(await coordinatorFacts(trx, leadUserId), true, 'leadUserId');
  }
  const caseNumber = await allocateCaseNumber(trx, ctx.actor.municipalityId, Number(input.openedOn.slice(0, 4)));
  const created = await trx.insertInto('cases').values({
    municipality_id: ctx.actor.municipalityId, family_id: input.familyId, child_id: input.childId, case_number: caseNumber,
    model: input.model, opened_on: input.openedOn, responsible_department_id: input.responsibleDepartmentId,
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('case_assignments').values({
    municipality_id: ctx.actor.municipalityId, case_id: created.id, user_id: leadUserId, role: leadRoleOf[input.model],
    starts_on: input.openedOn < today ? input.openedOn : today,
  }).execute();
  await audit(trx, ctx, { action: 'create', entityType: 'case', entityId: created.id, familyIds: [input.familyId], caseIds: [created.id], reason: family!.reason! });
  const row = await findCase(trx, ctx.actor, today, created.id);
  if (!row?.reason) {
    // The creator handed the case to someone else and has no other relation to it: say so rather than 404.
    return (await summarize(trx, ctx, [{ ...row!, reason: 'family_creator' }]))[0]!;
  }
  return (await summarize(trx, ctx, [row]))[0]!;
}

/** What 000:556-561 asks of a family coordinator: their department's kind and whether they have authority. */
export async function coordinatorFacts(trx: Trx, userId: string): Promise<{ departmentKind: string | null; hasAuthority: boolean }> {
  const user = await trx.selectFrom('users as u')
    .leftJoin('departments as d', (join) => join.onRef('d.municipality_id', '=', 'u.municipality_id').onRef('d.id', '=', 'u.department_id'))
    .select(['d.kind', 'u.has_authority']).where('u.id', '=', userId).executeTakeFirst();
  return { departmentKind: user?.kind ?? null, hasAuthority: user?.has_authority ?? false };
}

/** Whether the case has the child's caseworker with authority assigned on the given day. */
export async function hasCaseworkerWithAuthority(trx: Trx, caseId: string, on: string): Promise<boolean> {
  const row = await trx.selectFrom('case_assignments as a')
    .innerJoin('users as u', (join) => join.onRef('u.municipality_id', '=', 'a.municipality_id').onRef('u.id', '=', 'a.user_id'))
    .select('a.id').where('a.case_id', '=', caseId).where('a.role', '=', 'caseworker').where('u.has_authority', '=', true)
    .where('a.starts_on', '<=', on).where((eb) => eb.or([eb('a.ends_on', 'is', null), eb('a.ends_on', '>=', on)]))
    .executeTakeFirst();
  return !!row;
}

/** Assignees and core-team members are staff of the municipality (RLS already keeps other municipalities out). */
async function requireStaff(trx: Trx, userId: string, field: string): Promise<{ roles: string[] }> {
  const user = await trx.selectFrom('users').select(['roles', 'active']).where('id', '=', userId).executeTakeFirst();
  const staff = user?.active && user.roles.some((r) => r !== 'parent');
  if (!user || !staff) {
    throw unprocessable('not_staff', 'Choose an active staff member.', [{ field, code: 'not_staff', message: 'Choose an active staff member of the municipality.' }]);
  }
  return user;
}

export async function updateCase(trx: Trx, ctx: RequestContext, caseId: string, input: CaseUpdate): Promise<CaseSummary> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  const today = todayIn(ctx.clock);
  const status = input.status ?? row.status;
  if (input.status && input.status !== row.status) checkStatusChange(input.status, input.statusReason);
  const model = input.model ?? row.model;
  const updated = await trx.updateTable('cases').set({
    model, status,
    status_reason: input.status && input.status !== row.status ? input.statusReason ?? null : input.statusReason !== undefined ? input.statusReason : row.status_reason,
    closed_on: status === 'closed' ? row.closed_on ?? today : null,
    responsible_department_id: input.responsibleDepartmentId ?? row.responsible_department_id,
    version: input.version + 1,
  }).where('id', '=', caseId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The case');
  if (model !== row.model) {
    // The family keeps its one contact when the model changes; only the name of the role follows the model.
    await trx.updateTable('case_assignments').set({ role: leadRoleOf[model] })
      .where('case_id', '=', caseId).where('role', '=', leadRoleOf[row.model]).where('ends_on', 'is', null).execute();
  }
  await audit(trx, ctx, { action: 'update', entityType: 'case', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return (await summarize(trx, ctx, [(await findCase(trx, ctx.actor, today, caseId))!]))[0]!;
}

/**
 * Assigns someone to the case. Replacing the current lead needs a handover note (issue 9 item 3): only the handover
 * module (src/modules/handover) passes `handover: true`, in the same transaction as the note it writes.
 */
export async function addAssignment(trx: Trx, ctx: RequestContext, caseId: string, input: AssignmentInput, options: { handover?: boolean } = {}): Promise<CaseSummary> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'manage_team');
  checkLeadRole(row.model, input.role);
  await requireStaff(trx, input.userId, 'userId');
  if (input.role === 'family_coordinator') {
    checkCoordinator(await coordinatorFacts(trx, input.userId), await hasCaseworkerWithAuthority(trx, caseId, input.startsOn));
  } else if (input.role === 'caseworker') {
    checkCaseworkerAuthority((await coordinatorFacts(trx, input.userId)).hasAuthority);
  }
  if (input.role === leadRoleOf[row.model]) {
    // A new lead replaces the current one: the family always has exactly one contact (000:97-99, 001:160-187).
    const current = await trx.selectFrom('case_assignments').select(['id', 'starts_on']).where('case_id', '=', caseId)
      .where('role', '=', input.role).where('ends_on', 'is', null).executeTakeFirst();
    if (current && !options.handover) checkHandoverGiven();
    if (current) {
      await trx.updateTable('case_assignments').set({ ends_on: current.starts_on > input.startsOn ? current.starts_on : input.startsOn })
        .where('id', '=', current.id).execute();
    }
  }
  await trx.insertInto('case_assignments').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, user_id: input.userId, role: input.role, starts_on: input.startsOn,
  }).execute();
  await audit(trx, ctx, { action: 'update', entityType: 'case_assignment', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return refreshed(trx, ctx, caseId);
}

export async function endAssignment(trx: Trx, ctx: RequestContext, assignmentId: string, endsOn: string): Promise<CaseSummary> {
  const assignment = await trx.selectFrom('case_assignments').select(['case_id', 'role', 'starts_on']).where('id', '=', assignmentId).executeTakeFirst();
  if (!assignment) throw notFound('The assignment');
  const { row, reason } = await loadCase(trx, ctx, assignment.case_id, 'manage_team');
  if ((assignment.role === 'family_coordinator' || assignment.role === 'primary_caseworker') && row.status !== 'closed') {
    throw unprocessable('last_responsible', 'An open case must always have its coordinator or primary caseworker; assign a new one instead.', [
      { field: 'assignmentId', code: 'last_responsible', message: 'Assign a new lead; the current one then ends automatically.' },
    ]);
  }
  if (endsOn < assignment.starts_on) throw unprocessable('period_invalid', 'The end date is before the start date.', [{ field: 'endsOn', code: 'end_before_start', message: 'The end date must be on or after the start date.' }]);
  await trx.updateTable('case_assignments').set({ ends_on: endsOn }).where('id', '=', assignmentId).execute();
  await audit(trx, ctx, { action: 'update', entityType: 'case_assignment', entityId: assignmentId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return refreshed(trx, ctx, row.id);
}

export async function addTeamMember(trx: Trx, ctx: RequestContext, caseId: string, input: TeamMemberInput): Promise<CaseSummary> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'manage_team');
  await requireStaff(trx, input.userId, 'userId');
  await trx.insertInto('case_team_members').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, user_id: input.userId, team_role: input.teamRole, added_on: todayIn(ctx.clock),
  }).execute();
  await audit(trx, ctx, { action: 'update', entityType: 'case_team_member', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return refreshed(trx, ctx, caseId);
}

export async function removeTeamMember(trx: Trx, ctx: RequestContext, memberId: string, removedOn: string): Promise<CaseSummary> {
  const member = await trx.selectFrom('case_team_members').select(['case_id', 'added_on']).where('id', '=', memberId).executeTakeFirst();
  if (!member) throw notFound('The core-team member');
  const { row, reason } = await loadCase(trx, ctx, member.case_id, 'manage_team');
  if (removedOn < member.added_on) throw unprocessable('period_invalid', 'The removal date is before the member was added.', [{ field: 'removedOn', code: 'end_before_start', message: 'Choose a date on or after the day the member was added.' }]);
  await trx.updateTable('case_team_members').set({ removed_on: removedOn }).where('id', '=', memberId).execute();
  await audit(trx, ctx, { action: 'update', entityType: 'case_team_member', entityId: memberId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return refreshed(trx, ctx, row.id);
}

/** After a change the actor may have lost access (e.g. handed the case on); the view then says so. */
async function refreshed(trx: Trx, ctx: RequestContext, caseId: string): Promise<CaseSummary> {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  if (!row?.reason) throw notFound('The case');
  return (await summarize(trx, ctx, [row]))[0]!;
}

export async function caseAccessLog(trx: Trx, ctx: RequestContext, caseId: string) {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'view_access_log');
  // Reading who has looked is itself a read of the case.
  await audit(trx, ctx, { action: 'read', entityType: 'case_access_log', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return listCaseAccess(trx, caseId);
}

