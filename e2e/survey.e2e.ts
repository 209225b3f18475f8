import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { journeyEnvironment } from './support/environment.js';
import { apiSend, expectText, heading, logIn, newPage, settledAndAccessible } from './support/journey.js';

/**
 * Issue 10's journey: the demo parent answers the parent survey in the family portal ("ved ikke" on one item); the
 * team leader sees the wave's response rate go up and the theme chart from the demo responses, and the waves and
 * instruments pages; a parent answers by the one-time link without logging in; a coordinator opens the staff survey
 * page. axe-core checks every page.
 */
const journey = journeyEnvironment();

const parentEmail = 'foraelder@demo.tovholder.dk';

async function codesSent(address: string): Promise<number> {
  const row = await journey.db.selectFrom('outbox_messages').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'portal_login_code').where('recipient', '=', address).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function portalLogIn(page: Page, address: string): Promise<void> {
  await page.goto(`${journey.baseUrl}/portal/login`);
  await expect.poll(() => heading(page)).toBe('Log ind på familieportalen');
  const before = await codesSent(address);
  await page.getByLabel('E-mail eller mobilnummer').fill(address);
  await page.getByRole('button', { name: 'Send kode' }).click();
  await page.getByLabel('Kode', { exact: true }).waitFor();
  await expect.poll(() => codesSent(address), { timeout: 15_000 }).toBeGreaterThan(before);
  const message = await journey.db.selectFrom('outbox_messages').select('body').where('kind', '=', 'portal_login_code').where('recipient', '=', address)
    .orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  await page.getByLabel('Kode', { exact: true }).fill(/([0-9]{6})/.exec(message.body)![1]!);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL((url) => url.pathname === '/portal');
}

/** The end wave of the demo parent's model (EFEI) and its answer count, read from the database. */
async function endWave(): Promise<{ id: string; responded: number }> {
  const wave = await journey.db.selectFrom('survey_waves').select('id').where('instrument', '=', 'parent').where('model', '=', 'efei').where('phase', '=', 'end')
    .executeTakeFirstOrThrow();
  const row = await journey.db.selectFrom('survey_invitations').select((eb) => eb.fn.countAll<number>().as('n')).where('wave_id', '=', wave.id).where('responded', '=', true)
    .executeTakeFirstOrThrow();
  return { id: wave.id, responded: Number(row.n) };
}

describe('surveys (issue 10)', () => {
  let respondedBefore = 0;

  it('the demo parent answers the survey in the family portal', async () => {
    respondedBefore = (await endWave()).responded;
    const page = await newPage(journey.browser);
    await portalLogIn(page, parentEmail);
    // The portal's front page shows a card while the family has a survey to answer.
    await page.getByRole('link', { name: 'Besvar spørgeskemaet' }).click();
    await expect.poll(() => heading(page)).toBe('Spørgeskema om samarbejdet med kommunen');
    await settledAndAccessible(page, 'portal survey list');
    await page.getByRole('link', { name: /^Besvar Forældreundersøgelsen/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Sammenhæng' }).waitFor();
    await settledAndAccessible(page, 'portal survey form');
    const first = page.getByRole('group', { name: /^1\. I hvilken grad oplever du, at du er velinformeret/ });
    await first.getByLabel('Ved ikke').check();
    await page.getByRole('group', { name: /^2\. I hvilken grad oplever du, at mødet med fagpersoner/ }).getByLabel('5 – i høj grad').check();
    await page.getByRole('group', { name: /^3\. I hvilken grad oplever du, at de forskellige former for støtte/ }).getByLabel('6 – i meget høj grad').check();
    await page.getByRole('button', { name: 'Send svar' }).click();
    await expectText(page, 'Tak for dine svar. De er gemt anonymt.');
    await settledAndAccessible(page, 'portal survey answered');
    await screenshot(page, 'survey-portal-answered');
    expect((await endWave()).responded).toBe(respondedBefore + 1);
    await page.context().close();
  });

  it("the team leader sees the wave's response rate and the theme chart, and the waves and instruments pages", async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'teamleder@demo.tovholder.dk');
    await page.getByRole('link', { name: 'Evaluering', exact: true }).click();
    await expect.poll(() => heading(page)).toBe('Evaluering: resultater');
    const series = page.getByLabel('Serie');
    const option = await series.locator('option', { hasText: /^Forældreundersøgelsen – EFEI/ }).getAttribute('value');
    await series.selectOption(option!);
    const invited = await journey.db.selectFrom('survey_invitations').select((eb) => eb.fn.countAll<number>().as('n')).where('wave_id', '=', (await endWave()).id).executeTakeFirstOrThrow();
    await expectText(page, `Slutmåling: ${respondedBefore + 1} af ${Number(invited.n)} har svaret`);
    await page.locator('svg[role="img"] title', { hasText: 'Gennemsnitlig vurdering af temaerne (EFEI)' }).waitFor({ state: 'attached' });
    await expectText(page, 'Temaernes gennemsnit pr. måling');
    await expectText(page, 'Landstal');
    await settledAndAccessible(page, 'survey results');
    await screenshot(page, 'survey-results');
    await page.getByRole('link', { name: 'Målinger og svarprocent' }).first().click();
    await expect.poll(() => heading(page)).toBe('Målinger og svarprocent');
    await settledAndAccessible(page, 'survey waves');
    await page.getByRole('link', { name: 'Spørgsmål og skala', exact: true }).first().click();
    await expect.poll(() => heading(page)).toBe('Spørgsmål og skala');
    await expectText(page, 'Udledt – ikke trykt i rapporten');
    await settledAndAccessible(page, 'survey instruments');
    // Issue 10 item 1: the municipality adds its own question as a new version; released items keep their text.
    await page.getByLabel('Nøgle (små bogstaver, tal og _)').fill('e2e_egen');
    await page.getByLabel('Spørgsmål på dansk').fill('Vi ved, hvem vi skal ringe til.');
    await page.getByLabel('Spørgsmål på engelsk').fill('We know whom to call.');
    await page.getByLabel('Hvorfor tilføjes spørgsmålet?').fill('Kommunens eget spørgsmål (e2e)');
    await page.getByRole('button', { name: 'Udgiv ny version' }).click();
    await expectText(page, 'er udgivet.');
    await expectText(page, 'Vi ved, hvem vi skal ringe til.');
    await settledAndAccessible(page, 'survey instruments, own item added');
    // A new wave for SOF, invited: the parents with an e-mail address get a one-time link.
    const created = await apiSend(page, 'POST', '/api/surveys/waves', { instrument: 'parent', model: 'sof', series: 'E2E', phase: 'baseline', opensOn: '2020-01-01' });
    expect(created.status).toBe(201);
    const wave = await journey.db.selectFrom('survey_waves').select('id').where('series', '=', 'E2E').executeTakeFirstOrThrow();
    expect((await apiSend(page, 'POST', `/api/surveys/waves/${wave.id}/invitations`, {})).status).toBe(200);
    await page.context().close();
  });

  it('a parent answers by the one-time link without logging in; the link then says it is answered', async () => {
    const message = await journey.db.selectFrom('outbox_messages').select('body').where('dedupe_key', 'like', 'survey-invite:%').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    const path = /\/survey\/[A-Za-z0-9_-]{43}\.[0-9a-f-]{36}/.exec(message.body)![0];
    const page = await newPage(journey.browser);
    await page.goto(`${journey.baseUrl}${path}`);
    await page.getByRole('heading', { level: 2, name: 'Sammenhæng' }).waitFor();
    await settledAndAccessible(page, 'one-time link form');
    await page.getByRole('group', { name: /^1\. / }).getByLabel('4 – i nogen grad').check();
    await page.getByRole('button', { name: 'Send svar' }).click();
    await expectText(page, 'Tak for dine svar');
    await page.reload();
    await expectText(page, 'Tak for dine svar');
    await settledAndAccessible(page, 'one-time link answered');
    await page.context().close();
  });

  it('a coordinator opens the staff survey page', async () => {
    const page = await newPage(journey.browser);
    await logIn(page, journey.baseUrl, 'koordinator@demo.tovholder.dk');
    await page.goto(`${journey.baseUrl}/surveys/answer`);
    await expect.poll(() => heading(page)).toBe('Mine spørgeskemaer');
    await settledAndAccessible(page, 'staff surveys');
    await page.context().close();
  });
});
