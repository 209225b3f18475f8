import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';

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

interface PgError { code?: string; constraint?: string }

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    return reply.status(error.statusCode).send({ error: { code: error.code, message: error.message, details: error.details } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as { validationContext?: string }).validationContext;
    const details = error.validation.map((v) => {
      // fastify-type-provider-zod puts zod's issue code in `keyword`; a union (e.g. "CPR number or empty") hides its
      // branches' coded messages in params.errors, so the most specific coded message is taken from there.
      const zodCode = (v as { keyword?: string }).keyword ?? 'invalid';
      const message = zodCode === 'invalid_union' ? codedUnionMessage(v.params) ?? v.message : v.message;
      const missing = zodCode === 'invalid_type' && /received undefined$/.test(message ?? '');
      return {
        field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || (context ?? '(body)'),
        code: missing ? 'required' : issueCode(zodCode, message ?? ''),
        message: missing ? 'This field is required.' : (message ?? 'Invalid value.').replace(/^[a-z_]+: /, ''),
      };
    });
    return reply.status(400).send({ error: { code: 'validation_failed', message: `Invalid ${context ?? 'input'}: ${details.map((d) => d.field).join(', ')}.`, details } });
  }
  if (error instanceof ZodError) {
    const details = detailsFromZod(error);
    return reply.status(400).send({ error: { code: 'validation_failed', message: 'Invalid input.', details } });
  }
  const pgError = error as PgError;
  if (pgError.code === '23505' || pgError.code === '23503' || pgError.code === '23514' || pgError.code === '23P01') {
    const known = pgError.constraint ? constraintMessages[pgError.constraint] : undefined;
    if (known) {
      return reply.status(known.status).send({ error: { code: known.code, message: known.message, details: [{ field: known.field, code: known.code, message: known.message }] } });
    }
    const status = pgError.code === '23505' ? 409 : 422;
    request.log.warn({ constraint: pgError.constraint, pgCode: pgError.code }, 'constraint violation');
    return reply.status(status).send({ error: { code: 'constraint_violation', message: `The change breaks a rule of the register (${pgError.constraint ?? 'constraint'}).`, details: [] } });
  }
  if (pgError.code === '22P02' || pgError.code === '22007' || pgError.code === '22008') {
    return reply.status(400).send({ error: { code: 'invalid_value', message: 'A value has the wrong format.', details: [] } });
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
