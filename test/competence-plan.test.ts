import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { client, loginAs, makeMunicipality, makeUser, type Session, type TestMunicipality } from './factories.js';
import { auditRowsAfter, countAll } from './inspect.js';

/**
 * The decision-competence plan (issue 8 item 1; EFEI 000:810-881, 003:68-74): versioned data leaders publish, read
 * by every staff member ("what may I decide?"), with its history.
 */

let t: TestApp;
let m: TestMunicipality;
let leader: Session;
let coordinator: Session;
let controller: Session;
let partner: Session;
let otherLeader: Session;
let firstVersionId: string;

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;
interface Plan { version: { id: string; versionNo: number; note: string; publishedBy: string | null } | null; current: boolean; rules: Array<Record<string, unknown>>; abilities: Record<string, boolean> }

const publish = (s: Session, body: Record<string, unknown>) => client(t.app, s).request('POST', '/api/competence-plan/versions', body);

async function refused(send: () => Promise<Response>) {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  const error = (response.json() as { error: { code: string; details: Array<{ field: string; code: string }> } }).error;
  return { status: response.statusCode, code: error.code, details: error.details.map((d) => `${d.field} ${d.code}`) };
}

const rules = () => [
  { category: 'compensation', decidedBy: 'role', role: 'coordinator', maxAmountDkk: 5000, amountPeriod: 'month', defaultPayerDepartmentId: m.departments.child_disability },
  { legalBasisId: 'BL-32', decidedBy: 'core_team', maxAmountDkk: 250000, amountPeriod: 'year' },
  { category: 'placement', decidedBy: 'visitation_committee' },
];

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  leader = await loginAs(t.app, await makeUser(t.db, m, { roles: ['team_leader'], department: 'child_disability', name: 'Lea Leder' }));
  coordinator = await loginAs(t.app, await makeUser(t.db, m, { roles: ['coordinator'] }));
  controller = await loginAs(t.app, await makeUser(t.db, m, { roles: ['controller'] }));
  partner = await loginAs(t.app, await makeUser(t.db, m, { roles: ['external_partner'], department: 'school' }));
  const other = await makeMunicipality(t.db);
  otherLeader = await loginAs(t.app, await makeUser(t.db, other, { roles: ['department_head'], department: 'child_disability' }));
});

afterAll(async () => {
  await t?.close();
});

describe('decision-competence plan', () => {
  it('before anything is published, staff see an empty plan', async () => {
    const response = await client(t.app, coordinator).get('/api/competence-plan');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ version: null, current: false, rules: [], abilities: { canEdit: false } });
  });

  it('a leader publishes version 1 (audited); every staff role reads it', async () => {
    const [last] = (await auditRowsAfter(t.db, m.id)).slice(-1);
    const response = await publish(leader, { note: 'Første plan', rules: rules(), basedOnVersion: 0 });
    expect(response.statusCode, response.body).toBe(201);
    const plan = response.json() as Plan;
    expect(plan.version).toMatchObject({ versionNo: 1, note: 'Første plan', publishedBy: 'Lea Leder' });
    expect(plan.current).toBe(true);
    expect(plan.rules).toEqual([
      expect.objectContaining({ category: 'compensation', decidedBy: 'role', role: 'coordinator', maxAmountDkk: 5000, amountPeriod: 'month', defaultPayerDepartmentId: m.departments.child_disability }),
      expect.objectContaining({ legalBasisId: 'BL-32', legalBasisLabel: 'BL §32', decidedBy: 'core_team', maxAmountDkk: 250000, amountPeriod: 'year' }),
      expect.objectContaining({ category: 'placement', decidedBy: 'visitation_committee', maxAmountDkk: null }),
    ]);
    firstVersionId = plan.version!.id;
    const audit = await auditRowsAfter(t.db, m.id, last?.seq ?? 0);
    expect(audit.map((r) => [r.action, r.entity_type])).toEqual([['create', 'competence_plan_version']]);
    for (const s of [coordinator, controller, leader]) {
      const read = await client(t.app, s).get('/api/competence-plan');
      expect(read.statusCode).toBe(200);
      expect((read.json() as Plan).version?.versionNo).toBe(1);
    }
    expect(((await client(t.app, coordinator).get('/api/competence-plan')).json() as Plan).abilities).toEqual({ canEdit: false });
    expect(((await client(t.app, leader).get('/api/competence-plan')).json() as Plan).abilities).toEqual({ canEdit: true });
  });

  it('version 2 is a full copy; the history lists both and version 1 stays exactly as it was', async () => {
    const response = await publish(leader, { note: 'Uden anbringelse', rules: rules().slice(0, 2), basedOnVersion: 1 });
    expect(response.statusCode, response.body).toBe(201);
    expect((response.json() as Plan).rules).toHaveLength(2);
    const history = await client(t.app, coordinator).get('/api/competence-plan/versions');
    expect(history.json()).toMatchObject({ versions: [{ versionNo: 2, ruleCount: 2 }, { versionNo: 1, ruleCount: 3, note: 'Første plan' }] });
    const first = await client(t.app, coordinator).get(`/api/competence-plan/versions/${firstVersionId}`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: { versionNo: 1 }, current: false });
    expect((first.json() as Plan).rules).toHaveLength(3);
  });

  it('publishing on a version that is no longer current is 409, nothing written', async () => {
    expect(await refused(() => publish(leader, { note: 'Gammel', rules: rules(), basedOnVersion: 1 }))).toMatchObject({ status: 409, code: 'version_conflict' });
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['both paragraph and category', { legalBasisId: 'BL-86', category: 'compensation', decidedBy: 'core_team' }, 'rules.1.legalBasisId basis_or_category'],
    ['neither paragraph nor category', { decidedBy: 'core_team' }, 'rules.1.legalBasisId basis_or_category'],
    ['an unknown legal basis', { legalBasisId: 'BL-999', decidedBy: 'core_team' }, 'rules.1.legalBasisId unknown_legal_basis'],
    ['an unknown department', { legalBasisId: 'BL-86', decidedBy: 'department_leader', departmentId: '00000000-0000-4000-8000-000000000001' }, 'rules.1.departmentId unknown_department'],
    ["'role' without a role", { legalBasisId: 'BL-86', decidedBy: 'role' }, 'rules.1.role role_missing'],
    ["'department_leader' without a department", { legalBasisId: 'BL-86', decidedBy: 'department_leader' }, 'rules.1.departmentId department_missing'],
    ['an amount without a period', { legalBasisId: 'BL-86', decidedBy: 'core_team', maxAmountDkk: 100 }, 'rules.1.amountPeriod amount_without_period'],
    ['a duplicate rule for the same category', { category: 'compensation', decidedBy: 'core_team' }, 'rules.1.category duplicate_rule'],
  ];
  for (const [name, rule, detail] of bad) {
    it(`422 naming the rule for ${name}, nothing written`, async () => {
      const result = await refused(() => publish(leader, { note: 'Fejl', rules: [rules()[0], rule], basedOnVersion: 2 }));
      expect(result).toMatchObject({ status: 422, code: 'competence_plan_invalid' });
      expect(result.details).toEqual([detail]);
    });
  }

  it('another municipality\'s department is unknown here', async () => {
    const other = await makeMunicipality(t.db);
    const result = await refused(() => publish(leader, { note: 'Fejl', rules: [{ category: 'preventive', decidedBy: 'department_leader', departmentId: other.departments.child_disability }], basedOnVersion: 2 }));
    expect(result.details).toEqual(['rules.0.departmentId unknown_department']);
  });

  it('a coordinator or controller may not publish (403); an external partner may not read it (403)', async () => {
    for (const s of [coordinator, controller]) {
      expect(await refused(() => publish(s, { note: 'Nej', rules: rules(), basedOnVersion: 2 }))).toMatchObject({ status: 403 });
    }
    expect((await client(t.app, partner).get('/api/competence-plan')).statusCode).toBe(403);
  });

  it('another municipality sees its own (empty) plan and gets 404 for this one\'s version id', async () => {
    expect(((await client(t.app, otherLeader).get('/api/competence-plan')).json() as Plan).version).toBeNull();
    const response = await client(t.app, otherLeader).get(`/api/competence-plan/versions/${firstVersionId}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
