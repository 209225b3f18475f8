import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { getNotifications, recordNotification, updateReassessment } from './commands.js';
import { CaseNotifications, NotificationInput, ReassessmentUpdate } from './schema.js';

/** Barnets Lov §137: notifications (underretninger) on a case and their re-assessments. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['notification'];
  app.get('/cases/:id/notifications', { schema: { tags, params: IdParams, response: { 200: CaseNotifications } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getNotifications(trx, ctx, request.params.id)));
  app.post('/cases/:id/notifications', { schema: { tags, params: IdParams, body: NotificationInput, response: { 201: CaseNotifications } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => recordNotification(trx, ctx, request.params.id, request.body))));
  app.patch('/reassessments/:id', { schema: { tags, params: IdParams, body: ReassessmentUpdate, response: { 200: CaseNotifications } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateReassessment(trx, ctx, request.params.id, request.body)));
};
