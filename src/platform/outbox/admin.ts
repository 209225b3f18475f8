import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import { asUser } from '../auth/session.js';
import type { RequestContext, Trx } from '../db/tenant.js';
import { conflict, notFound } from '../http/errors.js';
import { IdParams } from '../http/fields.js';
import { requireRole } from '../policy/policy.js';
import { outboxChannels, outboxKinds, outboxStatuses } from './outbox.js';

/**
 * The administrators' view of the outbox (issue 4 item 7): what is waiting, what failed and why, and a retry.
 * Recipients are shown masked: enough to recognise an address, not to harvest it.
 */

export const OutboxStatus = z.enum(outboxStatuses);
export const OutboxMessageView = z.object({
  id: z.string(),
  kind: z.enum(outboxKinds),
  channel: z.enum(outboxChannels),
  recipient: z.string(),
  subject: z.string(),
  status: OutboxStatus,
  attempts: z.number(),
  maxAttempts: z.number(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type OutboxMessageView = z.infer<typeof OutboxMessageView>;

export const OutboxListQuery = z.object({
  status: z.enum(['pending', 'failed', 'sending', 'sent', 'open']).default('open'),
});
export const OutboxList = z.object({
  messages: z.array(OutboxMessageView),
  counts: z.object({ pending: z.number(), sending: z.number(), sent: z.number(), failed: z.number() }),
});
export type OutboxList = z.infer<typeof OutboxList>;

/** "mette.lund@demo.dk" → "me•••@demo.dk", "+45 20 30 40 50" → "•••• 50". */
export function maskRecipient(recipient: string): string {
  const at = recipient.lastIndexOf('@');
  if (at > 0) return `${recipient.slice(0, Math.min(2, at))}•••${recipient.slice(at)}`;
  return `••••${recipient.replace(/\s+/g, '').slice(-2)}`;
}

type Row = {
  id: string; kind: string; channel: string; recipient: string; subject: string; status: string; attempts: number; max_attempts: number;
  next_attempt_at: Date; last_error: string | null; created_at: Date; sent_at: Date | null;
};
const columns = ['id', 'kind', 'channel', 'recipient', 'subject', 'status', 'attempts', 'max_attempts', 'next_attempt_at', 'last_error', 'created_at', 'sent_at'] as const;

function viewOf(r: Row): OutboxMessageView {
  return {
    id: r.id, kind: r.kind as OutboxMessageView['kind'], channel: r.channel as OutboxMessageView['channel'], recipient: maskRecipient(r.recipient),
    subject: r.subject, status: r.status as OutboxMessageView['status'], attempts: Number(r.attempts), maxAttempts: Number(r.max_attempts),
    nextAttemptAt: new Date(r.next_attempt_at).toISOString(), lastError: r.last_error, createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
  };
}

export async function listOutbox(trx: Trx, ctx: RequestContext, status: z.infer<typeof OutboxListQuery>['status']): Promise<OutboxList> {
  requireRole(ctx.actor, 'manage_municipality');
  const statuses = status === 'open' ? ['pending', 'sending', 'failed'] : [status];
  const rows = await trx.selectFrom('outbox_messages').select(columns).where('status', 'in', statuses)
    .orderBy('created_at', 'desc').orderBy('id').limit(200).execute();
  const counted = await trx.selectFrom('outbox_messages').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const counts = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const c of counted) counts[c.status as keyof typeof counts] = Number(c.n);
  await audit(trx, ctx, { action: 'read', entityType: 'outbox', reason: 'administrator' });
  return { messages: rows.map((r) => viewOf(r as Row)), counts };
}

/** Puts a failed (or waiting) message back in line to be sent now, with a fresh count of attempts. */
export async function retryOutboxMessage(trx: Trx, ctx: RequestContext, id: string): Promise<OutboxMessageView> {
  // 404 before 403 (style.md §3): another municipality's message does not exist for the caller, whatever their role.
  const row = await trx.selectFrom('outbox_messages').select('status').where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The message');
  requireRole(ctx.actor, 'manage_municipality');
  if (row.status !== 'failed' && row.status !== 'pending') {
    throw conflict('not_retryable', `A ${row.status} message cannot be retried.`, [
      { field: 'id', code: 'not_retryable', message: 'Only failed or waiting messages can be retried.' },
    ]);
  }
  const updated = await trx.updateTable('outbox_messages').set({ status: 'pending', attempts: 0, next_attempt_at: ctx.clock.now(), locked_until: null })
    .where('id', '=', id).where('status', 'in', ['failed', 'pending']).returning(columns).executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'update', entityType: 'outbox_message', entityId: id, reason: 'administrator' });
  return viewOf(updated as Row);
}

export const outboxAdminRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['administration'];
  app.get('/admin/outbox', { schema: { tags, querystring: OutboxListQuery, response: { 200: OutboxList } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listOutbox(trx, ctx, request.query.status)));
  app.post('/admin/outbox/:id/retry', { schema: { tags, params: IdParams, response: { 200: OutboxMessageView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => retryOutboxMessage(trx, ctx, request.params.id)));
};
