import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { getContactAgreement, reviseContactAgreement } from './commands.js';
import { ContactAgreementInput, ContactOverview } from './schema.js';

export const contactRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['contact'];
  app.get('/families/:id/contact-agreement', { schema: { tags, params: IdParams, response: { 200: ContactOverview } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getContactAgreement(trx, ctx, request.params.id)));
  app.put('/families/:id/contact-agreement', { schema: { tags, params: IdParams, body: ContactAgreementInput, response: { 200: ContactOverview } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => reviseContactAgreement(trx, ctx, request.params.id, request.body)));
};
