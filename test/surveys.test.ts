import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleSurveys } from '../src/modules/survey/commands.js';
import { inTenant } from '../src/platform/db/tenant.js';
import { createTestApp, type TestApp } from './app.js';
import {
  client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { auditRowsAfter, countAll } from './inspect.js';
import { givePortalEmail, loginToPortal, type PortalSession } from './portal-fixtures.js';

/**
 * Issue 10: the parent and staff surveys — instruments as versioned data, waves and invitations, answering in the
 * portal, by one-time link and in the app, anonymity (no join from a response to a person), results only for groups
 * of at least 5, exports audited, the continuous mode by the clock, reminders through the outbox.
 */

let t: TestApp;
let m: TestMunicipality;
let leader: Session;
let coordinatorUser: TestUser;
let coordinator: Session;
let controller: Session;
let families: TestFamily[];
let parent: PortalSession;
let otherParent: PortalSession;
let waveId: string;

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;
interface Theme { key: string; items: Array<{ key: string; kind: string; textDa: string; origin: string }> }
interface Wave { id: string; phase: string; invited: number; responded: number; responseRate: number | null; version: number; open: boolean; series: string; instrument: string; mode: string }

async function refused(send: () => Promise<Response>) {
  const before = await countAll(t.db);
  const response = await send();
  expect(await countAll(t.db), `${response.statusCode} ${response.body}`).toEqual(before);
  const error = (response.json() as { error: { code: string; details: Array<{ field: string; code: string }> } }).error;
  return { status: response.statusCode, code: error.code, details: error.details.map((d) => `${d.field} ${d.code}`) };
}

const answersFor = (themes: Theme[], value: (index: number) => number | null) =>
  themes.flatMap((th) => th.items).filter((i) => i.kind === 'scale').map((i, index) => ({ itemKey: i.key, value: value(index) }));

/** The one-time links of a wave whose invitation is not answered yet. */
async function openTokens(waveIdOf: string): Promise<string[]> {
  const open: string[] = [];
  for (const token of await linkTokens(waveIdOf)) {
    const hash = createHash('sha256').update(token.split('.')[0]!).digest('base64url');
    const row = await t.db.selectFrom('survey_invitations').select('responded').where('token_hash', '=', hash).executeTakeFirst();
    if (row && !row.responded) open.push(token);
  }
  return open;
}

async function linkTokens(waveIdOf: string): Promise<string[]> {
  const rows = await t.db.selectFrom('outbox_messages').select(['body', 'dedupe_key']).where('dedupe_key', 'like', 'survey-%').orderBy('created_at').execute();
  const ids = new Set((await t.db.selectFrom('survey_invitations').select('id').where('wave_id', '=', waveIdOf).execute()).map((r) => r.id));
  return rows.filter((r) => ids.has(r.dedupe_key.split(':')[1]!)).map((r) => /\/survey\/([A-Za-z0-9_-]{43}\.[0-9a-f-]{36})/.exec(r.body)?.[1]).filter((x): x is string => !!x);
}

let parentThemes: Theme[];

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  leader = await loginAs(t.app, await makeUser(t.db, m, { roles: ['team_leader'], department: 'child_disability' }));
  coordinatorUser = await makeUser(t.db, m, { roles: ['coordinator'] });
  coordinator = await loginAs(t.app, coordinatorUser);
  controller = await loginAs(t.app, await makeUser(t.db, m, { roles: ['controller'] }));
  families = [];
  for (let i = 0; i < 7; i += 1) families.push(await makeFamilyWithCase(t.db, m, { lead: coordinatorUser, model: 'sof' }));
  // Two parents use the portal; the rest are reached by one-time link.
  parent = await loginToPortal(t.app, t.db, await givePortalEmail(t.db, families[0]!.parent.id));
  otherParent = await loginToPortal(t.app, t.db, await givePortalEmail(t.db, families[1]!.parent.id));
});

afterAll(async () => {
  await t?.close();
});

describe('instruments as versioned data', () => {
  it('the national parent survey: 6 themes, 26 items, scale 1-6 with 2-5 marked inferred, and "ved ikke"', async () => {
    const response = await client(t.app, leader).get('/api/surveys/instruments?instrument=parent');
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json() as { themes: Theme[]; scale: Array<{ value: number; da: string; inferred: boolean }>; version: { versionNo: number }; dontKnow: { da: string } };
    parentThemes = view.themes;
    expect(view.themes).toHaveLength(6);
    expect(view.themes.flatMap((th) => th.items)).toHaveLength(26);
    expect(view.themes[0]!.items[0]).toMatchObject({ key: 'p_sam_1', textDa: '… du er velinformeret om hvad og hvornår der skal ske aktiviteter, møder mm.?', origin: 'national' });
    expect(view.scale.map((s) => [s.value, s.da, s.inferred])).toEqual([
      [1, 'slet ikke', false], [2, 'i meget lav grad', true], [3, 'i lav grad', true], [4, 'i nogen grad', true], [5, 'i høj grad', true], [6, 'i meget høj grad', false],
    ]);
    expect(view.dontKnow.da).toBe('Ved ikke');
    expect(view.version.versionNo).toBe(1);
  });

  it('the national staff survey: 8 themes, 40 items', async () => {
    const view = (await client(t.app, leader).get('/api/surveys/instruments?instrument=staff')).json() as { themes: Theme[] };
    expect(view.themes).toHaveLength(8);
    expect(view.themes.flatMap((th) => th.items)).toHaveLength(40);
  });

  it('a leader adds own items in a new version; released items are copied unchanged (audited)', async () => {
    const response = await client(t.app, leader).post('/api/surveys/instrument-versions', {
      instrument: 'parent', note: 'Egne spørgsmål', basedOnVersion: 1, items: [
        { key: 'tolk', themeKey: 'inddragelse', textDa: '… du har fået tilbudt tolk, når du havde brug for det?', textEn: '…you were offered an interpreter when needed?' },
        { key: 'kommentar', themeKey: 'kommentarer', themeTitleDa: 'Kommentarer', themeTitleEn: 'Comments', kind: 'free_text', textDa: 'Har du andre kommentarer?', textEn: 'Any other comments?' },
      ],
    });
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json() as { themes: Theme[]; version: { versionNo: number } };
    expect(view.version.versionNo).toBe(2);
    const items = view.themes.flatMap((th) => th.items);
    expect(items).toHaveLength(28);
    expect(items.find((i) => i.key === 'm_tolk')).toMatchObject({ origin: 'municipal' });
    expect(items.find((i) => i.key === 'p_sam_1')!.textDa).toBe(parentThemes[0]!.items[0]!.textDa);
  });

  it('refuses a stale version (409), a taken key and a new theme without titles (422), writing nothing', async () => {
    expect(await refused(() => client(t.app, leader).post('/api/surveys/instrument-versions', { instrument: 'parent', note: 'x', basedOnVersion: 1, items: [{ key: 'a', themeKey: 'tillid', textDa: 'a', textEn: 'a' }] })))
      .toMatchObject({ status: 409, code: 'version_conflict' });
    expect(await refused(() => client(t.app, leader).post('/api/surveys/instrument-versions', {
      instrument: 'parent', note: 'x', basedOnVersion: 2, items: [{ key: 'tolk', themeKey: 'tillid', textDa: 'ændret tekst', textEn: 'changed' }, { key: 'ny', themeKey: 'nyt_tema', textDa: 'a', textEn: 'a' }],
    }))).toEqual({ status: 422, code: 'survey_version_invalid', details: ['items.0.key duplicate_item', 'items.1.themeTitleDa theme_title_missing'] });
    expect((await refused(() => client(t.app, coordinator).post('/api/surveys/instrument-versions', { instrument: 'parent', note: 'x', basedOnVersion: 2, items: [{ key: 'b', themeKey: 'tillid', textDa: 'b', textEn: 'b' }] }))).status).toBe(403);
  });

  it("the database itself never lets a released item's text change", async () => {
    const item = await t.db.selectFrom('survey_items').select(['id', 'version_id', 'item_key']).where('item_key', '=', 'p_sam_1').where('municipality_id', '=', m.id).executeTakeFirstOrThrow();
    // As the app role: no update grant.
    await expect(inTenant(t.db, m.id, (trx) => trx.updateTable('survey_items').set({ text_da: 'ændret' }).where('id', '=', item.id).execute())).rejects.toThrow(/permission denied/);
    // Even as the owner: the trigger refuses update and delete.
    await expect(t.db.updateTable('survey_items').set({ text_da: 'ændret' }).where('id', '=', item.id).execute()).rejects.toThrow(/released/);
    await expect(t.db.deleteFrom('survey_items').where('id', '=', item.id).execute()).rejects.toThrow(/released/);
    // And a later version cannot re-use the key with another text.
    const v3 = await t.db.insertInto('survey_instrument_versions').values({ municipality_id: m.id, instrument: 'parent', version_no: 99, note: 'test' }).returning('id').executeTakeFirstOrThrow();
    await expect(t.db.insertInto('survey_items').values({
      municipality_id: m.id, version_id: v3.id, item_key: 'p_sam_1', position: 0, theme_key: 'sammenhaeng', theme_title_da: 'S', theme_title_en: 'S',
      text_da: 'en anden tekst', text_en: 'x', origin: 'national',
    }).execute()).rejects.toThrow(/released with another text/);
    await sql`delete from survey_instrument_versions where id = ${v3.id}`.execute(t.db);
  });
});

describe('waves, invitations and answering', () => {
  it('a leader creates a baseline wave and invites the SOF parents: one-time links by e-mail, response rate 0 %', async () => {
    const created = await client(t.app, leader).post('/api/surveys/waves', { instrument: 'parent', model: 'sof', series: '2026', mode: 'fixed', phase: 'baseline', opensOn: '2026-11-01', closesOn: '2026-12-31' });
    expect(created.statusCode, created.body).toBe(201);
    waveId = (created.json() as { waves: Wave[] }).waves.find((w) => w.series === '2026')!.id;
    const invited = await client(t.app, leader).post(`/api/surveys/waves/${waveId}/invitations`);
    expect(invited.statusCode, invited.body).toBe(200);
    expect(invited.json()).toMatchObject({ invited: 7, links: 7, wave: { invited: 7, responded: 0, responseRate: 0 } });
    expect(await linkTokens(waveId)).toHaveLength(7);
    // Inviting again adds nobody.
    expect((await client(t.app, leader).post(`/api/surveys/waves/${waveId}/invitations`)).json()).toMatchObject({ invited: 0 });
    // The same phase twice in a series is 409.
    expect(await refused(() => client(t.app, leader).post('/api/surveys/waves', { instrument: 'parent', model: 'sof', series: '2026', phase: 'baseline', opensOn: '2026-11-01' })))
      .toMatchObject({ status: 409, code: 'wave_exists' });
    expect(await refused(() => client(t.app, leader).post('/api/surveys/waves', { instrument: 'staff', model: 'sof', series: 'x', mode: 'continuous', opensOn: '2026-11-01' })))
      .toMatchObject({ status: 422, details: ['mode continuous_parents_only'] });
  });

  it('a parent answers in the portal ("ved ikke" stored as missing); a second submission is 409 and writes nothing', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/portal/surveys', headers: parent.headers });
    expect(list.statusCode, list.body).toBe(200);
    const [invitation] = (list.json() as { invitations: Array<{ id: string; answered: boolean }> }).invitations;
    expect(invitation).toMatchObject({ answered: false });
    const form = await t.app.inject({ method: 'GET', url: `/api/portal/surveys/${invitation!.id}`, headers: parent.headers });
    expect(form.statusCode).toBe(200);
    const themes = (form.json() as { themes: Theme[] }).themes;
    // Version 2 is in force: the 26 national items, the municipality's scale item and its free-text item.
    expect(themes.flatMap((th) => th.items)).toHaveLength(28);
    const answers = answersFor(themes, (i) => (i === 0 ? null : 4));
    const sent = await t.app.inject({ method: 'POST', url: `/api/portal/surveys/${invitation!.id}/response`, headers: parent.headers, payload: { answers } });
    expect(sent.statusCode, sent.body).toBe(201);
    const stored = await t.db.selectFrom('survey_answers as a').innerJoin('survey_items as i', 'i.id', 'a.item_id').select(['i.item_key', 'a.value']).where('a.municipality_id', '=', m.id).execute();
    expect(stored.find((s) => s.item_key === 'p_sam_1')!.value).toBeNull();
    expect(stored.filter((s) => s.value === 4)).toHaveLength(26);
    expect(await refused(() => t.app.inject({ method: 'POST', url: `/api/portal/surveys/${invitation!.id}/response`, headers: parent.headers, payload: { answers } })))
      .toMatchObject({ status: 409, code: 'already_answered' });
    // Another family's invitation does not exist for this parent.
    expect((await t.app.inject({ method: 'GET', url: `/api/portal/surveys/${invitation!.id}`, headers: otherParent.headers })).statusCode).toBe(404);
    const rate = ((await client(t.app, leader).get('/api/surveys/waves')).json() as { waves: Wave[] }).waves.find((w) => w.id === waveId)!;
    expect(rate).toMatchObject({ invited: 7, responded: 1 });
    expect(rate.responseRate).toBeCloseTo(1 / 7, 10);
  });

  it('bad answers are refused with 422 naming the answer: value outside 1-6, unknown item, text on a scale item', async () => {
    const [invitation] = ((await t.app.inject({ method: 'GET', url: '/api/portal/surveys', headers: otherParent.headers })).json() as { invitations: Array<{ id: string }> }).invitations;
    const url = `/api/portal/surveys/${invitation!.id}/response`;
    expect(await refused(() => t.app.inject({ method: 'POST', url, headers: otherParent.headers, payload: { answers: [{ itemKey: 'p_sam_1', value: 7 }, { itemKey: 'p_sam_2', value: 0 }, { itemKey: 'p_sam_3', value: 2.5 }] } })))
      .toEqual({ status: 422, code: 'survey_answers_invalid', details: ['answers.0.value out_of_scale', 'answers.1.value out_of_scale', 'answers.2.value out_of_scale'] });
    expect(await refused(() => t.app.inject({ method: 'POST', url, headers: otherParent.headers, payload: { answers: [{ itemKey: 'nope', value: 3 }, { itemKey: 'p_sam_1', value: 3, text: 'x' }] } })))
      .toEqual({ status: 422, code: 'survey_answers_invalid', details: ['answers.0.itemKey unknown_item', 'answers.1.text text_not_expected'] });
  });

  it('one-time links answer without login; the second submission is 409; unknown tokens are 404', async () => {
    const token = (await openTokens(waveId))[0]!;
    const form = await t.app.inject({ method: 'POST', url: '/api/survey-links/open', payload: { token } });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({ instrument: 'parent', model: 'sof', phase: 'baseline', answered: false, open: true });
    const answers = answersFor(parentThemes, () => 5);
    const sent = await t.app.inject({ method: 'POST', url: '/api/survey-links/answer', payload: { token: token, answers } });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(await refused(() => t.app.inject({ method: 'POST', url: '/api/survey-links/answer', payload: { token: token, answers } })))
      .toMatchObject({ status: 409, code: 'already_answered' });
    expect((await t.app.inject({ method: 'POST', url: '/api/survey-links/open', payload: { token } })).json()).toMatchObject({ answered: true });
    expect((await t.app.inject({ method: 'POST', url: '/api/survey-links/open', payload: { token: `${'x'.repeat(43)}.${m.id}` } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/survey-links/open', payload: { token: 'garbage' } })).statusCode).toBe(404);
  });

  it('results for a group under 5 say "too few answers" and show no figure; the export is refused', async () => {
    const response = await client(t.app, leader).get('/api/survey-results?instrument=parent&model=sof&series=2026');
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json() as { tooFewAnswers: boolean; themes: Array<{ byPhase: Record<string, { mean: number | null; tooFew: boolean }> }> };
    expect(result.tooFewAnswers).toBe(true);
    expect(result.themes.every((th) => th.byPhase.baseline!.mean === null && th.byPhase.baseline!.tooFew)).toBe(true);
    expect(await refused(() => client(t.app, leader).get('/api/survey-results/export.csv?instrument=parent&model=sof&series=2026')))
      .toMatchObject({ status: 422, code: 'too_few_answers' });
  });

  it('with 5 answers the means appear, with the national figures beside them, labelled', async () => {
    const tokens = await openTokens(waveId);
    for (const token of tokens.slice(0, 3)) {
      const sent = await t.app.inject({ method: 'POST', url: '/api/survey-links/answer', payload: { token: token, answers: answersFor(parentThemes, (i) => 1 + (i % 6)) } });
      expect(sent.statusCode, sent.body).toBe(201);
    }
    const result = (await client(t.app, leader).get('/api/survey-results?instrument=parent&model=sof&series=2026')).json() as {
      tooFewAnswers: boolean; respondents: Record<string, number>; referenceLabel: string;
      themes: Array<{ key: string; byPhase: Record<string, { n: number; mean: number | null }>; reference: { baseline: number } | null; items: Array<{ key: string; byPhase: Record<string, { n: number; mean: number | null }>; reference: { baseline: number; p: string } | null }> }>;
    };
    expect(result.tooFewAnswers).toBe(false);
    expect(result.respondents).toEqual({ baseline: 5, midway: 0, end: 0 });
    const sam1 = result.themes[0]!.items[0]!;
    // p_sam_1: "ved ikke" from the portal parent is missing, so n = 4 < 5 and the mean is hidden.
    expect(sam1.byPhase.baseline).toMatchObject({ n: 0, mean: null });
    const sam2 = result.themes[0]!.items[1]!;
    expect(sam2.byPhase.baseline!.n).toBe(5);
    expect(sam2.byPhase.baseline!.mean).toBeCloseTo((4 + 5 + 2 * 3) / 5, 10);
    expect(sam2.reference).toMatchObject({ baseline: 3.6, p: '0.0023*' });
    expect(result.themes.find((th) => th.key === 'tillid')!.reference).toMatchObject({ baseline: 3.7 });
    expect(result.referenceLabel).toMatch(/national evaluation/);
    // Controllers read results; coordinators do not.
    expect((await client(t.app, controller).get('/api/survey-results?instrument=parent&model=sof&series=2026')).statusCode).toBe(200);
    expect((await client(t.app, coordinator).get('/api/survey-results?instrument=parent&model=sof&series=2026')).statusCode).toBe(403);
  });

  it('CSV and PDF exports are audited as exports', async () => {
    const [last] = (await auditRowsAfter(t.db, m.id)).slice(-1);
    const csv = await client(t.app, leader).get('/api/survey-results/export.csv?instrument=parent&model=sof&series=2026');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="survey-parent-sof.csv"');
    expect(csv.headers['cache-control']).toBe('no-store');
    expect(csv.body.startsWith('\uFEFFinstrument;model;series;level;theme;item;text_da')).toBe(true);
    expect(csv.body).toContain('p_sam_2');
    const pdf = await client(t.app, leader).get('/api/survey-results/report.pdf?instrument=parent&model=sof&series=2026');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const audit = await auditRowsAfter(t.db, m.id, last?.seq ?? 0);
    expect(audit.map((r) => [r.action, r.entity_type])).toEqual([['export', 'survey_results_csv'], ['export', 'survey_results_pdf']]);
  });

  it('a closed wave takes no answers (422, nothing written)', async () => {
    const wave = ((await client(t.app, leader).get('/api/surveys/waves')).json() as { waves: Wave[] }).waves.find((w) => w.id === waveId)!;
    const closed = await client(t.app, leader).post(`/api/surveys/waves/${waveId}/close`, { version: wave.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(await refused(() => client(t.app, leader).post(`/api/surveys/waves/${waveId}/close`, { version: wave.version }))).toMatchObject({ status: 409 });
    const token = (await openTokens(waveId))[0]!;
    expect(await refused(() => t.app.inject({ method: 'POST', url: '/api/survey-links/answer', payload: { token: token, answers: answersFor(parentThemes, () => 3) } })))
      .toMatchObject({ status: 422, code: 'wave_closed' });
  });
});

describe('anonymity: no join leads from a response to a person', () => {
  it('the response and answer tables hold no person, case, invitation or time column, and no foreign key to them', async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = 'public' and table_name in ('survey_responses', 'survey_answers') order by table_name, ordinal_position`.execute(t.db);
    expect(columns.rows.map((r) => `${r.table_name}.${r.column_name}`)).toEqual([
      'survey_answers.municipality_id', 'survey_answers.response_id', 'survey_answers.item_id', 'survey_answers.value', 'survey_answers.free_text',
      'survey_responses.id', 'survey_responses.municipality_id', 'survey_responses.wave_id', 'survey_responses.instrument_version_id', 'survey_responses.pairing_key',
    ]);
    const fks = await sql<{ table_name: string; target: string }>`
      select tc.table_name, ccu.table_name as target from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
       where tc.constraint_type = 'FOREIGN KEY' and tc.table_name in ('survey_responses', 'survey_answers')`.execute(t.db);
    expect([...new Set(fks.rows.map((r) => r.target))].sort()).toEqual(['municipalities', 'survey_instrument_versions', 'survey_items', 'survey_responses', 'survey_waves']);
    // Nothing that points at a response: the invitation only has its responded flag.
    const toResponses = await sql<{ table_name: string }>`
      select tc.table_name from information_schema.table_constraints tc
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name
       where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'survey_responses' and tc.table_name <> 'survey_answers'`.execute(t.db);
    expect(toResponses.rows).toEqual([]);
  });

  it('no stored pairing key equals any id of a person, case, user or invitation', async () => {
    const keys = (await t.db.selectFrom('survey_responses').select('pairing_key').execute()).map((r) => r.pairing_key);
    expect(keys.every((k) => typeof k === 'string' && k.length === 22)).toBe(true);
    const ids = await sql<{ id: string }>`select id::text from persons union all select id::text from cases union all select id::text from users union all select id::text from survey_invitations`.execute(t.db);
    const all = new Set(ids.rows.map((r) => r.id));
    expect(keys.some((k) => all.has(k!))).toBe(false);
  });

  it('no API answer about results or waves carries a person, case or invitation id', async () => {
    const invitationIds = (await t.db.selectFrom('survey_invitations').select('id').execute()).map((r) => r.id);
    const personIds = families.flatMap((f) => [f.parent.id, f.child.id, f.caseId, f.familyId]);
    for (const url of ['/api/survey-results?instrument=parent&model=sof&series=2026', '/api/survey-results/series', '/api/surveys/waves', '/api/survey-results/export.csv?instrument=parent&model=sof&series=2026']) {
      const body = (await client(t.app, leader).get(url)).body;
      for (const id of [...invitationIds, ...personIds]) expect(body.includes(id), `${url} names ${id}`).toBe(false);
    }
  });
});

describe('free text, staff survey, continuous mode and reminders', () => {
  it('free text is pooled and shown only from 5 texts, never per family', async () => {
    const created = await client(t.app, leader).post('/api/surveys/waves', { instrument: 'parent', model: 'sof', series: 'fritekst', phase: 'baseline', opensOn: '2026-11-01' });
    const id = (created.json() as { waves: Wave[] }).waves.find((w) => w.series === 'fritekst')!.id;
    await client(t.app, leader).post(`/api/surveys/waves/${id}/invitations`);
    const tokens = await linkTokens(id);
    const texts = ['Godt', 'Fint', 'Mere tid', 'Tak', 'Hurtigere svar', 'Ok'];
    for (const [index, token] of tokens.slice(0, 4).entries()) {
      expect((await t.app.inject({ method: 'POST', url: '/api/survey-links/answer', payload: { token: token, answers: [{ itemKey: 'm_kommentar', text: texts[index] }, { itemKey: 'p_sam_2', value: 3 }] } })).statusCode).toBe(201);
    }
    const few = (await client(t.app, leader).get('/api/survey-results?instrument=parent&model=sof&series=fritekst')).json() as { freeText: Array<{ answers: string[] | null; tooFew: boolean }> };
    expect(few.freeText).toEqual([expect.objectContaining({ answers: null, tooFew: true })]);
    await t.app.inject({ method: 'POST', url: '/api/survey-links/answer', payload: { token: tokens[4], answers: [{ itemKey: 'm_kommentar', text: texts[4] }] } });
    const enough = (await client(t.app, leader).get('/api/survey-results?instrument=parent&model=sof&series=fritekst')).json() as { freeText: Array<{ answers: string[] | null }> };
    expect(enough.freeText[0]!.answers).toEqual(['Fint', 'Godt', 'Hurtigere svar', 'Mere tid', 'Tak']);
  });

  it('staff answer the staff survey in the app', async () => {
    const created = await client(t.app, leader).post('/api/surveys/waves', { instrument: 'staff', model: 'sof', series: '2026', phase: 'baseline', opensOn: '2026-11-01' });
    const id = (created.json() as { waves: Wave[] }).waves.find((w) => w.instrument === 'staff')!.id;
    expect((await client(t.app, leader).post(`/api/surveys/waves/${id}/invitations`)).json()).toMatchObject({ invited: 1 });
    const mine = (await client(t.app, coordinator).get('/api/surveys/my-invitations')).json() as { invitations: Array<{ id: string; instrument: string }> };
    expect(mine.invitations).toEqual([expect.objectContaining({ instrument: 'staff' })]);
    const form = (await client(t.app, coordinator).get(`/api/surveys/invitations/${mine.invitations[0]!.id}`)).json() as { themes: Theme[] };
    const sent = await client(t.app, coordinator).post(`/api/surveys/invitations/${mine.invitations[0]!.id}/response`, { answers: answersFor(form.themes, () => 4) });
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await client(t.app, leader).get(`/api/surveys/invitations/${mine.invitations[0]!.id}`)).statusCode).toBe(404);
  });

  it('continuous mode invites at case start, after 6 months and at case end, by the clock', async () => {
    const other = await makeMunicipality(t.db);
    const boss = await loginAs(t.app, await makeUser(t.db, other, { roles: ['department_head'], department: 'child_disability' }));
    const lead = await makeUser(t.db, other, { roles: ['coordinator'] });
    const family = await makeFamilyWithCase(t.db, other, { lead, model: 'efei', openedOn: '2026-11-10' });
    await givePortalEmail(t.db, family.parent.id);
    expect((await client(t.app, boss).post('/api/surveys/waves', { instrument: 'parent', model: 'efei', series: 'Løbende', mode: 'continuous', opensOn: '2026-11-01' })).statusCode).toBe(201);
    const phasesInvited = async () => (await t.db.selectFrom('survey_invitations as i').innerJoin('survey_waves as w', 'w.id', 'i.wave_id').select('w.phase')
      .where('i.person_id', '=', family.parent.id).execute()).map((r) => r.phase).sort();
    expect((await client(t.app, boss).post('/api/surveys/continuous/run')).json()).toEqual({ invited: 1 });
    expect(await phasesInvited()).toEqual(['baseline']);
    t.clock.set('2027-05-11T10:00:00Z');
    const boss2 = await loginAs(t.app, (await t.db.selectFrom('users').select(['email']).where('municipality_id', '=', other.id).where('roles', '@>', sql<string[]>`array['department_head']`).executeTakeFirstOrThrow()) as never);
    expect((await client(t.app, boss2).post('/api/surveys/continuous/run')).json()).toEqual({ invited: 1 });
    expect(await phasesInvited()).toEqual(['baseline', 'midway']);
    await t.db.updateTable('cases').set({ status: 'closed', closed_on: '2027-05-11' }).where('id', '=', family.caseId).execute();
    expect((await client(t.app, boss2).post('/api/surveys/continuous/run')).json()).toEqual({ invited: 1 });
    expect((await client(t.app, boss2).post('/api/surveys/continuous/run')).json()).toEqual({ invited: 0 });
    expect(await phasesInvited()).toEqual(['baseline', 'end', 'midway']);
    t.clock.set('2026-11-22T10:00:00Z');
  });

  it('reminders go through the outbox after 7 days with a renewed link; the old link stops working', async () => {
    const created = await client(t.app, leader).post('/api/surveys/waves', { instrument: 'parent', model: 'sof', series: 'påmind', phase: 'baseline', opensOn: '2026-11-01' });
    const id = (created.json() as { waves: Wave[] }).waves.find((w) => w.series === 'påmind')!.id;
    await client(t.app, leader).post(`/api/surveys/waves/${id}/invitations`);
    const [first] = await linkTokens(id);
    expect((await client(t.app, leader).post(`/api/surveys/waves/${id}/reminders`)).json()).toEqual({ reminded: 0 });
    t.clock.set('2026-11-30T10:00:00Z');
    const session = await loginAs(t.app, (await t.db.selectFrom('users').select(['email']).where('municipality_id', '=', m.id).where('roles', '@>', sql<string[]>`array['team_leader']`).executeTakeFirstOrThrow()) as never);
    expect((await client(t.app, session).post(`/api/surveys/waves/${id}/reminders`)).json()).toEqual({ reminded: 7 });
    const reminders = await t.db.selectFrom('outbox_messages').select(['body', 'subject']).where('dedupe_key', 'like', 'survey-remind:%').execute();
    expect(reminders).toHaveLength(7);
    expect(reminders[0]!.subject).toMatch(/^Påmindelse/);
    expect((await t.app.inject({ method: 'POST', url: '/api/survey-links/open', payload: { token: first } })).statusCode).toBe(404);
    const renewed = /\/survey\/([A-Za-z0-9_-]{43}\.[0-9a-f-]{36})/.exec(reminders[0]!.body)![1]!;
    expect((await t.app.inject({ method: 'POST', url: '/api/survey-links/open', payload: { token: renewed } })).statusCode).toBe(200);
    t.clock.set('2026-11-22T10:00:00Z');
  });

  it('the worker step invites continuous waves by the clock and reminds after 7 days, once each, audited as the system', async () => {
    const other = await makeMunicipality(t.db);
    const boss = await loginAs(t.app, await makeUser(t.db, other, { roles: ['department_head'], department: 'child_disability' }));
    const lead = await makeUser(t.db, other, { roles: ['coordinator'] });
    const family = await makeFamilyWithCase(t.db, other, { lead, model: 'sof', openedOn: '2026-11-15' });
    await givePortalEmail(t.db, family.parent.id);
    expect((await client(t.app, boss).post('/api/surveys/waves', { instrument: 'parent', model: 'sof', series: 'Løbende (worker)', mode: 'continuous', opensOn: '2026-11-01' })).statusCode).toBe(201);
    const ofOther = () => t.db.selectFrom('outbox_messages').select(['dedupe_key']).where('municipality_id', '=', other.id).where('dedupe_key', 'like', 'survey-%').execute();
    const first = await scheduleSurveys(t.db, t.clock, 'https://tovholder.test');
    expect(first.invited).toBeGreaterThanOrEqual(1);
    expect((await ofOther()).map((r) => r.dedupe_key.split(':')[0])).toEqual(['survey-invite']);
    // The same day again: nothing new (one invitation per parent and wave; no reminder yet).
    const again = await scheduleSurveys(t.db, t.clock, 'https://tovholder.test');
    expect(await ofOther()).toHaveLength(1);
    expect(again.invited).toBe(0);
    // Six days later still no reminder; on the 7th day one, and not a second the same day.
    t.clock.set('2026-11-28T10:00:00Z');
    await scheduleSurveys(t.db, t.clock, 'https://tovholder.test');
    expect(await ofOther()).toHaveLength(1);
    t.clock.set('2026-11-29T10:00:00Z');
    await scheduleSurveys(t.db, t.clock, 'https://tovholder.test');
    await scheduleSurveys(t.db, t.clock, 'https://tovholder.test');
    expect((await ofOther()).map((r) => r.dedupe_key.split(':')[0]).sort()).toEqual(['survey-invite', 'survey-remind']);
    const audited = await t.db.selectFrom('audit_log').select(['actor_role', 'entry']).where('municipality_id', '=', other.id).where('entity_type', '=', 'survey_invitations').execute();
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(audited.every((a) => a.actor_role === 'system' && (a.entry as { reason?: string }).reason === 'survey_schedule')).toBe(true);
    t.clock.set('2026-11-22T10:00:00Z');
  });
});

