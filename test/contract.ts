import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance, InjectOptions } from 'fastify';

/**
 * Every answer the tests receive is checked against the OpenAPI document the app serves (style.md §8: "tests check
 * responses against it"). An answer whose status the operation does not document, or whose JSON body breaks the
 * documented schema, is a contract violation. Non-JSON answers (CSV, PDF, calendars, files) are checked by content
 * type only. Each schema is compiled once per test process, on first use.
 */

type Json = Record<string, unknown>;
interface Operation { responses: Record<string, { content?: Record<string, { schema?: Json }> }> }

export interface Violation {
  /** e.g. "GET /api/competence-plan". */
  operation: string;
  status: number;
  message: string;
}

// ajv-formats is CommonJS: under NodeNext its default import is the module object, whose default is the plugin.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const docId = 'tovholder-openapi';
/** Stands for a body that is a Buffer or a stream. */
const binaryBody = '(binary)';

/** OpenAPI 3.0 differs from the JSON Schema ajv speaks in one place the document uses: boolean exclusive bounds. */
function toAjvSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toAjvSchema);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) out[key] = `${docId}${value}`;
    else out[key] = toAjvSchema(value);
  }
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (out[flag] === true) {
      out[flag] = out[bound];
      delete out[bound];
    } else if (out[flag] === false) delete out[flag];
  }
  return out;
}

/** The document of one app, indexed by "METHOD /path/{param}", and the validators compiled from it. */
export class Contract {
  private readonly operations = new Map<string, Operation>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ strict: false, allErrors: false });

  constructor(document: Json) {
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: docId, components: toAjvSchema(document.components ?? {}) });
    for (const [path, methods] of Object.entries((document.paths ?? {}) as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(methods)) this.operations.set(`${method.toUpperCase()} ${path}`, operation);
    }
  }

  /** Checks one answer; returns what is wrong with it, or null. `route` is Fastify's pattern (/api/cases/:id), or undefined when no route matched. */
  check(method: string, route: string | undefined, status: number, contentType: string | undefined, body: string): string | null {
    if (method === 'HEAD' || method === 'OPTIONS') return null;
    const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (route === undefined) {
      // No route: the not-found handler (app.ts) answers with the one error shape.
      return mediaType === 'application/json' ? this.validate('ApiError', { $ref: '#/components/schemas/ApiError' }, body) : null;
    }
    const path = route.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const key = `${method} ${path}`;
    const operation = this.operations.get(key);
    // Routes hidden from the document (health, the document itself) are not part of the contract.
    if (!operation) return null;
    const answer = operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`] ?? operation.responses.default;
    if (!answer) return `status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')}); body: ${preview(body)}`;
    const content = answer.content;
    if (!content) return body !== '' ? `status ${status} is documented without a body, but the answer has one (${mediaType || 'no content type'})` : null;
    if (!mediaType) return body !== '' ? `status ${status} has a body without a content type` : null;
    const documented = content[mediaType] ?? content[`${mediaType.split('/')[0]}/*`] ?? content['*/*'];
    if (!documented) return `content type ${mediaType} is not documented for status ${status} (documented: ${Object.keys(content).join(', ')})`;
    if (mediaType !== 'application/json' || !documented.schema) return null;
    return this.validate(`${key} ${status}`, documented.schema, body);
  }

  private validate(cacheKey: string, schema: Json, body: string): string | null {
    let validator = this.validators.get(cacheKey);
    if (!validator) {
      validator = this.ajv.compile(toAjvSchema(schema) as Json);
      this.validators.set(cacheKey, validator);
    }
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return `the body is not JSON: ${preview(body)}`;
    }
    if (validator(value)) return null;
    return (validator.errors ?? []).map((e) =>
      `at ${e.instancePath || '(root)'} ${e.message ?? 'is invalid'} (schema ${e.schemaPath}${e.params && Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : ''}); value: ${preview(JSON.stringify(pick(value, e.instancePath)))}`).join('; ');
  }
}

function pick(value: unknown, pointer: string): unknown {
  let current = value;
  for (const part of pointer.split('/').slice(1)) current = (current as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return current;
}

function preview(text: string | undefined): string {
  if (text === undefined) return '(none)';
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

// Test files build several apps with the same routes: apps whose documents are equal share one Contract, so each
// schema is compiled once per test process.
const contracts = new Map<string, Contract>();
const contractOfApp = new WeakMap<FastifyInstance, Contract>();
function contractOf(app: FastifyInstance): Contract {
  let contract = contractOfApp.get(app);
  if (!contract) {
    const document = app.swagger() as unknown as Json;
    const text = JSON.stringify(document);
    contract = contracts.get(text) ?? new Contract(document);
    contracts.set(text, contract);
    contractOfApp.set(app, contract);
  }
  return contract;
}

/**
 * Checks every answer of the app against its document. 'throw': `app.inject` rejects with a message naming the
 * operation, status and schema path, so the test that got the answer fails there. 'collect': the violations are
 * pushed to the returned list (the fuzzer reports them together). Call before `app.ready()`.
 */
export function checkAnswersAgainstDocument(app: FastifyInstance, mode: 'throw' | 'collect'): Violation[] {
  const violations: Violation[] = [];
  const found = new WeakMap<object, Violation>();
  app.addHook('onSend', async (request, reply, payload) => {
    // A string is the serialized body; a Buffer or stream is a file, checked by content type only.
    const body = typeof payload === 'string' ? payload : payload === null || payload === undefined ? '' : binaryBody;
    const contentType = reply.getHeader('content-type');
    const route = request.routeOptions.url;
    let message: string | null;
    try {
      message = contractOf(app).check(request.method, route, reply.statusCode, typeof contentType === 'string' ? contentType : undefined, body);
    } catch (error) {
      // A check that cannot run (e.g. a schema ajv cannot compile) is reported, never turned into the answer's 500.
      message = `the contract check failed: ${(error as Error).message}`;
    }
    if (message) {
      const violation = { operation: `${request.method} ${route ?? request.url.split('?')[0]}`, status: reply.statusCode, message };
      violations.push(violation);
      found.set(request.raw, violation);
    }
    return payload;
  });
  if (mode === 'throw') {
    const inject = app.inject.bind(app);
    const checked = (async (options: InjectOptions | string) => {
      const response = await inject(options);
      const violation = found.get(response.raw.req);
      if (violation) throw new Error(`The answer breaks the OpenAPI document: ${violation.operation} → ${violation.status}: ${violation.message}`);
      return response;
    });
    // Only the promise form is checked; the chained form (app.inject().get(...)) is passed through.
    (app as { inject: unknown }).inject = (options?: unknown, callback?: unknown) =>
      options === undefined || callback !== undefined ? (inject as (...args: unknown[]) => unknown)(options, callback) : checked(options as never);
  }
  return violations;
}
