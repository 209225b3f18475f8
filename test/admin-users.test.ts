import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { client, login, makeMunicipality, makeUser, type TestMunicipality } from './factories.js';

/**
 * An administrator records when a staff member can be reached (users.reachable_hours); the family sees it on its
 * contact person in the portal (issue 5 item 2, GET /api/portal/contact).
 */
let t: TestApp;
let m: TestMunicipality;
let admin: ReturnType<typeof client>;
let coordinator: ReturnType<typeof client>;

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  const a = await makeUser(t.db, m, { roles: ['administrator'] });
  const c = await makeUser(t.db, m, { roles: ['coordinator'] });
  admin = client(t.app, await login(t.app, a.email));
  coordinator = client(t.app, await login(t.app, c.email));
});

afterAll(async () => {
  await t?.close();
});

const newUser = (email: string, extra: Record<string, unknown> = {}) => ({
  email, name: 'Mette Lund', phone: '+45 12 34 56 78', roles: ['coordinator'], departmentId: m.departments.child_disability,
  password: 'Et-langt-kodeord-2026', ...extra,
});

describe('a staff member\'s reachable hours', () => {
  it('are recorded when the user is created and changed with the version', async () => {
    const created = await admin.post('/api/users', newUser('mette@k.test.invalid', { reachableHours: 'Hverdage kl. 9-12' }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ reachableHours: 'Hverdage kl. 9-12', version: 1 });
    const changed = await admin.patch(`/api/users/${created.json().id}`, { reachableHours: 'Torsdag til kl. 17', version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ reachableHours: 'Torsdag til kl. 17', phone: '+45 12 34 56 78', version: 2 });
    // Leaving the field out keeps it; a stale version is 409 and changes nothing.
    const kept = await admin.patch(`/api/users/${created.json().id}`, { name: 'Mette B. Lund', version: 2 });
    expect(kept.json()).toMatchObject({ reachableHours: 'Torsdag til kl. 17', version: 3 });
    expect((await admin.patch(`/api/users/${created.json().id}`, { reachableHours: 'x', version: 2 })).statusCode).toBe(409);
    const row = await t.db.selectFrom('users').select('reachable_hours').where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(row.reachable_hours).toBe('Torsdag til kl. 17');
  });

  it('longer than 200 characters is refused naming the field, and nothing is written', async () => {
    const before = (await t.db.selectFrom('users').select('id').execute()).length;
    const long = await admin.post('/api/users', newUser('lang@k.test.invalid', { reachableHours: 'x'.repeat(201) }));
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('reachableHours');
    expect((await t.db.selectFrom('users').select('id').execute()).length).toBe(before);
  });

  it('only an administrator sets them', async () => {
    const response = await coordinator.post('/api/users', newUser('nej@k.test.invalid', { reachableHours: 'Altid' }));
    expect(response.statusCode).toBe(403);
  });
});
