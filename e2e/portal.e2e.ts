import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/browser.js';
import { journeyEnvironment } from './support/environment.js';
import { danishDateTimeAgo, e2eNow } from './support/time.js';
import { apiGet, apiSend, closeMeeting, expectText, heading, isoDay, logIn, planMeeting, settledAndAccessible } from './support/journey.js';

/**
 * Issue 5's journeys (the family portal): a parent logs in with a one-time code read from the outbox — by keyboard
 * only, at 360 px — and sees the contact person and the plan; the family prepares a meeting that the coordinator
 * then sees, and answers the questions after it, which the coordinator sees the next day; a partner with consent
 * sees only their part and loses it when the family withdraws the consent; parent A gets nothing of family B through
 * any portal endpoint. axe-core checks every portal and partner page; screenshots at 360 px in test-results/e2e.
 */
const journey = journeyEnvironment();

/** The demo's portal parent (README): Camilla Jensen, parent with custody in Familien Jensen, Mette Lund's EFEI case. */
const parentEmail = 'foraelder@demo.tovholder.dk';
const mobileWidth = 360;

async function mobileContext(): Promise<BrowserContext> {
  return journey.browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen', viewport: { width: mobileWidth, height: 760 } });
}

async function desktopPage(): Promise<Page> {
  const context = await journey.browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
  return context.newPage();
}

// ── the demo data, read from the server's database (ids only; what the users see is read from the pages) ──────────

interface DemoFamily {
  familyId: string; familyName: string; caseId: string;
  members: Array<{ id: string; firstName: string; lastName: string; relation: string; cpr: string | null; email: string | null }>;
}

async function familyOfParent(email: string): Promise<DemoFamily> {
  const db = journey.db;
  const parent = await db.selectFrom('persons as p')
    .innerJoin('family_members as fm', (j) => j.onRef('fm.municipality_id', '=', 'p.municipality_id').onRef('fm.person_id', '=', 'p.id'))
    .innerJoin('families as f', (j) => j.onRef('f.municipality_id', '=', 'fm.municipality_id').onRef('f.id', '=', 'fm.family_id'))
    .select(['f.id', 'f.name']).where('p.email', '=', email).executeTakeFirstOrThrow();
  const members = await db.selectFrom('family_members as fm')
    .innerJoin('persons as p', (j) => j.onRef('p.municipality_id', '=', 'fm.municipality_id').onRef('p.id', '=', 'fm.person_id'))
    .select(['p.id', 'p.first_name', 'p.last_name', 'fm.relation', 'p.cpr', 'p.email']).where('fm.family_id', '=', parent.id).execute();
  const theCase = await db.selectFrom('cases').select('id').where('family_id', '=', parent.id).where('status', '<>', 'closed').orderBy('case_number').executeTakeFirstOrThrow();
  return {
    familyId: parent.id, familyName: parent.name, caseId: theCase.id,
    members: members.map((m) => ({ id: m.id, firstName: m.first_name, lastName: m.last_name, relation: m.relation, cpr: m.cpr, email: m.email })),
  };
}

// ── logging in to the portal with the code from the outbox ──────────────────────────────────────────────────────

/** The number of login codes the outbox holds for the address: the next code is the one after these. */
async function codesSent(address: string): Promise<number> {
  const row = await journey.db.selectFrom('outbox_messages').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'portal_login_code').where('recipient', '=', address).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The one-time code as the parent receives it: the newest portal_login_code message to the address in the outbox
 * (the e-mail the outbox worker sends), once there are more than `before`. Not the demo hint on the page.
 */
async function codeFromOutbox(address: string, before: number): Promise<string> {
  await expect.poll(() => codesSent(address), { timeout: 15_000, message: `a code message to ${address} in the outbox` }).toBeGreaterThan(before);
  const message = await journey.db.selectFrom('outbox_messages').select(['body', 'channel'])
    .where('kind', '=', 'portal_login_code').where('recipient', '=', address).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  expect(message.channel).toBe('email');
  const code = /familieportal er ([0-9]{6})\./.exec(message.body)?.[1];
  expect(code, 'the e-mail carries a 6-digit code').toMatch(/^[0-9]{6}$/);
  return code!;
}

/** Portal login with the pointer (journey 1 does it by keyboard): address → Send kode → code from the outbox → Log ind. */
async function portalLogIn(page: Page, address: string): Promise<void> {
  await page.goto(`${journey.baseUrl}/portal/login`);
  await expect.poll(() => heading(page)).toBe('Log ind på familieportalen');
  const before = await codesSent(address);
  await page.getByLabel('E-mail eller mobilnummer').fill(address);
  await page.getByRole('button', { name: 'Send kode' }).click();
  await page.getByLabel('Kode', { exact: true }).waitFor();
  await page.getByLabel('Kode', { exact: true }).fill(await codeFromOutbox(address, before));
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL((url) => url.pathname === '/portal');
  await expect.poll(() => heading(page)).toContain('Min familie');
}

/** A request as the portal parent, from the page (the portal cookie, and its CSRF token on writes). */
async function portalFetch(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return page.evaluate(async ({ method, path, body }) => {
    const headers: Record<string, string> = {};
    if (method !== 'GET') {
      const me = await (await fetch('/api/portal/me', { credentials: 'same-origin' })).json();
      headers['x-csrf-token'] = me.csrfToken;
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(path, { method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, text: await response.text() };
  }, { method, path, body });
}

// ── keyboard and small screens ──────────────────────────────────────────────────────────────────────────────────

/** Presses Tab until the element has focus (it is reachable by keyboard), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  const handle = await target.elementHandle();
  expect(handle, 'the element to tab to exists').not.toBeNull();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await handle!.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`not reachable with ${max} presses of Tab: ${target.toString()}`);
}

/** Tab to a field and type into it. */
async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

/** Follows a link by keyboard: Tab to it, Enter, and wait for the address. */
async function followLink(page: Page, link: Locator, url: RegExp | string): Promise<void> {
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await page.waitForURL(typeof url === 'string' ? (u) => u.pathname === url : url);
}

/** axe-core, no horizontal scrolling at 360 px, and a full-page screenshot. */
async function checkMobilePage(page: Page, label: string, shot: string): Promise<void> {
  await settledAndAccessible(page, label);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${label}: no horizontal scrolling at ${mobileWidth} px`).toBeLessThanOrEqual(mobileWidth);
  await screenshot(page, `portal-360-${shot}`);
}

const card = (page: Page, id: string) => page.locator(`section[aria-labelledby=${id}]`);

describe('the family portal', () => {
  it('a parent logs in by keyboard with the code from the outbox at 360 px, sees the contact person and the plan, and uses every portal page', async () => {
    const family = await familyOfParent(parentEmail);
    const child = family.members.find((m) => m.relation === 'child')!;
    const context = await mobileContext();
    const page = await context.newPage();

    // Log in by keyboard only: Tab to the field, type, Enter; the code comes from the outbox (the e-mail).
    await page.goto(`${journey.baseUrl}/portal/login`);
    await expect.poll(() => heading(page)).toBe('Log ind på familieportalen');
    await checkMobilePage(page, 'familieportalens log ind', 'login');
    const before = await codesSent(parentEmail);
    await tabTo(page, page.getByLabel('E-mail eller mobilnummer'));
    await page.keyboard.type(parentEmail);
    await page.keyboard.press('Enter');
    const codeField = page.getByLabel('Kode', { exact: true });
    await codeField.waitFor();
    const code = await codeFromOutbox(parentEmail, before);
    await expectText(page, 'Hvis adressen er registreret hos kommunen, har vi sendt en kode med e-mail.');
    await checkMobilePage(page, 'familieportalens kode', 'login-code');
    await tabTo(page, codeField);
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/portal');
    await expect.poll(() => heading(page)).toContain('Min familie');
    // The heading names the family once the family's data has loaded (it reads "Min familie" until then).
    await expect.poll(() => heading(page)).toContain(family.familyName);

    // The contact person (the family coordinator, with how to reach her) and the plan.
    const contact = card(page, 'portal-contact');
    await expect.poll(async () => (await contact.textContent()) ?? '', { timeout: 15_000 }).toContain('Mette Lund');
    const contactText = (await contact.textContent()) ?? '';
    expect(contactText).toContain('Familiekoordinator');
    expect(contactText).toContain(`kontaktperson for ${child.firstName}`);
    expect(contactText).toContain('Træffes');
    const plan = card(page, 'portal-plan');
    await expect.poll(async () => (await plan.textContent()) ?? '', { timeout: 15_000 }).toMatch(/I aftalte planen den|Planen er ikke aftalt med jer endnu/);
    expect(await plan.locator('ol.portal-goals > li').count(), 'the plan shows its shared goals').toBeGreaterThan(0);
    await checkMobilePage(page, 'familieportalen', 'overview');

    // Minutes the municipality shared.
    await followLink(page, card(page, 'portal-minutes').getByRole('link').first(), /\/portal\/minutes\/[0-9a-f-]{36}$/);
    await expect.poll(() => heading(page)).toContain('Referat');
    await checkMobilePage(page, 'referat i familieportalen', 'minutes');
    await followLink(page, page.getByRole('link', { name: /Tilbage til familieportalen/ }).first(), '/portal');

    // Messages: write to the contact person by keyboard, then the conversation.
    await followLink(page, page.getByRole('link', { name: 'Skriv til jeres kontaktperson' }), '/portal/messages');
    await expect.poll(() => heading(page)).toBe('Beskeder');
    await checkMobilePage(page, 'beskeder', 'messages');
    await tabTo(page, page.getByLabel('Emne'));
    await page.keyboard.type('Kørsel til skolen');
    await tabTo(page, page.getByLabel('Besked', { exact: true }));
    await page.keyboard.type('Kan vi tale om kørslen på næste møde?');
    await tabTo(page, page.getByRole('button', { name: 'Send' }));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/portal\/messages\/[0-9a-f-]{36}$/);
    await expectText(page, 'Kan vi tale om kørslen på næste møde?');
    await checkMobilePage(page, 'en samtale', 'thread');
    await followLink(page, page.getByRole('link', { name: 'Tilbage til familieportalen' }), '/portal');

    // Meetings: the list, and one meeting (the family's recently held meetings can be answered).
    await followLink(page, page.getByRole('link', { name: 'Forbered møder og giv jeres mening om dem' }), '/portal/meetings');
    await expect.poll(() => heading(page)).toBe('Møder');
    await checkMobilePage(page, 'møder', 'meetings');
    const meetingLinks = page.locator('main a[href^="/portal/meetings/"]');
    expect(await meetingLinks.count(), 'the family has a meeting in the portal').toBeGreaterThan(0);
    expect((await page.locator('main').textContent()) ?? '', 'meeting types in Danish').toMatch(/Statusmøde|Udredningsmøde|Opsamlende møde/);
    await followLink(page, meetingLinks.first(), /\/portal\/meetings\/[0-9a-f-]{36}$/);
    await expect.poll(() => heading(page)).toBe('Møde');
    await expect.poll(async () => (await page.locator('main h2').first().textContent()) ?? '').toMatch(/^(Statusmøde|Udredningsmøde|Opsamlende møde)$/);
    await checkMobilePage(page, 'et møde', 'meeting');
    await followLink(page, page.getByRole('link', { name: 'Tilbage til familieportalen' }), '/portal');

    // The contact agreement, revised by keyboard.
    await followLink(page, page.getByRole('link', { name: 'Jeres kontaktaftale' }), '/portal/contact-agreement');
    await expect.poll(() => heading(page)).toBe('Kontaktaftale');
    await checkMobilePage(page, 'kontaktaftale', 'contact-agreement');
    // Saved without a way to be contacted, the form names the problem at the field.
    await tabTo(page, page.getByRole('button', { name: 'Gem aftalen' }));
    await page.keyboard.press('Enter');
    await expectText(page, 'Vælg mindst én måde, familien vil kontaktes på.');
    await settledAndAccessible(page, 'kontaktaftale uden kontaktform', { errorShown: true });
    await screenshot(page, 'portal-360-contact-agreement-error');
    await tabTo(page, page.locator('main').getByLabel('E-mail', { exact: true }));
    await page.keyboard.press('Space');
    await tabTo(page, page.getByLabel('Gode tidspunkter'));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Hverdage efter kl. 15');
    await tabTo(page, page.getByRole('button', { name: 'Gem aftalen' }));
    await page.keyboard.press('Enter');
    await expectText(page, 'Kontaktaftalen er gemt.');
    await checkMobilePage(page, 'kontaktaftale gemt', 'contact-agreement-saved');
    await followLink(page, page.getByRole('link', { name: 'Tilbage til familieportalen' }), '/portal');

    // Consents.
    await followLink(page, page.getByRole('link', { name: 'Se og giv samtykke' }), '/portal/consents');
    await expect.poll(() => heading(page)).toBe('Samtykke til deling');
    await checkMobilePage(page, 'samtykke', 'consents');
    await followLink(page, page.getByRole('link', { name: 'Tilbage til Min familie' }), '/portal');

    // The child's page: the parent opens it by keyboard, the child answers with the arrow keys.
    await followLink(page, page.getByRole('link', { name: `${child.firstName}s side` }), `/portal/children/${child.id}`);
    await expect.poll(() => heading(page)).toBe('Barnets side');
    await checkMobilePage(page, 'barnets side', 'child-page');
    await tabTo(page, page.getByRole('button', { name: 'Åbn siden for barnet' }));
    await page.keyboard.press('Enter');
    await expectText(page, `Hej ${child.firstName}!`);
    const firstQuestion = page.getByRole('group', { name: 'Hvordan har du det lige nu?' });
    await tabTo(page, firstQuestion.getByRole('radio').first());
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await firstQuestion.getByLabel('Godt', { exact: true }).isChecked(), 'the fourth smiley is chosen with the arrow keys').toBe(true);
    await checkMobilePage(page, 'barnets side, åben', 'child-page-open');
    await tabTo(page, page.getByRole('button', { name: 'Færdig' }));
    await page.keyboard.press('Enter');
    await expectText(page, `Tak, ${child.firstName}! Dine svar er sendt.`);
    await checkMobilePage(page, 'barnets side, tak', 'child-page-thanks');
    await tabTo(page, page.getByRole('button', { name: 'Luk siden' }));
    await page.keyboard.press('Enter');
    await expectText(page, `${child.firstName}s side er lukket.`);

    // Log out by keyboard; the session is gone.
    await followLink(page, page.getByRole('link', { name: 'Tilbage til familieportalen' }), '/portal');
    await tabTo(page, page.getByRole('button', { name: 'Log af' }));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/portal/login');
    expect((await portalFetch(page, 'GET', '/api/portal/me')).status).toBe(401);
    await context.close();
  });

  it('the family prepares a meeting, the coordinator sees it; after the meeting the family answers, and the coordinator sees the answers the next day', async () => {
    const family = await familyOfParent(parentEmail);
    const parent = family.members.find((m) => m.email === parentEmail)!;
    const parentName = `${parent.firstName} ${parent.lastName}`;

    // The coordinator plans a status meeting with the family (the meeting command shares it with the family).
    const staff = await desktopPage();
    await logIn(staff, journey.baseUrl, 'koordinator@demo.tovholder.dk');
    await staff.goto(`${journey.baseUrl}/cases/${family.caseId}`);
    await heading(staff);
    // It began an hour ago (at 00:30 that is yesterday evening), so it can be closed after the family prepared it.
    const began = danishDateTimeAgo(60);
    const meetingId = await planMeeting(staff, { type: 'Statusmøde', on: began.date, time: began.time });

    // The parent prepares it in the portal.
    const parentContext = await mobileContext();
    const portal = await parentContext.newPage();
    await portalLogIn(portal, parentEmail);
    await portal.goto(`${journey.baseUrl}/portal/meetings`);
    await heading(portal);
    // By keyboard only, like journey 1: Tab to each field, type, Enter on the button.
    await followLink(portal, portal.locator(`main a[href="/portal/meetings/${meetingId}"]`, { hasText: 'Forbered mødet' }), `/portal/meetings/${meetingId}`);
    await expectText(portal, 'Statusmøde');
    const focus = 'Alma har svært ved frikvartererne, og vi vil gerne tale om en fast voksen i skolen.';
    await typeInto(portal, portal.getByLabel('Det vil vi gerne tale om'), focus);
    await typeInto(portal, portal.getByLabel('Vores ønsker til mødet'), 'At mødet holdes på skolen.');
    await typeInto(portal, portal.getByLabel('Dem vil vi gerne have med'), 'Klasselæreren');
    await tabTo(portal, portal.getByRole('button', { name: 'Gem' }));
    await portal.keyboard.press('Enter');
    await expectText(portal, 'Jeres forberedelse er gemt.');
    await checkMobilePage(portal, 'forberedelse gemt', 'meeting-prepared');

    // The coordinator sees the family's focus points on the meeting page.
    await staff.reload();
    const input = staff.locator('section[aria-labelledby=family-input-heading]');
    await expect.poll(async () => (await input.textContent()) ?? '', { timeout: 15_000 }).toContain(focus);
    const inputText = (await input.textContent()) ?? '';
    expect(inputText).toContain(`Forberedelse fra ${parentName}`);
    expect(inputText).toContain('Klasselæreren');
    await settledAndAccessible(staff, 'mødet med familiens forberedelse');
    await screenshot(staff, 'portal-coordinator-sees-preparation');

    // The coordinator closes the meeting; the parent answers the four questions after it.
    await closeMeeting(staff, isoDay(42));
    await portal.reload();
    await expectText(portal, 'Hvordan var mødet?');
    await checkMobilePage(portal, 'spørgsmål efter mødet', 'meeting-feedback');
    // Sending without answers names the missing ones.
    await tabTo(portal, portal.getByRole('button', { name: 'Send svar' }));
    await portal.keyboard.press('Enter');
    await expect.poll(() => portal.locator('.form-error-message', { hasText: 'Vælg et svar.' }).count()).toBe(4);
    await settledAndAccessible(portal, 'spørgsmål uden svar');
    // Each smiley scale by keyboard: Tab into the group, Space picks the first face, the arrow keys move to the answer.
    for (const [question, answer] of [
      ['Følte I jer hørt og respekteret?', 'Godt'], ['Talte vi om det, der var vigtigt for jer?', 'Meget godt'],
      ['Passede måden, vi arbejdede på, til jer?', 'Både og'], ['Var mødet samlet set brugbart for jer?', 'Godt'],
    ] as const) {
      const group = portal.getByRole('group', { name: question });
      await tabTo(portal, group.getByRole('radio').first());
      await portal.keyboard.press('Space');
      const target = group.getByLabel(answer, { exact: true });
      for (let i = 0; i < 6 && !(await target.isChecked()); i++) await portal.keyboard.press('ArrowRight');
      expect(await target.isChecked(), `${question}: ${answer} chosen by keyboard`).toBe(true);
    }
    const comment = 'Send gerne dagsordenen et par dage før.';
    await typeInto(portal, portal.getByLabel('Hvad kan vi gøre bedre næste gang?'), comment);
    await tabTo(portal, portal.getByRole('button', { name: 'Send svar' }));
    await portal.keyboard.press('Enter');
    await expectText(portal, 'Tak for jeres svar.');
    await checkMobilePage(portal, 'tak for svar', 'meeting-feedback-thanks');

    // The same day the coordinator sees that an answer is waiting, not the answer (004:2122: "den følgende dag").
    await staff.goto(`${journey.baseUrl}/meetings/${meetingId}`);
    await heading(staff);
    await expect.poll(async () => (await input.textContent()) ?? '', { timeout: 15_000 }).toContain('1 svar efter mødet vises i morgen.');
    expect((await input.textContent()) ?? '').not.toContain(comment);
    const sameDay = await apiGet<{ feedback: unknown[]; feedbackWaiting: number }>(staff, `/api/meetings/${meetingId}/family-input`);
    expect([sameDay.feedback.length, sameDay.feedbackWaiting]).toEqual([0, 1]);
    await settledAndAccessible(staff, 'mødet med ventende svar');

    // The next day (the server's clock moved; the staff session of 8 hours has ended, so the coordinator logs in again).
    journey.clock.advanceDays(1);
    try {
      const nextDay = await desktopPage();
      await logIn(nextDay, journey.baseUrl, 'koordinator@demo.tovholder.dk');
      await nextDay.goto(`${journey.baseUrl}/meetings/${meetingId}`);
      await heading(nextDay);
      const nextInput = nextDay.locator('section[aria-labelledby=family-input-heading]');
      await expect.poll(async () => (await nextInput.textContent()) ?? '', { timeout: 15_000 }).toContain(`Svar efter mødet fra ${parentName}`);
      const answers = (await nextInput.textContent()) ?? '';
      expect(answers).toContain('Følte I jer hørt og respekteret?Godt (4/5)');
      expect(answers).toContain('Talte vi om det, der var vigtigt for jer?Meget godt (5/5)');
      expect(answers).toContain('Passede måden, vi arbejdede på, til jer?Både og (3/5)');
      expect(answers).toContain(comment);
      expect(answers).not.toContain('vises i morgen');
      await settledAndAccessible(nextDay, 'mødet med familiens svar dagen efter');
      await screenshot(nextDay, 'portal-coordinator-sees-feedback');
      await nextDay.context().close();
    } finally {
      journey.clock.reset();
    }
    await parentContext.close();
    await staff.context().close();
  });

  it('a partner with consent sees only their part of the family, and nothing once the parent withdraws the consent', async () => {
    const family = await familyOfParent(parentEmail);
    const db = journey.db;
    const meetings = await db.selectFrom('meetings').select(['id', 'type', 'status', 'minutes', 'visibility', 'minutes_visibility'])
      .where('case_id', '=', family.caseId).orderBy('scheduled_at').execute();
    const closed = meetings.filter((m) => m.status === 'closed' && m.minutes && m.type !== 'analysis_meeting');
    expect(closed.length, 'the demo family has a held meeting with minutes').toBeGreaterThan(0);
    const toPartners = closed[closed.length - 1]!;
    const internal = meetings.find((m) => m.type === 'analysis_meeting' && m.minutes);
    // Points of the meetings shared with the family only, or kept internal (the worries): never the partner's.
    const notForPartners = await db.selectFrom('meeting_agenda_points').select(['text', 'visibility'])
      .where('meeting_id', 'in', meetings.map((m) => m.id)).where('visibility', '<>', 'partners').execute();
    expect(notForPartners.some((p) => p.visibility === 'family'), 'the demo shares points with the family').toBe(true);

    // The coordinator shares one meeting's minutes with the partners taking part (Deles med: samarbejdspartnere).
    const staff = await desktopPage();
    await logIn(staff, journey.baseUrl, 'koordinator@demo.tovholder.dk');
    const current = await apiGet<{ meeting: { version: number } } & { version?: number }>(staff, `/api/meetings/${toPartners.id}`);
    const version = current.meeting?.version ?? current.version!;
    const shared = await apiSend(staff, 'PUT', `/api/meetings/${toPartners.id}/sharing`, { version, visibility: 'partners', minutesVisibility: 'partners' });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
    await staff.context().close();

    // The partner (Anne Skov, Demo Skole) sees the one family that consented, at 360 px.
    const partnerContext = await mobileContext();
    const partner = await partnerContext.newPage();
    await logIn(partner, journey.baseUrl, 'partner@demo.tovholder.dk');
    await partner.goto(`${journey.baseUrl}/partner`);
    await expect.poll(() => heading(partner)).toBe('Mine familier som samarbejdspartner');
    await expectText(partner, family.familyName);
    await checkMobilePage(partner, 'mine familier som samarbejdspartner', 'partner-families');
    const families = await apiGet<Array<{ familyId: string; caseId: string }>>(partner, '/api/partner/families');
    expect(families.map((f) => f.familyId)).toEqual([family.familyId]);

    await partner.getByRole('link', { name: family.familyName }).first().click();
    await partner.waitForURL((url) => url.pathname === `/partner/cases/${family.caseId}`);
    await expect.poll(() => heading(partner)).toContain(family.familyName);
    await expectText(partner, 'Familien har givet samtykke til deling med din organisation');
    await expectText(partner, toPartners.minutes!.slice(0, 40));
    await checkMobilePage(partner, 'familien som samarbejdspartner', 'partner-case');

    // Only their part: no CPR number, no minutes kept internal or shared with the family only, no measures or decisions.
    const view = await partner.evaluate(async (url) => (await fetch(url)).text(), `/api/partner/cases/${family.caseId}`);
    for (const member of family.members) if (member.cpr) expect(view, 'no CPR number').not.toContain(member.cpr);
    expect(view).not.toMatch(/"cpr"/i);
    for (const point of notForPartners) expect(view, `a point shared with ${point.visibility === 'family' ? 'the family only' : 'no one'}`).not.toContain(point.text);
    if (internal) expect(view, 'internal minutes').not.toContain(internal.minutes!.slice(0, 40));
    const measures = await db.selectFrom('measures').select('description').where('case_id', '=', family.caseId).execute();
    for (const m of measures) expect(view, 'measures').not.toContain(m.description);
    const decisions = await db.selectFrom('decisions').select('reasoning').where('case_id', '=', family.caseId).execute();
    for (const d of decisions) expect(view, 'decisions').not.toContain(d.reasoning);
    const notShared = await db.selectFrom('meeting_decisions').select('text').where('meeting_id', 'in', meetings.map((m) => m.id)).where('visibility', '<>', 'partners').execute();
    for (const d of notShared) expect(view, 'meeting decisions not shared with partners').not.toContain(d.text);
    // And no staff page: the case and the family are not found for her.
    for (const path of [`/api/cases/${family.caseId}`, `/api/families/${family.familyId}`, `/api/families/${family.familyId}/plan`]) {
      const status = await partner.evaluate(async (url) => (await fetch(url)).status, path);
      expect([403, 404], path).toContain(status);
    }

    // The parent withdraws the consent to Demo Skole in the portal.
    const parentContext = await mobileContext();
    const portal = await parentContext.newPage();
    await portalLogIn(portal, parentEmail);
    await portal.goto(`${journey.baseUrl}/portal/consents`);
    await expect.poll(() => heading(portal)).toBe('Samtykke til deling');
    const school = portal.getByRole('listitem', { name: 'Demo Skole' });
    await expect.poll(async () => (await school.textContent()) ?? '', { timeout: 15_000 }).toContain('Samtykke givet.');
    await school.getByRole('button', { name: 'Træk samtykke tilbage' }).click();
    await expectText(portal, 'I har trukket samtykket til Demo Skole tilbage. De kan ikke længere se noget om jer.');
    await expect.poll(async () => (await school.textContent()) ?? '').toContain('Intet samtykke.');
    await checkMobilePage(portal, 'samtykke trukket tilbage', 'consent-withdrawn');
    await parentContext.close();

    // The partner's next request gets nothing.
    expect(await apiGet<unknown[]>(partner, '/api/partner/families')).toEqual([]);
    expect(await partner.evaluate(async (url) => (await fetch(url)).status, `/api/partner/cases/${family.caseId}`)).toBe(404);
    await partner.reload();
    await expectText(partner, 'Du kan ikke se denne familie.');
    await settledAndAccessible(partner, 'familien efter tilbagetrukket samtykke');
    await screenshot(partner, 'portal-360-partner-no-access');
    await partner.goto(`${journey.baseUrl}/partner`);
    await expectText(partner, 'Du har ingen familier lige nu.');
    await checkMobilePage(partner, 'ingen familier som samarbejdspartner', 'partner-none');
    await partnerContext.close();
  });

  it('parent A gets nothing of family B through any portal endpoint', async () => {
    const a = await familyOfParent(parentEmail);
    // Family B: another of Mette Lund's demo families (in the same municipality), whose first parent logs in too.
    const candidates = await journey.db.selectFrom('persons as p')
      .innerJoin('family_members as fm', (j) => j.onRef('fm.municipality_id', '=', 'p.municipality_id').onRef('fm.person_id', '=', 'p.id'))
      .innerJoin('cases as c', (j) => j.onRef('c.municipality_id', '=', 'fm.municipality_id').onRef('c.family_id', '=', 'fm.family_id'))
      .innerJoin('case_assignments as ca', (j) => j.onRef('ca.municipality_id', '=', 'c.municipality_id').onRef('ca.case_id', '=', 'c.id'))
      .innerJoin('users as u', (j) => j.onRef('u.municipality_id', '=', 'ca.municipality_id').onRef('u.id', '=', 'ca.user_id'))
      .select('p.email').where('u.email', '=', 'koordinator@demo.tovholder.dk').where('fm.has_custody', '=', true).where('c.status', '<>', 'closed')
      .where('fm.family_id', '<>', a.familyId).where('p.email', 'like', 'foraelder%-0@example.invalid').orderBy('c.case_number').execute();
    expect(candidates.length, 'another family of the coordinator').toBeGreaterThan(0);
    const parentB = candidates[0]!.email!;
    const b = await familyOfParent(parentB);
    const childB = b.members.find((m) => m.relation === 'child')!;

    // Staff give family B something in the portal: a planned meeting, and a held one whose minutes are shared with B.
    const staff = await desktopPage();
    await logIn(staff, journey.baseUrl, 'koordinator@demo.tovholder.dk');
    const planned = await apiSend(staff, 'POST', `/api/cases/${b.caseId}/meetings`, { type: 'status_meeting', scheduledAt: new Date(e2eNow().getTime() + 7 * 86_400_000).toISOString(), location: 'Rådhuset' });
    expect(planned.status, JSON.stringify(planned.body)).toBe(201);
    const plannedId = (planned.body as unknown as { id?: string; meeting?: { id: string } }).meeting?.id ?? (planned.body as unknown as { id: string }).id;
    const held = await apiSend(staff, 'POST', `/api/cases/${b.caseId}/meetings`, { type: 'status_meeting', scheduledAt: new Date(e2eNow().getTime() - 86_400_000).toISOString() });
    expect(held.status).toBe(201);
    const heldId = (held.body as unknown as { id?: string; meeting?: { id: string } }).meeting?.id ?? (held.body as unknown as { id: string }).id;
    const minutesB = `Referat for familie B ${Date.now().toString(36)}`;
    const version = async (id: string) => {
      const m = await apiGet<{ meeting?: { version: number }; version?: number }>(staff, `/api/meetings/${id}`);
      return m.meeting?.version ?? m.version!;
    };
    expect((await apiSend(staff, 'PATCH', `/api/meetings/${heldId}`, { minutes: minutesB, version: await version(heldId) })).status).toBe(200);
    const closedB = await apiSend(staff, 'POST', `/api/meetings/${heldId}/close`, { nextMeetingOn: isoDay(30), version: await version(heldId) });
    expect(closedB.status, JSON.stringify(closedB.body)).toBe(200);
    const sharedB = await apiSend(staff, 'PUT', `/api/meetings/${heldId}/sharing`, { version: await version(heldId), minutesVisibility: 'family' });
    expect(sharedB.status, JSON.stringify(sharedB.body)).toBe(200);
    await staff.context().close();

    // Parent B logs in, writes a message, answers after the held meeting and gives a consent: B's ids, and a control that B sees them.
    const contextB = await journey.browser.newContext({ locale: 'da-DK' });
    const pageB = await contextB.newPage();
    await portalLogIn(pageB, parentB);
    const thread = await portalFetch(pageB, 'POST', '/api/portal/threads', { subject: 'Familie B spørger', body: 'Hemmeligt for familie A.' });
    expect(thread.status, thread.text).toBe(201);
    const threadB = (JSON.parse(thread.text) as { id: string }).id;
    expect((await portalFetch(pageB, 'GET', `/api/portal/meetings/${heldId}/minutes`)).text).toContain(minutesB);
    expect((await portalFetch(pageB, 'GET', `/api/portal/meetings/${plannedId}/preparation`)).status).toBe(200);
    expect((await portalFetch(pageB, 'PUT', `/api/portal/meetings/${plannedId}/preparation`, { focusPoints: 'B forbereder sig.', version: 0 })).status).toBe(200);
    expect((await portalFetch(pageB, 'GET', `/api/portal/children/${childB.id}/child-page`)).status).toBe(200);
    const consentsB = JSON.parse((await portalFetch(pageB, 'GET', '/api/portal/consents')).text) as { recipients: Array<{ departmentId: string; name: string }> };
    const recipient = consentsB.recipients.find((r) => r.name === 'PPR') ?? consentsB.recipients[0]!;
    const given = await portalFetch(pageB, 'POST', '/api/portal/consents', { departmentId: recipient.departmentId });
    expect(given.status, given.text).toBe(201);
    const consentB = JSON.parse(given.text) as { id: string; version: number };
    await contextB.close();

    // Parent A, logged in to the portal, asks for B's records by id: 404, never B's data.
    const contextA = await journey.browser.newContext({ locale: 'da-DK' });
    const pageA = await contextA.newPage();
    await portalLogIn(pageA, parentEmail);
    const secrets = [b.familyId, b.familyName, b.caseId, threadB, heldId, plannedId, minutesB, 'Familie B spørger', 'Hemmeligt for familie A', 'B forbereder sig',
      ...b.members.flatMap((m) => [m.id, ...(m.cpr ? [m.cpr] : [])]),
      // The demo's names repeat between families; B's names that A's family also has say nothing.
      ...b.members.map((m) => `${m.firstName} ${m.lastName}`).filter((name) => !a.members.some((m) => `${m.firstName} ${m.lastName}` === name))]
      .filter((secret) => secret !== a.familyName && !a.familyName.startsWith(secret));
    const expectNothingOfB = (label: string, text: string) => {
      for (const secret of secrets) expect(text.includes(secret), `${label} carries ${secret} of family B`).toBe(false);
    };
    const byId: Array<[string, string, unknown?]> = [
      ['GET', `/api/portal/meetings/${heldId}/minutes`], ['GET', `/api/portal/meetings/${plannedId}/minutes`],
      ['GET', `/api/portal/meetings/${plannedId}/preparation`], ['GET', `/api/portal/meetings/${heldId}/preparation`],
      ['GET', `/api/portal/threads/${threadB}`], ['GET', `/api/portal/children/${childB.id}/child-page`],
      ['PUT', `/api/portal/meetings/${plannedId}/preparation`, { focusPoints: 'A skriver i B', version: 0 }],
      ['PUT', `/api/portal/meetings/${plannedId}/preparation`, { focusPoints: 'A skriver i B', version: 1 }],
      ['POST', `/api/portal/meetings/${heldId}/feedback`, { heard: 1, importantTopics: 1, approach: 1, overall: 1 }],
      ['POST', `/api/portal/threads/${threadB}/messages`, { body: 'A skriver i B' }],
      ['PUT', `/api/portal/children/${childB.id}/child-page`, { allowed: true, version: 0 }],
      ['POST', `/api/portal/children/${childB.id}/child-page/answers`, { answers: [{ question: 'general', score: 1 }] }],
      ['POST', `/api/portal/consents/${consentB.id}/withdraw`, { version: consentB.version }],
    ];
    for (const [method, path, body] of byId) {
      const result = await portalFetch(pageA, method, path, body);
      expect(result.status, `${method} ${path}`).toBe(404);
      expectNothingOfB(`${method} ${path}`, result.text);
    }
    // Every list and page of the portal, read as A: nothing of B.
    const year = Number(isoDay(0).slice(0, 4));
    for (const path of ['/api/portal/me', '/api/portal/plan', '/api/portal/contact', '/api/portal/agreements', '/api/portal/meetings',
      `/api/portal/annual-wheel?year=${year}`, '/api/portal/meeting-tasks', '/api/portal/threads', '/api/portal/children', '/api/portal/consents',
      '/api/portal/contact-agreement', '/api/portal/reminder-preference']) {
      const result = await portalFetch(pageA, 'GET', path);
      expect(result.status, path).toBe(200);
      expectNothingOfB(path, result.text);
    }
    // B's records are unchanged by A's attempts.
    const prep = await journey.db.selectFrom('meeting_preparations').select('focus_points').where('meeting_id', '=', plannedId).execute();
    expect(prep.map((p) => p.focus_points)).toEqual(['B forbereder sig.']);
    expect(await journey.db.selectFrom('meeting_feedback').select('id').where('meeting_id', '=', heldId).execute()).toEqual([]);
    const consentRow = await journey.db.selectFrom('consents').select('withdrawn_at').where('id', '=', consentB.id).executeTakeFirstOrThrow();
    expect(consentRow.withdrawn_at).toBeNull();
    // And the pages show "not found" rather than B's data.
    await pageA.goto(`${journey.baseUrl}/portal/minutes/${heldId}`);
    await heading(pageA);
    await pageA.waitForLoadState('networkidle');
    expectNothingOfB('the minutes page', (await pageA.locator('main').textContent()) ?? '');
    await settledAndAccessible(pageA, 'et andet families referat', { errorShown: true });
    await pageA.goto(`${journey.baseUrl}/portal/messages/${threadB}`);
    await heading(pageA);
    await pageA.waitForLoadState('networkidle');
    expectNothingOfB('the thread page', (await pageA.locator('main').textContent()) ?? '');
    await contextA.close();
  });
});
