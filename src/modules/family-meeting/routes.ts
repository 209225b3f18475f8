import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asPortalUser } from '../../platform/auth/portal-session.js';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { getFamilyInput, getFamilyMeeting, giveFeedback, listFamilyMeetings, prepareMeeting } from './commands.js';
import { FamilyInputView, FamilyMeeting, FamilyMeetingList, FeedbackInput, PreparationInput } from './schema.js';

/** Meeting preparation and feedback: the family's routes in the portal, the staff's beside the meeting. */
export const familyMeetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['meeting-preparation-and-feedback'];

  app.get('/portal/meeting-tasks', { schema: { tags, response: { 200: FamilyMeetingList } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => listFamilyMeetings(trx, ctx)));
  app.get('/portal/meetings/:id/preparation', { schema: { tags, params: IdParams, response: { 200: FamilyMeeting } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => getFamilyMeeting(trx, ctx, request.params.id)));
  app.put('/portal/meetings/:id/preparation', { schema: { tags, params: IdParams, body: PreparationInput, response: { 200: FamilyMeeting } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => prepareMeeting(trx, ctx, request.params.id, request.body)));
  app.post('/portal/meetings/:id/feedback', { schema: { tags, params: IdParams, body: FeedbackInput, response: { 201: FamilyMeeting } } }, async (request, reply) =>
    reply.status(201).send(await asPortalUser(request, deps, (trx, { ctx }) => giveFeedback(trx, ctx, request.params.id, request.body))));

  app.get('/meetings/:id/family-input', { schema: { tags, params: IdParams, response: { 200: FamilyInputView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getFamilyInput(trx, ctx, request.params.id)));
};
