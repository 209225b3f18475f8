import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { client, loginAs, makeFamilyWithCase, makeMeasure, makeMunicipality, makeUser, type TestFamily, type TestMunicipality, type TestUser } from './factories.js';
import { logFollowUp } from './leadership-fixtures.js';

/**
 * The stored follow-up episodes behind the leader dashboard (migration 0024, leadership/episodes.ts): they must always
 * equal what a computation from scratch gives — after a source changes (the triggers mark the case), as time passes
 * (an open due date passing, a measure ending), when the clock goes back, and when a case moves department.
 *
 * SOF cases, the fixed cadence (001:753-771): BL-86 → every 3 months, BL-20 → every 6 weeks; the stricter wins.
 */

let t: TestApp;
let m: TestMunicipality;
let leader: TestUser;
let a: TestUser;
let c1: TestFamily;
let c2: TestFamily;

const at = (day: string) => t.clock.set(`${day}T06:00:00Z`);
type Row = { caseId: string; dueOn: string; heldOn: string | null; outcome: string };

async function dashboard() {
  const api = client(t.app, await loginAs(t.app, leader));
  const res = await api.get('/api/leader/dashboard');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Every stored episode of the municipality, as (case, due, held, outcome), sorted. */
async function stored(): Promise<Row[]> {
  const rows = await sql<{ case_id: string; due_on: string; held_on: string | null; outcome: string }>`
    select case_id, due_on::text, held_on::text, outcome from follow_up_episodes where municipality_id = ${m.id}::uuid
     order by case_id, due_on`.execute(t.db);
  return rows.rows.map((r) => ({ caseId: r.case_id, dueOn: r.due_on, heldOn: r.held_on, outcome: r.outcome }));
}

/** The same, recomputed from scratch: forget what every case's bookkeeping says was computed, and read again. */
async function fromScratch(): Promise<Row[]> {
  await sql`update follow_up_episode_state set computed = null where municipality_id = ${m.id}::uuid`.execute(t.db);
  await dashboard();
  return stored();
}

const state = async (caseId: string) => (await sql<{ marked: string; computed: string | null; valid_until: string | null }>`
  select marked::text, computed::text, valid_until::text from follow_up_episode_state where case_id = ${caseId}::uuid`.execute(t.db)).rows[0];

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  leader = await makeUser(t.db, m, { roles: ['team_leader'], name: 'Lea Leder' });
  a = await makeUser(t.db, m, { roles: ['coordinator'], name: 'Anna A', hasAuthority: true });
});
beforeEach(async () => {
  at('2026-11-22');
  c1 = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: a, openedOn: '2026-03-02' });
  await makeMeasure(t.db, m, c1.caseId, { legalBasisId: 'BL-86', startsOn: '2026-03-02' });
  await logFollowUp(t.db, c1, a, '2026-05-20');
  c2 = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: a, openedOn: '2026-09-01' });
  await makeMeasure(t.db, m, c2.caseId, { legalBasisId: 'BL-86', startsOn: '2026-09-01' });
});
afterAll(async () => t?.close());

describe('stored follow-up episodes', () => {
  it('a change to a source marks the case, and the next read shows it (a follow-up logged after the dashboard was read)', async () => {
    await dashboard();
    const before = await state(c1.caseId);
    expect(before!.computed).toBe(before!.marked);
    expect((await stored()).filter((e) => e.caseId === c1.caseId)).toEqual([
      { caseId: c1.caseId, dueOn: '2026-06-02', heldOn: '2026-05-20', outcome: 'on_time' },
      { caseId: c1.caseId, dueOn: '2026-08-20', heldOn: null, outcome: 'overdue' },
    ]);
    await logFollowUp(t.db, c1, a, '2026-09-01');
    const after = await state(c1.caseId);
    expect(BigInt(after!.marked)).toBeGreaterThan(BigInt(after!.computed!));
    await dashboard();
    expect((await stored()).filter((e) => e.caseId === c1.caseId)).toEqual([
      { caseId: c1.caseId, dueOn: '2026-06-02', heldOn: '2026-05-20', outcome: 'on_time' },
      { caseId: c1.caseId, dueOn: '2026-08-20', heldOn: '2026-09-01', outcome: 'late' },
      { caseId: c1.caseId, dueOn: '2026-12-01', heldOn: null, outcome: 'pending' },
    ]);
    expect(await stored()).toEqual(await fromScratch());
  });

  it('time alone: the open due date turns overdue the day after it, without any write (valid_until)', async () => {
    // c2: opened 2026-09-01, every 3 months → due 2026-12-01, pending today.
    await dashboard();
    expect((await state(c2.caseId))!.valid_until).toBe('2026-12-02');
    const open = async () => (await stored()).find((e) => e.caseId === c2.caseId && e.heldOn === null)!.outcome;
    expect(await open()).toBe('pending');
    at('2026-12-01');
    await dashboard();
    expect(await open()).toBe('pending');
    at('2026-12-02');
    const body = await dashboard();
    expect(await open()).toBe('overdue');
    expect(body.overdue.map((o: { caseId: string }) => o.caseId)).toContain(c2.caseId);
    expect(await stored()).toEqual(await fromScratch());
  });

  it('time alone: a measure that ends changes the cadence on the day after its end', async () => {
    // c2 also gets a BL-20 measure (every 6 weeks) until 2026-12-31: due 2026-10-13 while it runs; after, 3 months again.
    const c = await makeFamilyWithCase(t.db, m, { model: 'sof', lead: a, openedOn: '2026-11-01' });
    await makeMeasure(t.db, m, c.caseId, { legalBasisId: 'BL-86', startsOn: '2026-11-01' });
    await makeMeasure(t.db, m, c.caseId, { legalBasisId: 'BL-20', startsOn: '2026-11-01', endsOn: '2026-11-30' });
    await dashboard();
    const open = async () => (await stored()).find((e) => e.caseId === c.caseId && e.heldOn === null)!.dueOn;
    expect(await open()).toBe('2026-12-13'); // 11-01 + 42 days while BL-20 runs
    expect((await state(c.caseId))!.valid_until).toBe('2026-12-01');
    at('2026-12-01');
    await dashboard();
    expect(await open()).toBe('2027-02-01'); // 11-01 + 3 months once it has ended
    expect(await stored()).toEqual(await fromScratch());
  });

  it('the clock going back recomputes (tests and replays read the past as it was)', async () => {
    at('2026-12-05');
    await dashboard();
    expect((await stored()).find((e) => e.caseId === c2.caseId && e.heldOn === null)!.outcome).toBe('overdue');
    at('2026-11-22');
    await dashboard();
    expect((await stored()).find((e) => e.caseId === c2.caseId && e.heldOn === null)!.outcome).toBe('pending');
  });

  it('a case moved to another department leaves this department\'s figures at the next read', async () => {
    const before = await dashboard();
    const other = await t.db.selectFrom('departments').select('id').where('municipality_id', '=', m.id).where('kind', '=', 'family_therapy').executeTakeFirstOrThrow();
    await t.db.updateTable('cases').set({ responsible_department_id: other.id }).where('id', '=', c1.caseId).execute();
    const after = await dashboard();
    expect(after.overdue.map((o: { caseId: string }) => o.caseId)).not.toContain(c1.caseId);
    expect(after.compliance.team.counted).toBe(before.compliance.team.counted - 2);
    const filed = await sql<{ department_id: string }>`select distinct department_id from follow_up_episodes where case_id = ${c1.caseId}::uuid`.execute(t.db);
    expect(filed.rows).toEqual([{ department_id: other.id }]);
  });

  it('a change committed while the episodes were being computed is not lost (the counter read before computing stays behind)', async () => {
    await dashboard();
    const s = await state(c1.caseId);
    // What a writer committing mid-recompute leaves: the counter moved on after the recompute read it.
    await sql`update follow_up_episode_state set marked = marked + 1 where case_id = ${c1.caseId}::uuid`.execute(t.db);
    await logFollowUp(t.db, c1, a, '2026-11-20');
    const marked = (await state(c1.caseId))!.marked;
    expect(BigInt(marked)).toBeGreaterThan(BigInt(s!.computed!));
    await dashboard();
    expect((await state(c1.caseId))!.computed).toBe(marked);
    expect((await stored()).filter((e) => e.caseId === c1.caseId).map((e) => e.heldOn)).toContain('2026-11-20');
  });
});

/**
 * Concurrency needs two connections: PostgreSQL only (PGlite has one connection, on which transactions run one after
 * the other, so a writer holding a lock while a dashboard reads cannot happen there). CI runs this suite on both.
 */
describe.runIf(process.env.DATABASE_URL)('stored follow-up episodes under concurrent writes (PostgreSQL)', () => {
  it('a dashboard read never waits on a writer: a case whose bookkeeping a writer holds is skipped, and recomputed at the next read', async () => {
    await dashboard();
    await logFollowUp(t.db, c1, a, '2026-09-01'); // committed: c1 is now stale
    await t.db.transaction().execute(async (writer) => {
      // The writer's trigger locks c1's bookkeeping row until it commits.
      await logFollowUp(writer, c1, a, '2026-11-20');
      const started = Date.now();
      await dashboard();
      expect(Date.now() - started).toBeLessThan(5000);
      // c1 was skipped: its stored episodes still predate both follow-ups.
      expect((await stored()).filter((e) => e.caseId === c1.caseId).map((e) => e.heldOn)).toEqual(['2026-05-20', null]);
    });
    await dashboard();
    expect((await stored()).filter((e) => e.caseId === c1.caseId).map((e) => e.heldOn)).toEqual(['2026-05-20', '2026-09-01', '2026-11-20', null]);
    expect(await stored()).toEqual(await fromScratch());
  });
});

