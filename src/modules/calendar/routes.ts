import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { asUser, originOf } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { getInvitation, getSubscription, readFeed, revokeSubscription, rotateSubscription } from './commands.js';
import { FeedParams, FeedSubscription } from './schema.js';

/** The address links point to: PUBLIC_URL when configured, else the address the request came in on. */
export function publicUrlOf(request: FastifyRequest, configured: string | undefined): string {
  return configured ?? `${request.protocol}://${request.host}`;
}

function sendCalendar(reply: FastifyReply, body: string, filename: string) {
  return reply
    .header('content-type', 'text/calendar; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    // A calendar holds case data: not for shared caches, not kept by the browser.
    .header('cache-control', 'no-store')
    .send(body);
}

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['calendar'];

  app.get('/meetings/:id/invitation.ics', {
    schema: { tags, params: IdParams, description: 'The meeting as an iCalendar invitation (RFC 5545/5546, METHOD:REQUEST or CANCEL).' },
  }, async (request, reply) => {
    const body = await asUser(request, deps, (trx, { ctx }) => getInvitation(trx, ctx, request.params.id, publicUrlOf(request, app.deps.publicUrl)));
    return sendCalendar(reply, body, 'tovholder-moede.ics');
  });

  app.get('/calendar/subscription', { schema: { tags, response: { 200: FeedSubscription } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getSubscription(trx, ctx)));
  app.post('/calendar/subscription', {
    schema: { tags, response: { 201: FeedSubscription }, description: 'Creates the secret feed URL, revoking any earlier one. The URL is shown only in this answer.' },
  }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => rotateSubscription(trx, ctx, publicUrlOf(request, app.deps.publicUrl)))));
  app.delete('/calendar/subscription', { schema: { tags, response: { 200: FeedSubscription } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => revokeSubscription(trx, ctx)));

  // Public: calendar apps fetch this without a session; the secret token in the path is the credential.
  app.get('/calendar/feed/:file', {
    schema: { tags, params: FeedParams, description: 'The feed, without a session: GET /api/calendar/feed/{token}.ics.' },
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    // The path holds the secret token: the request log (level info, it logs the URL) is off for this route.
    logLevel: 'warn',
  }, async (request, reply) => {
    const body = await readFeed(deps, request.params.file, originOf(request), publicUrlOf(request, app.deps.publicUrl));
    return sendCalendar(reply, body, 'tovholder.ics');
  });
};
