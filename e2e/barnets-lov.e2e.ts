import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarMonths, addDays } from '../src/modules/cadence/rules.js';
import { launchBrowser, screenshot } from './support/browser.js';
import { apiGet, createFamilyWithCase, danishDate, expectText, heading, isoDay, logIn, newPage, settledAndAccessible } from './support/journey.js';
import { startServer } from './support/server.js';

/**
 * Issue 7's journey: the SOF caseworker (raadgiver@, Jonas Berg) records a support measure under Barnets Lov §32 for a
 * case opened three months ago. Without purpose and expected duration it is refused, naming §32 stk. 2; with them, the
 * custody holder's consent and the decision to make barnets plan, the worklist shows the 6-week follow-up (the SOF
 * cadence decides by category, so a Barnets Lov support measure counts like SEL §52: 001:765-767, current-law.md) and
 * barnets plan's deadline three months after the decision (§91). axe-core checks every page.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Worklist { items: Array<{ kind: string; bucket: string; dueOn: string; caseId: string; detail: string | null; familyName: string; childName: string }> }

const suffix = Date.now().toString(36);

describe('a Barnets Lov §32 support measure', () => {
  it('is refused without purpose and duration, then puts the 6-week follow-up and the barnets plan deadline on the worklist', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, 'raadgiver@demo.tovholder.dk');
    const openedOn = isoDay(-95);
    const familyName = `Familien Kragh ${suffix}`;
    const { caseId } = await createFamilyWithCase(page, server.url, {
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
    expect(await heading(page)).toBe('Min arbejdsliste');
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
});
