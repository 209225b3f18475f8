import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { publicUrlOf } from '../calendar/routes.js';
import { addDecision, createSeries, getMeeting, getSeries, holdMeeting, listSeries, scheduleMeeting } from './commands.js';
import { DecisionInput, HoldInput, MeetingInput, MeetingView, SeriesInput, SeriesList, SeriesView } from './schema.js';

/** Coordination group (EFEI) and stop-op meetings (SOF): issue 9 item 5. */
export const leadersMeetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['leaders meetings'];
  app.get('/leader-meetings/series', { schema: { tags, response: { 200: SeriesList } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listSeries(trx, ctx)));
  app.post('/leader-meetings/series', { schema: { tags, body: SeriesInput, response: { 201: SeriesView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => createSeries(trx, ctx, request.body))));
  app.get('/leader-meetings/series/:id', { schema: { tags, params: IdParams, response: { 200: SeriesView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getSeries(trx, ctx, request.params.id)));
  app.post('/leader-meetings/series/:id/meetings', { schema: { tags, params: IdParams, body: MeetingInput, response: { 201: MeetingView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => scheduleMeeting(trx, ctx, request.params.id, request.body.scheduledOn))));
  app.get('/leader-meetings/:id', { schema: { tags, params: IdParams, response: { 200: MeetingView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getMeeting(trx, ctx, request.params.id)));
  app.post('/leader-meetings/:id/decisions', { schema: { tags, params: IdParams, body: DecisionInput, response: { 200: MeetingView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => addDecision(trx, ctx, request.params.id, request.body)));
  app.post('/leader-meetings/:id/hold', { schema: { tags, params: IdParams, body: HoldInput, response: { 200: MeetingView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => holdMeeting(trx, ctx, request.params.id, request.body, publicUrlOf(request, app.deps.publicUrl))));
};
