import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { getDecision, listDecisions, recordDecision, updateDecision } from './commands.js';
import { CaseDecisions, DecisionInput, DecisionUpdate, DecisionView } from './schema.js';

export const decisionRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['decisions'];

  app.get('/cases/:id/decisions', { schema: { tags, params: IdParams, response: { 200: CaseDecisions } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listDecisions(trx, ctx, request.params.id)));
  app.post('/cases/:id/decisions', { schema: { tags, params: IdParams, body: DecisionInput, response: { 201: DecisionView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => recordDecision(trx, ctx, request.params.id, request.body))));
  app.get('/decisions/:id', { schema: { tags, params: IdParams, response: { 200: DecisionView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getDecision(trx, ctx, request.params.id)));
  app.patch('/decisions/:id', { schema: { tags, params: IdParams, body: DecisionUpdate, response: { 200: DecisionView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateDecision(trx, ctx, request.params.id, request.body)));
};
