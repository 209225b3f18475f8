import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDefinition } from '../src/modules/status-measurement/definitions.js';
import { createTestApp, testToday, type TestApp } from './app.js';
import { makeAssessmentRecords } from './assessment-fixtures.js';
import { makeDecisionRecords } from './decision-fixtures.js';
import { makeDocumentRecords } from './document-fixtures.js';
import {
  addTeamMember, client, loginAs, makeFamilyWithCase, makeMeasure, makeMeetingRecords, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { makeFollowUpRecords } from './follow-up-fixtures.js';
import { makeLeadingPracticeRecords } from './leading-practice-fixtures.js';
import { givePortalEmail, loginToPortal, type PortalSession } from './portal-fixtures.js';
import { snapshotTenant } from './inspect.js';

/**
 * Every route that changes an existing record is versioned (docs/api.md "Records carry version"): the body names the
 * version the caller edited and a stale one is 409 version_conflict with nothing written. The routes are read from
 * the app's own OpenAPI document, so a new PUT or PATCH fails here until it has a version and an entry in `editors`.
 */

let t: TestApp;
let m: TestMunicipality;
let lead: TestUser;
let admin: TestUser;
let partner: TestUser;
let sessions: Record<'lead' | 'admin' | 'partner', Session>;
/** The parent of `portalFamily`, logged in to the family portal (issue 5). */
let parent: PortalSession;
let portalFamily: TestFamily;

type Persona = 'lead' | 'admin' | 'partner' | 'parent';
interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: JsonSchema }>;
}
interface JsonSchema { type?: string; required?: string[]; properties?: Record<string, JsonSchema> }
interface OpenApiDocument { paths: Record<string, Record<string, OpenApiOperation>> }

/**
 * PUT/PATCH routes whose body needs no `version`, each with why. Keep it short: a route belongs here only when a
 * lost update is impossible, or when the record is versioned under another name that the behavioural table proves.
 */
const unversionedEdits: Record<string, string> = {
  // Each revision is a new row numbered `revision` (001:429-433, earlier agreements stay visible); the body's
  // `revision` is the version edited, and a stale one is 409 version_conflict (proven in `editors` below).
  'PUT /api/families/:id/contact-agreement': 'versioned by `revision`: every revision is a new row, a stale revision is 409',
  'PUT /api/portal/contact-agreement': 'versioned by `revision`: the family\'s own revision of the same agreement',
};

/**
 * DELETE routes without a `version` query, each with why no concurrent change can be lost by removing the row.
 * Versioned records (measures, agenda points, documents) are removed only at the version the caller saw.
 */
const unversionedDeletes: Record<string, string> = {
  'DELETE /api/meeting-participants/:id': 'a participant row has no editable fields (no PATCH): removing it can discard no one\'s change',
  'DELETE /api/meeting-decisions/:id': 'a meeting decision has no editable text (no PATCH): removing it can discard no one\'s change',
  'DELETE /api/calendar/subscription': 'revokes the caller\'s own feed token; idempotent, nothing of anyone else\'s is on the row',
};

/** A record that a route edits, set up for one request: the version lives in `table`'s row at `key`. */
interface Editor {
  as: Persona;
  url: string;
  /** A body the route accepts at the given version; only the version is left to decide the answer. */
  body: (version: number) => Record<string, unknown>;
  /** Reads the record's current version, and raises it by one as another person's save would. */
  version: () => Promise<number>;
  bump: () => Promise<void>;
  /** The status of an accepted save (200 unless the route says otherwise). */
  success?: number;
}

/** The version of one row, read and raised by the connecting role (row-level security does not apply to it). */
function versionOf(table: string, key: Record<string, string | number>) {
  const where = sql.join(Object.entries(key).map(([column, value]) => sql`${sql.ref(column)} = ${value}`), sql` and `);
  return {
    version: async () => {
      const rows = await sql<{ version: number }>`select version from ${sql.table(table)} where ${where}`.execute(t.db);
      expect(rows.rows, `${table} ${JSON.stringify(key)}`).toHaveLength(1);
      return rows.rows[0]!.version;
    },
    bump: async () => {
      await sql`update ${sql.table(table)} set version = version + 1 where ${where}`.execute(t.db);
    },
  };
}

const familyWithCase = (options: Parameters<typeof makeFamilyWithCase>[2] = {}) => makeFamilyWithCase(t.db, m, { lead, ...options });
/** A child of 16½ on testToday: the transition track is shown (from 16) and open (before 18). */
const sixteenYearOld = '2010-05-10';

/** A network meeting next month, shared with the family so the parent may prepare it in the portal. */
async function plannedMeeting(family: TestFamily): Promise<string> {
  const row = await t.db.insertInto('meetings').values({
    municipality_id: m.id, case_id: family.caseId, type: 'network_meeting', scheduled_at: '2026-12-01T09:00:00Z', created_by: lead.id, visibility: 'family',
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A contact agreement with two revisions, written through the API like staff would. */
async function contactAgreementAtRevision2(familyId: string): Promise<void> {
  for (const revision of [0, 1]) {
    const saved = await client(t.app, sessions.lead).request('PUT', `/api/families/${familyId}/contact-agreement`, { channels: ['phone'], everyDays: 14 + revision, revision });
    expect(saved.statusCode, saved.body).toBe(200);
  }
}
function latestRevision(familyId: string) {
  return {
    version: async () => {
      const row = await t.db.selectFrom('contact_agreements').select((eb) => eb.fn.max('revision').as('revision')).where('family_id', '=', familyId).executeTakeFirstOrThrow();
      return Number(row.revision);
    },
    bump: () => Promise.reject(new Error('set up at revision 2 already')),
  };
}

/**
 * Every PUT and PATCH route, by its OpenAPI path, with a setup that creates the record it edits. A route missing here
 * fails the coverage test below.
 */
const editors: Record<string, () => Promise<Editor>> = {
  'PATCH /api/municipality': async () => ({ as: 'admin', url: '/api/municipality', body: (version) => ({ name: m.name, version }), ...versionOf('municipalities', { id: m.id }) }),
  'PATCH /api/users/:id': async () => {
    const user = await makeUser(t.db, m, { roles: ['coordinator'] });
    return { as: 'admin', url: `/api/users/${user.id}`, body: (version) => ({ name: 'Omdøbt Bruger', version }), ...versionOf('users', { id: user.id }) };
  },
  'PATCH /api/families/:id': async () => {
    const f = await familyWithCase();
    return { as: 'lead', url: `/api/families/${f.familyId}`, body: (version) => ({ notes: 'Nye noter', version }), ...versionOf('families', { id: f.familyId }) };
  },
  'PATCH /api/persons/:id': async () => {
    const f = await familyWithCase();
    return { as: 'lead', url: `/api/persons/${f.parent.id}`, body: (version) => ({ phone: '+45 11 22 33 44', version }), ...versionOf('persons', { id: f.parent.id }) };
  },
  'PATCH /api/cases/:id': async () => {
    const f = await familyWithCase();
    return { as: 'lead', url: `/api/cases/${f.caseId}`, body: (version) => ({ responsibleDepartmentId: m.departments.child_youth, version }), ...versionOf('cases', { id: f.caseId }) };
  },
  'PATCH /api/core-teams/:id': async () => {
    const records = await makeMeetingRecords(t.db, m, await familyWithCase(), lead);
    return { as: 'admin', url: `/api/core-teams/${records.fixedTeamId}`, body: (version) => ({ name: `Omdøbt team ${records.fixedTeamId.slice(0, 6)}`, version }), ...versionOf('fixed_core_teams', { id: records.fixedTeamId }) };
  },
  'PATCH /api/measures/:id': async () => {
    const measureId = await makeMeasure(t.db, m, (await familyWithCase()).caseId);
    return { as: 'lead', url: `/api/measures/${measureId}`, body: (version) => ({ description: 'Rettet beskrivelse', version }), ...versionOf('measures', { id: measureId }) };
  },
  'PUT /api/measures/:id/provisional-assessment': async () => {
    // Barnets Lov §20 stk. 3: aware 1 June, due 1 October (4 months), past due on testToday and not yet completed.
    const measureId = await makeMeasure(t.db, m, (await familyWithCase()).caseId, { legalBasisId: 'BL-20', startsOn: '2026-06-15', description: 'Børnefaglig undersøgelse' });
    await t.db.updateTable('measures').set({ aware_on: '2026-06-01' }).where('id', '=', measureId).execute();
    return { as: 'lead', url: `/api/measures/${measureId}/provisional-assessment`, body: (version) => ({ on: testToday, text: 'Foreløbig vurdering', version }), ...versionOf('measures', { id: measureId }) };
  },
  'PUT /api/measures/:id/law-follow-up': async () => {
    const measureId = await makeMeasure(t.db, m, (await familyWithCase()).caseId, { legalBasisId: 'BL-32', startsOn: '2026-06-01', description: 'Aflastning' });
    return {
      as: 'lead', url: `/api/measures/${measureId}/law-follow-up`, body: (version) => ({ months: 3, reasons: 'Tæt opfølgning', decidedOn: testToday, version }),
      ...versionOf('measures', { id: measureId }),
    };
  },
  'PATCH /api/meetings/:id': async () => {
    const meetingId = await plannedMeeting(await familyWithCase());
    return { as: 'lead', url: `/api/meetings/${meetingId}`, body: (version) => ({ location: 'Rådhuset', version }), ...versionOf('meetings', { id: meetingId }) };
  },
  'PATCH /api/agenda-points/:id': async () => {
    const meetingId = await plannedMeeting(await familyWithCase());
    const point = await t.db.insertInto('meeting_agenda_points').values({ municipality_id: m.id, meeting_id: meetingId, column_key: 'worries', text: 'Søvn', position: 1, created_by: lead.id })
      .returning('id').executeTakeFirstOrThrow();
    return { as: 'lead', url: `/api/agenda-points/${point.id}`, body: (version) => ({ text: 'Søvn og skole', version }), ...versionOf('meeting_agenda_points', { id: point.id }) };
  },
  'PUT /api/meetings/:id/sharing': async () => {
    const records = await makeMeetingRecords(t.db, m, await familyWithCase(), lead);
    return { as: 'lead', url: `/api/meetings/${records.meetingId}/sharing`, body: (version) => ({ minutesVisibility: 'family', version }), ...versionOf('meetings', { id: records.meetingId }) };
  },
  'PATCH /api/agreements/:id': async () => {
    const records = await makeMeetingRecords(t.db, m, await familyWithCase(), lead);
    return { as: 'lead', url: `/api/agreements/${records.agreementId}`, body: (version) => ({ status: 'done', version }), ...versionOf('meeting_agreements', { id: records.agreementId }) };
  },
  'PUT /api/cases/:id/transition': async () => {
    const f = await familyWithCase({ childBirthDate: sixteenYearOld });
    await t.db.insertInto('case_transitions').values({ municipality_id: m.id, case_id: f.caseId, started_on: '2026-11-01', recorded_by: lead.id }).execute();
    return { as: 'lead', url: `/api/cases/${f.caseId}/transition`, body: (version) => ({ startedOn: '2026-11-02', version }), ...versionOf('case_transitions', { case_id: f.caseId }) };
  },
  'PUT /api/families/:id/contact-agreement': async () => {
    const f = await familyWithCase();
    await contactAgreementAtRevision2(f.familyId);
    return { as: 'lead', url: `/api/families/${f.familyId}/contact-agreement`, body: (revision) => ({ channels: ['sms'], everyDays: 21, revision }), ...latestRevision(f.familyId) };
  },
  'PATCH /api/annual-wheel/activities/:id': async () => {
    const { wheelActivityId } = await makeFollowUpRecords(t.db, await familyWithCase());
    return { as: 'lead', url: `/api/annual-wheel/activities/${wheelActivityId}`, body: (version) => ({ scheduledAt: null, version }), ...versionOf('annual_wheel_activities', { id: wheelActivityId }) };
  },
  'PUT /api/persons/:id/reminder-preference': async () => {
    const f = await familyWithCase();
    await t.db.insertInto('reminder_preferences').values({ municipality_id: m.id, person_id: f.parent.id, opted_in: false, channel: 'email', updated_at: new Date(), updated_by: lead.id }).execute();
    return {
      as: 'lead', url: `/api/persons/${f.parent.id}/reminder-preference`, body: (version) => ({ optedIn: true, channel: 'email', version }),
      ...versionOf('reminder_preferences', { person_id: f.parent.id }),
    };
  },
  'PATCH /api/decisions/:id': async () => {
    const f = await familyWithCase();
    const { decisionId } = await makeDecisionRecords(t.db, f, lead, await makeMeasure(t.db, m, f.caseId));
    return { as: 'lead', url: `/api/decisions/${decisionId}`, body: (version) => ({ reasoning: 'Uddybet begrundelse', version }), ...versionOf('decisions', { id: decisionId }) };
  },
  'PUT /api/admin/yearly-amounts': async () => {
    await t.db.insertInto('yearly_legal_amounts').values({ municipality_id: m.id, year: 2027, kind: 'bl86_threshold_per_year', amount_dkk: 1000, note: 'Testværdi', updated_by: admin.id }).execute();
    return {
      as: 'admin', url: '/api/admin/yearly-amounts', body: (version) => ({ year: 2027, kind: 'bl86_threshold_per_year', amountDkk: 1100, version }),
      ...versionOf('yearly_legal_amounts', { municipality_id: m.id, year: 2027, kind: 'bl86_threshold_per_year' }),
    };
  },
  'PUT /api/cases/:id/transition-track': async () => {
    const f = await familyWithCase({ childBirthDate: sixteenYearOld });
    await t.db.insertInto('case_transition_tracks').values({ municipality_id: m.id, case_id: f.caseId, adult_contact_name: 'Voksen Vera', updated_by: lead.id, updated_at: new Date() }).execute();
    return {
      as: 'lead', url: `/api/cases/${f.caseId}/transition-track`, body: (version) => ({ adultContactName: 'Voksen Viggo', version }), ...versionOf('case_transition_tracks', { case_id: f.caseId }),
    };
  },
  'PATCH /api/transition-steps/:id': async () => {
    const f = await familyWithCase({ childBirthDate: sixteenYearOld });
    const { stepId } = await makeLeadingPracticeRecords(t.db, f, lead, await makeUser(t.db, m, { roles: ['coordinator'] }));
    return { as: 'lead', url: `/api/transition-steps/${stepId}`, body: (version) => ({ done: true, version }), ...versionOf('case_transition_steps', { id: stepId }) };
  },
  'PATCH /api/learning-goals/:id': async () => {
    // The fixture's goal is led by its `user`: the lead here, as the employee's leader.
    const { learningGoalId } = await makeLeadingPracticeRecords(t.db, await familyWithCase(), lead, await makeUser(t.db, m, { roles: ['coordinator'] }));
    return { as: 'lead', url: `/api/learning-goals/${learningGoalId}`, body: (version) => ({ notes: 'Godt på vej', version }), ...versionOf('learning_goals', { id: learningGoalId }) };
  },
  'PATCH /api/status-measurements/:id': async () => {
    const f = await familyWithCase();
    const answers = currentDefinition('efei')!.elements.flatMap((e) => e.questions.map((q) => ({ questionKey: q.key, score: 4 })));
    const created = await client(t.app, sessions.lead).post(`/api/cases/${f.caseId}/status-measurements`, { answers });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { id: string }).id;
    return { as: 'lead', url: `/api/status-measurements/${id}`, body: (version) => ({ answers: answers.map((a) => ({ ...a, score: 5 })), version }), ...versionOf('status_measurements', { id }) };
  },
  'PATCH /api/reassessments/:id': async () => {
    const f = await familyWithCase();
    const { reassessmentId } = await makeAssessmentRecords(t.db, f, lead);
    // Someone new to the case (Barnets Lov §137): a coordinator neither assigned to it nor on its core team.
    const newcomer = await makeUser(t.db, m, { roles: ['coordinator'] });
    return { as: 'lead', url: `/api/reassessments/${reassessmentId}`, body: (version) => ({ assignedUserId: newcomer.id, version }), ...versionOf('reassessments', { id: reassessmentId }) };
  },
  'PATCH /api/partner/agreements/:id': async () => {
    const f = await familyWithCase();
    // The school partner takes part in the case (core team) and the family has consented to sharing with the school.
    await addTeamMember(t.db, f.caseId, partner);
    await t.db.insertInto('consents').values({
      municipality_id: m.id, family_id: f.familyId, department_id: m.departments.school, given_on: '2026-11-01', given_by_person_id: f.parent.id,
      source: 'portal', created_at: new Date('2026-11-01T10:00:00Z'),
    }).execute();
    const records = await makeMeetingRecords(t.db, m, f, lead);
    await t.db.updateTable('meeting_agreements').set({ owner_person_id: null, owner_user_id: partner.id }).where('id', '=', records.agreementId).execute();
    return { as: 'partner', url: `/api/partner/agreements/${records.agreementId}`, body: (version) => ({ status: 'done', version }), ...versionOf('meeting_agreements', { id: records.agreementId }) };
  },
  'PATCH /api/documents/:id': async () => {
    const { documentId } = await makeDocumentRecords(t.db, await familyWithCase(), lead);
    return { as: 'lead', url: `/api/documents/${documentId}`, body: (version) => ({ title: 'Omdøbt udtalelse', version }), ...versionOf('case_documents', { id: documentId }) };
  },
  // The family portal: the parent's own records (issue 5).
  'PUT /api/portal/reminder-preference': async () => {
    await t.db.deleteFrom('reminder_preferences').where('person_id', '=', portalFamily.parent.id).execute();
    await t.db.insertInto('reminder_preferences').values({ municipality_id: m.id, person_id: portalFamily.parent.id, opted_in: false, channel: 'email', updated_at: new Date() }).execute();
    return { as: 'parent', url: '/api/portal/reminder-preference', body: (version) => ({ optedIn: true, channel: 'email', version }), ...versionOf('reminder_preferences', { person_id: portalFamily.parent.id }) };
  },
  'PUT /api/portal/meetings/:id/preparation': async () => {
    const meetingId = await plannedMeeting(portalFamily);
    await t.db.insertInto('meeting_preparations').values({ municipality_id: m.id, meeting_id: meetingId, person_id: portalFamily.parent.id, focus_points: 'Søvn', updated_at: new Date() }).execute();
    return {
      as: 'parent', url: `/api/portal/meetings/${meetingId}/preparation`, body: (version) => ({ focusPoints: 'Søvn og skole', version }),
      ...versionOf('meeting_preparations', { meeting_id: meetingId, person_id: portalFamily.parent.id }),
    };
  },
  'PUT /api/portal/children/:id/child-page': async () => {
    const childId = portalFamily.child.id;
    await t.db.deleteFrom('child_page_permissions').where('child_id', '=', childId).execute();
    await t.db.insertInto('child_page_permissions').values({ municipality_id: m.id, child_id: childId, allowed: false, set_by_person_id: portalFamily.parent.id, set_at: new Date() }).execute();
    return { as: 'parent', url: `/api/portal/children/${childId}/child-page`, body: (version) => ({ allowed: true, version }), ...versionOf('child_page_permissions', { child_id: childId }) };
  },
  'PUT /api/portal/contact-agreement': async () => {
    await t.db.deleteFrom('contact_agreements').where('family_id', '=', portalFamily.familyId).execute();
    await contactAgreementAtRevision2(portalFamily.familyId);
    return { as: 'parent', url: '/api/portal/contact-agreement', body: (revision) => ({ channels: ['sms'], everyDays: 21, revision }), ...latestRevision(portalFamily.familyId) };
  },
};

let document: OpenApiDocument;
/** "PUT /api/x/{id}" in the document → "PUT /api/x/:id", the form the tables use. */
const routeName = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
function operations(methods: string[]): Array<{ route: string; operation: OpenApiOperation }> {
  return Object.entries(document.paths).flatMap(([path, ops]) => Object.entries(ops)
    .filter(([method]) => methods.includes(method))
    .map(([method, operation]) => ({ route: routeName(method, path), operation })));
}

function send(as: Persona, method: string, url: string, payload: unknown) {
  const headers = as === 'parent' ? parent.headers : sessions[as].headers;
  return t.app.inject({ method: method as 'PUT', url, headers, payload: payload as object });
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  lead = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  admin = await makeUser(t.db, m, { roles: ['administrator'] });
  partner = await makeUser(t.db, m, { roles: ['external_partner'], department: 'school' });
  sessions = { lead: await loginAs(t.app, lead), admin: await loginAs(t.app, admin), partner: await loginAs(t.app, partner) };
  portalFamily = await familyWithCase();
  parent = await loginToPortal(t.app, t.db, await givePortalEmail(t.db, portalFamily.parent.id));
  document = t.app.swagger() as unknown as OpenApiDocument;
});

afterAll(async () => {
  await t?.close();
});

describe('every route that edits a record names the version it edited', () => {
  it('every PUT and PATCH body requires an integer `version`, apart from the short, explained allow-list', () => {
    const edits = operations(['put', 'patch']);
    expect(edits.length).toBeGreaterThanOrEqual(25);
    const missing = edits.filter(({ route, operation }) => {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      const requiresVersion = schema?.required?.includes('version') === true && schema.properties?.version?.type === 'integer';
      return !requiresVersion && !(route in unversionedEdits);
    }).map(({ route }) => route);
    expect(missing, 'PUT/PATCH routes without a required integer `version`').toEqual([]);
    // The allow-list names only routes that exist, and none of them has since gained a version.
    for (const route of Object.keys(unversionedEdits)) {
      const found = edits.find((e) => e.route === route);
      expect(found, `${route} is allow-listed but not in the OpenAPI document`).toBeDefined();
      expect(found!.operation.requestBody?.content?.['application/json']?.schema?.properties?.version, `${route} has a version now: take it off the list`).toBeUndefined();
    }
  });

  it('every DELETE of a record either takes `version` in its query or is allow-listed with why nothing can be lost', () => {
    const deletes = operations(['delete']);
    const unversioned = deletes.filter(({ operation }) => !(operation.parameters ?? []).some((p) => p.in === 'query' && p.name === 'version' && p.required === true))
      .map(({ route }) => route).sort();
    expect(unversioned).toEqual(Object.keys(unversionedDeletes).sort());
  });

  it('the behavioural table below has an entry for every PUT and PATCH route in the document, and no stale ones', () => {
    const edits = operations(['put', 'patch']).map(({ route }) => route).sort();
    expect(Object.keys(editors).sort()).toEqual(edits);
  });

  // One test per route, so a failure names it.
  for (const route of Object.keys(editors).sort()) {
    it(`${route}: a stale version is 409 version_conflict and changes nothing; the current version is accepted`, async () => {
      const method = route.split(' ')[0]!;
      const editor = await editors[route]!();
      // Someone else saved since the caller loaded the record: it is at least one version ahead of what they edited.
      if ((await editor.version()) < 2) await editor.bump();
      const current = await editor.version();
      const before = await snapshotTenant(t.db, m.id);

      const stale = await send(editor.as, method, editor.url, editor.body(current - 1));
      expect(stale.statusCode, stale.body).toBe(409);
      expect(stale.json()).toMatchObject({ error: { code: 'version_conflict', details: [{ field: 'version', code: 'stale' }] } });
      // Nothing written anywhere in the municipality, the audit log included.
      expect(await snapshotTenant(t.db, m.id)).toEqual(before);
      expect(await editor.version()).toBe(current);

      // The same body at the current version goes through: the version alone decided the 409.
      const fresh = await send(editor.as, method, editor.url, editor.body(current));
      expect(fresh.statusCode, fresh.body).toBe(editor.success ?? 200);
      expect(await editor.version()).toBe(current + 1);
    });
  }
});
