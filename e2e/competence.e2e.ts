import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser.js';
import { expectText, heading, logIn, newPage, settledAndAccessible } from './support/journey.js';
import { startServer } from './support/server.js';

/**
 * Issue 8 item 1: the decision-competence plan is published to every staff member ("what may I decide?") and edited
 * by leaders as a new version. axe-core checks both views.
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

describe('the decision-competence plan', () => {
  it('a caseworker reads who may grant what; the department head also gets the editor', async () => {
    const page = await newPage(browser);
    await logIn(page, server.url, 'raadgiver@demo.tovholder.dk');
    await page.getByRole('link', { name: 'Kompetenceplan' }).first().click();
    await expect.poll(() => heading(page)).toBe('Hvem må bevilge hvad?');
    await expectText(page, 'Gældende kompetenceplan');
    await expectText(page, 'Historik');
    expect(await page.getByRole('heading', { name: 'Ret kompetenceplanen' }).count(), 'no editor for a caseworker').toBe(0);
    await settledAndAccessible(page, 'kompetenceplanen (læsning)');
    await page.context().close();

    const leader = await newPage(browser);
    await logIn(leader, server.url, 'afdelingschef@demo.tovholder.dk');
    await leader.goto(`${server.url}/competence-plan`);
    await expect.poll(() => heading(leader)).toBe('Hvem må bevilge hvad?');
    await expect.poll(() => leader.getByRole('heading', { name: 'Ret kompetenceplanen' }).count()).toBe(1);
    await settledAndAccessible(leader, 'kompetenceplanen (redigering)');
    await screenshot(leader, 'competence-plan');
    await leader.context().close();
  });
});
