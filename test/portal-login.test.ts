import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { appRole } from '../src/platform/db/tenant.js';
import { OutboxWorker } from '../src/platform/outbox/worker.js';
import { loggingTransport, type OutboxLogger, type Transport } from '../src/platform/outbox/transports.js';
import { sentCredentialBody, type ClaimedMessage } from '../src/platform/outbox/outbox.js';
import { createTestApp, type TestApp } from './app.js';
import { client, loginAs, makeFamilyWithCase, makeMunicipality, makeParentLogin, makeUser, type TestFamily, type TestMunicipality, type TestUser } from './factories.js';
import { codeFromOutbox, givePortalEmail, loginToPortal, portalCookieOf } from './portal-fixtures.js';

/**
 * The family portal's one-time code login (issue 5 item 1): codes are single-use, expire after 10 minutes on the
 * injectable clock, die after 5 wrong guesses, are rate-limited per IP and per address, and nothing a caller sees
 * tells whether an address belongs to anyone. Portal sessions and staff sessions never open each other's routes.
 */

let t: TestApp;
let m: TestMunicipality;
let coordinator: TestUser;
let family: TestFamily;
let email: string;

const start = (app: TestApp['app'], address: string) => app.inject({ method: 'POST', url: '/api/portal/login/start', payload: { address } });
const verify = (app: TestApp['app'], address: string, code: string) => app.inject({ method: 'POST', url: '/api/portal/login/verify', payload: { address, code } });
const codesFor = (personId: string) => t.db.selectFrom('portal_login_codes').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
const outboxCount = async () => Number((await t.db.selectFrom('outbox_messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const wrongCodeFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** A second app on the test's database and clock, with other portal settings (and no minimum answer time). */
async function appWith(options: { portalAddressRateLimit?: number; production?: boolean }) {
  const app = await buildApp({
    database: t.database, clock: t.clock, logger: false, loginRateLimit: 1000, portalStartMinMs: 0, portalAddressRateLimit: options.portalAddressRateLimit,
    config: { sessionSecret: 'test-secret-not-for-production-0123456789', secureCookies: true, logLevel: 'silent', production: options.production ?? false },
  });
  await app.ready();
  return app;
}

/** A fresh family whose parent has a unique address, in the shared municipality. */
async function newParent(): Promise<{ family: TestFamily; email: string }> {
  const f = await makeFamilyWithCase(t.db, m, { lead: coordinator });
  return { family: f, email: await givePortalEmail(t.db, f.parent.id) };
}

beforeAll(async () => {
  t = await createTestApp();
  m = await makeMunicipality(t.db);
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'], hasAuthority: true });
  ({ family, email } = await newParent());
});

afterAll(async () => {
  await t?.close();
});

describe('asking for a code', () => {
  it('a parent with custody gets a 6-digit code through the outbox, in Danish and English; only hashes are stored', async () => {
    const response = await start(t.app, `  ${email.toUpperCase()} `);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'code_sent_if_known', channel: 'email', expiresInMinutes: 10 });
    const message = await t.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', email).executeTakeFirstOrThrow();
    expect(message).toMatchObject({ kind: 'portal_login_code', channel: 'email', status: 'pending', max_attempts: 2 });
    const code = await codeFromOutbox(t.db, email);
    expect(message.body).toContain(`Din kode til Tovholders familieportal er ${code}`);
    expect(message.body).toContain(`Your code for the Tovholder family portal is ${code}`);
    const [row] = await codesFor(family.parent.id);
    expect(row).toMatchObject({ channel: 'email', attempts: 0, used_at: null, municipality_id: m.id });
    expect(new Date(row!.expires_at).getTime() - new Date(row!.created_at).getTime()).toBe(10 * 60_000);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(email);
  });

  it('an unknown address, and the address of someone without custody, get the same answer word for word, and nothing is sent', async () => {
    const known = await start(t.app, email);
    const before = await outboxCount();
    const unknown = await start(t.app, 'ingen-her@example.test');
    const childEmail = `barn-${family.child.id.slice(0, 8)}@example.test`;
    await t.db.updateTable('persons').set({ email: childEmail }).where('id', '=', family.child.id).execute();
    const child = await start(t.app, childEmail);
    for (const other of [unknown, child]) {
      expect(other.statusCode).toBe(known.statusCode);
      expect(other.body).toBe(known.body);
    }
    expect(await outboxCount()).toBe(before);
  });

  it('known and unknown addresses both answer no sooner than the minimum time (default 300 ms)', async () => {
    for (const address of [email, 'stadig-ingen@example.test']) {
      const began = performance.now();
      await start(t.app, address);
      expect(performance.now() - began).toBeGreaterThanOrEqual(295);
    }
  });

  it('a mobile number works as well, written any common way; the message goes by SMS to the normalised number', async () => {
    const { family: f } = await newParent();
    await t.db.updateTable('persons').set({ phone: '+45 31 41 59 26' }).where('id', '=', f.parent.id).execute();
    const response = await start(t.app, '3141 5926');
    expect(response.json()).toMatchObject({ channel: 'sms' });
    const message = await t.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', '+4531415926').executeTakeFirstOrThrow();
    expect(message.channel).toBe('sms');
    expect(message.body).toMatch(/Din kode til Tovholder er [0-9]{6}/);
    const session = await loginToPortalBy(t, '0045 31415926', await codeFromOutbox(t.db, '+4531415926'));
    expect(session).not.toBeNull();
  });

  it('something that is neither an e-mail address nor a phone number is a validation error (400), for any caller', async () => {
    const response = await start(t.app, 'hej');
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details[0]).toMatchObject({ field: 'address', code: 'address_invalid' });
  });
});

async function loginToPortalBy(test: TestApp, address: string, code: string): Promise<string | null> {
  const response = await verify(test.app, address, code);
  return response.statusCode === 200 ? portalCookieOf(response.headers['set-cookie']) : null;
}

describe('typing the code in', () => {
  it('the right code opens a portal session (HttpOnly, SameSite=Strict, signed, 60 minutes) that shows the parent\'s family', async () => {
    const { family: f, email: address } = await newParent();
    await start(t.app, address);
    const response = await verify(t.app, address, await codeFromOutbox(t.db, address));
    expect(response.statusCode).toBe(200);
    const raw = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('tovholder_portal='))!;
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Strict/);
    expect(raw).toMatch(/Path=\//);
    expect(new Date(/Expires=([^;]+)/.exec(raw)![1]!).getTime() - t.clock.now().getTime()).toBeLessThanOrEqual(60 * 60_000);
    const cookie = raw.split(';')[0]!;
    const me = await t.app.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      person: { firstName: f.parent.firstName, lastName: f.parent.lastName }, municipality: { name: m.name }, method: 'code',
      family: { id: f.familyId, name: f.familyName },
    });
    expect(me.json().family.members).toEqual(expect.arrayContaining([expect.objectContaining({ relation: 'child', firstName: f.child.firstName })]));
    const contacts = me.json().family.contacts as Array<{ name: string }>;
    expect(contacts.map((c) => c.name)).toContain(coordinator.name);
  });

  it('a code works once: the same code again is refused', async () => {
    const { email: address } = await newParent();
    await start(t.app, address);
    const code = await codeFromOutbox(t.db, address);
    expect((await verify(t.app, address, code)).statusCode).toBe(200);
    const again = await verify(t.app, address, code);
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('invalid_code');
  });

  it('a code expires after 10 minutes on the clock: at 9 min 59 s it works, at 10 min it does not', async () => {
    const { email: address } = await newParent();
    const began = t.clock.now();
    try {
      await start(t.app, address);
      t.clock.set(new Date(began.getTime() + 10 * 60_000));
      expect((await verify(t.app, address, await codeFromOutbox(t.db, address))).statusCode).toBe(401);
      t.clock.set(began);
      await start(t.app, address);
      t.clock.set(new Date(began.getTime() + 9 * 60_000 + 59_000));
      expect((await verify(t.app, address, await codeFromOutbox(t.db, address))).statusCode).toBe(200);
    } finally {
      t.clock.set(began);
    }
  });

  it('five wrong guesses kill the code: even the right code is refused afterwards; every refusal reads the same', async () => {
    const { family: f, email: address } = await newParent();
    await start(t.app, address);
    const code = await codeFromOutbox(t.db, address);
    const bodies = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const response = await verify(t.app, address, wrongCodeFor(code));
      expect(response.statusCode).toBe(401);
      bodies.add(response.body);
    }
    const right = await verify(t.app, address, code);
    expect(right.statusCode).toBe(401);
    bodies.add(right.body);
    bodies.add((await verify(t.app, 'ukendt@example.test', code)).body);
    expect([...bodies]).toHaveLength(1);
    expect((await codesFor(f.parent.id)).at(-1)!.attempts).toBe(5);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_user_id', 'actor_role', 'entry']).where('municipality_id', '=', m.id)
      .where('action', '=', 'login_failed').where(sql<boolean>`entry->>'person' = ${f.parent.id}`).execute();
    expect(audit.map((a) => (a.entry as { reason: string }).reason)).toEqual(['wrong_code', 'wrong_code', 'wrong_code', 'wrong_code', 'wrong_code', 'too_many_attempts']);
    expect(audit.every((a) => a.actor_user_id === null && a.actor_role === 'parent')).toBe(true);
  });

  it('a new code replaces the earlier one, which then no longer works', async () => {
    const { email: address } = await newParent();
    await start(t.app, address);
    const first = await codeFromOutbox(t.db, address);
    await start(t.app, address);
    const second = await codeFromOutbox(t.db, address);
    if (first !== second) expect((await verify(t.app, address, first)).statusCode).toBe(401);
    expect((await verify(t.app, address, second)).statusCode).toBe(200);
  });

  it('at most 5 codes per address an hour: the 6th request answers as usual but sends nothing; an hour later it sends again', async () => {
    const { email: address } = await newParent();
    const app = await appWith({ portalAddressRateLimit: 100 });
    const began = t.clock.now();
    try {
      for (let i = 0; i < 5; i++) {
        t.clock.set(new Date(began.getTime() + i * 60_000));
        await start(app, address);
      }
      const sent = await outboxCount();
      t.clock.set(new Date(began.getTime() + 6 * 60_000));
      const sixth = await start(app, address);
      expect(sixth.statusCode).toBe(202);
      expect(await outboxCount()).toBe(sent);
      t.clock.set(new Date(began.getTime() + 61 * 60_000));
      await start(app, address);
      expect(await outboxCount()).toBe(sent + 1);
    } finally {
      t.clock.set(began);
      await app.close();
    }
  });

  it('the login, the failed guesses and the family read are audited in the municipality, naming the person and no user', async () => {
    const { family: f, email: address } = await newParent();
    await start(t.app, address);
    const cookie = (await loginToPortalBy(t, address, await codeFromOutbox(t.db, address)))!;
    await t.app.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie } });
    const rows = await t.db.selectFrom('audit_log').select(['action', 'entity_type', 'actor_user_id', 'family_ids', 'entry']).where('municipality_id', '=', m.id)
      .where(sql<boolean>`entry->>'person' = ${f.parent.id}`).orderBy('seq').execute();
    expect(rows.map((r) => `${r.action} ${r.entity_type}`)).toEqual(['create portal_login_code', 'login portal_session', 'read own_family']);
    expect(rows.every((r) => r.actor_user_id === null)).toBe(true);
    expect(rows[2]!.family_ids).toEqual([f.familyId]);
    expect(JSON.stringify(rows)).not.toContain(address);
  });
});

describe('portal sessions', () => {
  it('logout needs the CSRF token, revokes the session and clears the cookie', async () => {
    const session = await loginToPortal(t.app, t.db, (await newParent()).email);
    const noToken = await t.app.inject({ method: 'POST', url: '/api/portal/logout', headers: { cookie: session.cookie }, payload: {} });
    expect(noToken.statusCode).toBe(403);
    const out = await t.app.inject({ method: 'POST', url: '/api/portal/logout', headers: session.headers, payload: {} });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/tovholder_portal=;/);
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie: session.cookie } })).statusCode).toBe(401);
  });

  it('a portal session ends after 60 minutes, and at once when the person no longer has custody', async () => {
    const { family: f, email: address } = await newParent();
    const session = await loginToPortal(t.app, t.db, address);
    const me = () => t.app.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie: session.cookie } });
    const began = t.clock.now();
    try {
      t.clock.set(new Date(began.getTime() + 59 * 60_000));
      expect((await me()).statusCode).toBe(200);
      t.clock.set(new Date(began.getTime() + 60 * 60_000));
      expect((await me()).statusCode).toBe(401);
    } finally {
      t.clock.set(began);
    }
    const again = await loginToPortal(t.app, t.db, address);
    await t.db.updateTable('family_members').set({ has_custody: false }).where('person_id', '=', f.parent.id).execute();
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie: again.cookie } })).statusCode).toBe(401);
  });

  it('a staff session opens no portal route, and a portal session opens no staff route', async () => {
    const staff = await loginAs(t.app, coordinator);
    for (const url of ['/api/portal/me', '/api/portal/plan']) {
      expect((await client(t.app, staff).get(url)).statusCode, url).toBe(401);
    }
    expect((await client(t.app, staff).post('/api/portal/logout', {})).statusCode).toBe(401);
    const portal = await loginToPortal(t.app, t.db, (await newParent()).email);
    for (const url of ['/api/auth/session', '/api/my-families', `/api/families/${family.familyId}`, `/api/cases/${family.caseId}`, `/api/families/${family.familyId}/plan`]) {
      const response = await t.app.inject({ method: 'GET', url, headers: portal.headers });
      expect(response.statusCode, url).toBe(401);
    }
    // A portal cookie renamed to the staff cookie's name is no staff session either (the token is not in sessions).
    const renamed = portal.cookie.replace(/^tovholder_portal=/, 'tovholder_session=');
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: renamed } })).statusCode).toBe(401);
    const renamedBack = staff.cookie.replace(/^tovholder_session=/, 'tovholder_portal=');
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/me', headers: { cookie: renamedBack } })).statusCode).toBe(401);
  });

  it('a parent account can no longer log in with a password: the right password says "use the portal", a wrong one the usual', async () => {
    const parentUser = await makeParentLogin(t.db, m, family);
    const right = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: parentUser.email, password: parentUser.password } });
    expect(right.statusCode).toBe(401);
    expect(right.json().error.code).toBe('use_portal');
    expect(right.headers['set-cookie']).toBeUndefined();
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: parentUser.email, password: 'forkert-forkert-42' } });
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('the parent reads their own family\'s joint plan through the portal', async () => {
    const { family: f, email: address } = await newParent();
    const portal = await loginToPortal(t.app, t.db, address);
    const plan = await t.app.inject({ method: 'GET', url: '/api/portal/plan', headers: portal.headers });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json()).toMatchObject({ familyId: f.familyId, accessReason: 'parent', childVoice: [] });
  });
});

describe('delivery and logs', () => {
  it('the worker hands the code to the transport; no log line carries the code or the address', async () => {
    const { email: address } = await newParent();
    await t.db.updateTable('outbox_messages').set({ status: 'sent', sent_at: t.clock.now() }).where('status', '=', 'pending').execute();
    await start(t.app, address);
    const code = await codeFromOutbox(t.db, address);
    const lines: string[] = [];
    const log: OutboxLogger = { info: (o, msg) => lines.push(JSON.stringify(o) + msg), warn: (o, msg) => lines.push(JSON.stringify(o) + msg), error: (o, msg) => lines.push(JSON.stringify(o) + msg) };
    const delivered: ClaimedMessage[] = [];
    const email: Transport = { name: 'capture', send: async (message) => { delivered.push(message); } };
    const worker = new OutboxWorker({ db: t.db, clock: t.clock, transports: { email, sms: loggingTransport('sms-log', log) }, log }, { intervalMs: 0 });
    await worker.deliver(m.id);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ recipient: address, kind: 'portal_login_code' });
    expect(delivered[0]!.body).toContain(code);
    // Once sent, the outbox keeps no clear copy of the live code.
    const stored = await t.db.selectFrom('outbox_messages').select(['body', 'status']).where('kind', '=', 'portal_login_code')
      .where('recipient', '=', address).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'sent', body: sentCredentialBody });
    const logging = loggingTransport('email-log', log);
    await logging.send(delivered[0]!);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(code);
      expect(line).not.toContain(address);
    }
  });
});

describe('limits and settings', () => {
  it('per IP: with a limit of 3 a minute the 4th start or verify gets 429', async () => {
    const limited = await createTestApp({ database: t.database, loginRateLimit: 3 });
    try {
      for (let i = 0; i < 3; i++) expect((await start(limited.app, `ip-${i}@example.test`)).statusCode).toBe(202);
      expect((await start(limited.app, 'ip-4@example.test')).statusCode).toBe(429);
      for (let i = 0; i < 3; i++) expect((await verify(limited.app, `ip-${i}@example.test`, '123456')).statusCode).toBe(401);
      expect((await verify(limited.app, 'ip-4@example.test', '123456')).statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('per address: after 2 requests for one address the 3rd gets 429 — for an unknown address just the same', async () => {
    const app = await appWith({ portalAddressRateLimit: 2 });
    try {
      for (const address of [email, 'nobody-at-all@example.test']) {
        expect((await start(app, address)).statusCode).toBe(202);
        expect((await start(app, address)).statusCode).toBe(202);
        const third = await start(app, address);
        expect(third.statusCode).toBe(429);
        expect(third.json().error.code).toBe('rate_limited');
      }
      expect((await start(app, 'someone-else@example.test')).statusCode).toBe(202);
    } finally {
      await app.close();
    }
  });

  it('in a demo municipality the code is shown outside production (there is no e-mail there), never in production', async () => {
    const demo = await makeMunicipality(t.db, { name: 'Demokommune' });
    await t.db.updateTable('municipalities').set({ settings: JSON.stringify({ demo: true }) }).where('id', '=', demo.id).execute();
    const f = await makeFamilyWithCase(t.db, demo);
    const address = await givePortalEmail(t.db, f.parent.id);
    const shown = await start(t.app, address);
    const code = await codeFromOutbox(t.db, address);
    expect(shown.json()).toEqual({ status: 'code_sent_if_known', channel: 'email', expiresInMinutes: 10, demoCode: code });
    expect((await verify(t.app, address, shown.json().demoCode)).statusCode).toBe(200);

    const production = await appWith({ production: true });
    try {
      const hidden = await start(production, address);
      expect(hidden.statusCode).toBe(202);
      expect(hidden.json()).toEqual({ status: 'code_sent_if_known', channel: 'email', expiresInMinutes: 10 });
      expect(hidden.body).not.toContain(await codeFromOutbox(t.db, address));
    } finally {
      await production.close();
    }
  });
});

describe('the lookup before the tenant is known (row-level security)', () => {
  it('without a tenant the app role sees no codes and no sessions, and with an address hash set only that address\'s codes', async () => {
    const hash = (await codesFor(family.parent.id))[0]!.address_hash;
    await t.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', ${appRole}, true)`.execute(trx);
      expect(await trx.selectFrom('portal_login_codes').select('id').execute()).toEqual([]);
      expect(await trx.selectFrom('portal_sessions').select('id').execute()).toEqual([]);
      await sql`select set_config('app.portal_address_hash', ${hash}, true)`.execute(trx);
      const rows = await trx.selectFrom('portal_login_codes').select(['address_hash', 'person_id']).execute();
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.address_hash === hash && r.person_id === family.parent.id)).toBe(true);
      expect(await trx.selectFrom('persons').select('id').execute()).toEqual([]);
    });
  });

  it('portal_identities returns only ids, only for parents and carers with custody, and only for the exact address', async () => {
    await t.db.transaction().execute(async (trx) => {
      await sql`select set_config('role', ${appRole}, true)`.execute(trx);
      const found = await sql<Record<string, unknown>>`select * from portal_identities('email', ${email})`.execute(trx);
      expect(found.rows).toEqual([{ municipality_id: m.id, person_id: family.parent.id }]);
      const partial = await sql`select * from portal_identities('email', ${email.slice(0, -1)})`.execute(trx);
      expect(partial.rows).toEqual([]);
      const byCpr = await sql`select * from portal_identities('cpr', ${family.child.cpr})`.execute(trx);
      expect(byCpr.rows).toEqual([]);
    });
  });
});
