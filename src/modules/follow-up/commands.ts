import { sql } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { staleVersion, unprocessable } from '../../platform/http/errors.js';
import { allowsCase, requireCase } from '../../platform/policy/policy.js';
import { caseFactsQuery, type CaseFactsRow } from '../cadence/index.js';
import { bucketOf, eighteenthBirthday, followUpMeetingTypes, followUpPlan, timeSettingsOf, transitionStartBy, type FollowUpPlan } from '../cadence/rules.js';
import { findCase, type CaseRow } from '../case/index.js';
import { findFamilyWithReason } from '../family/index.js';
import { checkCaseOpen, checkNotBeforeCaseStart, checkNotInFuture } from './rules.js';
import type { CadenceView, ContactInput, FollowUpInput, FollowUpOverview, LogEntry, TransitionInput, TransitionView } from './schema.js';

/** The plan of one case from the shared facts query (cadence/repo.ts). */
export function planOf(facts: CaseFactsRow | undefined, row: Pick<CaseRow, 'model' | 'status' | 'opened_on'>): FollowUpPlan {
  const settings = timeSettingsOf(facts?.settings);
  return followUpPlan({
    model: row.model, status: row.status, openedOn: row.opened_on, categories: facts?.categories ?? [],
    lastFollowUpOn: facts?.last_follow_up_on ?? null, lastStatusMeetingOn: facts?.last_status_meeting_on ?? null,
    lawMeasures: facts?.law_measures ?? [],
  }, settings);
}

export function cadenceView(plan: FollowUpPlan, today: string): CadenceView {
  const common = {
    countsFrom: plan.countsFrom, countsFromFollowUp: plan.countsFromFollowUp, dueOn: plan.dueOn, bucket: plan.dueOn ? bucketOf(plan.dueOn, today) : null,
    // Barnets Lov §95 (cadence/rules.ts): which rule gave the date, and the measures whose §95 cadence is not recorded.
    source: plan.source, modelDueOn: plan.modelDueOn,
    law: { dueOn: plan.law.dueOn, measureId: plan.law.measureId, basis: plan.law.basis, months: plan.law.months, cadenceMissing: plan.law.cadenceMissing.map((m) => m.measureId) },
  };
  if (plan.rule === 'sof_follow_up') return { rule: plan.rule, cadence: plan.cadence.kind, weeks: null, reason: plan.cadence.reason, ...common };
  if (plan.rule === 'efei_status_meeting') {
    return plan.cadence.kind === 'weeks'
      ? { rule: plan.rule, cadence: 'weeks', weeks: plan.cadence.weeks, reason: 'municipality_setting', ...common }
      : { rule: plan.rule, cadence: 'none', weeks: null, reason: plan.cadence.reason, ...common };
  }
  return { rule: 'none', cadence: 'none', weeks: null, reason: plan.reason, ...common };
}

async function loadCase(trx: Trx, ctx: RequestContext, caseId: string, action: 'read' | 'edit') {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, action);
  return { row: row!, reason };
}

async function logOfCase(trx: Trx, row: CaseRow): Promise<LogEntry[]> {
  const result = await sql<{
    id: string; source: 'log' | 'meeting'; kind: 'follow_up' | 'informal'; channel: string; direction: 'outgoing' | 'incoming'; occurred_on: string;
    case_id: string | null; summary: string | null; agreements_reviewed: string | null; recorded_by: string | null;
  }>`
    select l.id, 'log' as source, l.kind, l.channel, l.direction, l.occurred_on, l.case_id, l.summary, l.agreements_reviewed, u.name as recorded_by, l.created_at
      from contact_log l left join users u on u.municipality_id = l.municipality_id and u.id = l.recorded_by
     where l.family_id = ${row.family_id} and (l.case_id = ${row.id} or l.case_id is null)
    union all
    select m.id, 'meeting', 'follow_up', m.type, 'outgoing', (m.scheduled_at at time zone 'Europe/Copenhagen')::date, m.case_id, m.title, null, null, m.closed_at
      from meetings m
     where m.case_id = ${row.id} and m.status = 'closed' and m.type = any(${sql.val([...followUpMeetingTypes])}::text[])
     order by occurred_on desc, created_at desc
     limit 200`.execute(trx);
  return result.rows.map((r) => ({
    id: r.id, source: r.source, kind: r.kind, channel: r.channel, direction: r.direction, occurredOn: r.occurred_on, caseId: r.case_id,
    summary: r.summary, agreementsReviewed: r.agreements_reviewed, recordedBy: r.recorded_by,
  }));
}

async function overview(trx: Trx, ctx: RequestContext, row: CaseRow): Promise<FollowUpOverview> {
  const today = todayIn(ctx.clock);
  const [facts, log] = await Promise.all([caseFactsQuery(trx, { kind: 'case', caseId: row.id }, today), logOfCase(trx, row)]);
  return {
    caseId: row.id, familyId: row.family_id, caseNumber: row.case_number, childName: `${row.child_first_name} ${row.child_last_name}`,
    cadence: cadenceView(planOf(facts.rows[0], row), today), log,
    abilities: { canRecord: allowsCase(row.reason, 'edit') && row.status !== 'closed' },
  };
}

/** A case's cadence, next due date and its follow-up and contact log. */
export async function getFollowUps(trx: Trx, ctx: RequestContext, caseId: string): Promise<FollowUpOverview> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'follow_ups', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return overview(trx, ctx, row);
}

/** Records a completed follow-up; the next due date then counts from it (001:753-771). */
export async function recordFollowUp(trx: Trx, ctx: RequestContext, caseId: string, input: FollowUpInput): Promise<FollowUpOverview> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  checkCaseOpen(row.status);
  checkNotInFuture(input.occurredOn, todayIn(ctx.clock));
  checkNotBeforeCaseStart(input.occurredOn, row.opened_on);
  const created = await trx.insertInto('contact_log').values({
    municipality_id: ctx.actor.municipalityId, family_id: row.family_id, case_id: caseId, kind: 'follow_up', channel: input.form,
    direction: 'outgoing', occurred_on: input.occurredOn, summary: input.summary, agreements_reviewed: input.agreementsReviewed, recorded_by: ctx.actor.userId,
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'follow_up', entityId: created.id, familyIds: [row.family_id], caseIds: [caseId], reason });
  return overview(trx, ctx, row);
}

/** Quick entry of an informal contact with the family (sms, call, e-mail, message; 001:772-775). */
export async function recordContact(trx: Trx, ctx: RequestContext, familyId: string, input: ContactInput): Promise<LogEntry> {
  const today = todayIn(ctx.clock);
  const family = await findFamilyWithReason(trx, ctx.actor, today, familyId);
  const reason = requireCase(family?.reason ?? null, 'edit', 'The family');
  checkNotInFuture(input.occurredOn, today);
  if (input.caseId) {
    const owner = await trx.selectFrom('cases').select('family_id').where('id', '=', input.caseId).executeTakeFirst();
    if (owner?.family_id !== familyId) {
      throw unprocessable('not_a_case_of_family', 'The case is not one of the family\'s cases.', [
        { field: 'caseId', code: 'not_a_case_of_family', message: 'Choose one of the family\'s cases, or none.' },
      ]);
    }
  }
  const created = await trx.insertInto('contact_log').values({
    municipality_id: ctx.actor.municipalityId, family_id: familyId, case_id: input.caseId ?? null, kind: 'informal', channel: input.channel,
    direction: input.direction, occurred_on: input.occurredOn, summary: input.note, recorded_by: ctx.actor.userId,
  }).returning(['id', 'created_at']).executeTakeFirstOrThrow();
  await audit(trx, ctx, {
    action: 'create', entityType: 'contact', entityId: created.id, familyIds: [familyId], caseIds: input.caseId ? [input.caseId] : [], reason,
  });
  return {
    id: created.id, source: 'log', kind: 'informal', channel: input.channel, direction: input.direction, occurredOn: input.occurredOn,
    caseId: input.caseId ?? null, summary: input.note ?? null, agreementsReviewed: null, recordedBy: ctx.actor.name,
  };
}

async function transitionView(trx: Trx, ctx: RequestContext, row: CaseRow): Promise<TransitionView> {
  const [facts, started, child] = await Promise.all([
    trx.selectFrom('municipalities').select('settings').executeTakeFirst(),
    trx.selectFrom('case_transitions').select(['started_on', 'note', 'version']).where('case_id', '=', row.id).executeTakeFirst(),
    trx.selectFrom('persons').select('birth_date').where('id', '=', row.child_id).executeTakeFirst(),
  ]);
  const settings = timeSettingsOf(facts?.settings);
  const birthDate = child?.birth_date ?? null;
  return {
    caseId: row.id, childName: `${row.child_first_name} ${row.child_last_name}`, birthDate,
    eighteenOn: birthDate ? eighteenthBirthday(birthDate) : null, startBy: transitionStartBy(birthDate, settings.transitionLeadTimeMonths),
    leadTimeMonths: settings.transitionLeadTimeMonths, startedOn: started?.started_on ?? null, note: started?.note ?? null, version: started?.version ?? null,
    abilities: { canRecord: allowsCase(row.reason, 'edit') && row.status !== 'closed' },
  };
}

/** When the transition to adult services must start, and whether it has (004:4088-4095). */
export async function getTransition(trx: Trx, ctx: RequestContext, caseId: string): Promise<TransitionView> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'case_transition', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return transitionView(trx, ctx, row);
}

/**
 * Records that the transition to adult services has started (decision: one dated record per case, revisable):
 * version 0 records it, a revision names the version edited, so two revisions from one screen cannot both land.
 */
export async function recordTransition(trx: Trx, ctx: RequestContext, caseId: string, input: TransitionInput): Promise<TransitionView> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  checkCaseOpen(row.status);
  checkNotInFuture(input.startedOn, todayIn(ctx.clock), 'startedOn');
  const values = { started_on: input.startedOn, note: input.note, recorded_by: ctx.actor.userId };
  const written = input.version === 0
    ? await trx.insertInto('case_transitions').values({ municipality_id: ctx.actor.municipalityId, case_id: caseId, ...values })
      .onConflict((oc) => oc.columns(['municipality_id', 'case_id']).doNothing()).returning('case_id').executeTakeFirst()
    : await trx.updateTable('case_transitions').set({ ...values, version: input.version + 1 })
      .where('case_id', '=', caseId).where('version', '=', input.version).returning('case_id').executeTakeFirst();
  if (!written) throw staleVersion('The transition start');
  await audit(trx, ctx, { action: input.version === 0 ? 'create' : 'update', entityType: 'case_transition', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return transitionView(trx, ctx, row);
}
