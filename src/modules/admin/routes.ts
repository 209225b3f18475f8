import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asUser } from '../../platform/auth/session.js';
import { IdParams } from '../../platform/http/fields.js';
import { createDepartment, createUser, getMunicipality, listDepartments, listStaff, listUsers, updateMunicipality, updateUser } from './commands.js';
import { DepartmentInput, DepartmentView, MunicipalityUpdate, MunicipalityView, StaffView, UserInput, UserUpdate, UserView } from './schema.js';

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = { db: app.deps.database.db, clock: app.deps.clock };
  const tags = ['administration'];

  app.get('/municipality', { schema: { tags, response: { 200: MunicipalityView } } }, async (request) =>
    asUser(request, deps, (trx) => getMunicipality(trx)));
  app.patch('/municipality', { schema: { tags, body: MunicipalityUpdate, response: { 200: MunicipalityView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateMunicipality(trx, ctx, request.body)));
  app.get('/departments', { schema: { tags, response: { 200: z.array(DepartmentView) } } }, async (request) =>
    asUser(request, deps, (trx) => listDepartments(trx)));
  app.post('/departments', { schema: { tags, body: DepartmentInput, response: { 201: DepartmentView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => createDepartment(trx, ctx, request.body))));
  app.get('/users', { schema: { tags, response: { 200: z.array(UserView) } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listUsers(trx, ctx)));
  app.post('/users', { schema: { tags, body: UserInput, response: { 201: UserView } } }, async (request, reply) =>
    reply.status(201).send(await asUser(request, deps, (trx, { ctx }) => createUser(trx, ctx, request.body))));
  app.patch('/users/:id', { schema: { tags, params: IdParams, body: UserUpdate, response: { 200: UserView } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => updateUser(trx, ctx, request.params.id, request.body)));
  app.get('/staff', { schema: { tags, response: { 200: z.array(StaffView) } } }, async (request) =>
    asUser(request, deps, (trx, { ctx }) => listStaff(trx, ctx)));
};
