import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { int4 } from './fields.js';
import { foreignKeyFields } from './foreign-keys.js';

/** One field-level problem: which field, a stable code the UI translates, and an English message. */
export interface ErrorDetail {
  field: string;
  code: string;
  message: string;
}

/**
 * Every error the API returns has this shape: { error: { code, message, details } }. Codes are stable and
 * translated by the web app; messages are English for API users and logs and never contain personal data.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details: ErrorDetail[] = []) => new AppError(400, code, message, details);
export const unauthorized = (message = 'You must log in.') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'You may not do this.', code = 'forbidden') => new AppError(403, code, message);
/** Records the caller may not read are reported as not found, so their existence is not revealed. */
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found.`);
export const conflict = (code: string, message: string, details: ErrorDetail[] = []) => new AppError(409, code, message, details);
export const unprocessable = (code: string, message: string, details: ErrorDetail[] = []) => new AppError(422, code, message, details);

/** A stale version in an update: someone else changed the record since the caller read it. */
export const staleVersion = (what: string) =>
  conflict('version_conflict', `${what} was changed by someone else. Reload it and make your change again.`, [
    { field: 'version', code: 'stale', message: 'The version you edited is no longer the latest.' },
  ]);

export function detailsFromZod(error: ZodError, prefix = ''): ErrorDetail[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    code: issueCode(issue.code, issue.message),
    message: issue.message,
  }));
}

/** Custom zod refinements carry their code as the message prefix "code: text"; built-in issues use zod's code. */
function issueCode(zodCode: string, message: string): string {
  const match = /^([a-z_]+):/.exec(message);
  return match?.[1] ?? zodCode;
}

const constraintMessages: Record<string, { status: number; code: string; field: string; message: string }> = {
  users_email_unique: { status: 409, code: 'email_taken', field: 'email', message: 'A user with this e-mail address already exists.' },
  departments_name_unique: { status: 409, code: 'duplicate_name', field: 'name', message: 'A department with this name already exists.' },
  cases_one_open_per_child: { status: 409, code: 'child_has_open_case', field: 'childId', message: 'The child already has an open case.' },
  case_assignments_one_lead: { status: 409, code: 'case_has_lead', field: 'role', message: 'The case already has a family coordinator or primary caseworker; end that assignment first.' },
  case_team_members_active: { status: 409, code: 'already_member', field: 'userId', message: 'The user is already on the core team.' },
  family_members_pk: { status: 409, code: 'already_member', field: 'personId', message: 'The person is already in the family.' },
  // A measure named by a decision is part of the case's record: it is ended (an end date), not removed (migration 0011).
  decision_measures_measure_fk: { status: 409, code: 'measure_has_decision', field: 'version', message: 'A decision names this measure; give it an end date instead of removing it.' },
};

/** The first "code: text" message among a failed union's branches, if any branch has one. */
function codedUnionMessage(params: unknown): string | undefined {
  const branches = (params as { errors?: Array<Array<{ message?: string }>> } | undefined)?.errors ?? [];
  return branches.flat().find((issue) => /^[a-z_]+:/.test(issue.message ?? ''))?.message;
}

interface PgError { code?: string; constraint?: string; detail?: string; message?: string; cause?: unknown }

/**
 * A foreign-key violation (23503) names the field behind the constraint (foreign-keys.ts). Writing a row that points at
 * a record that does not exist (or not in this municipality, since every tenant key includes municipality_id) is 422;
 * removing a record that others still point at is 409.
 */
function sendForeignKeyViolation(pgError: PgError, reply: FastifyReply): FastifyReply {
  const field = (pgError.constraint && foreignKeyFields[pgError.constraint]) || '(input)';
  if (/still referenced/i.test(pgError.detail ?? '') || /^update or delete on table/i.test(pgError.message ?? '')) {
    const message = 'Other records still refer to this one, so it cannot be removed.';
    return reply.status(409).send({ error: { code: 'still_referenced', message, details: [{ field, code: 'still_referenced', message }] } });
  }
  const message = 'The record this field refers to does not exist.';
  return reply.status(422).send({ error: { code: 'reference_not_found', message: `The record named by ${field} does not exist.`, details: [{ field, code: 'reference_not_found', message }] } });
}

/** Values PostgreSQL refuses that a schema should have refused first, and how to find them in the request. */
const valueProblems: Record<string, { code: string; message: string; matches: (value: unknown, inUrl: boolean) => boolean }> = {
  // numeric_value_out_of_range: an integer past its column (int4: ±2147483647); int4's maximum itself counts, as an
  // update that stores version + 1 overflows with it. Path and query values are text, so digits count there.
  '22003': {
    code: 'out_of_range', message: 'The number is too large or too small.',
    matches: (v, inUrl) => (typeof v === 'number' || (inUrl && typeof v === 'string' && /^-?\d+$/.test(v))) && !(Number(v) >= int4.min && Number(v) < int4.max),
  },
  // character_not_in_repertoire (NUL in text) and untranslatable_character (NUL in jsonb).
  '22021': { code: 'nul_character', message: 'The text contains a NUL character (\\u0000), which cannot be stored.', matches: (v) => typeof v === 'string' && v.includes('\u0000') },
  '22P05': { code: 'nul_character', message: 'The text contains a NUL character (\\u0000), which cannot be stored.', matches: (v) => typeof v === 'string' && v.includes('\u0000') },
  // program_limit_exceeded: e.g. a text too large for an index entry.
  '54000': { code: 'too_long', message: 'The text is too long to be stored.', matches: (v) => typeof v === 'string' && v.length > 2000 },
};

/** The paths (a.b.0) in the request's params, query and body whose value `matches`. */
function offendingFields(request: FastifyRequest, matches: (value: unknown, inUrl: boolean) => boolean): string[] {
  const found: string[] = [];
  const visit = (value: unknown, path: string[], inUrl: boolean) => {
    if (matches(value, inUrl)) found.push(path.join('.'));
    else if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, String(i)], inUrl));
    else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) visit(item, [...path, key], inUrl);
  };
  for (const [part, inUrl] of [[request.params, true], [request.query, true], [request.body, false]] as const) {
    if (typeof part === 'object' && part !== null) for (const [key, item] of Object.entries(part)) visit(item, [key], inUrl);
  }
  return found;
}

/** Seconds a client should wait before retrying after the database was unavailable. */
const retryAfterSeconds = 5;

/**
 * The database connection was lost or refused: node-postgres' socket errors, a backend terminated by an
 * administrator or a shutdown (57P01-57P03), too many connections (53300), or any connection exception (class 08).
 */
export function isConnectionLoss(error: unknown): boolean {
  for (let e = error as PgError & { code?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as PgError | undefined, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300'].includes(code) || code.startsWith('08')) return true;
    if (/Connection terminated|Client has encountered a connection error|connection (?:timeout|is closed)|timeout exceeded when trying to connect/i.test(e.message ?? '')) return true;
  }
  return false;
}

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    return reply.status(error.statusCode).send({ error: { code: error.code, message: error.message, details: error.details } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const details = error.validation.flatMap((v): ErrorDetail[] => {
      // fastify-type-provider-zod puts zod's issue code in `keyword`; a union (e.g. "CPR number or empty") hides its
      // branches' coded messages in params.errors, so the most specific coded message is taken from there.
      const zodCode = (v as { keyword?: string }).keyword ?? 'invalid';
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      if (zodCode === 'unrecognized_keys') {
        // Strict input (strict-input.ts, style.md §8): each key the schema does not name is its own detail.
        const keys = (v.params as { keys?: string[] } | undefined)?.keys ?? [];
        return keys.map((key) => ({ field: [path, key].filter(Boolean).join('.'), code: 'unknown_field', message: 'This field is not part of the request; check its spelling.' }));
      }
      const message = zodCode === 'invalid_union' ? codedUnionMessage(v.params) ?? v.message : v.message;
      const missing = zodCode === 'invalid_type' && /received undefined$/.test(message ?? '');
      return [{
        field: path || (context ?? '(body)'),
        code: missing ? 'required' : issueCode(zodCode, message ?? ''),
        message: missing ? 'This field is required.' : (message ?? 'Invalid value.').replace(/^[a-z_]+: /, ''),
      }];
    });
    return reply.status(400).send({ error: { code: 'validation_failed', message: `Invalid ${context ?? 'input'}: ${details.map((d) => d.field).join(', ')}.`, details } });
  }
  if (error instanceof ZodError) {
    const details = detailsFromZod(error);
    return reply.status(400).send({ error: { code: 'validation_failed', message: 'Invalid input.', details } });
  }
  const pgError = error as PgError;
  if (isConnectionLoss(error)) {
    // The database went away mid-request (a restart, a failover, a cut connection): nothing was committed, and the
    // same request may well succeed in a moment, so the client is told to retry instead of "internal".
    request.log.warn({ pgCode: pgError.code, err: (error as Error).message }, 'database unavailable');
    return reply.status(503).header('retry-after', String(retryAfterSeconds))
      .send({ error: { code: 'unavailable', message: 'The register is briefly unavailable. Nothing was saved; try again in a moment.', details: [] } });
  }
  if (pgError.code === '23505' || pgError.code === '23503' || pgError.code === '23514' || pgError.code === '23P01') {
    const known = pgError.constraint ? constraintMessages[pgError.constraint] : undefined;
    if (known) {
      return reply.status(known.status).send({ error: { code: known.code, message: known.message, details: [{ field: known.field, code: known.code, message: known.message }] } });
    }
    request.log.warn({ constraint: pgError.constraint, pgCode: pgError.code }, 'constraint violation');
    if (pgError.code === '23503') return sendForeignKeyViolation(pgError, reply);
    const status = pgError.code === '23505' ? 409 : 422;
    // The constraint's name goes to the log only: it is the schema's vocabulary, not the API's.
    return reply.status(status).send({ error: { code: 'constraint_violation', message: 'The change breaks a rule of the register.', details: [] } });
  }
  if (pgError.code === '22P02' || pgError.code === '22007' || pgError.code === '22008') {
    return reply.status(400).send({ error: { code: 'invalid_value', message: 'A value has the wrong format.', details: [] } });
  }
  const valueProblem = pgError.code ? valueProblems[pgError.code] : undefined;
  if (valueProblem) {
    // A safety net under strict input (strict-input.ts): the database refused a value the schemas let through.
    // PostgreSQL does not say which column; the request is searched for the value that fits the refusal.
    request.log.warn({ pgCode: pgError.code }, 'value refused by the database');
    const fields = offendingFields(request, valueProblem.matches);
    const details = (fields.length > 0 ? fields : ['(input)']).map((field) => ({ field, code: valueProblem.code, message: valueProblem.message }));
    return reply.status(400).send({ error: { code: 'validation_failed', message: `Invalid input: ${details.map((d) => d.field).join(', ')}.`, details } });
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const code = fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body_too_large'
      : fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type'
      : fastifyError.statusCode === 429 ? 'rate_limited'
      : fastifyError.code?.startsWith('FST_ERR_CTP') ? 'malformed_body' : 'bad_request';
    return reply.status(fastifyError.statusCode).send({ error: { code, message: fastifyError.message, details: [] } });
  }
  request.log.error({ err: error }, 'unexpected error');
  return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on our side. Nothing was saved.', details: [] } });
}
