import { sql } from 'kysely';
import type { Database } from './database.js';
import { appRole } from './tenant.js';

export interface RoleProblem { code: 'not_member_of_app_role' | 'no_operator_access'; message: string }

/**
 * What the role Tovholder connects as (DATABASE_URL's user) must be able to do, checked at startup so a deployment
 * with the wrong grants stops with a clear message instead of failing later on the first request or, worse, running
 * with an outbox worker and reminder scheduler that silently see no municipalities:
 * - every request switches to the app role (`set local role tovholder_app`), so the connecting role must be a member;
 * - operator work outside a tenant — migrating, creating a municipality, the outbox worker and the reminder scheduler
 *   walking every municipality — reads the tenant tables across municipalities; they have row-level security *forced*
 *   with policies only for the app role, so the connecting role must be superuser or have BYPASSRLS.
 * The app role itself is never superuser nor BYPASSRLS (tenant.ts), so requests stay inside their tenant.
 */
export async function checkConnectingRole(db: Database): Promise<RoleProblem[]> {
  const { rows } = await sql<{ role: string; superuser: boolean; bypass: boolean; member: boolean }>`
    select current_user as role, r.rolsuper as superuser, r.rolbypassrls as bypass,
           pg_has_role(current_user, ${appRole}, 'MEMBER') as member
      from pg_roles r where r.rolname = current_user`.execute(db);
  const me = rows[0];
  if (!me) return [];
  const problems: RoleProblem[] = [];
  if (!me.superuser && !me.member) {
    problems.push({
      code: 'not_member_of_app_role',
      message: `The database role "${me.role}" is not a member of ${appRole}; every request switches to that role. Run: grant ${appRole} to "${me.role}";`,
    });
  }
  if (!me.superuser && !me.bypass) {
    problems.push({
      code: 'no_operator_access',
      message: `The database role "${me.role}" has neither SUPERUSER nor BYPASSRLS, so the outbox worker, the reminder scheduler and new municipalities would see no tenants (row-level security is forced). Run: alter role "${me.role}" bypassrls; (requests still run as ${appRole}, which never bypasses it).`,
    });
  }
  return problems;
}
