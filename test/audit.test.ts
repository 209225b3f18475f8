import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/platform/audit/audit.js';
import { inTenant } from '../src/platform/db/tenant.js';
import { createTestApp, testToday, type TestApp } from './app.js';
import {
  addAssignment, addTeamMember, client, login, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { auditHead, auditRowsAfter, type AuditLogRow } from './inspect.js';

/**
 * The audit trail (style.md §4, threat model "audit log altered"): every read and write of a family's data leaves
 * exactly one row, in the same transaction, naming the records, the actor and the reason — and never a name or a
 * CPR number. The chain of hashes exposes any later change, and the app's role cannot change the log at all.
 */

let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let lead: TestUser;
let buddy: TestUser;
let coreTeamMember: TestUser;
let sessions: { lead: Session; buddy: Session; coreTeam: Session };
let measureId: string;

/** Runs a request and returns it with the audit rows it added. */
async function audited<T extends { statusCode: number }>(request: () => Promise<T>): Promise<{ response: T; rows: AuditLogRow[] }> {
  const before = await auditHead(t.db, m.id);
  const response = await request();
  return { response, rows: await auditRowsAfter(t.db, m.id, before) };
}

async function version(table: 'families' | 'cases' | 'persons' | 'measures', id: string): Promise<number> {
  const row = await t.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow();
  return row.version;
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  lead = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true, name: 'Lene Leder-Koordinator' });
  buddy = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Bent Makker' });
  coreTeamMember = await makeUser(t.db, m, { roles: ['core_team_member'], department: 'ppr', name: 'Karen Kerneteam' });
  family = await makeFamilyWithCase(t.db, m, { lead, model: 'sof' });
  await addAssignment(t.db, family.caseId, buddy, 'buddy');
  await addTeamMember(t.db, family.caseId, coreTeamMember);
  measureId = await makeMeasure(t.db, m, family.caseId);
  sessions = { lead: await loginAs(t.app, lead), buddy: await loginAs(t.app, buddy), coreTeam: await loginAs(t.app, coreTeamMember) };
});

afterAll(async () => {
  await t?.close();
});

describe('every read of family data is audited, in the same request', () => {
  it('GET family adds one read row naming the family, its cases, the actor and the reason', async () => {
    const { response, rows } = await audited(() => client(t.app, sessions.lead).get(`/api/families/${family.familyId}`));
    expect(response.statusCode).toBe(200);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'read', entity_type: 'family', entity_id: family.familyId, family_ids: [family.familyId], case_ids: [family.caseId],
      actor_user_id: lead.id, entry: { reason: 'primary_caseworker', actor: lead.id },
    });
  });

  it('GET case adds one read row naming the case and its family', async () => {
    const { response, rows } = await audited(() => client(t.app, sessions.buddy).get(`/api/cases/${family.caseId}`));
    expect(response.statusCode).toBe(200);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'read', entity_type: 'case', entity_id: family.caseId, family_ids: [family.familyId], case_ids: [family.caseId],
      actor_user_id: buddy.id, entry: { reason: 'buddy' },
    });
  });

  it('my-families adds one row naming every family and case the list showed', async () => {
    const { response, rows } = await audited(() => client(t.app, sessions.lead).get('/api/my-families'));
    expect(response.statusCode).toBe(200);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'read', entity_type: 'my_families', actor_user_id: lead.id, entry: { reason: 'own_caseload' } });
    expect(rows[0]!.family_ids).toEqual([family.familyId]);
    expect(rows[0]!.case_ids).toEqual([family.caseId]);
  });

  it('search (by name and by CPR number) adds one row naming the hits — and not the search text', async () => {
    for (const q of [family.familyName, family.child.cpr]) {
      const { response, rows } = await audited(() => client(t.app, sessions.coreTeam).get(`/api/search?q=${encodeURIComponent(q)}`));
      expect(response.statusCode).toBe(200);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action: 'read', entity_type: 'search', actor_user_id: coreTeamMember.id, family_ids: [family.familyId], entry: { reason: 'search' } });
      expect(rows[0]!.case_ids).toContain(family.caseId);
      expect(JSON.stringify(rows[0])).not.toContain(q);
    }
  });

  it('a read that is refused (403 or 404) leaves no row', async () => {
    const refusedAccessLog = await audited(() => client(t.app, sessions.buddy).get(`/api/cases/${family.caseId}/access-log`));
    expect(refusedAccessLog.response.statusCode).toBe(403);
    expect(refusedAccessLog.rows).toEqual([]);
    const unknown = await audited(() => client(t.app, sessions.lead).get('/api/cases/00000000-0000-4000-8000-000000000000'));
    expect(unknown.response.statusCode).toBe(404);
    expect(unknown.rows).toEqual([]);
  });
});

describe('every write is audited with the record it changed', () => {
  it('each write adds exactly one row: action, entity, family, case, actor and reason', async () => {
    const api = client(t.app, sessions.lead);
    const writes: Array<[string, () => Promise<{ statusCode: number; body: string }>, Partial<AuditLogRow> & { entity_type: string }]> = [
      ['PATCH family', async () => api.patch(`/api/families/${family.familyId}`, { notes: 'Mor ønsker møder om formiddagen', version: await version('families', family.familyId) }),
        { action: 'update', entity_type: 'family', entity_id: family.familyId, family_ids: [family.familyId] }],
      ['PATCH person', async () => api.patch(`/api/persons/${family.parent.id}`, { phone: '+45 31 31 31 31', version: await version('persons', family.parent.id) }),
        { action: 'update', entity_type: 'person', entity_id: family.parent.id, family_ids: [family.familyId] }],
      ['POST member', async () => api.post(`/api/families/${family.familyId}/members`, { relation: 'sibling', person: { firstName: 'Lillebror', lastName: family.parent.lastName, birthDate: '2021-01-09' } }),
        { action: 'create', entity_type: 'person', family_ids: [family.familyId] }],
      ['PATCH case', async () => api.patch(`/api/cases/${family.caseId}`, { status: 'in_operation', version: await version('cases', family.caseId) }),
        { action: 'update', entity_type: 'case', entity_id: family.caseId, family_ids: [family.familyId], case_ids: [family.caseId] }],
      ['POST measure', async () => api.post(`/api/cases/${family.caseId}/measures`, { legalBasisId: 'BL-87', departmentId: m.departments.child_disability, description: 'Tabt arbejdsfortjeneste', startsOn: testToday }),
        { action: 'create', entity_type: 'measure', family_ids: [family.familyId], case_ids: [family.caseId] }],
      ['PATCH measure', async () => api.patch(`/api/measures/${measureId}`, { endsOn: '2026-12-31', version: await version('measures', measureId) }),
        { action: 'update', entity_type: 'measure', entity_id: measureId, case_ids: [family.caseId] }],
      ['POST team member', async () => api.post(`/api/cases/${family.caseId}/team-members`, { userId: buddy.id, teamRole: 'makker' }),
        { action: 'update', entity_type: 'case_team_member', case_ids: [family.caseId] }],
      ['DELETE measure', async () => api.delete(`/api/measures/${measureId}?version=${await version('measures', measureId)}`),
        { action: 'delete', entity_type: 'measure', entity_id: measureId, case_ids: [family.caseId] }],
    ];
    for (const [what, write, expected] of writes) {
      const { response, rows } = await audited(write);
      expect(response.statusCode, `${what}: ${response.body}`).toBeLessThan(300);
      expect(rows, what).toHaveLength(1);
      expect(rows[0], what).toMatchObject({ ...expected, actor_user_id: lead.id, entry: { reason: 'primary_caseworker' } });
    }
  });

  it('a write that fails validation, conflicts on version or breaks a rule adds no audit row (and changes nothing)', async () => {
    const api = client(t.app, sessions.lead);
    const caseBefore = await t.db.selectFrom('cases').selectAll().where('id', '=', family.caseId).executeTakeFirstOrThrow();
    const failing: Array<[string, () => Promise<{ statusCode: number }>, number]> = [
      ['invalid body', () => api.patch(`/api/families/${family.familyId}`, { name: '', version: 1 }), 400],
      ['stale version', () => api.patch(`/api/cases/${family.caseId}`, { model: 'efei', version: caseBefore.version - 1 }), 409],
      ['closing without a reason', () => api.patch(`/api/cases/${family.caseId}`, { status: 'closed', version: caseBefore.version }), 422],
      ['unknown legal basis', () => api.post(`/api/cases/${family.caseId}/measures`, { legalBasisId: 'SEL-999', departmentId: m.departments.child_disability, description: 'x', startsOn: testToday }), 422],
      ['core team may not edit', () => client(t.app, sessions.coreTeam).patch(`/api/cases/${family.caseId}`, { version: caseBefore.version }), 403],
    ];
    for (const [what, request, status] of failing) {
      const { response, rows } = await audited(request);
      expect(response.statusCode, what).toBe(status);
      expect(rows, what).toEqual([]);
    }
    expect(await t.db.selectFrom('cases').selectAll().where('id', '=', family.caseId).executeTakeFirstOrThrow()).toEqual(caseBefore);
  });

  it('logins are audited too: a failed one with its reason, a successful one, and the logout', async () => {
    const failed = await audited(() => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: buddy.email, password: 'forkert-kodeord' } }));
    expect(failed.response.statusCode).toBe(401);
    expect(failed.rows).toMatchObject([{ action: 'login_failed', actor_user_id: buddy.id, entry: { reason: 'wrong_password' } }]);
    const before = await auditHead(t.db, m.id);
    const session = await login(t.app, buddy.email, buddy.password);
    expect(await auditRowsAfter(t.db, m.id, before)).toMatchObject([{ action: 'login', actor_user_id: buddy.id, entry: { reason: 'password' } }]);
    const logout = await audited(() => client(t.app, session).post('/api/auth/logout'));
    expect(logout.response.statusCode).toBe(200);
    expect(logout.rows).toMatchObject([{ action: 'logout', actor_user_id: buddy.id }]);
  });
});

describe('who has looked at the case', () => {
  it('GET /api/cases/:id/access-log shows each person who read the case or its family, newest first, with their reason', async () => {
    const other = await makeFamilyWithCase(t.db, m, { lead: buddy });
    await client(t.app, sessions.buddy).get(`/api/cases/${family.caseId}`);
    await client(t.app, sessions.coreTeam).get(`/api/families/${family.familyId}`);
    await client(t.app, sessions.buddy).get(`/api/cases/${other.caseId}`);
    const response = await client(t.app, sessions.lead).get(`/api/cases/${family.caseId}/access-log`);
    expect(response.statusCode).toBe(200);
    const entries = response.json() as Array<{ userId: string; userName: string; action: string; reason: string; at: string }>;
    // Newest first: reading the log is itself a read of the case, so the lead's own look comes first.
    expect(entries.slice(0, 3)).toMatchObject([
      { userId: lead.id, userName: lead.name, action: 'read', reason: 'primary_caseworker' },
      { userId: coreTeamMember.id, userName: coreTeamMember.name, action: 'read', reason: 'core_team' },
      { userId: buddy.id, userName: buddy.name, action: 'read', reason: 'buddy' },
    ]);
    // Another case's reads are not listed; each look at the log adds one entry.
    const caseRows = await t.db.selectFrom('audit_log').select('seq').where('municipality_id', '=', m.id)
      .where(sql<boolean>`case_ids @> array[${family.caseId}]::uuid[]`).execute();
    expect(entries).toHaveLength(caseRows.length);
    const again = (await client(t.app, sessions.lead).get(`/api/cases/${family.caseId}/access-log`)).json() as typeof entries;
    expect(again).toHaveLength(entries.length + 1);
  });
});

describe('no personal data in the audit log', () => {
  it('no CPR number, name, address, phone or e-mail of a family member or user appears anywhere in audit_log', async () => {
    // Every column but the hash (hex digits could spell anything).
    const rows = await sql<{ row: string }>`select (to_jsonb(a) - 'hash')::text as row from audit_log a`.execute(t.db);
    expect(rows.rows.length).toBeGreaterThan(20);
    const text = rows.rows.map((r) => r.row).join('\n').toLowerCase();
    const forbidden = [
      family.child.cpr, family.parent.cpr, `${family.child.cpr.slice(0, 6)}-${family.child.cpr.slice(6)}`, family.child.firstName, family.parent.firstName,
      family.parent.lastName, family.familyName, 'Testvej', 'Lillebror', '+45 31 31 31 31',
      lead.name, buddy.name, coreTeamMember.name, lead.email, buddy.email, 'Tabt arbejdsfortjeneste', 'Mor ønsker',
    ];
    for (const value of forbidden) expect(text, `audit_log contains "${value}"`).not.toContain(value.toLowerCase());
  });
});

describe('the audit log cannot be changed', () => {
  it('the app role gets a permission error for UPDATE and DELETE on audit_log (no grant), so the rows stay', async () => {
    const count = await auditHead(t.db, m.id);
    type Trx = Parameters<Parameters<typeof inTenant>[2]>[0];
    const statements: Array<(trx: Trx) => Promise<unknown>> = [
      (trx) => trx.updateTable('audit_log').set({ action: 'read' }).execute(),
      (trx) => trx.deleteFrom('audit_log').execute(),
      (trx) => sql`truncate audit_log`.execute(trx),
    ];
    for (const statement of statements) {
      const error = await inTenant(t.db, m.id, statement).then(() => null, (e: { code?: string; message: string }) => e);
      expect(error?.message).toMatch(/permission denied/);
      expect(error?.code).toBe('42501');
    }
    expect((await auditRowsAfter(t.db, m.id)).length).toBe(count);
  });

  it('even the table owner is stopped by the append-only trigger', async () => {
    const error = await sql`update audit_log set action = 'read' where municipality_id = ${m.id}`.execute(t.db).then(() => null, (e: Error) => e);
    expect(error?.message).toMatch(/append-only/);
    const deleteError = await sql`delete from audit_log where municipality_id = ${m.id}`.execute(t.db).then(() => null, (e: Error) => e);
    expect(deleteError?.message).toMatch(/append-only/);
  });
});

describe('the hash chain', () => {
  it('verifies after many reads and writes, including concurrent ones, with no gap in the sequence', async () => {
    const api = client(t.app, sessions.lead);
    for (let i = 0; i < 10; i++) {
      await api.patch(`/api/families/${family.familyId}`, { notes: `Notat ${i}`, version: await version('families', family.familyId) });
    }
    const reads = [
      () => client(t.app, sessions.buddy).get(`/api/cases/${family.caseId}`),
      () => client(t.app, sessions.coreTeam).get(`/api/search?q=${encodeURIComponent(family.familyName)}`),
      () => api.get('/api/my-families'),
    ];
    const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => reads[i % 3]!()));
    expect(responses.map((r) => r.statusCode)).toEqual(responses.map(() => 200));
    const report = await verifyChain(t.db, m.id);
    expect(report).toEqual({ municipalityId: m.id, rows: await auditHead(t.db, m.id), ok: true, brokenAt: null });
    expect(report.rows).toBeGreaterThan(50);
    const seqs = (await auditRowsAfter(t.db, m.id)).map((r) => r.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });

  it('changing one row\'s entry (with the trigger switched off by a superuser) breaks the chain exactly at that row, and only in that municipality', async () => {
    // A second municipality with its own chain, so the tampering below cannot disturb the checks above.
    const other = await makeMunicipality(t.db);
    const otherLead = await makeUser(t.db, other, { roles: ['coordinator'] });
    const otherFamily = await makeFamilyWithCase(t.db, other, { lead: otherLead });
    const otherApi = client(t.app, await loginAs(t.app, otherLead));
    for (let i = 0; i < 6; i++) await otherApi.get(`/api/cases/${otherFamily.caseId}`);
    expect(await verifyChain(t.db, other.id)).toMatchObject({ ok: true, rows: 7 });

    const victim = 4;
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(t.db);
    try {
      await sql`update audit_log set entry = jsonb_set(entry, '{actor}', to_jsonb(${lead.id}::text))
                 where municipality_id = ${other.id} and seq = ${victim}`.execute(t.db);
    } finally {
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(t.db);
    }
    expect(await verifyChain(t.db, other.id)).toMatchObject({ ok: false, brokenAt: victim });
    expect(await verifyChain(t.db, m.id)).toMatchObject({ ok: true });
  });

  it('deleting the newest row (trigger off) is detected too: the chain head no longer matches', async () => {
    const other = await makeMunicipality(t.db);
    const otherLead = await makeUser(t.db, other, { roles: ['coordinator'] });
    const otherFamily = await makeFamilyWithCase(t.db, other, { lead: otherLead });
    const otherApi = client(t.app, await loginAs(t.app, otherLead));
    for (let i = 0; i < 3; i++) await otherApi.get(`/api/families/${otherFamily.familyId}`);
    const head = await auditHead(t.db, other.id);
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(t.db);
    try {
      await sql`delete from audit_log where municipality_id = ${other.id} and seq = ${head}`.execute(t.db);
    } finally {
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(t.db);
    }
    expect(await verifyChain(t.db, other.id)).toMatchObject({ ok: false, brokenAt: head });
  });
});
