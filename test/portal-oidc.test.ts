import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.js';
import { MovableClock } from '../src/platform/clock/clock.js';
import type { OidcSettings } from '../src/modules/portal/oidc.js';
import { testNow } from './app.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { makeFamilyWithCase, makeMunicipality, type TestFamily } from './factories.js';
import { portalCookieOf } from './portal-fixtures.js';

/**
 * The family portal's OpenID Connect login (issue 5 item 1) against a real OpenID provider started in this process
 * (oidc-provider), over HTTP: Tovholder redirects with PKCE, state and nonce, the provider logs the test account in
 * (its interaction endpoint), sends the browser back with a code, and Tovholder exchanges it, reads the CPR claim
 * (here from UserInfo, as the provider keeps scope claims out of the ID token) and matches it to a parent with custody.
 */

let testDb: TestDatabase;
let app: App;
let server: Server;
let issuer: string;
let family: TestFamily;
/** The provider's accounts: sub → the CPR number the broker vouches for. */
const accounts = new Map<string, string>();
/** Which account the provider's login interaction logs in next. */
let nextAccount = '';
const redirectUri = 'http://tovholder.test/api/portal/oidc/callback';

async function startProvider(): Promise<void> {
  let provider: { callback(): (req: unknown, res: unknown) => void; interactionFinished(req: unknown, res: unknown, result: unknown, options: unknown): Promise<void> } | null = null;
  server = createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      // The provider's login page: log the chosen test account in (consent comes from loadExistingGrant below).
      void provider!.interactionFinished(req, res, { login: { accountId: nextAccount } }, { mergeWithLastSubmission: false })
        .catch(() => { res.statusCode = 500; res.end(); });
      return;
    }
    provider!.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [{ client_id: 'tovholder', client_secret: 'tovholder-test-secret-0123456789abcdef', redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
    scopes: ['openid', 'mitid'],
    claims: { openid: ['sub'], mitid: ['dk.cpr'] },
    findAccount: (_ctx: unknown, sub: string) => (accounts.has(sub) ? { accountId: sub, claims: () => ({ sub, 'dk.cpr': accounts.get(sub) }) } : undefined),
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['oidc-test-cookie-key'] },
    pkce: { required: () => true },
    async loadExistingGrant(ctx: { oidc: { client: { clientId: string }; session: { accountId: string }; provider: { Grant: new (options: object) => { addOIDCScope(s: string): void; addOIDCClaims(c: string[]): void; save(): Promise<unknown> } } } }) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid mitid');
      grant.addOIDCClaims(['dk.cpr']);
      await grant.save();
      return grant;
    },
  });
}

function appFor(oidc: OidcSettings | undefined): Promise<App> {
  return buildApp({
    database: testDb.database, clock: new MovableClock(testNow), logger: false, loginRateLimit: 1000, oidc,
    config: { sessionSecret: 'test-secret-not-for-production-0123456789', secureCookies: false, logLevel: 'silent', production: false },
  });
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  await startProvider();
  app = await appFor({
    issuer, clientId: 'tovholder', clientSecret: 'tovholder-test-secret-0123456789abcdef', redirectUri, cprClaim: 'dk.cpr', scopes: 'openid mitid',
  });
  const m = await makeMunicipality(testDb.database.db);
  family = await makeFamilyWithCase(testDb.database.db, m);
  accounts.set('parent-sub', family.parent.cpr);
  accounts.set('child-sub', family.child.cpr);
  accounts.set('stranger-sub', '0101010101');
});

afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => server?.close(resolve));
  await testDb?.close();
});

/** A browser's cookie jar for the provider's site. */
class Jar {
  private cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Starts the login at Tovholder and follows the provider's redirects as a browser would, up to the callback URL. */
async function throughProvider(account: string): Promise<{ callback: string; oidcCookie: string }> {
  const start = await app.inject({ method: 'GET', url: '/api/portal/oidc/start' });
  expect(start.statusCode).toBe(302);
  const oidcCookie = ([] as string[]).concat(start.headers['set-cookie'] ?? []).find((c) => c.startsWith('tovholder_portal_oidc='))!;
  expect(oidcCookie).toMatch(/HttpOnly/);
  expect(oidcCookie).toMatch(/SameSite=Lax/);
  const authorize = new URL(String(start.headers.location));
  expect(authorize.origin).toBe(issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  for (const parameter of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(parameter)).toBeTruthy();

  nextAccount = account;
  const jar = new Jar();
  let url = authorize.href;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(redirectUri)) return { callback: url, oidcCookie: oidcCookie.split(';')[0]! };
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.take(response);
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${new URL(url).pathname} with ${response.status}: ${(await response.text()).slice(0, 200)}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects at the provider');
}

const callbackPath = (callback: string) => { const u = new URL(callback); return u.pathname + u.search; };

describe('OpenID Connect login of the family portal', () => {
  it('the login page is told OIDC is offered', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/portal/login/options' })).json()).toEqual({ oidc: true });
  });

  it('a parent with custody whose CPR claim matches gets a portal session and sees their family; the login is audited', async () => {
    const { callback, oidcCookie } = await throughProvider('parent-sub');
    const response = await app.inject({ method: 'GET', url: callbackPath(callback), headers: { cookie: oidcCookie } });
    expect(response.statusCode, response.body).toBe(302);
    expect(response.headers.location).toBe('/portal');
    const cookie = portalCookieOf(response.headers['set-cookie'])!;
    expect(cookie).toBeTruthy();
    const me = await app.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ method: 'oidc', person: { firstName: family.parent.firstName }, family: { id: family.familyId } });
    const logins = await testDb.database.db.selectFrom('audit_log').select(['action', 'entry']).where('action', '=', 'login').execute();
    expect(logins.map((l) => l.entry)).toEqual([expect.objectContaining({ reason: 'oidc', person: family.parent.id, actor: null })]);
    expect(JSON.stringify(logins)).not.toContain(family.parent.cpr);
  });

  it('a CPR number of nobody with custody (a stranger, the child) gives a clear error page and no session', async () => {
    for (const account of ['stranger-sub', 'child-sub']) {
      const { callback, oidcCookie } = await throughProvider(account);
      const response = await app.inject({ method: 'GET', url: callbackPath(callback), headers: { cookie: oidcCookie } });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/portal/login?error=oidc_no_match');
      expect(portalCookieOf(response.headers['set-cookie'])).toBeNull();
    }
  });

  it('a callback in a browser that did not start the login (no or another login\'s cookie) is refused: no misbinding, no login CSRF', async () => {
    const first = await throughProvider('parent-sub');
    const second = await throughProvider('parent-sub');
    for (const headers of [{}, { cookie: second.oidcCookie }]) {
      const response = await app.inject({ method: 'GET', url: callbackPath(first.callback), headers });
      expect(response.headers.location).toBe('/portal/login?error=oidc_failed');
      expect(portalCookieOf(response.headers['set-cookie'])).toBeNull();
    }
  });

  it('a code is used once: replaying the callback gives no second session', async () => {
    const { callback, oidcCookie } = await throughProvider('parent-sub');
    const first = await app.inject({ method: 'GET', url: callbackPath(callback), headers: { cookie: oidcCookie } });
    expect(first.headers.location).toBe('/portal');
    const replay = await app.inject({ method: 'GET', url: callbackPath(callback), headers: { cookie: oidcCookie } });
    expect(replay.headers.location).toBe('/portal/login?error=oidc_failed');
    expect(portalCookieOf(replay.headers['set-cookie'])).toBeNull();
  });

  it('without OIDC configured, the login page offers only the code and the OIDC routes are 404', async () => {
    const plain = await appFor(undefined);
    try {
      expect((await plain.inject({ method: 'GET', url: '/api/portal/login/options' })).json()).toEqual({ oidc: false });
      expect((await plain.inject({ method: 'GET', url: '/api/portal/oidc/start' })).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
