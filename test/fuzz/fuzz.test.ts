import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoPassword, demoUsers, seedDemo } from '../../src/demo/seed.js';
import { sessionRequiredFor, type SessionKind } from '../../src/platform/http/access-paths.js';
import { createTestApp, type TestApp } from '../app.js';
import { login, type Session } from '../factories.js';
import { loginToPortal } from '../portal-fixtures.js';
import { RequestGenerator, type GeneratedRequest, type IdPool, type OpenApiDocument } from './generate.js';

/**
 * A bounded property-based fuzzer generated from the OpenAPI document: every operation is called with generated
 * (valid and mutated) input by every staff role of Demo Kommune, by a parent in the family portal and anonymously.
 * Property: no answer is a 5xx, and every answer is what the document says (test/contract.ts).
 * FUZZ_RUNS (total requests, default 5,000) and FUZZ_SEED (default below) change the run; the seed is printed, and
 * the same seed sends the same requests.
 */
const totalRuns = Number(process.env.FUZZ_RUNS ?? 5000);
const seed = Number(process.env.FUZZ_SEED ?? 20_261_122);

interface Caller { name: string; kind: SessionKind; session: Session | { headers: Record<string, string> } | null; relogin?: () => Promise<Caller['session']> }
interface Finding { kind: '5xx' | 'contract'; operation: string; status: number; caller: string; request: GeneratedRequest; detail: string }

let t: TestApp;
const callers: Caller[] = [];
let ids: IdPool;
const errors = new WeakMap<object, Error & { code?: string; constraint?: string }>();

beforeAll(async () => {
  t = await createTestApp({
    contract: 'collect', portalStartMinMs: 0, portalAddressRateLimit: 1_000_000,
    // The 500's cause, for the report (the answer itself says only "internal").
    beforeReady: (app) => app.addHook('onError', async (request, _reply, error) => {
      errors.set(request.raw, error);
    }),
  });
  await seedDemo(t.db, t.clock);
  const municipalities = await t.db.selectFrom('municipalities').select(['id', 'code']).execute();
  const demo = municipalities.find((m) => m.code === '998')!.id;
  ids = await idPool(demo);
  // One login of each staff role (demo logins, src/demo/seed.ts demoUsers), the parent login of the portal, no login.
  // The fuzzer's own requests may change a caller's login (an administrator deactivates the user, wrong passwords
  // lock it, a coordinator edits the parent's e-mail address): logging in again first puts it back as the seed made it.
  const seen = new Set<string>();
  for (const [email, , roles] of demoUsers) {
    if (seen.has(roles[0]!)) continue;
    seen.add(roles[0]!);
    const user = await t.db.selectFrom('users').select(['id', 'password_hash']).where('email', '=', email).executeTakeFirstOrThrow();
    const relogin = async () => {
      await t.db.updateTable('users').set({ email, active: true, password_hash: user.password_hash, roles: [...roles], failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
      return login(t.app, email, demoPassword);
    };
    callers.push({ name: roles[0]!, kind: 'staff', session: await relogin(), relogin });
  }
  const parentEmail = 'foraelder@demo.tovholder.dk';
  const parent = await t.db.selectFrom('persons').select('id').where('email', '=', parentEmail).executeTakeFirstOrThrow();
  const portal = async () => {
    // Also the fuzzer's own login attempts for the address (5 codes an hour, portal/commands.ts maxCodesPerHour) and
    // a custody it may have taken away (a portal login needs custody).
    await t.db.updateTable('persons').set({ email: parentEmail }).where('id', '=', parent.id).execute();
    await t.db.updateTable('family_members').set({ has_custody: true }).where('person_id', '=', parent.id).execute();
    await t.db.deleteFrom('portal_login_codes').where('person_id', '=', parent.id).execute();
    return loginToPortal(t.app, t.db, parentEmail);
  };
  callers.push({ name: 'portal parent', kind: 'portal', session: await portal(), relogin: portal });
  callers.push({ name: 'anonymous', kind: 'none', session: null });
  t.violations.length = 0;
}, 300_000);
afterAll(() => t.close());

/** Ids of records of Demo Kommune (own) and of Nabo Kommune (other), from every tenant table with an id. */
async function idPool(own: string): Promise<IdPool> {
  const tables = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.columns m on m.table_schema = c.table_schema and m.table_name = c.table_name and m.column_name = 'municipality_id'
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.column_name = 'id' and c.data_type = 'uuid' order by c.table_name`.execute(t.db);
  const pool: IdPool = { own: [], other: [] };
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ id: string; municipality_id: string }>`select id, municipality_id from ${sql.table(table_name)} order by id limit 12`.execute(t.db);
    for (const row of rows.rows) (row.municipality_id === own ? pool.own : pool.other).push(row.id);
  }
  return pool;
}

it(`answers every generated request without a 5xx and as the OpenAPI document says (FUZZ_RUNS=${totalRuns}, FUZZ_SEED=${seed})`, async () => {
  const document = t.app.swagger() as unknown as OpenApiDocument;
  const generator = new RequestGenerator(document, ids);
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })))
    .sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
  const runsPerOperation = Math.max(1, Math.ceil(totalRuns / operations.length));
  const findings: Finding[] = [];
  const statuses = new Map<number, number>();
  let requests = 0;
  let relogins = 0;

  for (const [index, { path, method, operation }] of operations.entries()) {
    // Mostly callers with the session the route wants (so requests get past the login check), sometimes anyone.
    const matching = callers.map((c, i) => [c, i] as const).filter(([c]) => c.kind === sessionRequiredFor(path)).map(([, i]) => i);
    const anyCaller = fc.nat({ max: callers.length - 1 });
    const caller = matching.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...matching) }, { weight: 1, arbitrary: anyCaller }) : anyCaller;
    const samples = fc.sample(fc.tuple(generator.requests(path, method, operation), caller), { seed: seed + index, numRuns: runsPerOperation });
    for (const [request, callerIndex] of samples) {
      const caller = callers[callerIndex]!;
      const headers: Record<string, string> = { ...(caller.session?.headers ?? {}) };
      if (request.contentType) headers['content-type'] = request.contentType;
      const before = t.violations.length;
      const response = await t.app.inject({ method: request.method as 'GET', url: request.url, headers, ...(request.body === undefined ? {} : { payload: request.body as string }) });
      requests += 1;
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      if (response.statusCode >= 500) {
        const error = errors.get(response.raw.req);
        findings.push({ kind: '5xx', operation: request.operation, status: response.statusCode, caller: caller.name, request,
          detail: error ? `${error.code ?? error.name}${error.constraint ? ` (${error.constraint})` : ''}: ${error.message.slice(0, 200)}` : response.body.slice(0, 200) });
      }
      for (const violation of t.violations.slice(before)) {
        findings.push({ kind: 'contract', operation: request.operation, status: violation.status, caller: caller.name, request, detail: violation.message.slice(0, 400) });
      }
      // A request may end the caller's session (logout, a deactivated login): log in again so the caller keeps calling.
      if (response.statusCode === 401 && caller.relogin && sessionRequiredFor(request.url.split('?')[0]!) === caller.kind) {
        relogins += 1;
        caller.session = await caller.relogin();
      }
    }
  }

  const fiveXx = findings.filter((f) => f.kind === '5xx').length;
  const violations = findings.filter((f) => f.kind === 'contract').length;
  console.log(`fuzz: seed ${seed}, ${operations.length} operations × ${runsPerOperation} runs, ${callers.length} callers: ${requests} requests, ${fiveXx} 5xx, ${violations} document violations, ${relogins} logins again; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
  // One line per distinct problem (operation, status, cause), with a request that reproduces it.
  const distinct = new Map<string, { finding: Finding; count: number }>();
  for (const finding of findings) {
    const key = `${finding.kind} ${finding.operation} ${finding.status} ${finding.detail.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<id>').slice(0, 120)}`;
    const entry = distinct.get(key);
    if (entry) entry.count += 1;
    else distinct.set(key, { finding, count: 1 });
  }
  const report = [...distinct.values()].map(({ finding: f, count }) =>
    `${f.kind} ×${count} ${f.operation} → ${f.status} as ${f.caller}: ${f.detail}\n    ${f.request.method} ${f.request.url.slice(0, 200)}${f.request.body === undefined ? '' : ` body ${JSON.stringify(f.request.body).slice(0, 300)}`}${f.request.contentType && f.request.contentType !== 'application/json' ? ` (${f.request.contentType})` : ''}`);
  if (report.length > 0) console.log(`fuzz findings (seed ${seed}):\n${report.join('\n')}`);
  expect(requests).toBeGreaterThanOrEqual(Math.min(totalRuns, operations.length * runsPerOperation));
  expect(report, `the fuzzer found problems (FUZZ_SEED=${seed} reproduces them)`).toEqual([]);
}, 60 * 60_000);
