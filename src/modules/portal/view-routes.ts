import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asPortalUser } from '../../platform/auth/portal-session.js';
import { todayIn } from '../../platform/clock/clock.js';
import { IdParams } from '../../platform/http/fields.js';
import { AnnualWheel } from '../annual-wheel/schema.js';
import { getPortalDecisions, PortalDecisions } from '../proposal/portal.js';
import { PortalAgreements, PortalContact, PortalMeetings, PortalMinutes } from './view-schema.js';
import { getPortalAgreements, getPortalContact, getPortalMeetings, getPortalMinutes, getPortalWheel } from './views.js';

const YearQuery = z.object({ year: z.coerce.number().int().min(2000, 'too_small: From the year 2000.').max(2100, 'too_big: Until the year 2100.').optional() });

/**
 * What the family sees (issue 5 item 2), under /api/portal: GET only, a portal session only (app.ts refuses a staff
 * cookie here), the parent's own family only. Every portal GET is called by test/portal-classification.test.ts.
 */
export const portalViewRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['portal'];

  app.get('/portal/contact', { schema: { tags, response: { 200: PortalContact } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => getPortalContact(trx, ctx)));
  app.get('/portal/agreements', { schema: { tags, response: { 200: PortalAgreements } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => getPortalAgreements(trx, ctx)));
  app.get('/portal/meetings', { schema: { tags, response: { 200: PortalMeetings } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => getPortalMeetings(trx, ctx)));
  app.get('/portal/meetings/:id/minutes', { schema: { tags, params: IdParams, response: { 200: PortalMinutes } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => getPortalMinutes(trx, ctx, request.params.id)));
  app.get('/portal/annual-wheel', { schema: { tags, querystring: YearQuery, response: { 200: AnnualWheel } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => getPortalWheel(trx, ctx, request.query.year ?? Number(todayIn(ctx.clock).slice(0, 4)))));
  // Issue 8 items 2-3: the family's decision letters and where a pending decision is.
  app.get('/portal/decisions', { schema: { tags, response: { 200: PortalDecisions } } }, async (request) =>
    asPortalUser(request, deps, (trx, { ctx }) => getPortalDecisions(trx, ctx)));
};
