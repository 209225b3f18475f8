import { sql } from 'kysely';
import type { Clock } from '../platform/clock/clock.js';
import { todayIn } from '../platform/clock/clock.js';
import type { Trx } from '../platform/db/tenant.js';
import { currentDefinition } from '../modules/status-measurement/definitions.js';
import { referenceLevels } from '../modules/status-measurement/references.js';
import { previousQuarter, quarterEnd, quarterOf, quarterStart } from '../platform/clock/dates.js';
import { seededRandom } from './random.js';

/**
 * Demo status measurements (issue 9 item 7 = issue 10 item 6): about two years (eight quarters) of quarterly ratings
 * for Demo Kommune's EFEI and SOF cases, by each case's lead and — for EFEI — a core-team member, so the results page
 * (/status-measurements, teamleder@demo.tovholder.dk) shows a living trend. The levels start around the national
 * evaluation's baseline (references.ts; SOF's unnamed elements 1-3 are given KE1-KE3's levels in order, for the demo
 * only) and rise by about half a point over two years with noise; joint financing stays the lowest EFEI element, as in
 * the evaluation. The current quarter is left open for about half the cases, so the due list and reminders have work.
 */
export async function seedStatusMeasurementDemo(db: Trx, clock: Clock, municipalityCode = '998'): Promise<number> {
  const random = seededRandom(7_2026);
  const municipality = await db.selectFrom('municipalities').select('id').where('code', '=', municipalityCode).executeTakeFirst();
  if (!municipality) return 0;
  const today = todayIn(clock);
  const current = quarterOf(today);
  const quarters: string[] = [current];
  for (let i = 0; i < 8; i++) quarters.unshift(previousQuarter(quarters[0]!));
  const cases = await db.selectFrom('cases').select(['id', 'model', 'status', 'opened_on', 'closed_on', 'responsible_department_id'])
    .where('municipality_id', '=', municipality.id).where('model', 'in', ['efei', 'sof']).orderBy('case_number').execute();
  const raters = await db.selectFrom('case_assignments').select(['case_id', 'user_id', 'role'])
    .where('municipality_id', '=', municipality.id).where('ends_on', 'is', null).orderBy('case_id').orderBy('role').execute();
  const team = await db.selectFrom('case_team_members as t').innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 't.municipality_id').onRef('u.id', '=', 't.user_id'))
    .select(['t.case_id', 't.user_id']).where('t.municipality_id', '=', municipality.id).where('t.removed_on', 'is', null)
    .where(sql<boolean>`u.roles && array['core_team_member', 'coordinator']::text[]`).execute();
  // Any staff member of the case's department leads the rating when the case has no lead (e.g. a newly opened case).
  const fallback = await db.selectFrom('users').select(['id', 'department_id']).where('municipality_id', '=', municipality.id)
    .where(sql<boolean>`roles && array['coordinator']::text[]`).orderBy('email').execute();

  const start: Record<string, number[]> = {};
  for (const model of ['efei', 'sof'] as const) {
    const definition = currentDefinition(model)!;
    const levels = referenceLevels.filter((l) => l.model === model);
    const unnamed = levels.filter((l) => l.elementKey === null);
    start[model] = definition.elements.map((e) => (levels.find((l) => l.elementKey === e.key) ?? unnamed.shift())?.baseline ?? 3.5);
  }

  let written = 0;
  for (const c of cases) {
    const definition = currentDefinition(c.model)!;
    const lead = raters.find((r) => r.case_id === c.id && (r.role === 'family_coordinator' || r.role === 'primary_caseworker'))?.user_id
      ?? fallback.find((u) => u.department_id === c.responsible_department_id)?.id;
    if (!lead) continue;
    const who = [lead, ...(c.model === 'efei' ? team.filter((t) => t.case_id === c.id && t.user_id !== lead).slice(0, 1).map((t) => t.user_id) : [])];
    const caseShift = (random.next() - 0.5) * 0.8;
    for (const [qi, quarter] of quarters.entries()) {
      // Measured while the case was open (opened before the quarter ended, not closed before it began).
      if (String(c.opened_on) > quarterEnd(quarter) || (c.closed_on && String(c.closed_on) < quarterStart(quarter))) continue;
      if (quarter === current && random.chance(0.5)) continue;
      const progress = qi / (quarters.length - 1);
      for (const rater of who) {
        const day = quarter === current ? today : quarterEnd(quarter);
        const at = new Date(`${day}T09:00:00Z`);
        const measurement = await db.insertInto('status_measurements').values({
          municipality_id: municipality.id, case_id: c.id, rater_user_id: rater, quarter, model: c.model, definition_version: definition.version,
          department_id: c.responsible_department_id, submitted_at: at, updated_at: at,
        }).onConflict((oc) => oc.constraint('status_measurements_one_per_quarter').doNothing()).returning('id').executeTakeFirst();
        if (!measurement) continue;
        await db.insertInto('status_measurement_answers').values(definition.elements.flatMap((e, ei) => e.questions.map((q) => {
          const level = start[c.model]![ei]! + 0.6 * progress + caseShift + (random.next() - 0.5) * 1.6;
          return {
            municipality_id: municipality.id, measurement_id: measurement.id, element_key: e.key, question_key: q.key,
            score: Math.min(6, Math.max(1, Math.round(level))),
          };
        }))).execute();
        written += 1;
      }
    }
  }
  return written;
}
