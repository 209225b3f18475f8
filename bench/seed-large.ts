import { sql, type RawBuilder } from 'kysely';
import { hashPassword } from '../src/platform/auth/password.js';
import type { Database } from '../src/platform/db/database.js';
import { createMunicipality } from '../src/platform/db/tenants.js';

/**
 * Seeds a large, realistic register for the benchmark with set-based SQL (insert … select … from generate_series),
 * run as the connection user (a superuser, so row-level security does not apply). Per municipality: departments,
 * coordinators with a caseload of about `caseload` cases each, a few core-team members, families of 1-2 parents and
 * 1-2 children, one case per child with its lead assignment (family_coordinator under EFEI, primary_caseworker under
 * SOF), sometimes a buddy or a core-team member, and 1-3 measures with the § of the law in force when the case opened.
 *
 * The data is the same on every run: every "random" choice is a hash of the row's position (hashint8extended), and
 * CPR numbers follow src/demo/random.ts fictionalCpr (a real date, the right century digit, modulus 11 failing).
 */

export const benchPassword = 'Tovholder-bench-2026';

export interface SeedOptions {
  cases: number;
  municipalities: number;
  /**
   * Cases of the one large municipality (municipality code 101, like Copenhagen or Aarhus); the other municipalities
   * share the rest evenly. Capped at half of all cases (so the others keep a realistic size in small runs) and never
   * below an even share. Default 5,000: the "large municipality" of issue 4 §8.
   */
  largest?: number;
  /** Cases per coordinator (the models' caseload is 20-25). */
  caseload: number;
  today: string;
  log?: (message: string) => void;
}

export interface SeedResult {
  municipalities: number;
  families: number;
  persons: number;
  cases: number;
  measures: number;
  users: number;
}

const lastNames = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen',
  'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Poulsen', 'Johansen', 'Knudsen', 'Mortensen', 'Møller', 'Jakobsen', 'Mikkelsen',
  'Frederiksen', 'Henriksen', 'Laursen', 'Lund', 'Schmidt', 'Eriksen', 'Holm', 'Kristiansen', 'Clausen', 'Simonsen', 'Svendsen', 'Andreasen',
  'Iversen', 'Østergaard', 'Jeppesen', 'Vestergaard', 'Nissen', 'Lauridsen', 'Kjær', 'Dam', 'Mogensen', 'Nguyen', 'Ali', 'Hussein', 'Yilmaz', 'Kowalski'];
const childNames = ['Alma', 'Emil', 'Freja', 'Noah', 'Ida', 'Oscar', 'Clara', 'William', 'Ella', 'Lucas', 'Agnes', 'Karl', 'Josefine', 'Malthe',
  'Nora', 'Viggo', 'Luna', 'Aksel', 'Lea', 'Storm', 'Olivia', 'Arthur', 'Karla', 'Valdemar', 'Asta', 'Alfred', 'Emma', 'Elias', 'Sofia', 'Theo'];
const adultNames = ['Camilla', 'Thomas', 'Louise', 'Martin', 'Sara', 'Rasmus', 'Julie', 'Kasper', 'Maria', 'Anders', 'Line', 'Mikkel', 'Tina',
  'Jesper', 'Helle', 'Michael', 'Anne', 'Peter', 'Mette', 'Søren', 'Pia', 'Lars', 'Hanne', 'Jens', 'Susanne', 'Morten', 'Charlotte', 'Henrik'];
const streets = ['Kastanjevej', 'Bøgealle', 'Skolegade', 'Engvej', 'Møllebakken', 'Havnegade', 'Lærkevej', 'Birkevang', 'Søndergade', 'Vestergade'];

/**
 * Legal bases (migrations/0002) a measure is granted under, 8 per law; a case takes 1-3 distinct ones. Positions
 * match: SEL-41 became BL-86 and so on. Descriptions are what the child or family receives.
 */
const selIds = ['SEL-41', 'SEL-42', 'SEL-44', 'SEL-50', 'SEL-52', 'SEL-52a-1-1', 'SEL-84', 'SEL-11'];
const blIds = ['BL-86', 'BL-87', 'BL-90-2', 'BL-20', 'BL-32', 'BL-35-4-1', 'BL-19', 'BL-30'];
const descriptions = ['Merudgifter til særlig kost, ble og kørsel', 'Tabt arbejdsfortjeneste, 20 timer/uge', 'Aflastning en weekend om måneden',
  'Børnefaglig undersøgelse', 'Familiebehandling', 'Økonomisk støtte til fritidsaktivitet', 'Afløsning i hjemmet', 'Forældrekursus'];
/** Measures delivered by family therapy rather than the child disability department (positions in the lists above). */
const familyTherapyPositions = [5, 8];

/**
 * Cases per municipality: the first gets `largest` (at most half of all cases, at least an even share), the others
 * share the rest evenly. 100,000 cases in 98 municipalities: 5,000 + 97 × 979-980; 2,000 in 4: 1,000 + 3 × 333-334.
 */
export function municipalitySizes(cases: number, municipalities: number, largest: number): number[] {
  if (municipalities === 1) return [cases];
  // Every other municipality keeps at least one case.
  const large = Math.min(cases - (municipalities - 1), Math.max(Math.ceil(cases / municipalities), Math.min(largest, Math.floor(cases / 2))));
  const rest = cases - large;
  const others = municipalities - 1;
  return [large, ...Array.from({ length: others }, (_, i) => Math.floor(rest / others) + (i < rest % others ? 1 : 0))];
}

export async function seedLarge(db: Database, options: SeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const { cases, municipalities, caseload, today } = options;
  if (municipalities < 1 || municipalities > 899) throw new Error('BENCH_MUNICIPALITIES must be 1-899 (codes 101-999).');
  if (cases < municipalities) throw new Error('BENCH_CASES must be at least BENCH_MUNICIPALITIES.');

  const passwordHash = await hashPassword(benchPassword);
  let started = performance.now();
  const step = (what: string) => {
    log(`  ${what}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    started = performance.now();
  };

  // Municipalities through the real operator path, so each has the head of its audit chain. As in Denmark, one is
  // large (code 101: `largest` cases, 5,000 by default) and the others share the rest evenly.
  const sizes = municipalitySizes(cases, municipalities, options.largest ?? 5000);
  const tenants: Array<{ idx: number; id: string; code: string; cases: number }> = [];
  for (let i = 0; i < municipalities; i++) {
    const code = String(101 + i);
    const id = await createMunicipality(db, { code, name: `Benchkommune ${code}`, settings: { bench: true, caseloadTarget: { min: 20, max: 25 } } });
    tenants.push({ idx: i + 1, id, code, cases: sizes[i]! });
  }
  step(`${municipalities} municipalities (createMunicipality)`);

  // Temporary planning tables live on one connection, so the whole seed runs on one pinned connection.
  await db.connection().execute(async (conn) => {
    const run = (query: RawBuilder<unknown>) => query.execute(conn);

    await run(sql`create temp table bench_muni (idx int primary key, id uuid not null, code text not null, n_cases int not null,
      n_coord int not null, n_core int not null, dept_cd uuid, dept_ft uuid, dept_ppr uuid)`);
    await run(sql`insert into bench_muni (idx, id, code, n_cases, n_coord, n_core)
      select t.idx, t.id, t.code, t.n_cases, ceil(t.n_cases / ${caseload}::numeric)::int, ceil(ceil(t.n_cases / ${caseload}::numeric) / 4)::int
        from unnest(${tenants.map((t) => t.idx)}::int[], ${tenants.map((t) => t.id)}::uuid[], ${tenants.map((t) => t.code)}::text[],
                    ${tenants.map((t) => t.cases)}::int[]) as t(idx, id, code, n_cases)`);
    // Deterministic "random" numbers from a row's key: an integer in [0, n) and a fraction in [0, 1).
    await run(sql`create function pg_temp.bench_int(key bigint, salt int, n int) returns int language sql immutable
      as $$ select (((hashint8extended(key, salt) % n) + n) % n)::int $$`);
    await run(sql`create function pg_temp.bench_rnd(key bigint, salt int) returns float8 language sql immutable
      as $$ select (hashint8extended(key, salt) & 4294967295)::float8 / 4294967296 $$`);
    // As fictionalCpr in src/demo/random.ts: day, month, year, century digit, then a last digit that fails modulus 11.
    await run(sql`create function pg_temp.bench_cpr(b date, key bigint) returns text language plpgsql immutable as $$
      declare
        base text;
        weights int[] := array[4, 3, 2, 7, 6, 5, 4, 3, 2];
        total int := 0;
        last_digit int;
      begin
        base := (case when to_char(b, 'MMDD') = '0101' then '02' else to_char(b, 'DD') end) || to_char(b, 'MMYY')
          || (case when extract(year from b) >= 2000 then 4 + pg_temp.bench_int(key, 11, 6) else pg_temp.bench_int(key, 11, 4) end)::text
          || lpad(pg_temp.bench_int(key, 12, 100)::text, 2, '0');
        for i in 1..9 loop total := total + weights[i] * substr(base, i, 1)::int; end loop;
        last_digit := pg_temp.bench_int(key, 13, 10);
        if (total + last_digit) % 11 = 0 then last_digit := (last_digit + 1) % 10; end if;
        return base || last_digit::text;
      end $$`);

    await run(sql`insert into departments (municipality_id, kind, name)
      select m.id, d.kind, d.name from bench_muni m
       cross join (values ('child_disability', 'Børnehandicap'), ('family_therapy', 'Familiebehandlingen'), ('ppr', 'PPR'),
                          ('child_youth', 'Børn og Unge'), ('school', 'Skoleafdelingen'), ('daycare', 'Dagtilbud')) as d(kind, name)`);
    await run(sql`update bench_muni m set
      dept_cd = (select id from departments d where d.municipality_id = m.id and d.kind = 'child_disability'),
      dept_ft = (select id from departments d where d.municipality_id = m.id and d.kind = 'family_therapy'),
      dept_ppr = (select id from departments d where d.municipality_id = m.id and d.kind = 'ppr')`);

    // Staff: coordinators (one per `caseload` cases) and core-team members (one per four coordinators), one shared password hash.
    await run(sql`create temp table bench_user as
      select gen_random_uuid() as id, m.idx as muni_idx, m.id as muni_id, kind, k,
             format('%s%s@k%s.bench.tovholder.dk', case when kind = 'coordinator' then 'koordinator' else 'kerneteam' end, k, m.code) as email,
             (${adultNames}::text[])[1 + pg_temp.bench_int(m.idx * 100000 + k, case when kind = 'coordinator' then 1 else 2 end, ${adultNames.length})]
               || ' ' || (${lastNames}::text[])[1 + pg_temp.bench_int(m.idx * 100000 + k, case when kind = 'coordinator' then 3 else 4 end, ${lastNames.length})] as name,
             case when kind = 'coordinator' then m.dept_cd else m.dept_ppr end as department_id
        from bench_muni m
       cross join lateral (select 'coordinator' as kind, k from generate_series(1, m.n_coord) k
                           union all select 'core_team_member', k from generate_series(1, m.n_core) k) staff`);
    await run(sql`create unique index on bench_user (muni_idx, kind, k)`);
    await run(sql`insert into users (id, municipality_id, email, name, phone, department_id, roles, has_authority, password_hash)
      select id, muni_id, email, name, format('+45 %s %s %s %s', 20 + k % 80, 10 + k % 90, 10 + muni_idx % 90, 10 + (k * 7) % 90),
             department_id, array[kind], kind = 'coordinator', ${passwordHash}::text from bench_user`);
    step('departments and staff');

    // Families: 40 % have two children with a case, the rest one; trimmed so each municipality gets exactly n_cases.
    await run(sql`create temp table bench_family as
      with raw as (
        select m.idx as muni_idx, m.id as muni_id, m.n_cases, j as fam_no, m.idx::bigint * 1000000 + j as key,
               case when pg_temp.bench_rnd(m.idx::bigint * 1000000 + j, 1) < 0.4 then 2 else 1 end as kids
          from bench_muni m, generate_series(1, m.n_cases) j),
      cum as (select *, sum(kids) over (partition by muni_idx order by fam_no) - kids as cases_before from raw)
      select gen_random_uuid() as id, muni_idx, muni_id, fam_no, key, cases_before::int, least(kids, n_cases - cases_before)::int as kids,
             case when pg_temp.bench_rnd(key, 2) < 0.75 then 2 else 1 end as parents,
             (${lastNames}::text[])[1 + pg_temp.bench_int(key, 3, ${lastNames.length})] as last_name,
             case when pg_temp.bench_rnd(key, 4) < 0.5 then 'efei' else 'sof' end as model
        from cum where cases_before < n_cases`);
    await run(sql`insert into families (id, municipality_id, name, address)
      select id, muni_id, 'Familien ' || last_name,
             (${streets}::text[])[1 + pg_temp.bench_int(key, 5, ${streets.length})] || ' ' || (1 + pg_temp.bench_int(key, 6, 120)) || ', Benchkommune'
        from bench_family`);
    step('families');

    // Parents 28-52 years old, children 1 month to 17 years; one person key per family member for the hashes.
    await run(sql`create temp table bench_person as
      select gen_random_uuid() as id, f.muni_idx, f.muni_id, f.id as family_id, f.model, r.relation, r.ord,
             f.key * 10 + r.ord + case when r.relation = 'child' then 4 else 0 end as key,
             case when r.relation = 'child' then f.cases_before + r.ord - 1 end as case_idx, f.last_name
        from bench_family f
       cross join lateral (select 'parent' as relation, ord from generate_series(1, f.parents) ord
                           union all select 'child', ord from generate_series(1, f.kids) ord) r`);
    await run(sql`insert into persons (id, municipality_id, first_name, last_name, birth_date, cpr, phone, email)
      select id, muni_id, first_name, last_name, birth_date, pg_temp.bench_cpr(birth_date, key),
             case when relation = 'parent' then format('+45 %s %s %s %s', 20 + key % 80, 10 + key % 89, 10 + key % 83, 10 + key % 79) end,
             case when relation = 'parent' then format('foraelder%s@example.invalid', key) end
        from (select p.*,
                     case when relation = 'parent' then (${adultNames}::text[])[1 + pg_temp.bench_int(key, 7, ${adultNames.length})]
                          else (${childNames}::text[])[1 + pg_temp.bench_int(key, 7, ${childNames.length})] end as first_name,
                     case when relation = 'parent' then ${today}::date - (10227 + pg_temp.bench_int(key, 8, 9131))
                          else ${today}::date - (30 + pg_temp.bench_int(key, 8, 6530)) end as birth_date
                from bench_person p) p`);
    await run(sql`insert into family_members (municipality_id, family_id, person_id, relation, has_custody)
      select muni_id, family_id, id, relation, relation = 'parent' from bench_person`);
    step('persons and family members');

    // One case per child, opened up to five years ago (never before the child was two weeks old).
    await run(sql`create temp table bench_case as
      select gen_random_uuid() as id, p.muni_idx, p.muni_id, p.family_id, p.id as child_id, p.key, p.case_idx, p.model,
             1 + p.case_idx / ${caseload}::int as coord_k, m.n_coord, m.n_core, m.dept_cd, m.dept_ft,
             greatest(per.birth_date + 14, ${today}::date - (20 + pg_temp.bench_int(p.key, 20, 1806))) as opened_on,
             pg_temp.bench_rnd(p.key, 21) as status_draw
        from bench_person p join bench_muni m on m.idx = p.muni_idx join persons per on per.id = p.id
       where p.relation = 'child'`);
    await run(sql`insert into cases (id, municipality_id, family_id, child_id, case_number, model, status, status_reason, opened_on, closed_on, responsible_department_id)
      select id, muni_id, family_id, child_id,
             extract(year from opened_on)::int || '-' || lpad((row_number() over (partition by muni_idx, extract(year from opened_on) order by opened_on, case_idx))::text, 5, '0'),
             model, status,
             case status when 'closed' then 'Familien er flyttet' when 'ordinary_operation' then 'Behovet for tæt tværfaglig koordinering er ophørt' end,
             opened_on, case when status = 'closed' then greatest(opened_on, ${today}::date - (1 + pg_temp.bench_int(key, 22, 20))) end, dept_cd
        from (select c.*, case when status_draw < 0.08 then 'closed' when status_draw < 0.18 then 'ordinary_operation'
                               when status_draw < 0.65 then 'in_operation' else 'open' end as status from bench_case c) c`);
    await run(sql`insert into case_number_counters (municipality_id, year, last_number)
      select municipality_id, split_part(case_number, '-', 1)::int, max(split_part(case_number, '-', 2)::int)
        from cases where municipality_id in (select id from bench_muni) group by 1, 2`);
    step('cases');

    // The lead, a buddy on a fifth of SOF cases, a core-team member on half of EFEI cases.
    await run(sql`insert into case_assignments (municipality_id, case_id, user_id, role, starts_on)
      select c.muni_id, c.id, u.id, case when c.model = 'efei' then 'family_coordinator' else 'primary_caseworker' end, c.opened_on
        from bench_case c join bench_user u on u.muni_idx = c.muni_idx and u.kind = 'coordinator' and u.k = c.coord_k
      union all
      select c.muni_id, c.id, u.id, 'buddy', c.opened_on
        from bench_case c join bench_user u on u.muni_idx = c.muni_idx and u.kind = 'coordinator' and u.k = c.coord_k % c.n_coord + 1
       where c.model = 'sof' and c.n_coord > 1 and pg_temp.bench_rnd(c.key, 30) < 0.2`);
    await run(sql`insert into case_team_members (municipality_id, case_id, user_id, team_role, added_on)
      select c.muni_id, c.id, u.id, 'member', c.opened_on
        from bench_case c join bench_user u on u.muni_idx = c.muni_idx and u.kind = 'core_team_member' and u.k = 1 + pg_temp.bench_int(c.key, 31, c.n_core)
       where c.model = 'efei' and pg_temp.bench_rnd(c.key, 32) < 0.5`);
    step('assignments and core teams');

    // 1-3 distinct measures per case, under Barnets Lov for cases opened from 2024, else Serviceloven.
    await run(sql`insert into measures (municipality_id, case_id, legal_basis_id, department_id, description, starts_on, ends_on)
      select c.muni_id, c.id,
             case when c.opened_on >= '2024-01-01' then (${blIds}::text[])[pos] else (${selIds}::text[])[pos] end,
             case when pos = any(${familyTherapyPositions}::int[]) then c.dept_ft else c.dept_cd end,
             (${descriptions}::text[])[pos],
             least(${today}::date, c.opened_on + (ord - 1) * 30),
             case when pg_temp.bench_rnd(c.key * 4 + ord, 41) < 0.1 then ${today}::date + (30 + pg_temp.bench_int(c.key * 4 + ord, 42, 270)) end
        from bench_case c
       cross join lateral generate_series(1, 1 + pg_temp.bench_int(c.key, 40, 3)) ord
       cross join lateral (select 1 + (pg_temp.bench_int(c.key, 43, 8) + ord * 3) % 8 as pos) p`);
    step('measures');

    for (const table of ['bench_case', 'bench_person', 'bench_family', 'bench_user', 'bench_muni']) await run(sql`drop table ${sql.table(table)}`);
    await run(sql`analyze`);
    step('analyze');
  });

  const count = async (table: string) => Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
  return {
    municipalities, families: await count('families'), persons: await count('persons'), cases: await count('cases'),
    measures: await count('measures'), users: await count('users'),
  };
}
