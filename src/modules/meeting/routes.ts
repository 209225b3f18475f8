import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams, Version } from '../../platform/http/fields.js';
import { addAgreement, listAgreements, updateAgreement } from './agreements.js';
import { shareMeeting } from './sharing.js';
import {
  addAgendaPoint, addDecision, addParticipant, cancelMeeting, closeMeeting, createMeeting, deleteAgendaPoint, deleteDecision,
  getMeeting, listMeetings, removeParticipant, updateAgendaPoint, updateMeeting,
} from './commands.js';
import {
  AgendaPointInput, AgendaPointUpdate, AgreementInput, AgreementUpdate, AgreementView, CancelMeetingInput, CloseMeetingInput, DecisionInput,
  MeetingInput, MeetingList, MeetingSharingInput, MeetingUpdate, MeetingView, ParticipantInput,
} from './schema.js';

export const meetingRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['meetings'];
  const one = { 200: MeetingView };
  const versionQuery = z.object({ version: z.coerce.number().pipe(Version) });

  app.get('/cases/:id/meetings', { schema: { tags, params: IdParams, response: { 200: MeetingList } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listMeetings(trx, ctx, request.params.id)));
  app.post('/cases/:id/meetings', { schema: { tags, params: IdParams, body: MeetingInput, response: { 201: MeetingView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => createMeeting(trx, ctx, request.params.id, request.body))));
  app.get('/cases/:id/agreements', { schema: { tags, params: IdParams, response: { 200: z.array(AgreementView) } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listAgreements(trx, ctx, request.params.id)));

  app.get('/meetings/:id', { schema: { tags, params: IdParams, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getMeeting(trx, ctx, request.params.id)));
  app.patch('/meetings/:id', { schema: { tags, params: IdParams, body: MeetingUpdate, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateMeeting(trx, ctx, request.params.id, request.body)));
  app.post('/meetings/:id/close', { schema: { tags, params: IdParams, body: CloseMeetingInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => closeMeeting(trx, ctx, request.params.id, request.body)));
  app.post('/meetings/:id/cancel', { schema: { tags, params: IdParams, body: CancelMeetingInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => cancelMeeting(trx, ctx, request.params.id, request.body.version)));

  app.post('/meetings/:id/participants', { schema: { tags, params: IdParams, body: ParticipantInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => addParticipant(trx, ctx, request.params.id, request.body)));
  app.delete('/meeting-participants/:id', { schema: { tags, params: IdParams, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => removeParticipant(trx, ctx, request.params.id)));

  app.post('/meetings/:id/agenda-points', { schema: { tags, params: IdParams, body: AgendaPointInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => addAgendaPoint(trx, ctx, request.params.id, request.body)));
  app.patch('/agenda-points/:id', { schema: { tags, params: IdParams, body: AgendaPointUpdate, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateAgendaPoint(trx, ctx, request.params.id, request.body)));
  app.delete('/agenda-points/:id', { schema: { tags, params: IdParams, querystring: versionQuery, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => deleteAgendaPoint(trx, ctx, request.params.id, request.query.version)));

  app.post('/meetings/:id/decisions', { schema: { tags, params: IdParams, body: DecisionInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => addDecision(trx, ctx, request.params.id, request.body.text, request.body.visibility)));
  app.delete('/meeting-decisions/:id', { schema: { tags, params: IdParams, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => deleteDecision(trx, ctx, request.params.id)));

  app.post('/meetings/:id/agreements', { schema: { tags, params: IdParams, body: AgreementInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => addAgreement(trx, ctx, request.params.id, request.body)));
  // Issue 5 item 2: what of the meeting is shared with the family and partners ("Deles med").
  app.put('/meetings/:id/sharing', { schema: { tags, params: IdParams, body: MeetingSharingInput, response: one } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => shareMeeting(trx, ctx, request.params.id, request.body)));
  app.patch('/agreements/:id', { schema: { tags, params: IdParams, body: AgreementUpdate, response: { 200: AgreementView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateAgreement(trx, ctx, request.params.id, request.body)));
};
