import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams, Version } from '../../platform/http/fields.js';
import { addMeasure, deleteMeasure, recordProvisionalAssessment, updateMeasure } from './commands.js';
import { MeasureInput, MeasureUpdate, MeasureView, ProvisionalAssessmentInput } from './schema.js';
import { LawFollowUpInput, recordLawFollowUp } from './law-follow-up.js';

export const measureRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['measures'];

  app.post('/cases/:id/measures', { schema: { tags, params: IdParams, body: MeasureInput, response: { 201: MeasureView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => addMeasure(trx, ctx, request.params.id, request.body))));

  app.patch('/measures/:id', { schema: { tags, params: IdParams, body: MeasureUpdate, response: { 200: MeasureView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateMeasure(trx, ctx, request.params.id, request.body)));

  app.delete('/measures/:id', {
    schema: { tags, params: IdParams, querystring: z.object({ version: z.coerce.number().pipe(Version) }), response: { 204: z.null() } },
  }, async (request, reply) => {
    await asUser(request, deps, (trx, { ctx }) => deleteMeasure(trx, ctx, request.params.id, request.query.version));
    return reply.status(204).send(null);
  });

  // Barnets Lov §20 stk. 3: the provisional assessment of an investigation past its deadline.
  app.put('/measures/:id/provisional-assessment', { schema: { tags, params: IdParams, body: ProvisionalAssessmentInput, response: { 200: MeasureView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => recordProvisionalAssessment(trx, ctx, request.params.id, request.body)));

  // Barnets Lov §95: the follow-up cadence decided at the first follow-up of a §32 support measure.
  app.put('/measures/:id/law-follow-up', { schema: { tags, params: IdParams, body: LawFollowUpInput, response: { 200: MeasureView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => recordLawFollowUp(trx, ctx, request.params.id, request.body)));
};
