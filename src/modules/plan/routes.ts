import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { agreeVersion, comparePlanVersions, createPlan, exportPlanPdf, getPlan, revisePlan, updateGoalStatuses } from './commands.js';
import { AgreementInput, CompareQuery, PlanDiff, PlanInput, PlanView, RevisionInput, StatusUpdateInput, VersionParams } from './schema.js';

/** The family's joint plan: read, create, revise (new version), update goal statuses, agree, compare, PDF. */
export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['joint-plan'];

  app.get('/families/:id/plan', { schema: { tags, params: IdParams, response: { 200: PlanView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getPlan(trx, ctx, request.params.id)));
  app.post('/families/:id/plan', { schema: { tags, params: IdParams, body: PlanInput, response: { 201: PlanView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => createPlan(trx, ctx, request.params.id, request.body))));
  app.post('/families/:id/plan/versions', { schema: { tags, params: IdParams, body: RevisionInput, response: { 201: PlanView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => revisePlan(trx, ctx, request.params.id, request.body))));
  app.get('/families/:id/plan/versions/:number', { schema: { tags, params: VersionParams, response: { 200: PlanView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getPlan(trx, ctx, request.params.id, request.params.number)));
  app.post('/families/:id/plan/versions/:number/statuses', { schema: { tags, params: VersionParams, body: StatusUpdateInput, response: { 201: PlanView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => updateGoalStatuses(trx, ctx, request.params.id, request.params.number, request.body))));
  app.post('/families/:id/plan/versions/:number/agreement', { schema: { tags, params: VersionParams, body: AgreementInput, response: { 200: PlanView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => agreeVersion(trx, ctx, request.params.id, request.params.number, request.body)));
  app.get('/families/:id/plan/compare', { schema: { tags, params: IdParams, querystring: CompareQuery, response: { 200: PlanDiff } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => comparePlanVersions(trx, ctx, request.params.id, request.query.from, request.query.to)));
  app.get('/families/:id/plan/pdf', {
    schema: { tags, params: IdParams, querystring: z.object({ version: z.coerce.number().int().positive().optional() }) },
  }, async (request, reply) => {
    const { pdf, fileName } = await asUser(request, deps, (trx, { ctx }) => exportPlanPdf(trx, ctx, request.params.id, request.query.version));
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${fileName}"`)
      .header('cache-control', 'no-store').send(pdf);
  });
};
