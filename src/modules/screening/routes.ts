import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { getScreenings, recordScreening } from './commands.js';
import { CaseScreenings, ScreeningInput } from './schema.js';

/** Barnets Lov §18 screenings of a case. */
export const screeningRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['screening'];
  app.get('/cases/:id/screenings', { schema: { tags, params: IdParams, response: { 200: CaseScreenings } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getScreenings(trx, ctx, request.params.id)));
  app.post('/cases/:id/screenings', { schema: { tags, params: IdParams, body: ScreeningInput, response: { 201: CaseScreenings } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => recordScreening(trx, ctx, request.params.id, request.body))));
};
