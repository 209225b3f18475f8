import SwaggerParser from '@apidevtools/swagger-parser';
import fastifySwagger from '@fastify/swagger';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorHandler, notFound } from '../src/platform/http/errors.js';
import { fixNullables, openApiOptions } from '../src/platform/http/openapi.js';
import { createTestApp, type TestApp } from './app.js';
import { checkAnswersAgainstDocument } from './contract.js';
import { loginAs, makeMunicipality, makeUser } from './factories.js';

type Json = Record<string, unknown>;
interface Operation { parameters?: Array<{ in: string }>; requestBody?: unknown; responses: Record<string, Json>; security?: unknown[] }

let t: TestApp;
let document: Json & { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Json> } };
const operations = () => Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
const errorRef = { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } };

beforeAll(async () => {
  t = await createTestApp();
  const response = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(response.statusCode).toBe(200);
  document = response.json();
});
afterAll(() => t.close());

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3 document (swagger-parser validates it against the 3.0 schema and resolves every $ref)', async () => {
    expect(document.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy();
  });

  it('has the one error shape as a component, and every operation answers 500 with it', () => {
    expect(document.components.schemas.ApiError).toMatchObject({
      type: 'object', required: ['error'],
      properties: { error: { type: 'object', required: ['code', 'message', 'details'] } },
    });
    expect(operations().length).toBeGreaterThan(200);
    for (const { path, method, op } of operations()) {
      expect(op.responses['500']?.content, `${method} ${path}`).toEqual(errorRef);
    }
  });

  it('documents the errors the platform can answer for each route: 400 with input, 401/403 without a public path, 404/422 with input, 409/422 for writes, 413/415 with a body', () => {
    for (const { path, method, op } of operations()) {
      const name = `${method} ${path}`;
      const statuses = Object.keys(op.responses);
      const hasInput = (op.parameters ?? []).length > 0 || op.requestBody !== undefined;
      if (hasInput) expect(statuses, name).toEqual(expect.arrayContaining(['400', '404', '422']));
      if (method !== 'get') expect(statuses, name).toEqual(expect.arrayContaining(['409', '422']));
      if (op.requestBody) expect(statuses, name).toEqual(expect.arrayContaining(['413', '415']));
      const isPublic = /^\/api\/(auth\/login|calendar\/feed|survey-links|portal\/login|portal\/oidc)(\/|$)/.test(path);
      if (!isPublic) {
        expect(statuses, name).toEqual(expect.arrayContaining(['401', '403']));
        expect(op.security, name).toEqual([{ [path.startsWith('/api/portal/') ? 'portalSession' : 'session']: [], ...(method === 'get' ? {} : { csrf: [] }) }]);
      }
      for (const status of statuses.filter((s) => Number(s) >= 400)) expect(op.responses[status]!.content, `${name} ${status}`).toEqual(errorRef);
    }
    // Rate-limited routes (config.rateLimit) answer 429; the login's credentials check answers 401 although it is public.
    expect(Object.keys(document.paths['/api/auth/login']!.post!.responses)).toEqual(expect.arrayContaining(['401', '429']));
    expect(Object.keys(document.paths['/api/competence-plan']!.get!.responses)).not.toContain('429');
  });

  it('lists null in every nullable enum and gives every nullable union a null branch (OpenAPI 3.0.3: nullable only widens `type`)', () => {
    const problems: string[] = [];
    (function walk(node: unknown, at: string) {
      if (Array.isArray(node)) return node.forEach((item, i) => walk(item, `${at}/${i}`));
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Json;
      if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) problems.push(`${at}: enum without null`);
      if (schema.nullable === true && schema.type === undefined) problems.push(`${at}: nullable without type`);
      for (const [key, value] of Object.entries(schema)) walk(value, `${at}/${key}`);
    })(document.paths, '');
    expect(problems).toEqual([]);
    // The case the document got wrong: a competence rule decided by a department leader has no role.
    const rule = (document.paths['/api/competence-plan']!.get!.responses['200'] as { content: Record<string, { schema: Json }> }).content['application/json']!.schema;
    expect(JSON.stringify(rule)).toContain('"enum":["coordinator","core_team_member","team_leader","department_head",null]');
  });

  it('fixNullables adds null to a nullable enum and a null branch to a nullable union, and leaves the rest alone', () => {
    const schema = {
      properties: {
        role: { type: 'string', nullable: true, enum: ['a', 'b'] },
        drift: { nullable: true, oneOf: [{ type: 'object' }] },
        kind: { type: 'string', enum: ['x'] },
      },
    };
    fixNullables(schema);
    expect(schema.properties.role.enum).toEqual(['a', 'b', null]);
    expect(schema.properties.drift).toEqual({ oneOf: [{ type: 'object' }, { type: 'string', nullable: true, enum: [null] }] });
    expect(schema.properties.kind.enum).toEqual(['x']);
  });

  it('a real error answer has the documented shape: 404 for a record the caller may not read', async () => {
    const municipality = await makeMunicipality(t.db);
    const session = await loginAs(t.app, await makeUser(t.db, municipality, { roles: ['administrator'] }));
    const response = await t.app.inject({ method: 'GET', url: '/api/competence-plan/versions/8d0c3f57-5a8e-4c1b-9a55-1d8f7f3b2a10', headers: session.headers });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: 'not_found', message: expect.any(String), details: [] } });
  });
});

describe('a route added without saying anything about errors', () => {
  async function tinyApp() {
    const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    app.setErrorHandler(errorHandler);
    await app.register(fastifySwagger, openApiOptions({ title: 't', version: '1', description: 'd' }));
    app.post('/api/widgets/:id', { schema: { params: z.object({ id: z.uuid() }), body: z.object({ name: z.string() }), response: { 200: z.object({ name: z.string(), size: z.number().nullable() }) } } },
      async (request) => {
        if (request.body.name === 'gone') throw notFound('The widget');
        return { name: request.body.name, size: null };
      });
    app.get('/api/widgets', { schema: { response: { 200: z.object({ count: z.number() }) } } }, async (_request, reply) => reply.status(202 as 200).send({ count: 1 }));
    return app;
  }

  it('gets the error answers the platform can give it, in the document', async () => {
    const app = await tinyApp();
    await app.ready();
    const doc = app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    expect(Object.keys(doc.paths['/api/widgets/{id}']!.post!.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '413', '414', '415', '422', '500', '503']);
    expect(Object.keys(doc.paths['/api/widgets']!.get!.responses).sort()).toEqual(['200', '401', '403', '500', '503']);
    await app.close();
  });

  it('test/contract.ts accepts its documented answers and reports an undocumented status, naming the operation', async () => {
    const app = await tinyApp();
    const violations = checkAnswersAgainstDocument(app, 'collect');
    await app.ready();
    const id = '8d0c3f57-5a8e-4c1b-9a55-1d8f7f3b2a10';
    expect((await app.inject({ method: 'POST', url: `/api/widgets/${id}`, payload: { name: 'a' } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/api/widgets/${id}`, payload: { name: 'gone' } })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/widgets/not-a-uuid', payload: { name: 'a' } })).statusCode).toBe(400);
    expect(violations).toEqual([]);
    expect((await app.inject({ method: 'GET', url: '/api/widgets' })).statusCode).toBe(202);
    expect(violations).toEqual([{ operation: 'GET /api/widgets', status: 202, message: expect.stringContaining('status 202 is not documented') }]);
    await app.close();
  });

  it('test/contract.ts makes app.inject reject on a body that breaks the schema, naming the schema path', async () => {
    const app = await tinyApp();
    // The handler sends a string, which no serializer checks: the answer breaks the document's enum.
    app.get('/api/broken', { schema: { response: { 200: z.object({ role: z.enum(['a']) }) } } },
      async (_request, reply) => reply.type('application/json').send(JSON.stringify({ role: 'b' }) as never));
    checkAnswersAgainstDocument(app, 'throw');
    await app.ready();
    await expect(app.inject({ method: 'GET', url: '/api/broken' })).rejects.toThrow(/GET \/api\/broken → 200: at \/role must be equal to one of the allowed values \(schema #\/properties\/role\/enum/);
    await app.close();
  });
});
