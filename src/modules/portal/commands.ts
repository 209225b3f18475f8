import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { appendAudit, type AuditAction } from '../../platform/audit/audit.js';
import type { Clock } from '../../platform/clock/clock.js';
import type { Database } from '../../platform/db/database.js';
import { appRole, type Origin, type RequestContext, type Trx } from '../../platform/db/tenant.js';
import { createPortalSession, type NewPortalSession, type PortalLoginMethod } from '../../platform/auth/portal-session.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { enqueue } from '../../platform/outbox/outbox.js';
import { getOwnFamily } from '../family/commands.js';
import { getPlan } from '../plan/commands.js';
import type { PlanView } from '../plan/schema.js';
import { enterTenant, findIdentities, findLatestCode, hasCustody, lockCode, ownFamilyId, type PortalIdentity } from './repo.js';
import {
  addressHash, checkCode, codeHash, codeMessage, codeMinutes, newCode, parseAddress, sameHash, type CodeRefusal,
} from './rules.js';
import type { PortalLoginStart, PortalLoginStarted, PortalLoginVerify, PortalMe } from './schema.js';

/**
 * The family portal login (issue 5 item 1). A parent or carer with custody logs in with a one-time code sent to
 * their own e-mail address or mobile number, or through OpenID Connect (oidc.ts). Nothing the caller sees tells
 * whether an address belongs to anyone: the start always answers the same, a wrong, used, expired or unknown code
 * the same. The differences go to the audit log of the person's municipality.
 */

export interface PortalDeps {
  db: Database;
  clock: Clock;
  /** Keys the address and code hashes (the session secret). */
  secret: string;
  production: boolean;
  /** Called after commit when a code message was enqueued, so the outbox can deliver it at once. */
  enqueued?: (municipalityId: string) => void;
}

/** At most this many codes per address per hour; more requests are answered as usual but send nothing. */
export const maxCodesPerHour = 5;

export const invalidCode = () => new AppError(401, 'invalid_code', 'The code is wrong or no longer valid. Ask for a new code.');

/** A transaction as the app role before the tenant is known (like the staff login). */
function beforeTenant<T>(db: Database, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('role', ${appRole}, true), set_config('jit', 'off', true)`.execute(trx);
    return work(trx);
  });
}

function portalAudit(trx: Trx, identity: PortalIdentity, at: Date, origin: Origin, event: {
  action: AuditAction; entityType: string; entityId?: string; reason: string;
}): Promise<void> {
  return appendAudit(trx, {
    municipalityId: identity.municipalityId, at, actorUserId: null, actorRole: 'parent', actorPersonId: identity.personId, origin, ...event,
  });
}

/**
 * Step 1: a code for the address. If the address belongs to a parent or carer with custody, a 6-digit code valid
 * for 10 minutes is stored (hashed) and its message enqueued in the outbox, in one transaction; a new code replaces
 * the address's earlier ones. Unknown addresses get the same answer and nothing happens.
 */
export async function startCodeLogin(deps: PortalDeps, input: PortalLoginStart, origin: Origin): Promise<PortalLoginStarted> {
  const address = parseAddress(input.address)!;
  const hash = addressHash(deps.secret, address);
  const now = deps.clock.now();
  const code = newCode();
  const issued = await beforeTenant(deps.db, async (trx) => {
    const [identity] = await findIdentities(trx, address.channel, address.value);
    if (!identity) return null;
    await enterTenant(trx, identity.municipalityId);
    const municipality = await trx.selectFrom('municipalities').select('settings').where('id', '=', identity.municipalityId).executeTakeFirstOrThrow();
    const recent = await trx.selectFrom('portal_login_codes').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('address_hash', '=', hash).where('created_at', '>', new Date(now.getTime() - 3_600_000)).executeTakeFirstOrThrow();
    if (Number(recent.n) >= maxCodesPerHour) {
      await portalAudit(trx, identity, now, origin, { action: 'login_failed', entityType: 'portal_login_code', reason: 'too_many_codes' });
      return null;
    }
    await trx.updateTable('portal_login_codes').set({ used_at: now }).where('address_hash', '=', hash).where('used_at', 'is', null).execute();
    const id = randomUUID();
    await trx.insertInto('portal_login_codes').values({
      id, municipality_id: identity.municipalityId, person_id: identity.personId, channel: address.channel, address_hash: hash,
      code_hash: codeHash(deps.secret, id, code), created_at: now, expires_at: new Date(now.getTime() + codeMinutes * 60_000),
    }).execute();
    const message = codeMessage(address.channel, code);
    // Two tries at most: a code delivered after its 10 minutes is no use, so there is no long backoff.
    await enqueue(trx, {
      municipalityId: identity.municipalityId, dedupeKey: `portal-code:${id}`, kind: 'portal_login_code', channel: address.channel,
      recipient: address.value, subject: message.subject, body: message.body, notBefore: now, maxAttempts: 2,
    });
    await portalAudit(trx, identity, now, origin, { action: 'create', entityType: 'portal_login_code', entityId: id, reason: address.channel });
    return { municipalityId: identity.municipalityId, demo: municipality.settings.demo === true };
  });
  if (issued) deps.enqueued?.(issued.municipalityId);
  // The demo has no e-mail or SMS; there, and never in production, the code is shown so a visitor can log in.
  const showCode = issued?.demo === true && !deps.production;
  return { status: 'code_sent_if_known', channel: address.channel, expiresInMinutes: codeMinutes, ...(showCode ? { demoCode: code } : {}) };
}

/**
 * Step 2: the code for the address opens a portal session. Only the address's newest code counts; it must be unused,
 * unexpired and have fewer than 5 wrong guesses behind it. Every refusal answers the same 401 invalid_code.
 */
export async function verifyCodeLogin(deps: PortalDeps, input: PortalLoginVerify, origin: Origin): Promise<NewPortalSession> {
  const address = parseAddress(input.address)!;
  const hash = addressHash(deps.secret, address);
  const now = deps.clock.now();
  const outcome = await beforeTenant(deps.db, async (trx) => {
    const latest = await findLatestCode(trx, hash);
    if (!latest) {
      codeHash(deps.secret, randomUUID(), input.code); // the same work as a known address
      return null;
    }
    await enterTenant(trx, latest.municipality_id);
    const row = await lockCode(trx, latest.id);
    const identity = { municipalityId: latest.municipality_id, personId: row.person_id };
    let refusal: CodeRefusal | null = checkCode(row, now, sameHash(row.code_hash, codeHash(deps.secret, row.id, input.code)));
    if (!refusal && !(await hasCustody(trx, row.person_id))) refusal = 'no_custody';
    if (refusal) {
      if (refusal === 'wrong_code') await trx.updateTable('portal_login_codes').set({ attempts: row.attempts + 1 }).where('id', '=', row.id).execute();
      await portalAudit(trx, identity, now, origin, { action: 'login_failed', entityType: 'portal_session', entityId: row.id, reason: refusal });
      return null;
    }
    await trx.updateTable('portal_login_codes').set({ used_at: now }).where('id', '=', row.id).execute();
    return openSession(trx, deps.clock, identity, 'code', origin);
  });
  // The failed attempt is committed (attempts, audit row) before the caller is told.
  if (!outcome) throw invalidCode();
  return outcome;
}

/** Creates the portal session and audits the login, in the person's tenant. */
export async function openSession(trx: Trx, clock: Clock, identity: PortalIdentity, method: PortalLoginMethod, origin: Origin): Promise<NewPortalSession> {
  const session = await createPortalSession(trx, { id: identity.personId, municipalityId: identity.municipalityId }, method, clock);
  await portalAudit(trx, identity, clock.now(), origin, { action: 'login', entityType: 'portal_session', reason: method });
  return session;
}

/**
 * The OpenID Connect login's second half: the CPR number the identity provider vouched for is matched to a parent or
 * carer with custody (the CPR number is only looked up, never stored or used as a key). No match: no session.
 */
export async function logInByCpr(deps: PortalDeps, cpr: string, origin: Origin): Promise<NewPortalSession | null> {
  return beforeTenant(deps.db, async (trx) => {
    const [identity] = await findIdentities(trx, 'cpr', cpr);
    if (!identity) return null;
    await enterTenant(trx, identity.municipalityId);
    return openSession(trx, deps.clock, identity, 'oidc', origin);
  });
}

export async function logOutOfPortal(trx: Trx, ctx: RequestContext, sessionId: string): Promise<void> {
  await trx.updateTable('portal_sessions').set({ revoked_at: ctx.clock.now() }).where('id', '=', sessionId).execute();
  await portalAudit(trx, { municipalityId: ctx.actor.municipalityId, personId: ctx.actor.personId! }, ctx.clock.now(), ctx.origin, {
    action: 'logout', entityType: 'portal_session', reason: 'portal',
  });
}

/** Who is logged in, and their family (the read is audited by the family module like any other). */
export async function getPortalMe(trx: Trx, ctx: RequestContext, sessionId: string, csrfToken: string): Promise<PortalMe> {
  const person = await trx.selectFrom('persons').innerJoin('municipalities', 'municipalities.id', 'persons.municipality_id')
    .innerJoin('portal_sessions', (j) => j.onRef('portal_sessions.municipality_id', '=', 'persons.municipality_id').onRef('portal_sessions.person_id', '=', 'persons.id'))
    .select(['persons.first_name', 'persons.last_name', 'municipalities.name', 'portal_sessions.method', 'portal_sessions.expires_at'])
    .where('persons.id', '=', ctx.actor.personId!).where('portal_sessions.id', '=', sessionId).executeTakeFirstOrThrow();
  const family = await getOwnFamily(trx, ctx);
  return {
    person: { firstName: person.first_name, lastName: person.last_name }, municipality: { name: person.name },
    method: person.method as PortalMe['method'], expiresAt: new Date(person.expires_at).toISOString(), family, csrfToken,
  };
}

/** The joint plan of the parent's own family, as the plan module shows it to a parent (no child's voice). */
export async function getOwnPlan(trx: Trx, ctx: RequestContext): Promise<PlanView> {
  const familyId = await ownFamilyId(trx, ctx.actor.personId!);
  if (!familyId) throw notFound('Your family');
  return getPlan(trx, ctx, familyId);
}
