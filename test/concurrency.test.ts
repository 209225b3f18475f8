import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/platform/audit/audit.js';
import { createTestApp, testToday, type TestApp } from './app.js';
import {
  addAssignment, client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { auditHead, auditRowsAfter } from './inspect.js';
import { givePortalEmail, loginToPortal } from './portal-fixtures.js';

/**
 * Optimistic concurrency (docs/api.md "Records carry version"): two people who edited the same version cannot both
 * win. The requests run at the same time (Promise.all); on PostgreSQL they really overlap in the database, on PGlite
 * they queue for its one connection — either way exactly one change lands and the other gets 409 version_conflict.
 */

let t: TestApp;
let m: TestMunicipality;
let lead: TestUser;
let buddy: TestUser;
let leadSession: Session;
let buddySession: Session;

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

/** The two answers must be one success and one 409 version_conflict; returns the index of the winner. */
function oneWinsOneConflicts(responses: Response[], success = 200): number {
  const statuses = responses.map((r) => r.statusCode).sort();
  expect(statuses, responses.map((r) => r.body.slice(0, 200)).join('\n')).toEqual([success, 409].sort());
  const loser = responses.find((r) => r.statusCode === 409)!;
  expect(loser.json()).toMatchObject({ error: { code: 'version_conflict', details: [{ field: 'version', code: 'stale' }] } });
  return responses.findIndex((r) => r.statusCode === success);
}

async function updatesAudited(entityType: string, entityId: string, afterSeq: number): Promise<number> {
  return (await auditRowsAfter(t.db, m.id, afterSeq)).filter((r) => r.action !== 'read' && r.entity_type === entityType && r.entity_id === entityId).length;
}

async function freshFamily(): Promise<TestFamily> {
  const family = await makeFamilyWithCase(t.db, m, { lead, model: 'efei' });
  await addAssignment(t.db, family.caseId, buddy, 'buddy');
  return family;
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  lead = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  buddy = await makeUser(t.db, m, { roles: ['coordinator'] });
  leadSession = await loginAs(t.app, lead);
  buddySession = await loginAs(t.app, buddy);
});

afterAll(async () => {
  await t?.close();
});

describe('two edits of the same version: one 200, one 409 version_conflict, exactly one change', () => {
  it('family: the coordinator and the buddy both edit version 1 of the notes', async () => {
    const family = await freshFamily();
    const head = await auditHead(t.db, m.id);
    const notes = ['Noter fra koordinatoren', 'Noter fra makkeren'];
    const responses = await Promise.all([
      client(t.app, leadSession).patch(`/api/families/${family.familyId}`, { notes: notes[0], version: 1 }),
      client(t.app, buddySession).patch(`/api/families/${family.familyId}`, { notes: notes[1], version: 1 }),
    ]);
    const winner = oneWinsOneConflicts(responses);
    const row = await t.db.selectFrom('families').select(['notes', 'version']).where('id', '=', family.familyId).executeTakeFirstOrThrow();
    expect(row).toEqual({ notes: notes[winner], version: 2 });
    expect(await updatesAudited('family', family.familyId, head)).toBe(1);
  });

  it('case: one changes the model, the other the responsible department, from the same version', async () => {
    const family = await freshFamily();
    const head = await auditHead(t.db, m.id);
    const responses = await Promise.all([
      client(t.app, leadSession).patch(`/api/cases/${family.caseId}`, { model: 'sof', version: 1 }),
      client(t.app, buddySession).patch(`/api/cases/${family.caseId}`, { responsibleDepartmentId: m.departments.child_youth, version: 1 }),
    ]);
    const winner = oneWinsOneConflicts(responses);
    const row = await t.db.selectFrom('cases').select(['model', 'responsible_department_id', 'version']).where('id', '=', family.caseId).executeTakeFirstOrThrow();
    expect(row).toEqual(winner === 0
      ? { model: 'sof', responsible_department_id: m.departments.child_disability, version: 2 }
      : { model: 'efei', responsible_department_id: m.departments.child_youth, version: 2 });
    expect(await updatesAudited('case', family.caseId, head)).toBe(1);
  });

  it('person: two phone numbers typed in at once for the same version', async () => {
    const family = await freshFamily();
    const head = await auditHead(t.db, m.id);
    const phones = ['+45 11 22 33 44', '+45 55 66 77 88'];
    const responses = await Promise.all(phones.map((phone, i) =>
      client(t.app, i === 0 ? leadSession : buddySession).patch(`/api/persons/${family.parent.id}`, { phone, version: 1 })));
    const winner = oneWinsOneConflicts(responses);
    const row = await t.db.selectFrom('persons').select(['phone', 'version']).where('id', '=', family.parent.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ phone: phones[winner], version: 2 });
    expect(await updatesAudited('person', family.parent.id, head)).toBe(1);
  });

  it('measure: two new end dates for the same version', async () => {
    const family = await freshFamily();
    const measureId = await makeMeasure(t.db, m, family.caseId, { startsOn: '2026-04-01' });
    const head = await auditHead(t.db, m.id);
    const ends = ['2026-12-31', '2027-06-30'];
    const responses = await Promise.all(ends.map((endsOn, i) =>
      client(t.app, i === 0 ? leadSession : buddySession).patch(`/api/measures/${measureId}`, { endsOn, version: 1 })));
    const winner = oneWinsOneConflicts(responses);
    const row = await t.db.selectFrom('measures').select(['ends_on', 'version']).where('id', '=', measureId).executeTakeFirstOrThrow();
    expect(row).toEqual({ ends_on: ends[winner], version: 2 });
    expect(await updatesAudited('measure', measureId, head)).toBe(1);
  });

  it('measure: a change and a removal of the same version — whichever lands first, the other is refused', async () => {
    const family = await freshFamily();
    const measureId = await makeMeasure(t.db, m, family.caseId);
    const head = await auditHead(t.db, m.id);
    const [patch, remove] = await Promise.all([
      client(t.app, leadSession).patch(`/api/measures/${measureId}`, { description: 'Rettet beskrivelse', version: 1 }),
      client(t.app, buddySession).delete(`/api/measures/${measureId}?version=1`),
    ]);
    const row = await t.db.selectFrom('measures').select(['description', 'version']).where('id', '=', measureId).executeTakeFirst();
    if (remove.statusCode === 204) {
      // Deleted first: the change finds no measure (404) or a stale version (409), never a silent success.
      expect([404, 409]).toContain(patch.statusCode);
      expect(row).toBeUndefined();
    } else {
      expect(patch.statusCode).toBe(200);
      expect(remove.json()).toMatchObject({ error: { code: 'version_conflict' } });
      expect(row).toEqual({ description: 'Rettet beskrivelse', version: 2 });
    }
    expect(await updatesAudited('measure', measureId, head)).toBe(1);
  });

  it('ten edits of the same version at once: exactly one lands', async () => {
    const family = await freshFamily();
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      client(t.app, i % 2 ? leadSession : buddySession).patch(`/api/families/${family.familyId}`, { notes: `Udgave ${i}`, version: 1 })));
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 409)).toHaveLength(9);
    const row = await t.db.selectFrom('families').select('version').where('id', '=', family.familyId).executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
  });
});

describe('the transition to adult services and the child\'s page: one 200, one 409 version_conflict, exactly one change', () => {
  /** A child of 16½ on testToday: the transition track is shown (from 16) and open (before 18). */
  const teen = () => makeFamilyWithCase(t.db, m, { lead, model: 'efei', childBirthDate: '2010-05-10' });

  it('transition start (PUT /cases/:id/transition): two first records (version 0) at once, then two revisions of version 1', async () => {
    const family = await teen();
    await addAssignment(t.db, family.caseId, buddy, 'buddy');
    const url = `/api/cases/${family.caseId}/transition`;
    const notes = ['Startet af koordinatoren', 'Startet af makkeren'];
    const first = await Promise.all(notes.map((note, i) => client(t.app, i === 0 ? leadSession : buddySession).request('PUT', url, { startedOn: testToday, note, version: 0 })));
    const created = oneWinsOneConflicts(first);
    const row = () => t.db.selectFrom('case_transitions').select(['note', 'version']).where('case_id', '=', family.caseId).executeTakeFirstOrThrow();
    expect(await row()).toEqual({ note: notes[created], version: 1 });
    const head = await auditHead(t.db, m.id);
    const revised = await Promise.all(notes.map((note, i) => client(t.app, i === 0 ? leadSession : buddySession).request('PUT', url, { startedOn: '2026-11-01', note: `${note} (rettet)`, version: 1 })));
    const winner = oneWinsOneConflicts(revised);
    expect(await row()).toEqual({ note: `${notes[winner]} (rettet)`, version: 2 });
    expect(revised[winner]!.json()).toMatchObject({ version: 2 });
    expect(await updatesAudited('case_transition', family.caseId, head)).toBe(1);
  });

  it('transition track (PUT /cases/:id/transition-track): two first saves (version 0) at once, then two contacts for version 1', async () => {
    const family = await teen();
    await addAssignment(t.db, family.caseId, buddy, 'buddy');
    const url = `/api/cases/${family.caseId}/transition-track`;
    const names = ['Voksen Vera', 'Voksen Viggo'];
    const first = await Promise.all(names.map((adultContactName, i) => client(t.app, i === 0 ? leadSession : buddySession).request('PUT', url, { adultContactName, version: 0 })));
    const created = oneWinsOneConflicts(first);
    const row = () => t.db.selectFrom('case_transition_tracks').select(['adult_contact_name', 'version']).where('case_id', '=', family.caseId).executeTakeFirstOrThrow();
    expect(await row()).toEqual({ adult_contact_name: names[created], version: 1 });
    const head = await auditHead(t.db, m.id);
    const responses = await Promise.all(names.map((name, i) => client(t.app, i === 0 ? leadSession : buddySession).request('PUT', url, { adultContactName: `${name} Hansen`, version: 1 })));
    const winner = oneWinsOneConflicts(responses);
    expect(await row()).toEqual({ adult_contact_name: `${names[winner]} Hansen`, version: 2 });
    expect(responses[winner]!.json()).toMatchObject({ version: 2 });
    expect(await updatesAudited('transition_track', family.caseId, head)).toBe(1);
  });

  it('transition step (PATCH /transition-steps/:id): one ticks it off, the other re-dates it, from the same version', async () => {
    const family = await teen();
    await addAssignment(t.db, family.caseId, buddy, 'buddy');
    const added = await client(t.app, leadSession).post(`/api/cases/${family.caseId}/transition-track/steps`, { title: 'Møde med voksenområdet', plannedOn: '2027-02-01' });
    expect(added.statusCode, added.body).toBe(200);
    const stepId = (added.json() as { steps: Array<{ id: string }> }).steps[0]!.id;
    const head = await auditHead(t.db, m.id);
    const responses = await Promise.all([
      client(t.app, leadSession).patch(`/api/transition-steps/${stepId}`, { done: true, version: 1 }),
      client(t.app, buddySession).patch(`/api/transition-steps/${stepId}`, { plannedOn: '2027-03-01', version: 1 }),
    ]);
    const winner = oneWinsOneConflicts(responses);
    const row = await t.db.selectFrom('case_transition_steps').select(['planned_on', 'done_on', 'version']).where('id', '=', stepId).executeTakeFirstOrThrow();
    expect(row).toEqual(winner === 0
      ? { planned_on: '2027-02-01', done_on: testToday, version: 2 }
      : { planned_on: '2027-03-01', done_on: null, version: 2 });
    expect(await updatesAudited('transition_step', stepId, head)).toBe(1);
  });

  it('child\'s page (PUT /portal/children/:id/child-page): both parents choose at once, first from no choice (0), then from version 1', async () => {
    const family = await makeFamilyWithCase(t.db, m, { lead });
    // A second parent with custody in the same household, with a portal login of their own.
    const other = await t.db.insertInto('persons').values({ municipality_id: m.id, first_name: 'Anden', last_name: 'Forælder', birth_date: '1985-02-01' })
      .returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('family_members').values({ municipality_id: m.id, family_id: family.familyId, person_id: other.id, relation: 'parent', has_custody: true }).execute();
    const parents = [
      await loginToPortal(t.app, t.db, await givePortalEmail(t.db, family.parent.id)),
      await loginToPortal(t.app, t.db, await givePortalEmail(t.db, other.id)),
    ];
    const put = (i: number, body: { allowed: boolean; version: number }) =>
      t.app.inject({ method: 'PUT', url: `/api/portal/children/${family.child.id}/child-page`, headers: parents[i]!.headers, payload: body });
    const row = () => t.db.selectFrom('child_page_permissions').select(['allowed', 'set_by_person_id', 'version']).where('child_id', '=', family.child.id).executeTakeFirstOrThrow();
    const setters = [family.parent.id, other.id];

    const first = await Promise.all([put(0, { allowed: true, version: 0 }), put(1, { allowed: false, version: 0 })]);
    const created = oneWinsOneConflicts(first);
    expect(await row()).toEqual({ allowed: created === 0, set_by_person_id: setters[created], version: 1 });
    const head = await auditHead(t.db, m.id);
    const responses = await Promise.all([put(0, { allowed: false, version: 1 }), put(1, { allowed: true, version: 1 })]);
    const winner = oneWinsOneConflicts(responses);
    expect(await row()).toEqual({ allowed: winner === 1, set_by_person_id: setters[winner], version: 2 });
    expect(responses[winner]!.json()).toMatchObject({ version: 2 });
    expect(await updatesAudited('child_page_permission', family.child.id, head)).toBe(1);
  });
});

describe('uniqueness under concurrent creation comes from constraints, not from a check before the insert', () => {
  async function familyWithChildren(children: number) {
    const api = client(t.app, leadSession);
    const created = await api.post('/api/families', { name: 'Familien Samtidig' });
    const familyId = (created.json() as { id: string }).id;
    const childIds: string[] = [];
    for (let i = 0; i < children; i++) {
      const response = await api.post(`/api/families/${familyId}/members`, { relation: 'child', person: { firstName: `Barn ${i}`, lastName: 'Samtidig', birthDate: '2017-01-0' + (i + 1) } });
      const members = (response.json() as { members: Array<{ person: { id: string; firstName: string } }> }).members;
      childIds.push(members.find((x) => x.person.firstName === `Barn ${i}`)!.person.id);
    }
    return { familyId, childIds };
  }
  const openCase = (familyId: string, childId: string) => client(t.app, leadSession).post('/api/cases', {
    familyId, childId, model: 'efei', openedOn: testToday, responsibleDepartmentId: m.departments.child_disability,
  });

  it('two cases opened at once for two children get two different, consecutive case numbers', async () => {
    const { familyId, childIds } = await familyWithChildren(2);
    const responses = await Promise.all(childIds.map((childId) => openCase(familyId, childId)));
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201]);
    const numbers = responses.map((r) => (r.json() as { caseNumber: string }).caseNumber).sort();
    expect(new Set(numbers).size).toBe(2);
    const [a, b] = numbers.map((n) => Number(n.slice(5)));
    expect(b! - a!).toBe(1);
  });

  it('two cases opened at once for the same child: one 201, one 409 child_has_open_case, one case', async () => {
    const { familyId, childIds } = await familyWithChildren(1);
    const responses = await Promise.all([openCase(familyId, childIds[0]!), openCase(familyId, childIds[0]!)]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(responses.find((r) => r.statusCode === 409)!.json()).toMatchObject({ error: { code: 'child_has_open_case', details: [{ field: 'childId' }] } });
    const cases = await t.db.selectFrom('cases').select('id').where('child_id', '=', childIds[0]!).execute();
    expect(cases).toHaveLength(1);
    // The refused request left no lead assignment and no audit row behind.
    const caseAudits = await t.db.selectFrom('audit_log').select('entity_id').where('entity_type', '=', 'case').where('action', '=', 'create')
      .where(sql<boolean>`family_ids @> array[${familyId}]::uuid[]`).execute();
    expect(caseAudits).toEqual([{ entity_id: cases[0]!.id }]);
  });

  it('two new leads named at once: the case still has exactly one current lead afterwards', async () => {
    const family = await freshFamily();
    // Coordinators with authority: one without needs the child's caseworker on the case first (000:556-561).
    const next = [await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true }), await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true })];
    // A new lead comes with a handover note (issue 9 item 3).
    const responses = await Promise.all(next.map((user) => client(t.app, leadSession).post(`/api/cases/${family.caseId}/handover`, {
      toUserId: user.id, familyNeeds: 'Overdragelse',
    })));
    // On PostgreSQL the two overlap and the one-lead constraint refuses one (409); queued, the second replaces the first.
    for (const response of responses) expect([200, 409], response.body).toContain(response.statusCode);
    expect(responses.some((r) => r.statusCode === 200)).toBe(true);
    const leads = await t.db.selectFrom('case_assignments').select('user_id').where('case_id', '=', family.caseId)
      .where('role', '=', 'family_coordinator').where('ends_on', 'is', null).execute();
    expect(leads).toHaveLength(1);
  });
});

describe('the audit chain under load', () => {
  it('reads in two municipalities at the same time keep both chains whole and gap-free', async () => {
    const other = await makeMunicipality(t.db);
    const otherLead = await makeUser(t.db, other, { roles: ['coordinator'] });
    const otherFamily = await makeFamilyWithCase(t.db, other, { lead: otherLead });
    const otherSession = await loginAs(t.app, otherLead);
    const family = await freshFamily();
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => i % 2
      ? client(t.app, leadSession).get(`/api/cases/${family.caseId}`)
      : client(t.app, otherSession).get(`/api/families/${otherFamily.familyId}`)));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    for (const municipalityId of [m.id, other.id]) {
      const report = await verifyChain(t.db, municipalityId);
      expect(report.ok).toBe(true);
      const seqs = (await auditRowsAfter(t.db, municipalityId)).map((r) => r.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    }
  });
});
