import { z } from 'zod';
import { Abilities, OptionalText, RequiredText, Version } from '../../platform/http/fields.js';
import { CaseSummary } from '../case/schema.js';
import { PersonInput, PersonView, Relation } from '../person/schema.js';

export const FamilyInput = z.object({
  name: RequiredText(200),
  address: OptionalText(300),
  notes: OptionalText(4000),
});
export type FamilyInput = z.infer<typeof FamilyInput>;

export const FamilyUpdate = z.object({
  name: RequiredText(200).optional(),
  address: OptionalText(300),
  notes: OptionalText(4000),
  version: Version,
});
export type FamilyUpdate = z.infer<typeof FamilyUpdate>;

export const MemberInput = z.object({
  relation: Relation,
  hasCustody: z.boolean().default(false),
  person: PersonInput,
});
export type MemberInput = z.infer<typeof MemberInput>;

export const MemberView = z.object({
  relation: Relation,
  hasCustody: z.boolean(),
  person: PersonView,
});
export type MemberView = z.infer<typeof MemberView>;

export const FamilyView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  version: z.number().int(),
  members: z.array(MemberView),
  cases: z.array(CaseSummary),
  accessReason: z.string(),
  abilities: Abilities,
});
export type FamilyView = z.infer<typeof FamilyView>;

/** What a parent sees of their own family in the foundation: who is in it and who their contact is. */
export const OwnFamilyView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  members: z.array(z.object({ relation: Relation, firstName: z.string(), lastName: z.string() })),
  contacts: z.array(z.object({ childFirstName: z.string(), role: z.string(), name: z.string(), phone: z.string().nullable(), email: z.string() })),
});
export type OwnFamilyView = z.infer<typeof OwnFamilyView>;
