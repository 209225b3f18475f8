import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asPortalUser } from '../../platform/auth/portal-session.js';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import {
  getFamilyConsents, getOwnConsents, giveConsent, recordPaperConsent, recordWithdrawal, withdrawOwnConsent,
} from './commands.js';
import { ConsentView, FamilyConsents, GiveConsentInput, RecordConsentInput, WithdrawConsentInput } from './schema.js';

/**
 * Consent to share (issue 5 item 3). The parent gives and withdraws in the family portal (/api/portal/consents, a
 * portal session); staff see a family's consents and record paper consents and withdrawals told them.
 */
export const consentRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };

  const portal = ['portal'];
  app.get('/portal/consents', { schema: { tags: portal, response: { 200: FamilyConsents } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => getOwnConsents(trx, ctx)));
  app.post('/portal/consents', { schema: { tags: portal, body: GiveConsentInput, response: { 201: ConsentView } } }, async (request, reply) =>
    reply.status(201).send(await asPortalUser(request, deps, (trx, { ctx }) => giveConsent(trx, ctx, request.body))));
  app.post('/portal/consents/:id/withdraw', { schema: { tags: portal, params: IdParams, body: WithdrawConsentInput, response: { 200: ConsentView } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => withdrawOwnConsent(trx, ctx, request.params.id, request.body)));

  const tags = ['consents'];
  app.get('/families/:id/consents', { schema: { tags, params: IdParams, response: { 200: FamilyConsents } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getFamilyConsents(trx, ctx, request.params.id)));
  app.post('/families/:id/consents', { schema: { tags, params: IdParams, body: RecordConsentInput, response: { 201: ConsentView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => recordPaperConsent(trx, ctx, request.params.id, request.body))));
  app.post('/consents/:id/withdraw', { schema: { tags, params: IdParams, body: WithdrawConsentInput, response: { 200: ConsentView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => recordWithdrawal(trx, ctx, request.params.id, request.body)));
};
