import { z } from 'zod';
import { Abilities, Id, IsoDate, Version } from '../../platform/http/fields.js';

/**
 * Consent to share (issue 5 item 3): a family's consent to share information with a named department or partner
 * organisation (a `departments` row; an external partner user belongs to one). Consent governs partner access
 * (item 4, src/platform/policy/policy.ts partnerAccessReasonSql).
 */

/** What may be shared. 'coordination': the recipient's own goals and agreements, meeting times and shared minutes. */
export const ConsentScope = z.enum(['coordination']);
export type ConsentScope = z.infer<typeof ConsentScope>;

export const ConsentView = z.object({
  id: Id,
  department: z.object({ id: Id, name: z.string(), kind: z.string(), external: z.boolean() }),
  scope: ConsentScope,
  givenOn: z.string(),
  givenBy: z.object({ personId: Id, name: z.string() }),
  /** Given by the parent in the portal, or on paper and recorded by staff. */
  source: z.enum(['portal', 'paper']),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawnBy: z.string().nullable(),
  inForce: z.boolean(),
  version: z.number().int(),
});
export type ConsentView = z.infer<typeof ConsentView>;

/** A department or partner the family may consent to share with, and how it is involved with the family now. */
export const ConsentRecipient = z.object({
  departmentId: Id,
  name: z.string(),
  kind: z.string(),
  /** Someone from it is an external partner (not municipal staff). */
  external: z.boolean(),
  /** Taking part in the family's core team or meetings now. */
  involvement: z.array(z.enum(['core_team', 'meeting'])),
  /** The consent in force for it, if any. */
  consentId: Id.nullable(),
});
export type ConsentRecipient = z.infer<typeof ConsentRecipient>;

export const FamilyConsents = z.object({
  familyId: Id,
  /** Every consent ever given, in force first, then newest first: history is kept. */
  consents: z.array(ConsentView),
  /** Departments and partners to choose from: those involved with the family first. */
  recipients: z.array(ConsentRecipient),
  abilities: Abilities,
});
export type FamilyConsents = z.infer<typeof FamilyConsents>;

export const GiveConsentInput = z.object({
  departmentId: Id,
  scope: ConsentScope.default('coordination'),
});
export type GiveConsentInput = z.infer<typeof GiveConsentInput>;

/** Staff record a consent the parent gave on paper; it is marked as such. */
export const RecordConsentInput = z.object({
  departmentId: Id,
  scope: ConsentScope.default('coordination'),
  givenOn: IsoDate,
  givenByPersonId: Id,
});
export type RecordConsentInput = z.infer<typeof RecordConsentInput>;

export const WithdrawConsentInput = z.object({ version: Version });
export type WithdrawConsentInput = z.infer<typeof WithdrawConsentInput>;
