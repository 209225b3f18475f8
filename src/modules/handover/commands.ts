import { randomUUID } from 'node:crypto';
import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { unprocessable } from '../../platform/http/errors.js';
import { allowsCase, requireCase } from '../../platform/policy/policy.js';
import { caseFactsQuery } from '../cadence/index.js';
import { addAssignment } from '../case/commands.js';
import { findCase, type CaseRow } from '../case/index.js';
import { leadRoleOf } from '../case/rules.js';
import { planOf } from '../follow-up/commands.js';
import {
  casesLedBy, comingMeetingsOf, currentLead, deputiesOf, insertNote, notesOf, openAgreementsOf, postFamilyNotice, staffMember,
} from './repo.js';
import { checkDeputyNotLead, checkDeputyPeriod, checkHandoverDate, checkNewLead, newContactNotice } from './rules.js';
import type {
  AbsenceDeputyInput, BulkHandoverInput, BulkHandoverResult, DeputyInput, DeputyResult, HandoverInput, HandoverOverview, LeadCases,
} from './schema.js';

/** Handover and deputies (issue 9 item 3): the change of a case's lead and its note are one transaction. */

async function loadCase(trx: Trx, ctx: RequestContext, caseId: string, action: 'read' | 'manage_team', what = 'The case') {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, action, what);
  return { row: row!, reason };
}

function refuseClosed(row: CaseRow, field = 'caseId'): void {
  if (row.status === 'closed') {
    throw unprocessable('case_closed', 'A closed case has no contact to hand over.', [{ field, code: 'case_closed', message: 'Reopen the case first.' }]);
  }
}

async function requireStaffMember(trx: Trx, userId: string, field: string) {
  const user = await staffMember(trx, userId);
  if (!user || !user.active || !user.roles.some((r) => ['coordinator', 'core_team_member', 'team_leader', 'department_head'].includes(r))) {
    throw unprocessable('not_staff', 'Choose an active staff member.', [{ field, code: 'not_staff', message: 'Choose an active staff member of the municipality.' }]);
  }
  return user;
}

async function suggestion(trx: Trx, ctx: RequestContext, row: CaseRow): Promise<HandoverOverview['suggested']> {
  const today = todayIn(ctx.clock);
  const [agreements, meetings, facts] = await Promise.all([
    openAgreementsOf(trx, row.id), comingMeetingsOf(trx, row.id, ctx.clock.now()), caseFactsQuery(trx, { kind: 'case', caseId: row.id }, today),
  ]);
  const dueOn = planOf(facts.rows[0], row).dueOn;
  const dates = [
    ...(dueOn ? [`${dueOn}: opfølgning / follow-up`] : []),
    ...meetings.map((m) => `${m.on}: ${m.type}`),
  ];
  return {
    openAgreements: agreements.map((a) => `- ${a.text}${a.due_on ? ` (${a.due_on})` : ''}`).join('\n'),
    nextDates: dates.map((d) => `- ${d}`).join('\n'),
  };
}

async function overview(trx: Trx, ctx: RequestContext, row: CaseRow): Promise<HandoverOverview> {
  const today = todayIn(ctx.clock);
  const [lead, deputies, notes, suggested] = await Promise.all([
    currentLead(trx, row.id), deputiesOf(trx, row.id, today), notesOf(trx, { caseId: row.id }), suggestion(trx, ctx, row),
  ]);
  const manage = allowsCase(row.reason, 'manage_team') && row.status !== 'closed';
  return {
    caseId: row.id, caseNumber: row.case_number, childName: `${row.child_first_name} ${row.child_last_name}`, model: row.model, status: row.status,
    lead: lead ? { userId: lead.user_id, name: lead.name, role: lead.role, startsOn: lead.starts_on } : null,
    deputies: deputies.map((d) => ({ assignmentId: d.id, userId: d.user_id, name: d.name, startsOn: d.starts_on, endsOn: d.ends_on!, deputyForName: d.for_name })),
    suggested, notes, abilities: { canHandOver: manage, canAssignDeputy: manage },
  };
}

export async function getHandover(trx: Trx, ctx: RequestContext, caseId: string): Promise<HandoverOverview> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'handover', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return overview(trx, ctx, row);
}

interface OneHandover {
  row: CaseRow; toUserId: string; on: string; familyNeeds: string; openAgreements: string | null; nextDates: string | null;
  sharedNote: string | null; batchId: string | null; notifyFamily: boolean; expectedFromUserId?: string; field?: string;
}

/** Replaces the lead (through the case module's assignment rules) and writes the note and the family's notice. */
async function handOverOne(trx: Trx, ctx: RequestContext, h: OneHandover): Promise<string> {
  const lead = await currentLead(trx, h.row.id);
  if (h.expectedFromUserId && lead?.user_id !== h.expectedFromUserId) {
    throw unprocessable('not_led_by_from', 'The case is not led by the person the cases move from.', [
      { field: h.field ?? 'caseId', code: 'not_led_by_from', message: 'Choose only cases this person leads.' },
    ]);
  }
  checkNewLead(lead?.user_id ?? null, h.toUserId);
  const to = await requireStaffMember(trx, h.toUserId, 'toUserId');
  const role = leadRoleOf[h.row.model] as 'family_coordinator' | 'primary_caseworker';
  await addAssignment(trx, ctx, h.row.id, { userId: h.toUserId, role, startsOn: h.on }, { handover: true });
  const now = ctx.clock.now();
  const noteId = await insertNote(trx, {
    municipalityId: ctx.actor.municipalityId, caseId: h.row.id, fromUserId: lead?.user_id ?? null, toUserId: h.toUserId, role, handedOverOn: h.on,
    familyNeeds: h.familyNeeds, openAgreements: h.openAgreements, nextDates: h.nextDates, sharedNote: h.sharedNote, batchId: h.batchId,
    createdBy: ctx.actor.userId, createdAt: now,
  });
  if (h.notifyFamily) {
    await postFamilyNotice(trx, { municipalityId: ctx.actor.municipalityId, familyId: h.row.family_id, authorUserId: h.toUserId, ...newContactNotice(to.name, to.phone, to.email, h.on > todayIn(ctx.clock) ? h.on : null), at: now });
  }
  await audit(trx, ctx, { action: 'create', entityType: 'handover_note', entityId: noteId, familyIds: [h.row.family_id], caseIds: [h.row.id], reason: h.row.reason! });
  return noteId;
}

export async function handOver(trx: Trx, ctx: RequestContext, caseId: string, input: HandoverInput): Promise<HandoverOverview> {
  const { row } = await loadCase(trx, ctx, caseId, 'manage_team');
  refuseClosed(row);
  const today = todayIn(ctx.clock);
  const on = input.handedOverOn ?? today;
  checkHandoverDate(on, today);
  await handOverOne(trx, ctx, {
    row, toUserId: input.toUserId, on, familyNeeds: input.familyNeeds, openAgreements: input.openAgreements ?? null, nextDates: input.nextDates ?? null,
    sharedNote: null, batchId: null, notifyFamily: input.notifyFamily,
  });
  return overview(trx, ctx, (await findCase(trx, ctx.actor, today, caseId)) ?? row);
}

/** Several cases from one person to another, in one transaction: one refused case refuses them all. */
export async function bulkHandOver(trx: Trx, ctx: RequestContext, input: BulkHandoverInput): Promise<BulkHandoverResult> {
  const today = todayIn(ctx.clock);
  const on = input.handedOverOn ?? today;
  checkHandoverDate(on, today);
  checkNewLead(input.fromUserId, input.toUserId);
  const batchId = randomUUID();
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const [i, c] of input.cases.entries()) {
    if (seen.has(c.caseId)) {
      throw unprocessable('duplicate_case', 'A case is listed twice.', [{ field: `cases.${i}.caseId`, code: 'duplicate_case', message: 'List each case once.' }]);
    }
    seen.add(c.caseId);
    const { row } = await loadCase(trx, ctx, c.caseId, 'manage_team');
    refuseClosed(row, `cases.${i}.caseId`);
    ids.push(await handOverOne(trx, ctx, {
      row, toUserId: input.toUserId, on, familyNeeds: c.familyNeeds, openAgreements: c.openAgreements ?? null, nextDates: c.nextDates ?? null,
      sharedNote: input.sharedNote ?? null, batchId, notifyFamily: input.notifyFamily, expectedFromUserId: input.fromUserId, field: `cases.${i}.caseId`,
    }));
  }
  return { batchId, notes: await notesOf(trx, { ids }) };
}

/** How many open cases the user leads today (the administrator may not deactivate the last responsible person). */
export async function countLedOpenCases(trx: Trx, userId: string): Promise<number> {
  return (await casesLedBy(trx, userId)).length;
}

/** The open cases a person leads that the actor may reassign (the bulk page's list). */
export async function leadCasesOf(trx: Trx, ctx: RequestContext, userId: string): Promise<LeadCases> {
  const today = todayIn(ctx.clock);
  const cases: LeadCases['cases'] = [];
  const rows: CaseRow[] = [];
  for (const caseId of await casesLedBy(trx, userId)) {
    const row = await findCase(trx, ctx.actor, today, caseId);
    if (row && allowsCase(row.reason, 'manage_team')) {
      rows.push(row);
      cases.push({ caseId: row.id, caseNumber: row.case_number, childName: `${row.child_first_name} ${row.child_last_name}`, model: row.model, role: leadRoleOf[row.model] });
    }
  }
  await audit(trx, ctx, { action: 'read', entityType: 'lead_cases', entityId: userId, familyIds: [...new Set(rows.map((r) => r.family_id))], caseIds: rows.map((r) => r.id), reason: 'manage_team' });
  return { cases };
}

async function addDeputy(trx: Trx, ctx: RequestContext, row: CaseRow, userId: string, startsOn: string, endsOn: string, forUserId: string | null): Promise<string> {
  checkDeputyNotLead(userId, forUserId);
  const created = await trx.insertInto('case_assignments').values({
    municipality_id: ctx.actor.municipalityId, case_id: row.id, user_id: userId, role: 'deputy', starts_on: startsOn, ends_on: endsOn, deputy_for_user_id: forUserId,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'case_deputy', entityId: created.id, familyIds: [row.family_id], caseIds: [row.id], reason: row.reason! });
  return created.id;
}

/** A deputy (stedfortræder) on one case for a period with an end: access ends by itself. */
export async function assignDeputy(trx: Trx, ctx: RequestContext, caseId: string, input: DeputyInput): Promise<HandoverOverview> {
  const { row } = await loadCase(trx, ctx, caseId, 'manage_team');
  refuseClosed(row);
  checkDeputyPeriod(input.startsOn, input.endsOn, todayIn(ctx.clock));
  await requireStaffMember(trx, input.userId, 'userId');
  const forUserId = input.deputyForUserId ?? (await currentLead(trx, caseId))?.user_id ?? null;
  if (input.deputyForUserId) await requireStaffMember(trx, input.deputyForUserId, 'deputyForUserId');
  await addDeputy(trx, ctx, row, input.userId, input.startsOn, input.endsOn, forUserId);
  return overview(trx, ctx, row);
}

/** Deputies for an absence: every open case the absent person leads (and the actor may manage), one period. */
export async function assignAbsenceDeputy(trx: Trx, ctx: RequestContext, input: AbsenceDeputyInput): Promise<DeputyResult> {
  checkDeputyPeriod(input.startsOn, input.endsOn, todayIn(ctx.clock));
  checkDeputyNotLead(input.deputyUserId, input.absentUserId);
  await requireStaffMember(trx, input.deputyUserId, 'deputyUserId');
  const today = todayIn(ctx.clock);
  const result: DeputyResult = { assignmentIds: [], caseIds: [] };
  for (const caseId of await casesLedBy(trx, input.absentUserId)) {
    const row = await findCase(trx, ctx.actor, today, caseId);
    if (!row || !allowsCase(row.reason, 'manage_team')) continue;
    result.assignmentIds.push(await addDeputy(trx, ctx, row, input.deputyUserId, input.startsOn, input.endsOn, input.absentUserId));
    result.caseIds.push(caseId);
  }
  if (result.caseIds.length === 0) {
    throw unprocessable('no_cases', 'The person leads no open case you may manage.', [{ field: 'absentUserId', code: 'no_cases', message: 'Choose someone who leads cases you manage.' }]);
  }
  return result;
}
