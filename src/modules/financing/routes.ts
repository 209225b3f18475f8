import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { decideSplit, getFinancing, proposeSplit } from './commands.js';
import { FinancingSplitInput, FinancingStatusInput, MeasureFinancingView } from './schema.js';

/** Shared financing of a granted measure (issue 8 item 4): the split, its versions, agreeing and disputing. */
export const financingRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['financing'];
  app.get('/measures/:id/financing', { schema: { tags, params: IdParams, response: { 200: MeasureFinancingView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getFinancing(trx, ctx, request.params.id)));
  app.post('/measures/:id/financing/versions', { schema: { tags, params: IdParams, body: FinancingSplitInput, response: { 201: MeasureFinancingView } } },
    async (request, reply) => reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => proposeSplit(trx, ctx, request.params.id, request.body))));
  app.post('/measures/:id/financing/status', { schema: { tags, params: IdParams, body: FinancingStatusInput, response: { 201: MeasureFinancingView } } },
    async (request, reply) => reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => decideSplit(trx, ctx, request.params.id, request.body))));
};
