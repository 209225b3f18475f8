/**
 * The cost report at scale (issue 8: "`npm run bench` gains the cost report at 100k cases (target: p50 under 50 ms on
 * PostgreSQL)"). Called from bench/run.ts after the other measurements. Seeds two years of monthly cost postings for
 * every measure of every municipality (as the posting run would write them: one posting per measure and month, a
 * third of the measures split 70/30 with the school department), then, as a controller of the large municipality
 * (code 101), measures GET /api/reports/costs (per department, last 12 months) over HTTP and the same command
 * in-process, interleaved; and, for information, the per-family and per-quarter reports and the expense analysis.
 * Returns the number of audit rows it caused (each read audits one row; the login one), for run.ts's audit check.
 */
import { sql } from 'kysely';
import type { FastifyRequest } from 'fastify';
import type { App } from '../src/app.js';
import { costReport, expenseAnalysisCommand } from '../src/modules/cost-report/commands.js';
import { addCalendarMonths } from '../src/platform/clock/dates.js';
import { asUser } from '../src/platform/auth/session.js';
import { systemClock } from '../src/platform/clock/clock.js';
import type { DatabaseHandle } from '../src/platform/db/database.js';
import { benchPassword } from './seed-large.js';
import { measureInterleaved, ms } from './stats.js';

export async function costReportBenchmark(input: { app: App; database: DatabaseHandle; base: string; today: string; warmup: number; iterations: number }): Promise<number> {
  const { app, database, base, today } = input;
  const db = database.db;
  const started = performance.now();
  const firstMonth = `${addCalendarMonths(today, -23).slice(0, 7)}-01`;
  const thisMonth = `${today.slice(0, 7)}-01`;
  // One posting per measure and month from the later of its start and two years ago, while it runs; amounts by the
  // evaluation's category (DEMO-sized, in øre); every third measure is split 70/30 with the school department.
  // Millions of rows: inserted with the foreign-key checks and triggers off (replica role, the bench connects as the
  // owner; the rows reference existing cases, measures and departments by construction), then the monthly totals the
  // trigger would have kept are computed once, exactly as cost_posting_totals_apply() would have.
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`insert into cost_postings (municipality_id, case_id, measure_id, month, department_id, expense_category, amount_ore, source, note)
      select me.municipality_id, me.case_id, me.id, mo.month::date,
             case when s.part = 1 then me.department_id else sd.id end,
             lb.expense_category,
             case when split then (case when s.part = 1 then 7 else 3 end) * base.ore / 10 else base.ore end,
             'manual', 'bench'
        from measures me
        join legal_bases lb on lb.id = me.legal_basis_id
        join departments sd on sd.municipality_id = me.municipality_id and sd.kind = 'school'
        cross join lateral (select (abs(hashtext(me.id::text)) % 3 = 0) as split,
                                   (100000 + abs(hashtext(me.id::text || 'a')) % 2000000)::bigint as ore) base
        cross join lateral generate_series(greatest(date_trunc('month', me.starts_on), ${firstMonth}::date),
                                           least(date_trunc('month', coalesce(me.ends_on, ${thisMonth}::date)), ${thisMonth}::date), interval '1 month') mo(month)
        cross join lateral (select generate_series(1, case when base.split then 2 else 1 end) as part) s`.execute(trx);
    await sql`insert into cost_posting_totals (municipality_id, month, department_id, expense_category, amount_ore, postings)
      select municipality_id, month, department_id, expense_category, sum(amount_ore)::bigint, count(*)::int from cost_postings group by 1, 2, 3, 4
      on conflict (municipality_id, month, department_id, expense_category) do update
        set amount_ore = cost_posting_totals.amount_ore + excluded.amount_ore, postings = cost_posting_totals.postings + excluded.postings`.execute(trx);
  });
  await sql`vacuum analyze cost_posting_totals`.execute(db);
  await sql`vacuum analyze cost_postings`.execute(db);
  const m = (await sql<{ id: string; hash: string }>`
    select mu.id, (select u.password_hash from users u where u.municipality_id = mu.id and u.password_hash is not null limit 1) as hash
      from municipalities mu where mu.code = '101'`.execute(db)).rows[0];
  if (!m) throw new Error('The large bench municipality (code 101) is missing.');
  const counts = (await sql<{ total: number; large: number; cases: number }>`
    select (select count(*)::int from cost_postings) as total,
           (select count(*)::int from cost_postings where municipality_id = ${m.id}::uuid and month >= (${thisMonth}::date - interval '11 months')) as large,
           (select count(*)::int from cases where municipality_id = ${m.id}::uuid) as cases`.execute(db)).rows[0]!;
  const email = 'controller@k101.bench.tovholder.dk';
  await sql`insert into users (municipality_id, email, name, roles, has_authority, password_hash)
    values (${m.id}::uuid, ${email}, 'Bench Controller', array['controller'], false, ${m.hash})`.execute(db);
  console.log(`\nCost postings: ${counts.total} in all (two years, every measure); the large municipality (${counts.cases} cases) sums ${counts.large} ` +
    `in the last 12 months (seeded in ${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: benchPassword }) });
  if (login.status !== 200) throw new Error(`Login as ${email} failed: ${login.status}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('tovholder_session='))!;
  const raw = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1));
  const unsigned = app.unsignCookie(raw);
  const request = { cookies: { tovholder_session: raw }, unsignCookie: () => unsigned, method: 'GET', headers: { 'user-agent': 'tovholder-bench' }, ip: '127.0.0.1', id: 'bench' } as unknown as FastifyRequest;
  const deps = { db, clock: systemClock };
  let calls = 0;
  const get = (url: string) => async () => {
    const response = await fetch(`${base}${url}`, { headers: { cookie } });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 200)}`);
    calls += 1;
  };
  const command = (by: 'department' | 'family' | 'quarter') => async () => {
    await asUser(request, deps, (trx, { ctx }) => costReport(trx, ctx, { by, format: 'json' }));
    calls += 1;
  };
  const [overHttp, inProcess] = await measureInterleaved(input.warmup, input.iterations, [get('/api/reports/costs?by=department'), command('department')]);
  console.log(`Cost report (issue 8), per department, last 12 months, ${counts.large} postings of ${counts.cases} cases:`);
  console.log(`  HTTP GET /api/reports/costs?by=department  p50 ${ms(overHttp!.p50)} ms  p95 ${ms(overHttp!.p95)} ms  mean ${ms(overHttp!.mean)} ms  ` +
    `(target p50 < 50 ms: ${overHttp!.p50 < 50 ? 'met' : 'MISSED'})`);
  console.log(`  in-process costReport                       p50 ${ms(inProcess!.p50)} ms  p95 ${ms(inProcess!.p95)} ms  mean ${ms(inProcess!.mean)} ms`);
  const few = Math.max(5, Math.floor(input.iterations / 10));
  const [quarter, family] = await measureInterleaved(2, few, [get('/api/reports/costs?by=quarter'), get('/api/reports/costs?by=family')]);
  const splitOn = `${addCalendarMonths(today, -12).slice(0, 7)}-01`;
  const [expenses] = await measureInterleaved(1, few, [async () => {
    await asUser(request, deps, (trx, { ctx }) => expenseAnalysisCommand(trx, ctx, { group: 'all', splitOn, format: 'json' }));
    calls += 1;
  }]);
  console.log(`  (information, ${few} runs) per quarter p50 ${ms(quarter!.p50)} ms; per family p50 ${ms(family!.p50)} ms; ` +
    `expense analysis (8 quarters) in-process p50 ${ms(expenses!.p50)} ms`);
  return calls + 1;
}
