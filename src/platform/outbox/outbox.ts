import { sql } from 'kysely';
import type { Trx } from '../db/tenant.js';

/**
 * The outbox (issue 4 item 7): a message is written in the same transaction as the decision to send it and delivered
 * by the worker after commit (style.md §4: e-mail and other slow work happen after commit). Enqueueing is idempotent
 * by a deterministic dedupe key with a unique index: enqueueing the same key again is a no-op, so re-running the
 * scheduler or restarting never adds a second message.
 */

export const outboxChannels = ['email', 'sms'] as const;
export type OutboxChannel = (typeof outboxChannels)[number];
export const outboxKinds = ['meeting_reminder', 'follow_up_reminder', 'portal_login_code', 'other'] as const;
export type OutboxKind = (typeof outboxKinds)[number];
export const outboxStatuses = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export interface NewOutboxMessage {
  municipalityId: string;
  /** Deterministic: the same reminder always gets the same key (e.g. meeting id + time + recipient + channel). */
  dedupeKey: string;
  kind: OutboxKind;
  channel: OutboxChannel;
  recipient: string;
  subject: string;
  body: string;
  /** When the message may be sent first (now for reminders). */
  notBefore: Date;
  maxAttempts?: number;
}

export const defaultMaxAttempts = 5;

/** Adds a message unless one with the same dedupe key exists. Returns whether a row was added. */
export async function enqueue(trx: Trx, message: NewOutboxMessage): Promise<boolean> {
  const result = await trx.insertInto('outbox_messages').values({
    municipality_id: message.municipalityId, dedupe_key: message.dedupeKey, kind: message.kind, channel: message.channel,
    recipient: message.recipient, subject: message.subject, body: message.body, next_attempt_at: message.notBefore,
    max_attempts: message.maxAttempts ?? defaultMaxAttempts, created_at: message.notBefore,
  }).onConflict((oc) => oc.columns(['municipality_id', 'dedupe_key']).doNothing()).returning('id').executeTakeFirst();
  return result !== undefined;
}

export interface ClaimedMessage {
  id: string;
  municipalityId: string;
  dedupeKey: string;
  kind: OutboxKind;
  channel: OutboxChannel;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
  maxAttempts: number;
}

/**
 * Claims up to `limit` due messages for this worker: `for update skip locked` lets two workers run at once without
 * ever taking the same row, and the claim (status 'sending' with a lease) commits before anything is sent.
 */
export async function claimDue(trx: Trx, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMessage[]> {
  const rows = await sql<{
    id: string; municipality_id: string; dedupe_key: string; kind: OutboxKind; channel: OutboxChannel; recipient: string;
    subject: string; body: string; attempts: number; max_attempts: number;
  }>`
    update outbox_messages o set status = 'sending', attempts = o.attempts + 1, locked_until = ${leaseUntil.toISOString()}::timestamptz
      from (select municipality_id, id from outbox_messages
             where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
             order by next_attempt_at, id limit ${limit}
             for update skip locked) due
     where o.municipality_id = due.municipality_id and o.id = due.id
    returning o.id, o.municipality_id, o.dedupe_key, o.kind, o.channel, o.recipient, o.subject, o.body, o.attempts, o.max_attempts`.execute(trx);
  return rows.rows.map((r) => ({
    id: r.id, municipalityId: r.municipality_id, dedupeKey: r.dedupe_key, kind: r.kind, channel: r.channel, recipient: r.recipient,
    subject: r.subject, body: r.body, attempts: Number(r.attempts), maxAttempts: Number(r.max_attempts),
  }));
}

/**
 * A claim whose lease ran out means a worker stopped between claiming and recording the result: the message may or
 * may not have gone out. It is never sent again automatically (a restart must not send twice); it is marked failed
 * and an administrator decides in the outbox view whether to retry it.
 */
export async function failAbandoned(trx: Trx, now: Date): Promise<number> {
  const rows = await trx.updateTable('outbox_messages')
    .set({ status: 'failed', locked_until: null, last_error: 'interrupted: the worker stopped while sending; delivery unknown, not retried automatically' })
    .where('status', '=', 'sending').where('locked_until', '<', now).returning('id').execute();
  return rows.length;
}

/**
 * Messages whose text is a credential (the family portal's one-time login code): once sent, the stored text is
 * replaced, so the outbox is not a second, clear copy of a live code (portal_login_codes stores only its hash).
 */
const credentialKinds: ReadonlySet<OutboxKind> = new Set<OutboxKind>(['portal_login_code']);
export const sentCredentialBody = '[sendt – indholdet er slettet / sent – the text is erased]';

export async function markSent(trx: Trx, id: string, now: Date): Promise<void> {
  await trx.updateTable('outbox_messages')
    .set((eb) => ({
      status: 'sent', sent_at: now, locked_until: null, last_error: null,
      body: eb.case().when('kind', 'in', [...credentialKinds]).then(sentCredentialBody).else(eb.ref('body')).end(),
    }))
    .where('id', '=', id).where('status', '=', 'sending').execute();
}

/** Exponential backoff: base · 2^(attempt-1), at most six hours. */
export function backoffMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 6 * 3_600_000);
}

/** Records a failed attempt: back to pending with backoff, or failed for good after the last attempt. */
export async function markAttemptFailed(
  trx: Trx, message: ClaimedMessage, now: Date, error: string, baseMs: number,
): Promise<'retry' | 'failed'> {
  const final = message.attempts >= message.maxAttempts;
  await trx.updateTable('outbox_messages').set({
    status: final ? 'failed' : 'pending',
    locked_until: null,
    next_attempt_at: final ? now : new Date(now.getTime() + backoffMs(message.attempts, baseMs)),
    last_error: error.slice(0, 500),
  }).where('id', '=', message.id).where('status', '=', 'sending').execute();
  return final ? 'failed' : 'retry';
}
