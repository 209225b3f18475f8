/**
 * Who is acting. Built from a session today; single sign-on (OIDC) later produces the same Actor, so the policy
 * module never needs to know how someone logged in.
 */
export const roles = [
  'coordinator', 'core_team_member', 'external_partner', 'team_leader', 'department_head', 'controller', 'administrator', 'parent',
] as const;
export type Role = (typeof roles)[number];

export interface Actor {
  userId: string;
  municipalityId: string;
  roles: Role[];
  departmentId: string | null;
  /** Set for parents: the person record the account belongs to. */
  personId: string | null;
  name: string;
  /**
   * 'portal': a family member logged in to the family portal (issue 5 item 1). They have no user account: userId is
   * portalUserId, which matches no user, and the audit log records the person instead.
   */
  via?: 'portal';
}

/** The userId of a portal actor: the nil UUID, which no user has. */
export const portalUserId = '00000000-0000-0000-0000-000000000000';

export function hasRole(actor: Actor, ...wanted: Role[]): boolean {
  return actor.roles.some((role) => wanted.includes(role));
}
