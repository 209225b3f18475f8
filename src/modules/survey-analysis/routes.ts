import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { sendCsv } from '../../platform/http/csv.js';
import { todayIn } from '../../platform/clock/clock.js';
import { seriesCsv, toPdf } from './export.js';
import { exportSeries, seriesList, seriesResult } from './results.js';
import { ResultsQuery, SeriesList, SeriesResult } from './schema.js';

/** The survey results (issue 10 items 3-5): series, analysis with the national figures, CSV and PDF (audited exports). */
export const surveyAnalysisRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['survey results'];
  app.get('/survey-results/series', { schema: { tags, response: { 200: SeriesList } } }, async (request) => asUser(request, deps, (trx, { ctx }) => seriesList(trx, ctx)));
  app.get('/survey-results', { schema: { tags, querystring: ResultsQuery, response: { 200: SeriesResult } } },
    async (request) => asUser(request, deps, (trx, { ctx }) => seriesResult(trx, ctx, request.query)));
  app.get('/survey-results/export.csv', { schema: { tags, querystring: ResultsQuery } }, async (request, reply) => {
    const result = await asUser(request, deps, (trx, { ctx }) => exportSeries(trx, ctx, request.query, 'csv'));
    return sendCsv(reply, `survey-${result.instrument}-${result.model}.csv`, seriesCsv(result));
  });
  app.get('/survey-results/report.pdf', { schema: { tags, querystring: ResultsQuery } }, async (request, reply) => {
    const result = await asUser(request, deps, (trx, { ctx }) => exportSeries(trx, ctx, request.query, 'pdf'));
    const pdf = await toPdf(result, todayIn(deps.clock));
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="survey-${result.instrument}-${result.model}.pdf"`).send(Buffer.from(pdf));
  });
};
