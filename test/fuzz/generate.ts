import fc from 'fast-check';

/**
 * Requests generated from the OpenAPI document (the fuzzer of fuzz.test.ts): for each operation, its path
 * parameters, query and body from their schemas, both valid and mutated (wrong types, extra fields, huge or negative
 * integers, NUL bytes, lone surrogates, long strings, empty objects, missing fields), and ids drawn from a pool of
 * real ids of the caller's municipality, another municipality's ids and random uuids.
 */

export type Json = Record<string, unknown>;
export interface Parameter { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema?: Json }
export interface Operation { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Json }> }; responses: Json }
export interface OpenApiDocument { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Json> } }

export interface IdPool {
  /** Ids of records of the callers' municipality. */
  own: string[];
  /** Ids of another municipality's records: must be 404s, never 500s or leaks. */
  other: string[];
}

export interface GeneratedRequest {
  method: string;
  /** The operation, e.g. "GET /api/cases/{id}". */
  operation: string;
  url: string;
  /** undefined: no body; a string: sent as is (malformed JSON); anything else: JSON. */
  body?: unknown;
  contentType?: string;
  /** Whether the input was mutated on purpose (then 4xx is the expected answer). */
  mutated: boolean;
}

const maxDepth = 6;
const lone = ['\uD800', '\uDFFF', 'a\uD83Dz'];

/** Values no schema allows in most places: the mutations put them anywhere. */
export const evilValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null, true, false, 0, -1, 1.5, -2_147_483_649, 2_147_483_648, 9_007_199_254_740_991, -9_007_199_254_740_991, 1e308, -1e308,
    '', ' ', 'a\u0000b', '\u0000', ...lone, 'x'.repeat(10_001), '😀'.repeat(300), {}, [], [null], [{}], { '': 1 }, { __proto__x: 1 },
    '99999999999999999999', '-1', '1e309', 'NaN', 'true', 'null', '0000-00-00', '2026-02-30', '9999-12-31', '1900-01-01', '2026-13-01',
    '2026-11-22T25:00:00Z', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'not-a-uuid', "'; select 1; --",
    '../../etc/passwd', '<script>alert(1)</script>', '%00', '\\u0000', 'A'.repeat(201),
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 30, unit: 'binary' }),
);

export class RequestGenerator {
  constructor(private readonly document: OpenApiDocument, private readonly ids: IdPool) {}

  private resolve(schema: Json): Json {
    const ref = schema.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/')) return this.document.components?.schemas?.[ref.slice(21)] ?? {};
    return schema;
  }

  private uuid(): fc.Arbitrary<string> {
    const pools = [fc.uuid({ version: 4 })];
    if (this.ids.own.length > 0) pools.push(fc.constantFrom(...this.ids.own), fc.constantFrom(...this.ids.own));
    if (this.ids.other.length > 0) pools.push(fc.constantFrom(...this.ids.other));
    return fc.oneof(...pools);
  }

  /** A value the schema allows (as far as a generator can tell: patterns it cannot read become plain strings). */
  valid(input: Json, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    const base = this.validBase(schema, depth);
    return schema.nullable === true ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) }) : base;
  }

  private validBase(schema: Json, depth: number): fc.Arbitrary<unknown> {
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    const union = (schema.anyOf ?? schema.oneOf) as Json[] | undefined;
    if (union) return fc.oneof(...union.map((branch) => this.valid(branch, depth + 1)));
    if (Array.isArray(schema.allOf)) return this.valid((schema.allOf as Json[])[0] ?? {}, depth + 1);
    switch (schema.type) {
      case 'string': return this.string(schema);
      case 'integer': return this.integer(schema);
      case 'number': return this.number(schema);
      case 'boolean': return fc.boolean();
      case 'array': {
        if (depth >= maxDepth) return fc.constant([]);
        const minLength = Number(schema.minItems ?? 0);
        return fc.array(this.valid((schema.items ?? {}) as Json, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(Number(schema.maxItems ?? 3), 3)) });
      }
      case 'object': {
        const properties = (schema.properties ?? {}) as Record<string, Json>;
        if (depth >= maxDepth) return fc.constant({});
        const required = new Set((schema.required ?? []) as string[]);
        const record = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, this.valid(value, depth + 1)]));
        return fc.record(record, { requiredKeys: Object.keys(properties).filter((key) => required.has(key)) });
      }
      default: return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
    }
  }

  private string(schema: Json): fc.Arbitrary<string> {
    const minLength = Number(schema.minLength ?? 0);
    const maxLength = Math.max(minLength, Math.min(Number(schema.maxLength ?? 40), 60));
    if (schema.format === 'uuid') return this.uuid();
    if (schema.format === 'email') return fc.oneof(fc.emailAddress(), fc.constantFrom('foraelder@demo.tovholder.dk', 'koordinator@demo.tovholder.dk'));
    if (schema.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
    if (schema.format === 'date') return this.date();
    if (typeof schema.pattern === 'string') {
      if (/\\d\{4\}-\\d\{2\}-\\d\{2\}\$?$/.test(schema.pattern) || schema.pattern.includes('-02-29')) return this.date();
      try {
        const pattern = new RegExp(schema.pattern);
        return fc.stringMatching(pattern).filter((s) => s.length >= minLength && s.length <= Number(schema.maxLength ?? Infinity));
      } catch {
        // A pattern fast-check cannot read: plain strings (the server answers 400, which is still checked).
      }
    }
    return fc.oneof(
      fc.string({ minLength, maxLength }),
      fc.constant('Familien Jensen'.slice(0, maxLength).padEnd(minLength, 'x')),
    );
  }

  private date(): fc.Arbitrary<string> {
    return fc.date({ min: new Date('2024-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  }

  private integer(schema: Json): fc.Arbitrary<number> {
    let min = typeof schema.minimum === 'number' ? schema.minimum : -1000;
    let max = typeof schema.maximum === 'number' ? schema.maximum : 1000;
    if (schema.exclusiveMinimum === true) min += 1;
    if (schema.exclusiveMaximum === true) max -= 1;
    const small = fc.integer({ min: Math.max(min, -50), max: Math.min(max, Math.max(min, -50) + 100) });
    return fc.oneof({ weight: 4, arbitrary: small }, { weight: 1, arbitrary: fc.constantFrom(min, max) }, { weight: 1, arbitrary: fc.integer({ min: Math.max(min, -2_147_483_648), max: Math.min(max, 2_147_483_647) }) });
  }

  private number(schema: Json): fc.Arbitrary<number> {
    const min = typeof schema.minimum === 'number' ? schema.minimum : -1e6;
    const max = typeof schema.maximum === 'number' ? schema.maximum : 1e6;
    return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((n) => (schema.exclusiveMinimum === true && n <= min ? min + 1 : n));
  }

  /** A valid value with one thing broken: a leaf or branch replaced by an evil value, an unknown key, a key removed. */
  mutated(schema: Json): fc.Arbitrary<unknown> {
    return fc.tuple(this.valid(schema), fc.nat(), evilValue, fc.constantFrom('replace', 'replace', 'extra', 'delete', 'whole'))
      .map(([value, pick, evil, how]) => {
        if (how === 'whole') return evil;
        const copy = structuredClone(value);
        const spots = spotsOf(copy);
        const spot = spots[pick % Math.max(spots.length, 1)];
        if (!spot) return evil;
        const [parent, key] = spot;
        if (how === 'extra' && typeof parent === 'object' && !Array.isArray(parent)) (parent as Json)[`unexpected_${pick % 97}`] = evil;
        else if (how === 'delete' && !Array.isArray(parent)) delete (parent as Json)[key];
        else (parent as Json)[key] = evil;
        return copy;
      });
  }

  /** Requests for one operation: about half valid, half mutated. */
  requests(path: string, method: string, operation: Operation): fc.Arbitrary<GeneratedRequest> {
    const parameters = operation.parameters ?? [];
    const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
    const pathParams = parameters.filter((p) => p.in === 'path');
    const queryParams = parameters.filter((p) => p.in === 'query');
    const pathArbs = Object.fromEntries(pathParams.map((p) => [p.name, fc.oneof(
      { weight: 5, arbitrary: this.valid(p.schema ?? { type: 'string' }).map(String) },
      { weight: 1, arbitrary: evilValue.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')) },
    )]));
    const queryArbs = Object.fromEntries(queryParams.map((p) => [p.name, fc.oneof(
      { weight: 5, arbitrary: this.valid(p.schema ?? { type: 'string' }) },
      { weight: 1, arbitrary: evilValue },
    )]));
    const body = bodySchema
      ? fc.oneof(
        { weight: 5, arbitrary: this.valid(bodySchema).map((value) => ({ value, mutated: false })) },
        { weight: 5, arbitrary: this.mutated(bodySchema).map((value) => ({ value, mutated: true })) },
        { weight: 1, arbitrary: fc.constantFrom('{"a":', '[]', 'null', '', '{"__proto__":{"x":1}}', '\u0000').map((value) => ({ value, mutated: true, raw: true })) },
      )
      : fc.constant(undefined);
    return fc.record({
      path: fc.record(pathArbs),
      query: fc.record(queryArbs, { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) }),
      body,
      bodyContentType: fc.oneof({ weight: 12, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded') }),
    }).map(({ path: pathValues, query, body: generated, bodyContentType }) => {
      const url = path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeLoosely(String(pathValues[name] ?? '')));
      const pairs: string[] = [];
      for (const [key, value] of Object.entries(query)) {
        if (value === undefined) continue;
        for (const item of Array.isArray(value) ? value : [value]) pairs.push(`${encodeLoosely(key)}=${encodeLoosely(typeof item === 'string' ? item : JSON.stringify(item) ?? '')}`);
      }
      const qs = pairs.join('&');
      const mutatedInput = pathParams.some((p) => !matchesSimply(p.schema, pathValues[p.name]))
        || queryParams.some((p) => query[p.name] !== undefined && !matchesSimply(p.schema, query[p.name]));
      const request: GeneratedRequest = {
        method: method.toUpperCase(), operation: `${method.toUpperCase()} ${path}`, url: qs ? `${url}?${qs}` : url, mutated: mutatedInput || Boolean(generated?.mutated),
      };
      if (generated) {
        request.body = 'raw' in generated ? generated.value : JSON.stringify(generated.value);
        request.contentType = bodyContentType;
        if (bodyContentType !== 'application/json') request.mutated = true;
      }
      return request;
    });
  }
}

/**
 * encodeURIComponent, except that a lone surrogate (which it refuses) is sent as the bytes a careless encoder would
 * produce for it (WTF-8, e.g. %ED%A0%80): a URL the server must refuse cleanly rather than a request we cannot send.
 */
function encodeLoosely(text: string): string {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g, (char) => {
    const unit = char.charCodeAt(0);
    if (char.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
    return encodeURIComponent(char);
  });
}

/** Every (container, key) in a JSON value, the value itself excluded. */
function spotsOf(value: unknown): Array<[object, string]> {
  const spots: Array<[object, string]> = [];
  (function walk(node: unknown) {
    if (typeof node !== 'object' || node === null) return;
    for (const key of Object.keys(node)) {
      spots.push([node, key]);
      walk((node as Json)[key]);
    }
  })(value);
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) spots.push([value, '']);
  return spots;
}

/** A rough "is this what the parameter's schema wants" (only to label requests, never to judge answers). */
function matchesSimply(schema: Json | undefined, value: unknown): boolean {
  if (!schema) return true;
  if (Array.isArray(schema.enum)) return schema.enum.includes(value);
  if (schema.format === 'uuid') return typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(value);
  if (schema.type === 'integer') return Number.isSafeInteger(typeof value === 'string' ? Number(value) : value);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
