import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { journeyEnvironment } from './support/environment.js';
import { expectText, heading, logIn, newPage, settledAndAccessible } from './support/journey.js';

/**
 * Issue 9 items 1, 2, 8: the team leader opens the leader dashboard (the demo's overdue follow-ups have produced
 * escalations), clicks an overdue figure to the cases behind it, and resolves an escalation with a note. axe-core
 * checks every view.
 */
const journey = journeyEnvironment();

describe('the leader dashboard', () => {
  it('a team leader sees the living dashboard, drills down from a figure and resolves an escalation', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'teamleder@demo.tovholder.dk');
    await page.getByRole('link', { name: /^Ledelse/ }).first().click();
    await expect.poll(() => heading(page)).toBe('Ledelsesoverblik');
    await expectText(page, 'Opfølgning til tiden');
    await expectText(page, 'Sagstal');
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(2);
    await settledAndAccessible(page, 'ledelsesoverblikket');
    await screenshot(page, 'leader-dashboard');

    await page.getByRole('link', { name: /Opfølgninger over tid nu$/ }).first().click();
    await expect.poll(() => heading(page)).toBe('Opfølgninger over tid');
    expect(await page.getByRole('row').count()).toBeGreaterThan(1);
    await settledAndAccessible(page, 'sagerne bag et tal');

    await page.goto(`${journey.baseUrl}/leader/escalations`);
    await expect.poll(() => heading(page)).toBe('Eskaleringer');
    await settledAndAccessible(page, 'eskaleringerne');
    const before = await page.getByRole('button', { name: /^Luk eskalering/ }).count();
    expect(before).toBeGreaterThan(0);
    await page.getByRole('button', { name: /^Luk eskalering/ }).first().click();
    await expect.poll(() => page.locator('[role="alert"], .alert-error').count()).toBeGreaterThan(0);
    await page.getByLabel('Note').first().fill('Talt med rådgiveren; opfølgning aftalt i næste uge.');
    await page.getByRole('button', { name: /^Luk eskalering/ }).first().click();
    await expect.poll(() => page.getByRole('button', { name: /^Luk eskalering/ }).count()).toBe(before - 1);
    await expectText(page, 'Talt med rådgiveren; opfølgning aftalt i næste uge.');
    await page.context().close();
  });

  it('a coordinator has no leader menu and is refused the dashboard', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'koordinator@demo.tovholder.dk');
    expect(await page.getByRole('link', { name: /^Ledelse/ }).count()).toBe(0);
    await page.goto(`${journey.baseUrl}/leader`);
    await expect.poll(() => heading(page)).toBe('Ledelsesoverblik');
    await expect.poll(() => page.locator('.alert-error').count()).toBeGreaterThan(0);
    await page.context().close();
  });
});
