import { describe, expect, it } from 'vitest';
import { addCalendarMonths, addDays } from '../src/platform/clock/dates.js';
import { screenshot } from './support/browser.js';
import { journeyEnvironment } from './support/environment.js';
import { apiGet, danishDate, expectText, heading, isoDay, logIn, mainText, newPage, settledAndAccessible } from './support/journey.js';

/**
 * Issue 4's journey: the SOF caseworker (raadgiver@, Jonas Berg) opens the worklist, completes an overdue follow-up and
 * sees it move to its next due date (6 weeks or 3 months from today, 001:753-771), then opens the family's årshjul:
 * an SVG wheel with its month-by-month text version (001:851-884). axe-core checks every page.
 */
const journey = journeyEnvironment();

interface Worklist { today: string; items: Array<{ kind: string; bucket: string; dueOn: string; familyName: string; childName: string; caseId: string; familyId: string }> }
interface FollowUps { cadence: { cadence: string; dueOn: string | null; bucket: string | null; countsFrom: string | null } }

describe('the caseworker\'s worklist', () => {
  it('completes an overdue follow-up, sees it move to its next due date, and shows the årshjul', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'raadgiver@demo.tovholder.dk');
    await page.getByRole('link', { name: 'Arbejdsliste' }).first().click();
    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('Min arbejdsliste');
    await settledAndAccessible(page, 'arbejdslisten');

    // The demo data has overdue, due-this-week and on-time families (src/demo/seed.ts).
    const before = await apiGet<Worklist>(page, '/api/worklist');
    const overdue = before.items.filter((i) => i.kind === 'follow_up_due' && i.bucket === 'overdue');
    expect(overdue.length, 'overdue follow-ups in the demo data').toBeGreaterThanOrEqual(2);
    expect(before.items.some((i) => i.kind === 'follow_up_due' && i.bucket === 'this_week'), 'a follow-up due this week').toBe(true);
    expect(before.items.some((i) => i.kind === 'transition_not_started'), 'a child approaching 18 without a started transition').toBe(true);
    expect(before.items.some((i) => i.kind === 'contact_too_much'), 'a family that prefers space and got too much contact').toBe(true);

    // The overdue group lists the follow-up; one click from the item to doing it.
    const item = overdue[0]!;
    const overdueGroup = page.locator('section', { has: page.getByRole('heading', { level: 2, name: /Forfaldne/ }) });
    await expect.poll(async () => (await overdueGroup.textContent()) ?? '').toContain(item.familyName);
    const doIt = overdueGroup.locator('a', { hasText: `Registrér opfølgning: ${item.familyName}, ${item.childName}` });
    await doIt.click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}\/follow-ups\/new$/);
    await expect.poll(() => heading(page)).toContain(`Opfølgning: ${item.childName}`);
    await expectText(page, '(forfalden)');
    await expectText(page, danishDate(item.dueOn));
    await settledAndAccessible(page, 'registrér opfølgning');

    const cadence = (await apiGet<FollowUps>(page, `/api/cases/${item.caseId}/follow-ups`)).cadence;
    const today = isoDay();
    const expectedNext = cadence.cadence === 'three_months' ? addCalendarMonths(today, 3) : addDays(today, 42);
    expect(['six_weeks', 'three_months']).toContain(cadence.cadence);

    // A missing form and summary are named; nothing is saved.
    await page.getByRole('button', { name: 'Registrér opfølgning' }).click();
    await expect.poll(() => page.locator('.form-error-message').count()).toBeGreaterThan(0);
    await settledAndAccessible(page, 'opfølgning med fejl', { errorShown: true });
    await page.getByLabel('Telefon', { exact: true }).check();
    await page.getByLabel('Resumé', { exact: true }).fill('Telefonopfølgning med mor: kørslen fungerer, og pauserummet bruges hver dag.');
    await page.getByLabel('Aftaler, der blev fulgt op på').fill('Pauserum og kørsel til aflastning.');
    await page.getByRole('button', { name: 'Registrér opfølgning' }).click();

    // Back on the worklist: the flash names the next due date, and the family is no longer overdue.
    await page.waitForURL(/\/worklist$/);
    await expectText(page, `Opfølgningen er registreret. Næste opfølgning: ${danishDate(expectedNext)}.`);
    await expect.poll(() => overdueGroup.locator('a', { hasText: `Registrér opfølgning: ${item.familyName}, ${item.childName}` }).count()).toBe(0);
    const after = await apiGet<Worklist>(page, '/api/worklist');
    expect(after.items.some((i) => i.kind === 'follow_up_due' && i.caseId === item.caseId), 'the follow-up left the worklist').toBe(false);
    await settledAndAccessible(page, 'arbejdslisten efter opfølgning');

    // The case's follow-up page counts from today's follow-up to the next due date.
    await page.goto(`${journey.baseUrl}/cases/${item.caseId}/follow-ups/new`);
    await heading(page);
    await expectText(page, `seneste opfølgning ${danishDate(today)}`);
    await expectText(page, danishDate(expectedNext));
    expect(await mainText(page)).not.toContain('(forfalden)');
    expect(await mainText(page)).toContain('Telefonopfølgning med mor');
    const now = (await apiGet<FollowUps>(page, `/api/cases/${item.caseId}/follow-ups`)).cadence;
    expect(now).toMatchObject({ dueOn: expectedNext, countsFrom: today, bucket: 'later' });
    await settledAndAccessible(page, 'opfølgningssiden efter opfølgning');

    // The family's årshjul: an SVG wheel of 12 months and its text version, month by month.
    await page.getByRole('link', { name: 'Familiens årshjul' }).click();
    await page.waitForURL(/\/families\/[0-9a-f-]{36}\/annual-wheel$/);
    await expect.poll(() => heading(page)).toContain(`Årshjul ${today.slice(0, 4)}: Familien`);
    await settledAndAccessible(page, 'årshjulet');
    const svg = page.locator('main svg.annual-wheel-svg');
    await svg.waitFor();
    expect(await svg.getAttribute('role')).toBe('img');
    expect(await svg.locator('path').count(), 'twelve month fields').toBeGreaterThanOrEqual(12);
    const months = ['Januar', 'Februar', 'Marts', 'April', 'Maj', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'December'];
    for (const month of months) {
      await expect.poll(() => page.getByRole('heading', { name: month, exact: true }).count(), { message: `the text version lists ${month}` }).toBeGreaterThan(0);
    }
    // The next follow-up is placed in its month, computed from the cadence.
    const nextMonth = months[Number(expectedNext.slice(5, 7)) - 1]!;
    if (expectedNext.slice(0, 4) === today.slice(0, 4)) {
      const monthSection = page.locator('section.annual-wheel-month', { has: page.getByRole('heading', { name: nextMonth, exact: true }) });
      await expect.poll(async () => (await monthSection.last().textContent()) ?? '').toContain('Opfølgning');
    }
    await screenshot(page, 'worklist-annual-wheel');

    // A family with planned activities: the demo's wheel shows them in the text version.
    const wheelFamily = before.items.find((i) => i.kind === 'transition_not_started')!;
    await page.goto(`${journey.baseUrl}/families/${wheelFamily.familyId}/annual-wheel`);
    await heading(page);
    await expectText(page, 'Netværksmøde med skole og aflastning');
    await expectText(page, 'Første møde med Voksenhandicap om overgangen');
    await settledAndAccessible(page, 'årshjul med planlagte aktiviteter');
    await screenshot(page, 'annual-wheel-planned');
    await page.context().close();
  });
});
