import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asPortalUser } from '../../platform/auth/portal-session.js';
import { IdParams } from '../../platform/http/fields.js';
import { answerChildPage, getChildPage, listChildPages, setChildPagePermission } from './commands.js';
import { ChildPageAnswersInput, ChildPageList, ChildPagePermissionInput, ChildPageView } from './schema.js';

/** The child's page, in the family portal (issue 5 item 5). Staff see the answers with the child's voice (child-voice). */
export const childPageRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['child-page'];
  const one = { 200: ChildPageView };

  app.get('/portal/children', { schema: { tags, response: { 200: ChildPageList } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => listChildPages(trx, ctx)));
  app.get('/portal/children/:id/child-page', { schema: { tags, params: IdParams, response: one } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => getChildPage(trx, ctx, request.params.id)));
  app.put('/portal/children/:id/child-page', { schema: { tags, params: IdParams, body: ChildPagePermissionInput, response: one } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => setChildPagePermission(trx, ctx, request.params.id, request.body)));
  app.post('/portal/children/:id/child-page/answers', { schema: { tags, params: IdParams, body: ChildPageAnswersInput, response: { 201: ChildPageView } } },
    async (request, reply) => reply.status(201).send(await asPortalUser(request, deps, (trx, { ctx }) => answerChildPage(trx, ctx, request.params.id, request.body))));
};
