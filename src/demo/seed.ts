import { sql } from 'kysely';
import type { Clock } from '../platform/clock/clock.js';
import { todayIn } from '../platform/clock/clock.js';
import type { Database } from '../platform/db/database.js';
import type { Trx } from '../platform/db/tenant.js';
import { insertMunicipality } from '../platform/db/tenants.js';
import { hashPassword } from '../platform/auth/password.js';
import { addDays, addYears, fictionalCpr, seededRandom, type Random } from './random.js';
import { shareDemoWithFamily } from './portal-sharing.js';
import { seedCompetencePlan } from './competence-plan.js';
import { seedCoreTeamDecisions } from './core-team-decisions.js';
import { seedLeadershipDemo } from './leadership.js';
import { seedStatusMeasurementDemo } from './status-measurements.js';
import { seedLeadingPracticeDemo } from './leading-practice.js';
import { seedSurveyDemo } from './surveys.js';
import { seedCostsDemo } from './costs.js';
import { efeiStatusMeetingWeeks, writeCase, type CaseWriter, type DemoFamily, type People, type Scenario } from './flows.js';

/** The password of every demo login (README "Demo logins"); production refuses to start while demo data exists. */
export const demoPassword = 'Tovholder-demo-2026';

export const demoDepartments = [
  ['child_disability', 'Børnehandicap'], ['child_youth', 'Børn og Unge'], ['adult_services', 'Voksenhandicap'],
  ['employment', 'Jobcenter'], ['school', 'Demo Skole'], ['daycare', 'Dagtilbud Solsikken'], ['ppr', 'PPR'],
  ['health_visitor', 'Sundhedsplejen'], ['family_therapy', 'Familiebehandlingen'], ['physiotherapy', 'Børneterapien'],
  ['visitation', 'Visitationsudvalget'],
] as const;
type DepartmentKind = (typeof demoDepartments)[number][0];

/** Demo logins: e-mail, name, roles, department kind, has authority (myndighed). */
export const demoUsers = [
  ['koordinator@demo.tovholder.dk', 'Mette Lund', ['coordinator'], 'child_disability', true],
  ['raadgiver@demo.tovholder.dk', 'Jonas Berg', ['coordinator'], 'child_disability', true],
  ['koordinator2@demo.tovholder.dk', 'Sofie Holm', ['coordinator'], 'child_disability', false],
  ['kerneteam@demo.tovholder.dk', 'Lars Winther', ['core_team_member'], 'ppr', false],
  ['partner@demo.tovholder.dk', 'Anne Skov', ['external_partner'], 'school', false],
  ['teamleder@demo.tovholder.dk', 'Henrik Dahl', ['team_leader'], 'child_disability', true],
  ['afdelingschef@demo.tovholder.dk', 'Birgitte Møller', ['department_head'], 'child_disability', true],
  ['controller@demo.tovholder.dk', 'Peter Kjær', ['controller'], null, false],
  ['admin@demo.tovholder.dk', 'Ida Admin', ['administrator'], null, false],
] as const;

const firstNamesChild = ['Alma', 'Emil', 'Freja', 'Noah', 'Ida', 'Oscar', 'Clara', 'William', 'Ella', 'Lucas', 'Agnes', 'Karl', 'Josefine', 'Malthe', 'Nora', 'Viggo', 'Luna', 'Aksel', 'Lea', 'Storm'];
const firstNamesAdult = ['Camilla', 'Thomas', 'Louise', 'Martin', 'Sara', 'Rasmus', 'Julie', 'Kasper', 'Maria', 'Anders', 'Line', 'Mikkel', 'Tina', 'Jesper', 'Helle', 'Michael'];
const lastNames = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Poulsen', 'Johansen', 'Knudsen', 'Mortensen', 'Møller'];
const streets = ['Kastanjevej', 'Bøgealle', 'Skolegade', 'Engvej', 'Møllebakken', 'Havnegade', 'Lærkevej', 'Birkevang'];

export interface SeedSummary { municipalities: number; families: number; cases: number; users: number }

/** The parts of the seed in the order they are written; the progress hook is told after each. */
export const seedSteps = ['Demo Kommune', 'Nabo Kommune', 'leadership', 'status measurements', 'leading practice', 'surveys', 'costs'] as const;
export type SeedStep = (typeof seedSteps)[number];

export interface SeedOptions {
  /**
   * Told after each part, with the still-open transaction (nothing is committed yet): for logs, and for the crash
   * test (test/demo-seed-crash.test.ts), which reads what the transaction holds and kills the process at a step.
   */
  onProgress?: (step: SeedStep, trx: Trx) => void | Promise<void>;
}

/**
 * Seeds Demo Kommune (40 families, each at a chosen step of its model's flow) and Nabo Kommune (to show tenant
 * isolation) in ONE transaction, so a crash part-way (kill -9, power cut) leaves nothing: the next start finds the
 * database empty and seeds the whole demo again (seedDemoIfEmpty). A seed that commits per part would leave a half
 * demo that no later start repairs, because a database with a municipality is never seeded again.
 */
export async function seedDemo(db: Database, clock: Clock, options: SeedOptions = {}): Promise<SeedSummary> {
  return db.transaction().execute((trx) => seedAll(trx, clock, options));
}

/** Serialises seeding start-ups (two app servers starting at once on one empty PostgreSQL); migrate.ts uses 7242026. */
const seedLock = 7242027;

/**
 * The start-up's seed decision (main.ts via prepare-database.ts): seeds the demo when the database has no
 * municipality, else leaves it alone and returns null. The check runs inside the seed's own transaction, under a lock:
 * the demo is either wholly there (a municipality exists, nothing to do) or wholly absent (after a crash mid-seed the
 * transaction rolled back), and a second server starting at the same moment waits, then finds the demo there.
 */
export async function seedDemoIfEmpty(db: Database, clock: Clock, options: SeedOptions = {}): Promise<SeedSummary | null> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${seedLock})`.execute(trx);
    const any = await trx.selectFrom('municipalities').select('id').limit(1).executeTakeFirst();
    if (any) return null;
    return seedAll(trx, clock, options);
  });
}

/** Every part of the demo, all in the caller's transaction: no part may open its own (Kysely cannot nest them). */
async function seedAll(trx: Trx, clock: Clock, options: SeedOptions): Promise<SeedSummary> {
  const progress = options.onProgress ?? (() => {});
  const random = seededRandom(2026);
  const today = todayIn(clock);
  const passwordHash = await hashPassword(demoPassword);
  const demo = await seedMunicipality(trx, random, today, passwordHash, {
    code: '998', name: 'Demo Kommune', emailDomain: 'demo.tovholder.dk', users: demoUsers, scenarios: demoScenarios, parentLogin: 'foraelder@demo.tovholder.dk',
  });
  await progress('Demo Kommune', trx);
  const nabo = await seedMunicipality(trx, random, today, passwordHash, {
    code: '997', name: 'Nabo Kommune', emailDomain: 'nabo.tovholder.dk',
    users: [['koordinator@nabo.tovholder.dk', 'Niels Nabo', ['coordinator'], 'child_disability', true], ['admin@nabo.tovholder.dk', 'Nanna Admin', ['administrator'], null, false]],
    scenarios: naboScenarios, parentLogin: null,
  });
  await progress('Nabo Kommune', trx);
  await seedLeadershipDemo(trx, clock);
  await progress('leadership', trx);
  await seedStatusMeasurementDemo(trx, clock);
  await progress('status measurements', trx);
  await seedLeadingPracticeDemo(trx, clock);
  await progress('leading practice', trx);
  await seedSurveyDemo(trx, clock);
  await progress('surveys', trx);
  await seedCostsDemo(trx, clock);
  await progress('costs', trx);
  return { municipalities: 2, families: demo.families + nabo.families, cases: demo.cases + nabo.cases, users: demo.users + nabo.users };
}

type UserSpec = readonly [string, string, readonly string[], DepartmentKind | null, boolean];

/**
 * Demo Kommune's families, one scenario each (src/demo/flows.ts): Mette Lund (koordinator@) leads EFEI cases at every
 * step of the flow and a few SOF families; Jonas Berg (raadgiver@) leads SOF cases at every step and the follow-up
 * states (overdue, due this week, on time); Sofie Holm (koordinator2@, without authority) works with Mette as the
 * child's caseworker. Family 0 ("Familien Jensen") is the parent login's family.
 */
const demoScenarios: Scenario[] = [
  { stage: 'efei_operation', lead: 'mette', due: 'on_time', wheel: true },
  { stage: 'sof_follow_up', lead: 'jonas', due: 'overdue', cadence: 'six_weeks', contact: 'too_little' },
  { stage: 'efei_assigned', lead: 'mette' },
  { stage: 'sof_start_planned', lead: 'jonas' },
  { stage: 'efei_assessed', lead: 'mette' },
  { stage: 'sof_started', lead: 'jonas' },
  { stage: 'efei_gathered', lead: 'mette' },
  { stage: 'sof_child', lead: 'jonas' },
  { stage: 'efei_analysed', lead: 'mette' },
  { stage: 'sof_child', lead: 'jonas', observation: true },
  { stage: 'efei_analysis_skipped', lead: 'mette' },
  { stage: 'sof_mapped', lead: 'jonas' },
  { stage: 'efei_shared', lead: 'mette' },
  { stage: 'sof_network', lead: 'jonas', buddy: 'sofie' },
  { stage: 'efei_summary', lead: 'mette' },
  { stage: 'sof_follow_up', lead: 'jonas', due: 'due_this_week', cadence: 'three_months', contact: 'regular', wheel: true },
  { stage: 'efei_operation', lead: 'mette', due: 'overdue' },
  { stage: 'sof_follow_up', lead: 'jonas', due: 'on_time', cadence: 'six_weeks', contact: 'prefers_space_exceeded', wheel: true, buddy: 'sofie' },
  { stage: 'efei_operation', lead: 'mette', due: 'due_this_week', wheel: true },
  { stage: 'sof_follow_up', lead: 'jonas', due: 'overdue', cadence: 'three_months', approaching18: true, wheel: true },
  { stage: 'efei_ordinary', lead: 'mette' },
  { stage: 'sof_follow_up', lead: 'jonas', due: 'on_time', cadence: 'three_months', contact: 'prefers_space' },
  { stage: 'sof_follow_up', lead: 'mette', due: 'overdue', cadence: 'six_weeks' },
  { stage: 'sof_follow_up', lead: 'mette', due: 'due_this_week', cadence: 'three_months', contact: 'regular' },
  { stage: 'sof_follow_up', lead: 'jonas', due: 'due_this_week', cadence: 'six_weeks', followUpMeeting: true },
  { stage: 'efei_no_team', lead: 'sofie' },
  { stage: 'efei_assessed', lead: 'sofie' },
  { stage: 'sof_child', lead: 'sofie' },
  { stage: 'sof_follow_up', lead: 'sofie', due: 'on_time', cadence: 'three_months' },
  { stage: 'efei_closed', lead: 'mette' },
  { stage: 'sof_follow_up', lead: 'mette', due: 'on_time', cadence: 'six_weeks', contact: 'prefers_space' },
  { stage: 'efei_assigned', lead: 'mette' },
  { stage: 'sof_follow_up', lead: 'jonas', due: 'overdue', cadence: 'six_weeks' },
  { stage: 'sof_network', lead: 'mette' },
  { stage: 'efei_summary', lead: 'sofie' },
  { stage: 'sof_mapped', lead: 'mette' },
  { stage: 'efei_operation', lead: 'jonas', due: 'on_time' },
  { stage: 'sof_started', lead: 'mette' },
  { stage: 'sof_follow_up', lead: 'jonas', due: 'on_time', cadence: 'six_weeks' },
  { stage: 'efei_operation', lead: 'mette', due: 'on_time', approaching18: true },
];

/** Nabo Kommune: one coordinator, a handful of SOF families and one EFEI case waiting for its core team. */
const naboScenarios: Scenario[] = [
  { stage: 'sof_follow_up', lead: 'niels', due: 'overdue', cadence: 'six_weeks' },
  { stage: 'sof_child', lead: 'niels' },
  { stage: 'efei_no_team', lead: 'niels' },
  { stage: 'sof_network', lead: 'niels' },
  { stage: 'sof_started', lead: 'niels' },
  { stage: 'sof_follow_up', lead: 'niels', due: 'on_time', cadence: 'three_months' },
];

/** Short keys for the demo logins that lead cases. */
const userKeys: Record<string, string> = {
  'koordinator@demo.tovholder.dk': 'mette', 'raadgiver@demo.tovholder.dk': 'jonas', 'koordinator2@demo.tovholder.dk': 'sofie',
  'kerneteam@demo.tovholder.dk': 'lars', 'partner@demo.tovholder.dk': 'anne', 'koordinator@nabo.tovholder.dk': 'niels',
};

async function seedMunicipality(db: Trx, random: Random, today: string, passwordHash: string, spec: {
  code: string; name: string; emailDomain: string; users: readonly UserSpec[]; scenarios: Scenario[]; parentLogin: string | null;
}) {
  const municipalityId = await insertMunicipality(db, {
    code: spec.code, name: spec.name,
    settings: { demo: true, caseloadTarget: { min: 20, max: 25 }, efeiStatusMeetingWeeks, transitionLeadTimeMonths: 12 },
  });
  const departments = new Map<string, string>();
  for (const [kind, name] of demoDepartments) {
    const row = await db.insertInto('departments').values({ municipality_id: municipalityId, kind, name }).returning('id').executeTakeFirstOrThrow();
    departments.set(kind, row.id);
  }
  const users = new Map<string, { id: string; name: string; authority: boolean }>();
  for (const [email, name, roles, department, authority] of spec.users) {
    const row = await db.insertInto('users').values({
      municipality_id: municipalityId, email, name, roles: [...roles], department_id: department ? departments.get(department)! : null,
      has_authority: authority, password_hash: passwordHash, phone: `+45 ${random.int(20, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`,
    }).returning('id').executeTakeFirstOrThrow();
    users.set(userKeys[email] ?? email, { id: row.id, name, authority });
  }
  const people: People = {
    municipalityId, users, departments,
    coreTeam: ['lars', 'anne'].flatMap((k) => (users.has(k) ? [users.get(k)!.id] : [])),
    caseworkerWithAuthority: users.get('mette')?.id ?? null,
  };
  const counters = new Map<number, number>();
  const writer: CaseWriter = {
    db, people, random, today,
    caseNumber: (year) => {
      counters.set(year, (counters.get(year) ?? 0) + 1);
      return `${year}-${String(counters.get(year)).padStart(5, '0')}`;
    },
  };
  let caseCount = 0;

  for (const [f, scenario] of spec.scenarios.entries()) {
    const lastName = lastNames[f % lastNames.length]!;
    const family = await db.insertInto('families').values({
      municipality_id: municipalityId, name: `Familien ${lastName}${f >= lastNames.length ? ' ' + (Math.floor(f / lastNames.length) + 1) : ''}`,
      address: `${random.pick(streets)} ${random.int(1, 80)}, ${spec.name}`,
    }).returning(['id', 'name']).executeTakeFirstOrThrow();
    const parents: DemoFamily['parents'] = [];
    const parentCount = random.chance(0.75) ? 2 : 1;
    for (let p = 0; p < parentCount; p++) {
      const birthDate = addDays(addYears(today, -random.int(30, 52)), -random.int(0, 364));
      const firstName = firstNamesAdult[(f * 2 + p) % firstNamesAdult.length]!;
      const person = await db.insertInto('persons').values({
        municipality_id: municipalityId, first_name: firstName, last_name: lastName,
        birth_date: birthDate, cpr: fictionalCpr(birthDate, random), phone: `+45 ${random.int(20, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`,
        // The first parent of the first family logs in to the family portal with this address (issue 5 item 1).
        email: f === 0 && p === 0 && spec.parentLogin ? spec.parentLogin : `foraelder${f}-${p}@example.invalid`,
      }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('family_members').values({ municipality_id: municipalityId, family_id: family.id, person_id: person.id, relation: 'parent', has_custody: true }).execute();
      parents.push({ id: person.id, firstName });
    }
    // The child with the case (2-15 years, or 17 and approaching 18) and sometimes a sibling without one.
    const children: Array<{ id: string; firstName: string }> = [];
    const childCount = random.int(1, 2);
    for (let c = 0; c < childCount; c++) {
      const birthDate = c === 0 && scenario.approaching18 ? addDays(addYears(today, -17), -random.int(90, 150))
        : addDays(addYears(today, -random.int(c === 0 ? 2 : 0, 15)), -random.int(0, 364));
      const firstName = firstNamesChild[(f * 3 + c) % firstNamesChild.length]!;
      const child = await db.insertInto('persons').values({
        municipality_id: municipalityId, first_name: firstName, last_name: lastName, birth_date: birthDate, cpr: fictionalCpr(birthDate, random),
      }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('family_members').values({ municipality_id: municipalityId, family_id: family.id, person_id: child.id, relation: c === 0 ? 'child' : 'sibling' }).execute();
      children.push({ id: child.id, firstName });
    }
    await writeCase(writer, { id: family.id, name: family.name, parents, child: children[0]!, siblings: children.slice(1) }, scenario);
    caseCount++;
  }
  for (const [year, last] of counters) {
    await db.insertInto('case_number_counters').values({ municipality_id: municipalityId, year, last_number: last }).execute();
  }
  await seedPartnerConsent(db, municipalityId, users.get('anne')?.id, departments.get('school'), today);
  await shareDemoWithFamily(db, municipalityId);
  // Yearly §86 threshold / §87 cap (decision module): DEMO values for this year and the last, not the real indexed
  // amounts, which an administrator enters each year (Administration → Årlige beløb).
  const year = Number(today.slice(0, 4));
  await db.insertInto('yearly_legal_amounts').values([year - 1, year].flatMap((y) => [
    { municipality_id: municipalityId, year: y, kind: 'bl86_threshold_per_year', amount_dkk: 5000, note: 'Demoværdi – ikke den gældende sats' },
    { municipality_id: municipalityId, year: y, kind: 'bl87_cap_per_month', amount_dkk: 35000, note: 'Demoværdi – ikke den gældende sats' },
  ])).execute();
  // The decision-competence plan (issue 8 item 1), published by the department head of Demo Kommune.
  const head = users.get('afdelingschef@demo.tovholder.dk');
  if (head) {
    const planVersionId = await seedCompetencePlan(db, municipalityId, head.id, departments, new Date(`${today}T08:00:00Z`));
    // Issue 8 item 3: core-team proposals — one granted, one with the visitation committee, one being voted on.
    await seedCoreTeamDecisions(db, municipalityId, today, planVersionId);
  }
  return { families: spec.scenarios.length, cases: caseCount, users: users.size };
}

/**
 * Consent governs partner access (issue 5 items 3-4): the family Anne Skov (external partner, Demo Skole) works with
 * — the portal parent's family when she takes part there — has consented to share with the school, so the partner
 * login shows one family, and the portal parent can see (and withdraw) the consent.
 */
async function seedPartnerConsent(db: Trx, municipalityId: string, partnerId: string | undefined, schoolId: string | undefined, today: string): Promise<void> {
  if (!partnerId || !schoolId) return;
  const involved = await db.selectFrom('cases as c')
    .innerJoin('family_members as fm', (j) => j.onRef('fm.municipality_id', '=', 'c.municipality_id').onRef('fm.family_id', '=', 'c.family_id'))
    .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'fm.municipality_id').onRef('p.id', '=', 'fm.person_id'))
    .select(['c.family_id', 'fm.person_id'])
    .where('c.municipality_id', '=', municipalityId).where('c.status', '<>', 'closed').where('fm.has_custody', '=', true)
    .where((eb) => eb.or([
      eb('c.id', 'in', eb.selectFrom('case_team_members').select('case_id').where('user_id', '=', partnerId).where('removed_on', 'is', null)),
      eb('c.id', 'in', eb.selectFrom('meetings as m').innerJoin('meeting_participants as mp', 'mp.meeting_id', 'm.id').select('m.case_id').where('mp.user_id', '=', partnerId)),
    ]))
    .orderBy((eb) => eb.case().when('p.email', 'like', 'foraelder@%').then(0).else(1).end())
    .orderBy('c.case_number').limit(1).executeTakeFirst();
  if (!involved) return;
  await db.insertInto('consents').values({
    municipality_id: municipalityId, family_id: involved.family_id, department_id: schoolId, given_on: addDays(today, -14),
    given_by_person_id: involved.person_id, source: 'portal', created_at: new Date(`${addDays(today, -14)}T10:00:00Z`),
  }).execute();
}
