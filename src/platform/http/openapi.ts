import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionRequiredFor } from './access-paths.js';

/**
 * The OpenAPI document lists every answer a route gives, errors included (style.md §8). Routes declare their success
 * answers; the error answers are added here for every route from what the platform can answer for it, so a new route
 * is documented honestly without saying anything.
 */

/** The one shape of every API error (built by errors.ts), referenced by every operation's error answers. */
export const ApiError = z.object({
  error: z.object({
    code: z.string().describe('Stable code the web app translates, e.g. validation_failed, not_found, version_conflict.'),
    message: z.string().describe('English text for API users and logs; never personal data.'),
    details: z.array(z.object({
      field: z.string().describe('The input field, dotted (goals.0.title), or (body)/(querystring) for the whole.'),
      code: z.string(),
      message: z.string(),
    })),
  }),
}).describe('An error: { error: { code, message, details[] } }.');

const apiErrorRef = '#/components/schemas/ApiError';

/** Why each status can come back, and for which routes the platform can answer it. */
const errorAnswers: Array<{ status: string; description: string; applies: (op: OperationFacts) => boolean }> = [
  // Validation (validatorCompiler), a malformed body, a value PostgreSQL refuses to cast (errors.ts 22P02/22007/22008).
  { status: '400', description: 'The input is invalid: validation_failed names each field in details.', applies: (op) => op.hasInput },
  // The authentication hook (app.ts) for every non-public route; credential checks on the public login routes.
  { status: '401', description: 'No valid session (unauthenticated), or wrong credentials.', applies: (op) => op.session !== 'none' || op.checksCredentials },
  // Role and need-to-know rules, and the CSRF check of writes (platform/auth).
  { status: '403', description: 'The caller may read the record but not do this, or the CSRF token is missing.', applies: (op) => op.session !== 'none' },
  // Records the caller may not read are reported as not found (errors.ts notFound); ids also come in bodies and queries.
  { status: '404', description: 'The record does not exist or the caller may not read it.', applies: (op) => op.hasInput },
  // Stale versions, unique constraints (errors.ts staleVersion, constraintMessages).
  { status: '409', description: 'A conflict: a stale version or a duplicate.', applies: (op) => op.isWrite },
  // A model rule refuses the change or the question (a reversed report period), or a constraint of the register does.
  { status: '422', description: 'The change or the question breaks a rule of the model or the register.', applies: (op) => op.isWrite || op.hasInput },
  // Fastify's router refuses a path parameter longer than maxParamLength (100) before any route runs.
  { status: '414', description: 'A path parameter is too long.', applies: (op) => op.hasPathParams },
  { status: '413', description: 'The body is larger than the limit.', applies: (op) => op.hasBody },
  { status: '415', description: 'The body has a content type the route does not accept.', applies: (op) => op.hasBody },
  { status: '429', description: 'Too many requests; try again later.', applies: (op) => op.rateLimited },
  { status: '500', description: 'Something went wrong on our side; nothing was saved.', applies: () => true },
  // The database connection was lost or refused mid-request (errors.ts isConnectionLoss): retry after Retry-After.
  { status: '503', description: 'The register is briefly unavailable (unavailable); nothing was saved; retry after the Retry-After header\'s seconds.', applies: () => true },
];

/** What decides an operation's error answers, read from its route and its documented input. */
interface OperationFacts {
  session: 'none' | 'staff' | 'portal';
  hasInput: boolean;
  hasPathParams: boolean;
  hasBody: boolean;
  isWrite: boolean;
  rateLimited: boolean;
  checksCredentials: boolean;
}

// Public routes that check a credential given in the request (a password, a login code, a one-time token).
const credentialRoutes = new Set(['POST /api/auth/login', 'POST /api/portal/login/verify']);

const binary = { type: 'string', format: 'binary' };
const oidcOff = { description: 'OpenID Connect login is not configured (OIDC_*).', content: { 'application/json': { schema: { $ref: apiErrorRef } } } };
/**
 * Answers that are not JSON: the route sends a file, a calendar or a redirect itself and has no response schema to
 * document them. A route added with a non-JSON answer fails test/app.ts's contract check until it is listed here.
 */
const nonJsonAnswers: Record<string, Record<string, { description: string; content?: Record<string, { schema: object }> }>> = {
  'GET /api/meetings/{id}/invitation.ics': { 200: { description: 'The meeting as an iCalendar invitation.', content: { 'text/calendar': { schema: binary } } } },
  'GET /api/calendar/feed/{file}': { 200: { description: 'The calendar feed (RFC 5545).', content: { 'text/calendar': { schema: binary } } } },
  'GET /api/families/{id}/plan/pdf': { 200: { description: 'The joint plan as PDF.', content: { 'application/pdf': { schema: binary } } } },
  'GET /api/reports/costs': { 200: { description: 'The cost report (JSON, or CSV with format=csv).', content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: binary } } } },
  'GET /api/reports/expenses': { 200: { description: 'The expense analysis (JSON, or CSV with format=csv).', content: { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: binary } } } },
  'GET /api/portal/oidc/start': { 302: { description: 'Redirect to the identity provider.' }, 404: oidcOff },
  'GET /api/portal/oidc/callback': { 302: { description: 'Redirect to the portal, logged in or with an error.' }, 404: oidcOff },
  'GET /api/documents/{id}/content': { 200: { description: 'The document, in its own content type.', content: { '*/*': { schema: binary } } } },
  'GET /api/portal/documents/{id}/content': { 200: { description: 'The document, in its own content type.', content: { '*/*': { schema: binary } } } },
  'GET /api/partner/documents/{id}/content': { 200: { description: 'The document, in its own content type.', content: { '*/*': { schema: binary } } } },
  'DELETE /api/documents/{id}': { 204: { description: 'The document was removed.' } },
  'GET /api/survey-results/export.csv': { 200: { description: 'The series as CSV.', content: { 'text/csv': { schema: binary } } } },
  'GET /api/survey-results/report.pdf': { 200: { description: 'The series as a PDF report.', content: { 'application/pdf': { schema: binary } } } },
  'GET /api/leader/export': { 200: { description: 'The dashboard figures as CSV.', content: { 'text/csv': { schema: binary } } } },
};

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * OpenAPI 3.0 `nullable` allows null only for the schema's `type`: an enum must list null itself, and a nullable
 * union (no `type`) needs a null branch. zod's openapi-3.0 output drops both (z.enum(...).nullable() becomes
 * { nullable, enum } without null), so real null answers would break the document; this restores them everywhere.
 */
export function fixNullables(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) fixNullables(item);
    return;
  }
  if (!isObject(node)) return;
  if (node.nullable === true) {
    if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
    const union = node.anyOf ? 'anyOf' : node.oneOf ? 'oneOf' : null;
    if (union && node.type === undefined) {
      (node[union] as unknown[]).push({ type: 'string', nullable: true, enum: [null] });
      delete node.nullable;
    }
  }
  for (const value of Object.values(node)) fixNullables(value);
}

/** The @fastify/swagger options: zod schemas to JSON Schema, then every operation's error answers and security. */
export function openApiOptions(info: { title: string; version: string; description: string }): FastifyDynamicSwaggerOptions {
  const rateLimited = new Set<string>();
  return {
    openapi: {
      info,
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'tovholder_session', description: 'Staff session (POST /api/auth/login).' },
          portalSession: { type: 'apiKey', in: 'cookie', name: 'tovholder_portal', description: 'Family portal session (POST /api/portal/login/verify).' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'The csrfToken of the login answer; required on POST, PUT, PATCH, DELETE.' },
        },
      },
    },
    transform: (input) => {
      const config = (input.route as { config?: { rateLimit?: unknown } }).config;
      if (config?.rateLimit) {
        for (const method of [input.route.method].flat()) rateLimited.add(`${method} ${openApiPath(input.url)}`);
      }
      return jsonSchemaTransform(input);
    },
    transformObject: (input) => {
      const document = jsonSchemaTransformObject(input) as JsonObject & { paths?: Record<string, Record<string, JsonObject>>; components?: JsonObject };
      const components = (document.components ??= {}) as JsonObject;
      const schemas = (components.schemas ??= {}) as JsonObject;
      schemas.ApiError = z.toJSONSchema(ApiError, { target: 'openapi-3.0', io: 'output' });
      delete (schemas.ApiError as JsonObject).$schema;
      for (const [path, operations] of Object.entries(document.paths ?? {})) {
        for (const [method, operation] of Object.entries(operations)) {
          const key = `${method.toUpperCase()} ${path}`;
          const parameters = (operation.parameters as unknown[] | undefined) ?? [];
          const facts: OperationFacts = {
            session: sessionRequiredFor(path),
            hasInput: parameters.length > 0 || operation.requestBody !== undefined,
            hasPathParams: parameters.some((p) => (p as { in?: string }).in === 'path'),
            hasBody: operation.requestBody !== undefined,
            isWrite: method !== 'get',
            rateLimited: rateLimited.has(key),
            checksCredentials: credentialRoutes.has(key),
          };
          const responses = (operation.responses ??= {}) as JsonObject;
          const special = nonJsonAnswers[key];
          if (special) {
            // The placeholder swagger writes for a route without a response schema is replaced by the real answers.
            if (isObject(responses['200']) && responses['200'].content === undefined) delete responses['200'];
            Object.assign(responses, special);
          }
          for (const answer of errorAnswers) {
            if (answer.applies(facts) && responses[answer.status] === undefined) {
              responses[answer.status] = { description: answer.description, content: { 'application/json': { schema: { $ref: apiErrorRef } } } };
            }
          }
          if (facts.session !== 'none') {
            operation.security = [{ [facts.session === 'staff' ? 'session' : 'portalSession']: [], ...(facts.isWrite ? { csrf: [] } : {}) }];
          }
        }
      }
      fixNullables(document.paths);
      return document;
    },
  };
}
