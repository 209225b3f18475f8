import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testToday, type TestApp } from './app.js';
import {
  addAssignment, client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality,
} from './factories.js';
import { refusedWithNothingWritten, type ErrorBody } from './inspect.js';

/**
 * Bad input is refused with the one error shape ({ error: { code, message, details[] } }), the details name the
 * field, and nothing at all is written — not the record, not an audit row.
 */

let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let session: Session;
let measureId: string;
let buddyAssignmentId: string;

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

const refused = (send: () => Promise<Response>) => refusedWithNothingWritten(t.db, send);

const api = () => client(t.app, session);
const fields = (body: ErrorBody) => body.error.details.map((d) => d.field);
const measure = (overrides: Record<string, unknown> = {}) => ({
  legalBasisId: 'BL-86', departmentId: m.departments.child_disability, description: 'Kørsel til træning', startsOn: '2026-12-01', ...overrides,
});
const member = (person: Record<string, unknown>) => ({ relation: 'child', person: { firstName: 'Ny', lastName: 'Person', ...person } });

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  const lead = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  const buddy = await makeUser(t.db, m, { roles: ['coordinator'] });
  family = await makeFamilyWithCase(t.db, m, { lead, model: 'sof' });
  measureId = await makeMeasure(t.db, m, family.caseId, { startsOn: '2026-04-01' });
  buddyAssignmentId = await addAssignment(t.db, family.caseId, buddy, 'buddy', { startsOn: '2026-06-01' });
  session = await loginAs(t.app, lead);
});

afterAll(async () => {
  await t?.close();
});

describe('CPR numbers (current-law.md): 10 digits whose first six are a real date', () => {
  it.each([
    ['too short', '12345', 'cpr_format'],
    ['letters', '01011a1234', 'cpr_format'],
    ['31 February 1999', '3102991234', 'cpr_date_invalid'],
    ['29 February 1900 (1900 is no leap year)', '2902001234', 'cpr_date_invalid'],
    ['month 13', '0113151234', 'cpr_date_invalid'],
    ['day 0', '0001154321', 'cpr_date_invalid'],
  ])('a new member with a CPR number that is %s (%s) → 400, details name person.cpr with %s, nothing written', async (_what, cpr, code) => {
    const { status, body, raw } = await refused(() => api().post(`/api/families/${family.familyId}/members`, member({ cpr })));
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'person.cpr', code })]);
    // The refused number is not echoed back (it may be a real person's).
    expect(raw).not.toContain(cpr);
  });

  it('changing a person\'s CPR number to an impossible date → 400 naming cpr, the person unchanged', async () => {
    const before = await t.db.selectFrom('persons').selectAll().where('id', '=', family.child.id).executeTakeFirstOrThrow();
    const { status, body } = await refused(() => api().patch(`/api/persons/${family.child.id}`, { cpr: '310299-1234', version: before.version }));
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'cpr', code: 'cpr_date_invalid' })]);
    expect(await t.db.selectFrom('persons').selectAll().where('id', '=', family.child.id).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('a CPR number and a birth date that disagree → 422 birth_date_mismatch on birthDate', async () => {
    const { status, body } = await refused(() => api().post(`/api/families/${family.familyId}/members`, member({ cpr: '0203154321', birthDate: '2015-03-03' })));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'birth_date_mismatch', details: [{ field: 'birthDate', code: 'birth_date_mismatch' }] });
  });

  it('29 February 2000 is a real date: accepted, and the birth date comes from the CPR number', async () => {
    const response = await api().post(`/api/families/${family.familyId}/members`, member({ cpr: '290200-4000', firstName: 'Skudår' }));
    expect(response.statusCode).toBe(201);
    const added = (response.json() as { members: Array<{ person: { firstName: string; cpr: string; birthDate: string } }> }).members.find((x) => x.person.firstName === 'Skudår');
    expect(added?.person).toMatchObject({ cpr: '2902004000', birthDate: '2000-02-29' });
  });
});

describe('required fields, types, enums and dates', () => {
  it('a family without a name → 400 with details [{ field: "name", code: "required" }]', async () => {
    const { status, body } = await refused(() => api().post('/api/families', {}));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'validation_failed', details: [{ field: 'name', code: 'required' }] });
  });

  it('a blank name (only spaces) is missing too', async () => {
    const { status, body } = await refused(() => api().post('/api/families', { name: '   ' }));
    expect(status).toBe(400);
    expect(fields(body)).toEqual(['name']);
  });

  it('a measure without any field → 400 naming every required field', async () => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/measures`, {}));
    expect(status).toBe(400);
    expect(fields(body).sort()).toEqual(['departmentId', 'description', 'legalBasisId', 'startsOn']);
    expect(body.error.details.every((d) => d.code === 'required')).toBe(true);
  });

  it('a member without a first name → 400 naming person.firstName', async () => {
    const { status, body } = await refused(() => api().post(`/api/families/${family.familyId}/members`, { relation: 'child', person: { lastName: 'Uden Fornavn' } }));
    expect(status).toBe(400);
    expect(fields(body)).toEqual(['person.firstName']);
  });

  it('an update without the version it edited → 400 naming version', async () => {
    const { status, body } = await refused(() => api().patch(`/api/families/${family.familyId}`, { notes: 'Uden version' }));
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'version', code: 'required' })]);
  });

  it('an unknown relation or case model → 400 naming the field', async () => {
    const relation = await refused(() => api().post(`/api/families/${family.familyId}/members`, { relation: 'cousin', person: { firstName: 'A', lastName: 'B' } }));
    expect(relation.status).toBe(400);
    expect(fields(relation.body)).toEqual(['relation']);
    const model = await refused(() => api().patch(`/api/cases/${family.caseId}`, { model: 'hybrid', version: 1 }));
    expect(model.status).toBe(400);
    expect(fields(model.body)).toEqual(['model']);
  });

  it.each([
    ['2026-02-30', 'date_invalid'],
    ['22-11-2026', 'date_format'],
    ['2026-13-01', 'date_invalid'],
  ])('a start date %s → 400 %s on startsOn', async (startsOn, code) => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/measures`, measure({ startsOn })));
    expect(status).toBe(400);
    expect(body.error.details[0]).toMatchObject({ field: 'startsOn', code });
    expect(new Set(fields(body))).toEqual(new Set(['startsOn']));
  });

  it('an id in the path that is not a UUID → 400 naming id', async () => {
    const { status, body } = await refused(() => api().get('/api/cases/42'));
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'id', code: 'id_invalid' })]);
  });

  it('a search of one character → 400 naming q', async () => {
    const { status, body } = await refused(() => api().get('/api/search?q=a'));
    expect(status).toBe(400);
    expect(fields(body)).toEqual(['q']);
  });
});

describe('rules of the register', () => {
  it('an unknown legal basis → 422 unknown_legal_basis on legalBasisId, no measure', async () => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/measures`, measure({ legalBasisId: 'SEL-999' })));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'unknown_legal_basis', details: [{ field: 'legalBasisId', code: 'unknown_legal_basis' }] });
  });

  it('changing a measure to an unknown legal basis → 422, the measure unchanged', async () => {
    const version = (await t.db.selectFrom('measures').select('version').where('id', '=', measureId).executeTakeFirstOrThrow()).version;
    const { status, body } = await refused(() => api().patch(`/api/measures/${measureId}`, { legalBasisId: 'BL-1000', version }));
    expect(status).toBe(422);
    expect(fields(body)).toEqual(['legalBasisId']);
  });

  it('an SEL paragraph for a measure starting after 2023 → 422 naming the Barnets Lov paragraph to use (current-law.md)', async () => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/measures`, measure({ legalBasisId: 'SEL-41', startsOn: '2024-01-01' })));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'legal_basis_repealed', details: [{ field: 'legalBasisId', code: 'legal_basis_repealed' }] });
    expect(body.error.details[0]!.message).toContain('BL §86');
  });

  it('a Barnets Lov paragraph for a measure starting in 2023 → 422 naming the SEL paragraph that applied', async () => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/measures`, measure({ legalBasisId: 'BL-20', startsOn: '2023-12-31' })));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'legal_basis_not_yet_in_force', details: [{ field: 'legalBasisId' }] });
    expect(body.error.details[0]!.message).toContain('SEL §50');
  });

  it('moving an SEL measure\'s start date past 2023 → 422, the measure unchanged', async () => {
    const old = await makeMeasure(t.db, m, family.caseId, { legalBasisId: 'SEL-42', startsOn: '2023-03-01' });
    const version = (await t.db.selectFrom('measures').select('version').where('id', '=', old).executeTakeFirstOrThrow()).version;
    const { status, body } = await refused(() => api().patch(`/api/measures/${old}`, { startsOn: '2024-02-01', version }));
    expect(status).toBe(422);
    expect(body.error.details[0]!.message).toContain('BL §87');
  });

  it('a Barnets Lov §32 measure without purpose, duration, consent and the barnets-plan decision → 422 naming each, nothing written', async () => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/measures`, measure({ legalBasisId: 'BL-32' })));
    expect(status).toBe(422);
    expect(body.error.code).toBe('measure_duties_missing');
    expect(fields(body)).toEqual(['purpose', 'expectedDuration', 'custodyConsentOn', 'childPlanDecision']);
  });

  it('a complete §32 measure is recorded, and barnets plan is due 3 months after the decision (§91)', async () => {
    const response = await api().post(`/api/cases/${family.caseId}/measures`, measure({
      legalBasisId: 'BL-32', purpose: 'Trivsel i hjemmet', expectedDuration: '6 måneder', custodyConsentOn: '2026-11-20',
      childPlanDecision: 'made', childPlanDecidedOn: '2026-11-30',
    }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ purpose: 'Trivsel i hjemmet', childPlanDecision: 'made', childPlanDueOn: '2027-02-28' });
  });

  it('a measure that ends before it starts → 422 period_invalid on endsOn', async () => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/measures`, measure({ startsOn: '2026-12-01', endsOn: '2026-11-30' })));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'period_invalid', details: [{ field: 'endsOn', code: 'end_before_start' }] });
  });

  it('ending an existing measure before its start (2026-04-01) → 422 on endsOn', async () => {
    const version = (await t.db.selectFrom('measures').select('version').where('id', '=', measureId).executeTakeFirstOrThrow()).version;
    const { status, body } = await refused(() => api().patch(`/api/measures/${measureId}`, { endsOn: '2026-03-31', version }));
    expect(status).toBe(422);
    expect(fields(body)).toEqual(['endsOn']);
  });

  it('ending an assignment before it started → 422 on endsOn', async () => {
    const { status, body } = await refused(() => api().post(`/api/assignments/${buddyAssignmentId}/end`, { endsOn: '2026-05-31' }));
    expect(status).toBe(422);
    expect(fields(body)).toEqual(['endsOn']);
  });

  it.each(['ordinary_operation', 'closed'])('moving the case to %s without a reason → 422 reason_required on statusReason, also with a blank reason', async (status) => {
    const version = (await t.db.selectFrom('cases').select('version').where('id', '=', family.caseId).executeTakeFirstOrThrow()).version;
    for (const payload of [{ status, version }, { status, statusReason: '', version }, { status, statusReason: '   ', version }]) {
      const result = await refused(() => api().patch(`/api/cases/${family.caseId}`, payload));
      expect(result.status).toBe(422);
      expect(result.body.error).toMatchObject({ code: 'reason_required', details: [{ field: 'statusReason', code: 'reason_required' }] });
    }
  });

  it('with a reason the case moves to ordinary operation, and closing sets the closing date to today', async () => {
    let version = (await t.db.selectFrom('cases').select('version').where('id', '=', family.caseId).executeTakeFirstOrThrow()).version;
    const ordinary = await api().patch(`/api/cases/${family.caseId}`, { status: 'ordinary_operation', statusReason: 'Behovet for tæt koordinering er ophørt', version });
    expect(ordinary.statusCode).toBe(200);
    expect(ordinary.json()).toMatchObject({ status: 'ordinary_operation', statusReason: 'Behovet for tæt koordinering er ophørt', closedOn: null });
    version = (ordinary.json() as { version: number }).version;
    const closed = await api().patch(`/api/cases/${family.caseId}`, { status: 'closed', statusReason: 'Familien er flyttet', version });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedOn: testToday, abilities: { canEdit: false } });
    // A closed case takes no new measures.
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/measures`, measure()));
    expect(status).toBe(422);
    expect(body.error.code).toBe('case_closed');
  });
});

describe('malformed and oversized requests', () => {
  it('malformed JSON → 400 malformed_body, nothing written', async () => {
    const { status, body } = await refused(() => t.app.inject({
      method: 'POST', url: '/api/families', headers: { ...session.headers, 'content-type': 'application/json' }, payload: '{"name": "Familien Halv',
    }));
    expect(status).toBe(400);
    expect(body.error.code).toBe('malformed_body');
  });

  it('a body over 256 KiB → 413 body_too_large, nothing written', async () => {
    const { status, body } = await refused(() => api().post('/api/families', { name: 'Familien Stor', notes: 'x'.repeat(300 * 1024) }));
    expect(status).toBe(413);
    expect(body.error.code).toBe('body_too_large');
  });

  it('a text field over its limit (notes > 4000 characters) → 400 too_long on notes', async () => {
    const { status, body } = await refused(() => api().post('/api/families', { name: 'Familien Lang', notes: 'x'.repeat(4001) }));
    expect(status).toBe(400);
    expect(body.error.details).toEqual([expect.objectContaining({ field: 'notes', code: 'too_long' })]);
  });

  it('a form-encoded body (what a cross-site form could send) → 4xx, nothing written', async () => {
    const { status } = await refused(() => t.app.inject({
      method: 'POST', url: '/api/families', headers: { ...session.headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'name=Familien+Form',
    }));
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  it('a JSON array where an object belongs → 400, nothing written', async () => {
    const { status } = await refused(() => api().post('/api/families', [{ name: 'Familien Liste' }]));
    expect(status).toBe(400);
  });
});

describe('partial updates', () => {
  it('a PATCH that leaves out an optional text keeps it; an empty string clears it', async () => {
    const read = async () => (await api().get(`/api/families/${family.familyId}`)).json() as { address: string | null; notes: string | null; version: number };
    let current = await read();
    let response = await api().patch(`/api/families/${family.familyId}`, { address: 'Testvej 1', notes: 'Første note', version: current.version });
    expect(response.statusCode, response.body).toBe(200);
    current = await read();
    response = await api().patch(`/api/families/${family.familyId}`, { notes: 'Anden note', version: current.version });
    expect(response.statusCode, response.body).toBe(200);
    expect(await read()).toMatchObject({ address: 'Testvej 1', notes: 'Anden note' });
    current = await read();
    response = await api().patch(`/api/families/${family.familyId}`, { address: '', version: current.version });
    expect(response.statusCode, response.body).toBe(200);
    expect(await read()).toMatchObject({ address: null, notes: 'Anden note' });
  });
});
