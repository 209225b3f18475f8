import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asPortalUser } from '../../platform/auth/portal-session.js';
import { originOf } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { linkQuestionnaire, myPortalInvitations, portalQuestionnaire, submitLink, submitPortal } from './answering.js';
import { LinkResponseInput, LinkToken, MyInvitations, Questionnaire, ResponseInput, ResponseRecorded } from './schema.js';

/** The parent survey in the family portal (a portal session; issue 10 item 2). */
export const surveyPortalRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const secret = app.deps.config.sessionSecret;
  const tags = ['portal'];
  app.get('/portal/surveys', { schema: { tags, response: { 200: MyInvitations } } }, async (request) => asPortalUser(request, deps, (trx, { ctx }) => myPortalInvitations(trx, ctx)));
  app.get('/portal/surveys/:id', { schema: { tags, params: IdParams, response: { 200: Questionnaire } } },
    async (request) => asPortalUser(request, deps, (trx, { ctx }) => portalQuestionnaire(trx, ctx, request.params.id)));
  app.post('/portal/surveys/:id/response', { schema: { tags, params: IdParams, body: ResponseInput, response: { 201: ResponseRecorded } } },
    async (request, reply) => reply.status(201).send(await asPortalUser(request, deps, (trx, { ctx }) => submitPortal(trx, ctx, request.params.id, request.body, secret))));
};

/**
 * The one-time link (issue 10 item 2): no login, the token in the e-mail is the credential (only its hash is stored).
 * The page /survey/<token> sends it in the request body, so it never stands in a logged API URL.
 * Unknown and malformed tokens are 404; a second submission is 409 and the first answer stands.
 */
export const surveyLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock, secret: app.deps.config.sessionSecret };
  const tags = ['surveys'];
  const perIp = { max: 30, timeWindow: '1 minute' };
  app.post('/survey-links/open', { schema: { tags, body: LinkToken, response: { 200: Questionnaire } }, config: { rateLimit: perIp } },
    async (request) => linkQuestionnaire(deps, request.body.token));
  app.post('/survey-links/answer', { schema: { tags, body: LinkResponseInput, response: { 201: ResponseRecorded } }, config: { rateLimit: perIp } },
    async (request, reply) => reply.status(201).send(await submitLink(deps, request.body.token, { answers: request.body.answers }, originOf(request))));
};
