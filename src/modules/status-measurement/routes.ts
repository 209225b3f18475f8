import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { addCaseRater, caseStatusMeasurement, myStatusMeasurements, resultsView, submitMeasurement, updateMeasurement } from './commands.js';
import {
  CaseStatusMeasurementView, MeasurementView, MyStatusMeasurements, RaterInput, ResultsQuery, ResultsView, StatusMeasurementInput,
  StatusMeasurementUpdate,
} from './schema.js';

/** The fidelity status measurement (issue 9 item 7 = issue 10 item 6). */
export const statusMeasurementRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['status measurement'];
  app.get('/cases/:id/status-measurement', { schema: { tags, params: IdParams, response: { 200: CaseStatusMeasurementView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => caseStatusMeasurement(trx, ctx, request.params.id)));
  app.post('/cases/:id/status-measurements', {
    schema: { tags, params: IdParams, body: StatusMeasurementInput, response: { 201: MeasurementView } },
  }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => submitMeasurement(trx, ctx, request.params.id, request.body))));
  app.post('/cases/:id/status-measurement/raters', {
    schema: { tags, params: IdParams, body: RaterInput, response: { 200: CaseStatusMeasurementView } },
  }, async (request) => asUser(request, deps, (trx, { ctx }) => addCaseRater(trx, ctx, request.params.id, request.body)));
  app.patch('/status-measurements/:id', { schema: { tags, params: IdParams, body: StatusMeasurementUpdate, response: { 200: MeasurementView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateMeasurement(trx, ctx, request.params.id, request.body)));
  app.get('/status-measurements/mine', { schema: { tags, response: { 200: MyStatusMeasurements } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => myStatusMeasurements(trx, ctx)));
  app.get('/status-measurements/results', { schema: { tags, querystring: ResultsQuery, response: { 200: ResultsView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => resultsView(trx, ctx, request.query)));
};
