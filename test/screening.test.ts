import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { countRows } from './inspect.js';

/**
 * Barnets Lov §18 (issue 7): screening comes first whenever the municipality knows or suspects a need; it records the
 * day the municipality became aware, the day of the screening, the outcome and the reasons.
 */
let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let coordinator: TestUser;
let lead: Session;

interface ErrorBody { error: { code: string; details: Array<{ field: string; code: string; message: string }> } }
interface Screenings { caseId: string; screenings: Array<{ id: string; awareOn: string; screenedOn: string; outcome: string; reasons: string; recordedBy: string }>; abilities: Record<string, boolean> }

const screening = (over: Record<string, unknown> = {}) => ({
  awareOn: '2026-11-16', screenedOn: '2026-11-18', outcome: 'child_expert_investigation', reasons: 'Skolen beskriver vedvarende mistrivsel.', ...over,
});
const rows = () => countRows(t.db, 'screenings', m.id);

beforeAll(async () => {
  t = await createTestApp(); // today is 2026-11-22
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator, model: 'efei' });
  lead = await loginAs(t.app, coordinator);
});

afterAll(async () => {
  await t?.close();
});

describe('§18 screening of a case', () => {
  it('records date, outcome and reasons; the list shows newest first with who recorded it', async () => {
    const first = await client(t.app, lead).post(`/api/cases/${family.caseId}/screenings`, screening({ outcome: 'nothing_further', screenedOn: '2026-11-17' }));
    expect(first.statusCode, first.body).toBe(201);
    const second = await client(t.app, lead).post(`/api/cases/${family.caseId}/screenings`, screening());
    expect(second.statusCode, second.body).toBe(201);
    const list = (await client(t.app, lead).get(`/api/cases/${family.caseId}/screenings`)).json() as Screenings;
    expect(list.screenings.map((s) => `${s.screenedOn}:${s.outcome}`)).toEqual(['2026-11-18:child_expert_investigation', '2026-11-17:nothing_further']);
    expect(list.screenings[0]).toMatchObject({ awareOn: '2026-11-16', reasons: 'Skolen beskriver vedvarende mistrivsel.', recordedBy: coordinator.name });
    expect(list.abilities.canRecord).toBe(true);
  });

  it.each([
    ['screened before the municipality became aware', { screenedOn: '2026-11-15' }, 'screened_before_aware', 'screenedOn'],
    ['screened in the future', { screenedOn: '2026-11-23' }, 'date_in_future', 'screenedOn'],
    ['aware in the future', { awareOn: '2026-11-23', screenedOn: '2026-11-23' }, 'date_in_future', 'awareOn'],
  ])('%s → 422 naming the field and the rule, nothing written', async (_title, over, code, field) => {
    const before = await rows();
    const response = await client(t.app, lead).post(`/api/cases/${family.caseId}/screenings`, screening(over));
    expect(response.statusCode, response.body).toBe(422);
    const body = response.json() as ErrorBody;
    expect(body.error.code).toBe(code);
    expect(body.error.details).toEqual([expect.objectContaining({ field, code })]);
    expect(await rows()).toBe(before);
  });

  it('the §18 rule is named in the message of a screening before awareness', async () => {
    const response = await client(t.app, lead).post(`/api/cases/${family.caseId}/screenings`, screening({ screenedOn: '2026-11-15' }));
    expect((response.json() as ErrorBody).error.details[0]!.message).toContain('Barnets Lov §18');
  });

  it.each([
    ['an unknown outcome', { outcome: 'maybe' }, 'outcome'],
    ['no reasons', { reasons: '   ' }, 'reasons'],
    ['no screening date', { screenedOn: undefined }, 'screenedOn'],
  ])('%s → 400 naming the field, nothing written', async (_title, over, field) => {
    const before = await rows();
    const response = await client(t.app, lead).post(`/api/cases/${family.caseId}/screenings`, screening(over));
    expect(response.statusCode).toBe(400);
    expect((response.json() as ErrorBody).error.details.map((d) => d.field)).toEqual([field]);
    expect(await rows()).toBe(before);
  });

  it('need-to-know: a coordinator not on the case gets 404; a core-team member may read (403 on recording)', async () => {
    const before = await rows();
    const stranger = await loginAs(t.app, await makeUser(t.db, m, { roles: ['coordinator'] }));
    expect((await client(t.app, stranger).get(`/api/cases/${family.caseId}/screenings`)).statusCode).toBe(404);
    expect((await client(t.app, stranger).post(`/api/cases/${family.caseId}/screenings`, screening())).statusCode).toBe(404);
    const memberUser = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr' });
    await addTeamMember(t.db, family.caseId, memberUser);
    const member = await loginAs(t.app, memberUser);
    const read = await client(t.app, member).get(`/api/cases/${family.caseId}/screenings`);
    expect(read.statusCode).toBe(200);
    expect((read.json() as Screenings).abilities.canRecord).toBe(false);
    expect((await client(t.app, member).post(`/api/cases/${family.caseId}/screenings`, screening())).statusCode).toBe(403);
    expect(await rows()).toBe(before);
  });

  it('reading and recording are audited with the case', async () => {
    const audited = await t.db.selectFrom('audit_log').select(['action', 'entity_type']).where('municipality_id', '=', m.id)
      .where('entity_type', 'in', ['screening', 'screenings']).execute();
    expect(audited.map((a) => `${a.action}:${a.entity_type}`)).toEqual(expect.arrayContaining(['create:screening', 'read:screenings']));
  });
});
