import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../src/platform/audit/audit.js';
import type { Database } from '../src/platform/db/database.js';
import { appRole, inTenant, type Trx } from '../src/platform/db/tenant.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import {
  addAssignment, addTeamMember, makeFamilyWithCase, makeMeasure, makeMeetingRecords, makeMunicipality, makeUser,
  type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { makeAssessmentRecords } from './assessment-fixtures.js';
import { makeCalendarRecords } from './calendar-fixtures.js';
import { makeDecisionRecords } from './decision-fixtures.js';
import { makeProposalRecords } from './proposal-fixtures.js';
import { makeDocumentRecords } from './document-fixtures.js';
import { makeFamilyPortalRecords } from './family-portal-fixtures.js';
import { makeLeadingPracticeRecords } from './leading-practice-fixtures.js';
import { makeFinancingRecords } from './financing-fixtures.js';
import { makeSurveyRecords } from './survey-fixtures.js';
import { makeStatusMeasurementRecords } from './status-measurement-fixtures.js';
import { makeFollowUpRecords } from './follow-up-fixtures.js';
import { makeLeadershipRecords } from './leadership-fixtures.js';
import { countRows, tenantTables } from './inspect.js';
import { makePlanRecords } from './plan-fixtures.js';

/**
 * The second wall (style.md §4, threat model "critical"): PostgreSQL itself keeps municipalities apart, whatever the
 * application asks for. These tests talk SQL as the app role, without going through the app's rules.
 */

let testDb: TestDatabase;
let db: Database;
let tables: string[];
const world: Record<'A' | 'B', { municipality: TestMunicipality; coordinator: TestUser; family: TestFamily }> = {} as never;

/** A transaction as the app role with no tenant set (like a request before its session is known). */
function withoutTenant<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('role', ${appRole}, true)`.execute(trx);
    return work(trx);
  });
}

async function failure(work: () => Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await work();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the statement to be refused, but it succeeded');
}

const rlsRefusal = /row-level security/;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.database.db;
  // One of everything in both municipalities, so every tenant table holds rows of A and of B.
  for (const key of ['A', 'B'] as const) {
    const municipality = await makeMunicipality(db);
    const coordinator = await makeUser(db, municipality, { roles: ['coordinator'], hasAuthority: true });
    const partner = await makeUser(db, municipality, { roles: ['external_partner'], department: 'school' });
    const buddy = await makeUser(db, municipality, { roles: ['coordinator'] });
    const family = await makeFamilyWithCase(db, municipality, { lead: coordinator, model: 'sof' });
    await addAssignment(db, family.caseId, buddy, 'buddy');
    await addTeamMember(db, family.caseId, partner);
    const measureId = await makeMeasure(db, municipality, family.caseId);
    const meetings = await makeMeetingRecords(db, municipality, family, coordinator);
    await makePlanRecords(db, municipality, family, coordinator, meetings.meetingId, measureId);
    await makeFollowUpRecords(db, family);
    await makeCalendarRecords(db, family, coordinator, meetings.meetingId);
    await makeAssessmentRecords(db, family, coordinator);
    await makeDecisionRecords(db, family, coordinator, measureId);
    await makeDocumentRecords(db, family, coordinator);
    await makeFamilyPortalRecords(db, family, coordinator, meetings.meetingId);
    await makeLeadingPracticeRecords(db, family, coordinator, buddy);
    await makeProposalRecords(db, family, coordinator);
    await makeFinancingRecords(db, family, coordinator, measureId, municipality.departments.child_disability);
    await makeSurveyRecords(db, family, coordinator);
    await makeLeadershipRecords(db, family, coordinator);
    await makeStatusMeasurementRecords(db, family, coordinator);
    await db.insertInto('sessions').values({
      id: `session-${key}-${randomUUID()}`, municipality_id: municipality.id, user_id: coordinator.id, csrf_token: 'csrf',
      created_at: new Date('2026-11-22T10:00:00Z'), expires_at: new Date('2026-11-22T18:00:00Z'),
    }).execute();
    // The family portal (issue 5 item 1): a login code and a portal session of the family's parent.
    await db.insertInto('portal_login_codes').values({
      municipality_id: municipality.id, person_id: family.parent.id, channel: 'email', address_hash: 'a'.repeat(42) + key, code_hash: 'c'.repeat(43),
      created_at: new Date('2026-11-22T10:00:00Z'), expires_at: new Date('2026-11-22T10:10:00Z'),
    }).execute();
    await db.insertInto('portal_sessions').values({
      id: `portal-${key}-${randomUUID()}`, municipality_id: municipality.id, person_id: family.parent.id, method: 'code', csrf_token: 'csrf',
      created_at: new Date('2026-11-22T10:00:00Z'), expires_at: new Date('2026-11-22T11:00:00Z'),
    }).execute();
    // Consent to share and a partner's note (issue 5 items 3-4, migration 0015).
    await db.insertInto('consents').values({
      municipality_id: municipality.id, family_id: family.familyId, department_id: municipality.departments.school, given_on: '2026-11-20',
      given_by_person_id: family.parent.id, source: 'portal', created_at: new Date('2026-11-20T10:00:00Z'),
    }).execute();
    await db.insertInto('partner_notes').values({
      municipality_id: municipality.id, case_id: family.caseId, author_user_id: partner.id, department_id: municipality.departments.school, text: 'Note', created_at: new Date('2026-11-22T10:00:00Z'),
    }).execute();
    await inTenant(db, municipality.id, (trx) => appendAudit(trx, {
      municipalityId: municipality.id, at: new Date('2026-11-22T10:00:00Z'), actorUserId: coordinator.id, actorRole: 'coordinator',
      action: 'read', entityType: 'case', entityId: family.caseId, familyIds: [family.familyId], caseIds: [family.caseId], reason: 'primary_caseworker', origin: null,
    }));
    world[key] = { municipality, coordinator, family };
  }
  tables = await tenantTables(db);
});

afterAll(async () => {
  await testDb?.close();
});

describe('tenant isolation in PostgreSQL (row-level security)', () => {
  it('finds the tenant tables from the catalogue, and the fixture has rows of both municipalities in each (so no check below is vacuous)', async () => {
    expect(tables).toEqual(expect.arrayContaining(['families', 'persons', 'cases', 'measures', 'audit_log', 'sessions', 'users']));
    for (const table of ['municipalities', ...tables]) {
      for (const key of ['A', 'B'] as const) {
        const rows = await countRows(db, table, world[key].municipality.id);
        expect(rows, `${table} has no row of municipality ${key}: add one to this test's fixture`).toBeGreaterThan(0);
      }
    }
  });

  it('a transaction as the app role with no tenant set sees zero rows in every tenant table', async () => {
    await withoutTenant(async (trx) => {
      for (const table of ['municipalities', ...tables]) {
        const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx);
        expect(result.rows[0]!.n, `${table} leaks rows without a tenant`).toBe(0);
      }
    });
  });

  it('with tenant A set, every tenant table shows all of A\'s rows and none of B\'s (and the same the other way round)', async () => {
    for (const [own, other] of [['A', 'B'], ['B', 'A']] as const) {
      const ownId = world[own].municipality.id;
      const expected: Record<string, number> = {};
      for (const table of ['municipalities', ...tables]) expected[table] = await countRows(db, table, ownId);
      await inTenant(db, ownId, async (trx) => {
        for (const table of ['municipalities', ...tables]) {
          const column = sql.ref(table === 'municipalities' ? 'id' : 'municipality_id');
          const result = await sql<{ total: number; foreign: number }>`
            select count(*)::int as total, count(*) filter (where ${column} <> ${ownId})::int as foreign
              from ${sql.table(table)}`.execute(trx);
          expect(result.rows[0]!.foreign, `${table}: tenant ${own} sees rows of ${other}`).toBe(0);
          expect(result.rows[0]!.total, `${table}: tenant ${own} does not see all its own rows`).toBe(expected[table]);
        }
      });
    }
  });

  it('A cannot look up B\'s records even by their exact ids', async () => {
    const b = world.B.family;
    await inTenant(db, world.A.municipality.id, async (trx) => {
      expect(await trx.selectFrom('families').select('id').where('id', '=', b.familyId).execute()).toEqual([]);
      expect(await trx.selectFrom('cases').select('id').where('id', '=', b.caseId).execute()).toEqual([]);
      expect(await trx.selectFrom('persons').select('id').where('cpr', '=', b.child.cpr).execute()).toEqual([]);
      expect(await trx.selectFrom('users').select('id').where('id', '=', world.B.coordinator.id).execute()).toEqual([]);
    });
  });

  it('inserting a row that belongs to B while tenant A is set is refused by the policy\'s WITH CHECK', async () => {
    const a = world.A.municipality;
    const b = world.B.municipality;
    const attempts: Array<[string, (trx: Trx) => Promise<unknown>]> = [
      ['families', (trx) => trx.insertInto('families').values({ municipality_id: b.id, name: 'Familien Indtrænger' }).execute()],
      ['persons', (trx) => trx.insertInto('persons').values({ municipality_id: b.id, first_name: 'Ind', last_name: 'Trænger' }).execute()],
      ['departments', (trx) => trx.insertInto('departments').values({ municipality_id: b.id, kind: 'other', name: 'Skjult afdeling' }).execute()],
      ['family_members', (trx) => trx.insertInto('family_members').values({
        municipality_id: b.id, family_id: world.B.family.familyId, person_id: world.B.family.parent.id, relation: 'other',
      }).execute()],
      ['case_number_counters', (trx) => trx.insertInto('case_number_counters').values({ municipality_id: b.id, year: 2031, last_number: 1 }).execute()],
      ['audit_log', (trx) => trx.insertInto('audit_log').values({
        municipality_id: b.id, seq: 999, at: new Date(), actor_user_id: null, actor_role: null, action: 'read', entity_type: 'case', entity_id: null,
        family_ids: [], case_ids: [], entry: JSON.stringify({ forged: true }), hash: Buffer.from([1]),
      }).execute()],
    ];
    for (const [table, attempt] of attempts) {
      const before = await countRows(db, table, b.id);
      const error = await failure(() => inTenant(db, a.id, attempt));
      expect(error.message, table).toMatch(rlsRefusal);
      expect(await countRows(db, table, b.id), `${table}: B's rows changed`).toBe(before);
    }
  });

  it('updating or deleting B\'s rows as A touches nothing, and moving A\'s row into B is refused', async () => {
    const a = world.A;
    const b = world.B;
    const bFamilyBefore = await db.selectFrom('families').selectAll().where('id', '=', b.family.familyId).executeTakeFirstOrThrow();
    await inTenant(db, a.municipality.id, async (trx) => {
      const updated = await trx.updateTable('families').set({ name: 'Overtaget' }).where('id', '=', b.family.familyId).executeTakeFirst();
      expect(Number(updated.numUpdatedRows)).toBe(0);
      const deleted = await trx.deleteFrom('measures').where('case_id', '=', b.family.caseId).executeTakeFirst();
      expect(Number(deleted.numDeletedRows)).toBe(0);
      const allUpdated = await trx.updateTable('persons').set({ phone: '+45 11 11 11 11' }).where('municipality_id', '=', b.municipality.id).executeTakeFirst();
      expect(Number(allUpdated.numUpdatedRows)).toBe(0);
    });
    expect(await db.selectFrom('families').selectAll().where('id', '=', b.family.familyId).executeTakeFirstOrThrow()).toEqual(bFamilyBefore);
    expect(await countRows(db, 'measures', b.municipality.id)).toBe(1);

    const error = await failure(() => inTenant(db, a.municipality.id, (trx) =>
      trx.updateTable('persons').set({ municipality_id: b.municipality.id }).where('id', '=', a.family.parent.id).execute()));
    expect(error.message).toMatch(rlsRefusal);
    const parent = await db.selectFrom('persons').select('municipality_id').where('id', '=', a.family.parent.id).executeTakeFirstOrThrow();
    expect(parent.municipality_id).toBe(a.municipality.id);
  });

  it('every tenant table (and municipalities) has row-level security enabled AND forced, and a tenant policy for the app role', async () => {
    const rows = await sql<{ relname: string; enabled: boolean; forced: boolean; policies: string[] | null; quals: string[] | null }>`
      select c.relname, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             (select array_agg(p.polname::text) from pg_policy p where p.polrelid = c.oid and ${appRole}::regrole = any (p.polroles)) as policies,
             (select array_agg(pg_get_expr(p.polqual, p.polrelid)) from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation') as quals
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r'`.execute(db);
    const byName = new Map(rows.rows.map((r) => [r.relname, r]));
    for (const table of ['municipalities', ...tables]) {
      const row = byName.get(table);
      expect(row, table).toBeDefined();
      expect(row!.enabled, `${table}: row-level security not enabled`).toBe(true);
      expect(row!.forced, `${table}: row-level security not forced`).toBe(true);
      expect(row!.policies ?? [], `${table}: no tenant_isolation policy for ${appRole}`).toContain('tenant_isolation');
      expect(row!.quals?.[0] ?? '', `${table}: the policy does not compare with the transaction's tenant`).toMatch(/app_tenant\(\)/);
    }
  });

  it('the app role is neither superuser nor BYPASSRLS, and every table it may write to is a forced-RLS tenant table', async () => {
    const role = await sql<{ rolsuper: boolean; rolbypassrls: boolean }>`select rolsuper, rolbypassrls from pg_roles where rolname = ${appRole}`.execute(db);
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    const writable = await sql<{ table_name: string }>`
      select distinct table_name from information_schema.role_table_grants
       where grantee = ${appRole} and table_schema = 'public' and privilege_type in ('INSERT', 'UPDATE', 'DELETE')`.execute(db);
    expect(writable.rows.length).toBeGreaterThan(0);
    for (const { table_name } of writable.rows) {
      expect(['municipalities', ...tables], `${table_name} is writable by the app but is not a tenant table`).toContain(table_name);
    }
  });

  it('a login transaction (app.login_email set, no tenant) sees exactly the one user it names and nothing else', async () => {
    const email = world.B.coordinator.email;
    await db.transaction().execute(async (trx) => {
      await sql`select set_config('app.login_email', ${email}, true), set_config('role', ${appRole}, true)`.execute(trx);
      const users = await trx.selectFrom('users').select(['id']).execute();
      expect(users).toEqual([{ id: world.B.coordinator.id }]);
      for (const table of tables.filter((t) => t !== 'users')) {
        const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx);
        expect(result.rows[0]!.n, `${table} is visible during login`).toBe(0);
      }
    });
  });

  it('the role and the tenant revert at commit: the same connection is the superuser again afterwards', async () => {
    await inTenant(db, world.A.municipality.id, async () => {});
    // On PGlite there is one connection, so this runs on the very connection the tenant transaction used.
    const result = await sql<{ tenant: string | null; role: string }>`select app_tenant()::text as tenant, current_user::text as role`.execute(db);
    expect(result.rows[0]!.tenant).toBeNull();
    expect(result.rows[0]!.role).not.toBe(appRole);
  });
});
