import { sql } from 'kysely';
import type { App } from '../src/app.js';
import type { Role } from '../src/platform/auth/actor.js';
import { hashPassword } from '../src/platform/auth/password.js';
import type { Database } from '../src/platform/db/database.js';
import { createMunicipality } from '../src/platform/db/tenants.js';
import { testToday } from './app.js';

/**
 * Factories that create what is missing (style.md §6). They insert as the connecting role, which bypasses row-level
 * security (like src/demo/seed.ts), so a test can arrange data in any municipality. Every name, e-mail, CPR number
 * and case number they make is unique within the test process.
 */

let serial = 0;
const next = () => ++serial;

export const departmentKinds = ['child_disability', 'child_youth', 'school', 'ppr', 'family_therapy', 'employment'] as const;
export type TestDepartmentKind = (typeof departmentKinds)[number];
const departmentNames: Record<TestDepartmentKind, string> = {
  child_disability: 'Børnehandicap', child_youth: 'Børn og Unge', school: 'Testskolen', ppr: 'PPR', family_therapy: 'Familiebehandlingen', employment: 'Jobcenter',
};

export interface TestMunicipality {
  id: string;
  code: string;
  name: string;
  departments: Record<TestDepartmentKind, string>;
}

/** A municipality (tenant) with its audit chain head and one department of each kind in departmentKinds. */
export async function makeMunicipality(db: Database, options: { code?: string; name?: string } = {}): Promise<TestMunicipality> {
  const n = next();
  const code = options.code ?? String(100 + (n % 900)).padStart(3, '0');
  const name = options.name ?? `Testkommune ${code}`;
  const id = await createMunicipality(db, { code, name });
  const departments = {} as Record<TestDepartmentKind, string>;
  for (const kind of departmentKinds) {
    const row = await db.insertInto('departments').values({ municipality_id: id, kind, name: departmentNames[kind] }).returning('id').executeTakeFirstOrThrow();
    departments[kind] = row.id;
  }
  return { id, code, name, departments };
}

export interface TestUser {
  id: string;
  municipalityId: string;
  email: string;
  password: string;
  name: string;
  roles: Role[];
  departmentId: string | null;
  personId: string | null;
}

export const defaultPassword = 'Korrekt-hest-batteri-42';
const hashes = new Map<string, Promise<string>>();
/** argon2id is deliberately slow: each distinct password is hashed once per test process. */
function cachedHash(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
}

/**
 * A login of the municipality. Staff default to the child-disability department; parents, controllers and
 * administrators to none. `department: null` gives none explicitly.
 */
export async function makeUser(db: Database, municipality: TestMunicipality, options: {
  roles: Role[]; department?: TestDepartmentKind | null; password?: string; hasAuthority?: boolean; personId?: string | null; name?: string; email?: string; active?: boolean;
}): Promise<TestUser> {
  const n = next();
  const password = options.password ?? defaultPassword;
  const staffDefault = options.roles.some((r) => !['parent', 'controller', 'administrator'].includes(r)) ? 'child_disability' : null;
  const kind = options.department === undefined ? staffDefault : options.department;
  const departmentId = kind ? municipality.departments[kind] : null;
  const email = options.email ?? `${options.roles[0]!.replace(/_/g, '-')}-${n}@k${municipality.code}.test.invalid`;
  const name = options.name ?? `Bruger ${n} (${options.roles.join(', ')})`;
  const row = await db.insertInto('users').values({
    municipality_id: municipality.id, email, name, roles: options.roles, department_id: departmentId,
    has_authority: options.hasAuthority ?? false, person_id: options.personId ?? null, password_hash: await cachedHash(password),
    phone: '+45 70 00 00 00', active: options.active ?? true,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, municipalityId: municipality.id, email, password, name, roles: options.roles, departmentId, personId: options.personId ?? null };
}

/** A fictional CPR number for a birth date: the right century digit and a serial that makes it unique. */
export function cprFor(birthDate: string): string {
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  const year = Number(y);
  const digit7 = year >= 2000 ? 4 : 2;
  return `${d}${m}${y.slice(2)}${digit7}${String(next() % 1000).padStart(3, '0')}`;
}

const lastNames = ['Krogh', 'Dalsgaard', 'Bækgaard', 'Frost', 'Lindholm', 'Vestergaard', 'Kjeldsen', 'Mølgaard', 'Thygesen', 'Aagaard'];

export interface TestPerson {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  cpr: string;
}

export interface TestFamily {
  municipalityId: string;
  familyId: string;
  familyName: string;
  parent: TestPerson;
  child: TestPerson;
  /** Set unless withCase: false. */
  caseId: string;
  caseNumber: string;
  /** The lead assignment (family coordinator / primary caseworker), when a lead was given. */
  leadAssignmentId: string | null;
}

async function makePerson(db: Database, municipalityId: string, firstName: string, lastName: string, birthDate: string): Promise<TestPerson> {
  const cpr = cprFor(birthDate);
  const row = await db.insertInto('persons').values({
    municipality_id: municipalityId, first_name: firstName, last_name: lastName, birth_date: birthDate, cpr, phone: '+45 20 30 40 50', email: `${firstName.toLowerCase()}@example.invalid`,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, firstName, lastName, birthDate, cpr };
}

/** The next case number of the municipality, from the same counter the app allocates from. */
export async function allocateCaseNumber(db: Database, municipalityId: string, year: number): Promise<string> {
  const row = await sql<{ last_number: number }>`
    insert into case_number_counters (municipality_id, year, last_number) values (${municipalityId}, ${year}, 1)
    on conflict (municipality_id, year) do update set last_number = case_number_counters.last_number + 1
    returning last_number`.execute(db);
  return `${year}-${String(row.rows[0]!.last_number).padStart(5, '0')}`;
}

/**
 * A household with one parent (custody) and one child, and, unless withCase is false, an open case for the child
 * whose lead (family coordinator for EFEI, primary caseworker for SOF) is `lead` when given.
 */
export async function makeFamilyWithCase(db: Database, municipality: TestMunicipality, options: {
  lead?: TestUser; model?: 'efei' | 'sof'; lastName?: string; responsibleDepartment?: TestDepartmentKind; createdBy?: TestUser;
  withCase?: boolean; openedOn?: string; childBirthDate?: string;
} = {}): Promise<TestFamily> {
  const n = next();
  const lastName = options.lastName ?? `${lastNames[n % lastNames.length]}${n}`;
  const familyName = `Familien ${lastName}`;
  const family = await db.insertInto('families').values({
    municipality_id: municipality.id, name: familyName, address: `Testvej ${n}, 9999 Testby`, notes: 'Ønsker møder om eftermiddagen.',
    created_by: options.createdBy?.id ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  const parent = await makePerson(db, municipality.id, `Forælder${n}`, lastName, '1986-04-17');
  const child = await makePerson(db, municipality.id, `Barn${n}`, lastName, options.childBirthDate ?? '2016-09-03');
  await db.insertInto('family_members').values([
    { municipality_id: municipality.id, family_id: family.id, person_id: parent.id, relation: 'parent', has_custody: true },
    { municipality_id: municipality.id, family_id: family.id, person_id: child.id, relation: 'child' },
  ]).execute();
  const result: TestFamily = {
    municipalityId: municipality.id, familyId: family.id, familyName, parent, child, caseId: '', caseNumber: '', leadAssignmentId: null,
  };
  if (options.withCase === false) return result;

  const model = options.model ?? 'efei';
  const openedOn = options.openedOn ?? '2026-03-02';
  const caseNumber = await allocateCaseNumber(db, municipality.id, Number(openedOn.slice(0, 4)));
  const created = await db.insertInto('cases').values({
    municipality_id: municipality.id, family_id: family.id, child_id: child.id, case_number: caseNumber, model, status: 'in_operation',
    opened_on: openedOn, responsible_department_id: municipality.departments[options.responsibleDepartment ?? 'child_disability'],
  }).returning('id').executeTakeFirstOrThrow();
  result.caseId = created.id;
  result.caseNumber = caseNumber;
  if (options.lead) {
    result.leadAssignmentId = await addAssignment(db, created.id, options.lead, model === 'efei' ? 'family_coordinator' : 'primary_caseworker', { startsOn: openedOn });
  }
  return result;
}

export type AssignmentRole = 'family_coordinator' | 'primary_caseworker' | 'buddy' | 'caseworker';

export async function addAssignment(db: Database, caseId: string, user: TestUser, role: AssignmentRole, options: { startsOn?: string; endsOn?: string | null } = {}): Promise<string> {
  const row = await db.insertInto('case_assignments').values({
    municipality_id: user.municipalityId, case_id: caseId, user_id: user.id, role, starts_on: options.startsOn ?? '2026-03-02', ends_on: options.endsOn ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function addTeamMember(db: Database, caseId: string, user: TestUser, options: { addedOn?: string; removedOn?: string | null; teamRole?: string } = {}): Promise<string> {
  const row = await db.insertInto('case_team_members').values({
    municipality_id: user.municipalityId, case_id: caseId, user_id: user.id, team_role: options.teamRole ?? 'member',
    added_on: options.addedOn ?? '2026-03-02', removed_on: options.removedOn ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function makeMeasure(db: Database, municipality: TestMunicipality, caseId: string, options: {
  legalBasisId?: string; department?: TestDepartmentKind; description?: string; startsOn?: string; endsOn?: string | null;
} = {}): Promise<string> {
  const row = await db.insertInto('measures').values({
    municipality_id: municipality.id, case_id: caseId, legal_basis_id: options.legalBasisId ?? 'BL-86', department_id: municipality.departments[options.department ?? 'child_disability'],
    description: options.description ?? 'Merudgifter til kørsel', starts_on: options.startsOn ?? '2026-04-01', ends_on: options.endsOn ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A parent's login, bound to the parent person of the family. */
export function makeParentLogin(db: Database, municipality: TestMunicipality, family: TestFamily): Promise<TestUser> {
  return makeUser(db, municipality, { roles: ['parent'], personId: family.parent.id, name: `${family.parent.firstName} ${family.parent.lastName}` });
}

export interface TestMeetingRecords {
  meetingId: string; participantId: string; agendaPointId: string; decisionId: string; agreementId: string; fixedTeamId: string;
}

/**
 * One row in every table of the case flow and meetings (migration 0003): a held network meeting with a participant,
 * an agenda point, a decision and an agreement owned by the parent, a second flow round with a record, and a fixed
 * core team of the municipality with `user` as member.
 */
export async function makeMeetingRecords(db: Database, municipality: TestMunicipality, family: TestFamily, user: TestUser): Promise<TestMeetingRecords> {
  const municipalityId = municipality.id;
  const meeting = await db.insertInto('meetings').values({
    municipality_id: municipalityId, case_id: family.caseId, type: 'network_meeting', template: 'loft', scheduled_at: '2026-11-20T09:00:00Z',
    status: 'closed', closed_at: '2026-11-20T11:00:00Z', closed_by: user.id, next_meeting_on: '2027-01-15', created_by: user.id, minutes: 'Referat',
  }).returning('id').executeTakeFirstOrThrow();
  const participant = await db.insertInto('meeting_participants').values({
    municipality_id: municipalityId, meeting_id: meeting.id, kind: 'user', user_id: user.id, role: 'chair',
  }).returning('id').executeTakeFirstOrThrow();
  const point = await db.insertInto('meeting_agenda_points').values({
    municipality_id: municipalityId, meeting_id: meeting.id, column_key: 'worries', text: 'Søvn', position: 1, created_by: user.id,
  }).returning('id').executeTakeFirstOrThrow();
  const decision = await db.insertInto('meeting_decisions').values({ municipality_id: municipalityId, meeting_id: meeting.id, text: 'Aflastning søges', created_by: user.id })
    .returning('id').executeTakeFirstOrThrow();
  const agreement = await db.insertInto('meeting_agreements').values({
    municipality_id: municipalityId, meeting_id: meeting.id, text: 'Ringer til skolen', owner_person_id: family.parent.id, due_on: '2026-12-01', created_by: user.id,
  }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('case_flow_rounds').values({ municipality_id: municipalityId, case_id: family.caseId, number: 2, reason: 'Ny skole', started_at: '2026-11-01T08:00:00Z', started_by: user.id }).execute();
  await db.insertInto('case_flow_records').values({
    municipality_id: municipalityId, case_id: family.caseId, round: 2, step: 'information_gathering', kind: 'information_gathered', text: 'PPR-udtalelse',
    recorded_at: '2026-11-02T08:00:00Z', recorded_by: user.id,
  }).execute();
  const team = await db.insertInto('fixed_core_teams').values({ municipality_id: municipalityId, name: `Kerneteam ${next()}` }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('fixed_core_team_members').values({ municipality_id: municipalityId, team_id: team.id, user_id: user.id, team_role: 'member' }).execute();
  return { meetingId: meeting.id, participantId: participant.id, agendaPointId: point.id, decisionId: decision.id, agreementId: agreement.id, fixedTeamId: team.id };
}

export { testToday };

// ---- HTTP ----

export interface Session {
  cookie: string;
  csrf: string;
  /** Headers for app.inject: the session cookie and the CSRF token. */
  headers: { cookie: string; 'x-csrf-token': string };
  userId: string;
}

/** Logs in through the API and returns what a browser would hold afterwards. */
export async function login(app: App, email: string, password: string = defaultPassword): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login of ${email} failed: ${response.statusCode} ${response.body}`);
  const setCookie = response.headers['set-cookie'];
  const raw = (Array.isArray(setCookie) ? setCookie : [setCookie ?? '']).find((c) => c.startsWith('tovholder_session='));
  if (!raw) throw new Error('login set no session cookie');
  const cookie = raw.split(';')[0]!;
  const body = response.json() as { csrfToken: string; user: { id: string } };
  return { cookie, csrf: body.csrfToken, headers: { cookie, 'x-csrf-token': body.csrfToken }, userId: body.user.id };
}

export function loginAs(app: App, user: TestUser): Promise<Session> {
  return login(app, user.email, user.password);
}

/** Small request helpers for one session: `const api = client(app, session); await api.get('/api/my-families')`. */
export function client(app: App, session?: Session) {
  const headers = session?.headers ?? {};
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload?: unknown) => app.inject({ method: 'POST', url, headers, payload: payload as object }),
    patch: (url: string, payload?: unknown) => app.inject({ method: 'PATCH', url, headers, payload: payload as object }),
    delete: (url: string) => app.inject({ method: 'DELETE', url, headers }),
    request: (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
      app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) }),
  };
}
