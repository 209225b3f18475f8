import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { addStep, getTrack, listAlerts, saveTrack, updateStep } from './commands.js';
import { StepInput, StepUpdate, TrackInput, TrackView, TransitionAlertList } from './schema.js';

/** The transition track to adult services (issue 9 item 4). */
export const transitionTrackRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['transition track'];
  const one = { 200: TrackView };
  app.get('/cases/:id/transition-track', { schema: { tags, params: IdParams, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getTrack(trx, ctx, request.params.id)));
  app.put('/cases/:id/transition-track', { schema: { tags, params: IdParams, body: TrackInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => saveTrack(trx, ctx, request.params.id, request.body)));
  app.post('/cases/:id/transition-track/steps', { schema: { tags, params: IdParams, body: StepInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => addStep(trx, ctx, request.params.id, request.body)));
  app.patch('/transition-steps/:id', { schema: { tags, params: IdParams, body: StepUpdate, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateStep(trx, ctx, request.params.id, request.body)));
  app.get('/transition-alerts', { schema: { tags, response: { 200: TransitionAlertList } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listAlerts(trx, ctx)));
};
