import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, testNow, type TestApp } from './app.js';
import { client, login, loginAs, makeFamilyWithCase, makeMunicipality, makeUser, type TestMunicipality, type TestUser } from './factories.js';
import { countAll } from './inspect.js';

/**
 * Logging in and staying logged in (threat model: password guessing, session theft, CSRF): one answer for every
 * failed login, lockout after five wrong passwords, server-side sessions that end, CSRF tokens on every change,
 * and the headers a browser needs to keep the pages safe.
 */

let t: TestApp;
let m: TestMunicipality;
let coordinator: TestUser;

const loginRequest = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
const minutes = (n: number) => n * 60_000;
const at = (offsetMs: number) => new Date(Date.parse(testNow) + offsetMs);

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'] });
});

afterAll(async () => {
  await t?.close();
});

describe('login', () => {
  it('a wrong password and an unknown e-mail get the same 401 invalid_credentials, word for word, and no cookie', async () => {
    const wrongPassword = await loginRequest(coordinator.email, 'ikke-det-rigtige-kodeord');
    const unknownEmail = await loginRequest('findes-ikke@k000.test.invalid', 'ikke-det-rigtige-kodeord');
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String), details: [] } });
    expect(unknownEmail.statusCode).toBe(401);
    expect(unknownEmail.body).toBe(wrongPassword.body);
    expect(wrongPassword.headers['set-cookie']).toBeUndefined();
    expect(unknownEmail.headers['set-cookie']).toBeUndefined();
    // The one wrong password must not count towards the lockout below.
    await login(t.app, coordinator.email, coordinator.password);
  });

  it('the e-mail address is matched without regard to case and surrounding spaces', async () => {
    const session = await login(t.app, `  ${coordinator.email.toUpperCase()} `, coordinator.password);
    expect(session.userId).toBe(coordinator.id);
  });

  it('a deactivated account cannot log in, with the same answer as a wrong password', async () => {
    const inactive = await makeUser(t.db, m, { roles: ['coordinator'], active: false });
    const response = await loginRequest(inactive.email, inactive.password);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'invalid_credentials' } });
  });

  it('five wrong passwords lock the account for 15 minutes: even the right password fails until then, and works after', async () => {
    const user = await makeUser(t.db, m, { roles: ['coordinator'] });
    try {
      for (let i = 0; i < 5; i++) expect((await loginRequest(user.email, `forkert-${i}`)).statusCode).toBe(401);
      const locked = await loginRequest(user.email, user.password);
      expect(locked.statusCode).toBe(401);
      // Locked looks exactly like a wrong password: the answer does not reveal the lock (or the account).
      expect(locked.body).toBe((await loginRequest('findes-ikke@k000.test.invalid', 'x')).body);

      t.clock.set(at(minutes(14)));
      expect((await loginRequest(user.email, user.password)).statusCode).toBe(401);

      t.clock.set(at(minutes(15) + 1_000));
      const unlocked = await loginRequest(user.email, user.password);
      expect(unlocked.statusCode).toBe(200);
      const row = await t.db.selectFrom('users').select(['failed_logins', 'locked_until']).where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ failed_logins: 0, locked_until: null });
    } finally {
      t.clock.set(testNow);
    }
  });

  it('four wrong passwords then the right one: logged in, and the count starts over', async () => {
    const user = await makeUser(t.db, m, { roles: ['coordinator'] });
    for (let i = 0; i < 4; i++) await loginRequest(user.email, `forkert-${i}`);
    expect((await loginRequest(user.email, user.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await loginRequest(user.email, `forkert-${i}`);
    expect((await loginRequest(user.email, user.password)).statusCode).toBe(200);
  });

  it('the session cookie is HttpOnly, SameSite=Strict, path /, signed, and expires with the session (8 hours)', async () => {
    const response = await loginRequest(coordinator.email, coordinator.password);
    const cookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('tovholder_session='))!;
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Strict/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(new Date(/Expires=([^;]+)/i.exec(cookie)![1]!).getTime()).toBe(at(8 * 60 * minutes(1)).getTime());
    // Max-Age counts from when the browser receives the cookie, so a browser clock that differs keeps it 8 hours too.
    expect(cookie).toMatch(/; Max-Age=28800(;|$)/i);
    // The CSRF token travels in the body, never in a cookie a script could be tricked into sending.
    expect(response.json()).toMatchObject({ csrfToken: expect.any(String), user: { id: coordinator.id } });
  });
});

describe('sessions', () => {
  it('GET /api/auth/session answers the logged-in user and the same CSRF token; without a cookie 401', async () => {
    const session = await loginAs(t.app, coordinator);
    const response = await client(t.app, session).get('/api/auth/session');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ user: { id: coordinator.id, municipality: { id: m.id } }, csrfToken: session.csrf });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('logout revokes the session: the same cookie no longer works, and the response clears the cookie', async () => {
    const session = await loginAs(t.app, coordinator);
    const logout = await client(t.app, session).post('/api/auth/logout');
    expect(logout.statusCode).toBe(200);
    expect(([] as string[]).concat(logout.headers['set-cookie'] ?? []).join()).toMatch(/tovholder_session=;/);
    const after = await client(t.app, session).get('/api/my-families');
    expect(after.statusCode).toBe(401);
    const row = await t.db.selectFrom('sessions').select('revoked_at').where('user_id', '=', coordinator.id).where('revoked_at', 'is not', null).execute();
    expect(row.length).toBeGreaterThan(0);
  });

  it('a session ends after 8 hours: at 7 h 59 min it works, at 9 hours the same cookie gets 401', async () => {
    const session = await loginAs(t.app, coordinator);
    try {
      t.clock.set(at(minutes(7 * 60 + 59)));
      expect((await client(t.app, session).get('/api/my-families')).statusCode).toBe(200);
      t.clock.set(at(minutes(9 * 60)));
      const expired = await client(t.app, session).get('/api/my-families');
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    } finally {
      t.clock.set(testNow);
    }
  });

  it('deactivating a user ends their sessions at once', async () => {
    const user = await makeUser(t.db, m, { roles: ['coordinator'] });
    const session = await loginAs(t.app, user);
    expect((await client(t.app, session).get('/api/my-families')).statusCode).toBe(200);
    await t.db.updateTable('users').set({ active: false }).where('id', '=', user.id).execute();
    expect((await client(t.app, session).get('/api/my-families')).statusCode).toBe(401);
  });

  it('a forged or altered cookie is no session (401)', async () => {
    const session = await loginAs(t.app, coordinator);
    const value = session.cookie.slice('tovholder_session='.length);
    const forged = [
      'tovholder_session=' + value.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), // signature no longer matches
      'tovholder_session=' + decodeURIComponent(value).split('.').slice(0, 2).join('.'), // unsigned
      'tovholder_session=garbage',
    ];
    for (const cookie of forged) {
      const response = await t.app.inject({ method: 'GET', url: '/api/my-families', headers: { cookie } });
      expect(response.statusCode, cookie).toBe(401);
    }
  });

  it('without a session the API answers 401 before looking at the request, so an anonymous caller learns nothing from validation', async () => {
    const before = await countAll(t.db);
    for (const [method, url, payload] of [
      ['POST', '/api/families', { bad: true }], ['GET', '/api/cases/not-a-uuid', undefined], ['GET', '/api/search?q=', undefined],
      ['PATCH', '/api/cases/00000000-0000-4000-8000-000000000000', { version: 'x' }],
    ] as const) {
      const response = await t.app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
    expect(await countAll(t.db)).toEqual(before);
  });
});

describe('CSRF', () => {
  it('a state-changing request without the x-csrf-token header → 403 csrf_invalid, nothing written', async () => {
    const session = await loginAs(t.app, coordinator);
    const before = await countAll(t.db);
    const response = await t.app.inject({ method: 'POST', url: '/api/families', headers: { cookie: session.cookie }, payload: { name: 'Familien Forfalsket' } });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'csrf_invalid' } });
    expect(await countAll(t.db)).toEqual(before);
  });

  it('with a wrong token, or another session\'s token → 403 csrf_invalid for POST, PATCH and DELETE, nothing changed', async () => {
    const session = await loginAs(t.app, coordinator);
    const otherSession = await loginAs(t.app, coordinator);
    const family = await makeFamilyWithCase(t.db, m, { lead: coordinator });
    const before = await countAll(t.db);
    const familyBefore = await t.db.selectFrom('families').selectAll().where('id', '=', family.familyId).executeTakeFirstOrThrow();
    for (const token of ['forkert-token', otherSession.csrf, '']) {
      for (const [method, url, payload] of [
        ['POST', '/api/families', { name: 'Familien Forfalsket' }],
        ['PATCH', `/api/families/${family.familyId}`, { notes: 'Forfalsket', version: 1 }],
        ['DELETE', '/api/measures/00000000-0000-4000-8000-000000000000?version=1', undefined],
        ['POST', '/api/auth/logout', undefined],
      ] as const) {
        const response = await t.app.inject({ method, url, headers: { cookie: session.cookie, 'x-csrf-token': token }, ...(payload ? { payload } : {}) });
        expect(response.statusCode, `${method} ${url} with "${token}"`).toBe(403);
        expect(response.json()).toMatchObject({ error: { code: 'csrf_invalid' } });
      }
    }
    expect(await countAll(t.db)).toEqual(before);
    expect(await t.db.selectFrom('families').selectAll().where('id', '=', family.familyId).executeTakeFirstOrThrow()).toEqual(familyBefore);
    // The session survived the forged logout.
    expect((await client(t.app, session).get('/api/auth/session')).statusCode).toBe(200);
  });

  it('reads need no token, and the right token lets the change through', async () => {
    const session = await loginAs(t.app, coordinator);
    expect((await t.app.inject({ method: 'GET', url: '/api/my-families', headers: { cookie: session.cookie } })).statusCode).toBe(200);
    expect((await client(t.app, session).post('/api/families', { name: 'Familien Ægte' })).statusCode).toBe(201);
  });
});

describe('security headers', () => {
  it('every response carries a Content-Security-Policy forbidding framing, nosniff, and no X-Powered-By', async () => {
    for (const url of ['/api/health', '/api/auth/session', '/api/findes-ikke']) {
      const response = await t.app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy'] ?? '');
      expect(csp, url).toMatch(/default-src 'self'/);
      expect(csp, url).toMatch(/frame-ancestors 'none'/);
      expect(csp, url).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
      expect(response.headers['x-powered-by'], url).toBeUndefined();
    }
  });
});

describe('login rate limit (per IP)', () => {
  it('with a limit of 3 a minute, the 4th attempt gets 429 rate_limited — even with the right password; and the cookie is Secure when configured', async () => {
    const limited = await createTestApp({ loginRateLimit: 3, secureCookies: true, database: t.database });
    try {
      const user = await makeUser(t.db, m, { roles: ['coordinator'] });
      const attempt = (password: string) => limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: user.email, password } });
      const first = await attempt(user.password);
      expect(first.statusCode).toBe(200);
      expect(([] as string[]).concat(first.headers['set-cookie'] ?? []).join()).toMatch(/; Secure/i);
      expect((await attempt('forkert-1')).statusCode).toBe(401);
      expect((await attempt('forkert-2')).statusCode).toBe(401);
      const blocked = await attempt(user.password);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json()).toMatchObject({ error: { code: 'rate_limited' } });
      // Other endpoints are not limited by the login limit.
      expect((await limited.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
