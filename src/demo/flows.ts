import { randomUUID } from 'node:crypto';
import type { Trx } from '../platform/db/tenant.js';
import { addCalendarMonths } from '../platform/clock/dates.js';
import { checkClosing, checkColumn, familyMayAttend } from '../modules/meeting/rules.js';
import type { ColumnKey, MeetingTemplate, MeetingType } from '../modules/meeting/schema.js';
import { insertVersion } from '../modules/plan/repo.js';
import type { GoalInput, ResponsibleInput } from '../modules/plan/schema.js';
import { addDays, type Random } from './random.js';

/**
 * The demo's case courses: each demo case is put at one step of its model's flow (models.md "Case flow") by writing the
 * facts the flow derives its steps from — held meetings with participants, agenda points per template column,
 * decisions and agreements; flow records; the joint plan's versions and agreement; the child's voice; follow-ups,
 * informal contacts, contact agreements and the annual wheel. Every row satisfies the modules' rules (the meeting
 * rules are called; the plan is written by the plan module's own version writer); dates are relative to the clock's
 * today, so the worklist has overdue, due and on-time families whatever day the demo starts.
 */

export type Stage =
  | 'efei_no_team' | 'efei_assigned' | 'efei_assessed' | 'efei_gathered' | 'efei_analysed' | 'efei_analysis_skipped' | 'efei_shared'
  | 'efei_summary' | 'efei_operation' | 'efei_ordinary' | 'efei_closed'
  | 'sof_start_planned' | 'sof_started' | 'sof_child' | 'sof_mapped' | 'sof_network' | 'sof_follow_up';

/** Where the follow-up (SOF) or status meeting (EFEI) stands today. */
export type DueState = 'overdue' | 'due_this_week' | 'on_time';

export interface Scenario {
  stage: Stage;
  /** Key of the lead in the municipality's people (the coordinator or primary caseworker). */
  lead: string;
  due?: DueState;
  /** SOF follow-up cadence, chosen through the measures: 6 weeks (§50/§52 kind) or 3 months (compensation only). */
  cadence?: 'six_weeks' | 'three_months';
  contact?: 'regular' | 'too_little' | 'prefers_space_exceeded' | 'prefers_space';
  wheel?: boolean;
  /** The child turns 18 within the transition lead time and the transition has not started. */
  approaching18?: boolean;
  /** The observation instead of a conversation with the child (001:161-163). */
  observation?: boolean;
  /** A follow-up held as a meeting rather than logged. */
  followUpMeeting?: boolean;
  buddy?: string;
}

export interface People {
  municipalityId: string;
  users: Map<string, { id: string; name: string; authority: boolean }>;
  departments: Map<string, string>;
  /** Core-team members (PPR, school) for EFEI cases. */
  coreTeam: string[];
  /** A user with authority who works with a coordinator without (000:556-561). */
  caseworkerWithAuthority: string | null;
}

export interface DemoFamily {
  id: string;
  name: string;
  parents: Array<{ id: string; firstName: string }>;
  child: { id: string; firstName: string };
  /** Brothers and sisters without a case of their own (family_members.relation = 'sibling'). */
  siblings: Array<{ id: string; firstName: string }>;
}

/** The demo municipality's EFEI status-meeting cadence (003:61-66), a municipality setting. */
export const efeiStatusMeetingWeeks = 8;

const at = (day: string, hour = 9) => new Date(`${day}T${String(hour - 1).padStart(2, '0')}:00:00Z`);
const efeiMeasures = [['BL-86', 'BL-20'], ['BL-86', 'BL-90-2'], ['BL-87', 'BL-32'], ['BL-86', 'BL-87', 'BL-30'], ['BL-90-2', 'BL-20']];
const sixWeekMeasures = [['BL-20', 'BL-32'], ['BL-32', 'BL-86'], ['BL-20']];
const threeMonthMeasures = [['BL-86', 'BL-87'], ['BL-90-2'], ['BL-86', 'BL-35-4-1'], ['BL-86']];
const selMeasures = [['SEL-41', 'SEL-44'], ['SEL-42', 'SEL-41']];

/** How many days back the case was opened, by stage: a case further along its flow is older. */
function openedDaysAgo(s: Scenario, random: Random): number {
  switch (s.stage) {
    // Before the joint plan, a case is younger than the status-meeting cadence (efeiStatusMeetingWeeks).
    case 'efei_no_team': return random.int(2, 6);
    case 'efei_assigned': return random.int(8, 12);
    case 'efei_assessed': return random.int(14, 20);
    case 'efei_gathered': return random.int(20, 26);
    case 'efei_analysed': case 'efei_analysis_skipped': return random.int(30, 35);
    case 'efei_shared': return random.int(37, 40);
    case 'efei_summary': return random.int(45, 52);
    case 'efei_operation': return random.int(220, 420);
    case 'efei_ordinary': case 'efei_closed': return random.int(900, 1300);
    case 'sof_start_planned': return random.int(4, 9);
    case 'sof_started': return random.int(14, 20);
    case 'sof_child': return random.int(28, 34);
    case 'sof_mapped': return random.int(45, 55);
    case 'sof_network': return random.int(70, 80);
    case 'sof_follow_up': return random.int(200, 480);
  }
}

export interface CaseWriter {
  /** The seed's one transaction (seed.ts): every row of the demo commits together or not at all. */
  db: Trx;
  people: People;
  random: Random;
  today: string;
  /** The next case number of a year (the counters are written at the end). */
  caseNumber: (year: number) => string;
}

/** Writes one case and everything its scenario says has happened. Returns the case id. */
export async function writeCase(w: CaseWriter, family: DemoFamily, s: Scenario): Promise<string> {
  const { db, people, random, today } = w;
  const m = people.municipalityId;
  const lead = people.users.get(s.lead)!;
  const model = s.stage.startsWith('efei') ? 'efei' : 'sof';
  const openedOn = addDays(today, -openedDaysAgo(s, random));
  const status = s.stage === 'efei_closed' ? 'closed' : s.stage === 'efei_ordinary' ? 'ordinary_operation'
    : s.stage === 'efei_operation' || s.stage === 'sof_follow_up' || s.stage === 'sof_network' ? 'in_operation' : 'open';
  const created = await db.insertInto('cases').values({
    municipality_id: m, family_id: family.id, child_id: family.child.id, case_number: w.caseNumber(Number(openedOn.slice(0, 4))),
    model, status, opened_on: openedOn, responsible_department_id: people.departments.get('child_disability')!,
    status_reason: status === 'closed' ? 'Familien er flyttet til en anden kommune; sagen er overleveret.'
      : status === 'ordinary_operation' ? 'Behovet for tæt tværfaglig koordinering er ophørt; familien klarer koordineringen med skolen selv.' : null,
    closed_on: status === 'closed' ? addDays(today, -random.int(5, 30)) : null,
  }).returning('id').executeTakeFirstOrThrow();
  const caseId = created.id;
  await db.insertInto('case_assignments').values({
    municipality_id: m, case_id: caseId, user_id: lead.id, role: model === 'efei' ? 'family_coordinator' : 'primary_caseworker', starts_on: openedOn,
  }).execute();
  if (!lead.authority && people.caseworkerWithAuthority) {
    // A coordinator without authority works with the child's caseworker (000:556-561).
    await db.insertInto('case_assignments').values({ municipality_id: m, case_id: caseId, user_id: people.caseworkerWithAuthority, role: 'caseworker', starts_on: openedOn }).execute();
  }
  if (s.buddy) {
    await db.insertInto('case_assignments').values({ municipality_id: m, case_id: caseId, user_id: people.users.get(s.buddy)!.id, role: 'buddy', starts_on: addDays(openedOn, 1) }).execute();
  }
  if (model === 'efei' && s.stage !== 'efei_no_team') {
    for (const [i, member] of people.coreTeam.entries()) {
      await db.insertInto('case_team_members').values({ municipality_id: m, case_id: caseId, user_id: member, team_role: i === 0 ? 'minute_taker' : 'member', added_on: addDays(openedOn, 2) }).execute();
    }
  }

  // Measures: the SOF cadence follows from them (001:753-771).
  const combination = openedOn < '2024-01-01' ? random.pick(selMeasures)
    : model === 'efei' ? random.pick(efeiMeasures)
    : s.cadence === 'three_months' ? random.pick(threeMonthMeasures) : random.pick(sixWeekMeasures);
  const measureIds: string[] = [];
  for (const legalBasisId of combination) {
    const row = await db.insertInto('measures').values({
      municipality_id: m, case_id: caseId, legal_basis_id: legalBasisId, department_id: people.departments.get(measureDepartment(legalBasisId))!,
      description: measureText[legalBasisId] ?? legalBasisId, starts_on: openedOn, ends_on: null,
      ...(legalBasisId === 'BL-32' ? supportMeasureDuties(openedOn, random.chance(0.6)) : {}),
      // Barnets Lov §20 stk. 3: a running investigation counts 4 months from the day the municipality became aware (a
      // week before the case opened). Cases opened earlier were investigated before the clock was recorded here.
      ...(legalBasisId === 'BL-20' && openedOn >= addCalendarMonths(today, -4) ? { aware_on: addDays(openedOn, -7) } : {}),
    }).returning('id').executeTakeFirstOrThrow();
    measureIds.push(row.id);
  }

  const c: CourseContext = { w, family, s, caseId, openedOn, lead: lead.id, measureIds };
  if (model === 'efei') await efeiCourse(c);
  else await sofCourse(c);
  if (s.contact) await contactAgreement(c);
  if (s.wheel) await annualWheel(c);
  return caseId;
}

interface CourseContext {
  w: CaseWriter;
  family: DemoFamily;
  s: Scenario;
  caseId: string;
  openedOn: string;
  lead: string;
  measureIds: string[];
}

type Participant = { user: string; role?: 'chair' | 'minute_taker' | 'participant' } | { person: string } | { guest: string; organisation: string };

interface MeetingSpec {
  type: MeetingType;
  template?: MeetingTemplate;
  childContact?: 'conversation' | 'observation';
  title?: string;
  on: string;
  hour?: number;
  location?: string;
  participants: Participant[];
  points?: Array<[ColumnKey, string]>;
  minutes?: string;
  decisions?: string[];
  agreements?: Array<{ text: string; user?: string; person?: string; dueOn: string; status?: 'open' | 'done' }>;
  /** Held (closed) meetings need the next date or a reason (000:677-680); a planned one lies ahead. */
  held: boolean;
  nextMeetingOn?: string;
  noNextMeetingReason?: string;
}

async function meeting(c: CourseContext, spec: MeetingSpec): Promise<string> {
  const { db, people } = c.w;
  const m = people.municipalityId;
  const template = spec.template ?? 'free';
  if (spec.held) checkClosing(spec.on, spec.nextMeetingOn, spec.noNextMeetingReason);
  const scheduledAt = at(spec.on, spec.hour ?? 10);
  const row = await db.insertInto('meetings').values({
    municipality_id: m, case_id: c.caseId, type: spec.type, template, child_contact: spec.childContact ?? null, title: spec.title ?? null,
    scheduled_at: scheduledAt, location: spec.location ?? 'Rådhuset, mødelokale 2', status: spec.held ? 'closed' : 'planned',
    minutes: spec.minutes ?? null, next_meeting_on: spec.held ? spec.nextMeetingOn ?? null : null,
    no_next_meeting_reason: spec.held && !spec.nextMeetingOn ? spec.noNextMeetingReason ?? null : null,
    closed_at: spec.held ? new Date(scheduledAt.getTime() + 2 * 3_600_000) : null, closed_by: spec.held ? c.lead : null,
    created_by: c.lead, created_at: addDaysInstant(scheduledAt, -7),
  }).returning('id').executeTakeFirstOrThrow();
  const participants = spec.participants.map((p) => {
    if ('user' in p) return { kind: 'user', user_id: p.user, role: p.role ?? 'participant' };
    if ('person' in p) {
      // 000:685-686: the analysis meeting is held without the family.
      if (!familyMayAttend(spec.type)) throw new Error('demo data: a family member on an analysis meeting');
      return { kind: 'person', person_id: p.person, role: 'participant' };
    }
    return { kind: 'guest', guest_name: p.guest, guest_organisation: p.organisation, role: 'participant' };
  });
  if (participants.length > 0) {
    await db.insertInto('meeting_participants').values(participants.map((p) => ({ municipality_id: m, meeting_id: row.id, ...p }))).execute();
  }
  const points = spec.points ?? [];
  points.forEach(([column]) => checkColumn(template, column));
  if (points.length > 0) {
    await db.insertInto('meeting_agenda_points').values(points.map(([column, text], i) => ({
      municipality_id: m, meeting_id: row.id, column_key: column, text, position: i + 1, created_by: c.lead,
    }))).execute();
  }
  if (spec.decisions?.length) {
    await db.insertInto('meeting_decisions').values(spec.decisions.map((text) => ({ municipality_id: m, meeting_id: row.id, text, created_by: c.lead }))).execute();
  }
  if (spec.agreements?.length) {
    await db.insertInto('meeting_agreements').values(spec.agreements.map((a) => {
      if (a.dueOn < spec.on) throw new Error('demo data: an agreement due before its meeting');
      return {
        municipality_id: m, meeting_id: row.id, text: a.text, owner_user_id: a.user ?? null, owner_person_id: a.user ? null : a.person ?? null,
        due_on: a.dueOn, status: a.status ?? 'open', created_by: c.lead,
      };
    })).execute();
  }
  return row.id;
}

/** An agreement is still open around today (the worklist shows it) and done when its deadline lies well behind. */
const stillOpen = (dueOn: string, today: string): 'open' | 'done' => (dueOn >= addDays(today, -10) ? 'open' : 'done');

const addDaysInstant = (instant: Date, days: number) => new Date(instant.getTime() + days * 86_400_000);

async function flowRecord(c: CourseContext, kind: 'information_gathered' | 'information_shared' | 'skipped', on: string, text: string): Promise<void> {
  const step = kind === 'skipped' ? 'analysis_meeting' : kind === 'information_gathered' ? 'information_gathering' : 'information_sharing';
  await c.w.db.insertInto('case_flow_records').values({
    municipality_id: c.w.people.municipalityId, case_id: c.caseId, round: 1, step, kind, text, recorded_at: at(on, 14), recorded_by: c.lead,
  }).execute();
}

const efeiOrder: Stage[] = ['efei_no_team', 'efei_assigned', 'efei_assessed', 'efei_gathered', 'efei_analysed', 'efei_shared', 'efei_summary', 'efei_operation', 'efei_ordinary'];
const reached = (stage: Stage, step: Stage) => {
  const s = stage === 'efei_analysis_skipped' ? 'efei_analysed' : stage === 'efei_closed' ? 'efei_ordinary' : stage;
  return efeiOrder.indexOf(s) >= efeiOrder.indexOf(step);
};

/** EFEI: steps 1-7 and the "in operation" loop (000:139-210), as far as the scenario's stage. */
async function efeiCourse(c: CourseContext): Promise<void> {
  const { s, family, openedOn, lead } = c;
  const { people, today } = c.w;
  const child = family.child.firstName;
  const [minuteTaker, partner] = people.coreTeam;
  const staff = (chairOnly = false): Participant[] => [
    { user: lead, role: 'chair' }, ...(minuteTaker ? [{ user: minuteTaker, role: 'minute_taker' as const }] : []),
    ...(partner && !chairOnly ? [{ user: partner }] : []),
  ];
  const parents: Participant[] = family.parents.map((p) => ({ person: p.id }));
  const d = (days: number) => addDays(openedOn, days);
  // In operation the assessment round lies further back; the early steps follow the case start closely.
  const long = reached(s.stage, 'efei_operation');
  const t = long
    ? { assess: 12, gather: 22, analysis: 32, share: 40, summary: 48, plan: 52 }
    : { assess: 6, gather: 14, analysis: 24, share: 32, summary: 40, plan: 42 };
  if (!reached(s.stage, 'efei_assessed')) return;

  // Step 2: the assessment always starts with a meeting between the core team and the family (000:632-660).
  await meeting(c, {
    type: 'assessment_meeting', template: 'signs_of_safety', title: `Udredningsmøde med familien ${family.name.replace('Familien ', '')}`,
    on: d(t.assess), participants: [...staff(), ...parents], held: true, nextMeetingOn: d(t.summary),
    points: [
      ['worries', `${child} sover dårligt og har mange nedsmeltninger efter skole.`],
      ['worries', 'Forældrene er slidte og har svært ved at passe deres arbejde.'],
      ['working_well', `${child} er glad for sin klasselærer og for at svømme.`],
      ['working_well', 'Bedsteforældrene hjælper hver anden weekend.'],
      ['next_steps', 'Kerneteamet indhenter oplysninger fra skole, PPR og egen læge.'],
    ],
    minutes: 'Familien fortalte om hverdagen. Kerneteamet og familien blev enige om, hvad der skal undersøges, og hvem der gør hvad.',
    decisions: ['Kerneteamet gennemfører en tværfaglig udredning af familiens samlede situation.'],
    agreements: [
      { text: 'Indhente skoleudtalelse og PPR-notat', user: lead, dueOn: d(t.assess + 10), status: 'done' },
      { text: 'Forældrene skriver ned, hvornår på dagen det er sværest', person: family.parents[0]!.id, dueOn: d(t.assess + 10), status: 'done' },
    ],
  });
  if (!reached(s.stage, 'efei_gathered')) return;
  await flowRecord(c, 'information_gathered', d(t.gather), 'Skoleudtalelse fra Demo Skole, PPR-notat og udtalelse fra egen læge er indhentet med forældrenes samtykke.');
  if (!reached(s.stage, 'efei_analysed')) return;
  if (s.stage === 'efei_analysis_skipped') {
    await flowRecord(c, 'skipped', d(t.analysis), 'Der er ikke behov for eksterne eksperter: kerneteamet har de oplysninger, der skal til.');
  } else {
    // Step 4: held without the family (000:685-686), with external experts not involved in the case.
    await meeting(c, {
      type: 'analysis_meeting', template: 'ics', title: 'Tværfagligt analysemøde', on: d(t.analysis), hour: 13,
      participants: [...staff(), { guest: 'Overlæge Birthe Krogh', organisation: 'Børneafdelingen, Demo Sygehus' }, { guest: 'Specialpædagog Ole Dam', organisation: 'Videnscenter for autisme' }],
      points: [
        ['developmental_needs', `${child} har brug for faste rammer og visuel støtte.`],
        ['parenting_capacity', 'Forældrene er meget engagerede, men trætte.'],
        ['family_environment', 'Lillesøster har brug for mere opmærksomhed; bedsteforældre er en ressource.'],
      ],
      held: true, nextMeetingOn: d(t.summary),
    });
  }
  if (!reached(s.stage, 'efei_shared')) return;
  await flowRecord(c, 'information_shared', d(t.share), 'Udredningens resultater er delt med familien og kerneteamet inden det opsamlende møde.');
  if (!reached(s.stage, 'efei_summary')) return;
  const summaryId = await meeting(c, {
    type: 'summary_meeting', template: 'signs_of_safety', on: d(t.summary), participants: [...staff(), ...parents],
    points: [
      ['worries', 'Morgenerne er stadig svære.'],
      ['working_well', 'Forældrene oplever, at de kun skal fortælle deres historie én gang.'],
      ['next_steps', 'Den fælles plan skrives med familien.'],
    ],
    held: true, nextMeetingOn: d(t.plan + 42),
    decisions: ['Udredningen afsluttes; den fælles plan aftales med familien.'],
  });
  const operation = reached(s.stage, 'efei_operation');
  const goals = planGoals(c, 'efei', d(t.plan));
  await withPlan(c, async (trx, planId) => {
    await insertVersion(trx, {
      municipalityId: people.municipalityId, planId, number: 1, basedOn: null, reason: 'Den fælles plan efter den tværfaglige udredning.', meetingId: summaryId,
      createdBy: lead, createdAt: at(d(t.plan - 1), 14), goals,
    });
    if (operation) await agreePlan(trx, c, planId, 1, d(t.plan));
  });
  if (!operation) return;

  // In operation: status meetings at the municipality's cadence (003:61-66); the last one decides what is due.
  const weeks = efeiStatusMeetingWeeks;
  const lastStatus = s.stage !== 'efei_operation' ? d(t.plan + 4 * weeks * 7) : s.due === 'overdue' ? addDays(today, -(weeks * 7 + c.w.random.int(5, 15)))
    : s.due === 'due_this_week' ? addDays(today, -(weeks * 7 - c.w.random.int(2, 6))) : addDays(today, -c.w.random.int(8, 20));
  const dates: string[] = [];
  for (let day = lastStatus; day > d(t.plan + 20); day = addDays(day, -weeks * 7)) dates.unshift(day);
  let lastMeetingId = summaryId;
  for (const [i, day] of dates.entries()) {
    const last = i === dates.length - 1;
    lastMeetingId = await meeting(c, {
      type: 'status_meeting', template: 'signs_of_safety', title: 'Statusmøde i kerneteamet', on: day, participants: staff(),
      held: true, nextMeetingOn: addDays(day, weeks * 7),
      points: last ? [
        ['worries', 'Aflastningen er endnu ikke faldet på plads.'],
        ['working_well', `${child} kommer i skole fire ud af fem dage.`],
        ['next_steps', 'Planen opdateres med nye statusser.'],
      ] : [],
      agreements: last ? [{ text: 'Følge op på aflastning med Aflastningscentret', user: lead, dueOn: addDays(day, 21), status: stillOpen(addDays(day, 21), today) }] : [],
    });
  }
  // The goals' statuses updated from the last status meeting (000:677-680): a new version, the old one unchanged.
  if (dates.length > 0) {
    await withPlan(c, async (trx, planId) => {
      const updated = goals.map((g, i) => ({
        ...g, status: (i === 0 ? 'in_progress' : i === 1 ? 'achieved' : 'in_progress') as GoalInput['status'],
        statusNote: i === 1 ? 'Aflastning hver anden weekend er i gang.' : 'Godt på vej.', statusMeetingId: lastMeetingId,
      }));
      await insertVersion(trx, {
        municipalityId: people.municipalityId, planId, number: 2, basedOn: 1, reason: 'Statusser opdateret på statusmødet.', meetingId: lastMeetingId,
        createdBy: lead, createdAt: at(dates[dates.length - 1]!, 15), goals: updated,
      });
      await agreePlan(trx, c, planId, 2, dates[dates.length - 1]!);
    });
  }
  // Frequent contact with child and parents between meetings (000:185-188).
  if (s.stage === 'efei_operation') await informalContact(c, addDays(today, -c.w.random.int(3, 12)), 'call', 'Kort opringning om aflastningen.');
}

/** SOF: start conversation → child conversation/observation → mapping → network meeting → follow-up (001:158-225). */
async function sofCourse(c: CourseContext): Promise<void> {
  const { s, family, openedOn, lead } = c;
  const { people, today, random } = c.w;
  const child = family.child;
  const parents: Participant[] = family.parents.map((p) => ({ person: p.id }));
  const buddy = s.buddy ? people.users.get(s.buddy)!.id : null;
  const staff: Participant[] = [{ user: lead, role: 'chair' }, ...(buddy ? [{ user: buddy, role: 'minute_taker' as const }] : [])];
  const d = (days: number) => addDays(openedOn, days);
  const order: Stage[] = ['sof_start_planned', 'sof_started', 'sof_child', 'sof_mapped', 'sof_network', 'sof_follow_up'];
  const has = (stage: Stage) => order.indexOf(s.stage) >= order.indexOf(stage);
  const long = s.stage === 'sof_follow_up';
  const t = long ? { start: 7, child: 16, plan: 30, network: 44 } : { start: 4, child: 12, plan: 30, network: 44 };

  if (s.stage === 'sof_start_planned') {
    await meeting(c, {
      type: 'start_conversation', on: addDays(today, random.int(1, 4)), location: 'Hjemme hos familien',
      participants: [...staff, ...parents, { person: child.id }], held: false,
    });
    return;
  }
  const startNext = has('sof_child') ? d(t.child) : addDays(today, random.int(2, 6));
  await meeting(c, {
    type: 'start_conversation', on: d(t.start), location: 'Hjemme hos familien',
    participants: [...staff, ...parents, { person: child.id }], held: true, nextMeetingOn: startNext,
    points: [
      ['points', 'Familien fortalte, hvad der fylder mest i hverdagen.'],
      ['points', 'Rådgiveren forklarede, hvordan samarbejdet og opfølgningen foregår.'],
    ],
    minutes: `Vi talte om familiens ønsker og om ${child.firstName}s hverdag. Næste skridt er en samtale med ${child.firstName}.`,
  });
  if (!has('sof_child')) {
    await meeting(c, {
      type: 'child_conversation', childContact: s.observation ? 'observation' : 'conversation', title: `Samtale med ${child.firstName}`,
      on: startNext, participants: [{ user: lead, role: 'chair' }, { person: child.id }], held: false,
    });
    return;
  }
  // The child's perspective, whatever the child's level of function (001:161-163), and Dialoglinealen (000:479-483).
  const childMeetingId = await meeting(c, {
    type: 'child_conversation', childContact: s.observation ? 'observation' : 'conversation', title: s.observation ? `Observation af ${child.firstName}` : `Samtale med ${child.firstName}`,
    on: d(t.child), location: s.observation ? 'Dagtilbud Solsikken' : 'Demo Skole', participants: [{ user: lead, role: 'chair' }, { person: child.id }],
    held: true, nextMeetingOn: d(t.plan),
  });
  await childVoice(c, d(t.child), childMeetingId, s.observation ?? false, 0);

  if (!has('sof_mapped')) return;
  // Mapping of resources, wishes and goals with the roles split between family and caseworker (001:168-171, 001:395-400).
  await withPlan(c, async (trx, planId) => {
    await insertVersion(trx, {
      municipalityId: people.municipalityId, planId, number: 1, basedOn: null, reason: 'Kortlægning af familiens ressourcer, ønsker og mål.', meetingId: null,
      createdBy: lead, createdAt: at(d(t.plan - 1), 14), goals: planGoals(c, 'sof', d(t.plan)),
    });
    await agreePlan(trx, c, planId, 1, d(t.plan));
  });
  if (!has('sof_network')) {
    await meeting(c, {
      type: 'network_meeting', template: 'loft', on: addDays(today, random.int(3, 12)),
      participants: [...staff, ...parents, ...people.coreTeam.slice(1).map((u) => ({ user: u }))], held: false,
    });
    return;
  }
  // Network meeting run with LØFT's four columns (001:444-452) and agreements with owners and deadlines.
  const networkOn = d(t.network);
  const partner = people.coreTeam[1];
  const openAgreementDue = long ? addDays(networkOn, 30) : addDays(today, random.int(-4, 5));
  await meeting(c, {
    type: 'network_meeting', template: 'loft', on: networkOn, hour: 14,
    participants: [...staff, ...parents, ...(partner ? [{ user: partner }] : []), { guest: 'Pædagog Hanne Friis', organisation: 'Dagtilbud Solsikken' }],
    points: [
      ['worries', `${child.firstName} bliver overvældet i frikvartererne.`],
      ['worries', 'Kørslen til aflastning er usikker.'],
      ['working_well', `${child.firstName} er glad for sin støttepædagog.`],
      ['working_well', 'Forældrene og skolen taler sammen hver uge.'],
      ['see_happen', `${child.firstName} har et roligt sted at gå hen i pauserne.`],
      ['see_happen', 'Fast kørselsordning til aflastningen.'],
      ['agreements', 'Skolen indretter et pauserum.'],
      ['agreements', 'Rådgiveren bevilger kørsel.'],
    ],
    held: true, nextMeetingOn: addDays(networkOn, 180),
    decisions: ['Netværket mødes igen om et halvt år.'],
    agreements: [
      { text: 'Indrette et roligt pauserum', ...(partner ? { user: partner } : { user: lead }), dueOn: addDays(networkOn, 21), status: 'done' },
      { text: 'Bevilge og bestille kørsel til aflastning', user: lead, dueOn: openAgreementDue, status: long ? 'done' : 'open' },
      { text: 'Fortælle skolen, hvordan morgenen er gået, hver mandag', person: family.parents[0]!.id, dueOn: addDays(networkOn, 60), status: 'done' },
    ],
  });
  if (!long) return;

  // Follow-up at the fixed cadence (001:753-771); the last one decides whether the family is overdue, due or on time.
  const cadenceDays = s.cadence === 'three_months' ? 91 : 42;
  const back = (day: string) => (s.cadence === 'three_months' ? addCalendarMonths(day, -3) : addDays(day, -42));
  let last: string;
  if (s.due === 'overdue') last = addDays(back(today), -random.int(4, 20));
  else if (s.due === 'due_this_week') last = addDays(back(today), random.int(1, 6));
  else last = addDays(today, -random.int(8, 25));
  const dates: string[] = [];
  for (let day = last; day > addDays(networkOn, cadenceDays / 2); day = back(day)) dates.unshift(day);
  const forms = ['phone', 'physical_meeting', 'video', 'home_visit'] as const;
  for (const [i, day] of dates.entries()) {
    if (s.followUpMeeting && i === dates.length - 1) {
      await meeting(c, {
        type: 'follow_up', on: day, location: 'Hjemme hos familien', participants: [...staff, ...parents],
        held: true, nextMeetingOn: addDays(day, cadenceDays), points: [['points', 'Aftalerne fra netværksmødet er gennemgået.']],
      });
      continue;
    }
    await c.w.db.insertInto('contact_log').values({
      municipality_id: people.municipalityId, family_id: family.id, case_id: c.caseId, kind: 'follow_up', channel: forms[i % forms.length]!,
      direction: 'outgoing', occurred_on: day, summary: followUpSummaries[i % followUpSummaries.length]!.replace('{child}', child.firstName),
      agreements_reviewed: 'Aftalerne fra netværksmødet: pauserum og kørsel.', recorded_by: lead, created_at: at(day, 16),
    }).execute();
  }
  // A later Dialoglinealen session shows the trend beside the goals.
  if (dates.length > 0) await childVoice(c, dates[Math.max(0, dates.length - 2)]!, null, s.observation ?? false, 1);
  // Informal availability between follow-ups: sms and short calls (001:772-775).
  if (s.contact !== 'too_little') {
    await informalContact(c, addDays(today, -random.int(5, 12)), 'sms', 'Mor skrev, at kørslen fungerer nu.', 'incoming');
  }
  if (s.approaching18) {
    await c.w.db.insertInto('annual_wheel_activities').values({
      municipality_id: people.municipalityId, family_id: family.id, case_id: c.caseId, year: Number(today.slice(0, 4)), month: 12, kind: 'transition_milestone',
      title: 'Første møde med Voksenhandicap om overgangen', created_by: lead,
    }).execute();
  }
}

const followUpSummaries = [
  'Opfølgning med mor i telefonen: {child} sover bedre, aflastningen fungerer.',
  'Møde på rådhuset med begge forældre: gennemgang af målene i planen.',
  'Videomøde: skolen har indrettet pauserum; {child} bruger det dagligt.',
  'Hjemmebesøg: {child} viste sit værelse og sit skema.',
];

async function informalContact(c: CourseContext, on: string, channel: 'sms' | 'call' | 'email' | 'message', note: string, direction: 'outgoing' | 'incoming' = 'outgoing'): Promise<void> {
  await c.w.db.insertInto('contact_log').values({
    municipality_id: c.w.people.municipalityId, family_id: c.family.id, case_id: c.caseId, kind: 'informal', channel, direction,
    occurred_on: on, summary: note, recorded_by: c.lead, created_at: at(on, 12),
  }).execute();
}

/** Summaries and Dialoglinealen scores (smileys 1-5) for the child (000:479-483, 001:160-163). */
async function childVoice(c: CourseContext, on: string, meetingId: string | null, observation: boolean, session: number): Promise<void> {
  const m = c.w.people.municipalityId;
  const child = c.family.child;
  await c.w.db.insertInto('child_voice_notes').values({
    municipality_id: m, child_id: child.id, occurred_on: on, method: observation ? 'observation' : 'conversation',
    summary: observation
      ? `${child.firstName} søgte hen til den faste voksne, når der var larm, og smilede ved sangen til samling.`
      : `${child.firstName} fortalte, at det bedste er svømning om onsdagen, og at frikvartererne er for larmende.`,
    meeting_id: meetingId, recorded_by: c.lead, recorded_at: at(on, 15),
  }).execute();
  const topics: Array<[string, number, string | null]> = session === 0
    ? [['Skole', 2, 'Der er for meget larm.'], ['Hjemme', 4, null], ['Venner', 3, 'Leger mest med Karl.'], ['Fritid', 5, 'Svømning!']]
    : [['Skole', 3, 'Pauserummet hjælper.'], ['Hjemme', 4, null], ['Venner', 4, null], ['Fritid', 5, null]];
  await c.w.db.insertInto('dialogue_ruler_scores').values(topics.map(([topic, score, comment]) => ({
    municipality_id: m, child_id: child.id, scored_on: on, topic, score, comment, meeting_id: meetingId, recorded_by: c.lead, recorded_at: at(on, 15),
  }))).execute();
}

/** Runs plan writing in the seed's transaction (the plan module's version writer takes one); creates the plan row once. */
async function withPlan(c: CourseContext, work: (trx: Trx, planId: string) => Promise<void>): Promise<void> {
  const trx = c.w.db;
  const existing = await trx.selectFrom('joint_plans').select('id').where('family_id', '=', c.family.id).executeTakeFirst();
  const planId = existing?.id ?? (await trx.insertInto('joint_plans').values({
    municipality_id: c.w.people.municipalityId, family_id: c.family.id, created_by: c.lead,
  }).returning('id').executeTakeFirstOrThrow()).id;
  await work(trx, planId);
}

/** The version agreed with the family (000:745-747): the parents and the lead, on the given day. */
async function agreePlan(trx: Trx, c: CourseContext, planId: string, number: number, on: string): Promise<void> {
  const m = c.w.people.municipalityId;
  const version = await trx.selectFrom('joint_plan_versions').select('id').where('plan_id', '=', planId).where('number', '=', number).executeTakeFirstOrThrow();
  const agreement = await trx.insertInto('joint_plan_agreements').values({
    municipality_id: m, version_id: version.id, agreed_on: on, note: 'Gennemgået og aftalt med familien på mødet.', recorded_by: c.lead, recorded_at: at(on, 15),
  }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('joint_plan_agreement_parties').values([
    ...c.family.parents.map((p) => ({ municipality_id: m, agreement_id: agreement.id, person_id: p.id, user_id: null })),
    { municipality_id: m, agreement_id: agreement.id, person_id: null, user_id: c.lead },
  ]).execute();
}

/** SMARTE goals (000:762-790) with owners, measures, departments and activities; the family's words beside the assessment. */
function planGoals(c: CourseContext, model: 'efei' | 'sof', startsOn: string): Array<GoalInput & { goalKey: string }> {
  const { family, lead, measureIds } = c;
  const { people } = c.w;
  const child = family.child;
  const parent = family.parents[0]!;
  const schoolPartner = people.coreTeam[1];
  const key = () => randomUUID();
  const department = (kind: string) => people.departments.get(kind)!;
  const goals: Array<GoalInput & { goalKey: string }> = [
    {
      goalKey: key(), title: `${child.firstName} kommer i skole hver dag og har et roligt sted i pauserne`, concernsPersonId: child.id, horizon: 'short',
      specific: `${child.firstName} møder i skole alle fem hverdage og bruger pauserummet, når det bliver for meget.`,
      measurable: 'Skolen registrerer fremmøde ugentligt; målet er mindst 9 ud af 10 dage over 8 uger.',
      accepted: `${child.firstName} og forældrene ønsker selv, at skoledagen bliver forudsigelig.`,
      realistic: 'Skolen har en fast støttepædagog 10 timer om ugen og et ledigt grupperum.',
      startsOn, endsOn: addDays(startsOn, 90), evaluation: 'Evalueres på næste status- eller netværksmøde ud fra fremmøde og Dialoglinealen.',
      familyWords: 'Vi vil bare gerne have, at morgenerne ikke ender i kaos.', professionalAssessment: 'Faste rammer og visuel støtte nedsætter uroen mærkbart.',
      status: 'not_started', statusNote: null, statusMeetingId: null,
      owners: [{ kind: 'person', personId: parent.id }, schoolPartner ? { kind: 'user', userId: schoolPartner } : { kind: 'partner', name: 'Klasselærer, Demo Skole' }],
      measureIds: measureIds.slice(0, 1), departmentIds: [department('school'), department('child_disability')],
      activities: [
        { description: 'Lave et visuelt dagsskema sammen med barnet', responsible: { kind: 'partner', name: 'Støttepædagog, Demo Skole' }, dueOn: addDays(startsOn, 14), done: true },
        { description: 'Fast morgenrutine med billedkort derhjemme', responsible: { kind: 'person', personId: parent.id }, dueOn: addDays(startsOn, 21), done: false },
      ],
    },
    {
      goalKey: key(), title: 'Forældrene får aflastning og overskud i hverdagen', concernsPersonId: null, horizon: 'long',
      specific: 'Familien har aflastning hver anden weekend og ved ferier.', measurable: 'Aflastningen er bevilget og fungerer i mindst 3 måneder i træk.',
      accepted: 'Forældrene har selv peget på aflastning som det vigtigste.', realistic: 'Aflastningscentret har plads fra næste måned.',
      startsOn, endsOn: addDays(startsOn, 365), evaluation: 'Evalueres efter et halvt år med familien.',
      familyWords: 'Vi har brug for at kunne sove en hel nat en gang imellem.', professionalAssessment: null,
      status: 'not_started', statusNote: null, statusMeetingId: null,
      owners: [{ kind: 'user', userId: lead }],
      measureIds: measureIds.slice(1, 2), departmentIds: [department('child_disability')],
      activities: [
        { description: 'Bevilge aflastning og aftale opstart med Aflastningscentret', responsible: { kind: 'user', userId: lead }, dueOn: addDays(startsOn, 30), done: false },
        { description: 'Besøge aflastningsstedet sammen med barnet', responsible: { kind: 'person', personId: parent.id }, dueOn: addDays(startsOn, 45), done: false },
      ],
    },
  ];
  const owners: ResponsibleInput[] = model === 'sof'
    // SOF: who coordinates what is explicit (001:395-400): the family keeps the contact with the leisure club.
    ? [{ kind: 'person', personId: parent.id }]
    : [{ kind: 'person', personId: parent.id }, { kind: 'partner', name: 'Virksomhedskonsulent, Jobcenter' }];
  goals.push(model === 'sof' ? {
    goalKey: key(), title: `${child.firstName} går til en fritidsaktivitet med jævnaldrende`, concernsPersonId: child.id, horizon: 'long',
    specific: `${child.firstName} deltager i svømning eller spejder en gang om ugen.`, measurable: 'Deltagelse mindst 3 ud af 4 uger over et halvt år.',
    accepted: `${child.firstName} har selv valgt svømning.`, realistic: 'Klubben har et hold med ekstra trænere.',
    startsOn, endsOn: addDays(startsOn, 180), evaluation: 'Følges op ved hver opfølgning.', familyWords: 'Det er det, hun glæder sig mest til.', professionalAssessment: null,
    status: 'not_started', statusNote: null, statusMeetingId: null, owners, measureIds: [], departmentIds: [],
    activities: [{ description: 'Familien kontakter svømmeklubben', responsible: { kind: 'person', personId: parent.id }, dueOn: addDays(startsOn, 14), done: true }],
  } : {
    goalKey: key(), title: `${parent.firstName} vender tilbage til arbejde på nedsat tid`, concernsPersonId: parent.id, horizon: 'long',
    specific: `${parent.firstName} arbejder 25 timer om ugen i sit gamle job.`, measurable: 'Timetallet trappes op over 4 måneder.',
    accepted: `${parent.firstName} ønsker at komme tilbage.`, realistic: 'Arbejdspladsen har tilbudt en gradvis tilbagevenden.',
    startsOn, endsOn: addDays(startsOn, 240), evaluation: 'Evalueres sammen med Jobcentret hver anden måned.',
    familyWords: null, professionalAssessment: 'Tabt arbejdsfortjeneste nedtrappes i takt med timetallet.',
    status: 'not_started', statusNote: null, statusMeetingId: null, owners, measureIds: [], departmentIds: [department('employment')],
    activities: [{ description: 'Møde med virksomhedskonsulent', responsible: { kind: 'partner', name: 'Virksomhedskonsulent, Jobcenter' }, dueOn: addDays(startsOn, 20), done: false }],
  });
  return goals;
}

/** How and how often the family wants contact (000:423-445, 001:429-433). */
async function contactAgreement(c: CourseContext): Promise<void> {
  const { s, family, openedOn, lead } = c;
  const { db, people, today } = c.w;
  const since = addDays(openedOn, 7);
  const space = s.contact === 'prefers_space' || s.contact === 'prefers_space_exceeded';
  await db.insertInto('contact_agreements').values({
    municipality_id: people.municipalityId, family_id: family.id, revision: 1,
    channels: space ? ['sms', 'email'] : s.contact === 'too_little' ? ['phone', 'home_visit'] : ['phone', 'sms'],
    every_days: space ? 60 : s.contact === 'too_little' ? 14 : 30,
    good_times: space ? 'Helst sms; ingen opkald i arbejdstiden' : 'Hverdage efter kl. 15',
    prefers_space: space, max_contacts_per_30_days: space ? 2 : null,
    note: space ? 'Familien ønsker ro og vil selv række ud, når der er brug for det.' : 'Familien vil gerne høre fra rådgiveren jævnligt.',
    recorded_by: lead, recorded_at: at(since, 11),
  }).execute();
  if (s.contact === 'prefers_space_exceeded') {
    for (const back of [2, 6, 11]) await informalContact(c, addDays(today, -back), back === 6 ? 'call' : 'sms', 'Rådgiveren spurgte til kørslen.');
  }
}

/** Planned activities of the family's årshjul this year (001:851-884), by month without a date; one scheduled. */
async function annualWheel(c: CourseContext): Promise<void> {
  const { db, people, today } = c.w;
  const year = Number(today.slice(0, 4));
  const rows: Array<{ month: number; kind: string; title: string; scheduled?: string }> = [
    { month: 3, kind: 'plan_evaluation', title: 'Evaluering af den fælles plan' },
    { month: 6, kind: 'network_meeting', title: 'Netværksmøde før sommerferien' },
    { month: 8, kind: 'other', title: 'Skolestart: overlevering til ny klasselærer' },
    { month: 10, kind: 'plan_evaluation', title: 'Evaluering af målene med familien' },
    { month: 12, kind: 'network_meeting', title: 'Netværksmøde med skole og aflastning', scheduled: `${year}-12-09T13:00:00+01:00` },
  ];
  await db.insertInto('annual_wheel_activities').values(rows.map((r) => ({
    municipality_id: people.municipalityId, family_id: c.family.id, case_id: c.caseId, year, month: r.month, kind: r.kind, title: r.title,
    scheduled_at: r.scheduled ?? null, created_by: c.lead,
  }))).execute();
}

// ---- measures ----

export const measureText: Record<string, string> = {
  'SEL-11': 'Forældrekursus', 'SEL-41': 'Merudgifter til særlig kost og ble', 'SEL-42': 'Tabt arbejdsfortjeneste, 20 timer/uge',
  'SEL-44': 'Afløsning i hjemmet', 'SEL-50': 'Børnefaglig undersøgelse', 'SEL-52': 'Familiebehandling', 'SEL-52a-1-1': 'Økonomisk støtte til fritidsaktivitet',
  'SEL-84': 'Aflastning en weekend om måneden', 'BL-19': 'Afdækning af støttebehov', 'BL-20': 'Børnefaglig undersøgelse', 'BL-30': 'Forældrekursus',
  'BL-32': 'Familiebehandling', 'BL-35-4-1': 'Økonomisk støtte til fritidsaktivitet', 'BL-86': 'Merudgifter til hjælpemidler og kørsel',
  'BL-87': 'Tabt arbejdsfortjeneste, 15 timer/uge', 'BL-90-2': 'Aflastning en weekend om måneden',
};

/** Barnets Lov §32 stk. 2-3 and §91 on a demo support measure (measure/rules.ts checkMeasureDuties). */
export const supportMeasureDuties = (startsOn: string, planMade: boolean) => ({
  purpose: 'At forældrene får redskaber til at skabe forudsigelige rammer i hverdagen, så barnet trives hjemme.',
  expected_duration: '6 måneder', custody_consent_on: startsOn,
  child_plan_decision: planMade ? 'made' : 'not_made', child_plan_decided_on: startsOn,
  child_plan_reason: planMade ? null : 'Indsatsen er kortvarig og afgrænset; familiens mål står i den fælles plan.',
});

export const measureDepartment = (id: string): string => (['SEL-52', 'BL-32'].includes(id) ? 'family_therapy' : 'child_disability');
