import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foreignKeyFields } from '../src/platform/http/foreign-keys.js';
import { errorHandler, isConnectionLoss } from '../src/platform/http/errors.js';
import { strictInput } from '../src/platform/http/strict-input.js';
import { createTestApp, listRoutes, type TestApp } from './app.js';
import {
  client, loginAs, makeFamilyWithCase, makeMunicipality, makeUser,
  type Session, type TestFamily, type TestMunicipality, type TestUser,
} from './factories.js';
import { countAll, refusedWithNothingWritten, type ErrorBody } from './inspect.js';
import { givePortalEmail, loginToPortal, type PortalSession } from './portal-fixtures.js';

/**
 * Strict input (style.md §8, src/platform/http/strict-input.ts): an unknown field, NUL, ill-formed Unicode or an
 * integer past its column is a 400 naming the field, and nothing is written; what the schemas cannot know (a foreign
 * key, a lost database connection) is answered by errors.ts without a 500 and without the schema's vocabulary.
 */

let t: TestApp;
let m: TestMunicipality;
let family: TestFamily;
let coordinator: TestUser;
let admin: TestUser;
let session: Session;
let adminSession: Session;
let portal: PortalSession;

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

const refused = (send: () => Promise<Response>) => refusedWithNothingWritten(t.db, send);
const detail = (body: ErrorBody) => body.error.details.map((d) => ({ field: d.field, code: d.code }));
const api = () => client(t.app, session);
const raw = (method: 'POST' | 'PATCH', url: string, payload: string | Buffer, headers: Record<string, string> = session.headers) =>
  t.app.inject({ method, url, headers: { ...headers, 'content-type': 'application/json' }, payload });

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'] });
  admin = await makeUser(t.db, m, { roles: ['administrator'] });
  family = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: coordinator });
  session = await loginAs(t.app, coordinator);
  adminSession = await loginAs(t.app, admin);
  const parentEmail = await givePortalEmail(t.db, family.parent.id);
  portal = await loginToPortal(t.app, t.db, parentEmail);
});
afterAll(async () => { await t?.close(); });

const measure = (overrides: Record<string, unknown> = {}) => ({
  legalBasisId: 'BL-86', departmentId: m.departments.child_disability, description: 'Kørsel til træning', startsOn: '2026-12-01', ...overrides,
});
const caseVersion = async () => (await t.db.selectFrom('cases').select('version').where('id', '=', family.caseId).executeTakeFirstOrThrow()).version;

describe('NUL in text is a 400 naming the field (PostgreSQL refuses it: 22021)', () => {
  it('in a body', async () => {
    const { status, body } = await refused(() => api().post(`/api/cases/${family.caseId}/measures`, measure({ description: 'a\u0000b' })));
    expect(status).toBe(400);
    expect(detail(body)).toEqual([{ field: 'description', code: 'nul_character' }]);
  });
  it('in a query string', async () => {
    const { status, body } = await refused(() => api().get('/api/search?q=Han%00sen'));
    expect(status).toBe(400);
    expect(detail(body)).toEqual([{ field: 'q', code: 'nul_character' }]);
  });
  it('on the unauthenticated portal login start: no code, no outbox message', async () => {
    const { status, body } = await refused(() => t.app.inject({ method: 'POST', url: '/api/portal/login/start', payload: { address: 'mor\u0000@example.test' } }));
    expect(status).toBe(400);
    expect(detail(body)).toEqual([expect.objectContaining({ field: 'address' })]);
    expect(body.error.details.map((d) => d.code)).toContain('nul_character');
  });
});

describe('an integer past PostgreSQL integer (2147483647) is a 400, never 22003', () => {
  it('a version in a body; the largest editable version (int4 max - 1, as the update stores version + 1) is a plain stale version', async () => {
    const before = await caseVersion();
    const { status, body } = await refused(() => api().patch(`/api/cases/${family.caseId}`, { statusReason: 'x', version: 2_147_483_647 }));
    expect(status).toBe(400);
    expect(detail(body)).toEqual([{ field: 'version', code: 'out_of_range' }]);
    const largest = await refused(() => api().patch(`/api/cases/${family.caseId}`, { statusReason: 'x', version: 2_147_483_646 }));
    expect(largest.status).toBe(409);
    expect(await caseVersion()).toBe(before);
  });
  it('a plan version number in a path', async () => {
    const { status, body } = await refused(() => api().get(`/api/families/${family.familyId}/plan/versions/2147483648`));
    expect(status).toBe(400);
    expect(detail(body)).toEqual([{ field: 'number', code: 'out_of_range' }]);
  });
  it('a plan version number in a query string', async () => {
    const { status, body } = await refused(() => api().get(`/api/families/${family.familyId}/plan/compare?from=1&to=99999999999`));
    expect(status).toBe(400);
    expect(detail(body)).toEqual([{ field: 'to', code: 'out_of_range' }]);
  });
});

describe('unknown fields are refused, not dropped', () => {
  it('PATCH /api/cases/:id with followUpCadence → 400 unknown_field; the case is unchanged', async () => {
    const before = await caseVersion();
    const { status, body } = await refused(() => api().patch(`/api/cases/${family.caseId}`, { followUpCadence: 'six_weeks', version: before }));
    expect(status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(detail(body)).toEqual([{ field: 'followUpCadence', code: 'unknown_field' }]);
    expect(await caseVersion()).toBe(before);
  });
  it('a misspelt field (note for notes) → 400 naming it; the family keeps its notes', async () => {
    const row = await t.db.selectFrom('families').select(['version', 'notes']).where('id', '=', family.familyId).executeTakeFirstOrThrow();
    const { status, body } = await refused(() => api().patch(`/api/families/${family.familyId}`, { note: 'Ringer om fredagen', version: row.version }));
    expect(status).toBe(400);
    expect(detail(body)).toEqual([{ field: 'note', code: 'unknown_field' }]);
    expect(await t.db.selectFrom('families').select(['version', 'notes']).where('id', '=', family.familyId).executeTakeFirstOrThrow()).toEqual(row);
  });
  it('a nested unknown field is named by its path', async () => {
    const { status, body } = await refused(() => api().post(`/api/families/${family.familyId}/members`, {
      relation: 'sibling', person: { firstName: 'Lille', lastName: 'Bror', shoeSize: 30 },
    }));
    expect(status).toBe(400);
    expect(detail(body)).toContainEqual({ field: 'person.shoeSize', code: 'unknown_field' });
  });
  it('an unknown query parameter is refused too', async () => {
    const { status, body } = await refused(() => api().get('/api/search?q=Hansen&qq=1'));
    expect(status).toBe(400);
    expect(detail(body)).toEqual([{ field: 'qq', code: 'unknown_field' }]);
  });
});

describe('municipality settings are an allow-list', () => {
  const settingsOf = async () => (await t.db.selectFrom('municipalities').select(['settings', 'version']).where('id', '=', m.id).executeTakeFirstOrThrow());
  it('an unknown key → 400 unknown_field naming settings.<key>; nothing stored', async () => {
    const before = await settingsOf();
    const adminApi = client(t.app, adminSession);
    const { status, body } = await refused(() => adminApi.patch('/api/municipality', { settings: { efeiStatusMeetingWeeks: 6, colour: 'blå' }, version: before.version }));
    expect(status).toBe(400);
    expect(detail(body)).toEqual([{ field: 'settings.colour', code: 'unknown_field' }]);
    const nested = await refused(() => adminApi.patch('/api/municipality', { settings: { caseloadTarget: { min: 1, max: 5, ideal: 3 } }, version: before.version }));
    expect(nested.status).toBe(400);
    expect(detail(nested.body)).toEqual([{ field: 'settings.caseloadTarget.ideal', code: 'unknown_field' }]);
    expect(await settingsOf()).toEqual(before);
  });
  it('a follow-up interval is the fixed SOF cadence → 422 cadence_fixed (001:770-771); nothing stored', async () => {
    const before = await settingsOf();
    const { status, body } = await refused(() => client(t.app, adminSession).patch('/api/municipality', { settings: { followUpIntervalDays: 180 }, version: before.version }));
    expect(status).toBe(422);
    expect(detail(body)).toEqual([{ field: 'settings.followUpIntervalDays', code: 'cadence_fixed' }]);
    expect(await settingsOf()).toEqual(before);
  });
  it('a known key of the wrong type → 422 settings_invalid; nothing stored', async () => {
    const before = await settingsOf();
    const { status, body } = await refused(() => client(t.app, adminSession).patch('/api/municipality', { settings: { caseloadWeights: 'heavy' }, version: before.version }));
    expect(status).toBe(422);
    expect(detail(body)).toEqual([{ field: 'settings.caseloadWeights', code: 'invalid_type' }]);
    expect(await settingsOf()).toEqual(before);
  });
  it('the allow-listed settings are still saved', async () => {
    const before = await settingsOf();
    const saved = await client(t.app, adminSession).patch('/api/municipality', {
      settings: { efeiStatusMeetingWeeks: 6, caseloadTarget: { min: 18, max: 24 }, caseloadWeights: { efei: 1.5 } }, version: before.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await settingsOf()).settings).toEqual({ efeiStatusMeetingWeeks: 6, caseloadTarget: { min: 18, max: 24 }, caseloadWeights: { efei: 1.5 } });
  });
  it('the system\'s demo marker is not the administrator\'s to send or drop: a save keeps it (the production start-up reads it)', async () => {
    await t.db.updateTable('municipalities').set({ settings: JSON.stringify({ demo: true, efeiStatusMeetingWeeks: 6 }) }).where('id', '=', m.id).execute();
    const before = await settingsOf();
    const sent = await refused(() => client(t.app, adminSession).patch('/api/municipality', { settings: { demo: false }, version: before.version }));
    expect(detail(sent.body)).toEqual([{ field: 'settings.demo', code: 'unknown_field' }]);
    const saved = await client(t.app, adminSession).patch('/api/municipality', { settings: { efeiStatusMeetingWeeks: 8 }, version: before.version });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await settingsOf()).settings).toEqual({ efeiStatusMeetingWeeks: 8, demo: true });
    await t.db.updateTable('municipalities').set({ settings: JSON.stringify({}) }).where('id', '=', m.id).execute();
  });
});

describe('ill-formed Unicode is refused, not stored as U+FFFD', () => {
  it('invalid UTF-8 bytes in a JSON body → 400 naming the field', async () => {
    const json = Buffer.from(JSON.stringify(measure({ description: 'Kørsel XX til træning' })), 'utf8');
    const at = json.indexOf('XX');
    json[at] = 0xff; // never valid in UTF-8
    json[at + 1] = 0xc3; // a lead byte without its continuation
    const { status, body } = await refused(() => raw('POST', `/api/cases/${family.caseId}/measures`, json));
    expect(status).toBe(400);
    expect(detail(body)).toEqual([{ field: 'description', code: 'invalid_unicode' }]);
  });
  it('a lone surrogate (\\ud800) → 400 naming the field', async () => {
    const json = JSON.stringify(measure({ description: 'PLACEHOLDER' })).replace('PLACEHOLDER', 'Kørsel \\ud800');
    const { status, body } = await refused(() => raw('POST', `/api/cases/${family.caseId}/measures`, json));
    expect(status).toBe(400);
    expect(detail(body)).toEqual([{ field: 'description', code: 'invalid_unicode' }]);
  });
  it('a surrogate pair (an emoji) is well-formed and accepted', async () => {
    const response = await api().post(`/api/cases/${family.caseId}/measures`, measure({ description: 'Svømning 🏊' }));
    expect(response.statusCode, response.body).toBe(201);
  });
});

describe('database refusals the schemas cannot know', () => {
  it('a foreign-key violation → 422 naming the field, never the constraint', async () => {
    const { status, body, raw: text } = await refused(() => api().post(`/api/cases/${family.caseId}/measures`, measure({ departmentId: randomUUID() })));
    expect(status).toBe(422);
    expect(body.error.code).toBe('reference_not_found');
    expect(detail(body)).toEqual([{ field: 'departmentId', code: 'reference_not_found' }]);
    expect(text).not.toContain('_fk');
  });
  it('every foreign key of the migrated schema has a field in foreign-keys.ts, and no entry is stale', async () => {
    const rows = await sql<{ conname: string }>`select conname from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`.execute(t.db);
    const inSchema = rows.rows.map((r) => r.conname).sort();
    expect(inSchema.length).toBeGreaterThan(100);
    expect(inSchema.filter((name) => !(name in foreignKeyFields))).toEqual([]);
    expect(Object.keys(foreignKeyFields).filter((name) => !inSchema.includes(name))).toEqual([]);
  });
});

describe('the safety net: a value the database refuses is a 400 naming the field (errors.ts)', () => {
  it('22021 (NUL in text) and 22003 (past int4) from the real database, for a route without a strict schema', async () => {
    // A bare route with no schema at all, as a route whose schema forgot a check would be: the database refuses.
    const bare = Fastify();
    bare.setErrorHandler(errorHandler);
    bare.post('/x', async (request) => {
      const body = request.body as { note: string; count: number };
      await sql`select ${body.note}::text as note, ${body.count}::int4 as count`.execute(t.db);
      return { ok: true };
    });
    try {
      const nul = await bare.inject({ method: 'POST', url: '/x', payload: { count: 1, note: 'a\u0000b' } });
      expect(nul.statusCode, nul.body).toBe(400);
      expect(detail(nul.json() as ErrorBody)).toEqual([{ field: 'note', code: 'nul_character' }]);
      const big = await bare.inject({ method: 'POST', url: '/x', payload: { note: 'ok', count: 2_147_483_648 } });
      expect(big.statusCode, big.body).toBe(400);
      expect(detail(big.json() as ErrorBody)).toEqual([{ field: 'count', code: 'out_of_range' }]);
    } finally {
      await bare.close();
    }
  });
});

describe('a lost database connection is 503 with Retry-After, nothing written', () => {
  it('a backend shut down mid-transaction (57P01, raised by a trigger inside the route\'s transaction) → 503 unavailable', async () => {
    // The trigger raises what PostgreSQL sends a backend an administrator or a restart terminates (admin_shutdown).
    await sql`create function test_lost_connection() returns trigger language plpgsql as $$
      begin raise exception 'terminating connection due to administrator command' using errcode = '57P01'; end $$`.execute(t.db);
    await sql`create trigger test_lost_connection before insert on measures for each row execute function test_lost_connection()`.execute(t.db);
    try {
      const { status, body, response } = await refused(() => api().post(`/api/cases/${family.caseId}/measures`, measure()));
      expect(status).toBe(503);
      expect(body.error.code).toBe('unavailable');
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await sql`drop trigger test_lost_connection on measures`.execute(t.db);
      await sql`drop function test_lost_connection()`.execute(t.db);
    }
  });
  it.skipIf(!process.env.DATABASE_URL)('PostgreSQL: the request\'s own backend terminated (pg_terminate_backend) → 503, and the next request works', async () => {
    // security definer: the app runs as tovholder_app, which may not signal the superuser-owned session it runs in.
    await sql`create function test_terminate_backend() returns trigger language plpgsql security definer as $$
      begin perform pg_terminate_backend(pg_backend_pid()); return new; end $$`.execute(t.db);
    await sql`create trigger test_terminate_backend before insert on measures for each row execute function test_terminate_backend()`.execute(t.db);
    try {
      const { status, body, response } = await refused(() => api().post(`/api/cases/${family.caseId}/measures`, measure()));
      expect(status).toBe(503);
      expect(body.error.code).toBe('unavailable');
      expect(response.headers['retry-after']).toBeDefined();
    } finally {
      await sql`drop trigger test_terminate_backend on measures`.execute(t.db);
      await sql`drop function test_terminate_backend()`.execute(t.db);
    }
    expect((await api().get(`/api/cases/${family.caseId}`)).statusCode).toBe(200);
  });
  it('recognises node-postgres\' socket errors and connection exceptions, not other database errors', () => {
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isConnectionLoss(new Error('wrapped', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }))).toBe(true);
    expect(isConnectionLoss(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
  });
});

describe('strictInput: a deep-strict copy that keeps what the schema says', () => {
  const Original = z.object({
    name: z.string().trim(),
    items: z.array(z.object({ n: z.number().int() })).default([]),
    when: z.object({ from: z.number().int(), to: z.number().int() }).refine((w) => w.from <= w.to, 'period_reversed: From is after to.').optional(),
    extra: z.looseObject({ k: z.string() }).optional(),
  });
  const Strict = strictInput(Original);
  it('refuses unknown keys at every depth; the original (a response schema, say) still strips them', () => {
    const input = { name: ' a ', items: [{ n: 1, m: 2 }], zz: 1 };
    expect(Strict.safeParse(input).error?.issues.map((i) => [i.code, i.path.join('.'), (i as { keys?: string[] }).keys])).toEqual([
      ['unrecognized_keys', 'items.0', ['m']], ['unrecognized_keys', '', ['zz']],
    ]);
    expect(Original.parse(input)).toEqual({ name: 'a', items: [{ n: 1 }] });
  });
  it('keeps refinements, transforms, defaults and an explicitly loose object', () => {
    expect(Strict.safeParse({ name: 'x', when: { from: 2, to: 1 } }).error?.issues.map((i) => i.message)).toEqual(['period_reversed: From is after to.']);
    expect(Strict.parse({ name: ' x ', extra: { k: 'v', free: 1 } })).toEqual({ name: 'x', items: [], extra: { k: 'v', free: 1 } });
  });
  it('bounds integers without a bound of their own by int4, and leaves a declared bound alone', () => {
    expect(Strict.safeParse({ name: 'x', items: [{ n: 2_147_483_648 }] }).success).toBe(false);
    expect(Strict.safeParse({ name: 'x', items: [{ n: 2_147_483_647 }] }).success).toBe(true);
    const Wide = strictInput(z.object({ ore: z.number().int().max(Number.MAX_SAFE_INTEGER) }));
    expect(Wide.safeParse({ ore: 2 ** 40 }).success).toBe(true);
  });
});

describe('the OpenAPI document shows the strict input', () => {
  it('request bodies of objects say additionalProperties: false', () => {
    const document = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const post = document.paths['/api/families/{id}']!.patch!.requestBody!.content!['application/json']!.schema as { additionalProperties?: unknown };
    expect(post.additionalProperties).toBe(false);
  });
});

// ---- every route ----

interface JsonSchema { properties?: Record<string, { const?: unknown; enum?: unknown[] }>; oneOf?: JsonSchema[]; anyOf?: JsonSchema[] }
interface Operation { requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; parameters?: Array<{ in: string; name: string; schema?: { type?: string; format?: string; enum?: unknown[] } }> }

/** A value the path parameter's schema accepts, so the request reaches body and query validation. */
function paramValue(schema: { type?: string; format?: string; enum?: unknown[] } | undefined): string {
  if (schema?.enum?.length) return String(schema.enum[0]);
  if (schema?.format === 'uuid') return randomUUID();
  if (schema?.type === 'integer' || schema?.type === 'number') return '1';
  return 'x';
}

/**
 * The body sent with the unknown field: empty, except that a union body (e.g. a meeting participant: user, person or
 * guest) gets its first branch's discriminator, so zod reaches that branch's keys instead of stopping at "which kind?".
 */
function bodyWithUnknownField(operation: Operation): Record<string, unknown> {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  const branch = schema?.oneOf?.[0] ?? schema?.anyOf?.[0];
  const body: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(branch?.properties ?? {})) {
    if (property.const !== undefined) body[key] = property.const;
    else if (property.enum?.length === 1) body[key] = property.enum[0];
  }
  return { ...body, zzUnknown: 1 };
}

describe('every route with a body or a query string refuses an unknown field (strict by default)', () => {
  it('walks listRoutes: each answers 400 unknown_field naming the field, and writes nothing', async () => {
    const document = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
    const checked: string[] = [];
    const problems: string[] = [];
    for (const route of listRoutes(t.app)) {
      const operation = document.paths[route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      if (!operation) continue; // hidden from the document (health, docs): no input schema to check
      const params = operation.parameters ?? [];
      const hasQuery = params.some((p) => p.in === 'query');
      if (!operation.requestBody && !hasQuery) continue;
      let url = route.path;
      for (const p of params.filter((p) => p.in === 'path')) url = url.replace(`:${p.name}`, paramValue(p.schema));
      // Staff routes: a session that passes the onRequest check, so validation runs; the handler (and its access
      // check) is never reached when validation fails. Portal routes need the portal cookie for the same reason.
      const headers = route.path.startsWith('/api/portal/') ? portal.headers : session.headers;
      const sends = [
        ...(hasQuery ? [{ where: 'query', url: `${url}?zzUnknown=1`, payload: undefined }] : []),
        ...(operation.requestBody ? [{ where: 'body', url, payload: bodyWithUnknownField(operation) }] : []),
      ];
      for (const send of sends) {
        const before = await countAll(t.db);
        const response = await t.app.inject({ method: route.method as 'GET', url: send.url, headers, ...(send.payload ? { payload: send.payload } : {}) });
        const label = `${route.method} ${route.path} (${send.where})`;
        checked.push(label);
        const body = response.json() as ErrorBody;
        const named = response.statusCode === 400 && body.error.details.some((d) => d.field === 'zzUnknown' && d.code === 'unknown_field');
        if (!named) problems.push(`${label}: ${response.statusCode} ${response.body.slice(0, 300)}`);
        if (JSON.stringify(await countAll(t.db)) !== JSON.stringify(before)) problems.push(`${label}: wrote something`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked.length).toBeGreaterThan(100);
  });
});
