import { sql } from 'kysely';
import type { App } from '../src/app.js';
import type { Database } from '../src/platform/db/database.js';

/**
 * Logging in to the family portal in tests (issue 5 item 1) the way a parent does: ask for a code, read it from the
 * outbox row it was enqueued in (where the worker would take it from), and type it in.
 */

export interface PortalSession {
  cookie: string;
  csrf: string;
  /** Headers for app.inject: the portal cookie and its CSRF token. */
  headers: { cookie: string; 'x-csrf-token': string };
}

/** The newest login code enqueued for the address, read from the outbox message's text. */
export async function codeFromOutbox(db: Database, recipient: string): Promise<string> {
  // The message of the address's live code: a new code marks the earlier ones used (several may share a timestamp).
  const row = await db.selectFrom('outbox_messages as o')
    .innerJoin('portal_login_codes as c', (j) => j.onRef('c.municipality_id', '=', 'o.municipality_id').on(sql<boolean>`o.dedupe_key = 'portal-code:' || c.id::text`))
    .select('o.body').where('o.kind', '=', 'portal_login_code').where('o.recipient', '=', recipient)
    .orderBy(sql`c.used_at is null`, 'desc').orderBy('c.created_at', 'desc').limit(1).executeTakeFirst();
  const code = row && /\b([0-9]{6})\b/.exec(row.body)?.[1];
  if (!code) throw new Error('no portal login code was enqueued for the address');
  return code;
}

export function portalCookieOf(setCookie: string | string[] | undefined): string | null {
  const raw = (Array.isArray(setCookie) ? setCookie : [setCookie ?? '']).find((c) => c.startsWith('tovholder_portal='));
  return raw ? raw.split(';')[0]! : null;
}

/** Logs the person with this e-mail address in to the portal: start, code from the outbox, verify. */
export async function loginToPortal(app: App, db: Database, email: string): Promise<PortalSession> {
  const start = await app.inject({ method: 'POST', url: '/api/portal/login/start', payload: { address: email } });
  if (start.statusCode !== 202) throw new Error(`portal login start failed: ${start.statusCode} ${start.body}`);
  const code = await codeFromOutbox(db, email.toLowerCase());
  const verify = await app.inject({ method: 'POST', url: '/api/portal/login/verify', payload: { address: email, code } });
  if (verify.statusCode !== 200) throw new Error(`portal login verify failed: ${verify.statusCode} ${verify.body}`);
  const cookie = portalCookieOf(verify.headers['set-cookie']);
  if (!cookie) throw new Error('portal login set no cookie');
  const csrf = (verify.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

/** A unique e-mail address for a person, so a portal login finds exactly them. */
export async function givePortalEmail(db: Database, personId: string): Promise<string> {
  const email = `portal-${personId.slice(0, 8)}@example.test`;
  await db.updateTable('persons').set({ email }).where('id', '=', personId).execute();
  return email;
}
