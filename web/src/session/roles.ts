import type { Role, SessionUser } from '../api/types';

/**
 * Which pages to offer in the menu. This only decides what to show; the server decides what is allowed
 * (src/platform/policy/policy.ts), and records carry `abilities` for their own buttons.
 */
const has = (user: SessionUser, ...roles: Role[]) => user.roles.some((role) => roles.includes(role));

/** Staff who work with families: "Mine familier" and search. */
export const worksWithFamilies = (user: SessionUser) =>
  has(user, 'coordinator', 'core_team_member', 'team_leader', 'department_head');
/** An external partner only (issue 5 item 4): their own page of families that consented, no staff pages or search. */
export const isExternalPartner = (user: SessionUser) => has(user, 'external_partner') && !worksWithFamilies(user);
export const mayCreateFamily = (user: SessionUser) => has(user, 'coordinator', 'team_leader', 'department_head');
export const isAdministrator = (user: SessionUser) => has(user, 'administrator');
/** Every staff member reads the decision-competence plan (issue 8 item 1: "what may I decide?"). */
export const readsCompetencePlan = (user: SessionUser) =>
  has(user, 'coordinator', 'core_team_member', 'team_leader', 'department_head', 'administrator', 'controller');
export const isParent = (user: SessionUser) => has(user, 'parent');

/** Where a user lands after logging in. */
export function homePath(user: SessionUser): string {
  if (worksWithFamilies(user)) return '/';
  if (isExternalPartner(user)) return '/partner';
  if (isParent(user)) return '/my-family';
  if (isAdministrator(user)) return '/admin/users';
  // A controller sees money and aggregates only (issue 8 item 6).
  if (has(user, 'controller')) return '/reports/costs';
  return '/';
}
