import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { sendCsv } from '../../platform/http/csv.js';
import { IdParams } from '../../platform/http/fields.js';
import {
  addManualPosting, costReport, costReportCsv, expenseAnalysisCommand, expenseAnalysisCsv, familyCosts, runPostingsCommand,
} from './commands.js';
import {
  CostReportQuery, CostReportView, ExpenseAnalysisQuery, ExpenseAnalysisView, FamilyCostsView, ManualPostingInput, PostingRunInput, PostingRunView, PostingView,
} from './schema.js';

/** Cost postings, cost reports, the expense analysis and a family's costs (issue 8 items 4-6). */
export const costReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['costs'];
  app.post('/cost-postings/runs', { schema: { tags, body: PostingRunInput, response: { 201: PostingRunView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => runPostingsCommand(trx, ctx, request.body))));
  app.post('/cost-postings', { schema: { tags, body: ManualPostingInput, response: { 201: PostingView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => addManualPosting(trx, ctx, request.body))));
  app.get('/reports/costs', { schema: { tags, querystring: CostReportQuery } }, async (request, reply) => {
    const view = CostReportView.parse(await asUser(request, deps, (trx, { ctx }) => costReport(trx, ctx, request.query)));
    return request.query.format === 'csv' ? sendCsv(reply, `costs-by-${view.by}-${view.from}.csv`, costReportCsv(view)) : view;
  });
  app.get('/reports/expenses', { schema: { tags, querystring: ExpenseAnalysisQuery } }, async (request, reply) => {
    const view = ExpenseAnalysisView.parse(await asUser(request, deps, (trx, { ctx }) => expenseAnalysisCommand(trx, ctx, request.query)));
    return request.query.format === 'csv' ? sendCsv(reply, `expenses-${view.group}-${view.from}.csv`, expenseAnalysisCsv(view)) : view;
  });
  app.get('/families/:id/costs', { schema: { tags, params: IdParams, response: { 200: FamilyCostsView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => familyCosts(trx, ctx, request.params.id)));
};
