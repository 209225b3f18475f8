import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { addPartnerNote, getPartnerCase, listPartnerFamilies, listPartnerNotesForStaff, updatePartnerAgreement } from './commands.js';
import { PartnerAgreement, PartnerAgreementUpdate, PartnerCase, PartnerFamily, PartnerNote, PartnerNoteInput } from './schema.js';

/**
 * The partner API (issue 5 item 4), under /api/partner: an external partner's restricted view of the families they
 * work with. Staff sessions of other roles get an empty list and 404 for every case (the rule is the partner rule).
 */
export const partnerRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['partner'];

  app.get('/partner/families', { schema: { tags, response: { 200: z.array(PartnerFamily) } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listPartnerFamilies(trx, ctx)));
  app.get('/partner/cases/:id', { schema: { tags, params: IdParams, response: { 200: PartnerCase } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getPartnerCase(trx, ctx, request.params.id)));
  app.patch('/partner/agreements/:id', { schema: { tags, params: IdParams, body: PartnerAgreementUpdate, response: { 200: PartnerAgreement } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updatePartnerAgreement(trx, ctx, request.params.id, request.body)));
  app.post('/partner/cases/:id/notes', { schema: { tags, params: IdParams, body: PartnerNoteInput, response: { 201: PartnerNote } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => addPartnerNote(trx, ctx, request.params.id, request.body))));
  // Staff side: the partners' notes on a case, for whoever may read the case.
  app.get('/cases/:id/partner-notes', { schema: { tags, params: IdParams, response: { 200: z.array(PartnerNote) } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listPartnerNotesForStaff(trx, ctx, request.params.id)));
};
