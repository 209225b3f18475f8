import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { ProposalView } from '../proposal/schema.js';
import { committeeQueue, decideInCommittee, meetingAgenda, planMeeting } from './commands.js';
import { CommitteeDecisionInput, CommitteeMeetingAgenda, CommitteeMeetingInput, CommitteeQueue } from './schema.js';

/** The visitation committee (issue 8 item 3): queue, meetings and agenda, decisions. Department heads and team leaders. */
export const committeeRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['visitation committee'];
  app.get('/committee/queue', { schema: { tags, response: { 200: CommitteeQueue } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => committeeQueue(trx, ctx)));
  app.post('/committee/meetings', { schema: { tags, body: CommitteeMeetingInput, response: { 201: CommitteeMeetingAgenda } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => planMeeting(trx, ctx, request.body))));
  app.get('/committee/meetings/:id', { schema: { tags, params: IdParams, response: { 200: CommitteeMeetingAgenda } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => meetingAgenda(trx, ctx, request.params.id)));
  app.post('/committee/proposals/:id/decision', { schema: { tags, params: IdParams, body: CommitteeDecisionInput, response: { 200: ProposalView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => decideInCommittee(trx, ctx, request.params.id, request.body)));
};
