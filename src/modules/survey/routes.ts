import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { publicUrlOf } from '../calendar/routes.js';
import { myStaffInvitations, staffQuestionnaire, submitStaff } from './answering.js';
import { closeWave, createWave, getInstrument, inviteWave, publishInstrumentVersion, remindWave, runContinuous, waveList } from './commands.js';
import {
  CloseWaveInput, ContinuousRun, InstrumentQuery, InstrumentVersionInput, InstrumentView, InvitationsSent, MyInvitations, Questionnaire,
  RemindersSent, ResponseInput, ResponseRecorded, WaveInput, WaveList, WaveView,
} from './schema.js';

/** The surveys in the staff app (issue 10 items 1-2): instruments, waves, invitations, reminders, the staff survey. */
export const surveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const secret = app.deps.config.sessionSecret;
  const tags = ['surveys'];
  app.get('/surveys/instruments', { schema: { tags, querystring: InstrumentQuery, response: { 200: InstrumentView } } },
    async (request) => asUser(request, deps, (trx, { ctx }) => getInstrument(trx, ctx, request.query.instrument, request.query.versionId)));
  app.post('/surveys/instrument-versions', { schema: { tags, body: InstrumentVersionInput, response: { 201: InstrumentView } } },
    async (request, reply) => reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => publishInstrumentVersion(trx, ctx, request.body.instrument, request.body))));
  app.get('/surveys/waves', { schema: { tags, response: { 200: WaveList } } }, async (request) => asUser(request, deps, (trx, { ctx }) => waveList(trx, ctx)));
  app.post('/surveys/waves', { schema: { tags, body: WaveInput, response: { 201: WaveList } } },
    async (request, reply) => reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => createWave(trx, ctx, request.body))));
  app.post('/surveys/waves/:id/invitations', { schema: { tags, params: IdParams, response: { 200: InvitationsSent } } },
    async (request) => asUser(request, deps, (trx, { ctx }) => inviteWave(trx, ctx, request.params.id, publicUrlOf(request, app.deps.publicUrl))));
  app.post('/surveys/waves/:id/reminders', { schema: { tags, params: IdParams, response: { 200: RemindersSent } } },
    async (request) => asUser(request, deps, (trx, { ctx }) => remindWave(trx, ctx, request.params.id, publicUrlOf(request, app.deps.publicUrl))));
  app.post('/surveys/waves/:id/close', { schema: { tags, params: IdParams, body: CloseWaveInput, response: { 200: WaveView } } },
    async (request) => asUser(request, deps, (trx, { ctx }) => closeWave(trx, ctx, request.params.id, request.body.version)));
  app.post('/surveys/continuous/run', { schema: { tags, response: { 200: ContinuousRun } } },
    async (request) => asUser(request, deps, (trx, { ctx }) => runContinuous(trx, ctx, publicUrlOf(request, app.deps.publicUrl))));
  // The staff survey, answered in the app.
  app.get('/surveys/my-invitations', { schema: { tags, response: { 200: MyInvitations } } }, async (request) => asUser(request, deps, (trx, { ctx }) => myStaffInvitations(trx, ctx)));
  app.get('/surveys/invitations/:id', { schema: { tags, params: IdParams, response: { 200: Questionnaire } } },
    async (request) => asUser(request, deps, (trx, { ctx }) => staffQuestionnaire(trx, ctx, request.params.id)));
  app.post('/surveys/invitations/:id/response', { schema: { tags, params: IdParams, body: ResponseInput, response: { 201: ResponseRecorded } } },
    async (request, reply) => reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => submitStaff(trx, ctx, request.params.id, request.body, secret))));
};
