import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { PersonUpdate, PersonView } from '../person/schema.js';
import { addMember, createFamily, getFamily, updateFamily, updatePerson } from './commands.js';
import { FamilyInput, FamilyUpdate, FamilyView, MemberInput } from './schema.js';

export const familyRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['families'];

  app.post('/families', { schema: { tags, body: FamilyInput, response: { 201: FamilyView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => createFamily(trx, ctx, request.body))));
  app.get('/families/:id', { schema: { tags, params: IdParams, response: { 200: FamilyView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => getFamily(trx, ctx, request.params.id)));
  app.patch('/families/:id', { schema: { tags, params: IdParams, body: FamilyUpdate, response: { 200: FamilyView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateFamily(trx, ctx, request.params.id, request.body)));
  app.post('/families/:id/members', { schema: { tags, params: IdParams, body: MemberInput, response: { 201: FamilyView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => addMember(trx, ctx, request.params.id, request.body))));
  app.patch('/persons/:id', { schema: { tags, params: IdParams, body: PersonUpdate, response: { 200: PersonView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updatePerson(trx, ctx, request.params.id, request.body)));
  // A parent's own family is shown in the family portal, behind a portal session: GET /api/portal/me (modules/portal).
};
