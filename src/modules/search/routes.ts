import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asUser } from '../../platform/auth/session.js';
import { listMyFamilies, search } from './commands.js';
import { MyFamily, SearchHit, SearchQuery } from './schema.js';

export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  app.get('/my-families', { schema: { tags: ['families'], response: { 200: z.array(MyFamily) } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listMyFamilies(trx, ctx)));
  app.get('/search', { schema: { tags: ['families'], querystring: SearchQuery, response: { 200: z.array(SearchHit) } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => search(trx, ctx, request.query.q)));
};
