import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { conflict, notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { requireCase, requireRole } from '../../platform/policy/policy.js';
import { coordinatorFacts, hasCaseworkerWithAuthority, summarize } from './commands.js';
import { findCase, type CaseRow } from './repo.js';
import { coordinatorProblems, coverageWarnings, leadRoleOf, type CaseWarning } from './rules.js';
import type { CaseSummary, FixedTeamInput, FixedTeamUpdate, FixedTeamView } from './schema.js';

/**
 * The core team beyond single members (000:563-603): a municipality's fixed core teams that can be applied to a case
 * ("Kerneteamet kan være et fast team eller etableres fleksibelt afhængigt af den enkelte sag", 000:583), and the
 * warnings the case shows while its team or coordinator breaks a rule of the model.
 */

async function fixedTeams(trx: Trx, teamId?: string): Promise<FixedTeamView[]> {
  let query = trx.selectFrom('fixed_core_teams').select(['id', 'name', 'version']).orderBy('name');
  if (teamId) query = query.where('id', '=', teamId);
  const teams = await query.execute();
  if (teams.length === 0) return [];
  const members = await trx.selectFrom('fixed_core_team_members as m')
    .innerJoin('users as u', (join) => join.onRef('u.municipality_id', '=', 'm.municipality_id').onRef('u.id', '=', 'm.user_id'))
    .leftJoin('departments as d', (join) => join.onRef('d.municipality_id', '=', 'u.municipality_id').onRef('d.id', '=', 'u.department_id'))
    .select(['m.team_id', 'm.user_id', 'u.name', 'u.roles', 'd.name as department_name', 'm.team_role'])
    .where('m.team_id', 'in', teams.map((t) => t.id)).orderBy('u.name').execute();
  return teams.map((t) => ({
    id: t.id, name: t.name, version: t.version,
    members: members.filter((m) => m.team_id === t.id).map((m) => ({
      userId: m.user_id, name: m.name, departmentName: m.department_name, external: m.roles.includes('external_partner'), teamRole: m.team_role,
    })),
  }));
}

export async function listFixedTeams(trx: Trx, ctx: RequestContext): Promise<FixedTeamView[]> {
  requireRole(ctx.actor, 'list_staff');
  return fixedTeams(trx);
}

async function checkMembers(trx: Trx, members: FixedTeamInput['members']): Promise<void> {
  const ids = members.map((m) => m.userId);
  const staff = ids.length === 0 ? [] : await trx.selectFrom('users').select(['id', 'roles', 'active']).where('id', 'in', ids).execute();
  for (const [i, member] of members.entries()) {
    const user = staff.find((u) => u.id === member.userId);
    if (!user || !user.active || !user.roles.some((r) => r !== 'parent')) {
      throw unprocessable('not_staff', 'Choose active staff members.', [{ field: `members.${i}.userId`, code: 'not_staff', message: 'Choose an active staff member or partner.' }]);
    }
    if (ids.indexOf(member.userId) !== i) {
      throw unprocessable('duplicate_member', 'A member is listed twice.', [{ field: `members.${i}.userId`, code: 'duplicate_member', message: 'This member is already listed.' }]);
    }
  }
}

/** Names are unique per municipality (constraint fixed_core_teams_name_unique); said as a 409 naming the field. */
async function checkNameFree(trx: Trx, name: string, exceptId?: string): Promise<void> {
  let query = trx.selectFrom('fixed_core_teams').select('id').where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) {
    throw conflict('duplicate_name', 'A core team with this name already exists.', [{ field: 'name', code: 'duplicate_name', message: 'Choose another name.' }]);
  }
}

async function writeMembers(trx: Trx, ctx: RequestContext, teamId: string, members: FixedTeamInput['members']): Promise<void> {
  await trx.deleteFrom('fixed_core_team_members').where('team_id', '=', teamId).execute();
  await trx.insertInto('fixed_core_team_members').values(members.map((m) => ({
    municipality_id: ctx.actor.municipalityId, team_id: teamId, user_id: m.userId, team_role: m.teamRole,
  }))).execute();
}

export async function createFixedTeam(trx: Trx, ctx: RequestContext, input: FixedTeamInput): Promise<FixedTeamView> {
  requireRole(ctx.actor, 'manage_municipality');
  await checkMembers(trx, input.members);
  await checkNameFree(trx, input.name);
  const created = await trx.insertInto('fixed_core_teams').values({ municipality_id: ctx.actor.municipalityId, name: input.name })
    .returning('id').executeTakeFirstOrThrow();
  await writeMembers(trx, ctx, created.id, input.members);
  await audit(trx, ctx, { action: 'create', entityType: 'fixed_core_team', entityId: created.id, reason: 'administrator' });
  return (await fixedTeams(trx, created.id))[0]!;
}

export async function updateFixedTeam(trx: Trx, ctx: RequestContext, teamId: string, input: FixedTeamUpdate): Promise<FixedTeamView> {
  const current = await trx.selectFrom('fixed_core_teams').select(['id', 'name']).where('id', '=', teamId).executeTakeFirst();
  if (!current) throw notFound('The core team');
  requireRole(ctx.actor, 'manage_municipality');
  if (input.members) await checkMembers(trx, input.members);
  if (input.name) await checkNameFree(trx, input.name, teamId);
  const updated = await trx.updateTable('fixed_core_teams').set({ name: input.name ?? current.name, version: input.version + 1 })
    .where('id', '=', teamId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The core team');
  if (input.members) await writeMembers(trx, ctx, teamId, input.members);
  await audit(trx, ctx, { action: 'update', entityType: 'fixed_core_team', entityId: teamId, reason: 'administrator' });
  return (await fixedTeams(trx, teamId))[0]!;
}

/** Copies a fixed core team's members onto a case; members already on the case's team keep their place and role. */
export async function applyFixedTeam(trx: Trx, ctx: RequestContext, caseId: string, teamId: string): Promise<CaseSummary> {
  const today = todayIn(ctx.clock);
  const row = await findCase(trx, ctx.actor, today, caseId);
  const reason = requireCase(row?.reason ?? null, 'manage_team');
  const [team] = await fixedTeams(trx, teamId);
  if (!team) {
    throw unprocessable('unknown_core_team', 'There is no such core team.', [{ field: 'teamId', code: 'unknown_core_team', message: 'Choose one of the municipality\'s core teams.' }]);
  }
  const current = await trx.selectFrom('case_team_members').select('user_id').where('case_id', '=', caseId).where('removed_on', 'is', null).execute();
  const onTeam = new Set(current.map((m) => m.user_id));
  const missing = team.members.filter((m) => !onTeam.has(m.userId));
  if (missing.length > 0) {
    await trx.insertInto('case_team_members').values(missing.map((m) => ({
      municipality_id: ctx.actor.municipalityId, case_id: caseId, user_id: m.userId, team_role: m.teamRole, added_on: today,
    }))).execute();
  }
  await audit(trx, ctx, { action: 'update', entityType: 'case_team_member', entityId: caseId, familyIds: [row!.family_id], caseIds: [caseId], reason });
  const refreshed = await findCase(trx, ctx.actor, today, caseId);
  return (await summarize(trx, ctx, [refreshed!]))[0]!;
}

/**
 * The rule warnings of a case the caller may read (the caller audits the read): the coordinator rule (000:556-561)
 * where it could not be refused, and the coverage check (000:591-592).
 */
export async function caseWarnings(trx: Trx, ctx: RequestContext, row: CaseRow): Promise<CaseWarning[]> {
  const today = todayIn(ctx.clock);
  const [summary] = await summarize(trx, ctx, [row]);
  if (!summary || row.status === 'closed') return [];
  const warnings: CaseWarning[] = [];
  if (summary.lead && summary.lead.role === leadRoleOf.efei && row.model === 'efei') {
    warnings.push(...coordinatorProblems(await coordinatorFacts(trx, summary.lead.userId), await hasCaseworkerWithAuthority(trx, row.id, today)));
  }
  const activeTeam = summary.teamMembers.filter((m) => m.addedOn <= today && (m.removedOn === null || m.removedOn > today));
  const current = summary.assignments.filter((a) => a.startsOn <= today && (a.endsOn === null || a.endsOn >= today));
  const assignedDepartments = current.length === 0 ? [] : await trx.selectFrom('users').select('department_id')
    .where('id', 'in', current.map((a) => a.userId)).execute();
  const represented = new Set<string>([
    ...activeTeam.map((m) => m.departmentId).filter((d): d is string => d !== null),
    ...assignedDepartments.map((u) => u.department_id).filter((d): d is string => d !== null),
  ]);
  const measureDepartments = summary.measures.filter((m) => m.active).map((m) => ({ id: m.departmentId, name: m.departmentName }));
  warnings.push(...coverageWarnings(measureDepartments, represented));
  return warnings;
}
