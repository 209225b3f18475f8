import { sql } from 'kysely';
import { audit } from '../../platform/audit/audit.js';
import { hashPassword } from '../../platform/auth/password.js';
import type { RequestContext, Trx } from '../../platform/db/tenant.js';
import { notFound, staleVersion } from '../../platform/http/errors.js';
import { countLedOpenCases } from '../handover/commands.js';
import { checkNotLastResponsible } from '../handover/rules.js';
import { requireRole } from '../../platform/policy/policy.js';
import type { DepartmentInput, MunicipalityUpdate, UserInput, UserUpdate, UserView } from './schema.js';
import { checkMunicipalitySettings } from './settings.js';

const userColumns = ['id', 'email', 'name', 'phone', 'reachable_hours', 'department_id', 'roles', 'has_authority', 'active', 'version'] as const;
type UserRow = { id: string; email: string; name: string; phone: string | null; reachable_hours: string | null; department_id: string | null; roles: string[]; has_authority: boolean; active: boolean; version: number };
const toUserView = (u: UserRow): UserView => ({
  id: u.id, email: u.email, name: u.name, phone: u.phone, reachableHours: u.reachable_hours, departmentId: u.department_id, roles: u.roles as UserView['roles'],
  hasAuthority: u.has_authority, active: u.active, version: u.version,
});

export async function getMunicipality(trx: Trx) {
  const m = await trx.selectFrom('municipalities').select(['id', 'code', 'name', 'settings', 'version']).executeTakeFirstOrThrow();
  return m;
}

/**
 * The administrator replaces the settings they may edit; the markers the system set (`demo`: the production start-up
 * refuses a database holding demo data, prepare-database.ts) are not theirs to drop and stay as they were.
 */
function withSystemMarkers(settings: Record<string, unknown>, current: unknown): Record<string, unknown> {
  const stored = (current ?? {}) as Record<string, unknown>;
  return stored.demo === true ? { ...settings, demo: true } : settings;
}

export async function updateMunicipality(trx: Trx, ctx: RequestContext, input: MunicipalityUpdate) {
  requireRole(ctx.actor, 'manage_municipality');
  // Only the allow-listed settings, each in its range; the SOF follow-up cadence is fixed and refused (001:770-771).
  if (input.settings) checkMunicipalitySettings(input.settings);
  const current = await getMunicipality(trx);
  const updated = await trx.updateTable('municipalities').set({
    name: input.name ?? current.name,
    settings: JSON.stringify(input.settings ? withSystemMarkers(input.settings, current.settings) : current.settings),
    version: input.version + 1,
  }).where('id', '=', ctx.actor.municipalityId).where('version', '=', input.version)
    .returning(['id', 'code', 'name', 'settings', 'version']).executeTakeFirst();
  if (!updated) throw staleVersion('The municipality');
  await audit(trx, ctx, { action: 'update', entityType: 'municipality', entityId: updated.id, reason: 'administrator' });
  return updated;
}

export async function listDepartments(trx: Trx) {
  return trx.selectFrom('departments').select(['id', 'kind', 'name', 'version']).orderBy('name').execute();
}

export async function createDepartment(trx: Trx, ctx: RequestContext, input: DepartmentInput) {
  requireRole(ctx.actor, 'manage_users');
  const created = await trx.insertInto('departments').values({ municipality_id: ctx.actor.municipalityId, kind: input.kind, name: input.name })
    .returning(['id', 'kind', 'name', 'version']).executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'department', entityId: created.id, reason: 'administrator' });
  return created;
}

export async function listUsers(trx: Trx, ctx: RequestContext): Promise<UserView[]> {
  requireRole(ctx.actor, 'manage_users');
  const rows = await trx.selectFrom('users').select([...userColumns]).orderBy('name').execute();
  await audit(trx, ctx, { action: 'read', entityType: 'users', reason: 'administrator' });
  return rows.map(toUserView);
}

/** Colleagues who can be assigned to a case or core team: staff only, no parents, no contact details. */
export async function listStaff(trx: Trx, ctx: RequestContext) {
  requireRole(ctx.actor, 'list_staff');
  const rows = await trx.selectFrom('users').select(['id', 'name', 'department_id', 'roles', 'has_authority'])
    .where('active', '=', true).where(sql<boolean>`roles <> array['parent']`).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, departmentId: r.department_id, roles: r.roles as UserView['roles'], hasAuthority: r.has_authority }));
}

export async function createUser(trx: Trx, ctx: RequestContext, input: UserInput): Promise<UserView> {
  requireRole(ctx.actor, 'manage_users');
  const created = await trx.insertInto('users').values({
    municipality_id: ctx.actor.municipalityId, email: input.email, name: input.name, phone: input.phone, reachable_hours: input.reachableHours ?? null, department_id: input.departmentId ?? null,
    roles: input.roles, has_authority: input.hasAuthority, password_hash: await hashPassword(input.password),
  }).returning([...userColumns]).executeTakeFirstOrThrow();
  await audit(trx, ctx, { action: 'create', entityType: 'user', entityId: created.id, reason: 'administrator' });
  return toUserView(created);
}

export async function updateUser(trx: Trx, ctx: RequestContext, userId: string, input: UserUpdate): Promise<UserView> {
  // 404 before 403 (style.md §3): a user of another municipality does not exist for the caller, whatever their role.
  const current = await trx.selectFrom('users').select([...userColumns]).where('id', '=', userId).executeTakeFirst();
  if (!current) throw notFound('The user');
  requireRole(ctx.actor, 'manage_users');
  if (input.active === false && current.active) checkNotLastResponsible(await countLedOpenCases(trx, userId));
  const updated = await trx.updateTable('users').set({
    name: input.name ?? current.name,
    phone: input.phone !== undefined ? input.phone : current.phone,
    reachable_hours: input.reachableHours !== undefined ? input.reachableHours : current.reachable_hours,
    department_id: input.departmentId !== undefined ? input.departmentId : current.department_id,
    roles: input.roles ?? current.roles,
    has_authority: input.hasAuthority ?? current.has_authority,
    active: input.active ?? current.active,
    ...(input.password ? { password_hash: await hashPassword(input.password), failed_logins: 0, locked_until: null } : {}),
    version: input.version + 1,
  }).where('id', '=', userId).where('version', '=', input.version).returning([...userColumns]).executeTakeFirst();
  if (!updated) throw staleVersion('The user');
  if (input.active === false || input.password) {
    await trx.updateTable('sessions').set({ revoked_at: ctx.clock.now() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }
  await audit(trx, ctx, { action: 'update', entityType: 'user', entityId: userId, reason: 'administrator' });
  return toUserView(updated);
}
