import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { journeyEnvironment } from './support/environment.js';
import { expectText, heading, logIn, newPage, settledAndAccessible } from './support/journey.js';

/**
 * Issue 8 item 1: the decision-competence plan is published to every staff member ("what may I decide?") and edited
 * by leaders as a new version. axe-core checks both views.
 */
const journey = journeyEnvironment();

describe('the decision-competence plan', () => {
  it('a caseworker reads who may grant what; the department head also gets the editor', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'raadgiver@demo.tovholder.dk');
    await page.getByRole('link', { name: 'Kompetenceplan' }).first().click();
    await expect.poll(() => heading(page)).toBe('Hvem må bevilge hvad?');
    await expectText(page, 'Gældende kompetenceplan');
    await expectText(page, 'Historik');
    expect(await page.getByRole('heading', { name: 'Ret kompetenceplanen' }).count(), 'no editor for a caseworker').toBe(0);
    await settledAndAccessible(page, 'kompetenceplanen (læsning)');
    await page.context().close();

    const leader = await newPage(journey.browser);
    await logIn(leader, journey.baseUrl, 'afdelingschef@demo.tovholder.dk');
    await leader.goto(`${journey.baseUrl}/competence-plan`);
    await expect.poll(() => heading(leader)).toBe('Hvem må bevilge hvad?');
    await expect.poll(() => leader.getByRole('heading', { name: 'Ret kompetenceplanen' }).count()).toBe(1);
    await settledAndAccessible(leader, 'kompetenceplanen (redigering)');
    await screenshot(leader, 'competence-plan');
    await leader.context().close();
  });
});
