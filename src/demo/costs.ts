import { sql } from 'kysely';
import type { Clock } from '../platform/clock/clock.js';
import { todayIn } from '../platform/clock/clock.js';
import type { Trx } from '../platform/db/tenant.js';
import { inTenantStep } from './tenant-step.js';
import { addCalendarMonths } from '../platform/clock/dates.js';
import { runPostings } from '../modules/cost-report/commands.js';
import { monthOf } from '../modules/financing/rules.js';
import { seededRandom } from './random.js';

/**
 * Demo of shared financing and costs (issue 8 items 4-5) in Demo Kommune, so the cost reports and the expense analysis
 * show something real: every cost-bearing measure of the demo cases without a granted amount gets a granted decision
 * with a plausible amount (DEMO figures, not real rates); some splits are shared between departments and agreed in
 * the core team, one is disputed; the coordinators' salary share is posted by hand from the model start a year ago
 * (as Randers' extra salary cost, 004:2745); and the posting run posts the last 24 months.
 */

/** Plausible DEMO amounts (kroner) per paragraph: [min, max, period]. */
const amounts: Record<string, [number, number, 'month' | 'year']> = {
  'BL-86': [900, 3500, 'month'], 'SEL-41': [900, 3500, 'month'],
  'BL-87': [12_000, 26_000, 'month'], 'SEL-42': [12_000, 26_000, 'month'],
  'BL-90': [40_000, 90_000, 'year'], 'BL-90-2': [50_000, 120_000, 'year'], 'SEL-44': [40_000, 90_000, 'year'], 'SEL-84': [50_000, 120_000, 'year'],
  'BL-30': [1_500, 4_000, 'month'], 'SEL-11': [1_500, 4_000, 'month'],
  'BL-32': [6_000, 12_000, 'month'], 'SEL-52': [6_000, 14_000, 'month'],
  'BL-46': [45_000, 70_000, 'month'], 'BL-47': [50_000, 75_000, 'month'],
};

export async function seedCostsDemo(db: Trx, clock: Clock): Promise<void> {
  const municipality = await db.selectFrom('municipalities').select('id').where('code', '=', '998').executeTakeFirst();
  if (!municipality) return;
  const m = municipality.id;
  const today = todayIn(clock);
  const random = seededRandom(8_2026);
  const departments = new Map((await db.selectFrom('departments').select(['id', 'kind']).where('municipality_id', '=', m).execute()).map((d) => [d.kind, d.id]));
  const users = new Map((await db.selectFrom('users').select(['id', 'email']).where('municipality_id', '=', m).execute()).map((u) => [u.email, u.id]));
  const head = users.get('afdelingschef@demo.tovholder.dk')!;
  const coreMember = users.get('kerneteam@demo.tovholder.dk')!;
  const coordinator = users.get('koordinator@demo.tovholder.dk')!;

  const measures = await db.selectFrom('measures as me')
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'me.municipality_id').onRef('c.id', '=', 'me.case_id'))
    .select(['me.id', 'me.case_id', 'me.legal_basis_id', 'me.starts_on', 'c.model'])
    .where('me.municipality_id', '=', m).orderBy('me.starts_on').orderBy('me.id').execute();
  // Measures another demo already decided or proposed (core-team proposals, the committee's queue) keep their story.
  const alreadyDecided = new Set((await sql<{ measure_id: string }>`
    select measure_id from decision_measures where municipality_id = ${m}::uuid
    union select measure_id from decision_proposal_measures where municipality_id = ${m}::uuid`.execute(db)).rows.map((r) => r.measure_id));

  const granted: Array<{ id: string; caseId: string; basis: string; startsOn: string }> = [];
  for (const measure of measures) {
    const spec = amounts[measure.legal_basis_id];
    if (!spec || alreadyDecided.has(measure.id)) continue;
    const amount = Math.round(random.int(spec[0], spec[1]) / 50) * 50;
    const decision = await db.insertInto('decisions').values({
      municipality_id: m, case_id: measure.case_id, decided_on: measure.starts_on, outcome: 'granted', legal_basis_id: measure.legal_basis_id,
      reasoning: 'Bevilget efter kompetenceplanen (demo).', amount_dkk: amount, amount_period: spec[2],
      child_views_not_obtained_reason: 'Demo: barnets synspunkter er noteret i sagens børnesamtale.', recorded_by: coordinator, recorded_at: new Date(`${measure.starts_on}T09:00:00Z`),
    }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('decision_measures').values({ municipality_id: m, case_id: measure.case_id, decision_id: decision.id, measure_id: measure.id }).execute();
    granted.push({ id: measure.id, caseId: measure.case_id, basis: measure.legal_basis_id, startsOn: measure.starts_on });
  }

  // Shared financing (000:860-870): lost earnings shared with the job centre, support measures with Børn og Unge,
  // extra costs with the school; the third school split is disputed.
  const splits: Array<{ basis: string; partner: string; partnerBp: number }> = [
    { basis: 'BL-87', partner: 'employment', partnerBp: 3000 }, { basis: 'BL-32', partner: 'child_youth', partnerBp: 5000 },
    { basis: 'BL-86', partner: 'school', partnerBp: 2500 },
  ];
  let schoolSplits = 0;
  for (const split of splits) {
    for (const measure of granted.filter((g) => g.basis === split.basis).slice(0, 3)) {
      const disputed = split.partner === 'school' && ++schoolSplits === 3;
      const from = monthOf(measure.startsOn);
      const shares = [
        { department_id: departments.get('child_disability')!, share_bp: 10000 - split.partnerBp },
        { department_id: departments.get(split.partner)!, share_bp: split.partnerBp },
      ];
      const at = new Date(`${measure.startsOn}T10:00:00Z`);
      const versions = [
        { version_no: 1, status: 'proposed', reason: 'Forslag: delt finansiering efter hvem der har ansvaret for indsatsen.', created_by: coordinator, dispute_reason: null },
        disputed
          ? { version_no: 2, status: 'disputed', reason: 'Skolen mener ikke, at kørslen hører under skolens budget.', created_by: coreMember,
            dispute_reason: 'Skolen mener ikke, at kørslen hører under skolens budget.' }
          : { version_no: 2, status: 'agreed', reason: 'Aftalt på kerneteammødet.', created_by: head, dispute_reason: null },
      ];
      for (const version of versions) {
        const row = await db.insertInto('measure_financing_versions').values({
          municipality_id: m, case_id: measure.caseId, measure_id: measure.id, ...version, created_at: new Date(at.getTime() + version.version_no * 86_400_000),
        }).returning('id').executeTakeFirstOrThrow();
        await db.insertInto('measure_financing_shares').values(shares.map((s) => ({ municipality_id: m, version_id: row.id, valid_from: from, valid_to: null, ...s }))).execute();
      }
    }
  }

  // The coordinators' salary share (004:2745, 004:2757-2761): from the model start 12 months ago, per open case and month.
  const modelStart = monthOf(addCalendarMonths(today, -12));
  const cases = await db.selectFrom('cases').select(['id', 'opened_on', 'closed_on']).where('municipality_id', '=', m).execute();
  const salary: Array<{ case_id: string; month: string }> = [];
  for (let month = modelStart; month <= monthOf(today); month = addCalendarMonths(month, 1)) {
    for (const c of cases) {
      if (monthOf(c.opened_on) <= month && (c.closed_on === null || c.closed_on >= month)) salary.push({ case_id: c.id, month });
    }
  }
  if (salary.length > 0) {
    await db.insertInto('cost_postings').values(salary.map((s) => ({
      municipality_id: m, case_id: s.case_id, month: s.month, department_id: departments.get('child_disability')!, expense_category: 'coordinator_salary',
      amount_ore: 270_000, source: 'manual', note: 'Koordinatorløn, andel pr. familie (demo)', created_by: head,
    }))).execute();
  }

  // The posting run for the last 24 months, as the app runs it.
  await inTenantStep(db, m, async (trx) => {
    for (let month = monthOf(addCalendarMonths(today, -23)); month <= monthOf(today); month = addCalendarMonths(month, 1)) await runPostings(trx, m, month);
  });
}
