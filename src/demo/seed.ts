import type { Clock } from '../platform/clock/clock.js';
import { todayIn } from '../platform/clock/clock.js';
import type { Database } from '../platform/db/database.js';
import { createMunicipality } from '../platform/db/tenants.js';
import { hashPassword } from '../platform/auth/password.js';
import { addDays, addYears, fictionalCpr, seededRandom, type Random } from './random.js';

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

/** Realistic § combinations (models.md rule 1): compensation only, investigations and support, mixes; SEL before 2024, Barnets Lov after. */
const selCombinations = [['SEL-41'], ['SEL-41', 'SEL-42'], ['SEL-44'], ['SEL-41', 'SEL-11'], ['SEL-42', 'SEL-52a-1-1'], ['SEL-50'], ['SEL-50', 'SEL-52'], ['SEL-52', 'SEL-41'], ['SEL-84', 'SEL-41']];
const blCombinations = [['BL-86'], ['BL-86', 'BL-87'], ['BL-90-2'], ['BL-86', 'BL-30'], ['BL-87', 'BL-35-4-1'], ['BL-20'], ['BL-20', 'BL-32'], ['BL-32', 'BL-86'], ['BL-19', 'BL-86']];
const measureText: Record<string, string> = {
  'SEL-11': 'Forældrekursus', 'SEL-41': 'Merudgifter til særlig kost og ble', 'SEL-42': 'Tabt arbejdsfortjeneste, 20 timer/uge',
  'SEL-44': 'Afløsning i hjemmet', 'SEL-50': 'Børnefaglig undersøgelse', 'SEL-52': 'Familiebehandling', 'SEL-52a-1-1': 'Økonomisk støtte til fritidsaktivitet',
  'SEL-84': 'Aflastning en weekend om måneden', 'BL-19': 'Afdækning af støttebehov', 'BL-20': 'Børnefaglig undersøgelse', 'BL-30': 'Forældrekursus',
  'BL-32': 'Familiebehandling', 'BL-35-4-1': 'Økonomisk støtte til fritidsaktivitet', 'BL-86': 'Merudgifter til hjælpemidler og kørsel',
  'BL-87': 'Tabt arbejdsfortjeneste, 15 timer/uge', 'BL-90-2': 'Aflastning en weekend om måneden',
};
/** Barnets Lov §32 stk. 2-3 and §91 on a demo support measure (measure/rules.ts checkMeasureDuties). */
const supportMeasureDuties = (startsOn: string, planMade: boolean) => ({
  purpose: 'At forældrene får redskaber til at skabe forudsigelige rammer i hverdagen, så barnet trives hjemme.',
  expected_duration: '6 måneder', custody_consent_on: startsOn,
  child_plan_decision: planMade ? 'made' : 'not_made', child_plan_decided_on: startsOn,
  child_plan_reason: planMade ? null : 'Indsatsen er kortvarig og afgrænset; familiens mål står i den fælles plan.',
});
const measureDepartment = (id: string): DepartmentKind => (['SEL-50', 'SEL-52', 'BL-19', 'BL-20', 'BL-32', 'SEL-11', 'BL-30'].includes(id) ? (id.endsWith('52') || id === 'BL-32' ? 'family_therapy' : 'child_disability') : 'child_disability');

export interface SeedSummary { municipalities: number; families: number; cases: number; users: number }

/** Seeds Demo Kommune (about 40 families under both models) and Nabo Kommune (to show tenant isolation). */
export async function seedDemo(db: Database, clock: Clock, options: { families?: number } = {}): Promise<SeedSummary> {
  const random = seededRandom(2026);
  const today = todayIn(clock);
  const passwordHash = await hashPassword(demoPassword);
  const demo = await seedMunicipality(db, random, today, passwordHash, {
    code: '998', name: 'Demo Kommune', emailDomain: 'demo.tovholder.dk', users: demoUsers, families: options.families ?? 40, parentLogin: 'foraelder@demo.tovholder.dk',
  });
  const nabo = await seedMunicipality(db, random, today, passwordHash, {
    code: '997', name: 'Nabo Kommune', emailDomain: 'nabo.tovholder.dk',
    users: [['koordinator@nabo.tovholder.dk', 'Niels Nabo', ['coordinator'], 'child_disability', true], ['admin@nabo.tovholder.dk', 'Nanna Admin', ['administrator'], null, false]],
    families: 6, parentLogin: null,
  });
  return { municipalities: 2, families: demo.families + nabo.families, cases: demo.cases + nabo.cases, users: demo.users + nabo.users };
}

type UserSpec = readonly [string, string, readonly string[], DepartmentKind | null, boolean];

async function seedMunicipality(db: Database, random: Random, today: string, passwordHash: string, spec: {
  code: string; name: string; emailDomain: string; users: readonly UserSpec[]; families: number; parentLogin: string | null;
}) {
  const municipalityId = await createMunicipality(db, { code: spec.code, name: spec.name, settings: { demo: true, caseloadTarget: { min: 20, max: 25 } } });
  const departments = new Map<DepartmentKind, string>();
  for (const [kind, name] of demoDepartments) {
    const row = await db.insertInto('departments').values({ municipality_id: municipalityId, kind, name }).returning('id').executeTakeFirstOrThrow();
    departments.set(kind, row.id);
  }
  const users = new Map<string, string>();
  for (const [email, name, roles, department, authority] of spec.users) {
    const row = await db.insertInto('users').values({
      municipality_id: municipalityId, email, name, roles: [...roles], department_id: department ? departments.get(department)! : null,
      has_authority: authority, password_hash: passwordHash, phone: `+45 ${random.int(20, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`,
    }).returning('id').executeTakeFirstOrThrow();
    users.set(email, row.id);
  }
  const coordinators = spec.users.filter(([, , roles]) => roles.includes('coordinator')).map(([email, , , , authority]) => ({ id: users.get(email)!, authority }));
  const withAuthority = coordinators.filter((c) => c.authority);
  const coreTeam = spec.users.filter(([, , roles]) => roles.includes('core_team_member') || roles.includes('external_partner')).map(([email]) => users.get(email)!);
  let caseCount = 0;
  const counters = new Map<number, number>();

  for (let f = 0; f < spec.families; f++) {
    const lastName = lastNames[f % lastNames.length]!;
    const family = await db.insertInto('families').values({
      municipality_id: municipalityId, name: `Familien ${lastName}${f >= lastNames.length ? ' ' + (Math.floor(f / lastNames.length) + 1) : ''}`,
      address: `${random.pick(streets)} ${random.int(1, 80)}, ${spec.name}`,
    }).returning('id').executeTakeFirstOrThrow();
    const parents = random.chance(0.75) ? 2 : 1;
    let parentPersonId: string | null = null;
    for (let p = 0; p < parents; p++) {
      const birthDate = addDays(addYears(today, -random.int(28, 52)), -random.int(0, 364));
      const person = await db.insertInto('persons').values({
        municipality_id: municipalityId, first_name: firstNamesAdult[(f * 2 + p) % firstNamesAdult.length]!, last_name: lastName,
        birth_date: birthDate, cpr: fictionalCpr(birthDate, random), phone: `+45 ${random.int(20, 99)} ${random.int(10, 99)} ${random.int(10, 99)} ${random.int(10, 99)}`,
        email: `foraelder${f}-${p}@example.invalid`,
      }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('family_members').values({ municipality_id: municipalityId, family_id: family.id, person_id: person.id, relation: 'parent', has_custody: true }).execute();
      parentPersonId ??= person.id;
    }
    if (f === 0 && spec.parentLogin) {
      await db.insertInto('users').values({
        municipality_id: municipalityId, email: spec.parentLogin, name: `Forælder i familien ${lastName}`, roles: ['parent'], person_id: parentPersonId, password_hash: passwordHash,
      }).execute();
    }
    const children = random.int(1, 3);
    for (let c = 0; c < children; c++) {
      // A child 0-17; the first child has the case, a sibling sometimes has one too.
      const birthDate = addDays(addYears(today, -random.int(c === 0 ? 1 : 0, 17)), -random.int(0, 364));
      const child = await db.insertInto('persons').values({
        municipality_id: municipalityId, first_name: firstNamesChild[(f * 3 + c) % firstNamesChild.length]!, last_name: lastName,
        birth_date: birthDate, cpr: fictionalCpr(birthDate, random),
      }).returning('id').executeTakeFirstOrThrow();
      const hasCase = c === 0 || random.chance(0.15);
      await db.insertInto('family_members').values({ municipality_id: municipalityId, family_id: family.id, person_id: child.id, relation: hasCase ? 'child' : 'sibling' }).execute();
      if (!hasCase) continue;

      const model = (f + c) % 2 === 0 ? 'efei' : 'sof';
      const openedOn = addDays(today, -random.int(20, 5 * 365));
      const year = Number(openedOn.slice(0, 4));
      counters.set(year, (counters.get(year) ?? 0) + 1);
      const status = random.chance(0.08) ? 'closed' : random.chance(0.12) ? 'ordinary_operation' : random.chance(0.6) ? 'in_operation' : 'open';
      const lead = coordinators[(f + c) % coordinators.length]!;
      const created = await db.insertInto('cases').values({
        municipality_id: municipalityId, family_id: family.id, child_id: child.id, case_number: `${year}-${String(counters.get(year)).padStart(5, '0')}`,
        model, status, opened_on: openedOn, responsible_department_id: departments.get('child_disability')!,
        status_reason: status === 'closed' ? 'Familien er flyttet' : status === 'ordinary_operation' ? 'Behovet for tæt tværfaglig koordinering er ophørt' : null,
        closed_on: status === 'closed' ? addDays(today, -random.int(1, 20)) : null,
      }).returning('id').executeTakeFirstOrThrow();
      caseCount++;
      await db.insertInto('case_assignments').values({
        municipality_id: municipalityId, case_id: created.id, user_id: lead.id, role: model === 'efei' ? 'family_coordinator' : 'primary_caseworker', starts_on: openedOn,
      }).execute();
      if (!lead.authority && withAuthority.length > 0) {
        // A coordinator without authority works with the child's caseworker (000:556-561).
        await db.insertInto('case_assignments').values({ municipality_id: municipalityId, case_id: created.id, user_id: withAuthority[0]!.id, role: 'caseworker', starts_on: openedOn }).execute();
      }
      if (model === 'sof' && random.chance(0.3) && coordinators.length > 1) {
        const buddy = coordinators.find((x) => x.id !== lead.id)!;
        await db.insertInto('case_assignments').values({ municipality_id: municipalityId, case_id: created.id, user_id: buddy.id, role: 'buddy', starts_on: openedOn }).execute();
      }
      if (model === 'efei') {
        for (const member of coreTeam) {
          if (random.chance(0.5)) {
            await db.insertInto('case_team_members').values({ municipality_id: municipalityId, case_id: created.id, user_id: member, team_role: 'member', added_on: openedOn }).execute();
          }
        }
      }
      const combination = random.pick(openedOn >= '2024-01-01' ? blCombinations : selCombinations);
      for (const legalBasisId of combination) {
        await db.insertInto('measures').values({
          municipality_id: municipalityId, case_id: created.id, legal_basis_id: legalBasisId, department_id: departments.get(measureDepartment(legalBasisId))!,
          description: measureText[legalBasisId] ?? legalBasisId, starts_on: openedOn, ends_on: random.chance(0.1) ? addDays(today, random.int(30, 300)) : null,
          ...(legalBasisId === 'BL-32' ? supportMeasureDuties(openedOn, random.chance(0.6)) : {}),
        }).execute();
      }
    }
  }
  for (const [year, last] of counters) {
    await db.insertInto('case_number_counters').values({ municipality_id: municipalityId, year, last_number: last }).execute();
  }
  return { families: spec.families, cases: caseCount, users: users.size };
}
