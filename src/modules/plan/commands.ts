import { randomUUID } from 'node:crypto';
import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound } from '../../platform/http/errors.js';
import type { CaseAccessReason } from '../../platform/policy/policy.js';
import { isVisibleTo } from '../../platform/policy/visibility.js';
import { childVoiceSummaries } from '../child-voice/commands.js';
import {
  activeStaff, departmentsOf, familyCaseIds, familyMembers, findFamilyWithReason, findPlan, insertVersion, loadVersionView, measuresOfFamily, meetingsOfCases,
  referencesOf, versionSummaries,
} from './repo.js';
import { allowsPlan, checkAgreement, checkGoals, checkLatest, checkMeetingOfFamily, checkNoPlanYet, checkStatusUpdates, diffVersions, requirePlan, type PlanAction } from './rules.js';
import { renderPlanPdf } from './pdf.js';
import type { AgreementInput, GoalInput, GoalView, PlanDiff, PlanInput, PlanVersionView, PlanView, RevisionInput, StatusUpdateInput } from './schema.js';

/** The joint plan's use cases: check access, check the rule, write a new immutable version, audit, return the view. */

async function loadFamily(trx: Trx, ctx: RequestContext, familyId: string, action: PlanAction) {
  const family = await findFamilyWithReason(trx, ctx.actor, todayIn(ctx.clock), familyId);
  const reason = requirePlan(family?.reason ?? null, action);
  const caseIds = await familyCaseIds(trx, familyId);
  return { family: family!, reason, caseIds };
}

async function requirePlanOf(trx: Trx, familyId: string, forUpdate = false) {
  const plan = await findPlan(trx, familyId, forUpdate);
  if (!plan || plan.latest_version === 0) throw notFound('The joint plan');
  return plan;
}

async function versionOrNotFound(trx: Trx, planId: string, number: number, latest: number): Promise<PlanVersionView> {
  const view = await loadVersionView(trx, planId, number, latest);
  if (!view) throw notFound(`Version ${number} of the joint plan`);
  return view;
}

async function view(trx: Trx, ctx: RequestContext, family: { id: string; name: string }, reason: CaseAccessReason, number?: number): Promise<PlanView> {
  const plan = await findPlan(trx, family.id);
  const staffView = reason !== 'parent';
  const canRevise = allowsPlan(reason, 'revise');
  const canRecord = allowsPlan(reason, 'update_status');
  const [members, versions, measures, departments, staff, meetings] = await Promise.all([
    familyMembers(trx, family.id),
    plan ? versionSummaries(trx, plan.id) : Promise.resolve([]),
    canRevise ? measuresOfFamily(trx, family.id) : Promise.resolve([]),
    canRevise ? departmentsOf(trx) : Promise.resolve([]),
    canRevise ? activeStaff(trx) : Promise.resolve([]),
    canRecord ? familyCaseIds(trx, family.id).then((ids) => meetingsOfCases(trx, ids)) : Promise.resolve([]),
  ]);
  const latest = plan?.latest_version ?? 0;
  const shown = number ?? (latest > 0 ? latest : undefined);
  const found = plan && shown ? await versionOrNotFound(trx, plan.id, shown, latest) : null;
  // Issue 5 item 2: a parent never sees a goal marked internal (its owners and activities go with it).
  const version = found && !staffView ? { ...found, goals: found.goals.filter((g) => isVisibleTo('family', g.visibility)) } : found;
  const children = members.filter((m) => m.relation === 'child').map((m) => ({ id: m.id, name: `${m.first_name} ${m.last_name}` }));
  // The child's own statements are shown to staff with need-to-know, not in the parent's view of the plan.
  const childVoice = staffView ? await childVoiceSummaries(trx, children) : [];
  const latestAgreed = versions.find((v) => v.state === 'agreed')?.number ?? null;
  return {
    familyId: family.id, familyName: family.name, planId: plan?.id ?? null, latestVersion: latest > 0 ? latest : null, latestAgreedVersion: latestAgreed,
    version, versions,
    members: members.map((m) => ({ personId: m.id, name: `${m.first_name} ${m.last_name}`, relation: m.relation })),
    measures, departments, staff, meetings, childVoice, accessReason: reason,
    abilities: {
      canCreate: !plan && canRevise,
      canRevise: !!version?.latest && canRevise,
      canUpdateStatus: !!version?.latest && allowsPlan(reason, 'update_status'),
      canAgree: !!version?.latest && !version.agreement && allowsPlan(reason, 'agree'),
      canExport: !!version,
    },
  };
}

export async function getPlan(trx: Trx, ctx: RequestContext, familyId: string, number?: number): Promise<PlanView> {
  const { family, reason, caseIds } = await loadFamily(trx, ctx, familyId, 'read');
  const result = await view(trx, ctx, family, reason, number);
  await audit(trx, ctx, { action: 'read', entityType: 'joint_plan', entityId: result.planId ?? familyId, familyIds: [familyId], caseIds, reason });
  return result;
}

/** Issue 5 item 2: a continued goal sent without a classification keeps its base version's (an internal goal stays internal). */
function keepVisibility(goals: GoalInput[], base: GoalView[]): GoalInput[] {
  const before = new Map(base.map((g) => [g.goalKey, g.visibility]));
  return goals.map((g) => (g.visibility || !g.goalKey || !before.has(g.goalKey) ? g : { ...g, visibility: before.get(g.goalKey) }));
}

function withKeys(goals: GoalInput[]): Array<GoalInput & { goalKey: string }> {
  return goals.map((g) => ({ ...g, goalKey: g.goalKey ?? randomUUID() }));
}

export async function createPlan(trx: Trx, ctx: RequestContext, familyId: string, input: PlanInput): Promise<PlanView> {
  const { family, reason, caseIds } = await loadFamily(trx, ctx, familyId, 'revise');
  checkNoPlanYet(!!(await findPlan(trx, familyId, true)));
  const refs = await referencesOf(trx, familyId, []);
  checkMeetingOfFamily(input.meetingId, refs);
  checkGoals(input.goals, refs);
  const plan = await trx.insertInto('joint_plans').values({ municipality_id: ctx.actor.municipalityId, family_id: familyId, created_by: ctx.actor.userId })
    .returning('id').executeTakeFirstOrThrow();
  await insertVersion(trx, {
    municipalityId: ctx.actor.municipalityId, planId: plan.id, number: 1, basedOn: null, reason: input.reason, meetingId: input.meetingId ?? null,
    createdBy: ctx.actor.userId, createdAt: ctx.clock.now(), goals: withKeys(input.goals),
  });
  await audit(trx, ctx, { action: 'create', entityType: 'joint_plan', entityId: plan.id, familyIds: [familyId], caseIds, reason });
  return view(trx, ctx, family, reason);
}

/** A revision: a new version made from the latest one, with who, when and why. */
export async function revisePlan(trx: Trx, ctx: RequestContext, familyId: string, input: RevisionInput): Promise<PlanView> {
  const { family, reason, caseIds } = await loadFamily(trx, ctx, familyId, 'revise');
  const plan = await requirePlanOf(trx, familyId, true);
  checkLatest(input.baseVersion, plan.latest_version);
  const base = await versionOrNotFound(trx, plan.id, plan.latest_version, plan.latest_version);
  const refs = await referencesOf(trx, familyId, base.goals.map((g) => g.goalKey));
  checkMeetingOfFamily(input.meetingId, refs);
  checkGoals(input.goals, refs);
  const number = plan.latest_version + 1;
  await insertVersion(trx, {
    municipalityId: ctx.actor.municipalityId, planId: plan.id, number, basedOn: plan.latest_version, reason: input.reason, meetingId: input.meetingId ?? null,
    createdBy: ctx.actor.userId, createdAt: ctx.clock.now(), goals: withKeys(keepVisibility(input.goals, base.goals)),
  });
  await audit(trx, ctx, { action: 'update', entityType: 'joint_plan', entityId: plan.id, familyIds: [familyId], caseIds, reason });
  return view(trx, ctx, family, reason);
}

function inputOf(goal: GoalView): GoalInput & { goalKey: string } {
  return {
    goalKey: goal.goalKey, title: goal.title, concernsPersonId: goal.concernsPersonId, horizon: goal.horizon, specific: goal.specific, measurable: goal.measurable,
    accepted: goal.accepted, realistic: goal.realistic, startsOn: goal.startsOn, endsOn: goal.endsOn, evaluation: goal.evaluation,
    familyWords: goal.familyWords, professionalAssessment: goal.professionalAssessment, status: goal.status, statusNote: goal.statusNote,
    statusMeetingId: goal.statusMeetingId, visibility: goal.visibility,
    owners: goal.owners.map((o) => (o.kind === 'person' ? { kind: 'person', personId: o.personId! } : o.kind === 'user' ? { kind: 'user', userId: o.userId! } : { kind: 'partner', name: o.name })),
    measureIds: goal.measures.map((m) => m.id), departmentIds: goal.departments.map((d) => d.id),
    activities: goal.activities.map((a) => ({
      description: a.description, dueOn: a.dueOn, done: a.done,
      responsible: a.responsible.kind === 'person' ? { kind: 'person', personId: a.responsible.personId! }
        : a.responsible.kind === 'user' ? { kind: 'user', userId: a.responsible.userId! } : { kind: 'partner', name: a.responsible.name },
    })),
  };
}

/** Goal statuses updated, e.g. from a status meeting (000:677-680): a new version that changes only the statuses. */
export async function updateGoalStatuses(trx: Trx, ctx: RequestContext, familyId: string, number: number, input: StatusUpdateInput): Promise<PlanView> {
  const { family, reason, caseIds } = await loadFamily(trx, ctx, familyId, 'update_status');
  const plan = await requirePlanOf(trx, familyId, true);
  const base = await versionOrNotFound(trx, plan.id, number, plan.latest_version);
  checkLatest(number, plan.latest_version, 'number');
  const refs = await referencesOf(trx, familyId, base.goals.map((g) => g.goalKey));
  checkMeetingOfFamily(input.meetingId, refs);
  checkStatusUpdates(input.updates, refs.baseGoalKeys);
  const updates = new Map(input.updates.map((u) => [u.goalKey, u]));
  const goals = base.goals.map((g) => {
    const u = updates.get(g.goalKey);
    return u ? { ...inputOf(g), status: u.status, statusNote: u.note ?? null, statusMeetingId: input.meetingId ?? null } : inputOf(g);
  });
  await insertVersion(trx, {
    municipalityId: ctx.actor.municipalityId, planId: plan.id, number: number + 1, basedOn: number, reason: input.reason, meetingId: input.meetingId ?? null,
    createdBy: ctx.actor.userId, createdAt: ctx.clock.now(), goals,
  });
  await audit(trx, ctx, { action: 'update', entityType: 'joint_plan', entityId: plan.id, familyIds: [familyId], caseIds, reason });
  return view(trx, ctx, family, reason);
}

/** The latest version agreed with the family, with the date and who agreed. */
export async function agreeVersion(trx: Trx, ctx: RequestContext, familyId: string, number: number, input: AgreementInput): Promise<PlanView> {
  const { family, reason, caseIds } = await loadFamily(trx, ctx, familyId, 'agree');
  const plan = await requirePlanOf(trx, familyId, true);
  const version = await versionOrNotFound(trx, plan.id, number, plan.latest_version);
  checkLatest(number, plan.latest_version, 'number');
  const refs = await referencesOf(trx, familyId, []);
  checkAgreement(input, refs.memberIds, todayIn(ctx.clock), version.agreement !== null);
  const versionRow = await trx.selectFrom('joint_plan_versions').select('id').where('plan_id', '=', plan.id).where('number', '=', number).executeTakeFirstOrThrow();
  const agreement = await trx.insertInto('joint_plan_agreements').values({
    municipality_id: ctx.actor.municipalityId, version_id: versionRow.id, agreed_on: input.agreedOn, note: input.note ?? null,
    recorded_by: ctx.actor.userId, recorded_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  const userIds = [...new Set(input.userIds.filter((id) => refs.userIds.has(id)))];
  await trx.insertInto('joint_plan_agreement_parties').values([
    ...[...new Set(input.personIds)].map((id) => ({ municipality_id: ctx.actor.municipalityId, agreement_id: agreement.id, person_id: id, user_id: null })),
    ...userIds.map((id) => ({ municipality_id: ctx.actor.municipalityId, agreement_id: agreement.id, person_id: null, user_id: id })),
  ]).execute();
  await audit(trx, ctx, { action: 'update', entityType: 'joint_plan_agreement', entityId: agreement.id, familyIds: [familyId], caseIds, reason });
  return view(trx, ctx, family, reason, number);
}

export async function comparePlanVersions(trx: Trx, ctx: RequestContext, familyId: string, from: number, to: number): Promise<PlanDiff> {
  const { reason, caseIds } = await loadFamily(trx, ctx, familyId, 'read');
  const plan = await requirePlanOf(trx, familyId);
  const [a, b] = await Promise.all([versionOrNotFound(trx, plan.id, from, plan.latest_version), versionOrNotFound(trx, plan.id, to, plan.latest_version)]);
  await audit(trx, ctx, { action: 'read', entityType: 'joint_plan_comparison', entityId: plan.id, familyIds: [familyId], caseIds, reason });
  return diffVersions(a, b);
}

/** The plan as a Danish PDF that reads well on paper (the latest version unless a number is given). */
export async function exportPlanPdf(trx: Trx, ctx: RequestContext, familyId: string, number?: number): Promise<{ pdf: Buffer; fileName: string }> {
  const { family, reason, caseIds } = await loadFamily(trx, ctx, familyId, 'read');
  const plan = await requirePlanOf(trx, familyId);
  const result = await view(trx, ctx, family, reason, number ?? plan.latest_version);
  await audit(trx, ctx, { action: 'export', entityType: 'joint_plan', entityId: plan.id, familyIds: [familyId], caseIds, reason });
  const pdf = renderPlanPdf(result, ctx.clock.now());
  return { pdf, fileName: `faelles-plan-version-${result.version!.number}.pdf` };
}
