import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testNow, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMunicipality, makeParentLogin, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { auditHead, auditRowsAfter, countAll } from './inspect.js';

/**
 * Meetings of a case (issue 3 §3): types, participants with roles, method templates with points per column, minutes,
 * decisions, agreements with an owner, deadline and status, and closing with the next date or a reason.
 */

let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let otherFamily: TestFamily;
let coordinator: TestUser;
let coreMember: TestUser;
let partner: TestUser;
let outsider: TestUser;
let parentLogin: TestUser;
let session: Session;
let coreSession: Session;

interface ErrorBody { error: { code: string; message: string; details: Array<{ field: string; code: string; message: string }> } }
interface Participant { id: string; kind: string; category: string; role: string; name: string; personId: string | null; userId: string | null }
interface Agreement { id: string; text: string; owner: { kind: string; name: string }; dueOn: string; status: string; version: number }
interface Meeting {
  id: string; caseId: string; type: string; template: string; status: string; version: number; minutes: string | null; nextMeetingOn: string | null;
  noNextMeetingReason: string | null; familyMayAttend: boolean;
  columns: Array<{ key: string; points: Array<{ id: string; text: string; position: number; version: number }> }>;
  participants: Participant[]; decisions: Array<{ id: string; text: string }>; agreements: Agreement[]; abilities: Record<string, boolean>;
}
type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

const api = () => client(t.app, session);
/** Yesterday morning, before the test clock's now: a meeting that has been held. */
const heldAt = '2026-11-21T09:00:00+01:00';
const futureAt = '2026-12-01T09:00:00+01:00';

async function refused(send: () => Promise<Response>): Promise<{ status: number; body: ErrorBody }> {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  return { status: response.statusCode, body: response.json() as ErrorBody };
}

async function createMeeting(body: Record<string, unknown>, caseId = family.caseId): Promise<Meeting> {
  const response = await api().post(`/api/cases/${caseId}/meetings`, { scheduledAt: heldAt, ...body });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Meeting;
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Mette Koordinator' });
  coreMember = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr', name: 'Lars PPR' });
  partner = await makeUser(t.db, m, { roles: ['external_partner'], department: 'school', name: 'Anne Skole' });
  outsider = await makeUser(t.db, m, { roles: ['coordinator'] });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
  otherFamily = await makeFamilyWithCase(t.db, m, { lead: outsider, model: 'efei' });
  parentLogin = await makeParentLogin(t.db, m, family);
  await addTeamMember(t.db, family.caseId, coreMember, { teamRole: 'PPR-psykolog' });
  session = await loginAs(t.app, coordinator);
  coreSession = await loginAs(t.app, coreMember);
});

afterAll(async () => {
  await t?.close();
});

describe('creating a meeting with participants and roles (000:586-589)', () => {
  it('an assessment meeting with the coordinator as chair, a core-team member as minute taker, the parent and a partner', async () => {
    const meeting = await createMeeting({
      type: 'assessment_meeting', template: 'signs_of_safety', title: 'Udredningsmøde',
      participants: [
        { kind: 'user', userId: coordinator.id, role: 'chair' },
        { kind: 'user', userId: coreMember.id, role: 'minute_taker' },
        { kind: 'person', personId: family.parent.id },
        { kind: 'user', userId: partner.id },
      ],
    });
    expect(meeting).toMatchObject({ type: 'assessment_meeting', template: 'signs_of_safety', status: 'planned', version: 1, familyMayAttend: true });
    expect(meeting.participants.map((p) => [p.category, p.role])).toEqual([
      ['staff', 'chair'], ['staff', 'minute_taker'], ['partner', 'participant'], ['family', 'participant'],
    ]);
    expect(meeting.participants[3]!.name).toBe(`${family.parent.firstName} ${family.parent.lastName}`);
    const row = await t.db.selectFrom('meetings').select(['case_id', 'created_by']).where('id', '=', meeting.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ case_id: family.caseId, created_by: coordinator.id });
  });

  it('a family member cannot chair or take the minutes: 422 role_needs_staff citing 000:586-589, nothing written', async () => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/meetings`, {
      type: 'status_meeting', scheduledAt: heldAt, participants: [{ kind: 'person', personId: family.parent.id, role: 'minute_taker' }],
    }));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'role_needs_staff', details: [{ field: 'participants.0.role', code: 'role_needs_staff' }] });
    expect(body.error.message).toContain('000:586-589');
  });

  it('a second chair → 409 role_taken; the same person twice → 409 already_participant', async () => {
    const meeting = await createMeeting({ type: 'status_meeting', participants: [{ kind: 'user', userId: coordinator.id, role: 'chair' }, { kind: 'person', personId: family.child.id }] });
    const chair = await refused(() => api().post(`/api/meetings/${meeting.id}/participants`, { kind: 'user', userId: coreMember.id, role: 'chair' }));
    expect(chair.status).toBe(409);
    expect(chair.body.error).toMatchObject({ code: 'role_taken', details: [{ field: 'role' }] });
    const twice = await refused(() => api().post(`/api/meetings/${meeting.id}/participants`, { kind: 'person', personId: family.child.id }));
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_participant');
  });

  it('a person of another family → 422 not_family_member naming personId', async () => {
    const meeting = await createMeeting({ type: 'home_visit' });
    const { status, body } = await refused(() => api().post(`/api/meetings/${meeting.id}/participants`, { kind: 'person', personId: otherFamily.parent.id }));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'not_family_member', details: [{ field: 'personId' }] });
  });

  it('a participant can be removed from a planned meeting', async () => {
    const meeting = await createMeeting({ type: 'home_visit', participants: [{ kind: 'user', userId: partner.id }] });
    const response = await api().delete(`/api/meeting-participants/${meeting.participants[0]!.id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as Meeting).participants).toEqual([]);
  });

  it('bad input: an unknown type or a date without time zone → 400 naming the field, nothing written', async () => {
    const type = await refused(() => api().post(`/api/cases/${family.caseId}/meetings`, { type: 'coffee', scheduledAt: heldAt }));
    expect(type.status).toBe(400);
    expect(type.body.error.details.map((d) => d.field)).toEqual(['type']);
    const when = await refused(() => api().post(`/api/cases/${family.caseId}/meetings`, { type: 'status_meeting', scheduledAt: '2026-11-21 09:00' }));
    expect(when.status).toBe(400);
    expect(when.body.error.details.map((d) => d.field)).toEqual(['scheduledAt']);
    const contact = await refused(() => api().post(`/api/cases/${family.caseId}/meetings`, { type: 'status_meeting', scheduledAt: heldAt, childContact: 'observation' }));
    expect(contact.status).toBe(422);
    expect(contact.body.error.details[0]).toMatchObject({ field: 'childContact', code: 'child_contact_not_allowed' });
  });
});

describe('the analysis meeting is held without the family (000:685-686)', () => {
  let analysis: Meeting;
  beforeAll(async () => {
    analysis = await createMeeting({ type: 'analysis_meeting', participants: [{ kind: 'user', userId: coordinator.id, role: 'chair' }] });
  });

  it('the meeting says the family does not attend', () => {
    expect(analysis.familyMayAttend).toBe(false);
  });

  it('adding the parent → 422 analysis_meeting_without_family citing 000:685-686, nothing written', async () => {
    const { status, body } = await refused(() => api().post(`/api/meetings/${analysis.id}/participants`, { kind: 'person', personId: family.parent.id }));
    expect(status).toBe(422);
    expect(body.error.code).toBe('analysis_meeting_without_family');
    expect(body.error.message).toContain('000:685-686');
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'personId', code: 'analysis_meeting_without_family' })]);
  });

  it('adding the child → 422 as well', async () => {
    const { status, body } = await refused(() => api().post(`/api/meetings/${analysis.id}/participants`, { kind: 'person', personId: family.child.id }));
    expect(status).toBe(422);
    expect(body.error.code).toBe('analysis_meeting_without_family');
  });

  it('adding the parent\'s own login as a user → 422 as well: a login does not make the family someone else', async () => {
    const { status, body } = await refused(() => api().post(`/api/meetings/${analysis.id}/participants`, { kind: 'user', userId: parentLogin.id }));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'analysis_meeting_without_family', details: [{ field: 'userId' }] });
  });

  it('creating an analysis meeting with a family member in it → 422, and no meeting is created', async () => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/meetings`, {
      type: 'analysis_meeting', scheduledAt: heldAt, participants: [{ kind: 'user', userId: coordinator.id }, { kind: 'person', personId: family.parent.id }],
    }));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'analysis_meeting_without_family', details: [{ field: 'participants.1.personId' }] });
  });

  it('an external expert without a login (a guest) may take part', async () => {
    const response = await api().post(`/api/meetings/${analysis.id}/participants`, { kind: 'guest', guestName: 'Eva Ekspert', guestOrganisation: 'Specialhospitalet' });
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as Meeting).participants.find((p) => p.kind === 'guest')).toMatchObject({ name: 'Eva Ekspert', category: 'guest', role: 'participant' });
  });

  it('the same parent may take part in the summary meeting', async () => {
    const summary = await createMeeting({ type: 'summary_meeting' });
    const response = await api().post(`/api/meetings/${summary.id}/participants`, { kind: 'person', personId: family.parent.id });
    expect(response.statusCode, response.body).toBe(200);
  });
});

describe('agenda from a method template: points per column', () => {
  it('LØFT has four columns in the board\'s order (001:444-452); Signs of Safety three (000:486-493); ICS the triangle\'s three sides (003:118-131); free one', async () => {
    const keys = async (template: string) => (await createMeeting({ type: 'network_meeting', template })).columns.map((c) => c.key);
    expect(await keys('loft')).toEqual(['worries', 'working_well', 'see_happen', 'agreements']);
    expect(await keys('signs_of_safety')).toEqual(['worries', 'working_well', 'next_steps']);
    expect(await keys('ics')).toEqual(['developmental_needs', 'parenting_capacity', 'family_environment']);
    expect(await keys('free')).toEqual(['points']);
  });

  it('points go into their column in order; a column the template does not have → 422 column_not_in_template', async () => {
    const meeting = await createMeeting({ type: 'network_meeting', template: 'loft' });
    await api().post(`/api/meetings/${meeting.id}/agenda-points`, { column: 'worries', text: 'Søvn om natten' });
    await api().post(`/api/meetings/${meeting.id}/agenda-points`, { column: 'worries', text: 'Transport til skole' });
    const third = await api().post(`/api/meetings/${meeting.id}/agenda-points`, { column: 'see_happen', text: 'Fast aflastning hver anden weekend' });
    expect(third.statusCode, third.body).toBe(200);
    const view = third.json() as Meeting;
    expect(view.columns[0]!.points.map((p) => [p.text, p.position])).toEqual([['Søvn om natten', 1], ['Transport til skole', 2]]);
    expect(view.columns[2]!.points.map((p) => p.text)).toEqual(['Fast aflastning hver anden weekend']);

    const wrong = await refused(() => api().post(`/api/meetings/${meeting.id}/agenda-points`, { column: 'next_steps', text: 'Hører til SoS' }));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: 'column_not_in_template', details: [{ field: 'column' }] });
  });

  it('a point is edited with its version (stale → 409) and deleted', async () => {
    const meeting = await createMeeting({ type: 'status_meeting', template: 'free' });
    const added = (await api().post(`/api/meetings/${meeting.id}/agenda-points`, { column: 'points', text: 'Status på skole' })).json() as Meeting;
    const point = added.columns[0]!.points[0]!;
    const edited = await api().patch(`/api/agenda-points/${point.id}`, { text: 'Status på skole og SFO', version: point.version });
    expect(edited.statusCode, edited.body).toBe(200);
    const stale = await refused(() => api().patch(`/api/agenda-points/${point.id}`, { text: 'Gammel', version: point.version }));
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    const deleted = await api().delete(`/api/agenda-points/${point.id}?version=${point.version + 1}`);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect((deleted.json() as Meeting).columns[0]!.points).toEqual([]);
  });

  it('the template cannot change under points already written (422 template_has_points)', async () => {
    const meeting = await createMeeting({ type: 'status_meeting', template: 'loft' });
    await api().post(`/api/meetings/${meeting.id}/agenda-points`, { column: 'worries', text: 'Noget' });
    const { status, body } = await refused(() => api().patch(`/api/meetings/${meeting.id}`, { template: 'ics', version: meeting.version }));
    expect(status).toBe(422);
    expect(body.error.details[0]).toMatchObject({ field: 'template', code: 'template_has_points' });
  });
});

describe('minutes, decisions and agreements', () => {
  let meeting: Meeting;
  beforeAll(async () => {
    meeting = await createMeeting({ type: 'network_meeting', template: 'loft' });
  });

  it('minutes are saved with the meeting\'s version; a stale version → 409 and the minutes unchanged', async () => {
    const saved = await api().patch(`/api/meetings/${meeting.id}`, { minutes: 'Familien fortalte om hverdagen.', version: meeting.version });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ minutes: 'Familien fortalte om hverdagen.', version: meeting.version + 1 });
    const stale = await refused(() => api().patch(`/api/meetings/${meeting.id}`, { minutes: 'Overskrevet', version: meeting.version }));
    expect(stale.status).toBe(409);
    const row = await t.db.selectFrom('meetings').select('minutes').where('id', '=', meeting.id).executeTakeFirstOrThrow();
    expect(row.minutes).toBe('Familien fortalte om hverdagen.');
  });

  it('a decision is recorded and can be removed', async () => {
    const added = await api().post(`/api/meetings/${meeting.id}/decisions`, { text: 'Der søges om aflastning efter §84.' });
    expect(added.statusCode, added.body).toBe(200);
    const decision = (added.json() as Meeting).decisions[0]!;
    expect(decision.text).toBe('Der søges om aflastning efter §84.');
    const removed = await api().delete(`/api/meeting-decisions/${decision.id}`);
    expect((removed.json() as Meeting).decisions).toEqual([]);
  });

  it('agreements with a family owner and a staff owner, each with a deadline and status open (roles split, 001:395-400)', async () => {
    await api().post(`/api/meetings/${meeting.id}/agreements`, { text: 'Ringer til skolen om transport', ownerPersonId: family.parent.id, dueOn: '2026-12-05' });
    const response = await api().post(`/api/meetings/${meeting.id}/agreements`, { text: 'Sender ansøgning om aflastning', ownerUserId: coordinator.id, dueOn: '2026-12-01' });
    expect(response.statusCode, response.body).toBe(200);
    const agreements = (response.json() as Meeting).agreements;
    expect(agreements.map((a) => [a.owner.kind, a.owner.name, a.dueOn, a.status])).toEqual([
      ['family', `${family.parent.firstName} ${family.parent.lastName}`, '2026-12-05', 'open'],
      ['staff', 'Mette Koordinator', '2026-12-01', 'open'],
    ]);
  });

  it.each([
    { what: 'no owner', payload: () => ({ text: 'Uden ejer', dueOn: '2026-12-01' }), code: 'owner_required', field: 'ownerUserId' },
    { what: 'two owners', payload: () => ({ text: 'To ejere', ownerUserId: coordinator.id, ownerPersonId: family.parent.id, dueOn: '2026-12-01' }), code: 'owner_required', field: 'ownerUserId' },
    { what: 'an owner from another family', payload: () => ({ text: 'Fremmed', ownerPersonId: otherFamily.parent.id, dueOn: '2026-12-01' }), code: 'not_family_member', field: 'ownerPersonId' },
    { what: 'a parent\'s login as staff owner', payload: () => ({ text: 'Forælder som bruger', ownerUserId: parentLogin.id, dueOn: '2026-12-01' }), code: 'not_staff', field: 'ownerUserId' },
    { what: 'a deadline before the meeting', payload: () => ({ text: 'For sent', ownerUserId: coordinator.id, dueOn: '2026-11-01' }), code: 'due_before_meeting', field: 'dueOn' },
  ])('an agreement with $what → 422 $code naming $field, nothing written', async ({ payload, code, field }) => {
    const body = payload();
    const result = await refused(() => api().post(`/api/meetings/${meeting.id}/agreements`, body));
    expect(result.status).toBe(422);
    expect(result.body.error).toMatchObject({ code, details: [{ field, code }] });
  });

  it('an agreement without a deadline → 400 naming dueOn', async () => {
    const result = await refused(() => api().post(`/api/meetings/${meeting.id}/agreements`, { text: 'Uden frist', ownerUserId: coordinator.id }));
    expect(result.status).toBe(400);
    expect(result.body.error.details.map((d) => d.field)).toEqual(['dueOn']);
  });

  it('an agreement\'s status is followed up with its version; a stale version → 409', async () => {
    const current = (await api().get(`/api/meetings/${meeting.id}`)).json() as Meeting;
    const agreement = current.agreements[0]!;
    const done = await api().patch(`/api/agreements/${agreement.id}`, { status: 'done', version: agreement.version });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', version: agreement.version + 1 });
    const stale = await refused(() => api().patch(`/api/agreements/${agreement.id}`, { status: 'cancelled', version: agreement.version }));
    expect(stale.status).toBe(409);
    const list = (await api().get(`/api/cases/${family.caseId}/agreements`)).json() as Agreement[];
    expect(list.find((a) => a.id === agreement.id)?.status).toBe('done');
  });
});

describe('closing a meeting needs the next meeting date or a reason for none (000:677-680)', () => {
  it('neither → 422 next_meeting_required citing 000:677-680, the meeting still planned', async () => {
    const meeting = await createMeeting({ type: 'status_meeting' });
    const { status, body } = await refused(() => api().post(`/api/meetings/${meeting.id}/close`, { version: meeting.version }));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'next_meeting_required', details: [{ field: 'nextMeetingOn', code: 'next_meeting_required' }] });
    expect(body.error.message).toContain('000:677-680');
    const blank = await refused(() => api().post(`/api/meetings/${meeting.id}/close`, { noNextMeetingReason: '   ', version: meeting.version }));
    expect(blank.status).toBe(422);
    expect(blank.body.error.code).toBe('next_meeting_required');
  });

  it('a next date on or before the meeting → 422 next_meeting_not_after', async () => {
    const meeting = await createMeeting({ type: 'status_meeting' });
    const { status, body } = await refused(() => api().post(`/api/meetings/${meeting.id}/close`, { nextMeetingOn: '2026-11-21', version: meeting.version }));
    expect(status).toBe(422);
    expect(body.error.details[0]).toMatchObject({ field: 'nextMeetingOn', code: 'next_meeting_not_after' });
  });

  it('a meeting that has not started yet cannot be closed (422 meeting_not_held_yet)', async () => {
    const meeting = await createMeeting({ type: 'status_meeting', scheduledAt: futureAt });
    const { status, body } = await refused(() => api().post(`/api/meetings/${meeting.id}/close`, { nextMeetingOn: '2027-01-10', version: meeting.version }));
    expect(status).toBe(422);
    expect(body.error.code).toBe('meeting_not_held_yet');
  });

  it('with the next date → closed; the record is then fixed but agreements are still followed up', async () => {
    const meeting = await createMeeting({ type: 'status_meeting' });
    const added = (await api().post(`/api/meetings/${meeting.id}/agreements`, { text: 'Følger op', ownerUserId: coordinator.id, dueOn: '2026-12-10' })).json() as Meeting;
    const closed = await api().post(`/api/meetings/${meeting.id}/close`, { nextMeetingOn: '2027-01-12', version: meeting.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', nextMeetingOn: '2027-01-12', noNextMeetingReason: null, abilities: { canRecord: false, canUpdateAgreements: true } });
    const row = await t.db.selectFrom('meetings').select(['closed_by', 'closed_at']).where('id', '=', meeting.id).executeTakeFirstOrThrow();
    expect(row.closed_by).toBe(coordinator.id);
    expect(new Date(row.closed_at!).toISOString()).toBe(new Date(testNow).toISOString());

    const point = await refused(() => api().post(`/api/meetings/${meeting.id}/agenda-points`, { column: 'points', text: 'For sent' }));
    expect(point.status).toBe(422);
    expect(point.body.error.code).toBe('meeting_not_open');
    const again = await refused(() => api().post(`/api/meetings/${meeting.id}/close`, { noNextMeetingReason: 'Igen', version: meeting.version + 1 }));
    expect(again.body.error.code).toBe('meeting_not_open');
    const agreement = added.agreements[0]!;
    const followedUp = await api().patch(`/api/agreements/${agreement.id}`, { status: 'done', version: agreement.version });
    expect(followedUp.statusCode, followedUp.body).toBe(200);
  });

  it('with a reason for no next meeting → closed with the reason', async () => {
    const meeting = await createMeeting({ type: 'follow_up' });
    const closed = await api().post(`/api/meetings/${meeting.id}/close`, { noNextMeetingReason: 'Sagen overgår til almindelig drift.', version: meeting.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', nextMeetingOn: null, noNextMeetingReason: 'Sagen overgår til almindelig drift.' });
  });

  it('a stale version when closing → 409, still planned', async () => {
    const meeting = await createMeeting({ type: 'status_meeting' });
    await api().patch(`/api/meetings/${meeting.id}`, { title: 'Nyt navn', version: meeting.version });
    const { status } = await refused(() => api().post(`/api/meetings/${meeting.id}/close`, { nextMeetingOn: '2027-01-12', version: meeting.version }));
    expect(status).toBe(409);
  });

  it('a planned meeting can be cancelled', async () => {
    const meeting = await createMeeting({ type: 'home_visit', scheduledAt: futureAt });
    const cancelled = await api().post(`/api/meetings/${meeting.id}/cancel`, { version: meeting.version });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
  });
});

describe('access and audit: need-to-know through the case', () => {
  it('the core-team member (minute taker, 000:586-589) writes points and minutes but may not create or close meetings (403)', async () => {
    const meeting = await createMeeting({ type: 'status_meeting', template: 'free' });
    const core = client(t.app, coreSession);
    const point = await core.post(`/api/meetings/${meeting.id}/agenda-points`, { column: 'points', text: 'PPR-udtalelse' });
    expect(point.statusCode, point.body).toBe(200);
    const minutes = await core.patch(`/api/meetings/${meeting.id}`, { minutes: 'Referat ved PPR', version: meeting.version });
    expect(minutes.statusCode, minutes.body).toBe(200);
    const create = await refused(() => core.post(`/api/cases/${family.caseId}/meetings`, { type: 'status_meeting', scheduledAt: heldAt }));
    expect(create.status).toBe(403);
    const close = await refused(() => core.post(`/api/meetings/${meeting.id}/close`, { nextMeetingOn: '2027-01-12', version: meeting.version + 1 }));
    expect(close.status).toBe(403);
  });

  it('a colleague without relation to the case gets 404 for the meeting and the list, exactly like an unknown id', async () => {
    const meeting = await createMeeting({ type: 'status_meeting' });
    const other = client(t.app, await loginAs(t.app, outsider));
    const response = await other.get(`/api/meetings/${meeting.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe((await other.get('/api/meetings/00000000-0000-4000-8000-000000000000')).body);
    expect((await other.get(`/api/cases/${family.caseId}/meetings`)).statusCode).toBe(404);
    const write = await refused(() => other.post(`/api/meetings/${meeting.id}/agenda-points`, { column: 'points', text: 'Udefra' }));
    expect(write.status).toBe(404);
  });

  it('reading a meeting and the list appends audit rows naming the case and family; a change appends one', async () => {
    const meeting = await createMeeting({ type: 'status_meeting' });
    const before = await auditHead(t.db, m.id);
    await api().get(`/api/meetings/${meeting.id}`);
    await api().get(`/api/cases/${family.caseId}/meetings`);
    await api().post(`/api/meetings/${meeting.id}/decisions`, { text: 'Besluttet' });
    const rows = await auditRowsAfter(t.db, m.id, before);
    expect(rows.map((r) => [r.action, r.entity_type])).toEqual([['read', 'meeting'], ['read', 'meeting_list'], ['create', 'meeting_decision']]);
    for (const row of rows) {
      expect(row.case_ids).toEqual([family.caseId]);
      expect(row.family_ids).toEqual([family.familyId]);
      expect(row.entry.reason).toBe('family_coordinator');
    }
  });

  it('the list shows the case\'s meetings newest first', async () => {
    const response = await api().get(`/api/cases/${family.caseId}/meetings`);
    expect(response.statusCode).toBe(200);
    const list = response.json() as { meetings: Array<{ scheduledAt: string; caseId: string }>; abilities: Record<string, boolean> };
    expect(list.meetings.length).toBeGreaterThan(5);
    expect(list.meetings.every((x) => x.caseId === family.caseId)).toBe(true);
    const times = list.meetings.map((x) => x.scheduledAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(list.abilities.canCreate).toBe(true);
  });
});
