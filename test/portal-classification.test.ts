import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { visibilities, type Visibility } from '../src/platform/policy/visibility.js';
import { createTestApp, listRoutes, testNow, type TestApp } from './app.js';
import { addAssignment, makeFamilyWithCase, makeMunicipality, makeUser, type TestFamily, type TestMunicipality, type TestUser } from './factories.js';
import { givePortalEmail, loginToPortal, type PortalSession } from './portal-fixtures.js';

/**
 * Issue 5 item 2: "Nothing marked internal ever reaches the portal: every piece of case information is classified
 * (internal / shared with the family / shared with partners), and a matrix test proves it for every endpoint."
 *
 * One family gets a record of every classified column (every `visibility` / `*_visibility` column in the database)
 * in all three classifications, each carrying a unique marker. Every portal GET route, read from Fastify's route
 * table, is called; no internal marker may appear anywhere, and every family/partners marker must appear where the
 * family looks for it. A portal GET route missing from the call list, or a classified column missing from the
 * seed, fails the test, so a new endpoint or table cannot slip past.
 */

let t: TestApp;
let m: TestMunicipality;
let coordinator: TestUser;
let buddy: TestUser;
let partner: TestUser;
let family: TestFamily;
let other: TestFamily;
let portal: PortalSession;

/** The classified columns the matrix seeds, as table.column. */
const seeded = new Set<string>();
const marker = (v: Visibility | 'gated' | 'other', column: string) => {
  seeded.add(column);
  return `MARK-${v}-${column}`;
};
const ids = { shared: '', partners: '', minutesInternal: '', analysis: '', upcoming: [] as string[], other: '', documents: {} as Record<Visibility | 'other', string> };

async function meeting(f: TestFamily, values: {
  type?: string; status: 'planned' | 'closed'; at: string; visibility: Visibility; minutesVisibility?: Visibility; minutes?: string; location?: string; title?: string;
}): Promise<string> {
  const row = await t.db.insertInto('meetings').values({
    municipality_id: m.id, case_id: f.caseId, type: values.type ?? 'network_meeting', template: 'loft', scheduled_at: values.at, status: values.status,
    closed_at: values.status === 'closed' ? values.at : null, closed_by: values.status === 'closed' ? coordinator.id : null,
    next_meeting_on: values.status === 'closed' ? '2027-02-01' : null, created_by: coordinator.id, title: values.title ?? null, location: values.location ?? null,
    minutes: values.minutes ?? null, visibility: values.visibility, minutes_visibility: values.minutesVisibility ?? 'internal',
  }).returning('id').executeTakeFirstOrThrow();
  await t.db.insertInto('meeting_participants').values({ municipality_id: m.id, meeting_id: row.id, kind: 'user', user_id: coordinator.id, role: 'chair' }).execute();
  return row.id;
}

/** A point, a decision and an agreement of the meeting in the given classification, each with its marker. */
async function meetingItems(meetingId: string, v: Visibility | 'gated' | 'other', visibility: Visibility): Promise<void> {
  await t.db.insertInto('meeting_agenda_points').values({
    municipality_id: m.id, meeting_id: meetingId, column_key: 'worries', text: marker(v, 'meeting_agenda_points.visibility'), position: 1, created_by: coordinator.id, visibility,
  }).execute();
  await t.db.insertInto('meeting_decisions').values({
    municipality_id: m.id, meeting_id: meetingId, text: marker(v, 'meeting_decisions.visibility'), created_by: coordinator.id, visibility,
  }).execute();
  await t.db.insertInto('meeting_agreements').values({
    municipality_id: m.id, meeting_id: meetingId, text: marker(v, 'meeting_agreements.visibility'), owner_user_id: partner.id, due_on: '2026-12-15',
    created_by: coordinator.id, visibility,
  }).execute();
}

async function plan(f: TestFamily): Promise<void> {
  const p = await t.db.insertInto('joint_plans').values({ municipality_id: m.id, family_id: f.familyId, latest_version: 1, created_by: coordinator.id })
    .returning('id').executeTakeFirstOrThrow();
  const version = await t.db.insertInto('joint_plan_versions').values({
    municipality_id: m.id, plan_id: p.id, number: 1, reason: 'Første plan', created_by: coordinator.id, created_at: '2026-11-01T09:00:00Z',
  }).returning('id').executeTakeFirstOrThrow();
  for (const [position, v] of visibilities.entries()) {
    const text = marker(v, 'joint_plan_goals.visibility');
    const goal = await t.db.insertInto('joint_plan_goals').values({
      municipality_id: m.id, version_id: version.id, goal_key: randomUUID(), position, title: text, horizon: 'short', specific: `${text} S`,
      measurable: 'M', accepted: 'A', realistic: 'R', starts_on: '2026-11-01', ends_on: '2027-03-01', evaluation: 'E', visibility: v,
      professional_assessment: `${text} assessment`,
    }).returning('id').executeTakeFirstOrThrow();
    await t.db.insertInto('joint_plan_goal_owners').values({ municipality_id: m.id, goal_id: goal.id, kind: 'partner', partner_name: `${text} owner`, position: 0 }).execute();
    await t.db.insertInto('joint_plan_activities').values({
      municipality_id: m.id, goal_id: goal.id, position: 0, description: `${text} activity`, responsible_kind: 'user', responsible_user_id: coordinator.id, due_on: '2027-01-10',
    }).execute();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Mette Kontakt' });
  buddy = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Jonas Makker' });
  partner = await makeUser(t.db, m, { roles: ['external_partner'], department: 'school', name: 'Anne Skole' });
  await t.db.updateTable('users').set({ phone: '+45 11 22 33 44', reachable_hours: 'Man-tor 9-12' }).where('id', '=', coordinator.id).execute();
  family = await makeFamilyWithCase(t.db, m, { lead: coordinator });
  await addAssignment(t.db, family.caseId, buddy, 'buddy');
  other = await makeFamilyWithCase(t.db, m, { lead: coordinator });

  // Held meetings: one shared with the family, one with partners (and so the family), one whose minutes text is
  // internal, and an analysis meeting (held without the family): internal, so nothing in it reaches the portal
  // whatever its items say ("gated").
  ids.shared = await meeting(family, { status: 'closed', at: '2026-10-05T08:00:00Z', visibility: 'family', minutesVisibility: 'family',
    minutes: marker('family', 'meetings.minutes_visibility'), title: 'TITLE-never-shared-1' });
  ids.partners = await meeting(family, { status: 'closed', at: '2026-10-12T08:00:00Z', visibility: 'partners', minutesVisibility: 'partners',
    minutes: marker('partners', 'meetings.minutes_visibility'), title: 'TITLE-never-shared-2' });
  ids.minutesInternal = await meeting(family, { status: 'closed', at: '2026-10-19T08:00:00Z', visibility: 'family', minutesVisibility: 'internal',
    minutes: marker('internal', 'meetings.minutes_visibility') });
  ids.analysis = await meeting(family, { type: 'analysis_meeting', status: 'closed', at: '2026-10-26T08:00:00Z', visibility: 'internal', minutesVisibility: 'family',
    minutes: marker('gated', 'meetings.minutes_visibility'), location: marker('gated', 'meetings.visibility') });
  for (const v of visibilities) await meetingItems(ids.shared, v, v);
  await meetingItems(ids.analysis, 'gated', 'family');
  // Coming meetings in each classification; the place carries the marker, the staff's title never leaves staff.
  for (const [i, v] of visibilities.entries()) {
    ids.upcoming.push(await meeting(family, {
      status: 'planned', at: `2026-12-0${i + 1}T09:00:00Z`, visibility: v, location: marker(v, 'meetings.visibility'), title: `TITLE-never-shared-upcoming-${v}`,
    }));
  }
  await plan(family);
  for (const v of visibilities) {
    await t.db.insertInto('annual_wheel_activities').values({
      municipality_id: m.id, family_id: family.familyId, case_id: family.caseId, year: 2026, month: 12, kind: 'other',
      title: marker(v, 'annual_wheel_activities.visibility'), created_by: coordinator.id, visibility: v,
    }).execute();
  }
  // Another family of the same municipality, everything shared with them: never seen by our parent.
  ids.other = await meeting(other, { status: 'closed', at: '2026-10-05T08:00:00Z', visibility: 'family', minutesVisibility: 'family',
    minutes: marker('other', 'meetings.minutes_visibility'), location: marker('other', 'meetings.visibility') });
  await meetingItems(ids.other, 'other', 'family');
  await t.db.insertInto('annual_wheel_activities').values({
    municipality_id: m.id, family_id: other.familyId, year: 2026, month: 12, kind: 'other', title: marker('other', 'annual_wheel_activities.visibility'), visibility: 'family',
  }).execute();

  // Documents (issue 5, migration 0016): the marker in the title (the list) and in the file itself (the download).
  for (const [f, v, visibility] of [[family, 'internal', 'internal'], [family, 'family', 'family'], [family, 'partners', 'partners'], [other, 'other', 'family']] as const) {
    const text = marker(v, 'case_documents.visibility');
    const content = Buffer.from(`${text} content`);
    ids.documents[v] = (await t.db.insertInto('case_documents').values({
      municipality_id: m.id, case_id: f.caseId, title: text, file_name: 'note.txt', content_type: 'text/plain', size_bytes: content.length,
      sha256: 'b'.repeat(64), content, visibility, uploaded_by: coordinator.id,
    }).returning('id').executeTakeFirstOrThrow()).id;
  }

  portal = await loginToPortal(t.app, t.db, await givePortalEmail(t.db, family.parent.id));
});

afterAll(async () => {
  await t?.close();
});

/** Routes under /api/portal that show no case information and are called without a session (the login). */
const loginRoutes = new Set(['/api/portal/login/options', '/api/portal/oidc/start', '/api/portal/oidc/callback']);

/** Every portal GET route and the URLs the matrix calls it with. A new route must be added here (the test says so). */
function callList(): Record<string, string[]> {
  const meetingIds = [ids.shared, ids.partners, ids.minutesInternal, ids.analysis, ...ids.upcoming, ids.other];
  return {
    '/api/portal/me': ['/api/portal/me'],
    '/api/portal/plan': ['/api/portal/plan'],
    '/api/portal/contact': ['/api/portal/contact'],
    '/api/portal/agreements': ['/api/portal/agreements'],
    '/api/portal/meetings': ['/api/portal/meetings'],
    '/api/portal/meetings/:id/minutes': meetingIds.map((id) => `/api/portal/meetings/${id}/minutes`),
    '/api/portal/annual-wheel': ['/api/portal/annual-wheel', '/api/portal/annual-wheel?year=2026', '/api/portal/annual-wheel?year=2027'],
    '/api/portal/reminder-preference': ['/api/portal/reminder-preference'],
    // Issue 5 items 3-5 (other modules): called with every meeting and child id of both families.
    '/api/portal/meetings/:id/preparation': meetingIds.map((id) => `/api/portal/meetings/${id}/preparation`),
    '/api/portal/meeting-tasks': ['/api/portal/meeting-tasks'],
    '/api/portal/contact-agreement': ['/api/portal/contact-agreement'],
    '/api/portal/consents': ['/api/portal/consents'],
    '/api/portal/children': ['/api/portal/children'],
    '/api/portal/children/:id/child-page': [family.child.id, other.child.id].map((id) => `/api/portal/children/${id}/child-page`),
    '/api/portal/threads': ['/api/portal/threads'],
    '/api/portal/threads/:id': [`/api/portal/threads/${randomUUID()}`],
    // Documents (issue 5): the list, and the download of every seeded document (both families, every classification).
    '/api/portal/documents': ['/api/portal/documents'],
    '/api/portal/documents/:id/content': Object.values(ids.documents).map((id) => `/api/portal/documents/${id}/content`),
    // Issue 8 items 2-3: decision letters (always for the family) and where pending decisions are.
    '/api/portal/decisions': ['/api/portal/decisions'],
    // Issue 10: the parent survey in the portal (the other family's invitation and an unknown id must not open).
    '/api/portal/surveys': ['/api/portal/surveys'],
    '/api/portal/surveys/:id': [`/api/portal/surveys/${randomUUID()}`],
  };
}

const responses = new Map<string, { status: number; body: string }>();

describe('the classification matrix (issue 5 item 2)', () => {
  it('every classified column in the database is seeded by the matrix', async () => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
       where table_schema = 'public' and (column_name = 'visibility' or column_name like '%\\_visibility' escape '\\')`.execute(t.db);
    const inDatabase = columns.rows.map((c) => `${c.table_name}.${c.column_name}`).sort();
    expect(inDatabase.length).toBeGreaterThan(0);
    expect([...seeded].sort()).toEqual(inDatabase);
  });

  it('every portal GET route is in the matrix\'s call list', () => {
    const routes = listRoutes(t.app).filter((r) => r.method === 'GET' && r.path.startsWith('/api/portal/') && !loginRoutes.has(r.path)).map((r) => r.path);
    const list = callList();
    expect(routes.filter((path) => !(path in list)), 'portal GET routes missing from callList() in test/portal-classification.test.ts').toEqual([]);
    expect(Object.keys(list).filter((path) => !routes.includes(path)), 'callList() names routes that no longer exist').toEqual([]);
  });

  it('no internal marker, staff title or other family\'s record reaches any portal endpoint', async () => {
    const leaks: string[] = [];
    for (const [path, urls] of Object.entries(callList())) {
      for (const url of urls) {
        const response = await t.app.inject({ method: 'GET', url, headers: portal.headers });
        expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
        responses.set(url, { status: response.statusCode, body: response.body });
        // Every leak at once, named by route and marker, so a failure says exactly what reached the family.
        for (const found of response.body.match(/(MARK-(internal|gated|other)-[a-z_.]+|TITLE-never-shared[a-z0-9-]*)/g) ?? []) leaks.push(`${path} ${url}: ${found}`);
      }
    }
    expect([...new Set(leaks)]).toEqual([]);
  });

  it('every marker shared with the family (or family and partners) appears where the family looks for it', () => {
    const body = (url: string) => {
      const r = responses.get(url);
      expect(r?.status, url).toBe(200);
      return r!.body;
    };
    const expected: Record<string, string[]> = {
      'meetings.visibility': ['/api/portal/meetings', '/api/portal/annual-wheel?year=2026'],
      'meetings.minutes_visibility': [`/api/portal/meetings/${ids.shared}/minutes`, `/api/portal/meetings/${ids.partners}/minutes`],
      'meeting_agenda_points.visibility': [`/api/portal/meetings/${ids.shared}/minutes`],
      'meeting_decisions.visibility': [`/api/portal/meetings/${ids.shared}/minutes`],
      'meeting_agreements.visibility': ['/api/portal/agreements', `/api/portal/meetings/${ids.shared}/minutes`],
      'joint_plan_goals.visibility': ['/api/portal/plan'],
      'annual_wheel_activities.visibility': ['/api/portal/annual-wheel?year=2026'],
      'case_documents.visibility': ['/api/portal/documents', ...(['family', 'partners'] as const).map((v) => `/api/portal/documents/${ids.documents[v]}/content`)],
    };
    expect(Object.keys(expected).sort()).toEqual([...seeded].sort());
    for (const [column, urls] of Object.entries(expected)) {
      const shown = urls.map(body).join('\n');
      if (column === 'meetings.visibility') {
        // The place of each coming meeting; the wheel shows the meeting by type and date.
        for (const v of ['family', 'partners']) expect(body('/api/portal/meetings'), column).toContain(`MARK-${v}-${column}`);
        continue;
      }
      if (column === 'meetings.minutes_visibility') {
        expect(body(urls[0]!)).toContain(`MARK-family-${column}`);
        expect(body(urls[1]!)).toContain(`MARK-partners-${column}`);
        continue;
      }
      for (const v of ['family', 'partners']) expect(shown, `${column} ${v}`).toContain(`MARK-${v}-${column}`);
    }
  });

  it('the family reads minutes only of their own held, shared meetings; anything else is 404', () => {
    expect(responses.get(`/api/portal/meetings/${ids.minutesInternal}/minutes`)?.status).toBe(200);
    for (const id of [ids.analysis, ids.other, ...ids.upcoming]) expect(responses.get(`/api/portal/meetings/${id}/minutes`)?.status, id).toBe(404);
    // An internal document, and another family's shared one, cannot be downloaded: 404 like an unknown id.
    for (const v of ['internal', 'other'] as const) expect(responses.get(`/api/portal/documents/${ids.documents[v]}/content`)?.status, v).toBe(404);
    // The shared ones come back as the file itself, in each classification the family may see.
    expect(responses.get(`/api/portal/documents/${ids.documents.family}/content`)?.body).toBe('MARK-family-case_documents.visibility content');
    expect(responses.get(`/api/portal/documents/${ids.documents.partners}/content`)?.body).toBe('MARK-partners-case_documents.visibility content');
    const minutes = JSON.parse(responses.get(`/api/portal/meetings/${ids.minutesInternal}/minutes`)!.body) as { minutes: string | null };
    expect(minutes.minutes).toBeNull();
  });

  it('the coming meetings list shows time, type, place and who takes part, and the wheel shows the shared ones', () => {
    const list = JSON.parse(responses.get('/api/portal/meetings')!.body) as {
      upcoming: Array<{ id: string; type: string; participants: Array<{ name: string; role: string; category: string }> }>; withMinutes: Array<{ id: string }>;
    };
    expect(list.upcoming.map((u) => u.id)).toEqual([ids.upcoming[1], ids.upcoming[2]]);
    expect(list.upcoming[0]!.participants).toEqual([{ name: 'Mette Kontakt', category: 'staff', role: 'chair', organisation: expect.any(String) }]);
    expect(list.withMinutes.map((w) => w.id)).toEqual([ids.partners, ids.shared]);
    const wheel = JSON.parse(responses.get('/api/portal/annual-wheel?year=2026')!.body) as { months: Array<{ month: number; activities: Array<{ key: string; title: string | null }> }> };
    const december = wheel.months[11]!.activities;
    expect(december.filter((a) => a.title === null).map((a) => a.key)).toEqual([ids.upcoming[1], ids.upcoming[2]]);
  });

  it('the contact person comes with phone, e-mail, reachable hours and the buddy', () => {
    const contact = JSON.parse(responses.get('/api/portal/contact')!.body) as unknown;
    expect(contact).toEqual({
      contacts: [{
        name: 'Mette Kontakt', role: 'family_coordinator', phone: '+45 11 22 33 44', email: coordinator.email, reachableHours: 'Man-tor 9-12',
        children: [family.child.firstName], buddies: [{ name: 'Jonas Makker', phone: expect.any(String), email: buddy.email, reachableHours: null }],
      }],
    });
  });

  it('every portal read is audited as the parent, naming the family', async () => {
    const rows = await t.db.selectFrom('audit_log').select(['entity_type', sql<string>`entry->>'person'`.as('person'), 'family_ids'])
      .where('entity_type', 'in', ['portal_contact', 'portal_agreements', 'portal_meetings', 'portal_minutes', 'portal_annual_wheel']).execute();
    expect(new Set(rows.map((r) => r.entity_type))).toEqual(new Set(['portal_contact', 'portal_agreements', 'portal_meetings', 'portal_minutes', 'portal_annual_wheel']));
    for (const r of rows) {
      expect(r.person).toBe(family.parent.id);
      expect(r.family_ids).toEqual([family.familyId]);
    }
  });

  it('without a portal session every portal view is 401', async () => {
    for (const url of ['/api/portal/contact', '/api/portal/agreements', '/api/portal/meetings', `/api/portal/meetings/${ids.shared}/minutes`, '/api/portal/annual-wheel']) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
    }
  });
});

it('the test clock is the one the seed assumes', () => {
  expect(testNow.startsWith('2026-11')).toBe(true);
});
