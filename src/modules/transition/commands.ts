import { audit } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock/clock.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { Database } from '../../platform/db/database.js';
import { inTenant, type RequestContext, type Trx } from '../../platform/db/tenant.js';
import { listMunicipalityIds } from '../../platform/db/tenants.js';
import { notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import { allowsCase, caseAccessReasonSql, requireCase } from '../../platform/policy/policy.js';
import { findCase, type CaseRow } from '../case/index.js';
import { alertCandidates, leadersOf, trackFacts, usersByIds } from './repo.js';
import {
  checkStepDate, checkTrackOpen, trackDates, trackSettingsOf, trackShown, transitionAlertDue, transitionAlertMessage,
} from './rules.js';
import type { StepInput, StepUpdate, TrackInput, TrackView, TransitionAlertList } from './schema.js';

/** The transition track to adult services (issue 9 item 4, 004:4088-4095); its start is recorded by modules/follow-up. */

async function loadCase(trx: Trx, ctx: RequestContext, caseId: string, action: 'read' | 'edit') {
  const row = await findCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  const reason = requireCase(row?.reason ?? null, action);
  return { row: row!, reason };
}

async function trackView(trx: Trx, ctx: RequestContext, row: CaseRow): Promise<TrackView> {
  const today = todayIn(ctx.clock);
  const facts = await trackFacts(trx, row.id);
  const settings = trackSettingsOf(facts.settings);
  const dates = facts.birthDate ? trackDates(facts.birthDate, settings) : null;
  const shown = trackShown(facts.birthDate, today, settings);
  const t = facts.track;
  return {
    caseId: row.id, caseNumber: row.case_number, childName: `${row.child_first_name} ${row.child_last_name}`, birthDate: facts.birthDate,
    trackAge: settings.trackAge, shown, opensOn: dates?.opensOn ?? null, eighteenOn: dates?.eighteenOn ?? null, startBy: dates?.startBy ?? null,
    startedOn: facts.startedOn, alert: row.status !== 'closed' && transitionAlertDue(facts.birthDate, today, facts.startedOn, settings),
    adultContact: t ? { name: t.adult_contact_name, unit: t.adult_contact_unit, phone: t.adult_contact_phone, email: t.adult_contact_email } : null,
    steps: facts.steps.map((s) => ({ id: s.id, title: s.title, plannedOn: s.planned_on, doneOn: s.done_on, overdue: !s.done_on && s.planned_on < today, version: s.version })),
    version: t?.version ?? null,
    abilities: { canEdit: shown && allowsCase(row.reason, 'edit') && row.status !== 'closed' },
  };
}

export async function getTrack(trx: Trx, ctx: RequestContext, caseId: string): Promise<TrackView> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'read');
  await audit(trx, ctx, { action: 'read', entityType: 'transition_track', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return trackView(trx, ctx, row);
}

async function openTrack(trx: Trx, ctx: RequestContext, row: CaseRow) {
  if (row.status === 'closed') throw unprocessable('case_closed', 'The case is closed.', [{ field: 'caseId', code: 'case_closed', message: 'Reopen the case first.' }]);
  const facts = await trackFacts(trx, row.id);
  checkTrackOpen(facts.birthDate, todayIn(ctx.clock), trackSettingsOf(facts.settings));
  return facts;
}

/** The adult-services contact; version 0 creates the track on first save, later saves name the version edited (409 when stale). */
export async function saveTrack(trx: Trx, ctx: RequestContext, caseId: string, input: TrackInput): Promise<TrackView> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  await openTrack(trx, ctx, row);
  const values = {
    adult_contact_name: input.adultContactName ?? null, adult_contact_unit: input.adultContactUnit ?? null,
    adult_contact_phone: input.adultContactPhone ?? null, adult_contact_email: input.adultContactEmail ?? null,
    updated_by: ctx.actor.userId, updated_at: ctx.clock.now(),
  };
  // Version 0 creates the track; a concurrent first save (or a step added meanwhile) finds the row and is stale.
  const written = input.version === 0
    ? await trx.insertInto('case_transition_tracks').values({ municipality_id: ctx.actor.municipalityId, case_id: caseId, ...values })
      .onConflict((oc) => oc.columns(['municipality_id', 'case_id']).doNothing()).returning('case_id').executeTakeFirst()
    : await trx.updateTable('case_transition_tracks').set({ ...values, version: input.version + 1 })
      .where('case_id', '=', caseId).where('version', '=', input.version).returning('case_id').executeTakeFirst();
  if (!written) throw staleVersion('The transition track');
  await audit(trx, ctx, { action: input.version === 0 ? 'create' : 'update', entityType: 'transition_track', entityId: caseId, familyIds: [row.family_id], caseIds: [caseId], reason });
  return trackView(trx, ctx, row);
}

export async function addStep(trx: Trx, ctx: RequestContext, caseId: string, input: StepInput): Promise<TrackView> {
  const { row, reason } = await loadCase(trx, ctx, caseId, 'edit');
  const facts = await openTrack(trx, ctx, row);
  checkStepDate(input.plannedOn, facts.birthDate!);
  if (!facts.track) {
    // The steps hang off the track row; two first steps added at once both find it missing, one inserts it.
    await trx.insertInto('case_transition_tracks').values({ municipality_id: ctx.actor.municipalityId, case_id: caseId, updated_by: ctx.actor.userId, updated_at: ctx.clock.now() })
      .onConflict((oc) => oc.columns(['municipality_id', 'case_id']).doNothing()).execute();
  }
  const created = await trx.insertInto('case_transition_steps').values({
    municipality_id: ctx.actor.municipalityId, case_id: caseId, title: input.title, planned_on: input.plannedOn, created_by: ctx.actor.userId, created_at: ctx.clock.now(),
  }).returning('id').executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'transition_step', entityId: created.id, familyIds: [row.family_id], caseIds: [caseId], reason });
  return trackView(trx, ctx, row);
}

export async function updateStep(trx: Trx, ctx: RequestContext, stepId: string, input: StepUpdate): Promise<TrackView> {
  const step = await trx.selectFrom('case_transition_steps').select(['case_id', 'done_on']).where('id', '=', stepId).executeTakeFirst();
  if (!step) throw notFound('The step');
  const { row, reason } = await loadCase(trx, ctx, step.case_id, 'edit');
  const facts = await openTrack(trx, ctx, row);
  if (input.plannedOn) checkStepDate(input.plannedOn, facts.birthDate!);
  const doneOn = input.done === undefined ? step.done_on : input.done ? step.done_on ?? todayIn(ctx.clock) : null;
  // Only the version the caller saw is changed: a step ticked off or re-dated meanwhile makes this one stale (409).
  const updated = await trx.updateTable('case_transition_steps').set({
    ...(input.title ? { title: input.title } : {}), ...(input.plannedOn ? { planned_on: input.plannedOn } : {}), done_on: doneOn, version: input.version + 1,
  }).where('id', '=', stepId).where('version', '=', input.version).returning('id').executeTakeFirst();
  if (!updated) throw staleVersion('The step');
  await audit(trx, ctx, { action: 'update', entityType: 'transition_step', entityId: stepId, familyIds: [row.family_id], caseIds: [row.id], reason });
  return trackView(trx, ctx, row);
}

/**
 * The caller's alerts (the leader's and coordinator's worklist item): cases they may read whose transition has not
 * started by the start-by day — as a leader, the department's cases; as staff, the cases they are assigned to.
 */
export async function listAlerts(trx: Trx, ctx: RequestContext): Promise<TransitionAlertList> {
  const today = todayIn(ctx.clock);
  const settings = trackSettingsOf((await trx.selectFrom('municipalities').select('settings').executeTakeFirst())?.settings);
  const readable = await trx.selectFrom('cases as c').select('c.id')
    .where(caseAccessReasonSql(ctx.actor, today, 'c'), 'in', ['family_coordinator', 'primary_caseworker', 'caseworker', 'buddy', 'deputy', 'department_leader'])
    .where('c.status', '<>', 'closed').execute();
  const candidates = (await alertCandidates(trx, today, { caseIds: readable.map((r) => r.id) }))
    .filter((c) => transitionAlertDue(c.birth_date, today, c.started_on, settings));
  const leads = new Map((await usersByIds(trx, [...new Set(candidates.map((c) => c.lead_user_id).filter((x): x is string => !!x))])).map((u) => [u.id, u.name]));
  await audit(trx, ctx, { action: 'read', entityType: 'transition_alerts', caseIds: candidates.map((c) => c.id), reason: 'worklist' });
  return {
    alerts: candidates.map((c) => {
      const dates = trackDates(c.birth_date!, settings);
      return { caseId: c.id, caseNumber: c.case_number, startBy: dates.startBy, eighteenOn: dates.eighteenOn, leadName: c.lead_user_id ? leads.get(c.lead_user_id) ?? null : null };
    }),
  };
}

/**
 * The scheduler step (run by the outbox worker, safe to repeat): for each case whose transition has not started by the
 * start-by day, one e-mail to the lead and one to each leader of the responsible department, each enqueued once by
 * its dedupe key (case + start-by day + recipient).
 */
export async function scheduleTransitionAlerts(db: Database, clock: Clock, publicUrl: string): Promise<{ enqueued: number }> {
  let enqueued = 0;
  for (const municipality of await listMunicipalityIds(db)) {
    enqueued += await inTenant(db, municipality.id, (trx) => scheduleMunicipality(trx, municipality.id, clock, publicUrl));
  }
  return { enqueued };
}

export async function scheduleMunicipality(trx: Trx, municipalityId: string, clock: Clock, publicUrl: string): Promise<number> {
  const today = todayIn(clock);
  const now = clock.now();
  const settings = trackSettingsOf((await trx.selectFrom('municipalities').select('settings').executeTakeFirst())?.settings);
  let added = 0;
  for (const c of await alertCandidates(trx, today)) {
    if (!transitionAlertDue(c.birth_date, today, c.started_on, settings)) continue;
    const startBy = trackDates(c.birth_date!, settings).startBy;
    const leaders = await leadersOf(trx, c.responsible_department_id);
    const lead = c.lead_user_id ? (await usersByIds(trx, [c.lead_user_id])).filter((u) => u.active) : [];
    const text = transitionAlertMessage(c.case_number, startBy, `${publicUrl}/cases/${c.id}/transition`);
    for (const recipient of [...lead, ...leaders.filter((l) => l.id !== c.lead_user_id)]) {
      if (await enqueue(trx, {
        municipalityId, dedupeKey: `transition_alert:${c.id}@${startBy}:${recipient.id}`, kind: 'other', channel: 'email',
        recipient: recipient.email, subject: text.subject, body: text.body, notBefore: now,
      })) added += 1;
    }
  }
  return added;
}
