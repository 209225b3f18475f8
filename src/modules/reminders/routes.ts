import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { getPreference, setPreference } from './commands.js';
import { ReminderPreferenceInput, ReminderPreferenceView } from './schema.js';

export const reminderRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['reminders'];
  app.get('/persons/:id/reminder-preference', { schema: { tags, params: IdParams, response: { 200: ReminderPreferenceView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getPreference(trx, ctx, request.params.id)));
  app.put('/persons/:id/reminder-preference', {
    schema: { tags, params: IdParams, body: ReminderPreferenceInput, response: { 200: ReminderPreferenceView } },
  }, async (request) => asUser(request, deps, (trx, { ctx }) => setPreference(trx, ctx, request.params.id, request.body)));
};
