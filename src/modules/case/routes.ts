import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { addAssignment, addTeamMember, caseAccessLog, createCase, endAssignment, getCase, removeTeamMember, updateCase } from './commands.js';
import { applyFixedTeam, createFixedTeam, listFixedTeams, updateFixedTeam } from './core-team.js';
import {
  ApplyFixedTeamInput, AssignmentInput, CaseAccessLogEntry, CaseInput, CaseSummary, CaseUpdate, EndAssignmentInput, FixedTeamInput, FixedTeamUpdate,
  FixedTeamView, RemoveTeamMemberInput, TeamMemberInput,
} from './schema.js';

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['cases'];
  const one = { 200: CaseSummary };

  app.post('/cases', { schema: { tags, body: CaseInput, response: { 201: CaseSummary } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => createCase(trx, ctx, request.body))));
  app.get('/cases/:id', { schema: { tags, params: IdParams, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getCase(trx, ctx, request.params.id)));
  app.patch('/cases/:id', { schema: { tags, params: IdParams, body: CaseUpdate, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateCase(trx, ctx, request.params.id, request.body)));
  app.post('/cases/:id/assignments', { schema: { tags, params: IdParams, body: AssignmentInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => addAssignment(trx, ctx, request.params.id, request.body)));
  app.post('/assignments/:id/end', { schema: { tags, params: IdParams, body: EndAssignmentInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => endAssignment(trx, ctx, request.params.id, request.body.endsOn)));
  app.post('/cases/:id/team-members', { schema: { tags, params: IdParams, body: TeamMemberInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => addTeamMember(trx, ctx, request.params.id, request.body)));
  app.post('/team-members/:id/remove', { schema: { tags, params: IdParams, body: RemoveTeamMemberInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => removeTeamMember(trx, ctx, request.params.id, request.body.removedOn)));
  app.post('/cases/:id/core-team/apply', { schema: { tags, params: IdParams, body: ApplyFixedTeamInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => applyFixedTeam(trx, ctx, request.params.id, request.body.teamId)));
  // Fixed core teams of the municipality (000:583): listed for staff, maintained by the administrator.
  app.get('/core-teams', { schema: { tags: ['core-teams'], response: { 200: z.array(FixedTeamView) } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listFixedTeams(trx, ctx)));
  app.post('/core-teams', { schema: { tags: ['core-teams'], body: FixedTeamInput, response: { 201: FixedTeamView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => createFixedTeam(trx, ctx, request.body))));
  app.patch('/core-teams/:id', { schema: { tags: ['core-teams'], params: IdParams, body: FixedTeamUpdate, response: { 200: FixedTeamView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateFixedTeam(trx, ctx, request.params.id, request.body)));
  app.get('/cases/:id/access-log', { schema: { tags, params: IdParams, response: { 200: z.array(CaseAccessLogEntry) } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => caseAccessLog(trx, ctx, request.params.id)));
};
