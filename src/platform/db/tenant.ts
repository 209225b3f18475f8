import { sql, type Transaction } from 'kysely';
import type { Clock } from '../clock/clock.js';
import type { Actor } from '../auth/actor.js';
import type { Database } from './database.js';
import type { DB } from './schema-types.js';

export type Trx = Transaction<DB>;

/** Where a request came from, for the audit log (no personal data). */
export interface Origin {
  ip: string;
  userAgent: string;
  requestId: string;
}

/** Everything a command needs about the request: database, clock, the acting user and the origin. */
export interface RequestContext {
  db: Database;
  clock: Clock;
  actor: Actor;
  origin: Origin;
}

/** The database role every request runs as; it is neither superuser nor BYPASSRLS, so row-level security applies. */
export const appRole = 'tovholder_app';

/** How a tenant transaction commits. */
export interface TenantOptions {
  /**
   * false: commit without waiting for the WAL flush (synchronous_commit = off, this transaction only). For requests
   * that only read case data, whose one write is the read's audit row: a database crash can lose the last fraction of
   * a second of read-audit rows, atomically with their chain-head update, so the chain stays whole and verifiable;
   * nothing a user changed is ever committed this way. Saves the flush that otherwise dominates a read request.
   */
  durable?: boolean;
}

/**
 * Runs work in one transaction bound to a municipality: sets the tenant that the row-level security policies read
 * and switches to the app role (PGlite's session is a superuser that would bypass RLS). Both revert at commit.
 * JIT compilation is switched off for the transaction: request queries are short, and PostgreSQL's cost-based JIT
 * (measured: 3.2 s compiling a 3 ms search) only ever costs time here. Same round trip, no extra statement.
 */
export function inTenant<T>(db: Database, municipalityId: string, work: (trx: Trx) => Promise<T>, options: TenantOptions = {}): Promise<T> {
  const synchronousCommit = options.durable === false ? 'off' : 'on';
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.municipality_id', ${municipalityId}, true), set_config('role', ${appRole}, true),
      set_config('jit', 'off', true), set_config('synchronous_commit', ${synchronousCommit}, true)`.execute(trx);
    return work(trx);
  });
}

/** The tenant transaction of the acting user. */
export function inActorTenant<T>(ctx: RequestContext, work: (trx: Trx) => Promise<T>): Promise<T> {
  return inTenant(ctx.db, ctx.actor.municipalityId, work);
}
