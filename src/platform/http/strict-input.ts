import { isUtf8 } from 'node:buffer';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { badRequest, type ErrorDetail } from './errors.js';
import { int4 } from './fields.js';

/**
 * Strict input for every route, without anyone having to remember it (style.md §8: "an unknown field is a 400 naming
 * it, not a silent drop; text refuses NUL; integers are bounded by their column").
 *
 * `registerStrictInput(app)` runs once in app.ts, before @fastify/swagger and before any module registers a route:
 * - an onRoute hook replaces each route's body, querystring and params schema by `strictInput(schema)`, a deep copy in
 *   which every object refuses keys it does not name (zod's `unrecognized_keys`, answered as `unknown_field` by
 *   errors.ts), every string refuses NUL and ill-formed UTF-16 (lone surrogates), and every integer without an upper
 *   or lower bound of its own gets PostgreSQL's `integer` range. The copy keeps the original's refinements and
 *   transforms; the original is untouched, so the same schema used in a response stays as lenient as it was.
 *   Because the hook runs before swagger's, the OpenAPI document shows the strict copy (`additionalProperties: false`).
 *   Headers are left alone (browsers and proxies add their own), and so are response schemas.
 * - the JSON body parser refuses a body that is not well-formed UTF-8 with a 400 naming the field that held the bad
 *   bytes, instead of decoding them to U+FFFD and storing that.
 *
 * A schema that really means "any keys" says so with a record (`z.record(...)`) or `z.looseObject`: both are kept.
 */
export function registerStrictInput<App extends FastifyInstance>(app: App): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    if (!schema) return;
    for (const key of ['body', 'querystring', 'query', 'params'] as const) {
      const part = schema[key];
      if (isZod(part)) schema[key] = strictInput(part);
    }
  });

  const parseJson = app.getDefaultJsonParser(app.initialConfig.onProtoPoisoning ?? 'error', app.initialConfig.onConstructorPoisoning ?? 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request: FastifyRequest, body: Buffer, done) => {
    if (isUtf8(body)) return parseJson(request, body.toString('utf8'), done);
    // Decode with a lone surrogate where the bad bytes were, parse, and name the strings that hold one. Bytes outside
    // a string make the JSON itself malformed, which the ordinary parser reports. The default parser answers through
    // the callback; only its declared type allows a promise.
    void parseJson(request, decodeMarkingInvalid(body), (error, parsed) => {
      if (error) return done(error, undefined);
      const fields = illFormedPaths(parsed);
      done(badRequest('validation_failed', `Invalid body: ${fields.length > 0 ? fields.join(', ') : '(body)'}.`,
        (fields.length > 0 ? fields : ['(body)']).map((field): ErrorDetail => ({ field, code: 'invalid_unicode', message: invalidUnicodeMessage }))), undefined);
    });
  });
}


const nulMessage = 'nul_character: The text contains a NUL character (\\u0000), which cannot be stored.';
const invalidUnicodeMessage = 'The text is not valid Unicode (invalid UTF-8 bytes or a lone surrogate).';

/** True when a string holds a NUL or a UTF-16 surrogate that is not part of a pair. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The checks every input string gets: no NUL (PostgreSQL refuses it in text, 22021) and well-formed Unicode. */
function checkText(value: string, ctx: z.core.$RefinementCtx<string>): void {
  if (value.includes('\u0000')) ctx.addIssue({ code: 'custom', message: nulMessage, input: value });
  if (loneSurrogate.test(value)) ctx.addIssue({ code: 'custom', message: `invalid_unicode: ${invalidUnicodeMessage}`, input: value });
}

type AnySchema = z.core.$ZodType;
const strictCopies = new WeakMap<AnySchema, AnySchema>();

function isZod(value: unknown): value is AnySchema {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** The deep-strict copy of an input schema (see registerStrictInput). Exported for tests and for schemas parsed by hand. */
export function strictInput<T extends AnySchema>(schema: T): T {
  return walk(schema) as T;
}

function walk(schema: AnySchema): AnySchema {
  const cached = strictCopies.get(schema);
  if (cached) return cached;
  const copy = copyOf(schema);
  strictCopies.set(schema, copy);
  // A copy is strict already: Fastify hands the same schema object to the HEAD twin of a GET route, and walking the
  // copy again would add every check twice.
  strictCopies.set(copy, copy);
  return copy;
}

function clone(schema: AnySchema, changes: Record<string, unknown>): AnySchema {
  return z.core.util.clone(schema, z.core.util.mergeDefs(schema._zod.def, changes) as typeof schema._zod.def, { parent: true });
}

function copyOf(schema: AnySchema): AnySchema {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries((def.shape as Record<string, AnySchema>)).map(([key, value]) => [key, walk(value)]));
      const catchall = def.catchall as AnySchema | undefined;
      // A looseObject (catchall unknown) was asked for on purpose; any other catchall is walked like a value.
      if (catchall && catchall._zod.def.type === 'unknown') return clone(schema, { shape });
      return clone(schema, { shape, catchall: catchall ? walk(catchall) : z.never() });
    }
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'catch': case 'readonly': case 'nonoptional': case 'success':
      return clone(schema, { innerType: walk(def.innerType as AnySchema) });
    case 'array':
      return clone(schema, { element: walk(def.element as AnySchema) });
    case 'set':
      return clone(schema, { valueType: walk(def.valueType as AnySchema) });
    case 'record': case 'map':
      return clone(schema, { keyType: walk(def.keyType as AnySchema), valueType: walk(def.valueType as AnySchema) });
    case 'tuple':
      return clone(schema, { items: (def.items as AnySchema[]).map(walk), rest: def.rest ? walk(def.rest as AnySchema) : def.rest });
    case 'union':
      return clone(schema, { options: (def.options as AnySchema[]).map(walk) });
    case 'intersection':
      return clone(schema, { left: walk(def.left as AnySchema), right: walk(def.right as AnySchema) });
    case 'pipe':
      return clone(schema, { in: walk(def.in as AnySchema), out: walk(def.out as AnySchema) });
    case 'lazy': {
      const getter = def.getter as () => AnySchema;
      return clone(schema, { getter: () => walk(getter()) });
    }
    case 'string':
      return (schema as unknown as z.ZodString).superRefine(checkText);
    case 'number':
      return boundedInteger(schema as unknown as z.ZodNumber);
    default:
      return schema;
  }
}

/**
 * An integer without a bound of its own gets int4's: every integer column is `integer` unless its field declares a
 * wider range (a `bigint` amount in øre states its own `.max()`), so 2147483648 is a 400, never PostgreSQL's 22003.
 */
function boundedInteger(schema: z.ZodNumber): AnySchema {
  if (!schema.isInt) return schema;
  const checks = (schema._zod.def.checks ?? []).map((check) => check._zod.def.check);
  let bounded: z.ZodNumber = schema;
  if (!checks.includes('less_than')) bounded = bounded.max(int4.max, `out_of_range: At most ${int4.max}.`);
  if (!checks.includes('greater_than')) bounded = bounded.min(int4.min, `out_of_range: At least ${int4.min}.`);
  return bounded;
}

/** Paths (a.b.0.c) of the strings and keys in a parsed JSON value that are not well-formed Unicode. */
function illFormedPaths(value: unknown, path: string[] = [], found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (loneSurrogate.test(value)) found.push(path.join('.') || '(body)');
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => illFormedPaths(item, [...path, String(index)], found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (loneSurrogate.test(key)) found.push([...path, key].join('.'));
      else illFormedPaths(item, [...path, key], found);
    }
  }
  return found;
}

/**
 * Decodes UTF-8, putting a lone surrogate (U+DFFF) for each maximal ill-formed subsequence (Unicode §3.9, the same
 * places a decoder would put U+FFFD), so the bad bytes can be found again after JSON.parse.
 */
function decodeMarkingInvalid(bytes: Buffer): string {
  let text = '';
  let start = 0;
  let i = 0;
  const flushValid = (end: number) => { if (end > start) text += bytes.toString('utf8', start, end); };
  while (i < bytes.length) {
    const length = wellFormedLength(bytes, i);
    if (length > 0) { i += length; continue; }
    flushValid(i);
    text += '\uDFFF';
    i += Math.max(1, invalidLength(bytes, i));
    start = i;
  }
  flushValid(i);
  return text;
}

/** The length of the well-formed UTF-8 sequence at i (Unicode Table 3-7), or 0. */
function wellFormedLength(b: Buffer, i: number): number {
  const b0 = b[i]!;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((b0 >= 0xe1 && b0 <= 0xec) || b0 === 0xee || b0 === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** How many bytes at i form one maximal ill-formed subpart: a valid lead byte and the continuation bytes that fit it. */
function invalidLength(b: Buffer, i: number): number {
  const b0 = b[i]!;
  const [lo, hi, need] = b0 === 0xe0 ? [0xa0, 0xbf, 2] : b0 === 0xed ? [0x80, 0x9f, 2] : b0 >= 0xe1 && b0 <= 0xef ? [0x80, 0xbf, 2]
    : b0 === 0xf0 ? [0x90, 0xbf, 3] : b0 === 0xf4 ? [0x80, 0x8f, 3] : b0 >= 0xf1 && b0 <= 0xf3 ? [0x80, 0xbf, 3] : [0, 0, 0];
  let n = 1;
  for (let k = 0; k < need && i + n < b.length; k++) {
    const c = b[i + n]!;
    if (k === 0 ? c < lo || c > hi : c < 0x80 || c > 0xbf) break;
    n++;
  }
  return n;
}
