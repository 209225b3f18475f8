import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { inTenant, type Origin, type RequestContext, type Trx } from '../db/tenant.js';
import { forbidden, unauthorized } from '../http/errors.js';
import type { Actor, Role } from './actor.js';

export const sessionCookie = 'tovholder_session';
export const sessionHours = 8;

export interface NewSession {
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
  /** The session's lifetime: the cookie's Max-Age, which browsers count from when they receive it. */
  lifetimeSeconds: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** Stores a session for the user; the cookie carries the secret token and the tenant, the database only its hash. */
export async function createSession(trx: Trx, user: { id: string; municipalityId: string }, clock: Clock): Promise<NewSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000);
  await trx.insertInto('sessions').values({
    id: sha256(token), municipality_id: user.municipalityId, user_id: user.id, csrf_token: csrfToken, created_at: now, expires_at: expiresAt,
  }).execute();
  return { cookieValue: `${token}.${user.municipalityId}`, csrfToken, expiresAt, lifetimeSeconds: sessionHours * 3600 };
}

/**
 * The session cookies (staff here, the family portal's in portal-session.ts) share one shape: signed, httpOnly,
 * SameSite=Strict, `<token>.<municipality id>`; only the name and lifetime differ. Max-Age (which browsers obey
 * before Expires, RFC 6265 §5.3) is relative, so a browser whose clock differs from the server's keeps the cookie
 * exactly as long as the session lasts; the server checks the session's own expiry on every request anyway.
 */
export function setSignedSessionCookie(reply: FastifyReply, name: string, session: { cookieValue: string; expiresAt: Date; lifetimeSeconds: number }, secure: boolean): void {
  reply.setCookie(name, session.cookieValue, {
    path: '/', httpOnly: true, sameSite: 'strict', secure, signed: true, expires: session.expiresAt, maxAge: session.lifetimeSeconds,
  });
}

export function clearSignedSessionCookie(reply: FastifyReply, name: string, secure: boolean): void {
  reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'strict', secure, signed: true });
}

export function setSessionCookie(reply: FastifyReply, session: NewSession, secure: boolean): void {
  setSignedSessionCookie(reply, sessionCookie, session, secure);
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  clearSignedSessionCookie(reply, sessionCookie, secure);
}

export interface CookieParts { token: string; municipalityId: string }

/** Reads the signed staff cookie; a missing, unsigned or malformed cookie is simply no session. */
export function readSessionCookie(request: FastifyRequest): CookieParts | null {
  return readSignedSessionCookie(request, sessionCookie);
}

/** Reads a signed session cookie by name; a missing, unsigned or malformed cookie is simply no session. */
export function readSignedSessionCookie(request: FastifyRequest, name: string): CookieParts | null {
  const raw = request.cookies[name];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const match = /^([A-Za-z0-9_-]{43})\.([0-9a-f-]{36})$/.exec(unsigned.value);
  if (!match) return null;
  return { token: match[1]!, municipalityId: match[2]! };
}

export function originOf(request: FastifyRequest): Origin {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '').slice(0, 200), requestId: String(request.id) };
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Authenticated {
  ctx: RequestContext;
  sessionId: string;
  csrfToken: string;
}

/**
 * Runs work as the logged-in user, in one tenant transaction: the session is checked (exists, not revoked, not
 * expired, CSRF token matches on state-changing requests) by the first statement after the tenant is set, so a
 * request costs no extra transaction for authentication.
 */
export async function asUser<T>(
  request: FastifyRequest,
  deps: { db: Database; clock: Clock },
  work: (trx: Trx, auth: Authenticated) => Promise<T>,
): Promise<T> {
  const cookie = readSessionCookie(request);
  if (!cookie) throw unauthorized();
  // Safe methods only read case data; their audit rows may commit without waiting for the flush (TenantOptions).
  const durable = unsafeMethods.has(request.method);
  return inTenant(deps.db, cookie.municipalityId, async (trx) => {
    const row = await sql<{
      session_id: string; csrf_token: string; user_id: string; roles: Role[]; department_id: string | null; person_id: string | null; name: string;
    }>`select s.id as session_id, s.csrf_token, u.id as user_id, u.roles, u.department_id, u.person_id, u.name
         from sessions s join users u on u.municipality_id = s.municipality_id and u.id = s.user_id
        where s.id = ${sha256(cookie.token)} and s.revoked_at is null and s.expires_at > ${deps.clock.now().toISOString()} and u.active`.execute(trx);
    const session = row.rows[0];
    if (!session) throw unauthorized('Your session has ended. Log in again.');
    // Parents use the family portal and its own sessions (issue 5 item 1); a staff session of a parent-only account
    // (left from before the portal) opens nothing.
    if (session.roles.every((role) => role === 'parent')) throw unauthorized('Parents log in through the family portal.');
    if (unsafeMethods.has(request.method) && request.headers['x-csrf-token'] !== session.csrf_token) {
      throw forbidden('The request is missing a valid CSRF token.', 'csrf_invalid');
    }
    const actor: Actor = {
      userId: session.user_id, municipalityId: cookie.municipalityId, roles: session.roles,
      departmentId: session.department_id, personId: session.person_id, name: session.name,
    };
    return work(trx, { ctx: { db: deps.db, clock: deps.clock, actor, origin: originOf(request) }, sessionId: session.session_id, csrfToken: session.csrf_token });
  }, { durable });
}
