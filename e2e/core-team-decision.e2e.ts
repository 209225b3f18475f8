import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { journeyEnvironment } from './support/environment.js';
import { apiGet, apiSend, expectText, heading, isoDay, logIn, newPage, settledAndAccessible } from './support/journey.js';

/**
 * Issue 8 item 3's journey (EFEI 000:876-881): the coordinator sees on the decision form that the core team grants
 * §32 and makes a proposal; the core team votes — one agrees, one disagrees with a reason — so it goes to the
 * visitation committee; the department head decides it in the committee; the family sees the outcome and the letter
 * in the portal. axe-core checks every page.
 */
const journey = journeyEnvironment();

/** The demo's portal parent (README): Camilla Jensen, Familien Jensen, Mette Lund's EFEI case. */
const parentEmail = 'foraelder@demo.tovholder.dk';

async function jensenCase(): Promise<string> {
  const row = await journey.db.selectFrom('persons as p')
    .innerJoin('family_members as fm', (j) => j.onRef('fm.municipality_id', '=', 'p.municipality_id').onRef('fm.person_id', '=', 'p.id'))
    .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'fm.municipality_id').onRef('c.family_id', '=', 'fm.family_id'))
    .select('c.id').where('p.email', '=', parentEmail).where('c.status', '<>', 'closed').orderBy('c.case_number').executeTakeFirstOrThrow();
  return row.id;
}

async function portalLogIn(page: Page): Promise<void> {
  const count = async () => Number((await journey.db.selectFrom('outbox_messages').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'portal_login_code').where('recipient', '=', parentEmail).executeTakeFirstOrThrow()).n);
  await page.goto(`${journey.baseUrl}/portal/login`);
  await expect.poll(() => heading(page)).toBe('Log ind på familieportalen');
  const before = await count();
  await page.getByLabel('E-mail eller mobilnummer').fill(parentEmail);
  await page.getByRole('button', { name: 'Send kode' }).click();
  await page.getByLabel('Kode', { exact: true }).waitFor();
  await expect.poll(count, { timeout: 15_000 }).toBeGreaterThan(before);
  const message = await journey.db.selectFrom('outbox_messages').select('body').where('kind', '=', 'portal_login_code').where('recipient', '=', parentEmail)
    .orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  await page.getByLabel('Kode', { exact: true }).fill(/([0-9]{6})/.exec(message.body)![1]!);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL((url) => url.pathname === '/portal');
}

async function voteAs(email: string, proposalId: string, vote: 'Enig' | 'Uenig', reason?: string): Promise<void> {
  const page = await newPage(journey.browser);
  await logIn(page, journey.baseUrl, email);
  await page.goto(`${journey.baseUrl}/proposals/${proposalId}`);
  await expect.poll(() => heading(page)).toBe('Forslag: BL §32');
  await settledAndAccessible(page, `forslaget før ${email} stemmer`);
  await page.getByLabel(vote, { exact: true }).check();
  if (reason) await page.getByLabel('Hvorfor er du uenig?').fill(reason);
  await page.getByRole('button', { name: 'Afgiv stemme' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Afgiv stemme' }).count()).toBe(0);
  await settledAndAccessible(page, `forslaget efter ${email} har stemt`);
  await page.context().close();
}

describe('a core-team decision', () => {
  it('the core team votes, one disagrees, the committee decides, and the family sees the outcome in the portal', async () => {
    const caseId = await jensenCase();
    // The coordinator: Sofie Holm joins the core team, so two of the municipality's staff vote (with Lars Winther).
    const coordinator = await newPage(journey.browser);
    const errors: string[] = [];
    coordinator.on('pageerror', (e) => errors.push(e.message));
    await logIn(coordinator, journey.baseUrl, 'koordinator@demo.tovholder.dk');
    const sofie = await journey.db.selectFrom('users').select('id').where('email', '=', 'koordinator2@demo.tovholder.dk').executeTakeFirstOrThrow();
    expect((await apiSend(coordinator, 'POST', `/api/cases/${caseId}/team-members`, { userId: sofie.id })).status).toBe(200);

    // The decision form says who grants §32: the core team, so the coordinator makes a proposal.
    await coordinator.goto(`${journey.baseUrl}/cases/${caseId}/decisions/new`);
    await coordinator.locator('select[name=legalBasisId]').selectOption('BL-32');
    await expectText(coordinator, 'BL §32 bevilges af kerneteamet, enstemmigt');
    await settledAndAccessible(coordinator, 'afgørelsesformularen: hvad må jeg bevilge');
    await coordinator.getByRole('link', { name: 'Lav forslag til kerneteamet' }).click();
    await expect.poll(() => heading(coordinator)).toContain('Forslag til afgørelse');
    await settledAndAccessible(coordinator, 'forslagsformularen');
    await coordinator.locator('select[name=legalBasisId]').selectOption('BL-32');
    await coordinator.getByLabel('Begrundelse').fill('Kerneteamet foreslår en kontaktperson to eftermiddage om ugen.');
    await coordinator.getByLabel('Beløb (kr.)').fill('8000');
    await coordinator.locator('select[name=amountPeriod]').selectOption('month');
    await coordinator.locator('select[name=childViewsMethod]').selectOption('conversation');
    await coordinator.getByLabel('Dato for barnets synspunkter').fill(isoDay(-2));
    await coordinator.getByLabel('Hvad barnet sagde eller viste').fill('Jeg vil gerne have en voksen at lave lektier med.');
    await coordinator.getByRole('button', { name: 'Send forslaget' }).click();
    await coordinator.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
    const proposalId = coordinator.url().split('/').pop()!;
    await expectText(coordinator, 'Kerneteamet stemmer');
    await settledAndAccessible(coordinator, 'forslaget med stemmer');

    // The core team votes: Lars agrees, Sofie disagrees with her reason → the visitation committee.
    await voteAs('kerneteam@demo.tovholder.dk', proposalId, 'Enig');
    await voteAs('koordinator2@demo.tovholder.dk', proposalId, 'Uenig', 'Familien bør først prøve et netværksmøde med skolen.');
    await coordinator.reload();
    await expectText(coordinator, 'Hos visitationsudvalget');
    await expectText(coordinator, 'Et medlem af kerneteamet er uenigt');
    await coordinator.goto(`${journey.baseUrl}/cases/${caseId}`);
    await coordinator.waitForLoadState('networkidle');
    await expectText(coordinator, 'Forventes afgjort senest');
    await settledAndAccessible(coordinator, 'sagen med forslaget hos udvalget');

    // The department head: the committee's queue and meeting, then the decision.
    const head = await newPage(journey.browser);
    await logIn(head, journey.baseUrl, 'afdelingschef@demo.tovholder.dk');
    await head.getByRole('link', { name: 'Visitationsudvalg' }).first().click();
    await expect.poll(() => heading(head)).toBe('Visitationsudvalget');
    await settledAndAccessible(head, 'visitationsudvalgets kø');
    await head.getByRole('link', { name: /^\d{1,2}\./ }).first().click();
    await expect.poll(() => heading(head)).toContain('Udvalgsmøde');
    await settledAndAccessible(head, 'udvalgsmødets dagsorden');
    await head.goto(`${journey.baseUrl}/proposals/${proposalId}`);
    await expectText(head, 'Familien bør først prøve et netværksmøde med skolen.');
    await head.getByLabel('Bevilget', { exact: true }).check();
    await head.getByLabel('Udvalgets begrundelse').fill('Udvalget bevilger kontaktpersonen i et halvt år og følger op på netværksmødet.');
    await head.getByRole('button', { name: 'Registrér udvalgets afgørelse' }).click();
    await expectText(head, 'Bevilget');
    await settledAndAccessible(head, 'forslaget afgjort af udvalget');
    await screenshot(head, 'committee-decision');
    const decided = await apiGet<{ status: string; decision: { decidedByKind: string } }>(head, `/api/proposals/${proposalId}`);
    expect([decided.status, decided.decision.decidedByKind]).toEqual(['granted', 'visitation_committee']);

    // The family sees the outcome and the letter in the portal.
    const parent = await newPage(journey.browser);
    await portalLogIn(parent);
    await expectText(parent, 'Afgørelser');
    await expectText(parent, 'BL §32');
    await parent.getByText(/BL §32 for .* – bevilget/).first().click();
    await expectText(parent, 'Udvalget bevilger kontaktpersonen');
    await expectText(parent, 'Klagefrist');
    expect(await parent.locator('main').textContent()).not.toContain('Familien bør først prøve et netværksmøde');
    await settledAndAccessible(parent, 'familieportalen med afgørelsen');
    await screenshot(parent, 'portal-decision');
    expect(errors, 'no script errors on the coordinator\'s pages').toEqual([]);
    for (const page of [coordinator, head, parent]) await page.context().close();
  });
});
