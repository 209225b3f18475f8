import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { client, login } from '../../test/factories.js';
import { competenceFor, type CompetenceRule } from '../modules/competence/rules.js';
import { demoPassword, seedDemo } from './seed.js';

/**
 * The demo data (issues 3 and 4): Demo Kommune shows cases at every step of both flows, and the follow-up states the
 * worklist is about, as the demo logins see them through the API — the same derivations the web app shows.
 */
let t: TestApp;
type Api = ReturnType<typeof client>;
const apis = new Map<string, Api>();

interface MyFamily { familyId: string; familyName: string; children: Array<{ caseId: string; model: 'efei' | 'sof'; status: string }> }
interface FlowView { model: string; status: string; steps: Array<{ key: string; state: string }>; nextAction: { key: string } | null; warnings: Array<{ code: string }> }
interface Worklist { items: Array<{ kind: string; bucket: string; familyId: string; caseId: string }> }

async function json<T>(api: Api, url: string): Promise<T> {
  const response = await api.get(url);
  expect(response.statusCode, url).toBe(200);
  return response.json() as T;
}

/** Every case a login sees, with its derived flow. */
async function flowsOf(email: string): Promise<Array<{ family: MyFamily; caseId: string; flow: FlowView }>> {
  const api = apis.get(email)!;
  const families = await json<MyFamily[]>(api, '/api/my-families');
  const result = [];
  for (const family of families) {
    for (const child of family.children) result.push({ family, caseId: child.caseId, flow: await json<FlowView>(api, `/api/cases/${child.caseId}/flow`) });
  }
  return result;
}

/** The index of the current step, or 'all_done' (ordinary operation). */
const position = (flow: FlowView) => {
  const index = flow.steps.findIndex((s) => s.state === 'current');
  return index < 0 ? 'all_done' : index;
};

beforeAll(async () => {
  t = await createTestApp();
  const started = Date.now();
  await seedDemo(t.db, t.clock);
  // Seeding runs at the first `npm start` and in every e2e server: it stays quick (PGlite in CI is slower than this).
  expect(Date.now() - started).toBeLessThan(30_000);
  for (const email of ['koordinator@demo.tovholder.dk', 'raadgiver@demo.tovholder.dk', 'koordinator2@demo.tovholder.dk', 'koordinator@nabo.tovholder.dk']) {
    apis.set(email, client(t.app, await login(t.app, email, demoPassword)));
  }
});

afterAll(async () => {
  await t?.close();
});

describe('the demo data', () => {
  it('shows the family coordinator EFEI cases at every step, with the optional analysis meeting held or skipped', async () => {
    const efei = (await flowsOf('koordinator@demo.tovholder.dk')).filter((c) => c.flow.model === 'efei');
    const positions = new Set(efei.map((c) => position(c.flow)));
    for (const step of [0, 1, 2, 3, 4, 5, 6, 7, 'all_done'] as const) expect(positions, `an EFEI case at step index ${step}`).toContain(step);
    const analysis = efei.map((c) => c.flow.steps.find((s) => s.key === 'analysis_meeting')!.state);
    expect(analysis).toContain('skipped');
    expect(analysis).toContain('done');
    expect(efei.some((c) => c.flow.status === 'in_operation' && c.flow.nextAction?.key === 'hold_status_meeting')).toBe(true);
    expect(efei.some((c) => c.flow.status === 'ordinary_operation')).toBe(true);
  });

  it('shows the primary caseworker SOF cases at every step of the SOF course', async () => {
    const sof = (await flowsOf('raadgiver@demo.tovholder.dk')).filter((c) => c.flow.model === 'sof');
    const positions = new Set(sof.map((c) => position(c.flow)));
    for (const step of [0, 1, 2, 3, 4]) expect(positions, `an SOF case at step index ${step}`).toContain(step);
    expect(sof.filter((c) => position(c.flow) === 4).length).toBeGreaterThanOrEqual(6);
  });

  it('gives the coordinator without authority cases where the child\'s caseworker with authority works with her', async () => {
    const sofie = await flowsOf('koordinator2@demo.tovholder.dk');
    expect(sofie.length).toBeGreaterThanOrEqual(4);
    // 000:556-561: never the warning that the child's caseworker is missing.
    expect(sofie.flatMap((c) => c.flow.warnings.map((w) => w.code))).not.toContain('coordinator_needs_caseworker');
    const nabo = await flowsOf('koordinator@nabo.tovholder.dk');
    expect(nabo.length).toBe(6);
  });

  it('has overdue, due-this-week and on-time follow-ups, contact drift both ways, and a transition not started', async () => {
    const jonas = apis.get('raadgiver@demo.tovholder.dk')!;
    const worklist = await json<Worklist>(jonas, '/api/worklist');
    const count = (kind: string, bucket?: string) => worklist.items.filter((i) => i.kind === kind && (!bucket || i.bucket === bucket)).length;
    expect(count('follow_up_due', 'overdue')).toBeGreaterThanOrEqual(3);
    expect(count('follow_up_due', 'this_week')).toBeGreaterThanOrEqual(2);
    expect(count('contact_too_little')).toBe(1);
    expect(count('contact_too_much')).toBe(1);
    expect(count('transition_not_started')).toBe(1);
    expect(count('meeting')).toBeGreaterThanOrEqual(1);
    // On time: SOF cases in operation whose next follow-up lies beyond the coming week.
    const sof = (await flowsOf('raadgiver@demo.tovholder.dk')).filter((c) => c.flow.model === 'sof' && position(c.flow) === 4);
    let onTime = 0;
    for (const c of sof) {
      const view = await json<{ cadence: { bucket: string | null; countsFromFollowUp: boolean } }>(jonas, `/api/cases/${c.caseId}/follow-ups`);
      if (view.cadence.bucket === 'later' && view.cadence.countsFromFollowUp) onTime++;
    }
    expect(onTime).toBeGreaterThanOrEqual(3);

    const mette = await json<Worklist>(apis.get('koordinator@demo.tovholder.dk')!, '/api/worklist');
    expect(mette.items.some((i) => i.kind === 'status_meeting_due' && i.bucket === 'overdue')).toBe(true);
    expect(mette.items.some((i) => i.kind === 'status_meeting_due' && i.bucket === 'this_week')).toBe(true);
    expect(mette.items.some((i) => i.kind === 'follow_up_due' && i.bucket === 'overdue')).toBe(true);
  });

  it('has an agreed joint plan with SMARTE goals, owners, activities and statuses, and the child\'s Dialoglinealen scores', async () => {
    const mette = apis.get('koordinator@demo.tovholder.dk')!;
    const families = await json<MyFamily[]>(mette, '/api/my-families');
    const jensen = families.find((f) => f.familyName === 'Familien Jensen')!;
    const plan = await json<{
      latestAgreedVersion: number | null; versions: unknown[]; childVoice: Array<{ topics: unknown[] }>;
      version: { state: string; goals: Array<{ specific: string; measurable: string; owners: unknown[]; activities: unknown[]; status: string }> };
    }>(mette, `/api/families/${jensen.familyId}/plan`);
    expect(plan.latestAgreedVersion).not.toBeNull();
    expect(plan.versions.length).toBeGreaterThanOrEqual(2);
    expect(plan.version.goals.length).toBeGreaterThanOrEqual(3);
    for (const goal of plan.version.goals) {
      expect(goal.owners.length).toBeGreaterThan(0);
      expect(goal.activities.length).toBeGreaterThan(0);
      expect(goal.specific && goal.measurable).toBeTruthy();
    }
    expect(new Set(plan.version.goals.map((g) => g.status)).size).toBeGreaterThan(1);

    const jonas = apis.get('raadgiver@demo.tovholder.dk')!;
    const sof = (await flowsOf('raadgiver@demo.tovholder.dk')).filter((c) => position(c.flow) === 4);
    const theCase = await json<{ childId: string }>(jonas, `/api/cases/${sof[0]!.caseId}`);
    const voice = await json<{ topics: Array<{ trend: string }>; notes: unknown[] }>(jonas, `/api/children/${theCase.childId}/voice`);
    expect(voice.notes.length).toBeGreaterThanOrEqual(2);
    expect(voice.topics.map((x) => x.trend)).toContain('up');
  });

  it('has network meetings run with LØFT (points in all four columns) and agreements with owners and deadlines', async () => {
    const jonas = apis.get('raadgiver@demo.tovholder.dk')!;
    const sof = (await flowsOf('raadgiver@demo.tovholder.dk')).filter((c) => c.flow.steps.find((s) => s.key === 'network_meeting')?.state === 'done');
    const list = await json<{ meetings: Array<{ id: string; type: string; status: string }> }>(jonas, `/api/cases/${sof[0]!.caseId}/meetings`);
    const network = list.meetings.find((m) => m.type === 'network_meeting' && m.status === 'closed')!;
    const meeting = await json<{
      template: string; columns: Array<{ key: string; points: unknown[] }>; agreements: Array<{ owner: { kind: string }; dueOn: string | null }>; participants: Array<{ category: string }>;
    }>(jonas, `/api/meetings/${network.id}`);
    expect(meeting.template).toBe('loft');
    expect(meeting.columns.map((c) => [c.key, c.points.length > 0])).toEqual([['worries', true], ['working_well', true], ['see_happen', true], ['agreements', true]]);
    expect(new Set(meeting.agreements.map((a) => a.owner.kind))).toEqual(new Set(['family', 'staff']));
    expect(meeting.agreements.every((a) => a.dueOn !== null)).toBe(true);
    expect(meeting.participants.map((p) => p.category)).toContain('family');
  });

  it('has contact agreements (one family prefers space) and annual wheels with planned activities', async () => {
    const jonas = apis.get('raadgiver@demo.tovholder.dk')!;
    const families = await json<MyFamily[]>(jonas, '/api/my-families');
    const agreements = [];
    let planned = 0;
    for (const family of families) {
      const view = await json<{ current: { prefersSpace: boolean } | null }>(jonas, `/api/families/${family.familyId}/contact-agreement`);
      if (view.current) agreements.push(view.current);
      const wheel = await json<{ months: Array<{ activities: Array<{ source: string }> }> }>(jonas, `/api/families/${family.familyId}/annual-wheel?year=${t.clock.now().getUTCFullYear()}`);
      planned += wheel.months.flatMap((m) => m.activities).filter((a) => a.source === 'planned').length;
    }
    expect(agreements.length).toBeGreaterThanOrEqual(3);
    expect(agreements.some((a) => a.prefersSpace)).toBe(true);
    expect(planned).toBeGreaterThanOrEqual(5);
  });

  it('the partner login (Anne Skov, Demo Skole) sees exactly the one family that consented to share with the school (issue 5 item 4)', async () => {
    const anne = client(t.app, await login(t.app, 'partner@demo.tovholder.dk', demoPassword));
    const families = await json<Array<{ caseId: string }>>(anne, '/api/partner/families');
    expect(families).toHaveLength(1);
    const view = await json<{ meetings: unknown[]; agreements: unknown[] }>(anne, `/api/partner/cases/${families[0]!.caseId}`);
    expect(view.meetings.length + view.agreements.length).toBeGreaterThan(0);
  });

  it('gives every person a fictional CPR number that fails the modulus-11 check', async () => {
    const rows = await t.db.selectFrom('persons').select(['cpr']).where('cpr', 'is not', null).execute();
    const weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
    for (const { cpr } of rows) expect(weights.reduce((sum, w, i) => sum + w * Number(cpr![i]), 0) % 11, cpr!).not.toBe(0);
  });

  it('has a running børnefaglig undersøgelse whose 4-month clock (Barnets Lov §20 stk. 3) is on a worklist', async () => {
    const kinds = new Set<string>();
    for (const email of ['koordinator@demo.tovholder.dk', 'raadgiver@demo.tovholder.dk', 'koordinator2@demo.tovholder.dk']) {
      for (const item of (await json<Worklist>(apis.get(email)!, '/api/worklist')).items) kinds.add(item.kind);
    }
    expect(kinds).toContain('investigation_due');
  });

  it('publishes Demo Kommune\'s competence plan to its staff (issue 8 item 1); Nabo Kommune has none', async () => {
    const plan = await json<{ version: { versionNo: number } | null; rules: CompetenceRule[] }>(apis.get('koordinator@demo.tovholder.dk')!, '/api/competence-plan');
    expect(plan.version?.versionNo).toBe(1);
    expect(competenceFor(plan, { legalBasisId: 'BL-86', category: 'compensation' })?.rule).toMatchObject({ decidedBy: 'role', role: 'coordinator' });
    expect(competenceFor(plan, { legalBasisId: 'BL-32', category: 'support_measure' })?.rule).toMatchObject({ decidedBy: 'core_team' });
    expect(competenceFor(plan, { legalBasisId: 'BL-47', category: 'placement' })?.rule).toMatchObject({ decidedBy: 'visitation_committee' });
    expect(competenceFor(plan, { legalBasisId: 'BL-30', category: 'preventive' })?.rule).toMatchObject({ decidedBy: 'role' });
    expect(plan.rules.every((r) => r.defaultPayerDepartmentId !== null)).toBe(true);
    expect((await json<{ version: unknown }>(apis.get('koordinator@nabo.tovholder.dk')!, '/api/competence-plan')).version).toBeNull();
  });
});
