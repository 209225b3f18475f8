import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../src/platform/db/tenant.js';
import { enqueue, type NewOutboxMessage } from '../src/platform/outbox/outbox.js';
import { loggingTransport, messageIdOf, smtpTransport, transportsFrom, type OutboxLogger, type Transports } from '../src/platform/outbox/transports.js';
import { OutboxWorker } from '../src/platform/outbox/worker.js';
import { createTestApp, testNow, type TestApp } from './app.js';
import { client, loginAs, makeMunicipality, makeUser, type TestMunicipality, type TestUser } from './factories.js';
import { startSmtp, type TestSmtp } from './smtp.js';

/**
 * The outbox mechanism (issue 4 item 7) against a real SMTP server in this process: idempotent enqueueing, delivery
 * after commit, no second send after a rerun or a restart, two workers never sending the same message, retries with
 * exponential backoff on the injectable clock, failure after the last attempt, and the administrators' view.
 */

let t: TestApp;
let smtp: TestSmtp;
let m: TestMunicipality;
let other: TestMunicipality;
let admin: TestUser;
let coordinator: TestUser;
const logLines: Array<{ object: Record<string, unknown>; message: string }> = [];
const log: OutboxLogger = {
  info: (object, message) => logLines.push({ object, message }),
  warn: (object, message) => logLines.push({ object, message }),
  error: (object, message) => logLines.push({ object, message }),
};
let transports: Transports & { close(): void };
let serial = 0;

function worker(options: { backoffBaseMs?: number } = {}) {
  return new OutboxWorker({ db: t.db, clock: t.clock, transports, log }, { intervalMs: 50, backoffBaseMs: options.backoffBaseMs ?? 60_000 });
}

function message(overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  serial += 1;
  return {
    municipalityId: m.id, dedupeKey: `test:${serial}`, kind: 'other', channel: 'email', recipient: `modtager${serial}@example.test`,
    subject: 'Påmindelse: møde i Tovholder', body: `Du har et møde tirsdag den 24. november 2026 kl. 10.00.\n\nNummer ${serial}.`,
    notBefore: t.clock.now(), ...overrides,
  };
}

async function put(msg: NewOutboxMessage): Promise<boolean> {
  return inTenant(t.db, msg.municipalityId, (trx) => enqueue(trx, msg));
}

async function row(dedupeKey: string) {
  return t.db.selectFrom('outbox_messages').selectAll().where('dedupe_key', '=', dedupeKey).executeTakeFirstOrThrow();
}

beforeAll(async () => {
  t = await createTestApp();
  smtp = await startSmtp();
  transports = { email: smtpTransport(smtp.url, 'Tovholder <no-reply@tovholder.test>'), sms: loggingTransport('sms-log', log), close: () => undefined };
  m = await makeMunicipality(t.db);
  other = await makeMunicipality(t.db);
  admin = await makeUser(t.db, m, { roles: ['administrator'] });
  coordinator = await makeUser(t.db, m, { roles: ['coordinator'] });
});

afterEach(async () => {
  smtp.reject = false;
  t.clock.set(testNow);
  // Each test starts from an empty outbox, so counts below are exact.
  await t.db.deleteFrom('outbox_messages').execute();
  smtp.received.length = 0;
  smtp.attempts = 0;
});

afterAll(async () => {
  await smtp?.close();
  await t?.close();
});

describe('enqueueing is idempotent by the dedupe key', () => {
  it('the same key twice gives one row (the second enqueue is a no-op); the same key in another municipality is its own row', async () => {
    const first = message({ dedupeKey: 'meeting:x@2026-11-23T09:00:00.000Z|user:y|email' });
    expect(await put(first)).toBe(true);
    expect(await put({ ...first, body: 'changed text' })).toBe(false);
    expect(await put({ ...first, municipalityId: other.id })).toBe(true);
    const rows = await t.db.selectFrom('outbox_messages').select(['municipality_id', 'body', 'status']).where('dedupe_key', '=', first.dedupeKey).execute();
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.municipality_id === m.id)).toMatchObject({ body: first.body, status: 'pending' });
  });
});

describe('delivery through a real SMTP server', () => {
  it('sends a due message once, with a Message-ID derived from its dedupe key; a rerun and a restarted worker send nothing more', async () => {
    const msg = message();
    await put(msg);
    const report = await worker().runOnce();
    expect(report).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual([msg.recipient]);
    expect(mail.from).toBe('no-reply@tovholder.test');
    expect(mail.subject).toBe(msg.subject);
    expect(mail.text).toBe(msg.body);
    expect(mail.messageId).toBe(messageIdOf(msg));
    const sent = await row(msg.dedupeKey);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, locked_until: null });
    expect(new Date(sent.sent_at!).toISOString()).toBe(testNow.replace('Z', '.000Z'));

    expect((await worker().runOnce()).sent).toBe(0);
    // A restart is a new worker on the same database.
    const restarted = worker();
    t.clock.advanceDays(1);
    expect((await restarted.runOnce()).sent).toBe(0);
    expect(smtp.received).toHaveLength(1);
  });

  it('a message not yet due waits for its time', async () => {
    const later = message({ notBefore: new Date(t.clock.now().getTime() + 3_600_000) });
    await put(later);
    await worker().runOnce();
    expect(smtp.received).toHaveLength(0);
    t.clock.set(new Date(t.clock.now().getTime() + 3_600_000));
    await worker().runOnce();
    expect(smtp.received).toHaveLength(1);
  });

  it('two workers running at the same time send every message exactly once (claims use for update skip locked)', async () => {
    const messages = Array.from({ length: 8 }, () => message());
    for (const msg of messages) await put(msg);
    const reports = await Promise.all([worker().runOnce(), worker().runOnce(), worker().runOnce()]);
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(8);
    expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(messages.map((msg) => msg.recipient).sort());
    const statuses = await t.db.selectFrom('outbox_messages').select(['status', 'attempts']).execute();
    expect(statuses.every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
  });

  it('text messages go through the SMS provider adapter, which only logs — never the number or the text', async () => {
    const sms = message({ channel: 'sms', recipient: '+45 20 30 40 50', body: 'Påmindelse: Du har et møde med kommunen.' });
    await put(sms);
    expect((await worker().runOnce()).sent).toBe(1);
    expect(smtp.received).toHaveLength(0);
    expect((await row(sms.dedupeKey)).status).toBe('sent');
    const logged = JSON.stringify(logLines);
    expect(logged).toContain('sms-log');
    expect(logged).not.toContain('20 30 40 50');
    expect(logged).not.toContain('Påmindelse');
  });

  it('without SMTP_URL e-mails are only logged; an unknown SMS_PROVIDER is refused at start-up', () => {
    const configured = transportsFrom({ smtpUrl: undefined, smtpFrom: 'x@y.z', smsProvider: 'log' }, log);
    expect(configured.email.name).toBe('email-log');
    expect(() => transportsFrom({ smtpUrl: undefined, smtpFrom: 'x@y.z', smsProvider: 'carrier-pigeon' }, log)).toThrow(/Unknown SMS_PROVIDER "carrier-pigeon"; known: log/);
  });
});

describe('failed sends retry with exponential backoff, then fail', () => {
  it('a refused recipient is retried after 1, 2, 4, 8 minutes and marked failed after the 5th attempt; the error never names the recipient', async () => {
    smtp.reject = true;
    const msg = message();
    await put(msg);
    const start = t.clock.now().getTime();
    const w = worker();
    const expectedDelays = [60_000, 120_000, 240_000, 480_000];
    let at = start;
    for (const [i, delay] of expectedDelays.entries()) {
      expect((await w.runOnce()).retrying).toBe(1);
      const pending = await row(msg.dedupeKey);
      expect(pending).toMatchObject({ status: 'pending', attempts: i + 1 });
      expect(new Date(pending.next_attempt_at).getTime()).toBe(at + delay);
      expect(pending.last_error).toMatch(/451|temporarily unavailable/);
      expect(pending.last_error).not.toContain(msg.recipient);
      // Not before its time: one millisecond early, nothing is attempted.
      t.clock.set(new Date(at + delay - 1));
      const before = smtp.attempts;
      expect((await w.runOnce()).retrying).toBe(0);
      expect(smtp.attempts).toBe(before);
      at += delay;
      t.clock.set(new Date(at));
    }
    expect((await w.runOnce()).failed).toBe(1);
    const failed = await row(msg.dedupeKey);
    expect(failed).toMatchObject({ status: 'failed', attempts: 5 });
    expect(smtp.attempts).toBe(5);
    // Failed is final: later runs leave it alone.
    t.clock.advanceDays(2);
    await w.runOnce();
    expect(smtp.attempts).toBe(5);
    expect(smtp.received).toHaveLength(0);
  });

  it('a claim whose worker died mid-send is marked failed after its lease, never sent again automatically', async () => {
    const msg = message();
    await put(msg);
    // A worker claimed it (status sending, lease until +5 min) and then the process stopped.
    await t.db.updateTable('outbox_messages').set({ status: 'sending', attempts: 1, locked_until: new Date(t.clock.now().getTime() + 300_000) })
      .where('dedupe_key', '=', msg.dedupeKey).execute();
    await worker().runOnce();
    expect((await row(msg.dedupeKey)).status).toBe('sending');
    t.clock.set(new Date(t.clock.now().getTime() + 300_001));
    const report = await worker().runOnce();
    expect(report).toMatchObject({ sent: 0, abandoned: 1 });
    const abandoned = await row(msg.dedupeKey);
    expect(abandoned.status).toBe('failed');
    expect(abandoned.last_error).toMatch(/interrupted/);
    expect(smtp.received).toHaveLength(0);
  });
});

describe('the administrators\' outbox view', () => {
  it('lists waiting and failed messages with masked recipients, retries a failed one, and refuses others', async () => {
    smtp.reject = true;
    const failing = message({ maxAttempts: 1 });
    const waiting = message({ notBefore: new Date(t.clock.now().getTime() + 86_400_000) });
    await put(failing);
    await put(waiting);
    await worker().runOnce();
    expect((await row(failing.dedupeKey)).status).toBe('failed');

    const api = client(t.app, await loginAs(t.app, admin));
    const list = await api.get('/api/admin/outbox');
    expect(list.statusCode).toBe(200);
    const body = list.json() as { messages: Array<{ id: string; status: string; recipient: string; lastError: string | null }>; counts: Record<string, number> };
    expect(body.counts).toMatchObject({ pending: 1, failed: 1, sent: 0 });
    expect(body.messages.map((x) => x.status).sort()).toEqual(['failed', 'pending']);
    expect(list.body).not.toContain(failing.recipient);
    expect(body.messages.find((x) => x.status === 'failed')!.recipient).toBe(`${failing.recipient.slice(0, 2)}•••@example.test`);
    expect((await api.get('/api/admin/outbox?status=failed')).json().messages).toHaveLength(1);
    const bad = await api.get('/api/admin/outbox?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('status');

    const failedId = body.messages.find((x) => x.status === 'failed')!.id;
    smtp.reject = false;
    const retried = await api.post(`/api/admin/outbox/${failedId}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    await worker().runOnce();
    expect(smtp.received.map((r) => r.to[0])).toEqual([failing.recipient]);
    const again = await api.post(`/api/admin/outbox/${failedId}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('not_retryable');
    expect((await api.post('/api/admin/outbox/00000000-0000-4000-8000-000000000000/retry')).statusCode).toBe(404);

    const coordinatorApi = client(t.app, await loginAs(t.app, coordinator));
    expect((await coordinatorApi.get('/api/admin/outbox')).statusCode).toBe(403);
    expect((await coordinatorApi.post(`/api/admin/outbox/${failedId}/retry`)).statusCode).toBe(403);
    expect((await client(t.app).get('/api/admin/outbox')).statusCode).toBe(401);
  });

  it('an administrator of another municipality sees none of these messages and gets 404 for their ids', async () => {
    await put(message());
    const id = (await t.db.selectFrom('outbox_messages').select('id').executeTakeFirstOrThrow()).id;
    const otherAdmin = await makeUser(t.db, other, { roles: ['administrator'] });
    const api = client(t.app, await loginAs(t.app, otherAdmin));
    expect((await api.get('/api/admin/outbox')).json().messages).toEqual([]);
    const retry = await api.post(`/api/admin/outbox/${id}/retry`);
    expect(retry.statusCode).toBe(404);
  });
});

describe('the worker runs on its own and stops cleanly', () => {
  it('start() delivers without being asked, stop() waits for the run in progress and nothing runs afterwards', async () => {
    t.clock.set(new Date());
    const msg = message({ notBefore: new Date(Date.now() - 1000) });
    await put(msg);
    let steps = 0;
    const w = new OutboxWorker({ db: t.db, clock: t.clock, transports, log, steps: [{ name: 'count', run: async () => { steps += 1; } }] }, { intervalMs: 20 });
    w.start();
    for (let i = 0; i < 200 && smtp.received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await w.stop();
    expect(smtp.received).toHaveLength(1);
    const stepsAtStop = steps;
    expect(stepsAtStop).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(steps).toBe(stepsAtStop);
  });
});
