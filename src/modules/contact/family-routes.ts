import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asPortalUser } from '../../platform/auth/portal-session.js';
import { getOwnContactAgreement, OwnContactAgreement, reviseOwnContactAgreement } from './family.js';
import { ContactAgreementInput } from './schema.js';

/** The family's contact agreement in the portal (issue 5 item 3). */
export const familyContactRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['contact'];
  app.get('/portal/contact-agreement', { schema: { tags, response: { 200: OwnContactAgreement } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => getOwnContactAgreement(trx, ctx)));
  app.put('/portal/contact-agreement', { schema: { tags, body: ContactAgreementInput, response: { 200: OwnContactAgreement } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => reviseOwnContactAgreement(trx, ctx, request.body)));
};
