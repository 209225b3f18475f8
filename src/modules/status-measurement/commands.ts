import { appendAudit, audit } from '../../platform/audit/audit.js';
import type { Actor } from '../../platform/auth/actor.js';
import type { Clock } from '../../platform/clock/clock.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { Database } from '../../platform/db/database.js';
import { inTenant, type RequestContext, type Trx } from '../../platform/db/tenant.js';
import { listMunicipalityIds } from '../../platform/db/tenants.js';
import { conflict, forbidden, notFound, staleVersion, unprocessable } from '../../platform/http/errors.js';
import { allows, allowsCase, requireCase } from '../../platform/policy/policy.js';
import { enqueueReminder } from '../reminders/commands.js';
import { summariseStatusMeasurements, type StatusMeasurementSummary } from './analysis.js';
import { currentDefinition, definitionOf, scaleLabels, scaleMax, scaleMin } from './definitions.js';
import { referenceLabel, referenceLevels, referenceWaves } from './references.js';
import {
  addRater, answersOf, bumpVersion, departmentName, dueMeasurements, findMeasurement, insertMeasurement, keyStaffOfCase, measurementById,
  ownMeasurements, ratingCase, staffUser, statusMeasurementRows, writeAnswers, type RatingCaseRow,
} from './repo.js';
import { checkAnswers, dueOf, inReminderWindow, raterRoles, reminderAbout } from './rules.js';
import type {
  CaseStatusMeasurementView, MeasurementView, MyStatusMeasurements, RaterInput, ResultsQuery, ResultsView, StatusMeasurementInput, StatusMeasurementUpdate,
} from './schema.js';
import { statusMeasurementReminder } from './text.js';

/**
 * The status-measurement use cases (issue 9 item 7 = issue 10 item 6). Raters (the case's key staff) rate and see
 * their own entries; leaders of a department (team_leader / department_head) see their department's results and may
 * add raters to its cases. Every read and write of case data is audited.
 */

/** A leader of a department sees its results (a "team" is a department): policy.ts `read_fidelity_results`, own department. */
export function resultsDepartmentOf(actor: Actor): string | null {
  return allows(actor, 'read_fidelity_results') ? actor.departmentId : null;
}

async function loadCase(trx: Trx, ctx: RequestContext, caseId: string): Promise<RatingCaseRow> {
  const row = await ratingCase(trx, ctx.actor, todayIn(ctx.clock), caseId);
  if (!row) throw notFound('The case');
  // The key staff may rate even when their only relation is being added as rater by a leader.
  if (!allowsCase(row.reason, 'read') && row.key_relation === null) throw notFound('The case');
  return row;
}

function canAddRaters(ctx: RequestContext, c: RatingCaseRow): boolean {
  return resultsDepartmentOf(ctx.actor) === c.responsible_department_id;
}

function viewOf(m: { id: string; case_id: string; case_number: string; quarter: string; model: string; definition_version: number; submitted_at: Date; updated_at: Date; version: number },
  answers: Array<{ questionKey: string; elementKey: string; score: number }>, today: string): MeasurementView {
  const definition = definitionOf(m.model, m.definition_version);
  const elementMeans = (definition?.elements ?? []).map((e) => {
    const scores = answers.filter((a) => a.elementKey === e.key).map((a) => a.score);
    return { elementKey: e.key, mean: scores.length ? scores.reduce((s, v) => s + v, 0) / scores.length : null };
  });
  return {
    id: m.id, caseId: m.case_id, caseNumber: m.case_number, quarter: m.quarter, model: m.model, definitionVersion: m.definition_version,
    submittedAt: new Date(m.submitted_at).toISOString(), updatedAt: new Date(m.updated_at).toISOString(), version: m.version, answers, elementMeans,
    // A rater may correct their own measurement while its quarter lasts.
    abilities: { canEdit: m.quarter === dueOf(today).quarter },
  };
}

/** The rating page of a case: the questionnaire, the caller's own entries and who has rated this quarter. */
export async function caseStatusMeasurement(trx: Trx, ctx: RequestContext, caseId: string): Promise<CaseStatusMeasurementView> {
  const c = await loadCase(trx, ctx, caseId);
  const today = todayIn(ctx.clock);
  const due = dueOf(today);
  const own = await ownMeasurements(trx, ctx.actor.userId, caseId);
  const answers = await answersOf(trx, own.map((m) => m.id));
  const views = own.map((m) => viewOf(m, answers.get(m.id) ?? [], today));
  await audit(trx, ctx, { action: 'read', entityType: 'status_measurement', entityId: caseId, caseIds: [caseId], familyIds: [c.family_id], reason: c.reason ?? 'status_measurement_rater' });
  return {
    caseId, caseNumber: c.case_number, childName: c.child_name, model: c.model, due,
    definition: currentDefinition(c.model),
    scale: { min: scaleMin, max: scaleMax, labels: { da: { ...scaleLabels.da }, en: { ...scaleLabels.en } } },
    current: views.find((v) => v.quarter === due.quarter) ?? null,
    history: views.filter((v) => v.quarter !== due.quarter),
    raters: (await keyStaffOfCase(trx, caseId, today, due.quarter)).map((r) => ({ userId: r.user_id, name: r.name, relation: r.relation, rated: r.rated })),
    abilities: { canRate: c.key_relation !== null && c.status !== 'closed' && currentDefinition(c.model) !== null, canAddRaters: canAddRaters(ctx, c) },
  };
}

/** Submits the caller's measurement of the case for the current quarter. */
export async function submitMeasurement(trx: Trx, ctx: RequestContext, caseId: string, input: StatusMeasurementInput): Promise<MeasurementView> {
  const c = await loadCase(trx, ctx, caseId);
  if (c.key_relation === null) {
    throw forbidden('Only the case\'s key staff (its coordinator or caseworkers, its core team, or someone a leader added) rate its status measurement.', 'not_key_staff');
  }
  if (c.status === 'closed') {
    throw unprocessable('case_closed', 'A closed case is not measured.', [{ field: 'caseId', code: 'case_closed', message: 'The case is closed.' }]);
  }
  const definition = currentDefinition(c.model);
  if (!definition) {
    throw unprocessable('no_questionnaire', 'The case\'s model has no status-measurement questionnaire.', [{ field: 'caseId', code: 'no_questionnaire', message: `No questionnaire for model "${c.model}".` }]);
  }
  const answers = checkAnswers(definition, input.answers);
  const today = todayIn(ctx.clock);
  const { quarter } = dueOf(today);
  const alreadySubmitted = () => conflict('already_submitted', `You have already submitted this case's status measurement for ${quarter}; change it instead.`, [
    { field: 'quarter', code: 'already_submitted', message: `One measurement per case per quarter per rater (${quarter}).` },
  ]);
  if (await findMeasurement(trx, caseId, ctx.actor.userId, quarter)) throw alreadySubmitted();
  const now = ctx.clock.now();
  const id = await insertMeasurement(trx, {
    municipalityId: ctx.actor.municipalityId, caseId, raterUserId: ctx.actor.userId, quarter, model: c.model, definitionVersion: definition.version,
    departmentId: c.responsible_department_id, at: now,
  });
  if (id === null) throw alreadySubmitted();
  await writeAnswers(trx, ctx.actor.municipalityId, id, answers);
  await audit(trx, ctx, { action: 'create', entityType: 'status_measurement', entityId: id, caseIds: [caseId], familyIds: [c.family_id], reason: c.reason ?? 'status_measurement_rater' });
  const row = (await measurementById(trx, id))!;
  return viewOf({ ...row, case_number: c.case_number }, answers, today);
}

/** Changes the caller's own measurement while its quarter lasts; a stale version is 409. */
export async function updateMeasurement(trx: Trx, ctx: RequestContext, id: string, input: StatusMeasurementUpdate): Promise<MeasurementView> {
  const m = await measurementById(trx, id);
  // Raters see their own entries only: anyone else's measurement does not exist for them.
  if (!m || m.rater_user_id !== ctx.actor.userId) throw notFound('The status measurement');
  const c = await loadCase(trx, ctx, m.case_id);
  const today = todayIn(ctx.clock);
  if (m.quarter !== dueOf(today).quarter) {
    throw unprocessable('quarter_closed', `The measurement of ${m.quarter} can no longer be changed.`, [
      { field: 'quarter', code: 'quarter_closed', message: 'A measurement can be changed only during its own quarter.' },
    ]);
  }
  const definition = definitionOf(m.model, m.definition_version)!;
  const answers = checkAnswers(definition, input.answers);
  if (input.version !== m.version || !(await bumpVersion(trx, id, m.version, ctx.clock.now()))) throw staleVersion('The status measurement');
  await writeAnswers(trx, ctx.actor.municipalityId, id, answers);
  await audit(trx, ctx, { action: 'update', entityType: 'status_measurement', entityId: id, caseIds: [m.case_id], familyIds: [c.family_id], reason: c.reason ?? 'status_measurement_rater' });
  const row = (await measurementById(trx, id))!;
  return viewOf({ ...row, case_number: c.case_number }, answers, today);
}

/** A leader of the case's department adds another staff member as rater (004:4899-4905). */
export async function addCaseRater(trx: Trx, ctx: RequestContext, caseId: string, input: RaterInput): Promise<CaseStatusMeasurementView> {
  const c = await loadCase(trx, ctx, caseId);
  requireCase(c.reason, 'read');
  if (!canAddRaters(ctx, c)) throw forbidden('Only a leader of the case\'s department adds raters.');
  const user = await staffUser(trx, input.userId);
  if (!user || !user.active || !user.roles.some((r) => (raterRoles as readonly string[]).includes(r))) {
    throw unprocessable('not_staff', 'Only an active staff member can rate.', [{ field: 'userId', code: 'not_staff', message: 'The user is not an active staff member of the municipality.' }]);
  }
  await addRater(trx, { municipalityId: ctx.actor.municipalityId, caseId, userId: input.userId, addedBy: ctx.actor.userId, addedOn: todayIn(ctx.clock) });
  await audit(trx, ctx, { action: 'create', entityType: 'status_measurement_rater', entityId: input.userId, caseIds: [caseId], familyIds: [c.family_id], reason: 'department_leader' });
  return caseStatusMeasurement(trx, ctx, caseId);
}

/** The caller's own measurements and the cases they still have to rate this quarter. */
export async function myStatusMeasurements(trx: Trx, ctx: RequestContext): Promise<MyStatusMeasurements> {
  const today = todayIn(ctx.clock);
  const due = dueOf(today);
  const toRate = await dueMeasurements(trx, today, due.quarter, ctx.actor.userId);
  const own = await ownMeasurements(trx, ctx.actor.userId);
  const answers = await answersOf(trx, own.map((m) => m.id));
  const caseIds = [...new Set([...toRate.map((r) => r.case_id), ...own.map((m) => m.case_id)])];
  await audit(trx, ctx, {
    action: 'read', entityType: 'status_measurement', caseIds, familyIds: [...new Set(toRate.map((r) => r.family_id))], reason: 'own_status_measurements',
  });
  return {
    due,
    toRate: toRate.map((r) => ({ caseId: r.case_id, caseNumber: r.case_number, model: r.model })),
    measurements: own.map((m) => {
      const { answers: _answers, ...view } = viewOf(m, answers.get(m.id) ?? [], today);
      return view;
    }),
    abilities: { canSeeResults: resultsDepartmentOf(ctx.actor) !== null },
  };
}

/**
 * The results of the leader's own department, per model and quarter, with the national evaluation's reported levels
 * beside them. For other modules (survey analysis, leader dashboard):
 *
 *   statusMeasurementResults(trx, ctx, filter?: { model?, fromQuarter?, toQuarter? }):
 *     Promise<{ departmentId: string; summaries: StatusMeasurementSummary[] }>
 *
 * checks that the caller leads a department (403 otherwise) and writes the audit row naming every case counted.
 */
export async function statusMeasurementResults(trx: Trx, ctx: RequestContext, filter: ResultsQuery = {}): Promise<{ departmentId: string; summaries: StatusMeasurementSummary[] }> {
  const departmentId = resultsDepartmentOf(ctx.actor);
  if (!departmentId) throw forbidden('Status-measurement results are shown to the leaders of a department (team leader, department head).');
  const rows = await statusMeasurementRows(trx, { departmentId, ...filter });
  await audit(trx, ctx, {
    action: 'read', entityType: 'status_measurement_results', entityId: departmentId, caseIds: [...new Set(rows.map((r) => r.caseId))], reason: 'department_leader',
  });
  return { departmentId, summaries: summariseStatusMeasurements(rows) };
}

export async function resultsView(trx: Trx, ctx: RequestContext, filter: ResultsQuery): Promise<ResultsView> {
  const { departmentId, summaries } = await statusMeasurementResults(trx, ctx, filter);
  const department = await departmentName(trx, departmentId);
  const models = (['efei', 'sof'] as const).filter((model) => !filter.model || filter.model === model).map((model) => {
    const quarters = summaries.filter((s) => s.model === model)
      .map((s) => ({ quarter: s.quarter, n: s.n, cases: s.cases, elements: s.elements, lowestElementKeys: s.lowestElementKeys }));
    return { model, definition: currentDefinition(model)!, quarters, latestLowestElementKeys: quarters.at(-1)?.lowestElementKeys ?? [] };
  });
  return {
    departmentId, departmentName: department?.name ?? '', models,
    reference: { label: { ...referenceLabel }, waves: referenceWaves, levels: referenceLevels.filter((l) => !filter.model || l.model === filter.model) },
  };
}

// ---- reminders: once per quarter per rater, through the outbox ----

/** The day each database's reminders were last scheduled, in this process (keyed by the database, so tests' apps never share it). */
const scheduledOn = new WeakMap<Database, string>();

/**
 * The scheduler step: in the reminder window of a quarter (rules.ts dueOf), each key staff member with open cases
 * they have not rated gets one e-mail for the quarter (the dedupe key is the quarter and the recipient), with the
 * number of cases, the due date and a link — no names, no case numbers (reminders/rules.ts: least personal data).
 *
 * The worker runs it every tick (main.ts), but the key-staff query is heavy, so a tick is cheap when there is nothing
 * new to do: outside the window it touches no database at all, and inside it every municipality is scheduled once a
 * day (the first tick of the day, like cost-report/schedule.ts). Staff and cases that become due later in the month
 * are reminded by the next day's run; a rater already reminded this quarter is not reminded again (the outbox's
 * dedupe key). The once-a-day mark is per process: another process or a restart schedules again, which the dedupe key
 * makes harmless. A run that fails is not marked, so the next tick tries again.
 */
export async function scheduleStatusMeasurementReminders(db: Database, clock: Clock, publicUrl: string): Promise<{ enqueued: number }> {
  const today = todayIn(clock);
  if (!inReminderWindow(today) || scheduledOn.get(db) === today) return { enqueued: 0 };
  let enqueued = 0;
  for (const municipality of await listMunicipalityIds(db)) {
    enqueued += await inTenant(db, municipality.id, (trx) => scheduleStatusMeasurementMunicipality(trx, municipality.id, clock, publicUrl));
  }
  scheduledOn.set(db, today);
  return { enqueued };
}

export async function scheduleStatusMeasurementMunicipality(trx: Trx, municipalityId: string, clock: Clock, publicUrl: string): Promise<number> {
  const today = todayIn(clock);
  if (!inReminderWindow(today)) return 0;
  const due = dueOf(today);
  const rows = await dueMeasurements(trx, today, due.quarter);
  const byUser = new Map<string, typeof rows>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  const now = clock.now();
  let added = 0;
  const caseIds = new Set<string>();
  const familyIds = new Set<string>();
  for (const [userId, cases] of byUser) {
    const email = cases[0]!.email;
    if (!email?.trim()) continue;
    if (await enqueueReminder(trx, {
      municipalityId, kind: 'other', about: reminderAbout(due.quarter), recipient: { kind: 'user', id: userId, address: email }, channel: 'email',
      ...statusMeasurementReminder(cases.length, due.dueBy, `${publicUrl}/status-measurements`), now,
    })) {
      added += 1;
      for (const c of cases) {
        caseIds.add(c.case_id);
        familyIds.add(c.family_id);
      }
    }
  }
  if (added > 0) {
    await appendAudit(trx, {
      municipalityId, at: now, actorUserId: null, actorRole: 'system', origin: null, action: 'create', entityType: 'status_measurement_reminder',
      caseIds: [...caseIds], familyIds: [...familyIds], reason: 'reminder_scheduler',
    });
  }
  return added;
}
