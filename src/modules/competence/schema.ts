import { z } from 'zod';
import { Abilities, Id, RequiredText } from '../../platform/http/fields.js';
import { competenceDeciders, competencePeriods, competenceRoles } from './rules.js';

/** The decision-competence plan (issue 8 item 1): versions and their rules. */

const categories = ['preventive', 'compensation', 'assessment', 'triage', 'support_measure', 'placement', 'financial_support'] as const;

export const CompetenceRuleInput = z.object({
  legalBasisId: z.string().trim().min(1).max(40).nullish().transform((v) => v ?? null),
  category: z.enum(categories).nullish().transform((v) => v ?? null),
  decidedBy: z.enum(competenceDeciders),
  role: z.enum(competenceRoles).nullish().transform((v) => v ?? null),
  departmentId: Id.nullish().transform((v) => v ?? null),
  maxAmountDkk: z.number().min(0, 'too_small: The amount cannot be negative.').max(99_999_999, 'too_big: The amount is too large.').nullish().transform((v) => v ?? null),
  amountPeriod: z.enum(competencePeriods).nullish().transform((v) => v ?? null),
  defaultPayerDepartmentId: Id.nullish().transform((v) => v ?? null),
});
export type CompetenceRuleInput = z.infer<typeof CompetenceRuleInput>;

export const CompetencePlanInput = z.object({
  /** What changed and why. */
  note: RequiredText(1000),
  rules: z.array(CompetenceRuleInput).max(200),
  /** The version the leader edited (0 when the municipality has no plan yet); another is refused with 409. */
  basedOnVersion: z.number({ error: 'required: The version you edited is required.' }).int().min(0),
  /** Issue 8 item 3: categories a core-team proposal always refers to the visitation committee (000:876-881); placement by default. */
  committeeOnlyCategories: z.array(z.enum(categories)).max(categories.length).default(['placement']).transform((v) => [...new Set(v)]),
});
export type CompetencePlanInput = z.infer<typeof CompetencePlanInput>;

export const CompetenceRuleView = z.object({
  legalBasisId: z.string().nullable(),
  /** The paragraph as shown, e.g. "BL §86" (null for a category rule). */
  legalBasisLabel: z.string().nullable(),
  category: z.string().nullable(),
  decidedBy: z.enum(competenceDeciders),
  role: z.enum(competenceRoles).nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  maxAmountDkk: z.number().nullable(),
  amountPeriod: z.enum(competencePeriods).nullable(),
  defaultPayerDepartmentId: z.string().nullable(),
  defaultPayerDepartmentName: z.string().nullable(),
});
export type CompetenceRuleView = z.infer<typeof CompetenceRuleView>;

export const CompetenceVersionSummary = z.object({
  id: z.string(),
  versionNo: z.number().int(),
  publishedAt: z.string(),
  publishedBy: z.string().nullable(),
  note: z.string(),
  ruleCount: z.number().int(),
  committeeOnlyCategories: z.array(z.string()),
});
export type CompetenceVersionSummary = z.infer<typeof CompetenceVersionSummary>;

export const CompetencePlanView = z.object({
  /** Null while the municipality has published no plan. */
  version: CompetenceVersionSummary.nullable(),
  /** Whether this version is the one in force. */
  current: z.boolean(),
  rules: z.array(CompetenceRuleView),
  abilities: Abilities,
});
export type CompetencePlanView = z.infer<typeof CompetencePlanView>;

export const CompetenceVersions = z.object({ versions: z.array(CompetenceVersionSummary) });
export type CompetenceVersions = z.infer<typeof CompetenceVersions>;
