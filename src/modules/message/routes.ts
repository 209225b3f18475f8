import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asPortalUser } from '../../platform/auth/portal-session.js';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import {
  getFamilyThread, getOwnThread, listFamilyThreads, listOwnThreads, replyToFamily, startOwnThread, unreadFamilyMessages, writeOwnMessage,
} from './commands.js';
import { MessageInput, ThreadInput, ThreadList, ThreadView, UnreadFamilyMessages } from './schema.js';

/** Family messages (issue 5 item 3): the portal's side under /api/portal, the staff side beside the family. */
export const messageRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['messages'];
  const one = { 200: ThreadView };
  const publicUrl = (request: { protocol: string; host: string }) => app.deps.publicUrl ?? `${request.protocol}://${request.host}`;

  app.get('/portal/threads', { schema: { tags, response: { 200: ThreadList } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => listOwnThreads(trx, ctx)));
  app.post('/portal/threads', { schema: { tags, body: ThreadInput, response: { 201: ThreadView } } }, async (request, reply) =>
    reply.status(201).send(await asPortalUser(request, deps, (trx, { ctx }) => startOwnThread(trx, ctx, request.body, publicUrl(request)))));
  app.get('/portal/threads/:id', { schema: { tags, params: IdParams, response: one } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => getOwnThread(trx, ctx, request.params.id)));
  app.post('/portal/threads/:id/messages', { schema: { tags, params: IdParams, body: MessageInput, response: one } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => writeOwnMessage(trx, ctx, request.params.id, request.body, publicUrl(request))));

  app.get('/families/:id/threads', { schema: { tags, params: IdParams, response: { 200: ThreadList } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listFamilyThreads(trx, ctx, request.params.id)));
  app.get('/message-threads/:id', { schema: { tags, params: IdParams, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getFamilyThread(trx, ctx, request.params.id)));
  app.post('/message-threads/:id/messages', { schema: { tags, params: IdParams, body: MessageInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => replyToFamily(trx, ctx, request.params.id, request.body)));
  app.get('/family-messages/unread', { schema: { tags, response: { 200: UnreadFamilyMessages } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => unreadFamilyMessages(trx, ctx)));
};
