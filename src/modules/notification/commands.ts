import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { forbidden, notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { allowsCase, allowsReassessment, requireCase, type CaseAccessReason } from '../../platform/policy/policy.js';
import { findCase } from '../case/index.js';
import { notificationsOf, usersOnCaseBefore, worksOnCase } from './repo.js';
import { checkCompletion, checkNewToCase, checkOpen, checkReceivedOn, opensReassessment } from './rules.js';
import type { CaseNotifications, NotificationInput, NotificationView, ReassessmentUpdate } from './schema.js';

/** Barnets Lov §137: notifications on a case and the re-assessment each one on an open case opens. */

async function loadCase(trx: Trx, ctx: RequestContext, caseId: string, action: 'read' | 'edit', what = 'The case') {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, action, what);
  return { row: row!, reason };
}

async function viewOf(trx: Trx, ctx: RequestContext, caseId: string, reason: CaseAccessReason): Promise<CaseNotifications> {
  const rows = await notificationsOf(trx, caseId);
  const notNew = new Map<string, string[]>();
  for (const day of new Set(rows.filter((r) => r.reassessment_id && !r.completed_on).map((r) => r.received_on))) {
    notNew.set(day, [...await usersOnCaseBefore(trx, caseId, day)]);
  }
  const notifications: NotificationView[] = rows.map((r) => ({
    id: r.id, receivedOn: r.received_on, source: r.source as NotificationView['source'], summary: r.summary, recordedBy: r.recorded_by,
    recordedAt: new Date(r.recorded_at).toISOString(),
    reassessment: r.reassessment_id ? {
      id: r.reassessment_id, notificationId: r.id, openedOn: r.opened_on!, assignedUserId: r.assigned_user_id, assignedUserName: r.assigned_user_name,
      completedOn: r.completed_on, conclusion: r.conclusion, completedByName: r.completed_by_name, notNewUserIds: notNew.get(r.received_on) ?? [],
      version: r.version!,
      abilities: {
        canAssign: !r.completed_on && allowsCase(reason, 'manage_team'),
        canComplete: !r.completed_on && allowsReassessment(reason, r.assigned_user_id === ctx.actor.userId),
      },
    } : null,
  }));
  return { caseId, notifications, abilities: { canRecord: allowsCase(reason, 'edit') } };
}

export async function getNotifications(trx: Trx, ctx: RequestContext, caseId: string): Promise<CaseNotifications> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'notifications', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return viewOf(trx, ctx, caseId, reason);
}

/**
 * Records a notification; on an open case it opens the re-assessment Barnets Lov §137 asks for (rules.ts), in the same
 * transaction, so neither exists without the other. On a closed case it is only recorded (the child's new concern
 * starts with a §18 screening).
 */
export async function recordNotification(trx: Trx, ctx: RequestContext, caseId: string, input: NotificationInput): Promise<CaseNotifications> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  checkReceivedOn(input.receivedOn, todayIn(ctx.clock));
  const created = await trx.insertInto('notifications').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, received_on: input.receivedOn, source: input.source, summary: input.summary,
    recorded_by: ctx.actor.userId, recorded_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'notification', entityId: created.id, familyIds: [row.family_id], caseIds: [caseId], reason });
  if (opensReassessment({ status: row.status, openedOn: row.opened_on }, input.receivedOn)) {
    const task = await trx.insertInto('reassessments').values({
      municipality_id: ctx.actor.municipalityId, case_id: caseId, notification_id: created.id, opened_on: input.receivedOn,
    }).returning('id').executeTakeFirstOrThrow();
    await audit(trx, ctx, { action: 'create', entityType: 'reassessment', entityId: task.id, familyIds: [row.family_id], caseIds: [caseId], reason });
  }
  return viewOf(trx, ctx, caseId, reason);
}

/** Staff who can do a re-assessment: an active caseworker, core-team professional or leader of the municipality. */
async function requireCaseStaff(trx: Trx, userId: string): Promise<void> {
  const user = await trx.selectFrom('users').select(['roles', 'active']).where('id', '=', userId).executeTakeFirst();
  const staff = user?.active && user.roles.some((r) => ['coordinator', 'core_team_member', 'team_leader', 'department_head'].includes(r));
  if (!staff) {
    throw unprocessable('not_staff', 'Choose an active staff member.', [{ field: 'assignedUserId', code: 'not_staff', message: 'Choose an active staff member of the municipality.' }]);
  }
}

/**
 * Assigns the re-assessment to a staff member new to the case and/or completes it (Barnets Lov §137, rules.ts). The
 * person assigned joins the case's core team when they have no relation to it yet, so need-to-know lets them read it.
 */
export async function updateReassessment(trx: Trx, ctx: RequestContext, reassessmentId: string, input: ReassessmentUpdate): Promise<CaseNotifications> {
  const task = await trx.selectFrom('reassessments as r')
    .innerJoin('notifications as n', (j) => j.onRef('n.municipality_id', '=', 'r.municipality_id').onRef('n.id', '=', 'r.notification_id'))
    .select(['r.case_id', 'r.opened_on', 'r.assigned_user_id', 'r.completed_on', 'r.conclusion', 'n.received_on'])
    .where('r.id', '=', reassessmentId).executeTakeFirst();
  if (!task) throw notFound('The re-assessment');
  const { row, reason } = await loadCase(trx, ctx, task.case_id, 'read', 'The re-assessment');
  const today = todayIn(ctx.clock);
  checkOpen(task.completed_on);
  const onCaseBefore = await usersOnCaseBefore(trx, task.case_id, task.received_on);
  let assigned = task.assigned_user_id;
  let joinedTeam = false;
  if (input.assignedUserId !== undefined && input.assignedUserId !== task.assigned_user_id) {
    requireCase(reason, 'manage_team', 'The re-assessment');
    await requireCaseStaff(trx, input.assignedUserId);
    checkNewToCase(input.assignedUserId, onCaseBefore);
    assigned = input.assignedUserId;
    joinedTeam = !(await worksOnCase(trx, task.case_id, assigned, today));
  }
  const conclusion = input.conclusion !== undefined ? input.conclusion : task.conclusion;
  if (input.completedOn !== undefined || input.conclusion !== undefined) {
    if (!allowsReassessment(reason, assigned === ctx.actor.userId)) throw forbidden('You may read the re-assessment but not record it.');
    if (input.completedOn !== undefined) {
      checkCompletion({ assignedUserId: assigned, conclusion, completedOn: input.completedOn, openedOn: task.opened_on }, onCaseBefore, today);
    }
  }
  const updated = await trx.updateTable('reassessments').set({
    assigned_user_id: assigned, conclusion,
    ...(input.completedOn !== undefined ? { completed_on: input.completedOn, completed_by: ctx.actor.userId } : {}),
    version: input.version + 1,
  }).where('id', '=', reassessmentId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The re-assessment');
  if (joinedTeam) {
    await trx.insertInto('case_team_members').values({
      municipality_id: ctx.actor.municipalityId, case_id: task.case_id, user_id: assigned!, team_role: 'reassessment', added_on: today,
    }).execute();
    await audit(trx, ctx, { action: 'update', entityType: 'case_team_member', entityId: task.case_id, familyIds: [row.family_id], caseIds: [row.id], reason });
  }
  await audit(trx, ctx, { action: 'update', entityType: 'reassessment', entityId: reassessmentId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return viewOf(trx, ctx, row.id, reason);
}
