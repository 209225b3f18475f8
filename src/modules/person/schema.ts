import { z } from 'zod';
import { IsoDate, OptionalText, RequiredText, Version } from '../../platform/http/fields.js';
import { validateCpr } from './cpr.js';

export const relations = ['child', 'parent', 'carer', 'sibling', 'other'] as const;
export const Relation = z.enum(relations);

/** A CPR number in, normalised to 10 digits out; the date part must be real (current-law.md). */
export const CprField = z.string().trim().superRefine((value, ctx) => {
  const result = validateCpr(value);
  if (!result.valid) ctx.addIssue({ code: 'custom', message: `${result.code}: ${result.message}` });
}).transform((value) => (validateCpr(value) as { normalized: string }).normalized);

const personFields = {
  firstName: RequiredText(100),
  lastName: RequiredText(100),
  cpr: z.union([CprField, z.literal('').transform(() => null), z.null()]).optional(),
  birthDate: IsoDate.nullish(),
  phone: OptionalText(40),
  email: z.union([z.string().trim().email('email_invalid: Enter a valid e-mail address.').max(200), z.literal('').transform(() => null), z.null()]).optional(),
};

export const PersonInput = z.object(personFields);
export type PersonInput = z.infer<typeof PersonInput>;

export const PersonUpdate = z.object({
  firstName: personFields.firstName.optional(),
  lastName: personFields.lastName.optional(),
  cpr: personFields.cpr,
  birthDate: personFields.birthDate,
  phone: personFields.phone,
  email: personFields.email,
  version: Version,
});
export type PersonUpdate = z.infer<typeof PersonUpdate>;

export const PersonView = z.object({
  id: z.string().uuid(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  cpr: z.string().nullable(),
  cprWarnings: z.array(z.enum(['modulus11_failed', 'replacement_number'])),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  version: z.number().int(),
});
export type PersonView = z.infer<typeof PersonView>;
