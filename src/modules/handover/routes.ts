import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { assignAbsenceDeputy, assignDeputy, bulkHandOver, getHandover, handOver, leadCasesOf } from './commands.js';
import {
  AbsenceDeputyInput, BulkHandoverInput, BulkHandoverResult, DeputyInput, DeputyResult, HandoverInput, HandoverOverview, LeadCases, LeadCasesQuery,
} from './schema.js';

/** Handover of a case's lead with a note, bulk reassignment, and deputies (issue 9 item 3). */
export const handoverRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['handover'];
  app.get('/cases/:id/handover', { schema: { tags, params: IdParams, response: { 200: HandoverOverview } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getHandover(trx, ctx, request.params.id)));
  app.post('/cases/:id/handover', { schema: { tags, params: IdParams, body: HandoverInput, response: { 200: HandoverOverview } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => handOver(trx, ctx, request.params.id, request.body)));
  app.post('/cases/:id/deputies', { schema: { tags, params: IdParams, body: DeputyInput, response: { 200: HandoverOverview } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => assignDeputy(trx, ctx, request.params.id, request.body)));
  app.post('/handovers/bulk', { schema: { tags, body: BulkHandoverInput, response: { 200: BulkHandoverResult } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => bulkHandOver(trx, ctx, request.body)));
  app.get('/handovers/lead-cases', { schema: { tags, querystring: LeadCasesQuery, response: { 200: LeadCases } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => leadCasesOf(trx, ctx, request.query.userId)));
  app.post('/deputies/absence', { schema: { tags, body: AbsenceDeputyInput, response: { 200: DeputyResult } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => assignAbsenceDeputy(trx, ctx, request.body)));
};
