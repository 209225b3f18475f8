import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { makeFamilyPortalWorld, send, type FamilyPortalWorld } from './family-portal-setup.js';

/** Issue 5 item 3: the family writes to its contact; the contact is told (in the app, and by e-mail without the text) and replies. */

let t: TestApp;
let w: FamilyPortalWorld;
const secretText = 'Vores søn har fået en ny diagnose';

beforeAll(async () => {
  t = await createTestApp();
  w = await makeFamilyPortalWorld(t);
});
afterAll(async () => {
  await t?.close();
});

const countMessages = async () => Number((await t.db.selectFrom('messages').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('family messages', () => {
  let threadId: string;

  it('a parent starts a conversation; the coordinator gets an e-mail through the outbox that does not contain the text', async () => {
    const started = await send(t, w.parent, 'POST', '/api/portal/threads', { subject: 'Ny diagnose', body: secretText });
    expect(started.statusCode, started.body).toBe(201);
    threadId = started.json().id;
    expect(started.json().messages).toMatchObject([{ body: secretText, mine: true, author: { side: 'family' } }]);
    const outbox = await t.db.selectFrom('outbox_messages').selectAll().where('dedupe_key', 'like', 'family-message:%').execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.recipient).toBe(w.coordinator.email);
    expect(outbox[0]!.body).toContain(`/messages/${threadId}`);
    for (const field of [outbox[0]!.body, outbox[0]!.subject]) {
      expect(field).not.toContain(secretText);
      expect(field).not.toContain('Ny diagnose');
      expect(field).not.toContain(w.family.familyName);
    }
  });

  it('a second message while the first is unread does not send another e-mail; the coordinator sees the unread count', async () => {
    t.clock.set('2026-11-22T10:05:00Z');
    const more = await send(t, w.parent, 'POST', `/api/portal/threads/${threadId}/messages`, { body: 'Og en ting mere' });
    expect(more.statusCode, more.body).toBe(200);
    expect(await t.db.selectFrom('outbox_messages').select('id').where('dedupe_key', 'like', 'family-message:%').execute()).toHaveLength(1);
    const unread = await send(t, w.staff, 'GET', '/api/family-messages/unread');
    expect(unread.json()).toMatchObject({ count: 2, threads: [{ id: threadId, familyName: w.family.familyName, unread: 2 }] });
    expect((await send(t, w.outsiderStaff, 'GET', '/api/family-messages/unread')).json().count).toBe(0);
  });

  it('the coordinator reads (marks read) and replies; the parent sees the reply as unread until opening the thread', async () => {
    const list = await send(t, w.staff, 'GET', `/api/families/${w.family.familyId}/threads`);
    expect(list.json().threads).toMatchObject([{ id: threadId, unread: 2 }]);
    const read = await send(t, w.staff, 'GET', `/api/message-threads/${threadId}`);
    expect(read.json()).toMatchObject({ unread: 0, abilities: { canReply: true } });
    expect((await send(t, w.staff, 'GET', '/api/family-messages/unread')).json().count).toBe(0);
    t.clock.set('2026-11-22T10:10:00Z');
    const reply = await send(t, w.staff, 'POST', `/api/message-threads/${threadId}/messages`, { body: 'Tak, jeg ringer i morgen.' });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json().messages.at(-1)).toMatchObject({ body: 'Tak, jeg ringer i morgen.', mine: true, author: { side: 'staff', name: w.coordinator.name } });
    expect((await send(t, w.parent, 'GET', '/api/portal/threads')).json().threads).toMatchObject([{ id: threadId, unread: 1 }]);
    const opened = await send(t, w.parent, 'GET', `/api/portal/threads/${threadId}`);
    expect(opened.json().messages).toHaveLength(3);
    expect((await send(t, w.parent, 'GET', '/api/portal/threads')).json().threads[0].unread).toBe(0);
  });

  it('an empty message is refused and nothing is written', async () => {
    const before = await countMessages();
    const empty = await send(t, w.parent, 'POST', `/api/portal/threads/${threadId}/messages`, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(await countMessages()).toBe(before);
  });

  it('an oversized message or subject is refused naming the limit, and nothing is written', async () => {
    const before = await countMessages();
    const long = await send(t, w.parent, 'POST', `/api/portal/threads/${threadId}/messages`, { body: 'x'.repeat(8001) });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('body');
    const longSubject = await send(t, w.parent, 'POST', '/api/portal/threads', { subject: 's'.repeat(201), body: 'Hej' });
    expect(longSubject.statusCode).toBe(400);
    expect(longSubject.body).toContain('subject');
    // Far past the server's body limit: refused before it is read, never a 500.
    const huge = await send(t, w.parent, 'POST', `/api/portal/threads/${threadId}/messages`, { body: 'x'.repeat(2_000_000) });
    expect([400, 413]).toContain(huge.statusCode);
    expect(await countMessages()).toBe(before);
  });

  it('another family\'s parent, staff without need-to-know and the wrong kind of session are refused', async () => {
    const before = await countMessages();
    expect((await send(t, w.otherParent, 'GET', `/api/portal/threads/${threadId}`)).statusCode).toBe(404);
    expect((await send(t, w.otherParent, 'POST', `/api/portal/threads/${threadId}/messages`, { body: 'Snig' })).statusCode).toBe(404);
    expect((await send(t, w.otherParent, 'GET', '/api/portal/threads')).json().threads).toEqual([]);
    expect((await send(t, w.outsiderStaff, 'GET', `/api/message-threads/${threadId}`)).statusCode).toBe(404);
    expect((await send(t, w.outsiderStaff, 'POST', `/api/message-threads/${threadId}/messages`, { body: 'Snig' })).statusCode).toBe(404);
    expect((await send(t, w.outsiderStaff, 'GET', `/api/families/${w.family.familyId}/threads`)).statusCode).toBe(404);
    // A portal cookie on a staff route and a staff cookie on a portal route: 401.
    expect((await send(t, w.parent, 'GET', `/api/message-threads/${threadId}`)).statusCode).toBe(401);
    expect((await send(t, w.staff, 'GET', `/api/portal/threads/${threadId}`)).statusCode).toBe(401);
    expect((await send(t, w.staff, 'POST', '/api/portal/threads', { subject: 'x', body: 'y' })).statusCode).toBe(401);
    expect(await countMessages()).toBe(before);
  });

  it('a portal write without the CSRF token is refused', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/api/portal/threads/${threadId}/messages`, headers: { cookie: w.parent.cookie }, payload: { body: 'x' } });
    expect(response.statusCode).toBe(403);
  });
});
