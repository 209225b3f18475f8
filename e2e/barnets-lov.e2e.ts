import { describe, expect, it } from 'vitest';
import { addCalendarMonths, addDays } from '../src/platform/clock/dates.js';
import { screenshot } from './support/browser.js';
import { journeyEnvironment } from './support/environment.js';
import { apiGet, createFamilyWithCase, danishDate, expectText, heading, isoDay, logIn, mainText, newPage, settledAndAccessible } from './support/journey.js';

/**
 * Issue 7's journey: the SOF caseworker (raadgiver@, Jonas Berg) records a support measure under Barnets Lov §32 for a
 * case opened three months ago. Without purpose and expected duration it is refused, naming §32 stk. 2; with them, the
 * custody holder's consent and the decision to make barnets plan, the worklist shows the 6-week follow-up (the SOF
 * cadence decides by category, so a Barnets Lov support measure counts like SEL §52: 001:765-767, current-law.md) and
 * barnets plan's deadline three months after the decision (§91). axe-core checks every page.
 */
const journey = journeyEnvironment();

interface Worklist { items: Array<{ kind: string; bucket: string; dueOn: string; caseId: string; detail: string | null; familyName: string; childName: string }> }

const suffix = Date.now().toString(36);

describe('a Barnets Lov §32 support measure', () => {
  it('is refused without purpose and duration, then puts the 6-week follow-up and the barnets plan deadline on the worklist', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'raadgiver@demo.tovholder.dk');
    const openedOn = isoDay(-95);
    const familyName = `Familien Kragh ${suffix}`;
    const { caseId } = await createFamilyWithCase(page, journey.baseUrl, {
      familyName, lastName: 'Kragh', childFirstName: 'Villads', childCpr: '1508164321',
      parents: [{ firstName: 'Sofie', cpr: '2203884321' }], model: 'sof', leadName: 'Jonas Berg', openedOn,
    });

    // No active measure yet: the SOF rule has nothing to follow up (cadence/rules.ts, "no_active_measure").
    const before = await apiGet<Worklist>(page, '/api/worklist');
    expect(before.items.filter((i) => i.caseId === caseId)).toEqual([]);

    // §32 støttende indsats, started 90 days ago; first without purpose and expected duration.
    const startsOn = isoDay(-90);
    // Decided so that the plan falls due within the coming week: three calendar months after the decision (§91).
    const decidedOn = addCalendarMonths(isoDay(4), -3);
    const planDueOn = addCalendarMonths(decidedOn, 3);
    await page.getByRole('link', { name: 'Tilføj ydelse' }).click();
    await page.waitForURL(/\/measures\/new$/);
    await page.locator('select[name=legalBasisId]').selectOption('BL-32');
    await page.locator('select[name=departmentId]').selectOption({ label: 'Børnehandicap' });
    await page.locator('textarea[name=description]').fill('Familiebehandling i hjemmet to gange om ugen');
    await page.locator('input[name=startsOn]').fill(startsOn);
    await expectText(page, 'Barnets Lov §32 og §91');
    await page.getByRole('button', { name: 'Tilføj ydelse' }).click();
    await expect.poll(() => page.locator('.form-error-message').count()).toBeGreaterThan(0);
    const errors = (await page.locator('main').textContent()) ?? '';
    expect(errors).toContain('Formål med indsatsen');
    expect(errors).toContain('Forventet varighed');
    expect(page.url()).toMatch(/\/measures\/new$/);
    await settledAndAccessible(page, '§32-indsats uden formål og varighed', { errorShown: true });
    expect((await apiGet<{ measures: unknown[] }>(page, `/api/cases/${caseId}`)).measures, 'nothing was saved').toEqual([]);

    // Purpose, expected duration, consent and the decision to make barnets plan (§32 stk. 2-3, §91).
    await page.getByLabel('Formål med indsatsen').fill('Villads skal kunne sove i egen seng, og morgenerne skal blive rolige.');
    await page.getByLabel('Forventet varighed').fill('6 måneder');
    await page.getByLabel('Samtykke fra forældremyndighedsindehaver givet den').fill(startsOn);
    await page.getByLabel(/Ja, barnets plan udarbejdes/).check();
    await page.getByLabel('Besluttet den').fill(decidedOn);
    await settledAndAccessible(page, '§32-indsats udfyldt (fejlene fra før står endnu)', { errorShown: true });
    await page.getByRole('button', { name: 'Tilføj ydelse' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expectText(page, 'Familiebehandling i hjemmet');
    await settledAndAccessible(page, 'sagen med §32-indsatsen');

    // The worklist: the follow-up every 6 weeks from the case start (no follow-up held yet) and barnets plan's deadline.
    await page.getByRole('link', { name: 'Arbejdsliste' }).first().click();
    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('Min arbejdsliste');
    const after = await apiGet<Worklist>(page, '/api/worklist');
    const followUp = after.items.find((i) => i.caseId === caseId && i.kind === 'follow_up_due');
    expect(followUp, 'the 6-week follow-up is on the worklist').toMatchObject({ dueOn: addDays(openedOn, 42), bucket: 'overdue', detail: 'six_weeks' });
    const plan = after.items.find((i) => i.caseId === caseId && i.kind === 'child_plan_due');
    expect(plan, 'barnets plan is on the worklist').toMatchObject({ dueOn: planDueOn });
    expect(['today', 'this_week']).toContain(plan!.bucket);

    const rowOf = (action: string) => page.locator('tr', { has: page.locator('a', { hasText: `${action}: ${familyName}` }) });
    const followUpRow = rowOf('Registrér opfølgning');
    await expect.poll(() => followUpRow.count()).toBe(1);
    const followUpText = (await followUpRow.textContent()) ?? '';
    expect(followUpText).toContain('Hver 6. uge');
    expect(followUpText).toContain(danishDate(addDays(openedOn, 42)));
    const planRow = rowOf('Registrér barnets plan');
    await expect.poll(() => planRow.count()).toBe(1);
    expect((await planRow.textContent()) ?? '').toContain(danishDate(planDueOn));
    await settledAndAccessible(page, 'arbejdslisten med §32-indsatsen');
    await screenshot(page, 'barnets-lov-worklist');

    // One click from the plan item to the measure, which shows the deadline.
    await planRow.locator('a', { hasText: 'Registrér barnets plan' }).click();
    await page.waitForURL(/\/measures\/[0-9a-f-]{36}\/edit$/);
    await expectText(page, `Barnets plan skal foreligge senest ${danishDate(planDueOn)}.`);
    await settledAndAccessible(page, 'indsatsen med fristen for barnets plan');
    await page.context().close();
  });
  it('§18 screening → §20 investigation with its 4-month clock → a decision refused without the child\'s views (§5) → §137 notification', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'raadgiver@demo.tovholder.dk');
    const familyName = `Familien Lund ${suffix}`;
    const { caseId } = await createFamilyWithCase(page, journey.baseUrl, {
      familyName, lastName: 'Lund', childFirstName: 'Asta', childCpr: '0204154321',
      parents: [{ firstName: 'Mette', cpr: '1402874321' }], model: 'sof', leadName: 'Jonas Berg', openedOn: isoDay(-10),
    });
    const submit = () => page.locator('main form button[type=submit]').click();

    // §18 screening: nothing filled in → every missing field is named; then date, outcome and reasons.
    const awareOn = isoDay(-12);
    await page.getByRole('link', { name: 'Registrér screening' }).click();
    await page.waitForURL(/\/screenings\/new$/);
    await submit();
    await expect.poll(() => page.locator('.form-error-message').count()).toBeGreaterThan(0);
    await settledAndAccessible(page, 'screening uden data', { errorShown: true });
    await page.getByLabel('Kommunen fik kendskab til behovet den').fill(awareOn);
    await page.getByLabel('Screenet den').fill(isoDay(-11));
    await page.getByLabel('Børnefaglig undersøgelse (§20)').check();
    await page.getByLabel('Begrundelse').fill('Skolen beskriver tiltagende fravær og nedsmeltninger; behovet skal undersøges.');
    await submit();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expectText(page, 'Skolen beskriver tiltagende fravær');
    await settledAndAccessible(page, 'sagen med screening');

    // The screening's outcome opens the §20 investigation with the awareness date filled in.
    await page.getByRole('link', { name: 'Opret børnefaglig undersøgelse (§20)' }).click();
    await page.waitForURL(/\/measures\/new/);
    expect(await page.locator('input[name=awareOn]').inputValue()).toBe(awareOn);
    await page.locator('select[name=departmentId]').selectOption({ label: 'Børnehandicap' });
    await page.locator('textarea[name=description]').fill('Børnefaglig undersøgelse af Astas trivsel i skole og hjem');
    await page.locator('input[name=startsOn]').fill(isoDay(-10));
    await settledAndAccessible(page, 'børnefaglig undersøgelse');
    await page.getByRole('button', { name: 'Tilføj ydelse' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const investigation = (await apiGet<{ items: Array<{ kind: string; caseId: string; dueOn: string }> }>(page, '/api/worklist')).items
      .find((i) => i.caseId === caseId && i.kind === 'investigation_due');
    expect(investigation, 'the §20 clock is on the worklist').toMatchObject({ dueOn: addCalendarMonths(awareOn, 4) });

    // §5: a decision without the child's views or a reason is refused and nothing is saved; with them it is recorded,
    // and the case shows the child's age on the decision date (§3).
    await page.getByRole('link', { name: 'Registrér afgørelse' }).click();
    await page.waitForURL(/\/decisions\/new$/);
    await page.getByLabel('Afgørelsesdato').fill(isoDay(0));
    await page.getByLabel('Bevilget').check();
    await page.locator('select[name=legalBasisId]').selectOption('BL-20');
    await page.getByLabel('Begrundelse').fill('Der er grund til at antage, at Asta har behov for særlig støtte.');
    await submit();
    await expect.poll(() => page.locator('.form-error-message').count()).toBeGreaterThan(0);
    expect(await mainText(page)).toContain('Hvad barnet sagde eller viste');
    await settledAndAccessible(page, 'afgørelse uden barnets synspunkter', { errorShown: true });
    expect((await apiGet<{ decisions: unknown[] }>(page, `/api/cases/${caseId}/decisions`)).decisions, 'nothing was saved').toHaveLength(0);
    await page.locator('select[name=childViewsMethod]').selectOption('conversation');
    await page.getByLabel('Dato for barnets synspunkter').fill(isoDay(-1));
    await page.getByLabel('Hvad barnet sagde eller viste').fill('Asta vil gerne have, at nogen spørger hende, før der bliver lavet om i skolen.');
    await submit();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expectText(page, 'Barnet er 11 år på afgørelsesdatoen');
    await settledAndAccessible(page, 'sagen med afgørelse');

    // §137: a notification on the open case opens a re-assessment with someone new to the case.
    await page.getByRole('link', { name: 'Registrér underretning' }).click();
    await page.waitForURL(/\/notifications\/new$/);
    await page.getByLabel('Modtaget den').fill(isoDay(0));
    await page.locator('select[name=source]').selectOption('school');
    await page.getByLabel('Hvad underretningen handler om').fill('Skolen underretter om, at Asta ikke er mødt i fem dage.');
    await settledAndAccessible(page, 'underretning');
    await submit();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await expectText(page, 'Underretningen er registreret, og en genvurdering er oprettet.');
    await page.getByRole('link', { name: /Åbn genvurderingen/ }).first().click();
    await page.waitForURL(/\/reassessments\/[0-9a-f-]{36}$/);
    await expectText(page, 'Genvurdering efter underretning (§137)');
    await settledAndAccessible(page, 'genvurdering');
    await screenshot(page, 'barnets-lov-reassessment');
    await page.context().close();
  });

  it('the administrator\'s yearly §86/§87 amounts page', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'admin@demo.tovholder.dk');
    await page.goto(`${journey.baseUrl}/admin/yearly-amounts`);
    await expect.poll(() => heading(page)).toBe('Årlige beløb (§86 og §87)');
    await settledAndAccessible(page, 'årlige beløb');
    await page.context().close();
  });
});
