import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { addRulerScores, addVoiceNote, getChildVoice } from './commands.js';
import { ChildVoiceView, RulerScoresInput, VoiceNoteInput } from './schema.js';

export const childVoiceRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['child-voice'];

  app.get('/children/:id/voice', { schema: { tags, params: IdParams, response: { 200: ChildVoiceView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getChildVoice(trx, ctx, request.params.id)));
  app.post('/children/:id/voice/notes', { schema: { tags, params: IdParams, body: VoiceNoteInput, response: { 201: ChildVoiceView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => addVoiceNote(trx, ctx, request.params.id, request.body))));
  app.post('/children/:id/voice/scores', { schema: { tags, params: IdParams, body: RulerScoresInput, response: { 201: ChildVoiceView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => addRulerScores(trx, ctx, request.params.id, request.body))));
};
