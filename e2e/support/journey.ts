import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible } from './browser.js';
import { demoPassword } from './server.js';
import { e2eNow } from './time.js';

/** Helpers shared by the journeys of issues 3 and 4 (efei, sof, worklist): log in, read the page, call the API as the user. */

export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
  return context.newPage();
}

export async function logIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Log ind');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Adgangskode').fill(demoPassword);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * The page's h1 as it is now. After a click that navigates, the previous page's h1 may still be shown for a moment:
 * assert on it with `expect.poll(() => heading(page))`, never on one read.
 */
export async function heading(page: Page): Promise<string> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  return (await h1.textContent()) ?? '';
}

export async function mainText(page: Page): Promise<string> {
  return (await page.locator('main').textContent()) ?? '';
}

/** Waits until the main area shows the text. */
export async function expectText(page: Page, text: string | RegExp): Promise<void> {
  if (typeof text === 'string') await expect.poll(() => mainText(page), { timeout: 15_000 }).toContain(text);
  else await expect.poll(() => mainText(page), { timeout: 15_000 }).toMatch(text);
}

/** Waits for the page to settle (no request in flight, no spinner), then runs axe-core on it. */
export async function settledAndAccessible(page: Page, label: string, options: { errorShown?: boolean } = {}): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('.loading-text').count()).toBe(0);
  if (!options.errorShown) expect(await page.locator('.alert-error').count(), `${label} shows no error`).toBe(0);
  await expectAccessible(page, label);
}

export async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  }, path) as Promise<T>;
}

export interface ApiResult {
  status: number;
  body: { error?: { code: string; message: string; details: Array<{ field: string; code: string; message: string }> } } | null;
}

/** A state-changing request as the logged-in user (with the session's CSRF token); returns status and body. */
export async function apiSend(page: Page, method: string, path: string, body: unknown): Promise<ApiResult> {
  return page.evaluate(async ({ method, path, body }) => {
    const session = await (await fetch('/api/auth/session', { credentials: 'same-origin' })).json();
    const response = await fetch(path, {
      method, credentials: 'same-origin', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken }, body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  }, { method, path, body });
}

/** The case page's flow steps as "text|state" pairs, state in Danish as shown (Gennemført, Aktuelt trin, Kommende, Sprunget over). */
export async function flowStates(page: Page): Promise<Array<{ text: string; state: string; current: boolean }>> {
  const items = page.locator('ol.flow-steps > li');
  await items.first().waitFor();
  const count = await items.count();
  const result: Array<{ text: string; state: string; current: boolean }> = [];
  for (let i = 0; i < count; i++) {
    const item = items.nth(i);
    result.push({
      text: (await item.textContent()) ?? '',
      state: (await item.locator('.badge').textContent()) ?? '',
      current: (await item.getAttribute('aria-current')) === 'step',
    });
  }
  return result;
}

/** Asserts the states of the flow's steps in order, e.g. ['Gennemført', 'Aktuelt trin', 'Kommende', …]. */
export async function expectFlow(page: Page, states: string[]): Promise<void> {
  await expect.poll(async () => (await flowStates(page)).map((s) => s.state), { timeout: 15_000 }).toEqual(states);
  const steps = await flowStates(page);
  const current = steps.findIndex((s) => s.current);
  expect(current, 'the current step is marked aria-current="step"').toBe(states.indexOf('Aktuelt trin'));
}

/** An ISO date n days from today in Copenhagen, by the journeys' clock (e2eNow, which the server and browsers share). */
export function isoDay(offsetDays = 0): string {
  const now = new Date(e2eNow().getTime() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A date as the Danish UI shows it (dd.mm.yyyy). */
export function danishDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/**
 * Creates a family with two parents and a child through the UI, and opens a case for the child under the model, led by
 * the logged-in coordinator (the assignment). Returns the ids and the child's first name; ends on the case page.
 */
export async function createFamilyWithCase(page: Page, baseUrl: string, options: {
  familyName: string; lastName: string; childFirstName: string; childCpr: string; parents: Array<{ firstName: string; cpr: string }>;
  model: 'efei' | 'sof'; leadName: string; /** The case's start date; 3 days ago unless given. */ openedOn?: string;
}): Promise<{ familyId: string; caseId: string }> {
  await page.goto(`${baseUrl}/families/new`);
  await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('Opret familie');
  await page.getByLabel('Familiens navn').fill(options.familyName);
  await page.getByRole('button', { name: 'Opret familie' }).click();
  await page.waitForURL(/\/families\/[0-9a-f-]{36}$/);
  const familyId = new URL(page.url()).pathname.split('/')[2]!;
  const members: Array<{ relation: string; firstName: string; cpr: string }> = [
    ...options.parents.map((p) => ({ relation: 'parent', ...p })), { relation: 'child', firstName: options.childFirstName, cpr: options.childCpr },
  ];
  for (const member of members) {
    await page.getByRole('link', { name: 'Tilføj person' }).click();
    await page.waitForURL(/\/members\/new$/);
    await page.locator('select[name=relation]').selectOption(member.relation);
    if (member.relation === 'parent') await page.getByLabel('Har forældremyndighed').check();
    await page.locator('input[name=firstName]').fill(member.firstName);
    await page.locator('input[name=lastName]').fill(options.lastName);
    await page.locator('input[name=cpr]').fill(member.cpr);
    await page.getByRole('button', { name: 'Tilføj person' }).click();
    await page.waitForURL(/\/families\/[0-9a-f-]{36}$/);
    await expectText(page, member.firstName);
  }
  await page.getByRole('link', { name: `Opret sag for ${options.childFirstName}` }).click();
  await page.waitForURL(/\/cases\/new/);
  await page.getByLabel(options.model === 'efei' ? 'Én familie – én indgang' : 'Sammen om familien').check();
  await page.locator('input[name=openedOn]').fill(options.openedOn ?? isoDay(-3));
  const leadOptions = await page.locator('select[name=leadUserId] option').allTextContents();
  await page.locator('select[name=leadUserId]').selectOption({ label: leadOptions.find((o) => o.includes(options.leadName))! });
  await page.getByRole('button', { name: 'Opret sag' }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  const caseId = new URL(page.url()).pathname.split('/')[2]!;
  return { familyId, caseId };
}

/**
 * Plans a meeting of the case through "Planlæg møde"; by default held yesterday at 10:00 so it can be closed today at
 * any hour. `on` (YYYY-MM-DD) overrides `daysAgo`. Ends on the meeting page.
 */
export async function planMeeting(page: Page, options: {
  type: string; template?: string; childContact?: string; title?: string; daysAgo?: number; on?: string; time?: string;
}): Promise<string> {
  await page.getByRole('link', { name: 'Planlæg møde' }).click();
  await page.waitForURL(/\/meetings\/new$/);
  await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('Planlæg møde');
  await page.locator('select[name=type]').selectOption({ label: options.type });
  if (options.childContact) await page.getByLabel(options.childContact, { exact: true }).check();
  if (options.template) await page.getByRole('radio', { name: options.template }).check();
  if (options.title) await page.getByLabel('Titel').fill(options.title);
  await page.getByLabel('Dato', { exact: true }).fill(options.on ?? isoDay(-(options.daysAgo ?? 1)));
  await page.getByLabel('Klokkeslæt').fill(options.time ?? '10:00');
  await settledAndAccessible(page, `planlæg ${options.type}`);
  await page.getByRole('button', { name: 'Opret møde' }).click();
  await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
  await expectText(page, 'Mødet er oprettet.');
  return new URL(page.url()).pathname.split('/')[2]!;
}

/** Adds a participant on the meeting page: kind label, then the staff/family select option or a guest's name. */
export async function addParticipant(page: Page, kind: 'Medarbejder eller samarbejdspartner' | 'Et medlem af familien' | 'En gæst uden login', who: string, options: { organisation?: string; role?: string } = {}): Promise<void> {
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Tilføj deltager' }) });
  await form.getByLabel(kind).check();
  if (kind === 'En gæst uden login') {
    await form.getByLabel('Gæstens navn').fill(who);
    if (options.organisation) await form.getByLabel('Organisation').fill(options.organisation);
  } else {
    const select = form.getByLabel(kind === 'Et medlem af familien' ? 'Familiemedlem' : 'Medarbejder', { exact: true });
    const labels = await select.locator('option').allTextContents();
    await select.selectOption({ label: labels.find((l) => l.includes(who))! });
  }
  if (options.role) await form.getByLabel('Rolle på mødet').selectOption({ label: options.role });
  await form.getByRole('button', { name: 'Tilføj deltager' }).click();
  await expectText(page, 'Deltageren er tilføjet.');
  const table = page.locator('table', { has: page.locator('caption', { hasText: 'Mødets deltagere' }) });
  await expect.poll(async () => (await table.textContent()) ?? '').toContain(who);
}

/** Writes a point in a column of the meeting's method template ("Nyt punkt under <column>"). */
export async function addPoint(page: Page, column: string, text: string): Promise<void> {
  const form = page.locator('form', { has: page.getByLabel(`Nyt punkt under ${column}`) });
  await form.getByLabel(`Nyt punkt under ${column}`).fill(text);
  await form.getByRole('button', { name: 'Tilføj punkt' }).click();
  await expectText(page, `Punktet er tilføjet under ${column}.`);
  await expect.poll(async () => (await page.locator('section[aria-labelledby=meeting-agenda]').textContent()) ?? '').toContain(text);
}

/** Adds an agreement (aftale) with its owner and deadline. */
export async function addAgreement(page: Page, text: string, owner: string, dueOn: string): Promise<void> {
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Ny aftale' }) });
  await form.getByLabel('Aftale', { exact: true }).fill(text);
  const select = form.getByLabel('Ansvarlig', { exact: true });
  const labels = await select.locator('option').allTextContents();
  await select.selectOption({ label: labels.find((l) => l.includes(owner))! });
  await form.getByLabel('Frist').fill(dueOn);
  await form.getByRole('button', { name: 'Tilføj aftale' }).click();
  await expectText(page, 'Aftalen er tilføjet.');
  await expect.poll(async () => (await page.locator('section[aria-labelledby=meeting-agreements] table').textContent()) ?? '').toContain(text);
}

/** Closes the meeting with the next meeting date (000:677-680); ends on the case page. */
export async function closeMeeting(page: Page, nextMeetingOn: string): Promise<void> {
  const section = page.locator('section[aria-labelledby=meeting-close]');
  await section.getByLabel('Næste møde').fill(nextMeetingOn);
  await section.getByRole('button', { name: 'Afslut mødet' }).click();
  await expectText(page, 'Mødet er afsluttet.');
  await settledAndAccessible(page, 'afsluttet møde');
  await page.getByRole('link', { name: 'Sagen' }).click();
  await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
  await heading(page);
}
