import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asUser } from '../../platform/auth/session.js';
import { listLegalBases } from './commands.js';
import { LegalBasisView } from './schema.js';

export const legalBasisRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  // Reference data, not case data: listed to any logged-in user and not audited.
  app.get('/legal-bases', { schema: { tags: ['reference'], response: { 200: z.array(LegalBasisView) } } }, async (request) =>
    asUser(request, deps, (trx) => listLegalBases(trx)));
};
