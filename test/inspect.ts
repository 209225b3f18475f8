import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../src/platform/db/database.js';

/**
 * Read-only looks at the database as the connecting (superuser) role, for asserting what a request did or did not
 * write. Table names come from the catalogue, never from test input.
 */

/** Every table in public with a municipality_id column: the tenant tables, found anew so new tables are covered. */
export async function tenantTables(db: Database): Promise<string[]> {
  const rows = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and c.column_name = 'municipality_id' and t.table_type = 'BASE TABLE'
     order by c.table_name`.execute(db);
  return rows.rows.map((r) => r.table_name);
}

export async function countRows(db: Database, table: string, municipalityId?: string): Promise<number> {
  const where = municipalityId ? sql` where ${sql.ref(table === 'municipalities' ? 'id' : 'municipality_id')} = ${municipalityId}` : sql``;
  const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}${where}`.execute(db);
  return result.rows[0]!.n;
}

/** Row counts of the given tables (all tenant tables when none are named), to compare before and after a request. */
export async function countAll(db: Database, tables?: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables ?? (await tenantTables(db))) counts[table] = await countRows(db, table);
  return counts;
}

/** Everything a municipality holds, table by table, in a stable order: equal snapshots mean nothing changed. */
export async function snapshotTenant(db: Database, municipalityId: string): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of ['municipalities', ...(await tenantTables(db))]) {
    const column = table === 'municipalities' ? 'id' : 'municipality_id';
    const rows = await sql<{ row: string }>`
      select row_to_json(t)::text as row from ${sql.table(table)} t where ${sql.ref(column)} = ${municipalityId}`.execute(db);
    snapshot[table] = rows.rows.map((r) => r.row).sort();
  }
  return snapshot;
}

export interface AuditLogRow {
  seq: number;
  actor_user_id: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  family_ids: string[];
  case_ids: string[];
  entry: { reason: string | null; actor: string | null; [key: string]: unknown };
}

/** The municipality's audit rows after a given sequence number, oldest first. */
export async function auditRowsAfter(db: Database, municipalityId: string, afterSeq = 0): Promise<AuditLogRow[]> {
  const rows = await db.selectFrom('audit_log')
    .select(['seq', 'actor_user_id', 'action', 'entity_type', 'entity_id', 'family_ids', 'case_ids', 'entry'])
    .where('municipality_id', '=', municipalityId).where('seq', '>', afterSeq).orderBy('seq').execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }) as AuditLogRow);
}

/** The last sequence number of the municipality's audit chain (0 when empty). */
export async function auditHead(db: Database, municipalityId: string): Promise<number> {
  const row = await db.selectFrom('audit_chain_heads').select('seq').where('municipality_id', '=', municipalityId).executeTakeFirstOrThrow();
  return Number(row.seq);
}

/** The one error shape every refusal has, as a test reads it. */
export interface ErrorBody { error: { code: string; message: string; details: Array<{ field: string; code: string; message: string }> } }
type InjectResponse = Awaited<ReturnType<FastifyInstance['inject']>>;

/**
 * Sends a request that must be refused and checks that no table changed (tenant tables, audit log, outbox and login
 * codes included) and that the answer has the one error shape; returns the status and the body to assert on.
 */
export async function refusedWithNothingWritten(db: Database, send: () => Promise<InjectResponse>): Promise<{ status: number; body: ErrorBody; raw: string; response: InjectResponse }> {
  const before = await countAll(db);
  const response = await send();
  expect(await countAll(db), `${response.statusCode} ${response.body}`).toEqual(before);
  const body = response.json() as ErrorBody;
  expect(body.error, response.body).toEqual({ code: expect.any(String), message: expect.any(String), details: expect.any(Array) });
  return { status: response.statusCode, body, raw: response.body, response };
}
