import { audit } from '../../platform/audit/audit.js';
import { todayIn } from '../../platform/clock/clock.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { forbidden, notFound } from '../../platform/http/errors.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import type { CaseAccessReason } from '../../platform/policy/policy.js';
import { findFamilyWithReason } from '../family/index.js';
import {
  contactsOfFamily, familyOfParent, findThread, hasUnreadFromFamily, insertMessage, markRead, messagesOf, threadsOfFamily, threadSummary, unreadForStaff,
} from './repo.js';
import { mayReadMessages, mayReply, newMessageEmail } from './rules.js';
import type { MessageInput, ThreadInput, ThreadList, ThreadView, UnreadFamilyMessages } from './schema.js';

/**
 * Messages between the family and its contact (issue 5 item 3): a parent writes in the portal, the family's lead is
 * told (an unread count in the app, and an e-mail without the text through the outbox), staff with need-to-know read
 * and the people working with the family reply.
 */

// ---- the family, in the portal ----

async function parentFamily(trx: Trx, ctx: RequestContext): Promise<string> {
  const familyId = await familyOfParent(trx, ctx.actor.personId!);
  if (!familyId) throw notFound('Your family');
  return familyId;
}

/** A thread of the parent's own family; any other thread is 404, like one that does not exist. */
async function parentThread(trx: Trx, ctx: RequestContext, threadId: string) {
  const familyId = await parentFamily(trx, ctx);
  const thread = await findThread(trx, threadId);
  if (!thread || thread.family_id !== familyId) throw notFound('The conversation');
  return thread;
}

async function threadView(trx: Trx, ctx: RequestContext, threadId: string, side: 'family' | 'staff', canReply: boolean): Promise<ThreadView> {
  const me = side === 'family' ? { personId: ctx.actor.personId, userId: null } : { personId: null, userId: ctx.actor.userId };
  const [summary, messages] = await Promise.all([threadSummary(trx, threadId, side), messagesOf(trx, threadId, me)]);
  return { ...summary, messages, abilities: { canReply } };
}

export async function listOwnThreads(trx: Trx, ctx: RequestContext): Promise<ThreadList> {
  const familyId = await parentFamily(trx, ctx);
  await audit(trx, ctx, { action: 'read', entityType: 'message_thread_list', entityId: familyId, familyIds: [familyId], reason: 'parent' });
  return { threads: await threadsOfFamily(trx, familyId, 'family'), abilities: { canStart: true } };
}

export async function getOwnThread(trx: Trx, ctx: RequestContext, threadId: string): Promise<ThreadView> {
  const thread = await parentThread(trx, ctx, threadId);
  await markRead(trx, threadId, 'family', ctx.clock.now());
  await audit(trx, ctx, { action: 'read', entityType: 'message_thread', entityId: threadId, familyIds: [thread.family_id], reason: 'parent' });
  return threadView(trx, ctx, threadId, 'family', true);
}

/** Tells the family's contact, after commit, that there is a message — without its text (rules.newMessageEmail). */
async function notifyContact(trx: Trx, ctx: RequestContext, familyId: string, threadId: string, messageId: string, publicUrl: string): Promise<void> {
  const contacts = await contactsOfFamily(trx, familyId, todayIn(ctx.clock));
  const email = newMessageEmail(`${publicUrl}/messages/${threadId}`);
  for (const contact of contacts) {
    await enqueue(trx, {
      municipalityId: ctx.actor.municipalityId, dedupeKey: `family-message:${messageId}:${contact.id}`, kind: 'other', channel: 'email',
      recipient: contact.email, subject: email.subject, body: email.body, notBefore: ctx.clock.now(),
    });
  }
}

export async function startOwnThread(trx: Trx, ctx: RequestContext, input: ThreadInput, publicUrl: string): Promise<ThreadView> {
  const familyId = await parentFamily(trx, ctx);
  const now = ctx.clock.now();
  const thread = await trx.insertInto('message_threads').values({
    municipality_id: ctx.actor.municipalityId, family_id: familyId, subject: input.subject, created_by_person_id: ctx.actor.personId,
    created_at: now, last_message_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  const messageId = await insertMessage(trx, {
    municipalityId: ctx.actor.municipalityId, threadId: thread.id, authorPersonId: ctx.actor.personId, authorUserId: null, body: input.body, sentAt: now,
  });
  await notifyContact(trx, ctx, familyId, thread.id, messageId, publicUrl);
  await audit(trx, ctx, { action: 'create', entityType: 'message_thread', entityId: thread.id, familyIds: [familyId], reason: 'parent' });
  return threadView(trx, ctx, thread.id, 'family', true);
}

export async function writeOwnMessage(trx: Trx, ctx: RequestContext, threadId: string, input: MessageInput, publicUrl: string): Promise<ThreadView> {
  const thread = await parentThread(trx, ctx, threadId);
  // One e-mail per batch: while earlier family messages of the thread are unread, the contact has been told already.
  const alreadyTold = await hasUnreadFromFamily(trx, threadId);
  const messageId = await insertMessage(trx, {
    municipalityId: ctx.actor.municipalityId, threadId, authorPersonId: ctx.actor.personId, authorUserId: null, body: input.body, sentAt: ctx.clock.now(),
  });
  if (!alreadyTold) await notifyContact(trx, ctx, thread.family_id, threadId, messageId, publicUrl);
  await markRead(trx, threadId, 'family', ctx.clock.now());
  await audit(trx, ctx, { action: 'create', entityType: 'message', entityId: messageId, familyIds: [thread.family_id], reason: 'parent' });
  return threadView(trx, ctx, threadId, 'family', true);
}

// ---- staff ----

async function staffFamily(trx: Trx, ctx: RequestContext, familyId: string, what: string): Promise<CaseAccessReason> {
  const family = await findFamilyWithReason(trx, ctx.actor, todayIn(ctx.clock), familyId);
  const reason = family?.reason ?? null;
  // A parent's staff-style login never reads messages here: the family uses the portal.
  if (!mayReadMessages(reason) || reason === 'parent') throw notFound(what);
  return reason!;
}

export async function listFamilyThreads(trx: Trx, ctx: RequestContext, familyId: string): Promise<ThreadList> {
  const reason = await staffFamily(trx, ctx, familyId, 'The family');
  await audit(trx, ctx, { action: 'read', entityType: 'message_thread_list', entityId: familyId, familyIds: [familyId], reason });
  return { threads: await threadsOfFamily(trx, familyId, 'staff'), abilities: { canStart: false } };
}

async function staffThread(trx: Trx, ctx: RequestContext, threadId: string) {
  const thread = await findThread(trx, threadId);
  if (!thread) throw notFound('The conversation');
  const reason = await staffFamily(trx, ctx, thread.family_id, 'The conversation');
  return { thread, reason };
}

export async function getFamilyThread(trx: Trx, ctx: RequestContext, threadId: string): Promise<ThreadView> {
  const { thread, reason } = await staffThread(trx, ctx, threadId);
  // Only the people who answer the family mark its messages read: a leader looking in does not hide them from the contact.
  if (mayReply(reason)) await markRead(trx, threadId, 'staff', ctx.clock.now());
  await audit(trx, ctx, { action: 'read', entityType: 'message_thread', entityId: threadId, familyIds: [thread.family_id], reason });
  return threadView(trx, ctx, threadId, 'staff', mayReply(reason));
}

export async function replyToFamily(trx: Trx, ctx: RequestContext, threadId: string, input: MessageInput): Promise<ThreadView> {
  const { thread, reason } = await staffThread(trx, ctx, threadId);
  if (!mayReply(reason)) throw forbidden('You may read the family\'s messages but not answer them.');
  const messageId = await insertMessage(trx, {
    municipalityId: ctx.actor.municipalityId, threadId, authorPersonId: null, authorUserId: ctx.actor.userId, body: input.body, sentAt: ctx.clock.now(),
  });
  await markRead(trx, threadId, 'staff', ctx.clock.now());
  await audit(trx, ctx, { action: 'create', entityType: 'message', entityId: messageId, familyIds: [thread.family_id], reason });
  return threadView(trx, ctx, threadId, 'staff', true);
}

/** The in-app notification: unread family messages for the families the caller works with. */
export async function unreadFamilyMessages(trx: Trx, ctx: RequestContext): Promise<UnreadFamilyMessages> {
  const rows = await unreadForStaff(trx, ctx.actor, todayIn(ctx.clock));
  if (rows.length > 0) {
    await audit(trx, ctx, { action: 'read', entityType: 'unread_family_messages', familyIds: [...new Set(rows.map((r) => r.family_id))], reason: 'assigned' });
  }
  return {
    count: rows.reduce((sum, r) => sum + r.unread, 0),
    threads: rows.map((r) => ({
      id: r.id, familyId: r.family_id, familyName: r.family_name, subject: r.subject, lastMessageAt: new Date(r.last_message_at).toISOString(), unread: r.unread,
    })),
  };
}
