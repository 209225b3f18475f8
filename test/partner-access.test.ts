import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { auditHead, auditRowsAfter } from './inspect.js';

/**
 * Consent governs partner access (issue 5 item 4; 000:460-461): "External partners (school, daycare, PPR, …) see only
 * families where they take part in the core team or a meeting and consent is in force, and only what they need:
 * their goals and agreements, meeting times and shared minutes. They can update the status of their agreements and
 * add notes. Withdrawing consent cuts access at once. Every access is audited." The rule is
 * policy.ts partnerAccessReasonSql; this file is its matrix against a real database.
 */

let t: TestApp;
let m: TestMunicipality;
let coordinator: TestUser;
let onTeam: TestUser;
let inMeeting: TestUser;
let notTakingPart: TestUser;
let colleague: TestUser;
let family: TestFamily;
let meetingOnly: TestFamily;
let other: { m: TestMunicipality; partner: TestUser; family: TestFamily };
let ids: { meeting: string; internalMeeting: string; ownAgreement: string; colleagueAgreement: string; otherAgreement: string; parentAgreement: string; goal: string; otherGoal: string };
const sessions = {} as Record<'onTeam' | 'inMeeting' | 'notTakingPart' | 'coordinator' | 'otherPartner', Session>;

async function consent(f: TestFamily, departmentId: string, givenOn = '2026-11-01'): Promise<string> {
  const row = await t.db.insertInto('consents').values({
    municipality_id: f.municipalityId, family_id: f.familyId, department_id: departmentId, given_on: givenOn, given_by_person_id: f.parent.id,
    source: 'portal', created_at: new Date('2026-11-01T10:00:00Z'),
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function withdraw(consentId: string): Promise<void> {
  const f = await t.db.selectFrom('consents').select('given_by_person_id').where('id', '=', consentId).executeTakeFirstOrThrow();
  await t.db.updateTable('consents').set({ withdrawn_at: new Date('2026-11-22T10:00:00Z'), withdrawn_by_person_id: f.given_by_person_id }).where('id', '=', consentId).execute();
}

async function meeting(f: TestFamily, values: { scheduledAt: string; minutes?: string; minutesVisibility?: string; visibility?: string; participants?: TestUser[] }) {
  const row = await t.db.insertInto('meetings').values({
    municipality_id: f.municipalityId, case_id: f.caseId, type: 'network_meeting', scheduled_at: values.scheduledAt, created_by: coordinator.id,
    minutes: values.minutes ?? null, minutes_visibility: values.minutesVisibility ?? 'internal', visibility: values.visibility ?? 'family',
  }).returning('id').executeTakeFirstOrThrow();
  for (const user of values.participants ?? []) {
    await t.db.insertInto('meeting_participants').values({ municipality_id: f.municipalityId, meeting_id: row.id, kind: 'user', user_id: user.id }).execute();
  }
  return row.id;
}

async function agreement(meetingId: string, municipalityId: string, owner: { userId?: string; personId?: string }, text: string): Promise<string> {
  const row = await t.db.insertInto('meeting_agreements').values({
    municipality_id: municipalityId, meeting_id: meetingId, text, owner_user_id: owner.userId ?? null, owner_person_id: owner.personId ?? null,
    due_on: '2026-12-15', created_by: coordinator.id,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

async function goal(f: TestFamily, title: string, owner: { userId?: string; personId?: string }): Promise<string> {
  let plan = await t.db.selectFrom('joint_plans').select('id').where('family_id', '=', f.familyId).executeTakeFirst();
  plan ??= await t.db.insertInto('joint_plans').values({ municipality_id: f.municipalityId, family_id: f.familyId, latest_version: 1, created_by: coordinator.id })
    .returning('id').executeTakeFirstOrThrow();
  let version = await t.db.selectFrom('joint_plan_versions').select('id').where('plan_id', '=', plan.id).executeTakeFirst();
  version ??= await t.db.insertInto('joint_plan_versions').values({
    municipality_id: f.municipalityId, plan_id: plan.id, number: 1, reason: 'Første plan', created_by: coordinator.id, created_at: '2026-11-01T10:00:00Z',
  }).returning('id').executeTakeFirstOrThrow();
  const row = await t.db.insertInto('joint_plan_goals').values({
    municipality_id: f.municipalityId, version_id: version.id, goal_key: randomUUID(), position: 0, title, horizon: 'short',
    specific: 's', measurable: 'm', accepted: 'a', realistic: 'r', starts_on: '2026-11-01', ends_on: '2027-03-01', evaluation: 'e',
    family_words: 'Familiens egne ord', professional_assessment: 'Fagligt skøn',
  }).returning('id').executeTakeFirstOrThrow();
  await t.db.insertInto('joint_plan_goal_owners').values({
    municipality_id: f.municipalityId, goal_id: row.id, kind: owner.userId ? 'user' : 'person', user_id: owner.userId ?? null, person_id: owner.personId ?? null, position: 0,
  }).execute();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  onTeam = await makeUser(t.db, m, { roles: ['external_partner'], department: 'school', name: 'Lærer På Holdet' });
  colleague = await makeUser(t.db, m, { roles: ['external_partner'], department: 'school', name: 'Kollega Skole' });
  inMeeting = await makeUser(t.db, m, { roles: ['external_partner'], department: 'ppr', name: 'Psykolog I Møde' });
  notTakingPart = await makeUser(t.db, m, { roles: ['external_partner'], department: 'school', name: 'Lærer Udenfor' });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator });
  meetingOnly = await makeFamilyWithCase(t.db, m, { lead: coordinator });
  await addTeamMember(t.db, family.caseId, onTeam, { teamRole: 'school' });

  const held = await meeting(family, { scheduledAt: '2026-11-10T09:00:00Z', minutes: 'Delt referat til skolen', minutesVisibility: 'partners', participants: [onTeam] });
  const internalMeeting = await meeting(family, { scheduledAt: '2026-11-15T09:00:00Z', minutes: 'HEMMELIGT internt referat', minutesVisibility: 'family', visibility: 'internal' });
  await t.db.insertInto('meeting_decisions').values([
    { municipality_id: m.id, meeting_id: held, text: 'Delt beslutning', created_by: coordinator.id, visibility: 'partners' },
    { municipality_id: m.id, meeting_id: held, text: 'INTERN beslutning', created_by: coordinator.id },
  ]).execute();
  const ownAgreement = await agreement(held, m.id, { userId: onTeam.id }, 'Skolen laver skema');
  const colleagueAgreement = await agreement(held, m.id, { userId: colleague.id }, 'Kollega følger op');
  const otherAgreement = await agreement(held, m.id, { userId: coordinator.id }, 'KOORDINATORENS aftale');
  const parentAgreement = await agreement(held, m.id, { personId: family.parent.id }, 'FORÆLDERENS aftale');
  const g = await goal(family, 'Trives i klassen', { userId: onTeam.id });
  const otherGoal = await goal(family, 'FORÆLDERENS mål', { personId: family.parent.id });
  ids = { meeting: held, internalMeeting, ownAgreement, colleagueAgreement, otherAgreement, parentAgreement, goal: g, otherGoal };

  // The PPR partner only takes part in one meeting of the other family.
  const pprMeeting = await meeting(meetingOnly, { scheduledAt: '2026-12-01T09:00:00Z', participants: [inMeeting] });
  await agreement(pprMeeting, m.id, { userId: inMeeting.id }, 'PPR udreder');
  await meeting(meetingOnly, { scheduledAt: '2026-12-05T09:00:00Z' });

  const otherM = await makeMunicipality(t.db);
  const otherCoordinator = await makeUser(t.db, otherM, { roles: ['coordinator'] });
  const otherPartner = await makeUser(t.db, otherM, { roles: ['external_partner'], department: 'school' });
  const otherFamily = await makeFamilyWithCase(t.db, otherM, { lead: otherCoordinator });
  await addTeamMember(t.db, otherFamily.caseId, otherPartner);
  other = { m: otherM, partner: otherPartner, family: otherFamily };

  sessions.onTeam = await loginAs(t.app, onTeam);
  sessions.inMeeting = await loginAs(t.app, inMeeting);
  sessions.notTakingPart = await loginAs(t.app, notTakingPart);
  sessions.coordinator = await loginAs(t.app, coordinator);
  sessions.otherPartner = await loginAs(t.app, otherPartner);
});

afterAll(async () => {
  await t?.close();
});

const api = (who: keyof typeof sessions) => client(t.app, sessions[who]);
const families = async (who: keyof typeof sessions) => ((await api(who).get('/api/partner/families')).json() as Array<{ caseId: string }>).map((f) => f.caseId);

describe('partner access matrix', () => {
  it('partner in the core team WITHOUT consent → 404 on the case, the family not listed', async () => {
    expect((await api('onTeam').get(`/api/partner/cases/${family.caseId}`)).statusCode).toBe(404);
    expect(await families('onTeam')).toEqual([]);
  });

  it('partner in the core team WITH consent for their organisation → sees their goals, their (and their organisation\'s) agreements, meeting times and shared minutes', async () => {
    await consent(family, m.departments.school);
    const before = await auditHead(t.db, m.id);
    const response = await api('onTeam').get(`/api/partner/cases/${family.caseId}`);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view).toMatchObject({ caseId: family.caseId, reason: 'partner_core_team', consentGivenOn: '2026-11-01' });
    expect(view.goals.map((g: { id: string }) => g.id)).toEqual([ids.goal]);
    expect(view.agreements.map((a: { id: string }) => a.id).sort()).toEqual([ids.ownAgreement, ids.colleagueAgreement].sort());
    expect(view.meetings.map((mt: { id: string }) => mt.id)).toEqual([ids.meeting]);
    expect(view.meetings[0]).toMatchObject({ sharedMinutes: 'Delt referat til skolen', sharedDecisions: [{ text: 'Delt beslutning' }] });
    // Only what they need: nothing internal, nobody else's goals or agreements, no CPR, no sensitive goal fields.
    for (const secret of ['HEMMELIGT', 'INTERN', 'KOORDINATORENS', 'FORÆLDERENS', family.child.cpr, family.parent.cpr, 'Familiens egne ord', 'Fagligt skøn']) {
      expect(response.body).not.toContain(secret);
    }
    const rows = await auditRowsAfter(t.db, m.id, before);
    expect(rows).toEqual([expect.objectContaining({ action: 'read', entity_type: 'partner_case', entity_id: family.caseId, actor_user_id: onTeam.id, case_ids: [family.caseId] })]);
    expect(rows[0]!.entry).toMatchObject({ reason: 'partner_core_team' });
    expect(await families('onTeam')).toEqual([family.caseId]);
  });

  it('the staff case pages stay closed to the partner even with consent: 404 (the partner API is their only view)', async () => {
    expect((await api('onTeam').get(`/api/cases/${family.caseId}`)).statusCode).toBe(404);
    expect((await api('onTeam').get(`/api/families/${family.familyId}`)).statusCode).toBe(404);
    expect((await api('onTeam').get(`/api/meetings/${ids.meeting}`)).statusCode).toBe(404);
    expect((await api('onTeam').get(`/api/search?q=${encodeURIComponent(family.familyName)}`)).statusCode).toBe(403);
  });

  it('partner with consent for their organisation but NOT taking part → 404', async () => {
    expect((await api('notTakingPart').get(`/api/partner/cases/${family.caseId}`)).statusCode).toBe(404);
    expect(await families('notTakingPart')).toEqual([]);
  });

  it('partner only in a meeting, with consent → sees that meeting\'s time and their agreement, not the other meetings', async () => {
    expect((await api('inMeeting').get(`/api/partner/cases/${meetingOnly.caseId}`)).statusCode).toBe(404);
    await consent(meetingOnly, m.departments.ppr);
    const response = await api('inMeeting').get(`/api/partner/cases/${meetingOnly.caseId}`);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view.reason).toBe('partner_meeting');
    expect(view.meetings).toEqual([expect.objectContaining({ scheduledAt: '2026-12-01T09:00:00.000Z', sharedMinutes: null })]);
    expect(view.agreements).toEqual([expect.objectContaining({ text: 'PPR udreder' })]);
    // Consent for PPR does not open the first family, where PPR takes no part.
    expect((await api('inMeeting').get(`/api/partner/cases/${family.caseId}`)).statusCode).toBe(404);
  });

  it('a consent to another organisation does not count: the school partner in a meeting-only family without school consent → 404', async () => {
    await meeting(meetingOnly, { scheduledAt: '2026-12-10T09:00:00Z', participants: [notTakingPart] });
    expect((await api('notTakingPart').get(`/api/partner/cases/${meetingOnly.caseId}`)).statusCode).toBe(404);
  });

  it('the partner updates the status of their agreement (version checked); someone else\'s agreement is 404, nothing changes', async () => {
    const own = await api('onTeam').patch(`/api/partner/agreements/${ids.ownAgreement}`, { status: 'done', version: 1 });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ status: 'done', version: 2 });
    expect((await api('onTeam').patch(`/api/partner/agreements/${ids.ownAgreement}`, { status: 'open', version: 1 })).statusCode).toBe(409);
    for (const id of [ids.otherAgreement, ids.parentAgreement]) {
      const refused = await api('onTeam').patch(`/api/partner/agreements/${id}`, { status: 'done', version: 1 });
      expect(refused.statusCode).toBe(404);
      const row = await t.db.selectFrom('meeting_agreements').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'open', version: 1 });
    }
    // A partner without access to the case cannot change even an agreement of their organisation.
    expect((await api('notTakingPart').patch(`/api/partner/agreements/${ids.colleagueAgreement}`, { status: 'done', version: 1 })).statusCode).toBe(404);
  });

  it('the partner adds a note (201, audited); an empty note is 400; a partner without access gets 404', async () => {
    const before = await auditHead(t.db, m.id);
    const note = await api('onTeam').post(`/api/partner/cases/${family.caseId}/notes`, { text: 'Har haft en god uge i klassen.' });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ text: 'Har haft en god uge i klassen.', authorName: onTeam.name });
    expect(await auditRowsAfter(t.db, m.id, before)).toEqual([expect.objectContaining({ action: 'create', entity_type: 'partner_note', actor_user_id: onTeam.id })]);
    expect((await api('onTeam').post(`/api/partner/cases/${family.caseId}/notes`, { text: '   ' })).statusCode).toBe(400);
    expect((await api('notTakingPart').post(`/api/partner/cases/${family.caseId}/notes`, { text: 'Snig' })).statusCode).toBe(404);
    const view = (await api('onTeam').get(`/api/partner/cases/${family.caseId}`)).json();
    expect(view.notes).toEqual([expect.objectContaining({ text: 'Har haft en god uge i klassen.' })]);
    // The case's staff read the partners' notes; the partners themselves do not open that staff route.
    const staffNotes = await api('coordinator').get(`/api/cases/${family.caseId}/partner-notes`);
    expect(staffNotes.statusCode).toBe(200);
    expect(staffNotes.json()).toEqual([expect.objectContaining({ text: 'Har haft en god uge i klassen.', authorName: onTeam.name })]);
    expect((await api('onTeam').get(`/api/cases/${family.caseId}/partner-notes`)).statusCode).toBe(404);
  });

  it('withdrawing consent cuts access at once: the very next request is 404 (read, list, agreement, note)', async () => {
    const [row] = await t.db.selectFrom('consents').select('id').where('family_id', '=', family.familyId).where('department_id', '=', m.departments.school).execute();
    expect((await api('onTeam').get(`/api/partner/cases/${family.caseId}`)).statusCode).toBe(200);
    // Withdrawn through the portal route's command path is consents.test.ts; here the stored fact is what counts.
    await withdraw(row!.id);
    expect((await api('onTeam').get(`/api/partner/cases/${family.caseId}`)).statusCode).toBe(404);
    expect(await families('onTeam')).toEqual([]);
    expect((await api('onTeam').patch(`/api/partner/agreements/${ids.ownAgreement}`, { status: 'open', version: 2 })).statusCode).toBe(404);
    expect((await api('onTeam').post(`/api/partner/cases/${family.caseId}/notes`, { text: 'Efter tilbagekaldelse' })).statusCode).toBe(404);
  });

  it('a consent given for a later date is not yet in force', async () => {
    await consent(family, m.departments.school, '2026-12-01');
    expect((await api('onTeam').get(`/api/partner/cases/${family.caseId}`)).statusCode).toBe(404);
  });

  it('a partner of municipality B, on their own family\'s core team with consent, gets 404 for A\'s case and sees only B\'s family', async () => {
    await consent(other.family, other.m.departments.school);
    expect((await api('otherPartner').get(`/api/partner/cases/${family.caseId}`)).statusCode).toBe(404);
    expect((await api('otherPartner').get(`/api/partner/cases/${meetingOnly.caseId}`)).statusCode).toBe(404);
    expect((await api('otherPartner').patch(`/api/partner/agreements/${ids.colleagueAgreement}`, { status: 'done', version: 1 })).statusCode).toBe(404);
    expect(await families('otherPartner')).toEqual([other.family.caseId]);
  });

  it('staff are not partners: the partner API shows a coordinator nothing (empty list, 404)', async () => {
    expect(await families('coordinator')).toEqual([]);
    expect((await api('coordinator').get(`/api/partner/cases/${family.caseId}`)).statusCode).toBe(404);
  });

  it('every partner access is audited: list reads name the families shown, refused reads write no case read', async () => {
    const before = await auditHead(t.db, m.id);
    await api('inMeeting').get('/api/partner/families');
    await api('inMeeting').get(`/api/partner/cases/${family.caseId}`);
    const rows = await auditRowsAfter(t.db, m.id, before);
    expect(rows).toEqual([expect.objectContaining({ action: 'read', entity_type: 'partner_family_list', actor_user_id: inMeeting.id, case_ids: [meetingOnly.caseId] })]);
  });
});
