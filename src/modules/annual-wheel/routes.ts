import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { addWheelActivity, getAnnualWheel, updateWheelActivity } from './commands.js';
import { AnnualWheel, WheelActivityInput, WheelActivityUpdate, WheelQuery } from './schema.js';

export const annualWheelRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['annual-wheel'];
  app.get('/families/:id/annual-wheel', { schema: { tags, params: IdParams, querystring: WheelQuery, response: { 200: AnnualWheel } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getAnnualWheel(trx, ctx, request.params.id, request.query.year)));
  app.post('/families/:id/annual-wheel/activities', { schema: { tags, params: IdParams, body: WheelActivityInput, response: { 201: AnnualWheel } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => addWheelActivity(trx, ctx, request.params.id, request.body))));
  app.patch('/annual-wheel/activities/:id', { schema: { tags, params: IdParams, body: WheelActivityUpdate, response: { 200: AnnualWheel } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateWheelActivity(trx, ctx, request.params.id, request.body)));
};
