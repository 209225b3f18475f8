import { sql } from 'kysely';
import type { Clock } from '../platform/clock/clock.js';
import { todayIn } from '../platform/clock/clock.js';
import type { Trx } from '../platform/db/tenant.js';
import { inTenantStep } from './tenant-step.js';
import { addCalendarMonths } from '../platform/clock/dates.js';
import { buildAgenda } from '../modules/leaders-meeting/agenda.js';
import { addDays, fictionalCpr, seededRandom } from './random.js';

/**
 * The demo of issue 9 items 3-6 in Demo Kommune: a coordination group (monthly) and a stop-op series (every three
 * months), each with a held meeting (agenda as it stood, decisions, minutes) and an upcoming one; learning goals for
 * Mette Lund (koordinator@) set with her team leader Henrik Dahl (teamleder@), with Jonas Berg as buddy; and a
 * 16-year-old whose transition track to adult services has started (contact in adult services, steps).
 */
export async function seedLeadingPracticeDemo(db: Trx, clock: Clock): Promise<void> {
  const municipality = await db.selectFrom('municipalities').select('id').where('code', '=', '998').executeTakeFirst();
  if (!municipality) return;
  const m = municipality.id;
  const today = todayIn(clock);
  const now = clock.now();
  const random = seededRandom(922);
  const users = new Map((await db.selectFrom('users').select(['id', 'email', 'department_id']).where('municipality_id', '=', m).execute()).map((u) => [u.email.split('@')[0]!, u]));
  const mette = users.get('koordinator')!;
  const jonas = users.get('raadgiver')!;
  const henrik = users.get('teamleder')!;
  const birgitte = users.get('afdelingschef')!;
  const lars = users.get('kerneteam')!;
  const departments = [...new Set([henrik, birgitte, lars].map((u) => u.department_id).filter((d): d is string => d !== null))];

  await inTenantStep(db, m, async (trx) => {
    const agenda = JSON.stringify(await buildAgenda(trx, departments, today));
    const seriesOf = async (kind: 'coordination_group' | 'stop_op', title: string, months: number, members: string[], decisions: string[]) => {
      // The series started one interval ago: that meeting is held, the next one is upcoming.
      const heldOn = addCalendarMonths(today, -months);
      const first = heldOn;
      const series = await trx.insertInto('leader_meeting_series').values({ municipality_id: m, kind, title, first_on: first, created_by: henrik.id, created_at: now })
        .returning('id').executeTakeFirstOrThrow();
      await trx.insertInto('leader_meeting_members').values(members.map((user_id) => ({ municipality_id: m, series_id: series.id, user_id }))).execute();
      const held = await trx.insertInto('leader_meetings').values({
        municipality_id: m, series_id: series.id, scheduled_on: heldOn, status: 'held', held_on: heldOn, agenda,
        minutes: 'Dagsordenens punkter blev gennemgået; beslutningerne står i beslutningsloggen.', minutes_sent_at: new Date(`${heldOn}T14:00:00Z`), version: 2,
      }).returning('id').executeTakeFirstOrThrow();
      for (const [i, text] of decisions.entries()) {
        await trx.insertInto('leader_meeting_decisions').values({
          municipality_id: m, meeting_id: held.id, text, responsible_user_id: i % 2 === 0 ? henrik.id : birgitte.id, due_on: addDays(today, 14 + i * 7),
          created_by: henrik.id, created_at: new Date(`${heldOn}T13:00:00Z`),
        }).execute();
      }
      await trx.insertInto('leader_meetings').values({ municipality_id: m, series_id: series.id, scheduled_on: addCalendarMonths(heldOn, months) }).execute();
    };
    // EFEI's coordination group: leaders of the involved departments, monthly (000:240-245).
    await seriesOf('coordination_group', 'Koordinationsgruppen (EFEI)', 1, [henrik.id, birgitte.id, lars.id],
      ['Gennemgå sager med forfaldne statusmøder i teamet', 'Afklare finansiering af aflastning med Børn og Unge']);
    // SOF's stop-op meetings: every three months (001:243).
    await seriesOf('stop_op', 'Stop-op (SOF)', 3, [henrik.id, birgitte.id, mette.id, jonas.id],
      ['Fælles sparring om opfølgningskadencen', 'Makkerskaber fornyes til næste kvartal']);

    // Learning goals (001:247-251) for Mette, set with Henrik; one with Jonas as buddy.
    await trx.insertInto('learning_goals').values([
      { municipality_id: m, employee_user_id: mette.id, leader_user_id: henrik.id, buddy_user_id: jonas.id, goal: 'Lede netværksmøder med skole og PPR, så familien taler først',
        follow_up_on: addDays(today, 21), notes: 'Jonas deltager som makker i to møder.', created_by: henrik.id, created_at: now },
      { municipality_id: m, employee_user_id: mette.id, leader_user_id: henrik.id, buddy_user_id: null, goal: 'Bruge Dialoglinealen i samtaler med børn under 10 år',
        follow_up_on: addDays(today, 60), notes: null, created_by: mette.id, created_at: now },
    ]).execute();

    // A 16-year-old (born 16 years and 5 months ago) with a started transition track, led by Mette.
    const birthDate = addCalendarMonths(today, -(16 * 12 + 5));
    const family = await trx.insertInto('families').values({ municipality_id: m, name: 'Familien Overgaard', address: 'Lærkevej 16, 9999 Demoby', created_by: mette.id })
      .returning('id').executeTakeFirstOrThrow();
    const parent = await trx.insertInto('persons').values({ municipality_id: m, first_name: 'Helle', last_name: 'Overgaard', birth_date: '1979-04-02', cpr: fictionalCpr('1979-04-02', random) })
      .returning('id').executeTakeFirstOrThrow();
    const child = await trx.insertInto('persons').values({ municipality_id: m, first_name: 'Magnus', last_name: 'Overgaard', birth_date: birthDate, cpr: fictionalCpr(birthDate, random) })
      .returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('family_members').values([
      { municipality_id: m, family_id: family.id, person_id: parent.id, relation: 'parent', has_custody: true },
      { municipality_id: m, family_id: family.id, person_id: child.id, relation: 'child' },
    ]).execute();
    const openedOn = addCalendarMonths(today, -14);
    const year = Number(openedOn.slice(0, 4));
    const counter = await sql<{ last_number: number }>`insert into case_number_counters (municipality_id, year, last_number) values (${m}, ${year}, 1)
      on conflict (municipality_id, year) do update set last_number = case_number_counters.last_number + 1 returning last_number`.execute(trx);
    const created = await trx.insertInto('cases').values({
      municipality_id: m, family_id: family.id, child_id: child.id, case_number: `${year}-${String(counter.rows[0]!.last_number).padStart(5, '0')}`,
      model: 'sof', status: 'in_operation', opened_on: openedOn, responsible_department_id: henrik.department_id!,
    }).returning('id').executeTakeFirstOrThrow();
    await trx.insertInto('case_assignments').values({ municipality_id: m, case_id: created.id, user_id: mette.id, role: 'primary_caseworker', starts_on: openedOn }).execute();
    await trx.insertInto('case_transitions').values({
      municipality_id: m, case_id: created.id, started_on: addDays(today, -20), note: 'Første møde med voksenhandicap aftalt.', recorded_by: mette.id,
    }).execute();
    await trx.insertInto('case_transition_tracks').values({
      municipality_id: m, case_id: created.id, adult_contact_name: 'Vera Voksen', adult_contact_unit: 'Voksenhandicap, Demo Kommune', adult_contact_phone: '+45 70 00 00 18',
      adult_contact_email: 'voksen@demo.tovholder.dk', updated_by: mette.id, updated_at: now,
    }).execute();
    const eighteen = addCalendarMonths(birthDate, 18 * 12);
    await trx.insertInto('case_transition_steps').values([
      { municipality_id: m, case_id: created.id, title: 'Introduktionsmøde med voksenområdet', planned_on: addDays(today, -20), done_on: addDays(today, -20), created_by: mette.id, created_at: now },
      { municipality_id: m, case_id: created.id, title: 'Fælles møde med familien og voksenområdet', planned_on: addDays(today, 30), done_on: null, created_by: mette.id, created_at: now },
      { municipality_id: m, case_id: created.id, title: 'Afklaring af bolig og beskæftigelse', planned_on: addCalendarMonths(eighteen, -6), done_on: null, created_by: mette.id, created_at: now },
    ]).execute();
  });
}
