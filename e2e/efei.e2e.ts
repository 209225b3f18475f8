import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { journeyEnvironment } from './support/environment.js';
import {
  addAgreement, addParticipant, addPoint, apiGet, apiSend, closeMeeting, createFamilyWithCase, danishDate, expectFlow, expectText, heading, isoDay,
  logIn, newPage, planMeeting, settledAndAccessible,
} from './support/journey.js';

/**
 * Issue 3's EFEI journey (000:139-210): the family coordinator (koordinator@, Mette Lund) creates a family and an EFEI
 * case led by her (the assignment) → forms the core team → holds the assessment meeting with the family → records the
 * information gathered → holds the analysis meeting, where a parent is refused (000:685-686) → records what was shared
 * → holds the summary meeting → agrees the joint plan with SMARTE goals → the print view shows the goals and owners.
 * The case page's flow shows done / current / upcoming after each step; axe-core checks every page.
 */
const journey = journeyEnvironment();

const suffix = Date.now().toString(36);
const G = 'Gennemført';
const C = 'Aktuelt trin';
const U = 'Kommende';
const flowAfter = (done: number) => [...Array<string>(done).fill(G), C, ...Array<string>(7 - done).fill(U)];

async function recordStep(page: Page, kind: string, text: string): Promise<void> {
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Registrér et trin' }) });
  await form.getByLabel(kind).check();
  await form.getByLabel('Beskrivelse').fill(text);
  await form.getByRole('button', { name: 'Registrér' }).click();
  await expectText(page, 'Trinnet er registreret.');
}

describe('a whole EFEI case', () => {
  it('assignment → core team → assessment → analysis without the family → summary → agreed joint plan → print view', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'koordinator@demo.tovholder.dk');

    // Step 1: the case assigned to the family coordinator; the core team is still to be formed.
    const { familyId, caseId } = await createFamilyWithCase(page, journey.baseUrl, {
      familyName: `Familien Bøgh ${suffix}`, lastName: 'Bøgh', childFirstName: 'Sigurd', childCpr: '1408164321',
      parents: [{ firstName: 'Karen', cpr: '0205884321' }, { firstName: 'Anders', cpr: '2110864321' }], model: 'efei', leadName: 'Mette Lund',
    });
    await expectText(page, 'Forløb – Én familie – én indgang');
    await expectFlow(page, flowAfter(0));
    await expectText(page, 'Sammensæt kerneteamet.');
    await settledAndAccessible(page, 'ny EFEI-sag');

    await page.getByRole('link', { name: 'Tilføj til kerneteam' }).click();
    await page.waitForURL(/\/team-members\/new$/);
    await settledAndAccessible(page, 'tilføj til kerneteam');
    const staff = await page.getByLabel('Medarbejder').locator('option').allTextContents();
    await page.getByLabel('Medarbejder').selectOption({ label: staff.find((s) => s.includes('Lars Winther'))! });
    await page.getByLabel('Rolle i kerneteamet').fill('PPR-psykolog, referent');
    await page.getByRole('button', { name: 'Tilføj', exact: true }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expectText(page, 'Medarbejderen er tilføjet kerneteamet.');
    await expectFlow(page, flowAfter(1));
    await expectText(page, 'Hold udredningsmødet mellem kerneteamet og familien.');

    // Step 2: the assessment starts with a meeting between the core team and the family (000:632-660).
    await planMeeting(page, { type: 'Udredningsmøde', template: 'Signs of Safety', title: 'Udredningsmøde med familien Bøgh' });
    await addParticipant(page, 'Medarbejder eller samarbejdspartner', 'Lars Winther', { role: 'Referent' });
    await addParticipant(page, 'Et medlem af familien', 'Karen Bøgh');
    await addParticipant(page, 'Et medlem af familien', 'Anders Bøgh');
    await addPoint(page, 'Hvad bekymrer?', 'Sigurd sover dårligt og har nedsmeltninger efter skole.');
    await addPoint(page, 'Hvad fungerer?', 'Sigurd er glad for svømning.');
    await addPoint(page, 'Hvad skal der ske?', 'Kerneteamet indhenter oplysninger fra skole og PPR.');
    await addAgreement(page, 'Indhente skoleudtalelse', 'Mette Lund', isoDay(7));
    await settledAndAccessible(page, 'udredningsmøde');
    await closeMeeting(page, isoDay(14));
    await expectFlow(page, flowAfter(2));

    // Step 3: the information gathered, as a record with content (never a bare tick).
    await recordStep(page, 'Oplysninger er indhentet (trin 3)', 'Skoleudtalelse og PPR-notat er indhentet med forældrenes samtykke.');
    await expectFlow(page, flowAfter(3));
    await expectText(page, 'Hold et tværfagligt analysemøde (uden familien), eller spring det over med en begrundelse.');
    await settledAndAccessible(page, 'sagen efter trin 3');

    // Step 4: the analysis meeting is held without the family (000:685-686).
    const analysisId = await planMeeting(page, { type: 'Analysemøde', template: 'ICS-trekanten', title: 'Tværfagligt analysemøde' });
    await expectText(page, 'Analysemødet holdes uden familien. Familiemedlemmer kan ikke deltage.');
    const participantForm = page.locator('form', { has: page.getByRole('heading', { name: 'Tilføj deltager' }) });
    expect(await participantForm.getByLabel('Et medlem af familien').count(), 'the form offers no family member').toBe(0);
    // Adding a parent anyway (as the API would be asked) is refused with the rule and its source; nothing is written.
    const family = await apiGet<{ members: Array<{ person: { id: string; firstName: string } }> }>(page, `/api/families/${familyId}`);
    const karen = family.members.find((m) => m.person.firstName === 'Karen')!.person.id;
    const refused = await apiSend(page, 'POST', `/api/meetings/${analysisId}/participants`, { kind: 'person', personId: karen, role: 'participant' });
    expect(refused.status).toBe(422);
    expect(refused.body?.error?.code).toBe('analysis_meeting_without_family');
    expect(refused.body?.error?.message).toContain('000:685-686');
    expect(refused.body?.error?.details[0]).toMatchObject({ field: 'personId', code: 'analysis_meeting_without_family' });
    await page.reload();
    await heading(page);
    await expectText(page, 'Analysemødet holdes uden familien. Familiemedlemmer kan ikke deltage.');
    const participants = page.locator('section[aria-labelledby=meeting-participants]');
    await expect.poll(async () => (await participants.textContent()) ?? '').toContain('Mette Lund');
    expect((await participants.textContent()) ?? '', 'no family member on the analysis meeting').not.toContain('Bøgh');
    await addParticipant(page, 'Medarbejder eller samarbejdspartner', 'Lars Winther', { role: 'Referent' });
    await addParticipant(page, 'En gæst uden login', 'Overlæge Birthe Krogh', { organisation: 'Børneafdelingen, Demo Sygehus' });
    await addPoint(page, 'Barnets udviklingsmæssige behov', 'Sigurd har brug for faste rammer og visuel støtte.');
    await addPoint(page, 'Forældrekompetencer', 'Forældrene er engagerede, men trætte.');
    await addPoint(page, 'Familieforhold – familie og omgivelser', 'Bedsteforældrene er en ressource.');
    await settledAndAccessible(page, 'analysemøde uden familien');
    await screenshot(page, 'efei-analysis-meeting');
    await closeMeeting(page, isoDay(14));
    await expectFlow(page, flowAfter(4));

    // Step 5: the information shared with the family and the core team.
    await recordStep(page, 'Oplysninger er delt (trin 5)', 'Udredningens resultater er delt med familien og kerneteamet.');
    await expectFlow(page, flowAfter(5));
    await expectText(page, 'Hold det opsamlende møde.');

    // Step 6: the summary meeting ends the assessment.
    await planMeeting(page, { type: 'Opsamlende møde', template: 'Signs of Safety' });
    await addParticipant(page, 'Et medlem af familien', 'Karen Bøgh');
    await addPoint(page, 'Hvad skal der ske?', 'Den fælles plan skrives med familien.');
    await closeMeeting(page, isoDay(42));
    await expectFlow(page, flowAfter(6));
    await expectText(page, 'Aftal den fælles plan med familien.');
    await settledAndAccessible(page, 'sagen efter det opsamlende møde');

    // Step 7: the joint plan with SMARTE goals, owners and activities (000:736-790), agreed with the family.
    await page.goto(`${journey.baseUrl}/families/${familyId}`);
    await expect.poll(() => heading(page)).toContain(`Familien Bøgh ${suffix}`);
    await page.getByRole('link', { name: 'Fælles plan' }).click();
    await page.waitForURL(/\/plan$/);
    await settledAndAccessible(page, 'fælles plan før den findes');
    await page.getByRole('link', { name: 'Opret fælles plan' }).click();
    await page.waitForURL(/\/plan\/edit$/);
    await expect.poll(() => heading(page)).toBe('Opret fælles plan');
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Begrundelse').fill('Den fælles plan efter den tværfaglige udredning.');
    await page.getByLabel('Målet med familiens ord').fill('Sigurd kommer i skole hver dag');
    await page.getByLabel('Gælder').selectOption({ label: 'Sigurd Bøgh' });
    await page.getByLabel('Specifikt – hvad skal konkret ske?').fill('Sigurd møder i skole alle fem hverdage med en fast voksen.');
    await page.getByLabel('Målbart – hvordan ser vi, at målet er nået?').fill('Fremmøde mindst 9 af 10 dage over 8 uger.');
    await page.getByLabel('Accepteret – hvorfor er målet vigtigt for familien?').fill('Sigurd og forældrene ønsker forudsigelige skoledage.');
    await page.getByLabel('Realistisk – hvorfor kan det lade sig gøre?').fill('Skolen har en støttepædagog 10 timer om ugen.');
    await page.getByLabel('Startdato').fill(isoDay(0));
    await page.getByLabel('Slutdato').fill(isoDay(90));
    await page.getByLabel('Evaluering – hvordan og hvornår følger vi op?').fill('På statusmødet om 8 uger.');
    await page.getByLabel('Familiens egne ord').fill('Vi vil have rolige morgener.');
    await settledAndAccessible(page, 'opret fælles plan');

    // A goal without an owner is refused with the rule, at the field (000:783-784).
    await page.getByRole('button', { name: 'Opret fælles plan' }).click();
    await expectText(page, 'Målet skal have mindst én ansvarlig.');
    await settledAndAccessible(page, 'fælles plan uden ansvarlig', { errorShown: true });
    await page.getByRole('button', { name: 'Tilføj ansvarlig' }).click();
    await page.getByLabel('Ansvarlig 1', { exact: true }).selectOption({ label: 'Karen Bøgh (Forælder)' });
    await page.getByRole('button', { name: 'Tilføj ansvarlig' }).click();
    await page.getByLabel('Hvem er Ansvarlig 2?').selectOption({ label: 'En medarbejder' });
    await page.getByLabel('Ansvarlig 2', { exact: true }).selectOption({ label: 'Lars Winther' });
    await page.getByRole('button', { name: 'Tilføj aktivitet' }).click();
    await page.getByLabel('Aktivitet 1').fill('Lave et visuelt dagsskema med Sigurd');
    await page.getByLabel('Ansvarlig', { exact: true }).selectOption({ label: 'Mette Lund' });
    await page.getByLabel('Frist').fill(isoDay(14));
    await page.getByRole('button', { name: 'Opret fælles plan' }).click();
    await page.waitForURL(/\/plan$/);
    await expectText(page, 'Version 1 af planen er gemt.');
    await expectText(page, 'Kladde');
    await settledAndAccessible(page, 'fælles plan, kladde');

    await page.getByRole('link', { name: 'Aftal planen med familien' }).click();
    await page.waitForURL(/\/plan\/agree$/);
    await page.getByLabel('Karen Bøgh').check();
    await page.getByLabel('Anders Bøgh').check();
    await settledAndAccessible(page, 'aftal planen');
    await page.getByRole('button', { name: 'Registrer aftalen' }).click();
    await page.waitForURL(/\/plan$/);
    await expectText(page, 'Version 1 er registreret som aftalt med familien.');
    await expectText(page, `Aftalt ${danishDate(isoDay(0))}`);
    await settledAndAccessible(page, 'fælles plan, aftalt');

    // The print view shows the goals with their SMARTE fields, owners and activities, in Danish.
    await page.getByRole('link', { name: 'Udskriftsvenlig visning' }).click();
    await page.waitForURL(/\/plan\/print/);
    await expect.poll(() => heading(page)).toBe(`Fælles plan for Familien Bøgh ${suffix}`);
    const printed = (await page.locator('.plan-print').textContent()) ?? '';
    for (const text of ['Sigurd kommer i skole hver dag', 'Karen Bøgh', 'Lars Winther', 'Fremmøde mindst 9 af 10 dage over 8 uger.',
      'Lave et visuelt dagsskema med Sigurd', 'Mette Lund', 'Vi vil have rolige morgener.', `Aftalt ${danishDate(isoDay(0))}`]) {
      expect(printed, `the print view shows "${text}"`).toContain(text);
    }
    await settledAndAccessible(page, 'udskriftsvenlig plan');
    await screenshot(page, 'efei-joint-plan-print');

    // The case is now in operation: steps 1-7 done, the loop of status meetings current.
    await page.goto(`${journey.baseUrl}/cases/${caseId}`);
    await heading(page);
    await expectFlow(page, flowAfter(7));
    await expectText(page, 'Hold næste sagsmøde.');
    await settledAndAccessible(page, 'sagen i drift');
    await screenshot(page, 'efei-case-flow');
    await page.context().close();
  });
});
