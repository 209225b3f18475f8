import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { getFlow, recordFlowFact, startRound } from './commands.js';
import { FlowRecordInput, FlowView, NewRoundInput } from './schema.js';

export const flowRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['flow'];

  app.get('/cases/:id/flow', { schema: { tags, params: IdParams, response: { 200: FlowView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getFlow(trx, ctx, request.params.id)));
  app.post('/cases/:id/flow/records', { schema: { tags, params: IdParams, body: FlowRecordInput, response: { 201: FlowView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => recordFlowFact(trx, ctx, request.params.id, request.body))));
  app.post('/cases/:id/flow/rounds', { schema: { tags, params: IdParams, body: NewRoundInput, response: { 201: FlowView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => startRound(trx, ctx, request.params.id, request.body))));
};
