import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { getWorklist } from './commands.js';
import { Worklist } from './schema.js';

export const worklistRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  app.get('/worklist', { schema: { tags: ['worklist'], response: { 200: Worklist } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getWorklist(trx, ctx)));
};
