import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../clock/clock.js';
import type { Database } from '../db/database.js';
import { inTenant, type RequestContext, type Trx } from '../db/tenant.js';
import { forbidden, unauthorized } from '../http/errors.js';
import { portalUserId, type Actor } from './actor.js';
import { clearSignedSessionCookie, originOf, readSignedSessionCookie, setSignedSessionCookie, type CookieParts } from './session.js';

/**
 * Family portal sessions (issue 5 item 1): the same design as staff sessions (signed HttpOnly SameSite=Strict cookie
 * carrying a secret token and the tenant, only the token's hash stored, CSRF token on state-changing requests) but
 * their own cookie, table and lifetime, so a staff cookie never opens a portal route and a portal cookie never opens
 * a staff route.
 */

export const portalCookie = 'tovholder_portal';
export const portalSessionMinutes = 60;

export type PortalLoginMethod = 'code' | 'oidc';

export interface NewPortalSession {
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
  /** The cookie's Max-Age (see setSignedSessionCookie). */
  lifetimeSeconds: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** Stores a portal session for the person, in the caller's tenant transaction. */
export async function createPortalSession(
  trx: Trx, person: { id: string; municipalityId: string }, method: PortalLoginMethod, clock: Clock,
): Promise<NewPortalSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = clock.now();
  const expiresAt = new Date(now.getTime() + portalSessionMinutes * 60_000);
  await trx.insertInto('portal_sessions').values({
    id: sha256(token), municipality_id: person.municipalityId, person_id: person.id, method, csrf_token: csrfToken, created_at: now, expires_at: expiresAt,
  }).execute();
  return { cookieValue: `${token}.${person.municipalityId}`, csrfToken, expiresAt, lifetimeSeconds: portalSessionMinutes * 60 };
}

export function setPortalCookie(reply: FastifyReply, session: NewPortalSession, secure: boolean): void {
  setSignedSessionCookie(reply, portalCookie, session, secure);
}

export function clearPortalCookie(reply: FastifyReply, secure: boolean): void {
  clearSignedSessionCookie(reply, portalCookie, secure);
}

/** Reads the signed portal cookie; a missing, unsigned or malformed cookie is simply no session. */
export function readPortalCookie(request: FastifyRequest): CookieParts | null {
  return readSignedSessionCookie(request, portalCookie);
}

export interface PortalAuthenticated {
  ctx: RequestContext;
  sessionId: string;
  csrfToken: string;
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Runs work as the family member logged in to the portal, in one tenant transaction (like asUser). The person must
 * still be a parent or carer with custody in the municipality: custody ended means the session ends too.
 */
export async function asPortalUser<T>(
  request: FastifyRequest,
  deps: { db: Database; clock: Clock },
  work: (trx: Trx, auth: PortalAuthenticated) => Promise<T>,
): Promise<T> {
  const cookie = readPortalCookie(request);
  if (!cookie) throw unauthorized();
  const durable = unsafeMethods.has(request.method);
  return inTenant(deps.db, cookie.municipalityId, async (trx) => {
    const row = await sql<{ session_id: string; csrf_token: string; person_id: string; first_name: string; last_name: string }>`
      select s.id as session_id, s.csrf_token, p.id as person_id, p.first_name, p.last_name
        from portal_sessions s join persons p on p.municipality_id = s.municipality_id and p.id = s.person_id
       where s.id = ${sha256(cookie.token)} and s.revoked_at is null and s.expires_at > ${deps.clock.now().toISOString()}
         and exists (select 1 from family_members fm where fm.municipality_id = p.municipality_id and fm.person_id = p.id
                      and fm.relation in ('parent', 'carer') and fm.has_custody)`.execute(trx);
    const session = row.rows[0];
    if (!session) throw unauthorized('Your session has ended. Log in again.');
    if (unsafeMethods.has(request.method) && request.headers['x-csrf-token'] !== session.csrf_token) {
      throw forbidden('The request is missing a valid CSRF token.', 'csrf_invalid');
    }
    const actor: Actor = {
      userId: portalUserId, municipalityId: cookie.municipalityId, roles: ['parent'], departmentId: null,
      personId: session.person_id, name: `${session.first_name} ${session.last_name}`, via: 'portal',
    };
    return work(trx, { ctx: { db: deps.db, clock: deps.clock, actor, origin: originOf(request) }, sessionId: session.session_id, csrfToken: session.csrf_token });
  }, { durable });
}
