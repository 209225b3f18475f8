import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { journeyEnvironment } from './support/environment.js';
import { expectText, heading, logIn, newPage, settledAndAccessible } from './support/journey.js';

/**
 * Issue 8 items 4-6: the controller lands on the cost reports, opens the expense analysis, a family's costs and a
 * measure's split (read-only); the department head gets the split editor. axe-core checks every page.
 */
const journey = journeyEnvironment();

describe('costs and shared financing', () => {
  it('controller: reports, expense analysis, family costs and a split; department head: the split editor', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'controller@demo.tovholder.dk');
    await page.goto(`${journey.baseUrl}/reports/costs`);
    await expect.poll(() => heading(page)).toBe('Udgifter');
    await expectText(page, 'I alt');
    await settledAndAccessible(page, 'udgifter pr. afdeling');
    await page.getByLabel('Opdel efter').selectOption('family');
    await page.getByRole('button', { name: 'Vis' }).click();
    await expectText(page, 'Udgifter pr. Familie');
    await page.getByRole('link', { name: 'Udgiftsanalyse' }).first().click();
    await expect.poll(() => heading(page)).toBe('Udgiftsanalyse');
    await expectText(page, 'Før og efter');
    await settledAndAccessible(page, 'udgiftsanalysen');
    await screenshot(page, 'expense-analysis');

    await page.goto(`${journey.baseUrl}/reports/costs`);
    await page.getByLabel('Opdel efter').selectOption('family');
    await page.getByRole('button', { name: 'Vis' }).click();
    await page.locator('table a[href^="/families/"]').first().click();
    await expectText(page, 'Det bruger vi sammen på familien');
    await settledAndAccessible(page, 'familiens udgifter (controller)');
    // The first family of the report may have only manual postings (the coordinator's salary share, no measure): go on
    // with a family whose costs come from a granted measure, so its split can be opened from the family page.
    const costed = await journey.db.selectFrom('cost_postings as p').innerJoin('cases as c', 'c.id', 'p.case_id')
      .select('c.family_id').where('p.source', '=', 'decision').where('p.measure_id', 'is not', null).orderBy('c.family_id').executeTakeFirstOrThrow();
    await page.goto(`${journey.baseUrl}/families/${costed.family_id}`);
    await expectText(page, 'Det bruger vi sammen på familien');
    await page.locator('section[aria-labelledby="family-costs"] a[href^="/measures/"]').first().click();
    await expect.poll(() => heading(page)).toMatch(/^Fælles finansiering/);
    const financingUrl = page.url();
    expect(await page.getByRole('heading', { name: 'Ret fordelingen' }).count(), 'no editor for a controller').toBe(0);
    await settledAndAccessible(page, 'finansiering (controller)');
    await page.context().close();

    const leader = await newPage(journey.browser);
    await logIn(leader, journey.baseUrl, 'afdelingschef@demo.tovholder.dk');
    await leader.goto(financingUrl);
    await expect.poll(() => heading(leader)).toMatch(/^Fælles finansiering/);
    await expect.poll(() => leader.getByRole('heading', { name: 'Ret fordelingen' }).count()).toBe(1);
    await settledAndAccessible(leader, 'finansiering (afdelingschef)');
    await screenshot(leader, 'measure-financing');
    await leader.context().close();
  });
});
