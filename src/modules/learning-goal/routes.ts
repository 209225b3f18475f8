import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { createGoal, getGoal, goalPeople, listGoals, updateGoal } from './commands.js';
import { LearningGoalInput, LearningGoalList, LearningGoalPeople, LearningGoalQuery, LearningGoalUpdate, LearningGoalView } from './schema.js';

/** Individual learning goals (issue 9 item 6). */
export const learningGoalRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['learning goals'];
  app.get('/learning-goals', { schema: { tags, querystring: LearningGoalQuery, response: { 200: LearningGoalList } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listGoals(trx, ctx, request.query.employeeUserId)));
  app.get('/learning-goals/people', { schema: { tags, response: { 200: LearningGoalPeople } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => goalPeople(trx, ctx)));
  app.post('/learning-goals', { schema: { tags, body: LearningGoalInput, response: { 201: LearningGoalView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => createGoal(trx, ctx, request.body))));
  app.get('/learning-goals/:id', { schema: { tags, params: IdParams, response: { 200: LearningGoalView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getGoal(trx, ctx, request.params.id)));
  app.patch('/learning-goals/:id', { schema: { tags, params: IdParams, body: LearningGoalUpdate, response: { 200: LearningGoalView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateGoal(trx, ctx, request.params.id, request.body)));
};
