import { sql } from 'kysely';
import type { Clock } from '../../platform/clock/clock.js';
import type { Database } from '../../platform/db/database.js';
import { appRole, inTenant, type Origin, type Trx } from '../../platform/db/tenant.js';
import { appendAudit } from '../../platform/audit/audit.js';
import { burnPasswordCheck, verifyPassword } from '../../platform/auth/password.js';
import { createSession, type NewSession } from '../../platform/auth/session.js';
import { AppError } from '../../platform/http/errors.js';
import type { LoginInput, SessionUser } from './schema.js';

/** After this many wrong passwords in a row the account is locked for lockMinutes. */
export const maxFailedLogins = 5;
export const lockMinutes = 15;

const invalidCredentials = () => new AppError(401, 'invalid_credentials', 'The e-mail address or password is wrong.');

/**
 * Logs a user in. The transaction starts without a tenant: the login_lookup policy lets it see exactly the one
 * user with the given e-mail; once found, the user's municipality becomes the tenant for the rest (counters,
 * session, audit). Unknown e-mail, wrong password and locked account all answer the same way.
 */
export async function logIn(db: Database, clock: Clock, input: LoginInput, origin: Origin): Promise<{ user: SessionUser; session: NewSession }> {
  const now = clock.now();
  const outcome = await db.transaction().execute(async (trx) => {
    await sql`select set_config('app.login_email', ${input.email}, true), set_config('role', ${appRole}, true)`.execute(trx);
    const user = await trx.selectFrom('users')
      .select(['id', 'municipality_id', 'name', 'email', 'roles', 'department_id', 'password_hash', 'failed_logins', 'locked_until', 'active'])
      .where('email', '=', input.email).executeTakeFirst();
    if (!user || !user.active || !user.password_hash) {
      await burnPasswordCheck(input.password);
      return { ok: false as const };
    }
    await sql`select set_config('app.municipality_id', ${user.municipality_id}, true), set_config('app.login_email', '', true)`.execute(trx);
    const locked = user.locked_until !== null && new Date(user.locked_until) > now;
    const passwordOk = await verifyPassword(user.password_hash, input.password);
    const audit = (action: 'login' | 'login_failed', reason: string) => appendAudit(trx, {
      municipalityId: user.municipality_id, at: now, actorUserId: user.id, actorRole: user.roles.join(','),
      action, entityType: 'session', reason, origin,
    });
    if (locked || !passwordOk) {
      const failed = user.failed_logins + 1;
      await trx.updateTable('users').set({
        failed_logins: locked ? user.failed_logins : failed,
        locked_until: !locked && failed >= maxFailedLogins ? new Date(now.getTime() + lockMinutes * 60_000) : user.locked_until,
      }).where('id', '=', user.id).execute();
      await audit('login_failed', locked ? 'account_locked' : 'wrong_password');
      return { ok: false as const };
    }
    await trx.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', user.id).execute();
    // Parents log in to the family portal (issue 5 item 1), never here. Said only after the right password, so the
    // answer reveals nothing the caller did not already prove they know.
    if ((user.roles as string[]).every((role) => role === 'parent')) {
      await audit('login_failed', 'parent_uses_portal');
      return { ok: false as const, usePortal: true };
    }
    const municipality = await trx.selectFrom('municipalities').select(['id', 'name', 'code']).where('id', '=', user.municipality_id).executeTakeFirstOrThrow();
    const session = await createSession(trx, { id: user.id, municipalityId: user.municipality_id }, clock);
    await audit('login', 'password');
    const view: SessionUser = {
      id: user.id, name: user.name, email: user.email, roles: user.roles as SessionUser['roles'], departmentId: user.department_id, municipality,
    };
    return { ok: true as const, user: view, session };
  });
  // The failed attempt is committed (counter, audit row) before the caller is told.
  if (!outcome.ok && 'usePortal' in outcome) {
    throw new AppError(401, 'use_portal', 'Parents log in through the family portal at /portal/login.');
  }
  if (!outcome.ok) throw invalidCredentials();
  return { user: outcome.user, session: outcome.session };
}

export async function logOut(trx: Trx, sessionId: string, now: Date): Promise<void> {
  await trx.updateTable('sessions').set({ revoked_at: now }).where('id', '=', sessionId).execute();
}

export async function loadSessionUser(trx: Trx, userId: string): Promise<SessionUser> {
  const row = await trx.selectFrom('users').innerJoin('municipalities', 'municipalities.id', 'users.municipality_id')
    .select(['users.id', 'users.name', 'users.email', 'users.roles', 'users.department_id', 'municipalities.id as mid', 'municipalities.name as mname', 'municipalities.code'])
    .where('users.id', '=', userId).executeTakeFirstOrThrow();
  return {
    id: row.id, name: row.name, email: row.email, roles: row.roles as SessionUser['roles'], departmentId: row.department_id,
    municipality: { id: row.mid, name: row.mname, code: row.code },
  };
}

export { inTenant };
