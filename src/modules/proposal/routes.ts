import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { castVote, createProposal, decisionCompetence, getProposal, listProposals } from './commands.js';
import { CaseProposals, DecisionCompetence, ProposalInput, ProposalView, VoteInput } from './schema.js';

/** Core-team proposals and votes (issue 8 item 3), and "what may I decide?" on a case (item 2). */
export const proposalRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['decisions'];
  app.get('/cases/:id/decision-competence', { schema: { tags, params: IdParams, response: { 200: DecisionCompetence } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => decisionCompetence(trx, ctx, request.params.id)));
  app.get('/cases/:id/proposals', { schema: { tags, params: IdParams, response: { 200: CaseProposals } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listProposals(trx, ctx, request.params.id)));
  app.post('/cases/:id/proposals', { schema: { tags, params: IdParams, body: ProposalInput, response: { 201: ProposalView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => createProposal(trx, ctx, request.params.id, request.body))));
  app.get('/proposals/:id', { schema: { tags, params: IdParams, response: { 200: ProposalView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getProposal(trx, ctx, request.params.id)));
  app.post('/proposals/:id/votes', { schema: { tags, params: IdParams, body: VoteInput, response: { 200: ProposalView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => castVote(trx, ctx, request.params.id, request.body)));
};
