import { sql } from 'kysely';
import { appendAudit, audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock/clock.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { Database } from '../../platform/db/database.js';
import { inTenant, type RequestContext, type Trx } from '../../platform/db/tenant.js';
import { listMunicipalityIds } from '../../platform/db/tenants.js';
import { conflict, forbidden, notFound, staleVersion } from '../../platform/http/errors.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import { caseFactsQuery } from '../cadence/index.js';
import { planOf } from '../follow-up/commands.js';
import { municipalitySettings } from './repo.js';
import { daysOverdue, leaderDepartmentOf, leadershipSettingsOf, shouldEscalate } from './rules.js';
import type { EscalationList, EscalationResolveInput, EscalationView } from './schema.js';

/**
 * Escalation of overdue follow-ups (issue 9 item 2): a follow-up overdue by the municipality's number of days
 * (rules.ts escalationAfterDays) is escalated once per overdue episode to the team leader of the case's responsible
 * department, in-app (the leader's escalation list and badge) and by e-mail through the outbox. The escalation stays
 * visible until resolved: automatically when the follow-up is held (or the due date goes away), or by a leader with a
 * note. Run by the outbox worker's scheduler (src/main.ts) like the reminders: safe to run any number of times.
 */

export interface EscalationReport { escalated: number; resolved: number }

export async function scheduleEscalations(db: Database, clock: Clock, publicUrl: string): Promise<EscalationReport> {
  const report: EscalationReport = { escalated: 0, resolved: 0 };
  for (const municipality of await listMunicipalityIds(db)) {
    const r = await inTenant(db, municipality.id, (trx) => escalateMunicipality(trx, municipality.id, clock, publicUrl));
    report.escalated += r.escalated;
    report.resolved += r.resolved;
  }
  return report;
}

/** The department's team leader to notify: a team leader of the department, else its department head (by name, id). */
async function leadersByDepartment(trx: Trx): Promise<Map<string, { id: string; email: string }>> {
  const rows = await sql<{ department_id: string; id: string; email: string }>`
    select distinct on (u.department_id) u.department_id, u.id, u.email from users u
     where u.active and u.department_id is not null and u.roles && array['team_leader', 'department_head']::text[]
     order by u.department_id, ('team_leader' = any(u.roles)) desc, u.name, u.id`.execute(trx);
  return new Map(rows.rows.map((r) => [r.department_id, { id: r.id, email: r.email }]));
}

export async function escalateMunicipality(trx: Trx, municipalityId: string, clock: Clock, publicUrl: string): Promise<EscalationReport> {
  const now = clock.now();
  const today = todayIn(clock);
  const settings = leadershipSettingsOf(await municipalitySettings(trx));
  // The due dates: the same facts and plan as the worklist (cadence/repo.ts, follow-up planOf).
  const facts = (await caseFactsQuery(trx, { kind: 'municipality' }, today, { withPeople: false })).rows;
  const plans = new Map(facts.map((f) => [f.case_id, { facts: f, plan: planOf(f, { model: f.model, status: f.status, opened_on: f.opened_on }) }]));
  const caseIds = new Set<string>();
  let resolved = 0;
  let escalated = 0;

  // 1. Resolve what is no longer overdue: the follow-up was held (it counts from a later day now) or the date went away.
  const open = await trx.selectFrom('follow_up_escalations').select(['id', 'case_id', 'due_on', 'counts_from']).where('resolved_at', 'is', null).execute();
  for (const e of open) {
    const current = plans.get(e.case_id);
    const stillDue = current !== undefined && current.plan.dueOn === e.due_on;
    // Held: the plan counts from a later follow-up, or (a §95 date) a follow-up was logged after the escalated episode began.
    const held = current !== undefined && ((current.plan.countsFrom !== null && current.plan.countsFrom > e.counts_from)
      || (!stillDue && (current.facts.last_follow_up_on ?? '') > e.counts_from));
    if (!held && stillDue) continue;
    await trx.updateTable('follow_up_escalations').set({
      resolved_at: now, resolved_by: null, resolution: held ? 'follow_up_held' : 'no_longer_due', version: sql`version + 1`,
    }).where('id', '=', e.id).where('resolved_at', 'is', null).execute();
    resolved += 1;
    caseIds.add(e.case_id);
  }

  // 2. Escalate what is overdue by the municipality's number of days, once per (case, due date).
  const due = [...plans.values()].filter((p) => shouldEscalate(p.plan.dueOn, today, settings.escalationAfterDays));
  if (due.length > 0) {
    const departments = new Map((await trx.selectFrom('cases').select(['id', 'responsible_department_id', 'case_number'])
      .where('id', 'in', due.map((d) => d.facts.case_id)).execute()).map((c) => [c.id, c]));
    const leaders = await leadersByDepartment(trx);
    for (const d of due) {
      const c = departments.get(d.facts.case_id);
      const leader = c ? leaders.get(c.responsible_department_id) : undefined;
      // A department without a leader has no one to escalate to; the overdue list still shows the case.
      if (!c || !leader) continue;
      const dueOn = d.plan.dueOn!;
      const inserted = await trx.insertInto('follow_up_escalations').values({
        municipality_id: municipalityId, case_id: c.id, due_on: dueOn, counts_from: d.plan.countsFrom ?? d.facts.opened_on,
        escalated_on: today, overdue_days: settings.escalationAfterDays, department_id: c.responsible_department_id, team_leader_user_id: leader.id,
      }).onConflict((oc) => oc.columns(['municipality_id', 'case_id', 'due_on']).doNothing()).returning('id').executeTakeFirst();
      if (!inserted) continue;
      escalated += 1;
      caseIds.add(c.id);
      await enqueue(trx, {
        municipalityId, dedupeKey: `follow_up_escalation:${c.id}@${dueOn}:${leader.id}:email`, kind: 'other', channel: 'email',
        recipient: leader.email,
        subject: `Opfølgning overskredet med ${daysOverdue(dueOn, today)} dage (sag ${c.case_number})`,
        body: [
          `Opfølgningen i sag ${c.case_number} skulle have været holdt ${dueOn} og er nu ${daysOverdue(dueOn, today)} dage over tid.`,
          `Se eskaleringen: ${publicUrl}/leader/escalations`,
          `Sagen: ${publicUrl}/cases/${c.id}`,
          '',
          `The follow-up in case ${c.case_number} was due ${dueOn} and is ${daysOverdue(dueOn, today)} days overdue.`,
        ].join('\n'),
        notBefore: now,
      });
    }
  }

  if (caseIds.size > 0) {
    await appendAudit(trx, {
      municipalityId, at: now, actorUserId: null, actorRole: 'system', origin: null, action: 'create', entityType: 'follow_up_escalation',
      caseIds: [...caseIds], reason: 'escalation_scheduler',
    });
  }
  return { escalated, resolved };
}

// ---- the leader's in-app list ----

function requireLeader(ctx: RequestContext): string {
  const department = leaderDepartmentOf(ctx.actor);
  if (!department) throw forbidden('Only a team leader or department head sees the escalations of their department.');
  return department;
}

interface EscalationRow {
  id: string; case_id: string; case_number: string; child_name: string; family_id: string; due_on: string; escalated_on: string;
  overdue_days: number; team_leader_user_id: string; team_leader_name: string; lead_name: string | null; resolved_at: Date | null;
  resolved_by_name: string | null; resolution: EscalationView['resolution']; resolution_note: string | null; version: number;
}

async function escalationRows(trx: Trx, departmentId: string, today: string, where: { id?: string; openOnly?: boolean }): Promise<EscalationRow[]> {
  const rows = await sql<EscalationRow>`
    select e.id, e.case_id, c.case_number, p.first_name || ' ' || p.last_name as child_name, c.family_id, e.due_on, e.escalated_on,
           e.overdue_days, e.team_leader_user_id, tl.name as team_leader_name,
           (select u.name from case_assignments a join users u on u.id = a.user_id
             where a.case_id = e.case_id and a.role in ('family_coordinator', 'primary_caseworker')
               and a.starts_on <= ${today}::date and (a.ends_on is null or a.ends_on >= ${today}::date) order by a.starts_on desc limit 1) as lead_name,
           e.resolved_at, rb.name as resolved_by_name, e.resolution, e.resolution_note, e.version
      from follow_up_escalations e
      join cases c on c.id = e.case_id
      join persons p on p.id = c.child_id
      join users tl on tl.id = e.team_leader_user_id
      left join users rb on rb.id = e.resolved_by
     where c.responsible_department_id = ${departmentId}::uuid
       ${where.id ? sql`and e.id = ${where.id}::uuid` : sql``}
       ${where.openOnly ? sql`and e.resolved_at is null` : sql`and (e.resolved_at is null or e.resolved_at > ${today}::date - 90)`}
     order by e.resolved_at is not null, e.due_on, e.id`.execute(trx);
  return rows.rows;
}

function viewOf(r: EscalationRow, today: string): EscalationView {
  return {
    id: r.id, caseId: r.case_id, caseNumber: r.case_number, childName: r.child_name, dueOn: r.due_on, escalatedOn: r.escalated_on,
    daysOverdue: daysOverdue(r.due_on, today), overdueDaysSetting: r.overdue_days, teamLeaderUserId: r.team_leader_user_id,
    teamLeaderName: r.team_leader_name, leadName: r.lead_name, resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
    resolvedByName: r.resolved_by_name, resolution: r.resolution, resolutionNote: r.resolution_note, version: r.version,
  };
}

/** The department's open escalations and those resolved in the last 90 days (open first). */
export async function listEscalations(trx: Trx, ctx: RequestContext): Promise<EscalationList> {
  const department = requireLeader(ctx);
  const today = todayIn(ctx.clock);
  const rows = await escalationRows(trx, department, today, {});
  await audit(trx, ctx, {
    action: 'read', entityType: 'follow_up_escalations', entityId: department, caseIds: [...new Set(rows.map((r) => r.case_id))],
    familyIds: [...new Set(rows.map((r) => r.family_id))], reason: 'department_leader',
  });
  return { escalations: rows.map((r) => viewOf(r, today)), open: rows.filter((r) => r.resolved_at === null).length };
}

/** The badge: how many escalations of the department are open (a count, no case data: not audited). */
export async function openEscalationCount(trx: Trx, ctx: RequestContext): Promise<{ open: number; mine: number }> {
  const department = leaderDepartmentOf(ctx.actor);
  if (!department) return { open: 0, mine: 0 };
  const row = await sql<{ open: number; mine: number }>`
    select count(*)::int as open, count(*) filter (where e.team_leader_user_id = ${ctx.actor.userId}::uuid)::int as mine
      from follow_up_escalations e join cases c on c.id = e.case_id
     where e.resolved_at is null and c.responsible_department_id = ${department}::uuid`.execute(trx);
  return row.rows[0] ?? { open: 0, mine: 0 };
}

/** A leader resolves an escalation by hand, with a note on what was done. */
export async function resolveEscalation(trx: Trx, ctx: RequestContext, id: string, input: EscalationResolveInput): Promise<EscalationView> {
  // Someone who may not see escalations is told it does not exist, like an unknown id (its existence is not revealed).
  const department = leaderDepartmentOf(ctx.actor);
  if (!department) throw notFound('The escalation');
  const today = todayIn(ctx.clock);
  const [row] = await escalationRows(trx, department, today, { id });
  if (!row) throw notFound('The escalation');
  if (row.version !== input.version) throw staleVersion('The escalation');
  if (row.resolved_at !== null) {
    throw conflict('already_resolved', 'The escalation is already resolved.', [{ field: 'version', code: 'already_resolved', message: 'Reload the list.' }]);
  }
  const updated = await trx.updateTable('follow_up_escalations').set({
    resolved_at: ctx.clock.now(), resolved_by: ctx.actor.userId, resolution: 'manual', resolution_note: input.note, version: row.version + 1,
  }).where('id', '=', id).where('version', '=', row.version).where('resolved_at', 'is', null).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The escalation');
  await audit(trx, ctx, { action: 'update', entityType: 'follow_up_escalation', entityId: id, caseIds: [row.case_id], familyIds: [row.family_id], reason: 'department_leader' });
  const [after] = await escalationRows(trx, department, today, { id });
  return viewOf(after!, today);
}

