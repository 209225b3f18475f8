import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../src/platform/audit/audit.js';
import { appRole } from '../src/platform/db/tenant.js';
import { createTestApp, testToday, type TestApp } from './app.js';
import { client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type Session, type TestFamily, type TestMunicipality } from './factories.js';
import { auditHead, countAll } from './inspect.js';

/**
 * One request, one transaction, the audit row inside it (style.md §4): when anything fails part-way — after the
 * record was written, after the audit row was written, or at commit — neither the record nor its audit row exists
 * afterwards, and the audit chain has no gap. Failures are injected with triggers the test adds as superuser.
 */

let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let session: Session;
const injected: string[] = [];

/** Adds a trigger function that raises, and a trigger using it; removed again after each test. */
async function injectFailure(name: string, triggerSql: string): Promise<void> {
  await sql.raw(`create or replace function ${name}() returns trigger language plpgsql as $$ begin raise exception 'injected failure ${name}'; end $$`).execute(t.db);
  await sql.raw(triggerSql.replaceAll('$fn', name)).execute(t.db);
  injected.push(name);
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  const lead = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  family = await makeFamilyWithCase(t.db, m, { lead });
  session = await loginAs(t.app, lead);
});

afterEach(async () => {
  for (const name of injected.splice(0)) {
    const table = (await sql<{ table: string }>`select tgrelid::regclass::text as table from pg_trigger where tgname = ${name}`.execute(t.db)).rows[0]?.table;
    if (table) await sql.raw(`drop trigger ${name} on ${table}`).execute(t.db);
    await sql.raw(`drop function ${name}()`).execute(t.db);
  }
});

afterAll(async () => {
  await t?.close();
});

const measure = (description: string) => ({ legalBasisId: 'BL-86', departmentId: m.departments.child_disability, description, startsOn: testToday });

describe('a request that fails part-way writes nothing', () => {
  it('a failure at COMMIT — after the measure and its audit row were both written — leaves neither, and says nothing was saved', async () => {
    await injectFailure('fail_measure_at_commit', `create constraint trigger $fn after insert on measures deferrable initially deferred
      for each row when (new.description = 'Går galt ved commit') execute function $fn()`);
    const before = await countAll(t.db);
    const head = await auditHead(t.db, m.id);
    const response = await client(t.app, session).post(`/api/cases/${family.caseId}/measures`, measure('Går galt ved commit'));
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'internal', message: expect.stringMatching(/Nothing was saved/), details: [] } });
    expect(response.body).not.toMatch(/injected|trigger|measures/);
    expect(await countAll(t.db)).toEqual(before);
    expect(await auditHead(t.db, m.id)).toBe(head);

    // The next request works and continues the chain without a gap.
    const next = await client(t.app, session).post(`/api/cases/${family.caseId}/measures`, measure('Kørsel'));
    expect(next.statusCode).toBe(201);
    expect(await auditHead(t.db, m.id)).toBe(head + 1);
    expect(await verifyChain(t.db, m.id)).toMatchObject({ ok: true });
  });

  it('when the audit row cannot be written, the change it records is not written either', async () => {
    await injectFailure('fail_family_update_audit', `create trigger $fn before insert on audit_log
      for each row when (new.entity_type = 'family' and new.action = 'update') execute function $fn()`);
    const familyBefore = await t.db.selectFrom('families').selectAll().where('id', '=', family.familyId).executeTakeFirstOrThrow();
    const head = await auditHead(t.db, m.id);
    const response = await client(t.app, session).patch(`/api/families/${family.familyId}`, { notes: 'Ændring uden spor', version: familyBefore.version });
    expect(response.statusCode).toBe(500);
    expect(await t.db.selectFrom('families').selectAll().where('id', '=', family.familyId).executeTakeFirstOrThrow()).toEqual(familyBefore);
    expect(await auditHead(t.db, m.id)).toBe(head);
  });

  it('adding a member: when linking the new person to the family fails, the person inserted just before is gone too', async () => {
    await injectFailure('fail_member_link', `create trigger $fn before insert on family_members
      for each row when (new.relation = 'other') execute function $fn()`);
    const before = await countAll(t.db);
    const response = await client(t.app, session).post(`/api/families/${family.familyId}/members`, {
      relation: 'other', person: { firstName: 'Halvt', lastName: 'Oprettet', birthDate: '1960-01-01' },
    });
    expect(response.statusCode).toBe(500);
    expect(await countAll(t.db)).toEqual(before);
    expect(await t.db.selectFrom('persons').select('id').where('first_name', '=', 'Halvt').execute()).toEqual([]);
  });

  it('opening a case whose insert fails after the case number was taken: no case, no lead, no audit row, and no gap in the numbers', async () => {
    const api = client(t.app, session);
    const created = await api.post('/api/families', { name: 'Familien Nummer' });
    const familyId = (created.json() as { id: string }).id;
    const withChild = await api.post(`/api/families/${familyId}/members`, { relation: 'child', person: { firstName: 'Tal', lastName: 'Nummer', birthDate: '2019-09-09' } });
    const childId = (withChild.json() as { members: Array<{ person: { id: string } }> }).members[0]!.person.id;
    const counterBefore = await t.db.selectFrom('case_number_counters').select('last_number').where('municipality_id', '=', m.id).where('year', '=', 2026).executeTakeFirstOrThrow();
    const before = await countAll(t.db);

    const failed = await api.post('/api/cases', {
      familyId, childId, model: 'efei', openedOn: testToday, responsibleDepartmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect(failed.statusCode).toBe(422);
    expect(await countAll(t.db)).toEqual(before);

    const opened = await api.post('/api/cases', { familyId, childId, model: 'efei', openedOn: testToday, responsibleDepartmentId: m.departments.child_disability });
    expect(opened.statusCode).toBe(201);
    expect((opened.json() as { caseNumber: string }).caseNumber).toBe(`2026-${String(counterBefore.last_number + 1).padStart(5, '0')}`);
  });

  it('after failed requests the connection is back to no tenant and the connecting role (nothing leaks into the next transaction)', async () => {
    await injectFailure('fail_any_family_update', `create trigger $fn before update on families for each row execute function $fn()`);
    const response = await client(t.app, session).patch(`/api/families/${family.familyId}`, { notes: 'x', version: 1 });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    const state = await sql<{ tenant: string | null; role: string }>`select app_tenant()::text as tenant, current_user::text as role`.execute(t.db);
    expect(state.rows[0]!.tenant).toBeNull();
    expect(state.rows[0]!.role).not.toBe(appRole);
  });
});
