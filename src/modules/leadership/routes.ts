import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { sendCsv } from '../../platform/http/csv.js';
import { IdParams } from '../../platform/http/fields.js';
import { exportCsv, getDashboard, listLeaderCases } from './dashboard.js';
import { listEscalations, openEscalationCount, resolveEscalation } from './escalation.js';
import { DashboardView, EscalationCount, EscalationList, EscalationResolveInput, EscalationView, ExportQuery, LeaderCases, LeaderCasesQuery } from './schema.js';

/** The leader dashboard (issue 9 items 1, 2, 8): team leaders and department heads, their own department only. */
export const leadershipRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['leadership'];
  app.get('/leader/dashboard', { schema: { tags, response: { 200: DashboardView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getDashboard(trx, ctx)));
  app.get('/leader/cases', { schema: { tags, querystring: LeaderCasesQuery, response: { 200: LeaderCases } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listLeaderCases(trx, ctx, request.query)));
  app.get('/leader/export', { schema: { tags, querystring: ExportQuery } }, async (request, reply) => {
    const { filename, csv } = await asUser(request, deps, (trx, { ctx }) => exportCsv(trx, ctx, request.query));
    return sendCsv(reply, filename, csv);
  });
  app.get('/leader/escalations', { schema: { tags, response: { 200: EscalationList } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listEscalations(trx, ctx)));
  app.get('/leader/escalations/count', { schema: { tags, response: { 200: EscalationCount } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => openEscalationCount(trx, ctx)));
  app.post('/leader/escalations/:id/resolve', { schema: { tags, params: IdParams, body: EscalationResolveInput, response: { 200: EscalationView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => resolveEscalation(trx, ctx, request.params.id, request.body)));
};
