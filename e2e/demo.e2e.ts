import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { journeyEnvironment } from './support/environment.js';
import { apiGet, expectText, flowStates, heading, logIn, newPage, settledAndAccessible } from './support/journey.js';

/**
 * The demo data as the demo logins see it in the browser: the family coordinator's EFEI cases at every step and the
 * primary caseworker's SOF cases, follow-ups, contact agreements and årshjul. Every page shows its data (no error)
 * and passes axe-core.
 */
const journey = journeyEnvironment();

interface MyFamily { familyId: string; familyName: string; children: Array<{ caseId: string; model: 'efei' | 'sof' }> }
interface FlowView { steps: Array<{ key: string; state: string }> }
interface Meetings { meetings: Array<{ id: string; type: string; status: string }> }

async function casesWithFlow(page: Page) {
  const families = await apiGet<MyFamily[]>(page, '/api/my-families');
  const result: Array<{ familyId: string; familyName: string; caseId: string; model: string; flow: FlowView }> = [];
  for (const f of families) {
    for (const c of f.children) result.push({ familyId: f.familyId, familyName: f.familyName, caseId: c.caseId, model: c.model, flow: await apiGet<FlowView>(page, `/api/cases/${c.caseId}/flow`) });
  }
  return result;
}

async function visit(page: Page, path: string, label: string): Promise<void> {
  await page.goto(`${journey.baseUrl}${path}`);
  await heading(page);
  await settledAndAccessible(page, label);
}

describe('the demo data in the browser', () => {
  it('the family coordinator sees EFEI cases at every step of the flow', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'koordinator@demo.tovholder.dk');
    const cases = (await casesWithFlow(page)).filter((c) => c.model === 'efei');
    const byCurrent = new Map<number, (typeof cases)[number]>();
    for (const c of cases) {
      const index = c.flow.steps.findIndex((s) => s.state === 'current');
      if (!byCurrent.has(index)) byCurrent.set(index, c);
    }
    expect([...byCurrent.keys()].sort()).toEqual([-1, 0, 1, 2, 3, 4, 5, 6, 7]);
    for (const [index, c] of [...byCurrent.entries()].sort((a, b) => a[0] - b[0])) {
      await visit(page, `/cases/${c.caseId}`, `EFEI-sag, trin ${index + 1}`);
      const states = await flowStates(page);
      expect(states.filter((s) => s.state === 'Gennemført' || s.state === 'Sprunget over').length).toBe(index < 0 ? 8 : index);
    }
    // A held analysis meeting (without the family) and the joint plan with its versions, print view and the child's voice.
    const operation = byCurrent.get(7)!;
    const meetings = await apiGet<Meetings>(page, `/api/cases/${operation.caseId}/meetings`);
    for (const type of ['analysis_meeting', 'status_meeting']) {
      const meeting = meetings.meetings.find((m) => m.type === type && m.status === 'closed');
      if (meeting) await visit(page, `/meetings/${meeting.id}`, `demo ${type}`);
    }
    await visit(page, `/families/${operation.familyId}/plan`, 'demo fælles plan');
    await expectText(page, 'Aftalt');
    await visit(page, `/families/${operation.familyId}/plan/print`, 'demo fælles plan til udskrift');
    await visit(page, '/worklist', 'koordinatorens arbejdsliste');
    await expectText(page, 'Statusmøde');
    await page.context().close();
  });

  it('the primary caseworker sees SOF cases, their meetings, the child\'s voice, contact agreements and the årshjul', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'raadgiver@demo.tovholder.dk');
    const cases = (await casesWithFlow(page)).filter((c) => c.model === 'sof');
    const positions = new Set(cases.map((c) => c.flow.steps.findIndex((s) => s.state === 'current')));
    expect([...positions].sort()).toEqual([0, 1, 2, 3, 4]);
    const network = cases.find((c) => c.flow.steps.find((s) => s.key === 'network_meeting')?.state === 'done')!;
    await visit(page, `/cases/${network.caseId}`, 'SOF-sag i opfølgning');
    await expectText(page, 'Hold næste opfølgning.');
    const meetings = await apiGet<Meetings>(page, `/api/cases/${network.caseId}/meetings`);
    const loft = meetings.meetings.find((m) => m.type === 'network_meeting')!;
    await visit(page, `/meetings/${loft.id}`, 'demo netværksmøde med LØFT');
    for (const column of ['Bekymringer', 'Fungerer', 'Se ske', 'Aftaler']) expect(await page.getByRole('list', { name: column, exact: true }).count()).toBe(1);
    const child = await apiGet<{ childId: string }>(page, `/api/cases/${network.caseId}`);
    await visit(page, `/children/${child.childId}/voice`, 'demo barnets stemme');
    await expectText(page, 'Dialoglinealen over tid');
    await visit(page, `/cases/${network.caseId}/follow-ups/new`, 'demo opfølgning');

    // Contact agreements: one family prefers space and was contacted too often.
    const worklist = await apiGet<{ items: Array<{ kind: string; familyId: string; caseId: string }> }>(page, '/api/worklist');
    const tooMuch = worklist.items.find((i) => i.kind === 'contact_too_much')!;
    await visit(page, `/families/${tooMuch.familyId}/contact`, 'demo kontaktaftale, ønsker ro');
    const transition = worklist.items.find((i) => i.kind === 'transition_not_started')!;
    await visit(page, `/cases/${transition.caseId}/transition`, 'demo overgang til voksenområdet');
    await visit(page, `/families/${transition.familyId}/annual-wheel`, 'demo årshjul');
    await expectText(page, 'Evaluering af den fælles plan');
    await page.context().close();
  });
});
