import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { listYearlyAmounts, setYearlyAmount } from './commands.js';
import { YearlyAmountInput, YearlyAmounts, YearlyAmountsQuery } from './schema.js';

/**
 * The year and kind travel in the query and body, not the path: they are not ids of a record of another municipality
 * (each municipality has its own "2027"), so the routes stay out of the cross-tenant id-route matrix.
 */
export const yearlyAmountRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['administration'];
  app.get('/admin/yearly-amounts', { schema: { tags, querystring: YearlyAmountsQuery, response: { 200: YearlyAmounts } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listYearlyAmounts(trx, ctx, request.query.year)));
  app.put('/admin/yearly-amounts', { schema: { tags, body: YearlyAmountInput, response: { 200: YearlyAmounts } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => setYearlyAmount(trx, ctx, request.body)));
};
