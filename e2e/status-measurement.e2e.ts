import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { journeyEnvironment } from './support/environment.js';
import { expectText, heading, logIn, newPage, settledAndAccessible } from './support/journey.js';

/**
 * Issue 9 item 7 = issue 10 item 6: a coordinator rates one of her cases' core elements for this quarter; the team
 * leader sees the department's results with the lowest element highlighted, next to the national evaluation's
 * levels. axe-core checks every page.
 */
const journey = journeyEnvironment();

describe('fidelity status measurements', () => {
  it('a coordinator rates a case; the team leader sees the results with the lowest element highlighted', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'koordinator@demo.tovholder.dk');
    await page.getByRole('link', { name: 'Statusmålinger' }).first().click();
    await expect.poll(() => heading(page)).toBe('Statusmålinger af kerneelementerne');
    await expectText(page, /Dine sager til måling i \d\. kvt\. \d{4}/);
    await settledAndAccessible(page, 'statusmålinger (rådgiver)');
    expect(await page.getByRole('heading', { name: /Resultater for/ }).count(), 'no results for a coordinator').toBe(0);

    await page.getByRole('link', { name: /^Sag \d{4}-\d{5} \(/ }).first().click();
    await expect.poll(() => heading(page)).toBe('Statusmåling af kerneelementerne');
    await expectText(page, 'Kerneelement 1: Inddragelse af familien');
    await settledAndAccessible(page, 'statusmåling af en sag');

    // Submitting with one question unanswered names it and writes nothing.
    const radios = page.locator('input[type="radio"][value="5"]');
    const count = await radios.count();
    expect(count).toBeGreaterThanOrEqual(8);
    for (let i = 1; i < count; i++) await radios.nth(i).check();
    await page.getByRole('button', { name: 'Gem statusmåling' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Der er fejl i formularen' }).count()).toBe(1);
    await settledAndAccessible(page, 'statusmåling med fejl', { errorShown: true });

    await radios.nth(0).check();
    await page.getByRole('button', { name: 'Gem statusmåling' }).click();
    await expectText(page, 'Statusmålingen er gemt.');
    await expectText(page, 'Dine målinger af sagen');
    await expect.poll(() => page.getByRole('button', { name: 'Gem ændringer' }).count()).toBe(1);
    await settledAndAccessible(page, 'statusmåling gemt');
    await screenshot(page, 'status-measurement-case');
    const caseUrl = page.url();
    await page.context().close();

    const leader = await newPage(journey.browser);
    await logIn(leader, journey.baseUrl, 'teamleder@demo.tovholder.dk');
    await leader.goto(`${journey.baseUrl}/status-measurements`);
    await expect.poll(() => leader.getByRole('heading', { name: /Resultater for Børnehandicap/ }).count()).toBe(1);
    await expect.poll(() => leader.getByRole('img', { name: /Udvikling pr\. kerneelement, Én familie – én indgang/ }).count()).toBe(1);
    await expectText(leader, /Laveste kerneelement i \d\. kvt\. \d{4}/);
    expect(await leader.getByTestId('lowest-efei').innerText()).toContain('Fælles finansiering');
    await expectText(leader, 'Den nationale evaluering (Rambøll, slutevaluering 2022)');
    await expectText(leader, '004:1971, 004:1947-1948');
    await settledAndAccessible(leader, 'statusmålinger (leder)');
    await screenshot(leader, 'status-measurements');

    // A leader of the case's department may add another staff member as rater.
    await leader.goto(caseUrl);
    await expect.poll(() => heading(leader)).toBe('Statusmåling af kerneelementerne');
    await expect.poll(() => leader.getByRole('heading', { name: 'Tilføj en medarbejder, der vurderer sagen' }).count()).toBe(1);
    await leader.getByLabel('Medarbejder').selectOption({ label: 'Lars Winther (PPR)' });
    await leader.getByRole('button', { name: 'Tilføj', exact: true }).click();
    await expectText(leader, 'Medarbejderen er tilføjet og kan nu udfylde målingen.');
    await expect.poll(() => leader.getByRole('row', { name: /Lars Winther Tilføjet af leder/ }).count()).toBe(1);
    await settledAndAccessible(leader, 'statusmåling (leder tilføjer vurderer)');
    await leader.context().close();
  });
});
