import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { currentPlan, planHistory, planVersion, publishPlan } from './commands.js';
import { CompetencePlanInput, CompetencePlanView, CompetenceVersions } from './schema.js';

/** The decision-competence plan (issue 8 item 1): "who may grant what?". */
export const competenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['competence plan'];
  app.get('/competence-plan', { schema: { tags, response: { 200: CompetencePlanView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => currentPlan(trx, ctx)));
  app.get('/competence-plan/versions', { schema: { tags, response: { 200: CompetenceVersions } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => planHistory(trx, ctx)));
  app.get('/competence-plan/versions/:id', { schema: { tags, params: IdParams, response: { 200: CompetencePlanView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => planVersion(trx, ctx, request.params.id)));
  app.post('/competence-plan/versions', { schema: { tags, body: CompetencePlanInput, response: { 201: CompetencePlanView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => publishPlan(trx, ctx, request.body))));
};
