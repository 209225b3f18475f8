import { z } from 'zod';
import { roles } from '../../platform/auth/actor.js';
import { Id, OptionalText, RequiredText, Version } from '../../platform/http/fields.js';
import { minimumPasswordLength } from '../../platform/auth/password.js';

export const departmentKinds = [
  'child_disability', 'child_youth', 'adult_services', 'employment', 'school', 'daycare', 'ppr',
  'health_visitor', 'family_therapy', 'physiotherapy', 'psychiatry', 'health', 'visitation', 'other',
] as const;

export const MunicipalityView = z.object({
  id: z.string().uuid(), code: z.string(), name: z.string(), settings: z.record(z.string(), z.unknown()), version: z.number().int(),
});
export const MunicipalityUpdate = z.object({
  name: RequiredText(100).optional(),
  settings: z.record(z.string(), z.unknown()).optional(),
  version: Version,
});
export type MunicipalityUpdate = z.infer<typeof MunicipalityUpdate>;

export const DepartmentInput = z.object({ kind: z.enum(departmentKinds), name: RequiredText(120) });
export type DepartmentInput = z.infer<typeof DepartmentInput>;
export const DepartmentView = z.object({ id: z.string().uuid(), kind: z.string(), name: z.string(), version: z.number().int() });

const Roles = z.array(z.enum(roles)).min(1, 'required: Choose at least one role.');
const Password = z.string().min(minimumPasswordLength, `too_short: At least ${minimumPasswordLength} characters.`).max(200);

export const UserInput = z.object({
  email: z.string().trim().toLowerCase().email('email_invalid: Enter a valid e-mail address.').max(200),
  name: RequiredText(120),
  phone: OptionalText(40),
  /** When the family can reach this person, in their own words; shown to families in the portal (issue 5 item 2). */
  reachableHours: OptionalText(200),
  departmentId: Id.nullish(),
  roles: Roles,
  hasAuthority: z.boolean().default(false),
  password: Password,
});
export type UserInput = z.infer<typeof UserInput>;

export const UserUpdate = z.object({
  name: RequiredText(120).optional(),
  phone: OptionalText(40),
  reachableHours: OptionalText(200),
  departmentId: Id.nullish(),
  roles: Roles.optional(),
  hasAuthority: z.boolean().optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
  version: Version,
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const UserView = z.object({
  id: z.string().uuid(), email: z.string(), name: z.string(), phone: z.string().nullable(), reachableHours: z.string().nullable(),
  departmentId: z.string().uuid().nullable(), roles: z.array(z.enum(roles)), hasAuthority: z.boolean(), active: z.boolean(), version: z.number().int(),
});
export type UserView = z.infer<typeof UserView>;

export const StaffView = z.object({
  id: z.string().uuid(), name: z.string(), departmentId: z.string().uuid().nullable(), roles: z.array(z.enum(roles)), hasAuthority: z.boolean(),
});
