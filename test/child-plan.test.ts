import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality } from './factories.js';

/**
 * Barnets Lov §32 and §91 end to end (issue 7 §3): a support measure recorded with purpose, duration, consent and the
 * decision to make barnets plan puts the plan's deadline (3 months after the decision) on the lead's worklist beside
 * the 6-week follow-up that §32 brings (001:753-771), until the plan is recorded as in place.
 */
let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let session: Session;

interface Item { kind: string; bucket: string; dueOn: string; familyId: string; link: string }
const worklist = async () => ((await client(t.app, session).get('/api/worklist')).json() as { items: Item[] }).items
  .filter((i) => i.familyId === family.familyId).map((i) => `${i.kind}:${i.bucket}:${i.dueOn}`);

beforeAll(async () => {
  t = await createTestApp(); // today is 2026-11-22
  m = await makeMunicipality(t.db);
  const lead = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  family = await makeFamilyWithCase(t.db, m, { lead, model: 'sof', openedOn: '2026-10-12' });
  session = await loginAs(t.app, lead);
});

afterAll(async () => {
  await t?.close();
});

describe('barnets plan on the worklist', () => {
  it('a §32 measure with the plan decided on 25 August: plan due 25 November and the 6-week follow-up due 23 November', async () => {
    const response = await client(t.app, session).post(`/api/cases/${family.caseId}/measures`, {
      legalBasisId: 'BL-32', departmentId: m.departments.family_therapy, description: 'Familiebehandling', startsOn: '2026-10-12',
      purpose: 'Trivsel i hjemmet', expectedDuration: '6 måneder', custodyConsentOn: '2026-10-10', childPlanDecision: 'made', childPlanDecidedOn: '2026-08-25',
    });
    expect(response.statusCode, response.body).toBe(201);
    const measure = response.json() as { id: string; version: number; childPlanDueOn: string };
    expect(measure.childPlanDueOn).toBe('2026-11-25');
    expect(await worklist()).toEqual(['follow_up_due:this_week:2026-11-23', 'child_plan_due:this_week:2026-11-25']);

    // Recorded as in place: the deadline leaves the worklist; the follow-up stays.
    const done = await client(t.app, session).patch(`/api/measures/${measure.id}`, { childPlanCompletedOn: '2026-11-20', version: measure.version });
    expect(done.statusCode, done.body).toBe(200);
    expect((done.json() as { childPlanDueOn: string | null }).childPlanDueOn).toBeNull();
    expect(await worklist()).toEqual(['follow_up_due:this_week:2026-11-23']);
  });
});
