import { z } from 'zod';
import { Abilities, Id, IsoDate, OptionalText, RequiredText, Version } from '../../platform/http/fields.js';
import { competenceDeciders } from '../competence/rules.js';
import { amountPeriods, childViewsMethods, decisionOutcomes } from './rules.js';

/** Decisions (afgørelser) of a case with today's duties (issue 7 §3): schemas for input and views. */

const hasAtMostTwoDecimals = (value: number) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

export const DecisionInput = z.object({
  decidedOn: IsoDate,
  outcome: z.enum(decisionOutcomes),
  legalBasisId: z.string().min(1, 'required: Choose the legal basis (§).').max(40),
  reasoning: RequiredText(8000),
  /** Kroner, at most two decimals, per amountPeriod; both or neither (decision/rules.ts checkAmountGiven). */
  amountDkk: z.number().min(0, 'too_small: The amount cannot be negative.').max(99_999_999, 'too_big: The amount is too large.')
    .refine(hasAtMostTwoDecimals, 'amount_precision: At most two decimals (øre).').nullish(),
  amountPeriod: z.enum(amountPeriods).nullish(),
  /** The measures the decision is about: measures of the same case only. */
  measureIds: z.array(Id).max(20, 'too_big: At most 20 measures.').optional(),
  /** Barnets Lov §5 stk. 3-4: the child's views (method, date, what the child said) or the reason they were not obtained. */
  childViewsMethod: z.enum(childViewsMethods).nullish(),
  childViewsOn: IsoDate.nullish(),
  childViews: OptionalText(8000),
  childViewsNotObtainedReason: OptionalText(4000),
  /** Barnets Lov §6: the day the child was told of the right to a bisidder. */
  bisidderToldOn: IsoDate.nullish(),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

/** A correction: only the fields given change (null clears an optional one); every rule is checked again. */
export const DecisionUpdate = DecisionInput.partial().extend({ version: Version });
export type DecisionUpdate = z.infer<typeof DecisionUpdate>;

export const DecisionWarning = z.object({ code: z.enum(['bisidder_not_told']), message: z.string() });

export const DecisionView = z.object({
  id: z.string().uuid(),
  caseId: z.string().uuid(),
  decidedOn: z.string(),
  outcome: z.enum(decisionOutcomes),
  legalBasisId: z.string(),
  legalBasisLabel: z.string(),
  legalBasisCategory: z.string(),
  reasoning: z.string(),
  amountDkk: z.number().nullable(),
  amountPeriod: z.enum(amountPeriods).nullable(),
  measures: z.array(z.object({ id: z.string().uuid(), legalBasisLabel: z.string(), description: z.string() })),
  childViewsMethod: z.enum(childViewsMethods).nullable(),
  childViewsOn: z.string().nullable(),
  childViews: z.string().nullable(),
  childViewsNotObtainedReason: z.string().nullable(),
  bisidderToldOn: z.string().nullable(),
  /** Barnets Lov §3: the child's age on the decision date (null without a birth date) and whether the child is a party. */
  childAgeOnDecision: z.number().int().nullable(),
  childIsParty: z.boolean().nullable(),
  /** §6: the child is a party and no "told of the right to a bisidder" date is recorded. */
  warnings: z.array(DecisionWarning),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  version: z.number().int(),
  abilities: Abilities,
  /** Issue 8 item 2: under which kind of rule of which plan version it was decided (null: grants nothing, or before the plan). */
  decidedByKind: z.enum(competenceDeciders).nullable(),
  competencePlanVersionNo: z.number().int().nullable(),
  competenceRulePosition: z.number().int().nullable(),
  proposalId: z.string().uuid().nullable(),
  /** The newest letter to the family (afgørelsesbrev). */
  letter: z.object({ id: z.string().uuid(), body: z.string(), complaintDeadline: z.string().nullable(), createdAt: z.string() }).nullable(),
});
export type DecisionView = z.infer<typeof DecisionView>;

export const CaseDecisions = z.object({
  caseId: z.string().uuid(),
  decisions: z.array(DecisionView),
  abilities: Abilities,
});
export type CaseDecisions = z.infer<typeof CaseDecisions>;
