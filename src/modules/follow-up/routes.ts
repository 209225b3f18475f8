import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { getFollowUps, getTransition, recordContact, recordFollowUp, recordTransition } from './commands.js';
import { ContactInput, FollowUpInput, FollowUpOverview, LogEntry, TransitionInput, TransitionView } from './schema.js';

export const followUpRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['follow-up'];
  app.get('/cases/:id/follow-ups', { schema: { tags, params: IdParams, response: { 200: FollowUpOverview } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getFollowUps(trx, ctx, request.params.id)));
  app.post('/cases/:id/follow-ups', { schema: { tags, params: IdParams, body: FollowUpInput, response: { 201: FollowUpOverview } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => recordFollowUp(trx, ctx, request.params.id, request.body))));
  app.post('/families/:id/contacts', { schema: { tags, params: IdParams, body: ContactInput, response: { 201: LogEntry } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => recordContact(trx, ctx, request.params.id, request.body))));
  app.get('/cases/:id/transition', { schema: { tags, params: IdParams, response: { 200: TransitionView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getTransition(trx, ctx, request.params.id)));
  app.put('/cases/:id/transition', { schema: { tags, params: IdParams, body: TransitionInput, response: { 200: TransitionView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => recordTransition(trx, ctx, request.params.id, request.body)));
};
